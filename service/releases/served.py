"""Which release the service is actually serving, as opposed to the one ``releases/current`` points at.

When `nkc-kg serve --releases` refuses to switch to a new ``current`` (its checksums do not match, its
SPARQL workers do not start, …) it keeps serving the previous release. /api/releases then reports
the release served as ``current`` and marks the refused one, as /health does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nkc_kg.service.releases.bundles import current_version


def served_release(app_state: Any, folder: Path) -> tuple[str | None, dict[str, str] | None]:
    """``(version served, refusal)``: the refusal is ``{"version", "error", "at"}`` or None.

    Without a release server (the service over the curated data), the release ``current`` points at."""
    status = getattr(app_state, "release_status", None)
    if status is None:
        return current_version(folder), None
    info = status()
    return info["release"]["version"], info.get("releaseFailure")


def mark_served(body: dict[str, Any], served: str | None, refusal: dict[str, str] | None) -> dict[str, Any]:
    """The /api/releases body with ``current`` the release served, and the refused release marked."""
    body["current"] = served
    if refusal:
        body["refused"] = refusal
    for release in body["releases"]:
        release["current"] = release["version"] == served
        if refusal and release["version"] == refusal["version"]:
            release["refused"] = refusal["error"]
    return body
