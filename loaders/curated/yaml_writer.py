"""Curated records -> YAML text in the style of data/, changing only what changed.

:func:`emit` writes a record as the curated files are written by hand (block mappings, flow style for
source refs, party roles and short lists of ids, double-quoted text). :func:`patch` rewrites a shipped file
record by record: a record that did not change keeps its text, comments included, so the diff of an
import shows exactly the records an editor changed. The result is parsed back and checked against the
intended records; if that ever fails the whole file is written afresh (keeping its leading comment).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from nkc_kg.loaders.curated import records as r
from pydantic import BaseModel

FLOW_TYPES = (r.SourceRef, r.Localised, r.PartyRole)
PLAIN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FLOW_WIDTH = 110
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# ---------------------------------------------------------------------------- emitting


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if PLAIN.match(text) and yaml.load(text, Loader=_Loader) == text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def field_order(model: type[BaseModel]) -> list[str]:
    """The model's fields in the order the curated files write them (a step's timeframe after its text)."""
    names = list(model.model_fields)
    if "timeframe" in names and "text" in names:
        names.remove("timeframe")
        names.insert(names.index("text") + 1, "timeframe")
    return names


def _fields(model: BaseModel) -> list[tuple[str, Any]]:
    """The fields worth writing: required ones, and optional ones that differ from their default."""
    out = []
    fields = type(model).model_fields
    for name in field_order(type(model)):
        value, info = getattr(model, name), fields[name]
        if info.is_required() or value != info.get_default(call_default_factory=True):
            out.append((name, value))
    return out


def flow(value: Any) -> str:
    if isinstance(value, BaseModel):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in _fields(value) if v is not None) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def _inline(value: Any) -> bool:
    """Written on the key's line: scalars, flow models, and lists of those that fit."""
    if isinstance(value, FLOW_TYPES) or not isinstance(value, (BaseModel, list)):
        return True
    if isinstance(value, list):
        return all(isinstance(v, FLOW_TYPES) or not isinstance(v, (BaseModel, list)) for v in value) and (
            not value or len(flow(value)) <= FLOW_WIDTH
        )
    return False


def emit_mapping(model: BaseModel) -> list[str]:
    lines: list[str] = []
    for key, value in _fields(model):
        if value is None:
            continue
        lines += emit_field(key, value)
    return lines


def emit_field(key: str, value: Any) -> list[str]:
    if _inline(value):
        return [f"{key}: {flow(value)}"]
    if isinstance(value, BaseModel):
        return [f"{key}:"] + ["  " + line for line in emit_mapping(value)]
    return [f"{key}:"] + ["  " + line for line in emit_items(value)]


def emit_items(values: list[Any]) -> list[str]:
    lines: list[str] = []
    for value in values:
        lines += emit_item(value)
    return lines


def emit_item(value: Any) -> list[str]:
    if isinstance(value, BaseModel) and not isinstance(value, FLOW_TYPES):
        body = emit_mapping(value)
        return ["- " + body[0]] + ["  " + line for line in body[1:]]
    return ["- " + flow(value)]


def emit(model: BaseModel, header: str = "") -> str:
    lines = emit_mapping(model)
    # a blank line between the top-level fields, as in the hand-written files
    out: list[str] = []
    for line in lines:
        if out and not line.startswith((" ", "-")):
            out.append("")
        out.append(line)
    return header + "\n".join(out) + "\n"


def leading_comment(text: str) -> str:
    """The comment block a file starts with (what it is, its conventions), kept when a file is rewritten."""
    kept = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or (kept and not line.strip()):
            kept.append(line)
        else:
            break
    while kept and not kept[-1].strip():
        kept.pop()
    return "".join(kept) + ("\n" if kept else "")


# ---------------------------------------------------------------------------- patching


def _last_line(node: yaml.Node) -> int:
    """0-based last line of a node's own text (block collections end where their last child ends)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def patch(text: str, new: BaseModel, shipped: BaseModel, canonical: BaseModel | None = None) -> str:
    """``text`` (which reads as ``shipped``) changed to read as ``new``, value by value.

    ``canonical`` is ``shipped`` in the form the workbook gives it back (a party written as ``x`` or as
    ``{party: x, role: lead}`` in a list whose default role is lead is the same fact): a value is unchanged
    when its canonical form equals the new one, and then keeps its text. Changed records are entered and
    only their changed fields rewritten, so an edited timeframe changes one line. The caller checks the
    result reads back as ``new`` (see plan_import), and writes the file afresh with :func:`emit` if not.
    """
    canonical = canonical if canonical is not None else shipped
    if canonical == new:
        return text
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return emit(new, leading_comment(text))
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, int, list[str]]] = []  # (first line, last line, replacement), 0-based inclusive
    _patch_mapping(root, new, shipped, canonical, edits, top=True)
    for first, last, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[first : last + 1] = [line + "\n" for line in replacement]
    return "".join(lines)


def _indent(lines: list[str], column: int) -> list[str]:
    return [" " * column + line if line else line for line in lines]


def _patch_mapping(
    node: yaml.MappingNode,
    new: BaseModel,
    shipped: BaseModel,
    canonical: BaseModel,
    edits: list[tuple[int, int, list[str]]],
    top: bool = False,
) -> None:
    spans = {key.value: (key, value) for key, value in node.value}
    column = node.value[0][0].start_mark.column if node.value else 0
    fields = type(new).model_fields
    for name in field_order(type(new)):
        info = fields[name]
        old_value, new_value, was = getattr(shipped, name), getattr(new, name), getattr(canonical, name)
        if was == new_value:
            continue
        default = info.get_default(call_default_factory=True)
        absent = new_value is None or (new_value == default and not info.is_required())
        if name not in spans:
            if not absent:
                after = _last_line(node)
                edits.append((after + 1, after, _indent(([""] if top else []) + emit_field(name, new_value), column)))
            continue
        key_node, value_node = spans[name]
        first, last = key_node.start_mark.line, _last_line(value_node)
        if absent:
            edits.append((first, last, []))
        elif _enterable(value_node, old_value, new_value, was):
            _patch_mapping(value_node, new_value, old_value, was, edits)  # type: ignore[arg-type]
        elif _items_enterable(value_node, old_value, new_value, was):
            _patch_items(value_node, new_value, old_value, was, edits)
        else:
            edits.append((first, last, _indent(emit_field(name, new_value), column)))


def _enterable(node: yaml.Node, old: Any, new: Any, was: Any) -> bool:
    return (
        isinstance(node, yaml.MappingNode)
        and not node.flow_style
        and bool(node.value)
        and all(isinstance(v, BaseModel) and not isinstance(v, FLOW_TYPES) for v in (old, new, was))
        and type(old) is type(new) is type(was)
    )


def _items_enterable(node: yaml.Node, old: Any, new: Any, was: Any) -> bool:
    return (
        isinstance(node, yaml.SequenceNode)
        and not node.flow_style
        and isinstance(old, list)
        and isinstance(new, list)
        and isinstance(was, list)
        and len(node.value) == len(old) == len(was)
        and 0 < len(old) <= len(new)
    )


def _patch_items(
    node: yaml.SequenceNode, new: list[Any], old: list[Any], was: list[Any], edits: list[tuple[int, int, list[str]]]
) -> None:
    for i, item_node in enumerate(node.value):
        if was[i] == new[i]:
            continue
        if _enterable(item_node, old[i], new[i], was[i]):
            _patch_mapping(item_node, new[i], old[i], was[i], edits)  # type: ignore[arg-type]
        else:
            dash = _dash_column(item_node)
            edits.append((item_node.start_mark.line, _last_line(item_node), _indent(emit_item(new[i]), dash)))
    extra = new[len(old) :]
    if extra:
        dash = _dash_column(node.value[-1])
        after = _last_line(node)
        edits.append((after + 1, after, _indent([line for item in extra for line in emit_item(item)], dash)))


def _dash_column(item: yaml.Node) -> int:
    """Column of the ``-`` of a block sequence item (its node starts after ``- ``)."""
    return max(item.start_mark.column - 2, 0)
