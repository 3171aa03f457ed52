"""Releases for people and integrators: the list (/releases), a feed (Atom 1.0 and JSON Feed 1.1), each
release's page and files, and per named query the difference in its answer between two releases.

They read the releases folder (NKC_KG_RELEASES, else releases/ in the repository) on every request, so
they work the same whether the service serves a release or the curated data, and list a release as
soon as `nkc-kg publish` has written it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any
from xml.etree import ElementTree as ET

import anyio
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from nkc_kg.loaders.iris import Iris
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
)
from nkc_kg.service.releases.publish import summary
from nkc_kg.service.web.templating import Pages

ATOM = "http://www.w3.org/2005/Atom"
JSON_FEED = "https://jsonfeed.org/version/1.1"
FEED_TITLE = "nkc-kg releases"
EPOCH = "1970-01-01T00:00:00Z"
BUNDLE = "bundle.zip"


def _urls(root: str, release: Release) -> dict[str, str]:
    base = f"{root}/releases/{release.version}"
    urls = {"page": base, "bundle": f"{base}/{BUNDLE}", "description": f"{base}/release.ttl", "sums": f"{base}/{SUMS}"}
    if release.manifest.get("previous"):
        urls["diff"] = f"{root}/api/releases/{release.manifest['previous']}/diff/{release.version}"
    return urls


def release_json(release: Release, root: str, current: str | None) -> dict[str, Any]:
    return {
        "version": release.version,
        "issued": release.issued,
        "iri": release.manifest.get("iri"),
        "current": release.version == current,
        "checksum": {"algorithm": "sha256", "of": SUMS, "value": release.checksum},
        "quads": release.quads,
        "previous": release.manifest.get("previous"),
        "summary": summary(release.manifest),
        "changes": release.manifest.get("changes"),
        "validation": release.manifest.get("validation"),
        "competency": release.manifest.get("competency"),
        "links": _urls(root, release),
    }


def atom_feed(releases: list[Release], root: str, iris: Iris) -> bytes:
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", iris.base + "releases")
    sub(feed, "title", FEED_TITLE)
    sub(feed, "updated", releases[0].issued if releases else EPOCH)
    sub(feed, "link", rel="self", type="application/atom+xml", href=f"{root}/releases.atom")
    sub(feed, "link", rel="alternate", type="text/html", href=f"{root}/releases")
    author = sub(feed, "author")
    sub(author, "name", "nkc-kg")
    for release in releases:
        urls = _urls(root, release)
        entry = sub(feed, "entry")
        sub(entry, "id", str(release.manifest.get("iri") or iris.release(release.version)))
        sub(entry, "title", f"nkc-kg {release.version}")
        sub(entry, "updated", release.issued)
        sub(entry, "published", release.issued)
        sub(entry, "link", rel="alternate", type="text/html", href=urls["page"])
        sub(entry, "link", rel="enclosure", type="application/zip", href=urls["bundle"], title="bundle")
        sub(entry, "link", rel="describedby", type="text/turtle", href=urls["description"], title="DCAT/VoID")
        if "diff" in urls:
            sub(entry, "link", rel="related", type="application/json", href=urls["diff"], title="changes")
        sub(entry, "summary", f"{summary(release.manifest)}. SHA-256 of {SUMS}: {release.checksum}")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def json_feed(releases: list[Release], root: str, iris: Iris, current: str | None) -> dict[str, Any]:
    items = []
    for release in releases:
        urls = _urls(root, release)
        items.append(
            {
                "id": str(release.manifest.get("iri") or iris.release(release.version)),
                "url": urls["page"],
                "title": f"nkc-kg {release.version}",
                "content_text": f"{summary(release.manifest)}. SHA-256 of {SUMS}: {release.checksum}",
                "date_published": release.issued,
                "attachments": [
                    {"url": urls["bundle"], "mime_type": "application/zip", "title": "bundle"},
                    {"url": urls["description"], "mime_type": "text/turtle", "title": "DCAT/VoID description"},
                ],
                "_nkc_kg": release_json(release, root, current),
            }
        )
    return {
        "version": JSON_FEED,
        "title": FEED_TITLE,
        "home_page_url": f"{root}/releases",
        "feed_url": f"{root}/releases.json",
        "items": items,
    }


@lru_cache(maxsize=2)
def _bundle_zip(path: FilePath, version: str, checksum: str) -> bytes:
    """The release's files in one zip (with fixed timestamps, so the same release gives the same bytes)."""
    release = Release(version, path, {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in [*sorted(release.sums), SUMS]:
            info = zipfile.ZipInfo(f"nkc-kg-{version}/{name}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (path / name).read_bytes())
    return out.getvalue()


def build_router(folder: Callable[[], FilePath], iris: Iris, pages: Pages, error: type[Exception]) -> APIRouter:
    """``folder`` gives the releases folder; ``error(status, error, detail)`` is the service's JSON error."""
    router = APIRouter(tags=["Releases"])

    def root(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def release_or_404(version: str) -> Release:
        if not VERSION.fullmatch(version) and version != "current":
            raise error(400, "malformed release version", version)  # type: ignore[call-arg]
        try:
            return read_release(folder(), version)
        except ReleaseError:
            known = [r.version for r in list_releases(folder())]  # (the folder's path is not the client's business)
            raise error(404, "unknown release", {"release": version, "available": known}) from None  # type: ignore[call-arg]

    @router.get("/releases", response_class=HTMLResponse, summary="The published releases (page)")
    async def releases_page(request: Request) -> Response:
        releases = list_releases(folder())
        current = current_version(folder())
        rows = [release_json(r, "", current) for r in releases]
        return pages.render(request, "releases.html", releases=rows)

    @router.get("/releases.atom", summary="The published releases as an Atom 1.0 feed")
    async def releases_atom(request: Request) -> Response:
        return Response(atom_feed(list_releases(folder()), root(request), iris), media_type="application/atom+xml")

    @router.get("/releases.json", summary="The published releases as a JSON Feed 1.1")
    async def releases_json_feed(request: Request) -> JSONResponse:
        body = json_feed(list_releases(folder()), root(request), iris, current_version(folder()))
        return JSONResponse(body, media_type="application/feed+json")

    @router.get("/api/releases", response_model=rm.ReleasesOut, summary="The published releases, newest first")
    async def api_releases(request: Request) -> dict[str, Any]:
        current = current_version(folder())
        return {
            "current": current,
            "releases": [release_json(r, root(request), current) for r in list_releases(folder())],
        }

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
        query: Annotated[
            str | None, Query(description="only this named query (default: all)", examples=["steps-in-quarter"])
        ] = None,
    ) -> dict[str, Any]:
        before, after = release_or_404(old), release_or_404(new)
        names = set(before.query_names()) | set(after.query_names())
        if query is not None and query not in names:
            raise error(404, "unknown query", {"query": query, "available": sorted(names)})  # type: ignore[call-arg]
        diffs = await anyio.to_thread.run_sync(diff_releases, before, after, query)
        return {
            "from": before.version,
            "to": after.version,
            "changed": [d.query for d in diffs if d.added or d.removed],
            "queries": [d.as_json() for d in diffs],
        }

    @router.get("/releases/{version}/" + BUNDLE, summary="A release's files in one zip")
    async def release_bundle(version: str) -> Response:
        release = release_or_404(version)
        data = await anyio.to_thread.run_sync(_bundle_zip, release.path, release.version, release.checksum)
        name = f"nkc-kg-{release.version}.zip"
        return Response(
            data, media_type="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )

    @router.get("/releases/{version}/{name:path}", summary="A file of a release (those its SHA256SUMS lists)")
    async def release_file(version: str, name: str) -> Response:
        release = release_or_404(version)
        try:
            path = release.file(name)
        except ReleaseError as exc:
            raise error(404, "no such file in the release", str(exc)) from None  # type: ignore[call-arg]
        media = "text/plain" if name == SUMS else media_type(name)
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        return FileResponse(path, media_type=media + charset)

    @router.get("/releases/{version}", response_class=HTMLResponse, summary="A release: its files and changes")
    async def release_page(request: Request, version: str) -> Response:
        release = release_or_404(version)
        info = release_json(release, "", current_version(folder()))
        files = [{"name": n, **meta} for n, meta in sorted(release.manifest.get("files", {}).items())]
        return pages.render(request, "release.html", release=info, files=files, sums=SUMS, bundle=BUNDLE)

    return router
