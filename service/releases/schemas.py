"""Pydantic models of the release API answers (/api/releases…): they document /docs and the contract."""

from __future__ import annotations

from typing import Any

from nkc_kg.service.web.schemas import ErrorOut, Open
from pydantic import Field

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a malformed release version"},
    404: {"model": ErrorOut, "description": "unknown release, or a query neither release answers"},
}


class ChecksumOut(Open):
    algorithm: str = Field(description="always sha256", examples=["sha256"])
    of: str = Field(
        description="the file whose digest this is: the bundle's list of checksums", examples=["SHA256SUMS"]
    )
    value: str = Field(description="hexadecimal digest")


class ReleaseOut(Open):
    version: str = Field(examples=["2026.12.03"])
    issued: str = Field(description="when it was published (UTC, RFC 3339)", examples=["2026-12-03T08:31:14Z"])
    iri: str | None = Field(description="the release's IRI (dcat:Dataset in its release.ttl)")
    current: bool = Field(description="whether the service serves it (else: whether releases/current points at it)")
    checksum: ChecksumOut
    quads: int = Field(description="quads in the dataset")
    previous: str | None = Field(description="the release it follows")
    summary: str = Field(description="size, and what changed since the previous release")
    changes: dict[str, Any] | None = Field(
        description="quads added and removed, and rows added and removed per named query, since the previous release"
    )
    validation: dict[str, Any] | None = Field(description="SHACL: conforms, and the number of results per severity")
    competency: dict[str, Any] | None = Field(description="competency questions checked and passed")
    links: dict[str, str] = Field(description="page, bundle (zip), description (release.ttl), sums, diff")
    refused: str | None = Field(None, description="why the service refused to switch to it (it serves another)")


class ReleasesOut(Open):
    current: str | None = Field(
        description="the version the service serves (`serve --releases`), else the one releases/current points at"
    )
    refused: dict[str, str] | None = Field(
        None, description="the release releases/current points at that the service refused: version, error, at"
    )
    releases: list[ReleaseOut] = Field(description="newest first")


class QueryDiffOut(Open):
    query: str = Field(examples=["steps-in-quarter"])
    parameters: dict[str, dict[str, str]] = Field(
        description="per release, the example parameters its CSV was run with"
    )
    columns: list[str]
    added: list[dict[str, str]] = Field(description="rows in the newer answer only")
    removed: list[dict[str, str]] = Field(description="rows in the older answer only")


class ReleaseDiffOut(Open):
    from_: str = Field(alias="from", description="the older release")
    to: str = Field(description="the newer release")
    changed: list[str] = Field(description="the named queries whose answer changed")
    queries: list[QueryDiffOut]
