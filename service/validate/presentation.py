"""The validation report in one language for plan editors: new problems first, the source's own in one place.

A problem the source document itself has (recorded by the curators as a source issue, ``SourceIssueShape``)
is no news to an editor: such results are set apart, their code ("Bron (other): …") said in words.
"""

from __future__ import annotations

import re
from typing import Any

SOURCE_ISSUE_SHAPE = "SourceIssueShape"
CODE = re.compile(r"^(?:Bron|Source) \(([a-z-]+)\):\s*")
ISSUE_KINDS = {
    "missing-in-source": ("ontbreekt in de bron", "missing in the source"),
    "text-differs": ("tekst wijkt af", "text differs"),
    "other": ("overig", "other"),
    "spelling": ("spelling", "spelling"),
    "incomplete": ("onvolledig", "incomplete"),
    "duplicate-content": ("dubbele inhoud", "duplicate content"),
    "wrong-reference": ("verkeerde verwijzing", "wrong reference"),
    "numbering": ("nummering", "numbering"),
}
SOURCE_SUGGESTION = (
    "Niets te doen: zo staat het in de bron; de curatoren hebben het vastgelegd.",
    "Nothing to do: the source says so; the curators recorded it.",
)


def is_source_issue(shape: str | None) -> bool:
    return bool(shape) and str(shape).endswith(SOURCE_ISSUE_SHAPE)


def plain_message(message: str, lang: str) -> tuple[str, str | None]:
    """The message without its code prefix, and the code's kind in words (None when it has no code)."""
    match = CODE.match(message)
    if not match:
        return message, None
    kind = ISSUE_KINDS.get(match.group(1))
    words = (kind[0] if lang == "nl" else kind[1]) if kind else match.group(1).replace("-", " ")
    return message[match.end() :], words


def source_suggestion(lang: str) -> str:
    return SOURCE_SUGGESTION[0] if lang == "nl" else SOURCE_SUGGESTION[1]


def counted(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def split_source_issues(groups: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Groups of new problems, and the source's own recorded problems as one list (each with its group)."""
    kept, recorded = [], []
    for group in groups:
        fresh = [r for r in group["results"] if not r.get("recorded")]
        recorded += [{**r, "group": group["title"]} for r in group["results"] if r.get("recorded")]
        if fresh:
            counts = {s: sum(1 for r in fresh if r["severity"] == s) for s in ("violation", "warning", "info")}
            kept.append({**group, "results": fresh, "counts": counts})
    return kept, recorded
