"""Pydantic models of ``GET /api/diff``: they document /docs and let the tests check the answer's shape.

Like the other REST models (api_models.py) they describe the contract; extra fields are allowed.
"""

from __future__ import annotations

from typing import Literal

from nkc_kg.service.web.schemas import EntityRef, Open, PartyRef, SubgoalNumbers
from pydantic import Field


class DiffSide(EntityRef):
    id: str = Field(description="plan id")
    title: str | None = None
    titleEn: str | None = None
    year: int | None = None
    revisionOf: str | None = Field(None, description="id of the plan this one revises")
    api: str | None = Field(None, description="path of the plan in the REST API (null for a draft)")
    draft: bool = Field(description="true when built from draft files (nkc-kg diff --to-data); url is then null")
    files: list[str] = Field([], description="the draft files")


class SourceIssueNote(Open):
    kind: str | None = None
    note: str | None = Field(None, description="the curators' note, in Dutch")
    noteEn: str | None = None


class DiffActivity(EntityRef):
    plan: str
    number: int
    type: Literal["prioritised", "past"] = Field(description="prioritised (an activity card) or past (reported)")
    title: str | None = None
    cardTitle: str | None = None
    api: str | None = None
    issues: list[SourceIssueNote] = Field([], description="the curators' notes on the source of this activity")


class TextChange(Open):
    from_: str | None = Field(alias="from")
    to: str | None


class SubgoalsChange(Open):
    from_: SubgoalNumbers = Field(alias="from")
    to: SubgoalNumbers


class PartyWithRoles(PartyRef):
    roles: list[str] = Field(description="lead, project-owner, initiator, funder, partner, support, involved")


class PartyRolesChange(PartyWithRoles):
    from_: list[str] = Field(alias="from", description="its roles before")
    to: list[str] = Field(description="its roles after")


class PartiesChange(Open):
    joined: list[PartyWithRoles] = Field(description="parties with a role only in the new version")
    left: list[PartyWithRoles] = Field(description="parties with a role only in the old version")
    rolesChanged: list[PartyRolesChange]


class InitiativesChange(Open):
    joined: list[EntityRef]
    left: list[EntityRef]


class DiffTimeframe(Open):
    label: str | None = Field(None, description="as the source writes it", examples=["Q4 2025 – Q1 2026"])
    start: str | None = Field(None, description="first day (ISO date)")
    end: str | None = Field(None, description="last day (ISO date)")
    tentative: bool = False
    approximate: bool = False
    ongoing: bool = False


class TimeframeChange(Open):
    from_: DiffTimeframe | None = Field(alias="from")
    to: DiffTimeframe | None
    moved: bool = Field(description="true when the first or last day changed")


class DiffStep(EntityRef):
    number: int
    text: str | None = None
    leadText: str | None = Field(None, description="the source's 'Wie doet het?' text")
    timeframe: DiffTimeframe | None = None


class StepChange(Open):
    from_: DiffStep = Field(alias="from")
    to: DiffStep
    renumbered: bool
    similarity: float = Field(description="likeness of the two texts, 0..1")
    text: TextChange | None = None
    leadText: TextChange | None = None
    timeframe: TimeframeChange | None = None
    parties: PartiesChange = Field(description="parties joined or left in this step, or whose role changed")


class StepsChange(Open):
    added: list[DiffStep]
    removed: list[DiffStep]
    changed: list[StepChange]


class DiffResult(EntityRef):
    number: int | None = None
    text: str | None = None
    steps: list[int] = Field(default_factory=list, description="the steps it is the result of")


class ResultChange(Open):
    from_: DiffResult = Field(alias="from")
    to: DiffResult
    renumbered: bool
    text: TextChange | None = None
    steps: dict[str, list[int]] | None = None


class ResultsChange(Open):
    added: list[DiffResult]
    removed: list[DiffResult]
    changed: list[ResultChange]


class LinkRef(EntityRef):
    plan: str | None = None
    number: int | None = None
    direction: Literal["continues", "continuedBy"]


class ContinuationChange(Open):
    from_: list[LinkRef] = Field(alias="from")
    to: list[LinkRef]


class ActivityChanges(Open):
    title: TextChange | None = None
    cardTitle: TextChange | None = None
    subgoals: SubgoalsChange | None = None
    parties: PartiesChange = Field(description="over the whole activity: its own roles and its steps'")
    initiatives: InitiativesChange
    steps: StepsChange | None = Field(None, description="null when not comparable (a past activity has no steps)")
    results: ResultsChange | None = None
    continuation: ContinuationChange | None = Field(
        None, description="links to activities of other plans, when they differ (a renumbering draft leaves them stale)"
    )


class DiffEntry(Open):
    status: Literal["added", "removed", "changed", "unchanged"]
    from_: DiffActivity | None = Field(alias="from")
    to: DiffActivity | None
    match: Literal["continuation", "number", "content"] | None = Field(
        description="how the pair was found: a continuation link, the same number, or alike content (renumbered)"
    )
    similarity: float | None = Field(description="likeness of titles or content, 0..1")
    continued: bool
    renumbered: bool
    changes: ActivityChanges | None
    notComparable: list[str] = Field(description="aspects one side does not have (cardTitle, results, steps, subgoals)")


class DiffSummary(Open):
    added: int
    removed: int
    paired: int
    continued: int
    renumbered: int
    changed: int
    unchanged: int
    titlesChanged: int
    stepsAdded: int
    stepsRemoved: int
    stepsChanged: int
    timeframesMoved: int
    partiesJoined: int
    partiesLeft: int


class DiffNote(Open):
    code: Literal["past-activities", "no-team"]
    side: Literal["from", "to"]
    plan: str
    text: str


class TeamMember(EntityRef):
    former: bool | None = None


class TeamChange(Open):
    from_: EntityRef = Field(alias="from")
    to: EntityRef
    joined: list[TeamMember]
    left: list[TeamMember]
    formerChanged: list[EntityRef]


class StatedChange(EntityRef):
    number: int | None = None
    text: str


class DiffOut(Open):
    from_: DiffSide = Field(alias="from")
    to: DiffSide
    relation: Literal["same-plan", "next-edition", "previous-edition", "other"]
    summary: DiffSummary
    notes: list[DiffNote] = Field(description="what could not be compared, and why")
    activities: list[DiffEntry] = Field(description="in the order of the new version, removed ones where they were")
    team: TeamChange | None = Field(None, description="null when either plan has no team in the data")
    statedChanges: list[StatedChange] = Field(
        description="what the new plan itself lists as changed (only when it revises the old one)"
    )
