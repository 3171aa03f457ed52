"""The question catalogue as REST: GET /api/questions, /api/questions/{id}?…&lang=nl|en, …/options.

Each question is its own OpenAPI operation with the parameters its .rq header declares, plus
``lang``. Values are read and resolved by :class:`Questions` (what people type, 404 with suggestions
for unknown values, 400 for malformed ones), not by FastAPI, so every error has the service's JSON
format. Answers are cached as JSON bytes per parameter set: the graph does not change while served.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError
from nkc_kg.service.named_queries.routes import documented_endpoint
from nkc_kg.service.plans import schemas as m
from nkc_kg.service.plans.routes import CACHE_ENTRIES, ERRORS, JsonCache, encode
from nkc_kg.service.questions.catalogue import Questions, UnknownValue
from pydantic import Field

TAG = "Questions"
LANG_PARAMETER = inspect.Parameter(
    "lang",
    inspect.Parameter.KEYWORD_ONLY,
    default=None,
    annotation=Annotated[
        str | None,
        Query(description="language of the question, sentence and headings: nl (default) or en", examples=["nl"]),
    ],
)


class ParameterDescription(m.Open):
    name: str
    type: str
    label: dict[str, str] = Field(description="the picker's label, Dutch (nl) and English (en)")
    choices: str | None = Field(None, description="where the options come from: plans, subgoals, parties, …")
    example: str


class QuestionSummary(m.Open):
    id: str = Field(examples=["parties-in-subgoal"])
    question: dict[str, str] = Field(description="the question in general terms, Dutch (nl) and English (en)")
    template: dict[str, str] = Field(description="the question with a {parameter} placeholder per value")
    parameters: list[ParameterDescription]
    api: str = Field(description="this question's answer for the example values")
    options: str = Field(description="where the pickers' options are")
    page: str = Field(description="the question page for people")


class QuestionsOut(m.Open):
    questions: list[QuestionSummary]


class ResolvedParameter(m.Open):
    name: str
    input: str = Field(description="the value as given")
    value: str = Field(description="what it resolved to: plan id, subgoal number, party key, 'Q4 2025', ISO date, …")
    label: str = Field(description="the value as the question reads it")
    description: str | None = Field(None, description="e.g. the subgoal's title or the party's full name")
    iri: str | None = None
    url: str | None = None


class Column(m.Open):
    key: str
    label: str


class QuestionAnswerOut(m.Cited):
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


class OptionOut(m.Open):
    value: str
    label: dict[str, str]


class ParameterOptions(ParameterDescription):
    dependsOn: str | None = Field(None, description="the parameter whose value the options depend on")
    options: list[OptionOut]


class OptionsOut(m.Open):
    id: str
    parameters: list[ParameterOptions]


def problem(error: type[Exception], exc: ParameterError) -> Exception:
    status = 404 if isinstance(exc, UnknownValue) else 400
    return error(status, str(exc), {"parameter": exc.name, "suggestions": exc.suggestions})  # type: ignore[call-arg]


def build_router(questions: Questions, error: type[Exception]) -> APIRouter:
    """``error(status, error, detail)`` is the service's JSON problem exception (ApiError)."""
    router = APIRouter(prefix="/api/questions", tags=[TAG])
    answers = JsonCache(CACHE_ENTRIES)

    @router.get("", response_model=QuestionsOut, summary="The questions in plain language (Dutch and English)")
    async def list_questions() -> dict[str, Any]:
        return {"questions": questions.listing()}

    def known(name: str) -> NamedQuery:
        query = questions.catalog.get(name)
        if query is None:
            raise error(404, f"unknown question {name[:50]!r}", {"known": sorted(questions.catalog)})  # type: ignore[call-arg]
        return query

    @router.get(
        "/{name}/options",
        response_model=OptionsOut,
        responses=ERRORS,
        summary="The pickers' options of a question (the subgoals are those of the plan given, else of the example)",
    )
    async def options(name: str, request: Request) -> dict[str, Any]:
        query = known(name)
        found = await anyio.to_thread.run_sync(questions.options, query, dict(request.query_params))
        return {"id": query.name, "parameters": found}

    async def answer(query: NamedQuery, request: Request) -> Response:
        params = dict(request.query_params)
        key = (query.name, tuple(sorted(params.items())))
        body = answers.get(key)
        if body is None:
            lang = params.pop("lang", None) or "nl"
            try:
                found = await anyio.to_thread.run_sync(questions.answer, query, params, lang)
            except ParameterError as exc:
                raise problem(error, exc) from None
            body = encode(found)
            answers.put(key, body)
        return Response(body, media_type="application/json")

    for query in questions.catalog.values():
        router.add_api_route(
            f"/{query.name}",
            documented_endpoint(query, answer, [LANG_PARAMETER]),
            methods=["GET"],
            response_model=QuestionAnswerOut,
            summary=query.question["en"],
            description=_description(query),
            operation_id=f"question_{query.name.replace('-', '_')}",
            name=f"question-{query.name}",
            responses=ERRORS,
        )

    @router.get("/{name}", include_in_schema=False)
    async def unknown_question(name: str) -> Response:
        known(name)
        raise AssertionError("every known question has a route of its own")

    return router


def _description(query: NamedQuery) -> str:
    return "\n\n".join(
        [
            f"*{query.question['nl']}*",
            query.description.strip(),
            "Values are accepted as people type them (abbreviation or name of a party, 'Q4 2025', "
            "'4e kwartaal 2025', 'subdoel 5'); an unknown value gets 404 with the closest known values "
            f"as suggestions. SPARQL: `queries/{query.path.name}`.",
        ]
    )
