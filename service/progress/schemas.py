"""The JSON answer of GET /api/plans/{plan}/progress (the OpenAPI documentation)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class SubgoalBar(BaseModel):
    subgoal: int | None = Field(None, description="the subgoal's number; null: the activities serving every subgoal")
    title: str | None = None
    steps: int = Field(description="the steps of the activities serving it")
    counts: dict[str, int] = Field(description="steps per state: afgerond, loopt, over-tijd, niet-gemeld")


class ProgressOut(BaseModel):
    plan: str
    at: str = Field(description="the date (YYYY-MM-DD): the latest observation per step on or before it counts")
    steps: int = Field(description="the plan's steps (activities, for a plan known only from a later report)")
    totals: dict[str, int]
    subgoals: list[SubgoalBar]
    overdue: list[dict[str, Any]] = Field(description="steps whose timeframe ended before `at`, not reported closed")
    items: list[dict[str, Any]] = Field(description="every step with its state, latest status and leads")
    reports: list[dict[str, Any]]
    sources: list[dict[str, Any]] = Field(default_factory=list, description="the documents the reports cite")
