"""Pydantic models of the question catalogue's answers (GET /api/questions, …/{id}, …/options), for /docs and
the tests: they describe the contract (the routes return pre-serialised JSON); extra fields are allowed."""

from __future__ import annotations

from typing import Any

from nkc_kg.service.web.schemas import Cited, Open
from pydantic import Field


class ParameterDescription(Open):
    name: str
    type: str
    label: dict[str, str] = Field(description="the picker's label, Dutch (nl) and English (en)")
    choices: str | None = Field(None, description="where the options come from: plans, subgoals, parties, …")
    example: str


class QuestionSummary(Open):
    id: str = Field(examples=["parties-in-subgoal"])
    question: dict[str, str] = Field(description="the question in general terms, Dutch (nl) and English (en)")
    template: dict[str, str] = Field(description="the question with a {parameter} placeholder per value")
    parameters: list[ParameterDescription]
    api: str = Field(description="this question's answer for the example values")
    options: str = Field(description="where the pickers' options are")
    page: str = Field(description="the question page for people")


class QuestionsOut(Open):
    questions: list[QuestionSummary]


class ResolvedParameter(Open):
    name: str
    input: str = Field(description="the value as given")
    value: str = Field(description="what it resolved to: plan id, subgoal number, party key, 'Q4 2025', ISO date, …")
    label: str = Field(description="the value as the question reads it")
    description: str | None = Field(None, description="e.g. the subgoal's title or the party's full name")
    iri: str | None = None
    url: str | None = None


class Column(Open):
    key: str
    label: str


class QuestionAnswerOut(Cited):
    id: str
    lang: str
    question: str = Field(
        examples=["Welke partijen zijn betrokken bij subdoel 5 van het Actieplan Zeldzame Kankers 2025?"]
    )
    parameters: list[ResolvedParameter]
    sentence: str = Field(description="the answer in one or a few sentences, with counts and the key facts")
    columns: list[Column]
    rows: list[dict[str, Any]] = Field(description="the table; entities are {iri, url, label}")
    sparql: str = Field(description="the query that produced the answer, its values bound in a VALUES block")
    links: dict[str, str] = Field(description="the question page, this answer, and the named query's raw rows")


class OptionOut(Open):
    value: str
    label: dict[str, str]


class ParameterOptions(ParameterDescription):
    dependsOn: str | None = Field(None, description="the parameter whose value the options depend on")
    options: list[OptionOut]


class OptionsOut(Open):
    id: str
    parameters: list[ParameterOptions]
