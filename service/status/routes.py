"""GET /health: liveness, the size of the served graph, the SPARQL workers and (serving releases) the release.

Its own small router rather than part of sparql/: it reports on the whole service (what `nkc-kg serve`
loaded, the query workers, the release server's state), for deployments and the release server's checks.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from nkc_kg.service.store.pool import QueryPool
from nkc_kg.service.web.deps import ServiceDep

router = APIRouter(tags=["Service"])


@router.get("/health", summary="Liveness and size of the loaded graph")
async def health(request: Request, service: ServiceDep) -> dict[str, Any]:
    state = request.app.state
    # counted once by create_app: the served graph does not change while the service runs
    health: dict[str, Any] = {"status": "ok", "quads": state.quads, "startedInSeconds": round(service.started_in, 3)}
    if isinstance(service.sparql, QueryPool):
        health["sparqlWorkersIdle"] = service.sparql.idle()
    release_status = getattr(state, "release_status", None)  # set when serving releases
    if release_status is not None:
        health.update(release_status())
    return health
