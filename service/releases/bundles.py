"""Published releases on disk: ``releases/<version>/`` bundles and the ``releases/current`` pointer.

A release folder is written once by ``nkc-kg publish`` (to a hidden temporary folder, then renamed)
and never changed afterwards. ``SHA256SUMS`` lists every other file with its SHA-256; the release's
own checksum is the SHA-256 of that list. ``release.json`` is the manifest the service and the feeds
read (``release.ttl`` says the same in DCAT/VoID for integrators). ``current`` is a symbolic link to
the served version, replaced atomically (a new link renamed over the old one).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from nkc_kg.loaders.formula_guard import csv_cell, csv_value
from nkc_kg.loaders.paths import RELEASES_DIR
from nkc_kg.service.settings import Settings

DEFAULT_RELEASES_DIR = RELEASES_DIR  # releases/ of the checkout; ./releases when installed
CURRENT = "current"
MANIFEST = "release.json"
DESCRIPTION = "release.ttl"
SUMS = "SHA256SUMS"
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")
MEDIA_TYPES = {
    ".trig": "application/trig",
    ".nq": "application/n-quads",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".csv": "text/csv",
    ".html": "text/html",
    ".json": "application/json",
    ".txt": "text/plain",
}


class ReleaseError(Exception):
    """A release is missing, unreadable or does not match its checksums."""


def releases_dir(settings: Settings) -> Path:
    """The releases folder: NKC_KG_RELEASES (or ``--releases``), else releases/ of the home folder."""
    if settings.releases:
        return settings.releases
    return settings.home / "releases" if settings.home else DEFAULT_RELEASES_DIR


def check_version(version: str) -> str:
    if not VERSION.fullmatch(version) or version == CURRENT:
        raise ReleaseError(
            f"version {version!r}: use letters, digits, '.', '_' and '-' (at most 64, not 'current'), e.g. 2026.12.03"
        )
    return version


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_type(name: str) -> str:
    return MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream")


def parse_sums(text: str, where: str) -> dict[str, str]:
    """``<sha256>  <relative path>`` lines, as sha256sum writes them."""
    sums: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](\S.*)", line)
        name = match[2] if match else ""
        if not match or name.startswith("/") or ".." in name.split("/"):
            raise ReleaseError(f"{where}:{lineno}: not a '<sha256>  <file>' line: {line[:80]!r}")
        sums[name] = match[1]
    return sums


@dataclass(frozen=True)
class Release:
    version: str
    path: Path
    manifest: dict[str, Any]

    @property
    def issued(self) -> str:
        return str(self.manifest.get("issued", ""))

    @property
    def quads(self) -> int:
        return int(self.manifest.get("quads", 0))

    @cached_property
    def sums(self) -> dict[str, str]:
        path = self.path / SUMS
        try:
            return parse_sums(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise ReleaseError(f"{path}: {exc}") from None

    @cached_property
    def checksum(self) -> str:
        """The release's checksum: SHA-256 of its SHA256SUMS list (which covers every other file)."""
        try:
            return hashlib.sha256((self.path / SUMS).read_bytes()).hexdigest()
        except OSError as exc:
            raise ReleaseError(f"{self.path / SUMS}: {exc}") from None

    def file(self, name: str) -> Path:
        """A file of the bundle; only the files its SHA256SUMS lists (and that list itself) are served."""
        if name != SUMS and name not in self.sums:
            raise ReleaseError(f"release {self.version} has no file {name!r}")
        return self.path / name

    def verify(self) -> list[str]:
        """What does not match the checksums (empty: the bundle is intact)."""
        problems = []
        listed = set(self.sums)
        present = {p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file()} - {SUMS}
        for name in sorted(present - listed):
            problems.append(f"{name}: not listed in {SUMS}")
        for name in sorted(listed):
            path = self.path / name
            if not path.is_file():
                problems.append(f"{name}: missing")
            elif sha256_file(path) != self.sums[name]:
                problems.append(f"{name}: SHA-256 differs from {SUMS}")
        return problems

    def query_names(self) -> list[str]:
        return sorted(self.manifest.get("queries", {}))

    def query_answer(self, name: str) -> tuple[list[str], list[dict[str, str]]]:
        """The columns and rows of the named query's CSV in this release."""
        entry = self.manifest.get("queries", {}).get(name)
        if entry is None:
            raise ReleaseError(f"release {self.version} has no answer of the query {name!r}")
        return read_answer_csv(self.file(entry["file"]).read_text(encoding="utf-8"))


def answer_csv(variables: list[str], rows: list[Mapping[str, Any]]) -> bytes:
    """A named query's answer as the release's CSV; no cell a spreadsheet would run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([csv_cell(str(row.get(v, ""))) for v in variables])  # loaders/formula_guard.py
    return out.getvalue().encode()


def read_answer_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The columns and rows answer_csv wrote, with the values as they were (the apostrophes taken off)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    return header, [dict(zip(header, map(csv_value, row), strict=False)) for row in reader]


def read_release(directory: Path, version: str) -> Release:
    if version == CURRENT:
        current = current_version(directory)
        if current is None:
            raise ReleaseError(f"no current release in {directory}: run `nkc-kg publish` first")
        version = current
    check_version(version)
    path = directory / version
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReleaseError(f"no release {version!r} in {directory}") from None
    except (OSError, ValueError) as exc:
        raise ReleaseError(f"{path / MANIFEST}: unreadable: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("version") != version:
        raise ReleaseError(f"{path / MANIFEST}: does not describe release {version!r}")
    return Release(version, path, manifest)


def list_releases(directory: Path) -> list[Release]:
    """The releases in ``directory``, newest first; folders that are not readable releases are left out."""
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        if path.name.startswith(".") or path.name == CURRENT or not path.is_dir() or not VERSION.fullmatch(path.name):
            continue
        try:
            found.append(read_release(directory, path.name))
        except ReleaseError:
            continue
    return sorted(found, key=lambda r: (r.issued, r.version), reverse=True)


def current_version(directory: Path) -> str | None:
    try:
        target = os.readlink(directory / CURRENT)
    except OSError:
        return None
    return Path(target).name


def switch_current(directory: Path, version: str) -> None:
    """Point ``current`` at ``version`` in one rename: a reader sees the old or the new link, never none."""
    temporary = directory / f".{CURRENT}-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(version, temporary)
    os.replace(temporary, directory / CURRENT)


# ---------------------------------------------------------------------------------------- differences


@dataclass(frozen=True)
class QueryDiff:
    """How a named query's answer (with the release's example parameters) changed between two releases."""

    query: str
    columns: list[str]
    added: list[dict[str, str]]
    removed: list[dict[str, str]]
    parameters: dict[str, dict[str, str]]  # per release version

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "parameters": self.parameters,
            "columns": self.columns,
            "added": self.added,
            "removed": self.removed,
        }


def row_diff(
    old: tuple[list[str], list[dict[str, str]]], new: tuple[list[str], list[dict[str, str]]]
) -> tuple[list[str], list[dict[str, str]], list[dict[str, str]]]:
    """Rows added and removed, keyed by the whole row (a repeated row counts as often as it occurs)."""
    columns = list(new[0]) + [c for c in old[0] if c not in new[0]]

    def keyed(rows: Iterable[dict[str, str]]) -> Counter[tuple[str, ...]]:
        return Counter(tuple(row.get(c, "") for c in columns) for row in rows)

    before, after = keyed(old[1]), keyed(new[1])

    def rows(counter: Counter[tuple[str, ...]]) -> list[dict[str, str]]:
        return [dict(zip(columns, key, strict=True)) for key in sorted(counter.elements())]

    return columns, rows(after - before), rows(before - after)


def diff_releases(old: Release, new: Release, query: str | None = None) -> list[QueryDiff]:
    """Per named query (or only ``query``): the rows added and removed from ``old`` to ``new``."""
    names = [query] if query else sorted(set(old.query_names()) | set(new.query_names()))
    diffs = []
    for name in names:
        if name not in old.query_names() and name not in new.query_names():
            raise ReleaseError(f"neither release {old.version} nor {new.version} answers the query {name!r}")
        answers = [r.query_answer(name) if name in r.query_names() else ([], []) for r in (old, new)]
        columns, added, removed = row_diff(answers[0], answers[1])
        params = {r.version: r.manifest["queries"].get(name, {}).get("parameters", {}) for r in (old, new)}
        diffs.append(QueryDiff(name, columns, added, removed, params))
    return diffs


def nquads_diff(old: Path, new: Path) -> tuple[int, int]:
    """Quads added and removed between two N-Quads files (the data has no blank nodes, so lines compare)."""
    before = set(old.read_text(encoding="utf-8").splitlines())
    after = set(new.read_text(encoding="utf-8").splitlines())
    before.discard("")
    after.discard("")
    return len(after - before), len(before - after)
