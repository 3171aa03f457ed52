"""The question pages for people: /vragen (the list) and /vragen/{id} (pickers, answer, sources).

Dutch first, ``?lang=en`` for English. The pickers are filled from the graph (:meth:`Questions.options`);
text fields take what people type. A question is answered once every value is given; an unknown
value shows the closest known ones as links, with the 404 (or 400) status the API would give.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError
from nkc_kg.service.questions.catalogue import Questions, UnknownValue
from nkc_kg.service.questions.routes import QuestionsDep
from nkc_kg.service.web.deps import PagesDep
from nkc_kg.service.web.templating import Pages, page_language

# pickers that are a closed list (a <select>); the others are text fields with suggestions
SELECTS = ("plans", "subgoals", "years")


router = APIRouter(tags=["Pages"])


@router.get("/vragen", response_class=HTMLResponse, summary="The questions in plain language (Dutch; ?lang=en)")
async def question_list(request: Request, questions: QuestionsDep, pages: PagesDep) -> Response:
    lang = page_language(request)
    items = await anyio.to_thread.run_sync(
        lambda: [_listed(questions, query, lang) for query in questions.catalog.values()]
    )
    return pages.render(request, "questions.html", questions=items)


@router.get("/vragen/{name}", response_class=HTMLResponse, summary="One question: pickers, answer and sources")
async def question_page(name: str, request: Request, questions: QuestionsDep, pages: PagesDep) -> Response:
    query = questions.catalog.get(name)
    if query is None:
        return pages.not_found(request, f"/vragen/{name[:60]}")
    lang = page_language(request)
    given = {k: v for k, v in request.query_params.items() if k != "lang"}
    return await anyio.to_thread.run_sync(lambda: _page(questions, pages, request, query, given, lang))


def _listed(questions: Questions, query: NamedQuery, lang: str) -> dict[str, Any]:
    example = {p.name: p.example for p in query.parameters}
    resolved = questions.resolve(query, example)
    return {
        "id": query.name,
        "question": (query.summary_nl or query.summary) if lang == "nl" else query.summary,
        "example": query.question[lang].format_map({n: r.labels[lang] for n, r in resolved.items()}),
        "url": f"/vragen/{query.name}",
        "example_url": f"/vragen/{query.name}?" + urlencode({**example, "lang": lang}),
    }


def _page(
    questions: Questions, pages: Pages, request: Request, query: NamedQuery, given: Mapping[str, str], lang: str
) -> Response:
    complete = bool(query.parameters) and all((given.get(p.name) or "").strip() for p in query.parameters)
    answer, problem, status = None, None, 200
    if complete or not query.parameters:
        try:
            answer = questions.answer(query, given, lang)
        except ParameterError as exc:
            status = 404 if isinstance(exc, UnknownValue) else 400
            problem = _problem(query, given, exc, lang)
    fields = _fields(questions, query, given)
    return pages.render(
        request,
        "question.html",
        status_code=status,
        id=query.name,
        generic=(query.summary_nl or query.summary) if lang == "nl" else query.summary,
        fields=fields,
        answer=answer,
        problem=problem,
    )


def _fields(questions: Questions, query: NamedQuery, given: Mapping[str, str]) -> list[dict[str, Any]]:
    """The form: each parameter's picker, its options and current value (as given, else the example)."""
    fields = []
    for described in questions.options(query, given):
        name, options = described["name"], described["options"]
        value = given.get(name)
        if value is None:
            values = [o["value"] for o in options]
            # a dependent picker after its plan changed: the example if that plan has it, else the first
            value = described["example"] if not values or described["example"] in values else values[0]
        if described["choices"] in SELECTS:
            kind = "select"
        elif described["type"] == "date":
            kind = "date"
        else:
            kind = "text"
        fields.append(
            {
                **described,
                "kind": kind,
                "value": value,
                "refresh": described["type"] == "plan" and any(p.choices == "subgoals" for p in query.parameters),
                "dependent": described["dependsOn"] is not None,
            }
        )
    return fields


def _problem(query: NamedQuery, given: Mapping[str, str], exc: ParameterError, lang: str) -> dict[str, Any]:
    param = next((p for p in query.parameters if p.name == exc.name), None)
    suggestions = [
        {"value": s, "url": f"/vragen/{query.name}?" + urlencode({**given, exc.name: s, "lang": lang})}
        for s in exc.suggestions
    ]
    return {
        "parameter": param.label.get(lang, param.name) if param is not None else exc.name,
        "input": given.get(exc.name, ""),
        "unknown": isinstance(exc, UnknownValue),
        "detail": str(exc),
        "suggestions": suggestions,
    }
