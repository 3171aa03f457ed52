"""Pydantic models of POST /api/annotate and GET /api/plans/{plan}/completeness, for /docs and the tests.

Like api_models.py they describe the contract (the routes return pre-serialised JSON); extra fields
are allowed, so adding one never breaks a client.
"""

from __future__ import annotations

from typing import Literal

from nkc_kg.service.plans.schemas import EntityRef, Open, PlanRef
from pydantic import Field


class DefinedBy(Open):
    source: bool = Field(description="true when a source document defines it (or names the party)")
    document: EntityRef | None = Field(None, description="the document that defines it")
    at: EntityRef | None = Field(None, description="where: the slide or section")
    curated: bool = Field(description="true for an expansion the curators added (no source defines it)")
    status: str | None = Field(None, description="the curators' status: verified, derived or not-verified")


class Candidate(EntityRef):
    kind: Literal["abbreviation", "party"] = Field(description="an abbreviation's sense, or a party")
    expansion: str | None = None
    expansionEn: str | None = None
    definedBy: DefinedBy
    denotes: EntityRef | None = Field(None, description="the party or initiative an abbreviation stands for")


class Annotation(EntityRef):
    start: int = Field(description="offset of the first character, in Unicode code points", examples=[4])
    end: int = Field(description="offset after the last character, in Unicode code points", examples=[8])
    text: str = Field(description="the matched text, as written", examples=["IKNL"])
    kind: Literal["abbreviation", "party"]
    expansion: str | None = Field(None, examples=["Integraal Kankercentrum Nederland"])
    definedBy: DefinedBy
    denotes: EntityRef | None = None
    ambiguous: bool = Field(description="the candidates name different things or spell the expansion differently")
    sameEntity: bool = Field(description="every candidate names the same entity")
    candidates: list[Candidate]


class AnnotationCounts(Open):
    abbreviation: int
    party: int
    ambiguous: int


class AnnotateIn(Open):
    text: str = Field(description="the text, at most 1 MiB of UTF-8", examples=["Het IKNL-rapport gaat naar ZIN."])


class AnnotateOut(Open):
    length: int = Field(description="length of the text in Unicode code points")
    offsets: str = Field(description="how start and end count")
    total: int = Field(description="how many annotations the text has")
    truncated: bool = Field(description="true when only the first 10,000 are in the answer")
    counts: AnnotationCounts
    annotations: list[Annotation]


class FileLine(Open):
    file: str = Field(examples=["data/late-gevolgen-2025.yaml"])
    line: int = Field(examples=[601])
    at: str = Field(examples=["data/late-gevolgen-2025.yaml:601"])


class StepRef(EntityRef):
    number: int | None = None


class Gap(Open):
    kind: Literal[
        "no-timeframe",
        "no-steps",
        "no-lead",
        "no-intended-result",
        "no-subgoal",
        "in-development",
        "no-abbreviation",
        "no-expansion",
    ]
    check: str = Field(description="the query in queries/completeness/ that found it")
    status: Literal["gap", "not-in-source", "in-development", "info"]
    step: StepRef | None = None
    reason: dict[str, str] | None = Field(None, description="why, in nl and en (the recorded issue, or the rule)")
    source: list[EntityRef] = Field(description="where the source has it: document and slide")
    fix: FileLine | None = Field(None, description="the curated record to edit, when the service knows it")


class ActivityGaps(EntityRef):
    number: int | None = None
    status: str | None = None
    past: bool = Field(description="an activity of an earlier plan, known from a later plan's report")
    gaps: list[Gap]


class PartyGaps(EntityRef):
    abbreviation: str | None = None
    gaps: list[Gap]


class CuratedSense(Candidate):
    fix: FileLine | None = None


class UndefinedAbbreviation(Open):
    abbreviation: str
    kind: Literal["undefined-abbreviation", "unknown-abbreviation"]
    occurrences: int
    usedAt: list[EntityRef]
    usedIn: list[EntityRef]
    curated: CuratedSense | None = Field(None, description="the curators' expansion, if any")
    definedIn: list[EntityRef] = Field(description="other documents that define it")
    candidates: list[Candidate]


class CompletenessSummary(Open):
    gaps: int
    notInSource: int
    inDevelopment: int
    info: int
    activities: int
    parties: int
    undefinedAbbreviations: int
    unknownAbbreviations: int


class CheckOut(Open):
    id: str
    count: int
    title: dict[str, str]
    query: str | None = Field(None, examples=["queries/completeness/step-without-timeframe.rq"])


class CompletenessOut(Open):
    plan: PlanRef
    document: EntityRef | None = None
    summary: CompletenessSummary
    activities: list[ActivityGaps]
    parties: list[PartyGaps]
    abbreviations: list[UndefinedAbbreviation]
    checks: list[CheckOut]
    fileLines: bool = Field(description="whether `fix` (file and line) is known")
