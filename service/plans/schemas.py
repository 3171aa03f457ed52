"""Pydantic models of the REST API answers: they document /docs and let tests check the answers' shape.

The routes return pre-serialised JSON (cached bytes), so these models describe the contract rather
than build the answers. Extra fields are allowed, so adding a field never breaks a client.
"""

from __future__ import annotations

from nkc_kg.service.web.schemas import Cited, EntityRef, Open, PartyRef, PlanRef, SubgoalNumbers
from pydantic import Field


class TextRef(EntityRef):
    text: str | None = None
    textEn: str | None = None


class PlanSummary(PlanRef):
    title: str | None = None
    titleEn: str | None = None
    year: int | None = None
    version: str | None = None
    theme: EntityRef | None = None
    document: EntityRef | None = Field(None, description="the source document that describes the plan")
    revisionOf: PlanRef | None = Field(None, description="the plan this one revises")


class PlansOut(Open):
    plans: list[PlanSummary]


class SubCause(EntityRef):
    letter: str | None = None
    text: str | None = None


class CauseOut(EntityRef):
    number: int | None = None
    text: str | None = None
    subCauses: list[SubCause] = []


class SubgoalOut(EntityRef):
    number: int
    title: str | None = Field(None, description="short title of the subgoal")
    text: str | None = None
    api: str | None = Field(None, description="path of 'which parties are involved in this subgoal'")


class ActivitySummary(EntityRef):
    number: int
    title: str | None = None
    type: str = Field(description="prioritised (has an activity card) or past (an earlier plan's activity)")
    status: str | None = None
    subgoals: SubgoalNumbers = Field(description="numbers of the subgoals it serves, or 'all'")
    api: str


class PlanOut(PlanSummary, Cited):
    goal: TextRef | None = None
    problem: TextRef | None = None
    problemDescription: TextRef | None = None
    team: EntityRef | None = Field(None, description="the team that wrote the plan")
    mission: EntityRef | None = None
    causes: list[CauseOut]
    subgoals: list[SubgoalOut]
    activities: list[ActivitySummary]


class Timeframe(EntityRef):
    start: str | None = Field(None, description="first day (ISO date)", examples=["2025-10-01"])
    end: str | None = Field(None, description="last day (ISO date)", examples=["2026-03-31"])
    tentative: bool = False
    approximate: bool = False


class PartyRoles(PartyRef):
    roles: list[str] = Field(description="lead, involved, initiator, project-owner, support, funder, partner")
    steps: list[int] = Field([], description="numbers of the steps it has a role in")
    roleNotes: list[str] = []


class StepOut(EntityRef):
    number: int
    text: str | None = None
    leadText: str | None = Field(None, description="the source's 'Wie doet het?' text")
    timeframe: Timeframe | None = None
    lead: list[PartyRef]
    parties: list[PartyRoles]


class NumberedRef(EntityRef):
    plan: str | None = None
    number: int | None = None


class ResultOut(EntityRef):
    number: int | None = None
    text: str | None = None
    step: int | None = Field(None, description="the step whose result it is")


class InitiativeOut(EntityRef):
    description: str | None = None
    steps: list[int] = Field([], description="the steps it relates to, if it relates to steps rather than the activity")


class MentionOut(EntityRef):
    text: str | None = None
    parties: list[PartyRef] = []


class ActivityOut(EntityRef, Cited):
    plan: PlanRef
    number: int
    title: str | None = None
    cardTitle: str | None = None
    type: str
    status: str | None = None
    achievement: str | None = Field(None, description="what was done (activities of an earlier plan)")
    subgoals: SubgoalNumbers
    servedSubgoals: list[NumberedRef]
    continues: list[NumberedRef]
    continuedBy: list[NumberedRef]
    steps: list[StepOut]
    parties: list[PartyRoles] = Field(description="every party with a role in the activity or one of its steps")
    involved: list[PartyRoles] = Field(description="the parties to involve ('Wie moeten we betrekken?')")
    intendedResults: list[ResultOut]
    initiatives: list[InitiativeOut]
    initiativeMentions: list[MentionOut]


class SubgoalActivityRoles(Open):
    activity: int
    crossCutting: bool
    roles: list[str]
    steps: list[int]


class SubgoalParty(PartyRef):
    roles: list[str]
    activities: list[int] = Field(description="the activities (serving the subgoal) it has a role in")
    crossCutting: bool = Field(description="true if it takes part only through activities that serve all subgoals")
    byActivity: list[SubgoalActivityRoles]


class SubgoalPartiesOut(Cited):
    plan: PlanRef
    subgoal: SubgoalOut
    parties: list[SubgoalParty]
    activities: list[int] = Field(description="every activity that serves the subgoal, cross-cutting ones included")
    crossCuttingActivities: list[int] = Field(description="the activities among them that serve all subgoals")


class PartySummary(PartyRef):
    type: str | None = Field(None, description="most specific class, e.g. Committee, WorkingGroup, Hospital")


class PartiesOut(Open):
    parties: list[PartySummary]


class Involvement(EntityRef):
    plan: str | None
    activity: int | None
    title: str | None = None
    api: str | None = None
    roles: list[str] = Field(description="its roles in the activity and its steps")
    activityRoles: list[str] = Field(description="its roles in the activity itself")
    steps: list[int] = Field(description="numbers of the steps it has a role in")
    leadSteps: list[int] = Field(description="numbers of the steps it leads")


class InitiativeRoles(EntityRef):
    roles: list[str]


class PartyOut(PartySummary, Cited):
    labelEn: str | None = None
    altLabels: list[str]
    description: str | None = None
    homepage: str | None = None
    former: bool = False
    parent: PartyRef | None = Field(None, description="the organisation it is part of")
    parents: list[PartyRef] = []
    subOrganisations: list[PartyRef]
    memberOf: list[PartyRef] = []
    members: list[PartyRef] = []
    teams: list[PartyRef] = Field([], description="teams a person is a member of")
    teamMembers: list[PartyRef] = Field([], description="members of a team")
    affiliations: list[PartyRef] = []
    involvement: list[Involvement]
    initiatives: list[InitiativeRoles] = []


class AbbreviationSense(EntityRef):
    abbreviation: str
    expansion: str | None = None
    expansionEn: str | None = None
    definedBySource: bool = Field(description="false if no source defines it and the curators added it")
    addedByCurators: bool = False
    status: str | None = Field(None, description="curation status of a curators' expansion (verified, derived, …)")
    definedIn: list[EntityRef]
    definedAt: list[EntityRef] = Field([], description="the slides or sections where it is defined")
    usedIn: list[EntityRef] = []
    scheme: EntityRef | None = None
    denotes: list[EntityRef] = []
    note: str | None = None
    sources: list[str] = Field([], description="external sources the curators cite")


class AbbreviationOut(Cited):
    abbreviation: str = Field(examples=["CieOOM"])
    expansion: str | None = Field(None, description="what a source says it stands for (else the curators' expansion)")
    expansions: list[str] = Field(description="every distinct expansion, one per defining document or the curators")
    definedBySource: bool
    status: str | None = None
    definedIn: list[EntityRef] = Field(description="the source documents that define it")
    definedAt: list[EntityRef] = Field([], description="the slides or sections where it is defined")
    denotes: list[EntityRef] = []
    senses: list[AbbreviationSense]
    api: str
    spellings: list[str] | None = Field(None, description="spellings differing only in case, if there are several")


class AbbreviationsOut(Open):
    abbreviations: list[AbbreviationOut]


class TimelineStep(EntityRef):
    plan: str
    activity: int
    step: int
    text: str | None = None
    timeframe: Timeframe | None = None
    lead: list[PartyRef]
    api: str


class TimelineOut(Cited):
    from_: str = Field(alias="from")
    to: str
    plan: str | None = None
    party: str | None = Field(None, description="IRI of the party asked for")
    steps: list[TimelineStep]


class SearchHit(EntityRef):
    type: str = Field(description="class of the entity, e.g. Organisation, Step, Abbreviation")
    match: str = Field(
        description="where the words were found: abbreviation, label, altLabel, title, expansion, text; "
        "initiative (an initiative it carries out) or section (the heading of the source section it was read from)"
    )
    exact: bool = Field(description="the query is exactly a label or abbreviation of the entity")


class SearchOut(Open):
    query: str
    total: int
    results: list[SearchHit]


class CancerTypeOut(EntityRef):
    labelEn: str | None = None
    altLabels: list[str] = []
    domain: EntityRef | None = Field(None, description="EURACAN domain")
    domainStatus: str | None = None
    orphaCode: int | None = None
    orphanet: str | None = None
    orphanetStatus: str | None = None
    icd10: str | None = None


class CancerTypesOut(Open):
    cancerTypes: list[CancerTypeOut]


class EuracanDomainOut(EntityRef):
    notation: str | None = Field(None, examples=["G1"])
    name: str | None = None
    labelEn: str | None = None
    status: str | None = None
    addedByCurators: bool = False
    families: list[str] = []
    cancerTypes: list[EntityRef] = []


class EuracanDomainsOut(Open):
    domains: list[EuracanDomainOut]
