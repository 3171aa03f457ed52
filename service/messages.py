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


# -- annotation and completeness (h-annotate) -------------------------------------------------------
MESSAGES = {
    **MESSAGES,
    "annotate.title": {"nl": "Afkortingen en partijen in een tekst", "en": "Abbreviations and parties in a text"},
    "annotate.intro": {
        "nl": "Plak een alinea uit een memo of een nieuw plan: de afkortingen en partijnamen die de kennisgraaf "
        "kent worden gemarkeerd, met hun uitschrijving en een link.",
        "en": "Paste a paragraph of a memo or a new plan: the abbreviations and party names the knowledge graph "
        "knows are highlighted, with their expansion and a link.",
    },
    "annotate.text": {"nl": "Tekst", "en": "Text"},
    "annotate.button": {"nl": "Markeren", "en": "Highlight"},
    "annotate.result": {"nl": "Resultaat", "en": "Result"},
    "annotate.none": {
        "nl": "Geen afkortingen of partijnamen gevonden.",
        "en": "No abbreviations or party names found.",
    },
    "annotate.found": {"nl": "gevonden", "en": "found"},
    "annotate.truncated": {"nl": "hieronder de eerste", "en": "the first shown below:"},
    "annotate.legend": {"nl": "Legenda", "en": "Legend"},
    "annotate.kind.abbreviation": {"nl": "afkorting", "en": "abbreviation"},
    "annotate.kind.party": {"nl": "partij", "en": "party"},
    "annotate.ambiguous": {
        "nl": "meerdere betekenissen: de bronnen verschillen",
        "en": "several meanings: the sources differ",
    },
    "annotate.col.text": {"nl": "In de tekst", "en": "In the text"},
    "annotate.col.kind": {"nl": "Soort", "en": "Kind"},
    "annotate.col.meaning": {"nl": "Betekenis", "en": "Meaning"},
    "annotate.col.defined": {"nl": "Gedefinieerd door", "en": "Defined by"},
    "annotate.col.where": {"nl": "Positie", "en": "Position"},
    "annotate.curated": {"nl": "curatoren", "en": "curators"},
    "annotate.page": {"nl": "pagina", "en": "page"},
    "annotate.api": {
        "nl": 'Hetzelfde als JSON: POST /api/annotate met {"text": …}.',
        "en": 'The same as JSON: POST /api/annotate with {"text": …}.',
    },
    "annotate.toolarge": {"nl": "De tekst is te lang", "en": "The text is too long"},
    "annotate.empty": {"nl": "Typ of plak eerst een tekst.", "en": "Type or paste a text first."},
    "home.annotate": {"nl": "Afkortingen in je eigen tekst", "en": "Abbreviations in your own text"},
    "completeness.title": {"nl": "Volledigheid", "en": "Completeness"},
    "completeness.link": {"nl": "Volledigheid van de gegevens", "en": "Completeness of the data"},
    "completeness.intro": {
        "nl": "Wat de gegevens van dit plan missen, en of dat een gat in de curatie is of gewoon niet in de bron "
        "staat. Elk punt zegt waar het te verbeteren is.",
        "en": "What the data of this plan lacks, and whether that is a curation gap or simply not in the source. "
        "Every item says where to fix it.",
    },
    "completeness.plan": {"nl": "Actieplan", "en": "Action plan"},
    "completeness.show": {"nl": "Toon", "en": "Show"},
    "completeness.summary": {"nl": "Samenvatting", "en": "Summary"},
    "completeness.activities": {"nl": "Activiteiten", "en": "Activities"},
    "completeness.parties": {"nl": "Partijen", "en": "Parties"},
    "completeness.abbreviations": {
        "nl": "Afkortingen die het plan gebruikt maar niet zelf definieert",
        "en": "Abbreviations the plan uses but does not define itself",
    },
    "completeness.unknown": {
        "nl": "Woorden die op een afkorting lijken en die de kennisgraaf niet kent",
        "en": "Words that look like abbreviations and that the knowledge graph does not know",
    },
    "completeness.nothing": {"nl": "Niets gevonden.", "en": "Nothing found."},
    "completeness.checks": {"nl": "Controles (SPARQL)", "en": "Checks (SPARQL)"},
    "completeness.col.item": {"nl": "Wat", "en": "What"},
    "completeness.col.gap": {"nl": "Ontbreekt", "en": "Missing"},
    "completeness.col.status": {"nl": "Status", "en": "Status"},
    "completeness.col.source": {"nl": "Bron", "en": "Source"},
    "completeness.col.fix": {"nl": "Verbeteren in", "en": "Fix in"},
    "completeness.col.abbreviation": {"nl": "Afkorting", "en": "Abbreviation"},
    "completeness.col.count": {"nl": "Keer", "en": "Times"},
    "completeness.col.curated": {"nl": "Uitschrijving van de curatoren", "en": "The curators' expansion"},
    "completeness.col.elsewhere": {"nl": "Gedefinieerd in", "en": "Defined in"},
    "completeness.nocurated": {"nl": "geen", "en": "none"},
    "completeness.nofileline": {
        "nl": "Bestand en regel zijn alleen bekend als de service de gegevens van deze checkout serveert "
        "(of met `nkc-kg completeness`); hier staat de plek in de bron.",
        "en": "File and line are known only when the service serves the data of this checkout "
        "(or with `nkc-kg completeness`); here you see the place in the source.",
    },
    "completeness.step": {"nl": "stap", "en": "step"},
    "completeness.status.gap": {"nl": "in te vullen", "en": "to fill in"},
    "completeness.status.not-in-source": {"nl": "niet in de bron", "en": "not in the source"},
    "completeness.status.in-development": {"nl": "in uitwerking", "en": "in development"},
    "completeness.status.info": {"nl": "ter info", "en": "for information"},
    "completeness.kind.no-timeframe": {"nl": "tijdvak", "en": "timeframe"},
    "completeness.kind.no-steps": {"nl": "stappen (en dus tijdvak)", "en": "steps (and so a timeframe)"},
    "completeness.kind.no-lead": {"nl": "trekker", "en": "lead party"},
    "completeness.kind.no-intended-result": {"nl": "beoogd resultaat", "en": "intended result"},
    "completeness.kind.no-subgoal": {"nl": "subdoel", "en": "subgoal"},
    "completeness.kind.in-development": {"nl": "nog in uitwerking", "en": "still being worked out"},
    "completeness.kind.no-abbreviation": {"nl": "afkorting", "en": "abbreviation"},
    "completeness.kind.no-expansion": {"nl": "uitschrijving van de afkorting", "en": "expansion of its abbreviation"},
    "completeness.reason.past": {
        "nl": "Activiteit van een eerder plan: de bron meldt alleen wat er gedaan is en door wie, geen stappen, "
        "tijdvakken, beoogde resultaten, subdoelen of trekker.",
        "en": "Activity of an earlier plan: the source reports only what was done and by whom, not steps, "
        "timeframes, intended results, subgoals or a lead.",
    },
    "completeness.reason.curated": {
        "nl": "Curatoren: '{expansion}' ({status}).",
        "en": "Curators: '{expansion}' ({status}).",
    },
    "completeness.check.step-without-timeframe": {"nl": "Stappen zonder tijdvak", "en": "Steps without a timeframe"},
    "completeness.check.activity-without-steps": {
        "nl": "Activiteiten zonder stappen (en tijdvak)",
        "en": "Activities without steps (or timeframe)",
    },
    "completeness.check.step-without-lead": {"nl": "Stappen zonder trekker", "en": "Steps without a lead party"},
    "completeness.check.activity-without-lead": {
        "nl": "Activiteiten zonder trekker",
        "en": "Activities without a lead party",
    },
    "completeness.check.activity-without-result": {
        "nl": "Activiteiten zonder beoogd resultaat",
        "en": "Activities without an intended result",
    },
    "completeness.check.activity-without-subgoal": {
        "nl": "Activiteiten zonder subdoel",
        "en": "Activities without a subgoal",
    },
    "completeness.check.activity-in-development": {
        "nl": "Activiteiten in uitwerking",
        "en": "Activities in development",
    },
    "completeness.check.party-abbreviation-without-expansion": {
        "nl": "Partijen met een afkorting zonder uitschrijving",
        "en": "Parties with an abbreviation nothing spells out",
    },
    "completeness.check.party-without-abbreviation": {
        "nl": "Organisaties zonder afkorting",
        "en": "Organisations without an abbreviation",
    },
    "completeness.check.undefined-abbreviation": {
        "nl": "Afkortingen die het plan niet zelf definieert",
        "en": "Abbreviations the plan does not define itself",
    },
    "completeness.check.unknown-abbreviation": {
        "nl": "Onbekende woorden die op een afkorting lijken",
        "en": "Unknown words that look like abbreviations",
    },
}
