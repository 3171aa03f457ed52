"""Pydantic models several features' answers share: the error format, entity references and citations.

Like every schemas.py they describe the contract for /docs and the tests (the routes return pre-serialised
JSON); extra fields are allowed, so adding one never breaks a client.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ErrorOut(Open):
    error: str = Field(description="what went wrong", examples=["unknown plan 'zeldzame-kankers-2030'"])
    detail: Any = Field(None, description="more about it: known values, suggestions, the offending parameter")


class EntityRef(Open):
    iri: str = Field(description="the entity's IRI")
    url: str | None = Field(description="root-relative path on this service where the IRI dereferences")
    label: str = Field(description="human-readable label (Dutch where the graph has one)")


# -- where an answer's facts come from (service/graph/provenance.py); added to the answers that cite ----


class SourceLocation(EntityRef):
    kind: str = Field(description="slide, section or page")
    number: int | None = Field(None, description="slide or page number")
    section: str | None = Field(None, description="section number or name")
    labelEn: str | None = None


class SourceOut(Open):
    document: EntityRef = Field(description="the source document")
    title: dict[str, str] = Field(description="its title in Dutch (nl) and English (en)")
    publisher: list[EntityRef]
    date: str | None = None
    version: str | None = Field(None, description="edition or version of the document")
    locations: list[SourceLocation] = Field(description="the slides, sections or pages the answer rests on")
    citation: dict[str, str] = Field(
        description="ready-to-paste citation, Dutch (nl) and English (en)",
        examples=[{"nl": "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025, dia 34."}],
    )


class CuratedOut(EntityRef):
    curated: bool = Field(True, description="always true: the curators added this, no source states it")
    kind: str = Field(description="undefined-abbreviation, named-by-curators or added")
    status: str | None = Field(None, description="verified, derived or not-verified")
    references: list[str] = Field([], description="the reference URLs the curators rely on")
    note: str | None = None
    explanation: dict[str, str] = Field(description="what the curators added, Dutch (nl) and English (en)")
    via: EntityRef | None = Field(None, description="the curators' abbreviation entry that names it")


class Cited(Open):
    sources: list[SourceOut] = Field([], description="per source document: the places the answer rests on, cited")
    curated: list[CuratedOut] = Field([], description="facts in the answer that the curators added (not in a source)")


class PlanRef(EntityRef):
    id: str | None = Field(None, description="plan id, e.g. zeldzame-kankers-2025")
    api: str | None = Field(None, description="path of this plan in the REST API")


class PartyRef(EntityRef):
    abbreviation: str | None = None
    api: str | None = Field(None, description="path of this party in the REST API")


SubgoalNumbers = list[int] | Literal["all"]

# the error answers of a route that takes a plan, party, … (OpenAPI ``responses``)
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a malformed parameter"},
    404: {"model": ErrorOut, "description": "unknown plan, subgoal, activity, party or abbreviation"},
}
BAD_REQUEST = {400: ERRORS[400]}


# An abbreviation's sense or a party, as the annotator and the completeness view both name them
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
