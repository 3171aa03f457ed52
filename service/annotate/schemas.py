"""Pydantic models of POST /api/annotate, for /docs and the tests.

Like every schemas.py they describe the contract (the routes return pre-serialised JSON); extra fields
are allowed, so adding one never breaks a client.
"""

from __future__ import annotations

from typing import Literal

from nkc_kg.service.web.schemas import Candidate, DefinedBy, EntityRef, Open
from pydantic import Field


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
