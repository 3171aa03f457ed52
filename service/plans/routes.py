"""The REST API: plans, activities, parties, abbreviations, timeline and search as JSON.

The graph does not change while it is served, so each answer is computed once (in a worker thread, off
the event loop) and its JSON bytes are kept in this app's answer cache, keyed by route and normalised
parameters. Errors from PlanData become JSON problems through the service's handlers (web/errors.py):
404 unknown, 400 malformed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from nkc_kg.service.graph.parameters import checked_key, parse_number
from nkc_kg.service.graph.plan_data import BadParameter, JsonDict, parse_date
from nkc_kg.service.graph.provenance import Provenance, with_sources
from nkc_kg.service.graph.runner import fold
from nkc_kg.service.plans import schemas as m
from nkc_kg.service.web.answers import CACHEABLE, KEPT, JsonCache, encode
from nkc_kg.service.web.deps import PlanDataDep, ProvenanceDep, answer_cache
from nkc_kg.service.web.schemas import BAD_REQUEST, ERRORS

# Paths under these that no route has (e.g. an encoded '/' in a key) are unknown entities: web/errors.py
# names them so, like the 404 of an unknown key.
COLLECTIONS = ("/api/plans/", "/api/parties/", "/api/abbreviations/")

PlanId = Annotated[
    str,
    Path(
        description="plan id: zeldzame-kankers-2025, zeldzame-kankers-2024 or late-gevolgen-2025",
        examples=["zeldzame-kankers-2025"],
    ),
]

router = APIRouter(prefix="/api", tags=["REST API"])


class CachedAnswers:
    """Answers computed once: with their sources added (provenance.py) and kept as JSON bytes."""

    def __init__(self, cache: JsonCache, provenance: Provenance) -> None:
        self.cache, self.provenance = cache, provenance

    def compute(self, kind: str, produce: Callable[[], JsonDict]) -> bytes:
        return encode(with_sources(self.provenance, kind, produce()))

    async def __call__(self, key: tuple[Hashable, ...], produce: Callable[[], JsonDict]) -> Response:
        """The answer for ``key`` (its first element names the kind: 'plan', 'party', …)."""
        body = self.cache.get(key)
        if body is None:
            body = await anyio.to_thread.run_sync(self.compute, str(key[0]), produce)
            self.cache.put(key, body)
        return Response(body, media_type="application/json", headers={**CACHEABLE, **KEPT})


async def cached_answers(
    cache: Annotated[JsonCache, Depends(answer_cache("plans"))], provenance: ProvenanceDep
) -> CachedAnswers:
    return CachedAnswers(cache, provenance)


Answers = Annotated[CachedAnswers, Depends(cached_answers)]


@router.get("/plans", response_model=m.PlansOut, summary="The action plans")
async def plans(data: PlanDataDep, answer: Answers) -> Response:
    return await answer(("plans",), data.plans)


@router.get(
    "/plans/{plan}",
    response_model=m.PlanOut,
    responses=ERRORS,
    summary="One plan: goal, problem, causes, subgoals and activities",
)
async def plan(plan: PlanId, data: PlanDataDep, answer: Answers) -> Response:
    plan = checked_key("plan", plan)
    return await answer(("plan", plan), lambda: data.plan(plan))


@router.get(
    "/plans/{plan}/activities/{n}",
    response_model=m.ActivityOut,
    responses=ERRORS,
    summary="One activity: steps with timeframes and leads, parties, intended results, initiatives",
)
async def activity(
    plan: PlanId,
    n: Annotated[str, Path(description="activity number", examples=["12"])],
    data: PlanDataDep,
    answer: Answers,
) -> Response:
    plan, number = checked_key("plan", plan), parse_number("n", n)
    return await answer(("activity", plan, number), lambda: data.activity(plan, number))


@router.get(
    "/plans/{plan}/subgoals/{n}/parties",
    response_model=m.SubgoalPartiesOut,
    responses=ERRORS,
    summary="Which parties are involved in subgoal n (activities serving all subgoals count, as cross-cutting)",
)
async def subgoal_parties(
    plan: PlanId,
    n: Annotated[str, Path(description="subgoal number", examples=["5"])],
    data: PlanDataDep,
    answer: Answers,
) -> Response:
    plan, number = checked_key("plan", plan), parse_number("n", n)
    return await answer(("subgoal-parties", plan, number), lambda: data.subgoal_parties(plan, number))


@router.get("/parties", response_model=m.PartiesOut, summary="Every party: organisations, committees, people, …")
async def parties(data: PlanDataDep, answer: Answers) -> Response:
    return await answer(("parties",), data.parties)


@router.get(
    "/parties/{key}",
    response_model=m.PartyOut,
    responses=ERRORS,
    summary="One party: names, parent and sub-organisations, and its roles in every plan",
)
async def party(
    key: Annotated[
        str,
        Path(
            description="abbreviation, any label or slug of the party (case- and accent-insensitive)",
            examples=["NVMO"],
        ),
    ],
    data: PlanDataDep,
    answer: Answers,
) -> Response:
    key = checked_key("key", key)
    return await answer(("party", fold(key)), lambda: data.party(key))


@router.get("/abbreviations", response_model=m.AbbreviationsOut, summary="Every abbreviation and its expansions")
async def abbreviations(data: PlanDataDep, answer: Answers) -> Response:
    return await answer(("abbreviations",), data.abbreviations)


@router.get(
    "/abbreviations/{abbr}",
    response_model=m.AbbreviationOut,
    responses=ERRORS,
    summary="What an abbreviation stands for, per defining document (or the curators)",
)
async def abbreviation(
    abbr: Annotated[str, Path(description="the abbreviation (case-insensitive)", examples=["CieOOM"])],
    data: PlanDataDep,
    answer: Answers,
) -> Response:
    abbr = checked_key("abbr", abbr)
    return await answer(("abbreviation", fold(abbr)), lambda: data.abbreviation(abbr))


@router.get(
    "/timeline",
    response_model=m.TimelineOut,
    responses=ERRORS,
    summary="Steps whose timeframe overlaps a window (from..to, inclusive)",
)
async def timeline(
    data: PlanDataDep,
    answer: Answers,
    from_: Annotated[
        str | None, Query(alias="from", description="first day of the window (YYYY-MM-DD)", examples=["2025-10-01"])
    ] = None,
    to: Annotated[str | None, Query(description="last day of the window (YYYY-MM-DD)", examples=["2025-12-31"])] = None,
    plan: Annotated[
        str | None, Query(description="only this plan's steps (plan id)", examples=["zeldzame-kankers-2025"])
    ] = None,
    party: Annotated[
        str | None,
        Query(description="only steps in which this party has a role (abbreviation, label or slug)", examples=["IKNL"]),
    ] = None,
) -> Response:
    start, end = parse_date("from", from_), parse_date("to", to)
    if start > end:
        raise BadParameter("from", f"'from' ({start}) is after 'to' ({end})")
    plan = None if plan is None else checked_key("plan", plan)
    party = None if party is None else checked_key("party", party)
    key = ("timeline", start, end, plan, None if party is None else fold(party))
    return await answer(key, lambda: data.timeline(start, end, plan, party))


@router.get(
    "/search",
    response_model=m.SearchOut,
    responses=BAD_REQUEST,
    summary="Search labels and texts (accent- and case-insensitive; exact label or abbreviation first)",
)
async def search(
    data: PlanDataDep,
    answer: Answers,
    q: Annotated[
        str | None,
        Query(description="words to look for, Dutch or English (1-200 characters)", examples=["patientenplatform"]),
    ] = None,
) -> Response:
    text = q or ""
    if not fold(text) or len(text) > 200:
        raise BadParameter("q", "give 1 to 200 characters to search for")
    return await answer(("search", text), lambda: data.search(text))


@router.get("/cancer-types", response_model=m.CancerTypesOut, summary="Rare cancer types with EURACAN domain and codes")
async def cancer_types(data: PlanDataDep, answer: Answers) -> Response:
    return await answer(("cancer-types",), data.cancer_types)


@router.get("/euracan-domains", response_model=m.EuracanDomainsOut, summary="The EURACAN domains G1-G10")
async def euracan_domains(data: PlanDataDep, answer: Answers) -> Response:
    return await answer(("euracan-domains",), data.euracan_domains)
