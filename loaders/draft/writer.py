"""Write a draft as curated YAML: the cards in ``<plan>-activiteiten.yaml``, the team, the
abbreviations and people the data does not know yet in ``<plan>.yaml`` (the layout of data/).

Every record is one of loaders/curated/records.py, so the files read back as curated data; comments
say where each card is in the text and what on it was not placed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from nkc_kg.loaders.draft.extract import Draft
from nkc_kg.loaders.draft.report import Finding
from pydantic import BaseModel


def planned_files(draft: Draft, folder: Path) -> dict[Path, str]:
    """The files a draft writes and their text."""
    source = f"# Drafted by `nkc-kg draft` from the text of {draft.document}: a starting point, not curated data.\n"
    source += f"# Slide numbers: {draft.deck.offset_note()}.\n"
    out: dict[Path, str] = {}
    if draft.cards:
        body = source + _card_legend() + _head(draft) + "activities:\n"
        for card in draft.cards:
            body += f"\n  # {'-' * 60} {card.number} (slide {card.slide})\n"
            body += _comments(card.findings, "  ")
            body += _indent(_dump([_plain(card.activity)]), "  ")
        out[folder / f"{draft.plan}-activiteiten.yaml"] = body
    if draft.teams or draft.abbreviations or draft.parties:
        body = source
        body += "# The plan header (plan: {id, title, theme, year, version, publisher, source}) is not drafted:\n"
        body += "# the text has no cover. Put it in place of `plan:` below, or head the plan in another file.\n"
        body += _head(draft)
        parts: list[tuple[str, list[Any]]] = [
            ("teams", draft.teams),
            ("abbreviations", draft.abbreviations),
            ("parties", draft.parties),
        ]
        for name, records in parts:
            if records:
                body += f"\n{name}:\n" + _indent(_dump([_plain(rec) for rec in records]), "  ")
        out[folder / f"{draft.plan}.yaml"] = body
    return out


def _head(draft: Draft) -> str:
    return f"document: {draft.document}\nplan: {draft.plan}\n\n"


def _card_legend() -> str:
    return (
        "# Titles come from the list of activities, `card_title` where the card words it differently.\n"
        "# Timeframes are verbatim and readable by loaders/curated/timeframes.py. Leads are party ids resolved\n"
        "# from the 'Wie doet het?' line in lead_text; what did not resolve is listed under the card.\n"
    )


def _comments(findings: list[Finding], indent: str) -> str:
    lines = []
    for f in sorted(findings, key=lambda f: f.line):
        label = "not placed" if f.severity == "not-placed" else "check"
        text = f" {f.text!r}:" if f.text else ""
        lines.append(f"{indent}# {label} (line {f.line}):{text} {f.message('en')}")
    return "\n".join(lines) + ("\n" if lines else "")


# Keys that name a record come first, as in data/ (pydantic puts inherited fields such as a step's
# timeframe first).
FIRST_KEYS = ("id", "number", "abbr", "person", "title", "card_title", "text", "expansion", "timeframe")


def _plain(record: BaseModel) -> Any:
    return _ordered(record.model_dump(mode="json", exclude_defaults=True))


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        keys = [k for k in FIRST_KEYS if k in value] + [k for k in value if k not in FIRST_KEYS]
        return {k: _ordered(value[k]) for k in keys}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Block style, except short lists of ids and small mappings such as {slide: 17}, as in data/."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(v, (str, int)) and len(str(v)) < 40 for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = len(data) <= 3 and all(isinstance(v, (str, int)) and len(str(v)) < 40 for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None  # a step with its sub-points, one a line
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def _indent(text: str, indent: str) -> str:
    return "".join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))
