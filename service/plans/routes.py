"""The REST API: plans, activities, parties, abbreviations, timeline and search as JSON.

The graph does not change while it is served, so each answer is computed once (in a worker
thread, off the event loop) and its JSON bytes are kept in a bounded LRU cache keyed by route
and normalised parameters. Errors from PlanData become JSON problems (404 unknown, 400 malformed).
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from nkc_kg.service.graph.plan_data import BadParameter, JsonDict, NotFound, PlanData, parse_date
from nkc_kg.service.graph.runner import fold
from nkc_kg.service.plans import schemas as m

CACHE_ENTRIES = 4096
MAX_KEY_LENGTH = 200
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": m.ErrorOut, "description": "a malformed parameter"},
    404: {"model": m.ErrorOut, "description": "unknown plan, subgoal, activity, party or abbreviation"},
}
BAD_REQUEST = {400: ERRORS[400]}

PlanId = Annotated[
    str,
    Path(
        description="plan id: zeldzame-kankers-2025, zeldzame-kankers-2024 or late-gevolgen-2025",
        examples=["zeldzame-kankers-2025"],
    ),
]


class JsonCache:
    """Serialised answers, least recently used dropped first. Used from the event loop only."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()

    def get(self, key: Hashable) -> bytes | None:
        body = self._entries.get(key)
        if body is not None:
            self._entries.move_to_end(key)
        return body

    def put(self, key: Hashable, body: bytes) -> None:
        self._entries[key] = body
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


def encode(answer: JsonDict) -> bytes:
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parse_number(name: str, value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,6}", value):
        raise BadParameter(name, f"expected a whole number, got {value[:50]!r}")
    return int(value)


def checked_key(name: str, value: str) -> str:
    if len(value) > MAX_KEY_LENGTH or "\x00" in value:
        raise BadParameter(name, f"not a valid {name} (at most {MAX_KEY_LENGTH} characters, no NUL)")
    return value


def build_router(
    data: PlanData,
    error: type[Exception],
    cache_size: int = CACHE_ENTRIES,
    annotate: Callable[[str, JsonDict], JsonDict] | None = None,
) -> APIRouter:
    """``error(status, error, detail)`` is the service's JSON problem exception (ApiError).

    ``annotate(kind, answer)`` may add fields to an answer before it is cached (its sources, see
    provenance.py); ``kind`` is the first element of the answer's cache key ('plan', 'party', …)."""
    router = APIRouter(prefix="/api", tags=["REST API"])
    cache = JsonCache(cache_size)
    router.cache = cache  # type: ignore[attr-defined]  # for tests and diagnostics

    def invalid(exc: BadParameter) -> Exception:
        return error(400, f"bad parameter {exc.name!r}", exc.detail)  # type: ignore[call-arg]

    def compute(kind: str, produce: Callable[[], JsonDict]) -> bytes:
        answer = produce()
        return encode(annotate(kind, answer) if annotate is not None else answer)

    async def answer(key: tuple[Hashable, ...], produce: Callable[[], JsonDict]) -> Response:
        body = cache.get(key)
        if body is None:
            try:
                body = await anyio.to_thread.run_sync(compute, str(key[0]), produce)
            except NotFound as exc:
                raise error(404, exc.what, exc.detail) from None  # type: ignore[call-arg]
            except BadParameter as exc:
                raise invalid(exc) from None
            cache.put(key, body)
        return Response(body, media_type="application/json", headers={"Cache-Control": "public, max-age=300"})

    @router.get("/plans", response_model=m.PlansOut, summary="The action plans")
    async def plans() -> Response:
        return await answer(("plans",), data.plans)

    @router.get(
        "/plans/{plan}",
        response_model=m.PlanOut,
        responses=ERRORS,
        summary="One plan: goal, problem, causes, subgoals and activities",
    )
    async def plan(plan: PlanId) -> Response:
        try:
            plan = checked_key("plan", plan)
        except BadParameter as exc:
            raise invalid(exc) from None
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
    ) -> Response:
        try:
            plan, number = checked_key("plan", plan), parse_number("n", n)
        except BadParameter as exc:
            raise invalid(exc) from None
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
    ) -> Response:
        try:
            plan, number = checked_key("plan", plan), parse_number("n", n)
        except BadParameter as exc:
            raise invalid(exc) from None
        return await answer(("subgoal-parties", plan, number), lambda: data.subgoal_parties(plan, number))

    @router.get("/parties", response_model=m.PartiesOut, summary="Every party: organisations, committees, people, …")
    async def parties() -> Response:
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
    ) -> Response:
        try:
            key = checked_key("key", key)
        except BadParameter as exc:
            raise invalid(exc) from None
        return await answer(("party", fold(key)), lambda: data.party(key))

    @router.get("/abbreviations", response_model=m.AbbreviationsOut, summary="Every abbreviation and its expansions")
    async def abbreviations() -> Response:
        return await answer(("abbreviations",), data.abbreviations)

    @router.get(
        "/abbreviations/{abbr}",
        response_model=m.AbbreviationOut,
        responses=ERRORS,
        summary="What an abbreviation stands for, per defining document (or the curators)",
    )
    async def abbreviation(
        abbr: Annotated[str, Path(description="the abbreviation (case-insensitive)", examples=["CieOOM"])],
    ) -> Response:
        try:
            abbr = checked_key("abbr", abbr)
        except BadParameter as exc:
            raise invalid(exc) from None
        return await answer(("abbreviation", fold(abbr)), lambda: data.abbreviation(abbr))

    @router.get(
        "/timeline",
        response_model=m.TimelineOut,
        responses=ERRORS,
        summary="Steps whose timeframe overlaps a window (from..to, inclusive)",
    )
    async def timeline(
        from_: Annotated[
            str | None, Query(alias="from", description="first day of the window (YYYY-MM-DD)", examples=["2025-10-01"])
        ] = None,
        to: Annotated[
            str | None, Query(description="last day of the window (YYYY-MM-DD)", examples=["2025-12-31"])
        ] = None,
        plan: Annotated[
            str | None, Query(description="only this plan's steps (plan id)", examples=["zeldzame-kankers-2025"])
        ] = None,
        party: Annotated[
            str | None,
            Query(
                description="only steps in which this party has a role (abbreviation, label or slug)", examples=["IKNL"]
            ),
        ] = None,
    ) -> Response:
        try:
            start, end = parse_date("from", from_), parse_date("to", to)
            if start > end:
                raise BadParameter("from", f"'from' ({start}) is after 'to' ({end})")
            plan = None if plan is None else checked_key("plan", plan)
            party = None if party is None else checked_key("party", party)
        except BadParameter as exc:
            raise invalid(exc) from None
        key = ("timeline", start, end, plan, None if party is None else fold(party))
        return await answer(key, lambda: data.timeline(start, end, plan, party))

    @router.get(
        "/search",
        response_model=m.SearchOut,
        responses=BAD_REQUEST,
        summary="Search labels and texts (accent- and case-insensitive; exact label or abbreviation first)",
    )
    async def search(
        q: Annotated[
            str | None,
            Query(description="words to look for, Dutch or English (1-200 characters)", examples=["patientenplatform"]),
        ] = None,
    ) -> Response:
        text = q or ""
        if not fold(text) or len(text) > 200:
            raise invalid(BadParameter("q", "give 1 to 200 characters to search for"))
        return await answer(("search", text), lambda: data.search(text))

    @router.get(
        "/cancer-types", response_model=m.CancerTypesOut, summary="Rare cancer types with EURACAN domain and codes"
    )
    async def cancer_types() -> Response:
        return await answer(("cancer-types",), data.cancer_types)

    @router.get("/euracan-domains", response_model=m.EuracanDomainsOut, summary="The EURACAN domains G1-G10")
    async def euracan_domains() -> Response:
        return await answer(("euracan-domains",), data.euracan_domains)

    # Anything else under these collections (e.g. an encoded '/' in a key) is an unknown entity,
    # answered as a JSON problem like the others rather than the framework's bare 404.
    for collection in ("plans", "parties", "abbreviations"):

        @router.get(f"/{collection}/{{rest:path}}", include_in_schema=False, name=f"unknown-{collection}")
        async def unknown(rest: str, _collection: str = collection) -> Response:
            raise error(404, f"nothing at /api/{_collection}/{rest[:MAX_KEY_LENGTH]}", "see /docs for the paths")  # type: ignore[call-arg]

    return router
