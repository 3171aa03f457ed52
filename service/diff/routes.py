"""``GET /api/diff?from=…&to=…`` and the page ``/diff``: what changed between two plans of the served graph.

Both read the plans through the store interface (:mod:`.plan_versions`) and compare them with
:mod:`.plan_diff`; the graph does not change while it is served, so each comparison is computed once
(plan ids are checked first, so the cache holds at most one entry per pair of known plans).
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.diff.compare import compare
from nkc_kg.service.diff.report import no_differences
from nkc_kg.service.diff.schemas import DiffOut
from nkc_kg.service.diff.versions import VersionReader
from nkc_kg.service.graph.plan_data import BadParameter, JsonDict, NotFound, PlanData
from nkc_kg.service.i18n.messages import message
from nkc_kg.service.plans.routes import ERRORS, checked_key, encode
from nkc_kg.service.web.templating import Pages, page_language

EXAMPLES = {"from": ("old", "zeldzame-kankers-2024"), "to": ("new", "zeldzame-kankers-2025")}


class Comparisons:
    """The diffs of the served plans, computed once each."""

    def __init__(self, data: PlanData) -> None:
        self.data = data
        self.reader = VersionReader(data)
        self._done: dict[tuple[str, str], JsonDict] = {}
        self._lock = threading.Lock()

    def plans(self) -> list[JsonDict]:
        return list(self.data.plans()["plans"])

    def check(self, old: str | None, new: str | None) -> tuple[str, str]:
        """Both ids present, of sane length and known; BadParameter or NotFound otherwise."""
        ids = []
        for name, value in (("from", old), ("to", new)):
            if not value:
                which, example = EXAMPLES[name]
                raise BadParameter(name, f"give the plan id of the {which} version, e.g. {name}={example}")
            value = checked_key(name, value)
            self.reader.check_plan(value, name)
            ids.append(value)
        return ids[0], ids[1]

    def diff(self, old: str, new: str) -> JsonDict:
        key = (old, new)
        with self._lock:
            found = self._done.get(key)
        if found is None:
            found = compare(self.reader.read(old, "from"), self.reader.read(new, "to"))
            with self._lock:
                self._done[key] = found
        return found

    def defaults(self, old: str | None, new: str | None) -> tuple[str | None, str | None]:
        """What the page compares when the form is not filled in: the newest revision and the plan it revises."""
        plans = {p["id"]: p for p in self.plans()}

        def revised(plan_id: str | None) -> str | None:
            revision = (plans.get(plan_id or "") or {}).get("revisionOf") or {}
            return revision.get("id")

        if not old and not new:
            revisions = [p for p in plans.values() if revised(p["id"])]
            if not revisions:
                return None, None
            newest = max(revisions, key=lambda p: (p.get("year") or 0, p["id"]))
            return revised(newest["id"]), newest["id"]
        if not old:
            return revised(new) or new, new
        if not new:
            successor = next((p["id"] for p in plans.values() if revised(p["id"]) == old), None)
            return old, successor or old
        return old, new


def page_texts(diff: JsonDict, lang: str) -> JsonDict:
    """The sentences of the page whose words come from messages.py with values filled in."""
    old, new = diff["from"]["id"], diff["to"]["id"]

    def t(key: str, **values: Any) -> str:
        return message(key, lang).format(**values)

    return {
        "relation": t(f"diff.relation.{diff['relation']}", plan=old, **{"from": old, "to": new}),
        "summary": t("diff.summary.activities", **diff["summary"]),
        "details": t("diff.summary.details", **diff["summary"]),
        "notes": [t(f"diff.note.{note['code']}", plan=note["plan"]) for note in diff["notes"]],
        "nothing": no_differences(diff),
    }


def build_router(data: PlanData, pages: Pages, error: type[Exception]) -> APIRouter:
    """``error(status, error, detail)`` is the service's JSON problem exception (ApiError)."""
    router = APIRouter()
    comparisons = Comparisons(data)
    cache: dict[tuple[str, str], bytes] = {}

    @router.get(
        "/api/diff",
        tags=["REST API"],
        response_model=DiffOut,
        responses=ERRORS,
        summary="What changed between two plan versions: activities added, removed, renumbered or continued, "
        "titles, subgoals, parties, steps, timeframes and intended results",
    )
    async def api_diff(
        from_: Annotated[
            str | None,
            Query(alias="from", description="plan id of the old version", examples=["zeldzame-kankers-2024"]),
        ] = None,
        to: Annotated[
            str | None, Query(description="plan id of the new version", examples=["zeldzame-kankers-2025"])
        ] = None,
    ) -> Response:
        try:
            old, new = comparisons.check(from_, to)
        except BadParameter as exc:
            raise error(400, f"bad parameter {exc.name!r}", exc.detail) from None  # type: ignore[call-arg]
        except NotFound as exc:
            raise error(404, exc.what, exc.detail) from None  # type: ignore[call-arg]
        body = cache.get((old, new))
        if body is None:
            body = await anyio.to_thread.run_sync(lambda: encode(comparisons.diff(old, new)))
            cache[(old, new)] = body
        return Response(body, media_type="application/json", headers={"Cache-Control": "public, max-age=300"})

    @router.get("/diff", tags=["Pages"], response_class=HTMLResponse, summary="Compare two plan versions (page)")
    async def diff_page(request: Request) -> Response:
        params = request.query_params
        return await anyio.to_thread.run_sync(_page, request, params.get("from"), params.get("to"))

    def _page(request: Request, old: str | None, new: str | None) -> Response:
        lang = page_language(request)
        plans = comparisons.plans()
        old, new = comparisons.defaults(old, new)
        context: JsonDict = {"plans": plans, "old": old, "new": new, "diff": None, "problem": None}
        status = 200
        try:
            old_id, new_id = comparisons.check(old, new)
            diff = comparisons.diff(old_id, new_id)
            context.update(diff=diff, texts=page_texts(diff, lang))
        except BadParameter as exc:
            status, context["problem"] = 400, f"{exc.name}: {exc.detail}"
        except NotFound as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {}
            suggestions = detail.get("suggestions") or []
            status = 404
            context["problem"] = exc.what + (f" ({', '.join(suggestions)}?)" if suggestions else "")
        return pages.render(request, "diff.html", status_code=status, **context)

    return router
