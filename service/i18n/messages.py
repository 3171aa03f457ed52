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
    # -- comparing plan versions (diff: service/diff/report.py, templates/diff.html) --------------
    "nav.diff": {"nl": "Versies", "en": "Versions"},
    "home.diff": {
        "nl": "Verschillen tussen planversies (2024 → 2025)",
        "en": "Differences between plan versions (2024 → 2025)",
    },
    "diff.title": {"nl": "Verschillen tussen planversies", "en": "Differences between plan versions"},
    "diff.intro": {
        "nl": "Vergelijk twee versies van een actieplan: welke activiteiten erbij kwamen, vervielen, "
        "een ander nummer kregen of werden voortgezet, en per activiteit wat er aan titel, subdoelen, "
        "partijen, stappen, tijdvakken en beoogde resultaten veranderde.",
        "en": "Compare two versions of an action plan: which activities were added, removed, renumbered "
        "or continued, and per activity what changed in its title, subgoals, parties, steps, timeframes "
        "and intended results.",
    },
    "diff.from": {"nl": "van", "en": "from"},
    "diff.to": {"nl": "naar", "en": "to"},
    "diff.from.label": {"nl": "Oude versie", "en": "Old version"},
    "diff.to.label": {"nl": "Nieuwe versie", "en": "New version"},
    "diff.compare": {"nl": "Vergelijk", "en": "Compare"},
    "diff.shipped": {"nl": "gepubliceerde gegevens", "en": "shipped data"},
    "diff.draft": {"nl": "concept uit bestanden", "en": "draft from files"},
    "diff.relation.same-plan": {
        "nl": "Beide kanten zijn {plan}: de ene versie tegenover de andere.",
        "en": "Both sides are {plan}: one version against the other.",
    },
    "diff.relation.next-edition": {"nl": "{to} is een herziening van {from}.", "en": "{to} revises {from}."},
    "diff.relation.previous-edition": {
        "nl": "{from} is een herziening van {to} (vergeleken van nieuw naar oud).",
        "en": "{from} revises {to} (compared from new to old).",
    },
    "diff.relation.other": {"nl": "Twee verschillende plannen.", "en": "Two different plans."},
    "diff.summary": {"nl": "Samenvatting", "en": "Summary"},
    "diff.summary.activities": {
        "nl": "{added} nieuw, {removed} vervallen, {paired} gekoppeld ({continued} voortgezet, "
        "{renumbered} met een ander nummer), {changed} gewijzigd, {unchanged} ongewijzigd",
        "en": "{added} added, {removed} removed, {paired} paired ({continued} continued, {renumbered} renumbered), "
        "{changed} changed, {unchanged} unchanged",
    },
    "diff.summary.details": {
        "nl": "titels: {titlesChanged} gewijzigd; stappen: {stepsAdded} erbij, {stepsRemoved} eraf, "
        "{stepsChanged} gewijzigd ({timeframesMoved} tijdvak(ken) verschoven); partijen: {partiesJoined} erbij, "
        "{partiesLeft} eraf",
        "en": "titles: {titlesChanged} changed; steps: {stepsAdded} added, {stepsRemoved} removed, "
        "{stepsChanged} changed ({timeframesMoved} timeframe(s) moved); parties: {partiesJoined} joined, "
        "{partiesLeft} left",
    },
    "diff.notes": {"nl": "Let op", "en": "Note"},
    "diff.note.past-activities": {
        "nl": "{plan} is alleen bekend uit een verslag van zijn activiteiten: stappen, tijdvakken, subdoelen en "
        "beoogde resultaten staan niet in de gegevens en worden niet vergeleken; de partijen zijn die het "
        "verslag noemt.",
        "en": "{plan} is known only through a report of its activities: their steps, timeframes, subgoals and "
        "intended results are not in the data and are not compared; their parties are the ones the report names.",
    },
    "diff.note.no-team": {
        "nl": "{plan} heeft geen team in de gegevens: het team wordt niet vergeleken.",
        "en": "{plan} has no team in the data: the team is not compared.",
    },
    "diff.added": {"nl": "Nieuwe activiteiten", "en": "Added activities"},
    "diff.removed": {"nl": "Vervallen activiteiten", "en": "Removed activities"},
    "diff.changed": {"nl": "Gewijzigde activiteiten", "en": "Changed activities"},
    "diff.unchanged": {"nl": "Ongewijzigde activiteiten", "en": "Unchanged activities"},
    "diff.none": {"nl": "(geen)", "en": "(none)"},
    "diff.nothing": {"nl": "Geen verschillen.", "en": "No differences."},
    "diff.continued": {"nl": "voortgezet", "en": "continued"},
    "diff.renumbered": {"nl": "ander nummer", "en": "renumbered"},
    "diff.match.content": {"nl": "gekoppeld op inhoud", "en": "paired by content"},
    "diff.activity.title": {"nl": "titel", "en": "title"},
    "diff.activity.cardtitle": {"nl": "titel op de kaart", "en": "title on the card"},
    "diff.activity.subgoals": {"nl": "subdoelen", "en": "subgoals"},
    "diff.activity.issues": {"nl": "toelichting in de gegevens", "en": "note in the data"},
    "diff.parties.joined": {"nl": "partijen erbij", "en": "parties joined"},
    "diff.parties.left": {"nl": "partijen eraf", "en": "parties left"},
    "diff.parties.roles": {"nl": "rol gewijzigd", "en": "role changed"},
    "diff.initiatives.joined": {"nl": "initiatieven erbij", "en": "initiatives added"},
    "diff.initiatives.left": {"nl": "initiatieven eraf", "en": "initiatives dropped"},
    "diff.continuation": {"nl": "voortzetting gewijzigd", "en": "continuation changed"},
    "diff.step": {"nl": "stap", "en": "step"},
    "diff.step.added": {"nl": "erbij", "en": "added"},
    "diff.step.removed": {"nl": "eraf", "en": "removed"},
    "diff.step.text": {"nl": "tekst", "en": "text"},
    "diff.step.leadtext": {"nl": "Wie doet het?", "en": "Who does it?"},
    "diff.step.timeframe": {"nl": "tijdvak", "en": "timeframe"},
    "diff.step.notimeframe": {"nl": "geen tijdvak", "en": "no timeframe"},
    "diff.result": {"nl": "beoogd resultaat", "en": "intended result"},
    "diff.team": {"nl": "Team", "en": "Team"},
    "diff.team.joined": {"nl": "erbij", "en": "joined"},
    "diff.team.left": {"nl": "eraf", "en": "left"},
    "diff.team.former": {"nl": "voormalig", "en": "former"},
    "diff.team.current": {"nl": "huidig", "en": "current"},
    "diff.team.same": {"nl": "ongewijzigd", "en": "unchanged"},
    "diff.stated": {"nl": "Wat het plan zelf als aanpassingen noemt", "en": "What the plan itself lists as changes"},
    "diff.json": {"nl": "Dezelfde vergelijking als JSON", "en": "The same comparison as JSON"},
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
    # -- questions in plain language and the sources of answers (questions_pages.py, sources.html) --
    "nav.questions": {"nl": "Vragen", "en": "Questions"},
    "home.questions.all": {"nl": "Alle vragen, met uitleg en bron", "en": "All questions, explained and sourced"},
    "questions.title": {"nl": "Vragen in gewone taal", "en": "Questions in plain language"},
    "questions.intro": {
        "nl": (
            "Kies een vraag en vul de waarden in: kies ze uit de lijst of typ ze zoals u ze kent "
            "(‘iknl’, ‘Zorginstituut’, ‘Q4 2025’). Het antwoord komt uit de kennisgraaf, met de bron om te citeren."
        ),
        "en": (
            "Choose a question and fill in its values: pick them from the list or type them as you know them "
            "(‘iknl’, ‘Zorginstituut’, ‘Q4 2025’). The answer comes from the knowledge graph, with its source to cite."
        ),
    },
    "questions.example": {"nl": "Bijvoorbeeld", "en": "For example"},
    "questions.api": {"nl": "Dezelfde vragen voor ontwikkelaars", "en": "The same questions for integrators"},
    "question.ask": {"nl": "Beantwoord", "en": "Answer"},
    "question.pick": {
        "nl": "Kies de waarden en klik op ‘Beantwoord’.",
        "en": "Choose the values and click ‘Answer’.",
    },
    "question.rows": {"nl": "rij(en)", "en": "row(s)"},
    "question.sparql": {"nl": "De SPARQL-query achter dit antwoord", "en": "The SPARQL query behind this answer"},
    "question.unknown": {"nl": "Onbekende waarde voor", "en": "Unknown value for"},
    "question.invalid": {"nl": "Ongeldige waarde voor", "en": "Invalid value for"},
    "question.suggestions": {"nl": "Bedoelt u", "en": "Did you mean"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "sources.title": {"nl": "Bron", "en": "Source"},
    "sources.copy": {"nl": "Kopieer bronvermelding", "en": "Copy citation"},
    "sources.copied": {"nl": "Gekopieerd", "en": "Copied"},
    "sources.places": {"nl": "Vindplaatsen", "en": "Places"},
    "sources.curated": {
        "nl": "Toegevoegd door de curatoren (staat niet in een bron)",
        "en": "Added by the curators (not in a source)",
    },
    "sources.reference": {"nl": "referentie", "en": "reference"},
    # releases (nkc-kg publish): service/releases/routes.py
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


# -- the validation page for plan editors (/valideren)
MESSAGES = {
    **MESSAGES,
    "validate.title": {"nl": "Plan valideren", "en": "Validate a plan"},
    "validate.intro": {
        "nl": (
            "Upload een werkmap (gemaakt met nkc-kg export-xlsx), een bestand uit data/ (YAML) of RDF (Turtle, "
            "JSON-LD, N-Triples, RDF/XML). U krijgt te zien wat er niet klopt, per activiteit, met de cel of regel "
            "om aan te passen. Er wordt niets opgeslagen."
        ),
        "en": (
            "Upload a workbook (made with nkc-kg export-xlsx), a file of data/ (YAML) or RDF (Turtle, JSON-LD, "
            "N-Triples, RDF/XML). You see what is wrong, per activity, with the cell or line to change. Nothing is "
            "stored."
        ),
    },
    "validate.file": {"nl": "Bestand", "en": "File"},
    "validate.button": {"nl": "Valideren", "en": "Validate"},
    "validate.wait": {"nl": "Dit duurt ongeveer 15 seconden.", "en": "This takes about 15 seconds."},
    "validate.report": {"nl": "Verslag", "en": "Report"},
    "validate.conforms": {
        "nl": "Geen fouten: dit plan kan worden ingelezen.",
        "en": "No errors: this plan can be imported.",
    },
    "validate.fails": {
        "nl": "Er zijn fouten: los ze op en valideer opnieuw.",
        "en": "There are errors: fix them and validate again.",
    },
    "validate.input": {"nl": "De invoer kan niet worden gelezen", "en": "The input cannot be read"},
    "validate.input.note": {
        "nl": "Eerst deze problemen oplossen; daarna worden de regels van de gegevens gecontroleerd.",
        "en": "Fix these problems first; then the rules of the data are checked.",
    },
    "validate.where": {"nl": "Waar", "en": "Where"},
    "validate.rule": {"nl": "Wat er niet klopt", "en": "What is wrong"},
    "validate.suggestion": {"nl": "Voorstel", "en": "Suggestion"},
    "validate.elsewhere": {
        "nl": "waarschuwing(en) en info over gegevens buiten deze werkmap niet getoond.",
        "en": "warning(s) and info about data outside this workbook not shown.",
    },
    "validate.none": {"nl": "Kies een bestand.", "en": "Choose a file."},
    "validate.unsupported": {
        "nl": "Dit soort bestand wordt niet gelezen; gebruik .xlsx, .yaml, .ttl, .jsonld, .nt, .rdf of .trig.",
        "en": "This kind of file is not read; use .xlsx, .yaml, .ttl, .jsonld, .nt, .rdf or .trig.",
    },
    "validate.too_large": {"nl": "Het bestand is te groot; de grens is", "en": "The file is too large; the limit is"},
    "validate.bytes": {"nl": "bytes", "en": "bytes"},
    "validate.malformed": {
        "nl": "Het formulier kon niet worden gelezen.",
        "en": "The form could not be read.",
    },
    "validate.busy": {
        "nl": "Er worden nu al genoeg bestanden gecontroleerd; probeer het over een halve minuut opnieuw.",
        "en": "Enough files are being checked right now; try again in half a minute.",
    },
    "validate.failed": {
        "nl": "Dit bestand kon niet worden gecontroleerd: het is te groot, te diep genest of te traag om te lezen.",
        "en": "This file could not be checked: it is too large, nested too deeply or too slow to read.",
    },
    "validate.nav": {"nl": "Plan valideren (voor planredacteuren)", "en": "Validate a plan (for plan editors)"},
    "severity.violation": {"nl": "fout", "en": "violation"},
    "severity.warning": {"nl": "waarschuwing", "en": "warning"},
    "severity.info": {"nl": "info", "en": "info"},
    "severity.error": {"nl": "invoerfout", "en": "input error"},
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


# -- pages for people on any screen (issue 15: human entity pages, versions, timeline, matrix) --------
MESSAGES = {
    **MESSAGES,
    "validate.nav.short": {"nl": "Valideren", "en": "Validate"},
    "entity.in.activity": {"nl": "Bekijk dit op de pagina van de activiteit", "en": "See this on the activity's page"},
    "entity.roles": {"nl": "Wie doet wat", "en": "Who does what"},
    "entity.facts": {"nl": "Gegevens", "en": "Facts"},
    "entity.derived": {"nl": "Wat hier staat", "en": "What is written here"},
    "entity.technical": {"nl": "Technische gegevens", "en": "Technical details"},
    "entity.predicate": {"nl": "Eigenschap", "en": "Property"},
    "entity.value": {"nl": "Waarde", "en": "Value"},
    "entity.is": {"nl": "is", "en": "is"},
    "search.also": {"nl": "ook in", "en": "also in"},
    "timeline.today": {"nl": "vandaag", "en": "today"},
    "query.load": {"nl": "Laad voorbeeld", "en": "Load example"},
    "query.cut": {"nl": "Alleen de eerste 500 rijen staan hier.", "en": "Only the first 500 rows are shown here."},
    "severity.violation.plural": {"nl": "fouten", "en": "violations"},
    "severity.warning.plural": {"nl": "waarschuwingen", "en": "warnings"},
    "severity.info.plural": {"nl": "meldingen", "en": "notes"},
    "severity.error.plural": {"nl": "invoerfouten", "en": "input errors"},
    "validate.working": {"nl": "Bezig met valideren…", "en": "Validating…"},
    "validate.nonew": {"nl": "Geen nieuwe problemen.", "en": "No new problems."},
    "validate.recorded": {
        "nl": "Problemen die de bron zelf al heeft (door de curatoren vastgelegd)",
        "en": "Problems the source itself has (recorded by the curators)",
    },
    "validate.recorded.note": {
        "nl": "Deze staan zo in het brondocument; ze zijn geen fout in uw bestand.",
        "en": "These are in the source document as it is; they are not a mistake in your file.",
    },
    "validate.recorded.ofwhich": {"nl": "waarvan uit de bron zelf:", "en": "of which from the source itself:"},
    "subgoal.crosscutting.title": {
        "nl": "Via activiteiten voor alle subdoelen",
        "en": "Through activities for all subgoals",
    },
    "picture.skip": {"nl": "Sla de grafiek over: naar de tabel", "en": "Skip the picture: go to the table"},
    "matrix.year": {"nl": "Alle actieplannen van", "en": "All action plans of"},
    "matrix.year.all": {"nl": "Alle actieplannen van", "en": "All action plans of"},
    "matrix.legend": {"nl": "Legenda", "en": "Legend"},
    "matrix.columns": {"nl": "De subdoelen (kolommen) voluit", "en": "The subgoals (columns) in full"},
    "matrix.crosscutting": {
        "nl": "via activiteiten voor alle subdoelen (gestreept)",
        "en": "through activities for all subgoals (striped)",
    },
    "matrix.crosscutting.short": {"nl": "via activiteit voor alle subdoelen", "en": "through an activity for all"},
    "timeline.party.lead": {"nl": "Trekker (partij)", "en": "Lead (party)"},
    "timeline.legend": {"nl": "Kleur per actieplan", "en": "Colour per action plan"},
    "timeline.table": {"nl": "De stappen als tabel", "en": "The steps as a table"},
    "timeline.step": {"nl": "Stap", "en": "Step"},
    "timeline.what": {"nl": "Wat", "en": "What"},
    "timeline.when": {"nl": "Wanneer", "en": "When"},
    "timeline.who": {"nl": "Wie", "en": "Who"},
    "party.plans": {"nl": "In de actieplannen", "en": "In the action plans"},
    "party.year": {"nl": "Jaar", "en": "Year"},
    "party.allyears": {"nl": "alle jaren", "en": "all years"},
    "party.summary.leads": {"nl": "trekker van", "en": "leads"},
    "party.summary.step": {"nl": "stap", "en": "step"},
    "party.summary.steps": {"nl": "stappen", "en": "steps"},
    "party.summary.involved": {"nl": "betrokken bij", "en": "involved in"},
    "party.summary.activity": {"nl": "activiteit", "en": "activity"},
    "party.summary.activities": {"nl": "activiteiten", "en": "activities"},
    "diff.only.label": {"nl": "Alleen activiteit", "en": "Only activity"},
    "diff.only.all": {"nl": "alle activiteiten", "en": "all activities"},
    "diff.only.shown": {"nl": "Alleen de wijzigingen van activiteit", "en": "Only the changes of activity"},
    "diff.only.everything": {"nl": "Alle wijzigingen tonen", "en": "Show all changes"},
    "activity.versions": {"nl": "Versies", "en": "Versions"},
    "activity.continues": {"nl": "Voortzetting van", "en": "Continues"},
    "activity.continuedby": {"nl": "Voortgezet als", "en": "Continued as"},
    "activity.whatchanged": {"nl": "Wat veranderde", "en": "What changed"},
    "activity.achievement": {"nl": "Wat er gedaan is", "en": "What was done"},
    "search.curated": {"nl": "de lijst van de curatoren", "en": "the curators' list"},
    "entity.of": {"nl": "bij", "en": "of"},
}


# -- progress of a plan (service/progress/, issue 17) ------------------------------------------------
MESSAGES = {
    **MESSAGES,
    "progress.title": {"nl": "Voortgang", "en": "Progress"},
    "progress.intro": {
        "nl": (
            "De stand van elke stap op een datum: de laatste melding van een voortgangsrapportage op of voor die dag."
        ),
        "en": "The state of every step on a date: the latest observation of a progress report on or before that day.",
    },
    "progress.at": {"nl": "Stand per", "en": "As of"},
    "progress.show": {"nl": "Toon", "en": "Show"},
    "progress.steps": {"nl": "stappen", "en": "steps"},
    "progress.all-subgoals": {"nl": "Aan alle subdoelen", "en": "All subgoals"},
    "progress.subgoal": {"nl": "Subdoel", "en": "Subgoal"},
    "progress.whole-plan": {"nl": "Het hele plan", "en": "The whole plan"},
    "progress.per-subgoal": {"nl": "Per subdoel", "en": "Per subgoal"},
    "progress.overdue": {"nl": "Over tijd", "en": "Overdue"},
    "progress.none-overdue": {"nl": "Geen stappen over tijd.", "en": "No steps overdue."},
    "progress.days-late": {"nl": "dagen te laat", "en": "days late"},
    "progress.leads": {"nl": "Trekkers", "en": "Leads"},
    "progress.timeframe": {"nl": "Termijn", "en": "Timeframe"},
    "progress.step": {"nl": "Stap", "en": "Step"},
    "progress.status": {"nl": "Status", "en": "Status"},
    "progress.done": {"nl": "Wat is er gedaan", "en": "What was done"},
    "progress.not-reported": {"nl": "(niet gemeld)", "en": "(not reported)"},
    "progress.continued-as": {"nl": "Wordt voortgezet als", "en": "Continued as"},
    "progress.report": {"nl": "Voortgangsrapportage (afdrukbaar)", "en": "Progress report (printable)"},
    "progress.reports": {"nl": "Rapportages", "en": "Reports"},
    "progress.source": {"nl": "Bron", "en": "Source"},
    "progress.by-curators": {"nl": "status door curatoren afgeleid", "en": "status derived by the curators"},
    "progress.block": {"nl": "Voortgang", "en": "Progress"},
    "progress.state.afgerond": {"nl": "afgerond", "en": "completed"},
    "progress.state.loopt": {"nl": "loopt", "en": "in progress"},
    "progress.state.over-tijd": {"nl": "over tijd", "en": "overdue"},
    "progress.state.niet-gemeld": {"nl": "niet gemeld", "en": "not reported"},
    # -- pages2 helper: links to the progress page, labels in the page's language --
    "home.progress": {"nl": "Voortgang van de plannen", "en": "Progress of the plans"},
    "plan.progress": {"nl": "Voortgang van dit plan", "en": "Progress of this plan"},
}
