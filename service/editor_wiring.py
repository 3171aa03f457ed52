"""Wiring of the annotator and the completeness view into the app (annotate_api.py, completeness_api.py).

Both are built on first use, once per served graph: the annotator's two queries and the curated
records' file:line (which needs reading data/ again) are paid for only by the first request that needs them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from fastapi import FastAPI
from nkc_kg.service.annotate.annotator import Annotator
from nkc_kg.service.annotate.routes import build_router as annotate_router
from nkc_kg.service.completeness.checks import Completeness
from nkc_kg.service.completeness.routes import build_router as completeness_router
from nkc_kg.service.store.embedded import EmbeddedStore

if TYPE_CHECKING:
    from pathlib import Path

    from nkc_kg.loaders.curated.yamlio import Location
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.app import Service
    from nkc_kg.service.graph.plan_data import PlanData
    from nkc_kg.service.plans.pages import PeoplePages

T = TypeVar("T")


def built_once(factory: Callable[[], T]) -> Callable[[], T]:
    """``factory()`` on the first call, its result ever after (threads wait for the one that builds)."""
    lock = threading.Lock()
    built: list[T] = []

    def get() -> T:
        if not built:
            with lock:
                if not built:
                    built.append(factory())
        return built[0]

    return get


def curated_locations(iris: Iris, data_dir: Path) -> Callable[[], Mapping[str, Location]]:
    """The file:line of every curated record, read from ``data_dir`` (the graph itself does not keep them)."""

    def read() -> Mapping[str, Location]:
        from nkc_kg.loaders.build import build_from_paths  # the loaders are imported only when needed
        from nkc_kg.loaders.paths import curated_data_paths

        built = build_from_paths(curated_data_paths(data_dir), iris)
        return {str(node): where for node, where in built.locations.items()}

    return built_once(read)


def include(app: FastAPI, svc: Service, data: PlanData, people: PeoplePages, error: type[Exception]) -> None:
    """POST /api/annotate, /annoteren, GET /api/plans/{plan}/completeness and /volledigheid.

    Include before the REST API's catch-all under /api/plans/ and before the linked-data routes."""
    annotator = built_once(lambda: Annotator.build(svc.store, svc.iris))
    app.state.annotator = annotator
    # file:line are known when the graph is the curated data of this checkout, not a dataset file or remote store
    serves_curated = isinstance(svc.store, EmbeddedStore) and svc.settings.store == "embedded"
    locations = (
        curated_locations(svc.iris, svc.settings.data_dir) if serves_curated and svc.settings.dataset is None else None
    )
    completeness = Completeness(svc.store, svc.iris, svc.index, annotator, locations)
    app.state.completeness = completeness
    app.include_router(annotate_router(annotator, people.pages, error))
    app.include_router(completeness_router(completeness, people.pages, lambda: data.plans()["plans"], error))
