"""Pydantic models of GET /api/plans/{plan}/completeness, for /docs and the tests: they describe the contract
(the route returns pre-serialised JSON); extra fields are allowed, so adding one never breaks a client."""

from __future__ import annotations

from typing import Literal

from nkc_kg.service.web.schemas import Candidate, EntityRef, Open, PlanRef
from pydantic import Field


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
