"""Typed dependencies of the routers: what create_app (app.py) built once per app, read from ``app.state``.

A route declares what it needs as a parameter, ``data: PlanDataDep``; FastAPI passes this app's object.
Each feature declares the dependencies on its own objects (the questions, the annotator, …) next to its
routes in the same way; this module holds those of the shared layers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.provenance import Provenance
from nkc_kg.service.graph.served import Service
from nkc_kg.service.settings import Settings
from nkc_kg.service.web.answers import JsonCache, JsonCaches
from nkc_kg.service.web.templating import Pages


async def get_service(request: Request) -> Service:
    """The served graph, looked up per request (a test may swap its store after start-up)."""
    service: Service = request.app.state.service
    return service


async def get_settings(request: Request) -> Settings:
    return (await get_service(request)).settings


async def get_iris(request: Request) -> Iris:
    return (await get_service(request)).iris


async def get_plan_data(request: Request) -> PlanData:
    data: PlanData = request.app.state.plan_data
    return data


async def get_provenance(request: Request) -> Provenance:
    provenance: Provenance = request.app.state.provenance
    return provenance


async def get_pages(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages


def answer_cache(name: str) -> Callable[[Request], Awaitable[JsonCache]]:
    """A dependency: this app's cache of JSON answers called ``name``."""

    async def get_answer_cache(request: Request) -> JsonCache:
        caches: JsonCaches = request.app.state.answer_caches
        return caches[name]

    return get_answer_cache


ServiceDep = Annotated[Service, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
IrisDep = Annotated[Iris, Depends(get_iris)]
PlanDataDep = Annotated[PlanData, Depends(get_plan_data)]
ProvenanceDep = Annotated[Provenance, Depends(get_provenance)]
PagesDep = Annotated[Pages, Depends(get_pages)]
