"""The published releases as data: each release as JSON with its links, the Atom 1.0 and JSON Feed 1.1 feeds,
and a release's files in one zip."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.releases.bundles import SUMS, Release
from nkc_kg.service.releases.publish import summary

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
def bundle_zip(path: Path, version: str, checksum: str) -> bytes:
    """The release's files in one zip (with fixed timestamps, so the same release gives the same bytes)."""
    release = Release(version, path, {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in [*sorted(release.sums), SUMS]:
            info = zipfile.ZipInfo(f"nkc-kg-{version}/{name}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (path / name).read_bytes())
    return out.getvalue()
