"""The curated format of a progress report: status observations per activity and step of a plan.

One YAML file per report under data/ (``voortgang-<plan>-<year>.yaml``). A report says, for the
activities or steps it covers, the status on a date, what was done and where that is stated. Its
status words are the Dutch keys of the scheme (``gepland``, ``loopt``, ``afgerond``, ``uitgesteld``,
``vervallen``); the record keeps whatever was typed, so SHACL can name an unknown one with its
file:line or sheet!cell instead of a reading error.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from nkc_kg.loaders.curated.records import Localised, Slug, SourceIssue, SourceRef, Strict, Text
from pydantic import Field

PROGRESS_STATUSES = ("gepland", "loopt", "afgerond", "uitgesteld", "vervallen")


class StatusObservation(Strict):
    """The status of one activity (``step`` left out) or one step on a date, as a report states it."""

    activity: int = Field(ge=1)
    step: int | None = Field(default=None, ge=1)
    status: Text  # one of PROGRESS_STATUSES (checked by SHACL, so the editor sees the cell)
    date: dt.date  # the day the status holds for
    done: str | None = None  # what was done ("Wat is er gedaan?"), verbatim from the report
    # curated: the report states what was done but not this status word; the curators derived it
    status_basis: Literal["source", "curated"] = "source"
    evidence: list[Text] = Field(default_factory=list)  # links to what shows it (minutes, a publication, a web page)
    source: SourceRef | None = None
    issues: list[SourceIssue] = Field(default_factory=list)


class ProgressReportHeader(Strict):
    id: Slug
    plan: Slug  # the plan whose activities and steps it reports on
    title: Localised
    date: str  # when the report was published, as precise as known: "2025", "2025-12", "2026-01-15"
    publisher: Slug
    source: SourceRef | None = None  # where in its document the report stands (slides 4-7)


class ProgressFile(Strict):
    """A progress report: its own named graph, so the history of reports is kept side by side."""

    document: Slug | None = None  # the document it is part of; left out for a report kept only here
    progress_report: ProgressReportHeader
    observations: list[StatusObservation] = Field(default_factory=list)
    issues: list[SourceIssue] = Field(default_factory=list)
