"""Releases for integrators: the list and feeds (Atom 1.0, JSON Feed 1.1), each release's files and bundle, and
per named query the difference in its answer between two releases (the pages for people are pages.py).

They read the releases folder (NKC_KG_RELEASES, else releases/ in the repository) on every request, so
they work the same whether the service serves a release or the curated data, and list a release as
soon as `nkc-kg publish` has written it.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from nkc_kg.service.releases import schemas as rm
from nkc_kg.service.releases.bundles import (
    SUMS,
    VERSION,
    Release,
    ReleaseError,
    current_version,
    diff_releases,
    list_releases,
    media_type,
    read_release,
    releases_dir,
)
from nkc_kg.service.releases.feeds import BUNDLE, atom_feed, bundle_zip, json_feed, release_json
from nkc_kg.service.releases.served import mark_served, served_release
from nkc_kg.service.web.deps import IrisDep, SettingsDep
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.security_headers import public_root


async def get_folder(settings: SettingsDep) -> FilePath:
    """The releases folder, looked up per request (NKC_KG_RELEASES, else releases/ in the repository)."""
    return releases_dir(settings)


FolderDep = Annotated[FilePath, Depends(get_folder)]

router = APIRouter(tags=["Releases"])


def root(request: Request) -> str:
    return public_root(request)  # NKC_KG_PUBLIC_URL, else relative links: never the Host header


def release_or_404(folder: FilePath, version: str) -> Release:
    if not VERSION.fullmatch(version) and version != "current":
        raise ApiError(400, "malformed release version", version)
    try:
        return read_release(folder, version)
    except ReleaseError:
        known = [r.version for r in list_releases(folder)]  # (the folder's path is not the client's business)
        raise ApiError(404, "unknown release", {"release": version, "available": known}) from None


@router.get("/releases.atom", summary="The published releases as an Atom 1.0 feed")
async def releases_atom(request: Request, folder: FolderDep, iris: IrisDep) -> Response:
    return Response(atom_feed(list_releases(folder), root(request), iris), media_type="application/atom+xml")


@router.get("/releases.json", summary="The published releases as a JSON Feed 1.1")
async def releases_json_feed(request: Request, folder: FolderDep, iris: IrisDep) -> JSONResponse:
    body = json_feed(list_releases(folder), root(request), iris, current_version(folder))
    return JSONResponse(body, media_type="application/feed+json")


@router.get(
    "/api/releases",
    response_model=rm.ReleasesOut,
    response_model_exclude_unset=True,  # "refused" only when a release was refused
    summary="The published releases, newest first",
)
async def api_releases(request: Request, folder: FolderDep) -> dict[str, Any]:
    served, refusal = served_release(request.app.state, folder)  # the release served, not only pointed at
    body = {"releases": [release_json(r, root(request), served) for r in list_releases(folder)]}
    return mark_served(body, served, refusal)


@router.get(
    "/api/releases/{old}/diff/{new}",
    response_model=rm.ReleaseDiffOut,
    response_model_by_alias=True,
    responses=rm.ERRORS,
    summary="Rows added and removed in the named queries' answers between two releases",
)
async def api_release_diff(
    old: Annotated[str, Path(description="the older release: a version or 'current'", examples=["2026.12.03"])],
    new: Annotated[str, Path(description="the newer release: a version or 'current'", examples=["current"])],
    folder: FolderDep,
    query: Annotated[
        str | None, Query(description="only this named query (default: all)", examples=["steps-in-quarter"])
    ] = None,
) -> dict[str, Any]:
    before, after = release_or_404(folder, old), release_or_404(folder, new)
    names = set(before.query_names()) | set(after.query_names())
    if query is not None and query not in names:
        raise ApiError(404, "unknown query", {"query": query, "available": sorted(names)})
    diffs = await anyio.to_thread.run_sync(diff_releases, before, after, query)
    return {
        "from": before.version,
        "to": after.version,
        "changed": [d.query for d in diffs if d.added or d.removed],
        "queries": [d.as_json() for d in diffs],
    }


@router.get("/releases/{version}/" + BUNDLE, summary="A release's files in one zip")
async def release_bundle(version: str, folder: FolderDep) -> Response:
    release = release_or_404(folder, version)
    data = await anyio.to_thread.run_sync(bundle_zip, release.path, release.version, release.checksum)
    name = f"nkc-kg-{release.version}.zip"
    return Response(
        data, media_type="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/releases/{version}/{name:path}", summary="A file of a release (those its SHA256SUMS lists)")
async def release_file(version: str, name: str, folder: FolderDep) -> Response:
    if name == BUNDLE:  # its own route answers the same: which of the two matches first does not matter
        return await release_bundle(version, folder)
    release = release_or_404(folder, version)
    try:
        path = release.file(name)
    except ReleaseError as exc:
        raise ApiError(404, "no such file in the release", str(exc)) from None
    media = "text/plain" if name == SUMS else media_type(name)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return FileResponse(path, media_type=media + charset)
