"""Strict YAML reading that remembers where every value came from.

Curated files are edited by hand, so every problem must be reported as
``file:line``. PyYAML's composer gives us nodes with marks; we build plain
Python values from them and keep a side table from the *path* of each value
(("activities", 3, "steps", 1, "lead")) to its line.

The same reader reads uploads (POST /api/validate), so it is bounded against hostile YAML: see
"Bounded composition" below.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError

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
    text = _bounded_text(path)
    loader = _StrictLoader(text)
    try:
        node = compose(loader)  # depth, line length and aliases bounded (below)
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


def _bounded_text(path: Path) -> str:
    """The file as text; not UTF-8, or a line too long to parse safely, is a CurationError at its line."""
    text, bad_line = decode_utf8(path.read_bytes())
    if text is None:
        raise CurationError(Location(display_path(path), bad_line), "not UTF-8 text (save the file as UTF-8)")
    line = long_line(text)
    if line:
        raise CurationError(Location(display_path(path), line), f"a line longer than {MAX_LINE:,} characters")
    return text


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


# --- Bounded composition --------------------------------------------------------------------------
# YAML read with bounds, for curated files and uploads alike.
#
# libyaml's own composer recurses in C once per level of nesting (100,000 nested ``- `` take the
# process down) and expands nothing but lets a reader that walks the nodes expand every alias: six
# levels of ten aliases in 370 bytes become 10^6 values, seven levels 10^7. So the document is composed
# here from libyaml's events (its scanner and parser keep their own stack, and stay linear when lines
# are bounded): with at most ``MAX_DEPTH`` levels, ``MAX_LINE`` characters per line and aliases that
# together repeat at most ``MAX_ALIASED`` values. An alias to a value that contains it is refused.
# The nodes are PyYAML's, with their marks, so readers keep reporting ``file:line``.

MAX_DEPTH = 100
MAX_LINE = 64 * 1024
MAX_ALIASED = 100_000


def decode_utf8(data: bytes) -> tuple[str, int] | tuple[None, int]:
    """``(text, 0)``, or ``(None, line)`` with the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError as exc:
        return None, data.count(b"\n", 0, exc.start) + 1


def long_line(text: str) -> int:
    """The number of the first line longer than MAX_LINE characters, else 0 (linear, before any parsing)."""
    if len(text) <= MAX_LINE:
        return 0
    lines = text.split("\n")
    if max(map(len, lines)) <= MAX_LINE:  # the usual case, without a loop in Python
        return 0
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            return number
    return 0


def compose(loader: Any) -> yaml.Node | None:
    """The single document of ``loader``'s stream as nodes, within the bounds above (or ComposerError)."""
    loader.get_event()  # StreamStartEvent
    node = None
    if not loader.check_event(yaml.StreamEndEvent):
        loader.get_event()  # DocumentStartEvent
        node = _Composer(loader).document()
        loader.get_event()  # DocumentEndEvent
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise ComposerError(
            "expected a single document in the stream", None, "but found another document", event.start_mark
        )
    loader.get_event()  # StreamEndEvent
    return node


class _Composer:
    """PyYAML's composer, without recursion, with depth and alias bounds (``size`` = values under a node)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.anchors: dict[str, yaml.Node] = {}
        self.size: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded (complete nodes only)
        self.aliased = 0

    def document(self) -> yaml.Node:
        loader = self.loader
        stack: list[tuple[yaml.Node, list[Any]]] = []  # open collections and the pending key of a mapping
        while True:
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node, _ = stack.pop()
                node.end_mark = event.end_mark
                self.size[id(node)] = 1 + sum(self._size_of(child) for child in _children(node))
            else:
                node = self._open(event, stack)
                if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not self._is_alias(event):
                    if len(stack) >= MAX_DEPTH:
                        raise ComposerError(
                            None, None, f"the values nest more than {MAX_DEPTH} levels deep", event.start_mark
                        )
                    stack.append((node, []))
                    continue
            if not stack:
                return node
            self._add(stack[-1], node)

    def _is_alias(self, event: yaml.Event) -> bool:
        return isinstance(event, yaml.AliasEvent)

    def _open(self, event: yaml.Event, stack: list[tuple[yaml.Node, list[Any]]]) -> yaml.Node:
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
            target = self.anchors[event.anchor]
            if id(target) not in self.size:
                raise ComposerError(
                    None, None, f"the alias *{event.anchor} refers to a value that contains it", event.start_mark
                )
            self.aliased += self.size[id(target)]
            if self.aliased > MAX_ALIASED:
                raise ComposerError(
                    None,
                    None,
                    f"aliases repeat more than {MAX_ALIASED:,} values (a YAML alias bomb?)",
                    event.start_mark,
                )
            return target
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            tag = self._tag(event, yaml.ScalarNode, event.value)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            self.size[id(node)] = 1
        elif isinstance(event, yaml.SequenceStartEvent):
            tag = self._tag(event, yaml.SequenceNode, None)
            node = yaml.SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        elif isinstance(event, yaml.MappingStartEvent):
            tag = self._tag(event, yaml.MappingNode, None)
            node = yaml.MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        else:
            raise ComposerError(None, None, f"unexpected {type(event).__name__}", event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.anchors[anchor] = node
        return node

    def _tag(self, event: Any, kind: type[yaml.Node], value: str | None) -> str:
        if event.tag not in (None, "!"):
            return str(event.tag)
        return str(self.loader.resolve(kind, value, event.implicit))

    def _size_of(self, node: yaml.Node) -> int:
        return self.size.get(id(node), 1)

    @staticmethod
    def _add(parent: tuple[yaml.Node, list[Any]], node: yaml.Node) -> None:
        collection, pending = parent
        if isinstance(collection, yaml.SequenceNode):
            collection.value.append(node)
        elif pending:
            collection.value.append((pending.pop(), node))
        else:
            pending.append(node)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
