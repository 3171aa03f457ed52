"""Every UI string of the pages for people, in Dutch (first) and English.

Data labels come from the graph (rdfs:label@nl / @en); only the words of the interface live here.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "site.title": {
        "nl": "Kennisgraaf actieplannen Nederlands Kanker Collectief",
        "en": "Knowledge graph of the Nederlands Kanker Collectief action plans",
    },
    "site.short": {"nl": "NKC-kennisgraaf", "en": "NKC knowledge graph"},
    "site.intro": {
        "nl": (
            "De actieplannen als doorzoekbare, gekoppelde gegevens: wie doet wat, wanneer, met wie, en waar het staat."
        ),
        "en": "The action plans as searchable, linked data: who does what, when, with whom, and where it is written.",
    },
    "skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "nav.home": {"nl": "Start", "en": "Home"},
    "nav.plans": {"nl": "Actieplannen", "en": "Action plans"},
    "nav.matrix": {"nl": "Betrokkenheid", "en": "Involvement"},
    "nav.timeline": {"nl": "Tijdlijn", "en": "Timeline"},
    "nav.query": {"nl": "SPARQL", "en": "SPARQL"},
    "nav.main": {"nl": "Hoofdmenu", "en": "Main menu"},
    "lang.switch": {"nl": "English", "en": "Nederlands"},
    "lang.switch.label": {"nl": "Switch to English", "en": "Naar het Nederlands"},
    "search.label": {
        "nl": "Zoek een partij, plan, activiteit of afkorting",
        "en": "Search a party, plan, activity or abbreviation",
    },
    "search.button": {"nl": "Zoeken", "en": "Search"},
    "search.title": {"nl": "Zoeken", "en": "Search"},
    "search.results": {"nl": "Resultaten voor", "en": "Results for"},
    "search.none": {"nl": "Niets gevonden.", "en": "Nothing found."},
    "search.empty": {"nl": "Typ een zoekterm.", "en": "Type something to search for."},
    "home.plans": {"nl": "Actieplannen", "en": "Action plans"},
    "home.views": {"nl": "Overzichten", "en": "Overviews"},
    "home.matrix": {
        "nl": "Betrokkenheid: partijen × subdoelen",
        "en": "Involvement: parties × subgoals",
    },
    "home.timeline": {"nl": "Tijdlijn van de stappen", "en": "Timeline of the steps"},
    "home.questions": {"nl": "Vragen", "en": "Questions"},
    "home.developers": {"nl": "Voor ontwikkelaars", "en": "For integrators"},
    "home.query": {"nl": "SPARQL-querypagina", "en": "SPARQL query page"},
    "home.api": {"nl": "REST API (OpenAPI)", "en": "REST API (OpenAPI)"},
    "home.ontology": {"nl": "Ontologie", "en": "Ontology"},
    "home.void": {"nl": "Datasetbeschrijving (VoID/DCAT)", "en": "Dataset description (VoID/DCAT)"},
    "home.dumps": {"nl": "Volledige dumps", "en": "Full dumps"},
    "plan.goal": {"nl": "Doel", "en": "Goal"},
    "plan.subgoals": {"nl": "Subdoelen", "en": "Subgoals"},
    "plan.activities": {"nl": "Activiteiten", "en": "Activities"},
    "plan.matrix": {"nl": "Wie is waarbij betrokken?", "en": "Who is involved where?"},
    "plan.timeline": {"nl": "Tijdlijn van dit plan", "en": "Timeline of this plan"},
    "subgoal": {"nl": "Subdoel", "en": "Subgoal"},
    "subgoal.who": {"nl": "Wie is betrokken?", "en": "Who is involved?"},
    "subgoal.activities": {"nl": "Activiteiten voor dit subdoel", "en": "Activities for this subgoal"},
    "subgoal.crosscutting": {"nl": "subdoel-overstijgend", "en": "cross-cutting"},
    "subgoal.crosscutting.note": {
        "nl": "Subdoel-overstijgend: betrokken via een activiteit die voor alle subdoelen geldt.",
        "en": "Cross-cutting: involved through an activity that serves all subgoals.",
    },
    "subgoal.none": {"nl": "Geen partijen gevonden.", "en": "No parties found."},
    "activity": {"nl": "Activiteit", "en": "Activity"},
    "activity.steps": {"nl": "Stappen", "en": "Steps"},
    "activity.timeline": {"nl": "Stappen op de tijdlijn", "en": "Steps on the timeline"},
    "activity.lead": {"nl": "Wie doet het?", "en": "Who does it?"},
    "activity.when": {"nl": "Wanneer", "en": "When"},
    "activity.involved": {"nl": "Betrokken partijen", "en": "Involved parties"},
    "activity.results": {"nl": "Beoogde resultaten", "en": "Intended results"},
    "activity.initiatives": {"nl": "Lopende initiatieven", "en": "Ongoing initiatives"},
    "activity.subgoals": {"nl": "Draagt bij aan", "en": "Contributes to"},
    "activity.allsubgoals": {"nl": "alle subdoelen", "en": "all subgoals"},
    "party": {"nl": "Partij", "en": "Party"},
    "party.abbreviation": {"nl": "Afkorting", "en": "Abbreviation"},
    "party.altlabels": {"nl": "Ook genoemd", "en": "Also called"},
    "party.parent": {"nl": "Onderdeel van", "en": "Part of"},
    "party.children": {"nl": "Onderdelen", "en": "Sub-organisations"},
    "party.leads": {"nl": "Trekt", "en": "Leads"},
    "party.involved": {"nl": "Betrokken bij", "en": "Involved in"},
    "party.none": {"nl": "Niets gevonden.", "en": "Nothing found."},
    "party.steps": {"nl": "stappen", "en": "steps"},
    "matrix.title": {"nl": "Betrokkenheid van partijen per subdoel", "en": "Involvement of parties per subgoal"},
    "matrix.plan": {"nl": "Actieplan", "en": "Action plan"},
    "matrix.show": {"nl": "Toon", "en": "Show"},
    "matrix.desc": {
        "nl": "Elke rij is een partij, elke kolom een subdoel; de kleur van een vakje is de sterkste rol.",
        "en": "Each row is a party, each column a subgoal; a cell's colour is the strongest role.",
    },
    "matrix.table": {"nl": "Dezelfde gegevens als tabel", "en": "The same data as a table"},
    "timeline.title": {"nl": "Tijdlijn van de stappen", "en": "Timeline of the steps"},
    "timeline.from": {"nl": "Van", "en": "From"},
    "timeline.to": {"nl": "Tot", "en": "To"},
    "timeline.plan": {"nl": "Actieplan", "en": "Action plan"},
    "timeline.party": {"nl": "Partij", "en": "Party"},
    "timeline.any": {"nl": "alle", "en": "all"},
    "timeline.show": {"nl": "Toon", "en": "Show"},
    "timeline.count": {"nl": "stappen", "en": "steps"},
    "timeline.undated": {"nl": "geen termijn", "en": "no timeframe"},
    "timeline.desc": {
        "nl": "Elke balk is een stap, van begin tot eind van zijn termijn.",
        "en": "Each bar is a step, from the start to the end of its timeframe.",
    },
    "role.lead": {"nl": "Trekker", "en": "Lead"},
    "role.involved": {"nl": "Betrokken", "en": "Involved"},
    "role.initiator": {"nl": "Initiatiefnemer", "en": "Initiator"},
    "role.project-owner": {"nl": "Projecteigenaar", "en": "Project owner"},
    "role.support": {"nl": "Ondersteunend", "en": "Support"},
    "role.funder": {"nl": "Financier", "en": "Funder"},
    "role.partner": {"nl": "Partner", "en": "Partner"},
    "type.ActionPlan": {"nl": "actieplan", "en": "action plan"},
    "type.Subgoal": {"nl": "subdoel", "en": "subgoal"},
    "type.Goal": {"nl": "doel", "en": "goal"},
    "type.Cause": {"nl": "oorzaak", "en": "cause"},
    "type.SubCause": {"nl": "deeloorzaak", "en": "sub-cause"},
    "type.Canvas": {"nl": "canvas", "en": "canvas"},
    "type.PrioritisedActivity": {"nl": "activiteit", "en": "activity"},
    "type.PastActivity": {"nl": "activiteit (eerder)", "en": "past activity"},
    "type.PlannedActivity": {"nl": "activiteit", "en": "activity"},
    "type.Step": {"nl": "stap", "en": "step"},
    "type.IntendedResult": {"nl": "beoogd resultaat", "en": "intended result"},
    "type.Initiative": {"nl": "initiatief", "en": "initiative"},
    "type.Party": {"nl": "partij", "en": "party"},
    "type.Organisation": {"nl": "organisatie", "en": "organisation"},
    "type.Hospital": {"nl": "ziekenhuis", "en": "hospital"},
    "type.GovernmentBody": {"nl": "overheidsorgaan", "en": "government body"},
    "type.Network": {"nl": "netwerk", "en": "network"},
    "type.Collaboration": {"nl": "samenwerkingsverband", "en": "collaboration"},
    "type.WorkingGroup": {"nl": "werkgroep", "en": "working group"},
    "type.Committee": {"nl": "commissie", "en": "committee"},
    "type.Team": {"nl": "team", "en": "team"},
    "type.Programme": {"nl": "programma", "en": "programme"},
    "type.PartyGroup": {"nl": "groep partijen", "en": "group of parties"},
    "type.Person": {"nl": "persoon", "en": "person"},
    "type.Abbreviation": {"nl": "afkorting", "en": "abbreviation"},
    "type.RareCancerType": {"nl": "zeldzame kankersoort", "en": "rare cancer type"},
    "type.EuracanDomain": {"nl": "EURACAN-domein", "en": "EURACAN domain"},
    "type.Campaign": {"nl": "campagne", "en": "campaign"},
    "type.KeyFigure": {"nl": "kerncijfer", "en": "key figure"},
    "type.SourceDocument": {"nl": "brondocument", "en": "source document"},
    "type.ExpertPanel": {"nl": "expertpanel", "en": "expert panel"},
    "entity.formats": {"nl": "Ook als", "en": "Also as"},
    "entity.referenced": {"nl": "Verwijzingen hiernaar", "en": "Referenced by"},
    "entity.statements": {"nl": "Gegevens", "en": "Statements"},
    "notfound.title": {"nl": "Niet gevonden", "en": "Not found"},
    "notfound.text": {
        "nl": "Deze pagina bestaat niet (meer). Zoek hieronder of ga naar de startpagina.",
        "en": "This page does not exist (any more). Search below or go to the home page.",
    },
    "badrequest.title": {"nl": "Ongeldige vraag", "en": "Invalid request"},
    "query.title": {"nl": "SPARQL-query", "en": "SPARQL query"},
    "query.example": {"nl": "Voorbeeld", "en": "Example"},
    "query.note": {
        "nl": "Parameters zoals ?plan zijn hier vrije variabelen; bind ze zelf.",
        "en": "Parameters such as ?plan are free variables here; bind them yourself.",
    },
    "query.text": {"nl": "Query", "en": "Query"},
    "query.run": {"nl": "Uitvoeren", "en": "Run"},
    "query.rows": {"nl": "rij(en)", "en": "row(s)"},
    "ontology.title": {"nl": "nkc-kg-ontologie", "en": "nkc-kg ontology"},
    "ontology.classes": {"nl": "Klassen", "en": "Classes"},
    "ontology.objectProperties": {"nl": "Objecteigenschappen", "en": "Object properties"},
    "ontology.dataProperties": {"nl": "Data-eigenschappen", "en": "Datatype properties"},
    "footer.data": {"nl": "Gegevens", "en": "Data"},
    # releases (nkc-kg publish): service/release_routes.py
    "releases.title": {"nl": "Releases", "en": "Releases"},
    "releases.intro": {
        "nl": (
            "Elke release is een gecontroleerde momentopname van de kennisgraaf: alleen gepubliceerd als de "
            "SHACL-validatie slaagt en elke vraag nog het verwachte antwoord geeft. Met controlesommen, "
            "een CSV per vraag, de ontologie en het validatierapport."
        ),
        "en": (
            "Each release is a checked snapshot of the knowledge graph: published only when SHACL validation "
            "passes and every question still gives its expected answer. With checksums, a CSV per question, "
            "the ontology and the validation report."
        ),
    },
    "releases.follow": {"nl": "Volgen", "en": "Follow"},
    "releases.none": {
        "nl": "Er zijn nog geen releases. `nkc-kg publish` maakt er een.",
        "en": "There are no releases yet. `nkc-kg publish` makes one.",
    },
    "releases.version": {"nl": "Versie", "en": "Version"},
    "releases.release": {"nl": "Release", "en": "Release"},
    "releases.issued": {"nl": "Uitgegeven", "en": "Issued"},
    "releases.quads": {"nl": "Quads", "en": "Quads"},
    "releases.changes": {"nl": "Wijzigingen", "en": "Changes"},
    "releases.current": {"nl": "actueel", "en": "current"},
    "releases.diff": {"nl": "verschil per vraag", "en": "difference per question"},
    "releases.validation": {"nl": "SHACL-validatie", "en": "SHACL validation"},
    "releases.violations": {"nl": "fouten", "en": "violations"},
    "releases.warnings": {"nl": "waarschuwingen", "en": "warnings"},
    "releases.competency": {"nl": "Vragen met verwacht antwoord", "en": "Questions with their expected answer"},
    "releases.previous": {"nl": "Vorige release", "en": "Previous release"},
    "releases.bundle": {"nl": "Alles in één zip", "en": "Everything in one zip"},
    "releases.file": {"nl": "Bestand", "en": "File"},
    "releases.bytes": {"nl": "Bytes", "en": "Bytes"},
    "home.releases": {"nl": "Releases (met feed)", "en": "Releases (with a feed)"},
}


def message(key: str, lang: str) -> str:
    """The UI string ``key`` in ``lang``; a missing key shows itself, so it is noticed rather than blank."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]


def role_label(role: str, lang: str) -> str:
    return message(f"role.{role}", lang) if f"role.{role}" in MESSAGES else role


def kind_label(kind: str, lang: str) -> str:
    """The name of an entity class (``Committee``) for people; unknown classes show as they are."""
    return message(f"type.{kind}", lang) if f"type.{kind}" in MESSAGES else kind
