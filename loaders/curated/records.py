"""The curated source format: one record type per kind of thing in the plans.

These models are the contract between plan editors (who write YAML in data/)
and the RDF builder. Unknown fields are rejected so a typo never silently
drops a fact. data/README.md documents every field for editors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


class Strict(BaseModel):
    # schemas are built when a model is first used: `nkc-kg validate` after an edit reads one file and
    # takes the others from the cache, so most models are never needed (about 0.1 s of its start-up)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SourceRef(Strict):
    """Where in a source document a fact is stated."""

    document: Slug | None = None  # defaults to the file's document
    slide: int | None = Field(default=None, ge=1)
    slides: list[Annotated[int, Field(ge=1)]] | None = None
    section: str | None = None  # e.g. "1.5.3" or a heading
    page: int | None = Field(default=None, ge=1)
    quote: str | None = None  # a short verbatim anchor (oa:TextQuoteSelector)

    @model_validator(mode="after")
    def _one_locator(self) -> SourceRef:
        if self.slide is not None and self.slides is not None:
            raise ValueError("give either slide or slides, not both")
        return self


class SourceIssue(Strict):
    """An inconsistency in the source itself, kept visible instead of fixed."""

    kind: Literal[
        "duplicate-content",
        "numbering",
        "text-differs",
        "missing-in-source",
        "wrong-reference",
        "spelling",
        "incomplete",
        "other",
    ]
    note: Text
    note_en: Text | None = None


class Localised(Strict):
    nl: Text
    en: Text | None = None


class PartyRole(Strict):
    """A party acting in a role; plain strings in YAML mean the default role."""

    party: Slug
    role: Literal["lead", "involved", "initiator", "project-owner", "support", "funder", "partner"] | None = None
    note: str | None = None


PartyRef = Slug | PartyRole


class Party(Strict):
    id: Slug
    type: Literal[
        "organisation",
        "hospital",
        "working-group",
        "committee",
        "network",
        "collaboration",
        "government",
        "group",
        "team",
        "person",
        "role-holder",
        "programme",
    ]
    label: Text  # preferred Dutch label, as the sources write it most
    label_en: Text | None = None
    abbreviation: str | None = None
    alt_labels: list[Text] = []
    part_of: list[Slug] = []  # org:subOrganizationOf (working group of DRCP, committee of ZN …)
    member_of: list[Slug] = []  # org:memberOf (member of a collective or network)
    affiliations: list[Slug] = []  # people: the organisations they work for
    homepage: str | None = None
    description: str | None = None
    status: Literal["source", "curated"] = "source"  # curated: named only by curators
    note: str | None = None
    source: SourceRef | None = None
    sources: list[SourceRef] = []
    issues: list[SourceIssue] = []


class Abbreviation(Strict):
    abbr: Text
    expansion: Text
    expansion_en: Text | None = None
    note: str | None = None  # the source's own parenthetical remark
    denotes: Slug | None = None  # the party, initiative or concept it abbreviates
    source: SourceRef | None = None
    issues: list[SourceIssue] = []


class CuratedAbbreviation(Abbreviation):
    """An abbreviation used in the sources but not defined by them."""

    status: Literal["verified", "derived", "not-verified"]
    reference: list[str] = []  # where the expansion was verified (URLs)
    used_in: list[Slug] = []  # documents that use it without defining it


class Figure(Strict):
    id: Slug
    label: Localised
    value: float | int
    unit: Literal["count", "percent", "percentage-points", "ratio", "per-year"] = "count"
    # average: the source gives a mean ("gemiddeld 17% lager"), not one exact value
    qualifier: Literal["exact", "more-than", "about", "less-than", "average"] = "exact"
    text: Text  # the sentence that states it (short)
    subject: str | None = None
    source: SourceRef


class Initiative(Strict):
    id: Slug
    label: Text
    label_en: Text | None = None
    abbreviation: str | None = None
    description: str | None = None  # in Dutch
    description_en: str | None = None
    parties: list[PartyRef] = []
    homepage: str | None = None
    status: Literal["source", "curated"] = "source"
    source: SourceRef | None = None


class InitiativeMention(Strict):
    text: Text  # the line as the card writes it
    initiatives: list[Slug] = []
    parties: list[PartyRef] = []


class SubCause(Strict):
    letter: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    text: Text
    issues: list[SourceIssue] = []


class Cause(Strict):
    number: int = Field(ge=1)
    text: Text
    preamble: str | None = None  # shared lead-in of the sub-causes ("… door:")
    subcauses: list[SubCause] = []
    source: SourceRef
    issues: list[SourceIssue] = []


class Subgoal(Strict):
    number: int = Field(ge=1)
    text: Text
    short_title: str | None = None  # the name used on canvases and cards
    source: SourceRef
    issues: list[SourceIssue] = []


CanvasDomain = Literal[
    "organisatie-van-zorg",
    "diagnostiek",
    "behandeling",
    "diagnostiek-en-behandeling",
    "onderzoek-innovatie-implementatie",
    "data-infrastructuur",
    "onderwijs-communicatie",
    "beleid",
    "zorg",
    "ondersteuning",
    "overig",
]


class CanvasItem(Strict):
    domain: CanvasDomain | None = None
    text: Text
    subitems: list[Text] = []
    prioritised_activity: int | None = None  # the prioritised activity this canvas line became
    issues: list[SourceIssue] = []


class Canvas(Strict):
    number: int = Field(ge=1)
    title: Text
    cause: int
    subgoal: int
    cause_text: str | None = None  # the canvas's own wording of the cause, if it differs
    preamble: str | None = None  # the canvas's own lead-in of its sub-causes
    subcauses: list[SubCause] = []  # the canvas's own sub-causes, if they differ from the tree
    activities: list[CanvasItem] = []
    outputs: list[CanvasItem] = []
    outcomes: list[CanvasItem] = []
    source: SourceRef
    issues: list[SourceIssue] = []


class Timeframed(Strict):
    timeframe: str | None = None  # verbatim, e.g. "Q4 2025 – Q1 2026"; None when the source gives none


class Step(Timeframed):
    number: int = Field(ge=1)
    text: Text
    lead: list[PartyRef] = []  # "Wie doet het?" item with the same number
    lead_text: str | None = None  # the "Wie doet het?" line verbatim
    parties: list[PartyRef] = []  # other parties named in the step text, with their role
    initiatives: list[Slug] = []
    source: SourceRef | None = None
    issues: list[SourceIssue] = []


class IntendedResult(Strict):
    number: int = Field(ge=1)
    text: Text
    # the steps it belongs to; None: the step with the same number; []: none (the activity as a whole)
    steps: list[int] | None = None


class Activity(Strict):
    number: int = Field(ge=1)
    title: Text  # as on the activity list
    card_title: str | None = None  # as on the card, when it differs
    subgoals: list[int] | Literal["all"] = []
    involved: list[PartyRef] = []  # "Wie moeten we betrekken?"
    involved_text: list[str] = []  # the lines verbatim
    parties: list[PartyRef] = []  # other roles: initiator, project owner …
    steps: list[Step] = []
    results: list[IntendedResult] = []
    initiatives: list[InitiativeMention] = []
    status: Literal["planned", "in-development"] = "planned"
    source: SourceRef  # the activity card
    list_source: SourceRef | None = None  # the list of activities for the year
    issues: list[SourceIssue] = []


class PastActivity(Strict):
    """An activity of an earlier plan, as the later plan reports on it."""

    number: int = Field(ge=1)
    title: Text  # what was planned
    done: str | None = None  # what was done
    continued_by: list[int] = []  # numbers of activities in the revising plan
    parties: list[PartyRef] = []  # parties the report says did the work
    initiatives: list[Slug] = []
    source: SourceRef
    issues: list[SourceIssue] = []


class TeamMember(Strict):
    person: Slug
    affiliations: list[Slug] = []  # as the team list gives them
    affiliation_text: str | None = None
    former: bool = False
    role: str | None = None


class Team(Strict):
    id: Slug
    label: Text
    label_en: Text | None = None
    members: list[TeamMember]
    contributors: list[PartyRef] = []  # groups that worked along (footnote on the team slide)
    contributors_text: str | None = None
    source: SourceRef


class Choice(Strict):
    """A step of "how we came to choices" (Achterliggende keuzes)."""

    number: int = Field(ge=1)
    text: Text
    source: SourceRef
    issues: list[SourceIssue] = []


class Change(Strict):
    """A change the plan lists relative to its predecessor."""

    text: Text
    source: SourceRef


class PlanHeader(Strict):
    id: Slug
    title: Localised
    theme: Literal["zeldzame-kankers", "late-gevolgen"]
    year: int = Field(ge=2000, le=2100)
    version: str
    publisher: Slug
    revises: Slug | None = None
    described_by: Slug | None = None  # when the plan is known only through a later document
    note: str | None = None
    source: SourceRef


class Statement(Strict):
    text: Text
    text_en: str | None = None
    source: SourceRef
    issues: list[SourceIssue] = []


class PlanFile(Strict):
    """A plan, or a part of one: ``plan`` is the header, or the id of a plan headed elsewhere."""

    document: Slug
    plan: PlanHeader | Slug
    changes: list[Change] = []
    mission: Statement | None = None
    goal: Statement | None = None
    problem: Statement | None = None
    problem_summary: Statement | None = None  # "Wat willen we veranderen?"
    causes: list[Cause] = []
    subgoals: list[Subgoal] = []
    canvases: list[Canvas] = []
    activities: list[Activity] = []
    past_activities: list[PastActivity] = []
    teams: list[Team] = []
    choices: list[Choice] = []
    abbreviations: list[Abbreviation] = []
    figures: list[Figure] = []
    initiatives: list[Initiative] = []
    parties: list[Party] = []
    issues: list[SourceIssue] = []


class FrameworkStep(Strict):
    number: int = Field(ge=1)
    section: str
    title: Text
    actions: list[Text] = []
    source: SourceRef | None = None


Requirement = Literal[
    "target-cancer-types",
    "tasks",
    "composition",
    "applicants",
    "applicant-role",
    "patient-information",
    "meeting-frequency",
    "logistics",
    "chair",
    "privacy-agreements",
    "database",
    "evaluation",
    "communication",
]


class FrameworkPrinciple(Strict):
    number: int = Field(ge=1)
    section: str
    title: Text
    title_en: Text | None = None
    text: Text
    items: list[Text] = []
    requires: list[Requirement] = []  # what a panel description must state
    source: SourceRef | None = None


class ExpertPanel(Strict):
    id: Slug
    label: Text
    description: str | None = None
    target_cancer_types: list[str] = []
    tasks: list[str] = []
    composition: list[str] = []
    chair: str | None = None
    meeting_frequency: str | None = None
    privacy_agreements: str | None = None
    coordinator: list[PartyRef] = []
    framework: Slug | None = None  # the framework this description claims to follow
    source: SourceRef
    issues: list[SourceIssue] = []


class Framework(Strict):
    id: Slug
    title: Localised
    version: str
    date: str  # ISO year-month, e.g. "2026-05"
    authors: list[Slug]
    definition: Statement
    aim: Statement
    steps: list[FrameworkStep]
    principles: list[FrameworkPrinciple]


class Bottleneck(Strict):
    number: int = Field(ge=1)
    text: Text
    text_en: str | None = None
    # curated: the curators drew it from running text that names no such item (the text is verbatim)
    status: Literal["source", "curated"] = "source"
    source: SourceRef
    issues: list[SourceIssue] = []


class Campaign(Strict):
    id: Slug
    label: Text
    start: str
    end: str
    edition: int | None = None
    organisers: list[PartyRef] = []
    bottlenecks: list[Bottleneck] = []
    source: SourceRef
    issues: list[SourceIssue] = []


class Finding(Strict):
    """A point a document makes (e.g. a recommendation), kept short."""

    id: Slug
    topic: Text
    text: Text
    source: SourceRef


class DocumentFile(Strict):
    """Facts of a source document that is not an action plan."""

    document: Slug
    framework: Framework | None = None
    panels: list[ExpertPanel] = []
    campaign: Campaign | None = None
    findings: list[Finding] = []
    figures: list[Figure] = []
    abbreviations: list[Abbreviation] = []
    initiatives: list[Initiative] = []
    parties: list[Party] = []
    issues: list[SourceIssue] = []


class Document(Strict):
    id: Slug
    seed: str  # file name in the seeds folder
    title: Localised
    kind: Literal["action-plan", "report", "framework", "press-release"]
    publisher: list[Slug]
    date: str | None = None  # ISO date or year-month or year
    version: str | None = None
    locator: Literal["slide", "section", "page", "paragraph"]
    note: str | None = None
    issues: list[SourceIssue] = []


class EuracanDomain(Strict):
    notation: Annotated[str, StringConstraints(pattern=r"^G(10|[1-9])$")]
    label_en: Text
    label_nl: Text
    number_status: Literal["verified", "derived"]
    families: list[Text] = []
    reference: list[str] = []


class CancerType(Strict):
    id: Slug
    label_nl: Text
    label_en: Text
    alt_labels: list[Text] = []
    euracan_domain: str | None = None
    domain_status: Literal["verified", "derived", "not-verified"] | None = None
    orpha: int | None = None
    orpha_label: str | None = None
    orpha_status: Literal["verified", "derived", "not-verified"] | None = None
    icd10: list[str] = []
    mentioned_in: list[SourceRef] = []
    reference: list[str] = []


class ReferenceFile(Strict):
    """Curated facts the sources rely on but do not state (shared/reference)."""

    documents: list[Document] = []
    euracan_domains: list[EuracanDomain] = []
    cancer_types: list[CancerType] = []
    abbreviations: list[CuratedAbbreviation] = []
    parties: list[Party] = []
    initiatives: list[Initiative] = []
    key_figures_note: str | None = None
