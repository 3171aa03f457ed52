"""Pydantic models of POST /api/annotate, for /docs and the tests.

Like every schemas.py they describe the contract (the routes return pre-serialised JSON); extra fields
are allowed, so adding one never breaks a client.
"""

from __future__ import annotations

from typing import Literal

from nkc_kg.service.web.schemas import EntityRef, Open
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
