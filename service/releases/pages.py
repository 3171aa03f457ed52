"""The releases for people: the list (/releases) and each release's page with its files and changes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.releases.bundles import SUMS, current_version, list_releases
from nkc_kg.service.releases.feeds import BUNDLE, release_json
from nkc_kg.service.releases.routes import FolderDep, release_or_404
from nkc_kg.service.web.deps import PagesDep

router = APIRouter(tags=["Releases"])


@router.get("/releases", response_class=HTMLResponse, summary="The published releases (page)")
async def releases_page(request: Request, folder: FolderDep, pages: PagesDep) -> Response:
    releases = list_releases(folder)
    current = current_version(folder)
    rows = [release_json(r, "", current) for r in releases]
    return pages.render(request, "releases.html", releases=rows)


@router.get("/releases/{version}", response_class=HTMLResponse, summary="A release: its files and changes")
async def release_page(request: Request, version: str, folder: FolderDep, pages: PagesDep) -> Response:
    release = release_or_404(folder, version)
    info = release_json(release, "", current_version(folder))
    files = [{"name": n, **meta} for n, meta in sorted(release.manifest.get("files", {}).items())]
    return pages.render(request, "release.html", release=info, files=files, sums=SUMS, bundle=BUNDLE)
