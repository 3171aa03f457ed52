"""The ontology terms and labels the curated values map to (declarative tables)."""

from __future__ import annotations

PARTY_CLASS = {
    "organisation": "Organisation",
    "hospital": "Hospital",
    "working-group": "WorkingGroup",
    "committee": "Committee",
    "network": "Network",
    "collaboration": "Collaboration",
    "government": "GovernmentBody",
    "group": "PartyGroup",
    "team": "Team",
    "person": "Person",
    "role-holder": "RoleHolder",
    "programme": "Programme",
}
ROLE_TERM = {
    "lead": "LeadRole",
    "involved": "InvolvedRole",
    "initiator": "InitiatorRole",
    "project-owner": "ProjectOwnerRole",
    "support": "SupportRole",
    "funder": "FunderRole",
    "partner": "PartnerRole",
}
# The status of an activity or step in a progress report: the Dutch word is the key (the plans' language).
PROGRESS_STATUS_LABELS = {
    "gepland": ("gepland", "planned"),
    "loopt": ("loopt", "in progress"),
    "afgerond": ("afgerond", "completed"),
    "uitgesteld": ("uitgesteld", "postponed"),
    "vervallen": ("vervallen", "cancelled"),
}
STATUS_TERM = {"verified": "Verified", "derived": "Derived", "not-verified": "NotVerified"}
# The concept schemes the builder makes (Builder.concept), named in Dutch and English for their pages.
SCHEME_LABELS = {
    "domain": ("Domeinen van interventies", "Intervention domains"),
    "panel-requirement": ("Eisen aan expertpanels", "Requirements for expert panels"),
    "progress-status": ("Voortgangsstatus", "Progress status"),
    "team-role": ("Rollen in een team", "Roles in a team"),
    "theme": ("Thema's van de actieplannen", "Themes of the action plans"),
}
# Roles in a team as the team slides write them, with their English label; another role gets its Dutch label only.
TEAM_ROLE_LABELS = {"begeleiding": ("begeleiding", "facilitation")}
DOMAIN_LABELS = {
    "organisatie-van-zorg": ("Organisatie van zorg en ondersteuning", "Organisation of care and support"),
    "diagnostiek": ("Diagnostiek", "Diagnostics"),
    "behandeling": ("Behandeling", "Treatment"),
    "diagnostiek-en-behandeling": ("Diagnostiek & behandeling", "Diagnostics & treatment"),
    "onderzoek-innovatie-implementatie": (
        "Onderzoek, innovatie & implementatie",
        "Research, innovation & implementation",
    ),
    "data-infrastructuur": ("Data infrastructuur", "Data infrastructure"),
    "onderwijs-communicatie": (
        "Onderwijs, informatievoorziening en communicatie",
        "Education, information and communication",
    ),
    "beleid": ("Beleid", "Policy"),
    "zorg": ("Zorg", "Care"),
    "ondersteuning": ("Ondersteuning", "Support"),
    "overig": ("Overig", "Other"),
}
THEME_LABELS = {
    "zeldzame-kankers": ("Zeldzame kankers", "Rare cancers"),
    "late-gevolgen": ("(Late) gevolgen van kanker", "(Late) effects of cancer"),
}
REQUIREMENT_LABELS = {
    "target-cancer-types": ("doelgroep (kankersoorten)", "target group (cancer types)"),
    "tasks": ("taken", "tasks"),
    "composition": ("samenstelling", "composition"),
    "applicants": ("deelnemers/aanvragers", "participants/applicants"),
    "applicant-role": ("rol van de aanvrager", "role of the applicant"),
    "patient-information": ("informeren van de patiënt", "informing the patient"),
    "meeting-frequency": ("frequentie van overleg", "meeting frequency"),
    "logistics": ("logistiek", "logistics"),
    "chair": ("voorzitter", "chair"),
    "privacy-agreements": ("privacyafspraken", "privacy agreements"),
    "database": ("database", "database"),
    "evaluation": ("evaluatie", "evaluation"),
    "communication": ("communicatie", "communication"),
}

# Requirements of the framework that a panel description states as a property.
REQUIREMENT_PROPERTY = {
    "target-cancer-types": "targetCancerType",
    "tasks": "task",
    "composition": "composition",
    "chair": "chair",
    "meeting-frequency": "meetingFrequency",
    "privacy-agreements": "privacyAgreements",
}
