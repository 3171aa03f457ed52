"""Build the curated graph file by file, taking the triples of unchanged files from the cache.

The builder resolves references across files in a first pass (the registry: party and initiative
ids and labels, documents, plans, subgoal and activity numbers) and then turns each file into
triples. The triples of one file therefore depend on that file, the registry, the loaders' code, the
base IRI and the working directory (locations are written relative to it); the cache key of a file's
triples is a hash of exactly those. Editing a step's text leaves the registry as it was, so only the
edited file is built again; adding a party changes it, and every file is built again.

Reading is cached too: the records of a file are stored under a hash of its bytes and path.

The result is what `build_from_paths` gives, as the union of the graphs: the same triples, the same
location of every subject (the first file that writes it, in build order) and the same errors in the
same order (`tests/test_validation_engine.py` compares them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkc_kg.loaders.build import Builder
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import CuratedFile, ReadResult, read_curated_file
from nkc_kg.loaders.curated.yamlio import CurationError, Location, SourceFile
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.shacl.cache import Cache, code_digest, digest
from nkc_kg.loaders.shacl.terms import ntriples
from pydantic import BaseModel
from rdflib.term import Node

# Builder attributes that are not the registry: its output and the state of the file being built.
# `numbers` is read by the registry pass only (to report a number used twice), and holds the line of
# every number, which moves with any edit above it.
NOT_REGISTRY = {
    "iris",
    "nkc",
    "dataset",
    "result",
    "graph",
    "file",
    "document",
    "concept_ids",
    "described_locations",
    "numbers",
}

_code: str | None = None


def loaders_code() -> str:
    global _code
    if _code is None:
        _code = code_digest()
    return _code


@dataclass
class FileTriples:
    """What building one file gives: its triples (N-Triples), where its subjects are written, its errors."""

    ntriples: bytes
    locations: list[tuple[Node, Location]]
    errors: list[dict[str, Any]]  # CurationError fields (a dataclass exception does not pickle)


@dataclass
class IncrementalBuild:
    parts: list[bytes] = field(default_factory=list)  # N-Triples per file, in build order
    locations: dict[Node, Location] = field(default_factory=dict)
    errors: list[CurationError] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # files built now (the others came from the cache)

    def ntriples(self) -> bytes:
        return b"".join(self.parts)


@dataclass
class CachedRead(ReadResult):
    """`ReadResult`, with the hash of each file read from disk (its bytes and path), by ``id()`` of its record."""

    keys: dict[int, str] = field(default_factory=dict)


def read(paths: list[Path], cache: Cache) -> CachedRead:
    """`read_curated`, with the records of each unchanged file from the cache."""
    result = CachedRead()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        key = digest(loaders_code(), "records", str(path.resolve()), data) if data is not None else None
        cached = cache.get("records", key) if key else None
        if cached is not None:
            result.files.append(cached)
            result.keys[id(cached)] = key  # type: ignore[assignment]
            continue
        try:
            curated = read_curated_file(path)
        except CurationError as exc:
            result.errors.append(exc)
            continue
        except ExceptionGroup as group:
            result.errors.extend(e for e in group.exceptions if isinstance(e, CurationError))
            continue
        result.files.append(curated)
        if key and path.read_bytes() == data:  # not changed while it was read
            cache.put("records", key, curated)
            result.keys[id(curated)] = key
    return result


def build(files: list[CuratedFile], iris: Iris, cache: Cache, keys: dict[int, str] | None = None) -> IncrementalBuild:
    """Build ``files``; ``keys``: the hash of a file's bytes where it was read from disk (else it is hashed
    from its record and lines)."""
    keys = keys or {}
    registrar = Builder(iris)
    registrar.register(files)
    out = IncrementalBuild(errors=list(registrar.result.errors))
    registry = registry_digest(registrar)
    for cf in sorted(files, key=lambda cf: not isinstance(cf.record, r.ReferenceFile)):
        key = (
            digest(loaders_code(), "triples", registry, iris.base, os.getcwd(), keys.get(id(cf)) or source_digest(cf))
            if registry is not None
            else None
        )
        part = cache.get("triples", key) if key else None
        if part is None:
            part = build_one(cf, files, iris, len(registrar.result.errors))
            out.built.append(cf.source.path.name)
            if key:
                cache.put("triples", key, part)
        out.parts.append(part.ntriples)
        for subject, location in part.locations:
            out.locations.setdefault(subject, location)
        out.errors += [CurationError(**fields) for fields in part.errors]
    return out


class _Triples:
    """Where the builder writes: validation needs the union of the graphs, so every graph is one set
    (rdflib's store keeps three indexes and the graphs of each triple, which is most of the build's time)."""

    def __init__(self) -> None:
        self.triples: set[tuple[Node, Node, Node]] = set()

    def graph(self, _iri: object) -> _Triples:
        return self

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.triples.add(triple)


class _OneFileBuilder(Builder):
    """Builds one file, with the registry of all of them, into a set of triples."""

    def __init__(self, iris: Iris, everything: list[CuratedFile]) -> None:
        super().__init__(iris)
        self._everything = everything
        self.dataset = self.result.dataset = _Triples()  # type: ignore[assignment]
        self.graph = self.dataset.graph(None)  # type: ignore[assignment]

    def register(self, files: list[CuratedFile]) -> None:
        super().register(self._everything)


def build_one(cf: CuratedFile, files: list[CuratedFile], iris: Iris, registry_errors: int) -> FileTriples:
    builder = _OneFileBuilder(iris, files)
    result = builder.build([cf])
    return FileTriples(
        ntriples=ntriples(builder.dataset.triples),  # type: ignore[attr-defined]
        locations=list(result.locations.items()),
        errors=[dict(vars(e)) for e in result.errors[registry_errors:]],
    )


def source_digest(cf: CuratedFile) -> str:
    """Everything a file's triples and locations are made of: its record and where each value was written."""
    src = cf.source
    return digest(
        type(src).__name__,
        str(src.path),
        str(getattr(src, "workbook", "")),
        repr(list(getattr(src, "cells", {}).items())),
        repr(list(src.lines.items())),
        type(cf.record).__name__,
        cf.record.model_dump_json(),
    )


def registry_digest(builder: Builder) -> str | None:
    """A hash of what the registry pass collected, or None when it holds something this cannot hash."""
    try:
        parts = [
            f"{name}={_canonical(value)}"
            for name, value in sorted(vars(builder).items())
            if name not in NOT_REGISTRY and not name.startswith("_")
        ]
    except TypeError:
        return None
    return digest(*parts)


def _canonical(value: object) -> str:
    if isinstance(value, BaseModel):
        return f"{type(value).__name__}{value.model_dump_json()}"
    if isinstance(value, SourceFile):
        # where an id was defined is read by the registry pass only (to name the first definition of a
        # duplicate); leaving it out, and whether it is a file or a workbook's sheet, keeps the registry the
        # same when a file is checked from elsewhere (a workbook upload reuses the shipped files' triples)
        return "SourceFile"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_canonical(k)}:{_canonical(v)}" for k, v in value.items())) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    if value is None or isinstance(value, str | int | float | bool | Path | Location):
        return repr(value)
    raise TypeError(f"cannot hash {type(value).__name__}")
