"""Strict YAML reading that remembers where every value came from.

Curated files are edited by hand, so every problem must be reported as
``file:line``. PyYAML's composer gives us nodes with marks; we build plain
Python values from them and keep a side table from the *path* of each value
(("activities", 3, "steps", 1, "lead")) to its line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Location:
    """A place to fix: ``file:line`` in a curated file, or ``file: Sheet!C14`` in a workbook
    (``cell`` is then the sheet and cell, and ``line`` the row of the sheet)."""

    file: str
    line: int
    cell: str | None = None

    def __str__(self) -> str:
        return f"{self.file}: {self.cell}" if self.cell else f"{self.file}:{self.line}"

    @property
    def sheet(self) -> str | None:
        return self.cell.rsplit("!", 1)[0] if self.cell else None


@dataclass
class CurationError(Exception):
    """A problem in a curated file, with the place to fix it."""

    location: Location | None
    message: str
    path: str = ""
    message_nl: str | None = None  # the Dutch wording, where the check has one (workbook import)
    suggestion: str | None = None  # the obvious fix, e.g. the closest known party

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str = "en") -> str:
        """``where: [path:] message``; with a Dutch wording, both languages (``lang`` first, the other below)."""
        where = str(self.location) if self.location else "<unknown>"
        at = f" {self.path}:" if self.path else ""
        if self.message_nl is None:
            return f"{where}:{at} {self.message}"
        first, second = (self.message_nl, self.message) if lang == "nl" else (self.message, self.message_nl)
        return f"{where}:{at} {first}\n    ({'en' if lang == 'nl' else 'nl'}) {second}"


@dataclass
class SourceFile:
    """A parsed curated file: its data plus the line of every value."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, key: PathKey) -> int:
        """Line of the value at ``key``, or of its nearest enclosing value."""
        probe = tuple(key)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)

    def location(self, key: PathKey) -> Location:
        return Location(display_path(self.path), self.line_of(key))


def display_path(path: Path) -> str:
    """Path relative to the working directory when possible (what editors click on)."""
    return _display_path(str(path), os.getcwd())


@lru_cache(maxsize=256)
def _display_path(path: str, cwd: str) -> str:
    # resolve() asks the file system for every part of the path: once per file, not per location
    try:
        return str(Path(path).resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return path


def format_key(key: PathKey) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# libyaml's parser when present (10× faster); both keep line marks on every node.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader without implicit dates (we want the text the editor wrote)."""


# Keep "2025-10-01" a string; the loaders parse dates where they expect them.
_StrictLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> SourceFile:
    """Parse ``path`` strictly: duplicate keys and non-string keys are errors."""
    text = path.read_text(encoding="utf-8")
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise CurationError(Location(display_path(path), line), f"not valid YAML: {exc.problem or exc}") from None
    finally:
        loader.dispose()
    source = SourceFile(path=path, data=None)
    if node is None:
        source.data = {}
        return source
    constructor = _StrictLoader(text)
    try:
        source.data = _build(node, (), source, constructor)
    finally:
        constructor.dispose()
    return source


def _build(node: yaml.Node, key: PathKey, source: SourceFile, constructor: _StrictLoader) -> Any:
    source.lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise CurationError(source.location(key), "YAML merge keys (<<) are not allowed in curated files")
            name = constructor.construct_object(key_node, deep=True)
            if not isinstance(name, str):
                raise CurationError(
                    Location(display_path(source.path), key_node.start_mark.line + 1),
                    f"keys must be text, found {name!r}",
                )
            if name in result:
                raise CurationError(
                    Location(display_path(source.path), key_node.start_mark.line + 1),
                    f"duplicate key {name!r}",
                    format_key(key),
                )
            result[name] = _build(value_node, (*key, name), source, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, i), source, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)
