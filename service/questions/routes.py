"""The question catalogue as REST: GET /api/questions, /api/questions/{id}?…&lang=nl|en, …/options.

Each question is its own OpenAPI operation with the parameters its .rq header declares, plus ``lang``
(:func:`documented_router`, made from the catalogue when the app is created); ``/api/questions/{id}``
answers the same for any id and says which exist. Values are read and resolved by :class:`Questions`
(what people type, 404 with suggestions for unknown values, 400 for malformed ones), not by FastAPI, so
every error has the service's JSON format. Answers are cached as JSON bytes per parameter set: the graph
does not change while served.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError
from nkc_kg.service.questions.catalogue import Questions, UnknownValue
from nkc_kg.service.questions.schemas import OptionsOut, QuestionAnswerOut, QuestionsOut
from nkc_kg.service.web.answers import JsonCache, encode
from nkc_kg.service.web.deps import answer_cache
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.openapi import documented_endpoint
from nkc_kg.service.web.schemas import ERRORS

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


async def get_questions(request: Request) -> Questions:
    questions: Questions = request.app.state.questions  # built by create_app
    return questions


QuestionsDep = Annotated[Questions, Depends(get_questions)]


def problem(exc: ParameterError) -> ApiError:
    status = 404 if isinstance(exc, UnknownValue) else 400
    return ApiError(status, str(exc), {"parameter": exc.name, "suggestions": exc.suggestions})


def known(questions: Questions, name: str) -> NamedQuery:
    query = questions.catalog.get(name)
    if query is None:
        raise ApiError(404, f"unknown question {name[:50]!r}", {"known": sorted(questions.catalog)})
    return query


class QuestionAnswers:
    """The questions' answers as JSON bytes, computed once per parameter set."""

    def __init__(self, questions: Questions, cache: JsonCache) -> None:
        self.questions, self.cache = questions, cache

    async def __call__(self, query: NamedQuery, request: Request) -> Response:
        params = dict(request.query_params)
        key = (query.name, tuple(sorted(params.items())))
        body = self.cache.get(key)
        if body is None:
            lang = params.pop("lang", None) or "nl"
            try:
                found = await anyio.to_thread.run_sync(self.questions.answer, query, params, lang)
            except ParameterError as exc:
                raise problem(exc) from None
            body = encode(found)
            self.cache.put(key, body)
        return Response(body, media_type="application/json")


async def question_answers(
    questions: QuestionsDep, cache: Annotated[JsonCache, Depends(answer_cache("questions"))]
) -> QuestionAnswers:
    return QuestionAnswers(questions, cache)


Answers = Annotated[QuestionAnswers, Depends(question_answers)]

router = APIRouter(prefix="/api/questions", tags=[TAG])


@router.get("", response_model=QuestionsOut, summary="The questions in plain language (Dutch and English)")
async def list_questions(questions: QuestionsDep) -> dict[str, Any]:
    return {"questions": questions.listing()}


@router.get(
    "/{name}/options",
    response_model=OptionsOut,
    responses=ERRORS,
    summary="The pickers' options of a question (the subgoals are those of the plan given, else of the example)",
)
async def options(name: str, request: Request, questions: QuestionsDep) -> dict[str, Any]:
    query = known(questions, name)
    found = await anyio.to_thread.run_sync(questions.options, query, dict(request.query_params))
    return {"id": query.name, "parameters": found}


@router.get("/{name}", include_in_schema=False)
async def any_question(name: str, request: Request, questions: QuestionsDep, answer: Answers) -> Response:
    """Every question (the documented operations answer the same), and a 404 naming the known ones."""
    return await answer(known(questions, name), request)


def documented_router(catalog: Mapping[str, NamedQuery]) -> APIRouter:
    """One OpenAPI operation per question, with the parameters its .rq header declares and ``lang``."""
    documented = APIRouter(prefix="/api/questions", tags=[TAG])
    for query in catalog.values():
        documented.add_api_route(
            f"/{query.name}",
            documented_endpoint(query, Answers, [LANG_PARAMETER]),
            methods=["GET"],
            response_model=QuestionAnswerOut,
            summary=query.question["en"],
            description=_description(query),
            operation_id=f"question_{query.name.replace('-', '_')}",
            name=f"question-{query.name}",
            responses=ERRORS,
        )
    return documented


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
