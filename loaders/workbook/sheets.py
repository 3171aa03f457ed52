"""The sheets of a plan workbook: their columns, Dutch headers, English meaning and the help text.

One place describes the workbook; the export writes it (and its README sheet) from here and the import
reads by these headers, so a column moved or a sheet reordered by an editor still reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.progress import PROGRESS_STATUSES
from nkc_kg.loaders.workbook.cells import (
    ACTIVITY_STATUS,
    ALL_SUBGOALS,
    CANVAS_COLUMNS,
    ISSUE_KINDS,
    NO,
    PARTY_TYPES,
    RECORD_STATUS,
    ROLES,
    STATEMENTS,
    YES,
    words,
)

SOURCE_HELP = (
    "Waar het staat: 'dia 19', \"dia's 8, 10\", 'sectie 1.5.3' of 'pagina 4'; 'document <id>' ervoor als het een "
    "ander document is; 'citaat <tekst>' als laatste voor een letterlijk anker. Leeg: de bron van het geheel.",
    "Where it is written: 'dia 19' (slide), \"dia's 8, 10\" (slides), 'sectie 1.5.3' (section) or 'pagina 4' "
    "(page); 'document <id>' first for another document; 'citaat <text>' (a verbatim anchor) last. "
    "Empty: the source of the whole.",
)
PARTIES_HELP = (
    "Partijen gescheiden door komma's: id of afkorting (zie Partijen), met rol en toelichting tussen haakjes "
    "waar nodig: 'iknl, nfk (ondersteunend: ter ondersteuning)'.",
    "Parties separated by commas: id or abbreviation (see Partijen), with role and note in brackets where "
    "needed: 'iknl, nfk (ondersteunend: ter ondersteuning)'.",
)


@dataclass(frozen=True)
class Column:
    key: str  # the name the import and export use
    header: str  # Dutch, as in row 1
    header_en: str
    help_nl: str
    help_en: str
    width: int = 14
    dropdown: str | None = None  # a list of Lijsten, or "Sheet!A" for the values of another sheet's column
    wrap: bool = False  # long text: wrap in the cell


@dataclass(frozen=True)
class Sheet:
    name: str
    name_en: str
    about_nl: str
    about_en: str
    columns: tuple[Column, ...]
    vertical: bool = False  # one record, a field per row (Veld | Waarde)
    optional: bool = False  # a workbook written before the sheet existed still reads (as an empty sheet)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def col(key: str, header: str, header_en: str, help_nl: str, help_en: str, width: int = 14, **kw: object) -> Column:
    return Column(key, header, header_en, help_nl, help_en, width, **kw)  # type: ignore[arg-type]


def text_col(key: str, header: str, header_en: str, help_nl: str, help_en: str, width: int = 60) -> Column:
    return Column(key, header, header_en, help_nl, help_en, width, wrap=True)


def source_col(key: str = "source", header: str = "Bron", header_en: str = "Source") -> Column:
    return Column(key, header, header_en, *SOURCE_HELP, width=16)


def activity_col(help_nl: str = "Nummer van de activiteit", help_en: str = "Number of the activity") -> Column:
    return Column("activity", "Activiteit", "Activity", help_nl, help_en, 11, dropdown="Activiteiten!A")


def _choices(model: type[r.Strict], field: str) -> list[str]:
    """The values a Literal field of a curated record allows (one place for them: loaders/curated/records.py)."""
    return list(get_args(model.model_fields[field].annotation))


# Vocabularies for the drop-down lists, one column each on the sheet Lijsten.
LISTS: dict[str, tuple[str, list[str]]] = {
    "roles": ("Rollen", words(ROLES)),
    "kinds": ("Soorten bronprobleem", words(ISSUE_KINDS)),
    "party_types": ("Partijtypen", words(PARTY_TYPES)),
    "record_status": ("Herkomst", words(RECORD_STATUS)),
    "activity_status": ("Status activiteit", words(ACTIVITY_STATUS)),
    "canvas_columns": ("Canvaskolommen", words(CANVAS_COLUMNS)),
    "statements": ("Uitgangspunten", words(STATEMENTS)),
    "yes_no": ("Ja/nee", [YES, NO]),
    "domains": ("Domeinen", list(get_args(r.CanvasDomain))),
    "themes": ("Thema's", _choices(r.PlanHeader, "theme")),
    "units": ("Eenheden", _choices(r.Figure, "unit")),
    "qualifiers": ("Precisie", _choices(r.Figure, "qualifier")),
    "progress_status": ("Voortgangsstatus", list(PROGRESS_STATUSES)),
}

PLAN = Sheet(
    "Plan",
    "Plan",
    "De kop van het plan: één veld per rij.",
    "The plan's header: one field per row.",
    (
        col("id", "Id", "Id", "Id van het plan (wordt deel van de IRI; niet wijzigen)", "Plan id (part of IRIs)"),
        text_col("title", "Titel", "Title", "Titel van het plan", "Title of the plan"),
        text_col("title_en", "Titel (en)", "Title (English)", "Engelse titel", "English title"),
        col("theme", "Thema", "Theme", "Thema", "Theme", dropdown="themes"),
        col("year", "Jaar", "Year", "Jaar van het plan", "Year of the plan"),
        col("version", "Versie", "Version", "Versie zoals het plan die noemt", "Version as the plan names it"),
        col("publisher", "Uitgever", "Publisher", "Id van de uitgevende partij", "Id of the publishing party"),
        col(
            "revises", "Herziet plan", "Revises plan", "Id van het plan dat dit plan herziet", "Id of the revised plan"
        ),
        col(
            "described_by",
            "Beschreven in",
            "Described in",
            "Document dat het plan beschrijft, als dat niet het plan zelf is",
            "Document describing the plan, when it is not the plan itself",
        ),
        text_col("note", "Notitie", "Note", "Toelichting van de curatoren (Engels)", "Curators' note (English)"),
        source_col(),
    ),
    vertical=True,
)

FILES = Sheet(
    "Bestanden",
    "Files",
    "In welke bestanden van data/ de import het plan schrijft, en welke onderdelen in welk bestand staan. "
    "Laat staan zoals het is, tenzij u het plan over andere bestanden wilt verdelen.",
    "Which files of data/ the import writes the plan into, and which parts go in which file. Leave as it is "
    "unless you want to spread the plan over other files.",
    (
        col("file", "Bestand", "File", "Naam van het bestand in data/", "Name of the file in data/", 40),
        col(
            "document", "Document", "Document", "Id van het brondocument (data/sources.yaml)", "Source document id", 36
        ),
        col(
            "fields",
            "Onderdelen",
            "Parts",
            "Velden van het bestand (namen uit data/README.md), gescheiden door komma's; wat nergens staat, komt "
            "in het bestand met 'plan'",
            "Fields of the file (names from data/README.md), comma-separated; parts listed nowhere go to the file "
            "with 'plan'",
            80,
        ),
    ),
)

STATEMENT_SHEET = Sheet(
    "Uitgangspunten",
    "Statements",
    "Missie, doel, probleem en probleemomschrijving ('Wat willen we veranderen?').",
    "Mission, goal, problem and problem description ('What do we want to change?').",
    (
        col(
            "part",
            "Onderdeel",
            "Part",
            "missie, doel, probleem of probleemomschrijving",
            "which statement",
            22,
            dropdown="statements",
        ),
        text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 80),
        text_col("text_en", "Tekst (en)", "Text (English)", "Engelse vertaling", "English translation", 60),
        source_col(),
    ),
)

CHANGES = Sheet(
    "Wijzigingen",
    "Changes",
    "Wat het plan wijzigt ten opzichte van zijn voorganger, in volgorde.",
    "What the plan changes relative to its predecessor, in order.",
    (text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 100), source_col()),
)

CAUSES = Sheet(
    "Oorzaken",
    "Causes",
    "De probleemboom: een rij per oorzaak, met daaronder een rij per sub-oorzaak (A, B, …).",
    "The problem tree: a row per cause, followed by a row per sub-cause (A, B, …).",
    (
        col("cause", "Oorzaak", "Cause", "Nummer van de oorzaak", "Number of the cause", 10),
        col(
            "letter",
            "Sub-oorzaak",
            "Sub-cause",
            "Letter van de sub-oorzaak; leeg voor de oorzaak zelf",
            "Letter of the sub-cause; empty for the cause itself",
            12,
        ),
        text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 80),
        text_col(
            "preamble",
            "Inleiding",
            "Preamble",
            "Gezamenlijke inleiding van de sub-oorzaken ('… door:')",
            "Shared lead-in of the sub-causes",
            40,
        ),
        source_col(),
    ),
)

SUBGOALS = Sheet(
    "Subdoelen",
    "Subgoals",
    "De subdoelen van het plan.",
    "The plan's subgoals.",
    (
        col("number", "Nummer", "Number", "Nummer van het subdoel", "Number of the subgoal", 10),
        text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 80),
        text_col(
            "short_title",
            "Korte titel",
            "Short title",
            "De naam op canvassen en kaarten",
            "The name used on canvases and cards",
            30,
        ),
        source_col(),
    ),
)

CANVASES = Sheet(
    "Canvassen",
    "Canvases",
    "Een rij per canvas; de regels van het canvas staan op Canvasregels.",
    "A row per canvas; its lines are on Canvasregels.",
    (
        col("number", "Canvas", "Canvas", "Nummer van het canvas", "Number of the canvas", 10),
        text_col("title", "Titel", "Title", "Titel van het canvas", "Title of the canvas", 40),
        col(
            "cause",
            "Oorzaak",
            "Cause",
            "Nummer van de oorzaak die het canvas aanpakt",
            "Number of its cause",
            10,
            dropdown="Oorzaken!A",
        ),
        col(
            "subgoal",
            "Subdoel",
            "Subgoal",
            "Nummer van het subdoel",
            "Number of its subgoal",
            10,
            dropdown="Subdoelen!A",
        ),
        text_col(
            "cause_text",
            "Oorzaak (eigen tekst)",
            "Cause (own wording)",
            "Hoe het canvas de oorzaak formuleert, als dat afwijkt",
            "The canvas's wording of the cause",
            40,
        ),
        text_col(
            "preamble",
            "Inleiding",
            "Preamble",
            "De eigen inleiding van de sub-oorzaken op het canvas",
            "The canvas's own lead-in of its sub-causes",
            30,
        ),
        source_col(),
    ),
)

CANVAS_LINES = Sheet(
    "Canvasregels",
    "Canvas lines",
    "De regels van elk canvas: eigen sub-oorzaken, activiteiten, outputs en outcomes, in volgorde.",
    "The lines of each canvas: its own sub-causes, activities, outputs and outcomes, in order.",
    (
        col("canvas", "Canvas", "Canvas", "Nummer van het canvas", "Number of the canvas", 10),
        col(
            "column",
            "Kolom",
            "Column",
            "sub-oorzaak, activiteit, output of outcome",
            "Which column",
            14,
            dropdown="canvas_columns",
        ),
        col(
            "number",
            "Nr",
            "No.",
            "Volgnummer binnen de kolom (letter bij een sub-oorzaak); voor verwijzingen op Bronproblemen",
            "Position in the column (letter for a sub-cause); referred to from Bronproblemen",
            6,
        ),
        col(
            "domain", "Domein", "Domain", "Het kopje op het canvas", "The heading on the canvas", 24, dropdown="domains"
        ),
        text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 70),
        text_col(
            "subitems",
            "Subregels",
            "Sub-items",
            "Opsomming onder de regel, één per regel in de cel",
            "Bullets under the line, one per line in the cell",
            30,
        ),
        col(
            "activity",
            "Geprioriteerde activiteit",
            "Prioritised activity",
            "Nummer van de activiteit die deze regel werd",
            "The prioritised activity this line became",
            14,
            dropdown="Activiteiten!A",
        ),
    ),
)

ACTIVITIES = Sheet(
    "Activiteiten",
    "Activities",
    "Een rij per geprioriteerde activiteit (activiteitenkaart). Stappen, betrokkenen, resultaten en lopende "
    "initiatieven staan op hun eigen bladen.",
    "A row per prioritised activity (activity card). Steps, involved parties, results and ongoing initiatives "
    "have sheets of their own.",
    (
        col("number", "Nummer", "Number", "Nummer van de activiteit", "Number of the activity", 10),
        text_col("title", "Titel", "Title", "Titel zoals op de lijst van activiteiten", "Title as on the list", 60),
        text_col(
            "card_title",
            "Titel op kaart",
            "Card title",
            "Alleen als de kaart het anders formuleert",
            "Only when the card words it differently",
            40,
        ),
        col(
            "subgoals",
            "Subdoelen",
            "Subgoals",
            f"Nummers van de subdoelen (1, 3) of '{ALL_SUBGOALS}'",
            f"Subgoal numbers (1, 3) or '{ALL_SUBGOALS}' (all)",
            12,
        ),
        col(
            "status",
            "Status",
            "Status",
            "gepland of in ontwikkeling",
            "planned or in development",
            16,
            dropdown="activity_status",
        ),
        text_col(
            "involved_text",
            "Betrokken (letterlijk)",
            "Involved (verbatim)",
            "'Wie moeten we betrekken?' letterlijk, één regel per regel",
            "The lines verbatim, one per line",
            50,
        ),
        source_col("source", "Bron (kaart)", "Source (card)"),
        source_col("list_source", "Bron (lijst)", "Source (list)"),
    ),
)

STEPS = Sheet(
    "Stappen",
    "Steps",
    "'Wat gaan we doen?': een rij per stap, met termijn en trekkers ('Wie doet het?').",
    "'What will we do?': a row per step, with its timeframe and leads ('Who does it?').",
    (
        activity_col(),
        col("number", "Stap", "Step", "Nummer van de stap binnen de activiteit", "Number of the step", 8),
        text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 70),
        col(
            "timeframe",
            "Termijn",
            "Timeframe",
            "Letterlijk, zonder haakjes: '2025', 'Q2 2025', 'Q1 t/m Q3 2025', 'Q4 2025 – Q1 2026', 'doorlopend'",
            "Verbatim, without brackets",
            22,
        ),
        Column("lead", "Trekkers", "Leads", *PARTIES_HELP, width=34, wrap=True),
        text_col(
            "lead_text",
            "Trekkers (letterlijk)",
            "Leads (verbatim)",
            "'Wie doet het?' letterlijk",
            "The 'Who does it?' line verbatim",
            40,
        ),
        col(
            "initiatives",
            "Initiatieven",
            "Initiatives",
            "Ids van initiatieven (zie Initiatieven), met komma's",
            "Initiative ids, comma-separated",
            22,
        ),
        source_col(),
    ),
)

INVOLVED = Sheet(
    "Betrokkenen",
    "Involved parties",
    "Partijen van een activiteit of stap met hun rol: 'Wie moeten we betrekken?' (rol betrokken) en andere rollen. "
    "De trekkers van een stap staan op Stappen.",
    "Parties of an activity or step with their role: 'Who should we involve?' (role betrokken) and other roles. "
    "The leads of a step are on Stappen.",
    (
        activity_col(),
        col(
            "step",
            "Stap",
            "Step",
            "Nummer van de stap; leeg voor de activiteit als geheel",
            "Step number; empty for the activity as a whole",
            8,
        ),
        col(
            "party",
            "Partij",
            "Party",
            "Id of afkorting van de partij (zie Partijen)",
            "Party id or abbreviation",
            30,
            dropdown="Partijen!A",
        ),
        col(
            "role",
            "Rol",
            "Role",
            "trekker, betrokken, initiatiefnemer, projecteigenaar, ondersteunend, financier, partner",
            "lead, involved, initiator, project owner, support, funder, partner",
            16,
            dropdown="roles",
        ),
        text_col("note", "Notitie", "Note", "Toelichting zoals de bron die geeft", "Note as the source gives it", 40),
    ),
)

RESULTS = Sheet(
    "Resultaten",
    "Intended results",
    "'Wat is het beoogde resultaat?': een rij per resultaat.",
    "'What is the intended result?': a row per result.",
    (
        activity_col(),
        col("number", "Nummer", "Number", "Nummer van het resultaat", "Number of the result", 10),
        text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 80),
        col(
            "steps",
            "Bij stap(pen)",
            "For step(s)",
            "Stappen waar het resultaat bij hoort (1, 2); leeg: de stap met hetzelfde nummer; '-': geen",
            "Steps it belongs to; empty: the step with the same number; '-': none",
            14,
        ),
    ),
)

MENTIONS = Sheet(
    "Lopende initiatieven",
    "Ongoing initiatives",
    "'Welke andere initiatieven lopen er op dit onderwerp?': een rij per regel van de kaart.",
    "'Which other initiatives are under way on this topic?': a row per line of the card.",
    (
        activity_col(),
        text_col("text", "Tekst", "Text", "De regel zoals de kaart hem schrijft", "The line as the card writes it", 70),
        col("initiatives", "Initiatieven", "Initiatives", "Ids van de genoemde initiatieven", "Initiative ids", 26),
        Column("parties", "Partijen", "Parties", *PARTIES_HELP, width=30, wrap=True),
    ),
)

PAST = Sheet(
    "Eerdere activiteiten",
    "Past activities",
    "Activiteiten van een eerder plan zoals een later plan erover rapporteert; hun partijen staan op Betrokkenen.",
    "Activities of an earlier plan as a later plan reports on them; their parties are on Betrokkenen.",
    (
        col("number", "Nummer", "Number", "Nummer van de activiteit", "Number of the activity", 10),
        text_col("title", "Titel", "Title", "Wat gepland was", "What was planned", 50),
        text_col("done", "Gedaan", "Done", "Wat er gedaan is", "What was done", 60),
        col(
            "continued_by",
            "Voortgezet als",
            "Continued as",
            "Nummers van activiteiten in het volgende plan",
            "Activity numbers in the next plan",
            14,
        ),
        col("initiatives", "Initiatieven", "Initiatives", "Ids van initiatieven", "Initiative ids", 22),
        source_col(),
    ),
)

PROGRESS = Sheet(
    "Voortgang",
    "Progress",
    "De voortgang: een rij per stap (of per activiteit van een eerder plan) met de status op een datum. "
    "Een rij met een status komt in de rapportage van kolom Rapport (leeg: het plan-id, met het jaar erbij "
    "voor een later jaar); een rij zonder status wordt overgeslagen. Per rapportage wordt een bestand "
    "data/voortgang-<rapport>.yaml geschreven; meldingen die hier niet staan blijven bewaard.",
    "Progress: a row per step (or per activity of an earlier plan) with its status on a date. A row with a "
    "status goes into the report of column Rapport (empty: the plan id, with the year added for a later year); "
    "a row without a status is skipped. Each report is written to data/voortgang-<report>.yaml; observations "
    "not listed here are kept.",
    (
        activity_col(),
        col(
            "step",
            "Stap",
            "Step",
            "Nummer van de stap; leeg voor de activiteit als geheel",
            "Step number; empty: the activity",
            8,
        ),
        col(
            "status",
            "Status",
            "Status",
            "gepland, loopt, afgerond, uitgesteld of vervallen",
            "gepland (planned), loopt (in progress), afgerond (completed), uitgesteld (postponed), "
            "vervallen (cancelled)",
            14,
            dropdown="progress_status",
        ),
        col(
            "date",
            "Datum",
            "Date",
            "De dag waarop de status geldt: JJJJ-MM-DD",
            "The day the status holds for: YYYY-MM-DD",
            12,
        ),
        text_col(
            "done",
            "Toelichting",
            "What was done",
            "Wat er gedaan is (verplicht bij afgerond)",
            "What was done (required for afgerond)",
            60,
        ),
        Column(
            "source",
            "Bron",
            "Source",
            SOURCE_HELP[0] + " Of een link (https://…) per regel als onderbouwing.",
            SOURCE_HELP[1] + " Or a link (https://…) per line as evidence.",
            width=24,
            wrap=True,
        ),
        col("report", "Rapport", "Report", "Id van de rapportage", "Id of the report", 22),
        text_col(
            "text", "Stap (tekst)", "Step (text)", "Ter informatie; wordt niet ingelezen", "For reference; not read", 50
        ),
        col("timeframe", "Termijn", "Timeframe", "Ter informatie; wordt niet ingelezen", "For reference; not read", 16),
    ),
    optional=True,
)

TEAMS = Sheet(
    "Teams",
    "Teams",
    "Het team dat het plan schreef; de leden staan op Teamleden.",
    "The team that wrote the plan; its members are on Teamleden.",
    (
        col("id", "Team", "Team", "Id van het team", "Team id", 24),
        text_col("label", "Naam", "Name", "Naam van het team", "Name of the team", 30),
        text_col("label_en", "Naam (en)", "Name (English)", "Engelse naam", "English name", 30),
        Column("contributors", "Bijdragers", "Contributors", *PARTIES_HELP, width=30, wrap=True),
        text_col(
            "contributors_text", "Bijdragers (letterlijk)", "Contributors (verbatim)", "Letterlijk", "Verbatim", 40
        ),
        source_col(),
    ),
)

MEMBERS = Sheet(
    "Teamleden",
    "Team members",
    "Een rij per lid van een team.",
    "A row per team member.",
    (
        col("team", "Team", "Team", "Id van het team", "Team id", 24),
        col("person", "Persoon", "Person", "Id van de persoon (zie Partijen)", "Person id", 24, dropdown="Partijen!A"),
        col(
            "affiliations",
            "Organisaties",
            "Organisations",
            "Ids van de organisaties, met komma's",
            "Organisation ids, comma-separated",
            26,
        ),
        text_col(
            "affiliation_text",
            "Organisatie (letterlijk)",
            "Organisation (verbatim)",
            "Zoals de teamlijst het schrijft",
            "As the team list writes it",
            30,
        ),
        col(
            "former",
            "Voormalig",
            "Former",
            "ja als het een voormalig lid is",
            "ja (yes) for a former member",
            10,
            dropdown="yes_no",
        ),
        col("role", "Rol in team", "Role in team", "Bijvoorbeeld voorzitter", "E.g. chair", 16),
    ),
)

CHOICES = Sheet(
    "Keuzes",
    "Choices",
    "'Achterliggende keuzes': hoe het plan tot zijn keuzes kwam.",
    "'Underlying choices': how the plan came to its choices.",
    (
        col("number", "Nummer", "Number", "Nummer van de keuze", "Number of the choice", 10),
        text_col("text", "Tekst", "Text", "Letterlijke tekst", "Verbatim text", 90),
        source_col(),
    ),
)

ABBREVIATIONS = Sheet(
    "Afkortingen",
    "Abbreviations",
    "De afkortingenlijst van het plan.",
    "The plan's list of abbreviations.",
    (
        col("abbr", "Afkorting", "Abbreviation", "De afkorting", "The abbreviation", 14),
        text_col("expansion", "Voluit", "Expansion", "Zoals het plan hem uitschrijft", "As the plan expands it", 50),
        text_col("expansion_en", "Voluit (en)", "Expansion (English)", "Engelse uitleg", "English expansion", 40),
        text_col("note", "Opmerking", "Note", "Eigen opmerking van de bron", "The source's own remark", 30),
        col("denotes", "Staat voor", "Denotes", "Id van de partij of het initiatief", "Party or initiative id", 24),
        source_col(),
    ),
)

FIGURES = Sheet(
    "Cijfers",
    "Figures",
    "Kerncijfers die het plan noemt.",
    "Key figures the plan states.",
    (
        col("id", "Id", "Id", "Id van het cijfer", "Figure id", 20),
        text_col("label", "Omschrijving", "Label", "Wat het cijfer is", "What the figure is", 30),
        text_col("label_en", "Omschrijving (en)", "Label (English)", "Engels", "English", 30),
        col("value", "Waarde", "Value", "Het getal", "The number", 10),
        col("unit", "Eenheid", "Unit", "count, percent, …", "count, percent, …", 14, dropdown="units"),
        col(
            "qualifier",
            "Precisie",
            "Qualifier",
            "exact, more-than, about, less-than, average (gemiddeld)",
            "exact, more than, …",
            12,
            dropdown="qualifiers",
        ),
        text_col("text", "Tekst", "Text", "De zin die het noemt", "The sentence that states it", 50),
        col("subject", "Onderwerp", "Subject", "Waarover het gaat", "What it is about", 20),
        source_col(),
    ),
)

ISSUES = Sheet(
    "Bronproblemen",
    "Source issues",
    "Onvolkomenheden van de bron zelf, zichtbaar gehouden in plaats van stil verbeterd. 'Bij' zegt waarbij: "
    "plan, missie, doel, probleem, probleemomschrijving, oorzaak 5, oorzaak 5C, subdoel 3, canvas 2, "
    "canvas 2 sub-oorzaak B, canvas 2 activiteit 3 (of output/outcome), activiteit 3, activiteit 3 stap 2, "
    "keuze 1, afkorting CieOOM, partij nvmo.",
    "Inconsistencies of the source itself, kept visible rather than silently fixed. 'Bij' (at) says where: "
    "plan, missie (mission), doel (goal), probleem (problem), probleemomschrijving (problem description), "
    "oorzaak 5 (cause), oorzaak 5C (sub-cause), subdoel 3 (subgoal), canvas 2, canvas 2 sub-oorzaak B, "
    "canvas 2 activiteit 3 (or output/outcome), activiteit 3 (activity), activiteit 3 stap 2 (step), "
    "keuze 1 (choice), afkorting CieOOM (abbreviation), partij nvmo (party).",
    (
        col("target", "Bij", "At", "Waarbij het probleem hoort (zie boven)", "What the issue is about (see above)", 26),
        col("kind", "Soort", "Kind", "Soort probleem", "Kind of issue", 20, dropdown="kinds"),
        text_col("note", "Toelichting", "Note", "Wat er aan de hand is (Nederlands)", "What is wrong (Dutch)", 70),
        text_col("note_en", "Toelichting (en)", "Note (English)", "Hetzelfde in het Engels", "The same in English", 60),
    ),
)

PARTIES = Sheet(
    "Partijen",
    "Parties",
    "Alle partijen die de plannen noemen (gedeeld door alle plannen). Een nieuwe rij is een nieuwe partij; een "
    "rij weghalen verwijdert de partij niet (andere plannen gebruiken haar).",
    "Every party the plans name (shared by all plans). A new row is a new party; removing a row does not delete "
    "the party (other plans use it).",
    (
        col(
            "id",
            "Id",
            "Id",
            "Id (kleine letters, cijfers, streepjes; wordt deel van de IRI)",
            "Id (lowercase, digits, hyphens; part of the IRI)",
            30,
        ),
        col("type", "Type", "Type", "Soort partij", "Kind of party", 18, dropdown="party_types"),
        text_col("label", "Naam", "Name", "Naam zoals de bronnen die het meest schrijven", "Preferred Dutch name", 40),
        text_col("label_en", "Naam (en)", "Name (English)", "Engelse naam", "English name", 30),
        col("abbreviation", "Afkorting", "Abbreviation", "Afkorting", "Abbreviation", 14),
        text_col(
            "alt_labels",
            "Andere namen",
            "Other names",
            "Andere schrijfwijzen, één per regel",
            "Other spellings, one per line",
            30,
        ),
        col("part_of", "Onderdeel van", "Part of", "Ids, met komma's", "Ids, comma-separated", 20),
        col("member_of", "Lid van", "Member of", "Ids, met komma's", "Ids, comma-separated", 16),
        col(
            "affiliations",
            "Verbonden aan",
            "Affiliations",
            "Voor personen: ids van hun organisaties",
            "For people: ids of their organisations",
            20,
        ),
        col("homepage", "Website", "Homepage", "Adres van de website", "Website address", 24),
        text_col("description", "Beschrijving", "Description", "Beschrijving", "Description", 30),
        col(
            "status",
            "Herkomst",
            "Status",
            "uit bron, of door curatoren (niet door een bron genoemd)",
            "source, or curated (named by no source)",
            14,
            dropdown="record_status",
        ),
        text_col("note", "Notitie", "Note", "Notitie van de curatoren", "Curators' note", 30),
        source_col(),
        Column(
            "sources",
            "Andere bronnen",
            "Other sources",
            "Meer plaatsen, één per regel (zoals Bron)",
            "More places, one per line (like Bron)",
            22,
            wrap=True,
        ),
        col(
            "file",
            "Bestand",
            "File",
            "Het bestand waarin de partij staat; leeg voor een nieuwe (komt in parties.yaml)",
            "The file defining the party; empty for a new one (goes to parties.yaml)",
            22,
        ),
    ),
)

INITIATIVES = Sheet(
    "Initiatieven",
    "Initiatives",
    "Alle initiatieven, projecten en studies die de plannen noemen (gedeeld door alle plannen).",
    "Every initiative, project and study the plans name (shared by all plans).",
    (
        col("id", "Id", "Id", "Id (kleine letters, cijfers, streepjes)", "Id (lowercase, digits, hyphens)", 28),
        text_col("label", "Naam", "Name", "Naam", "Name", 40),
        text_col("label_en", "Naam (en)", "Name (English)", "Engelse naam", "English name", 26),
        col("abbreviation", "Afkorting", "Abbreviation", "Afkorting", "Abbreviation", 14),
        text_col("description", "Beschrijving", "Description", "Beschrijving", "Description", 40),
        text_col("description_en", "Beschrijving (en)", "Description (English)", "Engels", "English", 40),
        Column("parties", "Partijen", "Parties", *PARTIES_HELP, width=34, wrap=True),
        col("homepage", "Website", "Homepage", "Adres van de website", "Website address", 24),
        col(
            "status",
            "Herkomst",
            "Status",
            "uit bron, of door curatoren",
            "source, or curated",
            14,
            dropdown="record_status",
        ),
        source_col(),
        col(
            "file",
            "Bestand",
            "File",
            "Het bestand waarin het initiatief staat; leeg voor een nieuw (komt in initiatives.yaml)",
            "The file defining it; empty for a new one (goes to initiatives.yaml)",
            22,
        ),
    ),
)

# In the order of the workbook, after the README sheet; the list sheet comes last.
SHEETS: tuple[Sheet, ...] = (
    PLAN,
    STATEMENT_SHEET,
    CHANGES,
    CAUSES,
    SUBGOALS,
    CANVASES,
    CANVAS_LINES,
    ACTIVITIES,
    STEPS,
    INVOLVED,
    RESULTS,
    MENTIONS,
    PAST,
    PROGRESS,
    TEAMS,
    MEMBERS,
    CHOICES,
    ABBREVIATIONS,
    FIGURES,
    ISSUES,
    PARTIES,
    INITIATIVES,
    FILES,
)
README_SHEET = "Lees mij"
LISTS_SHEET = "Lijsten"


@dataclass
class Row:
    """One row of a table: its values by column key, and the sheet row it was read from (or will be written to)."""

    values: dict[str, object]
    number: int = 0
    cells: dict[str, str] = field(default_factory=dict)  # column key -> "Sheet!C14"

    def get(self, key: str) -> object:
        return self.values.get(key)


Tables = dict[str, list[Row]]  # sheet name -> rows
