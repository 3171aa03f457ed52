"""The text a client sends to be annotated, read and checked, and the annotations of it as JSON and as pieces
of the text for the page. Annotating never touches the graph."""

from __future__ import annotations

import json
from typing import Any

from nkc_kg.service.annotate.annotator import Annotator, Match

ANNOTATE_LIMIT = 1024 * 1024  # bytes of UTF-8 text
# JSON may escape every character (\uXXXX, six bytes for up to three): the text's own size is checked after
JSON_LIMIT = 6 * ANNOTATE_LIMIT + 1024
# a form posts the text URL-encoded: up to three bytes for each byte of text, plus the field name
FORM_LIMIT = 3 * ANNOTATE_LIMIT + 1024
# A text of nothing but abbreviations would otherwise make an answer hundreds of times its size.
MAX_ANNOTATIONS = 10_000
OFFSETS = "Unicode code points: Python string indices, JavaScript Array.from(text) indices (not UTF-16 units)"


class TextProblem(ValueError):
    """What is wrong with the text a client sent: an HTTP status and a message."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(error)
        self.status, self.error, self.detail = status, error, detail


def text_of(body: bytes, content_type: str) -> str:
    """The text of a request body: JSON {"text": …} or text/plain in UTF-8."""
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    charset = next(
        (p.split("=", 1)[1].strip().strip('"').lower() for p in params.split(";") if p.strip().startswith("charset=")),
        "utf-8",
    )
    if media not in ("application/json", "text/plain"):
        raise TextProblem(415, "unsupported media type", 'send application/json {"text": …} or text/plain (UTF-8)')
    if charset not in ("utf-8", "utf8", "us-ascii"):
        raise TextProblem(415, "unsupported charset", f"send the text in UTF-8, not {charset}")
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextProblem(400, "not UTF-8", f"the body is not valid UTF-8 (byte {exc.start})") from None
    if media == "text/plain":
        text = decoded
    else:
        try:
            data = json.loads(decoded)
        except json.JSONDecodeError as exc:
            raise TextProblem(400, "malformed JSON", f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise TextProblem(400, "no text", 'send {"text": "…"} with the text as a string')
        extra = sorted(set(data) - {"text"})
        if extra:
            raise TextProblem(400, "unknown field", f"only 'text' is accepted, not {', '.join(map(repr, extra))}")
        text = data["text"]
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            raise TextProblem(400, "not Unicode", "the text contains a lone surrogate (\\ud800-\\udfff)") from None
        if size > ANNOTATE_LIMIT:
            raise TextProblem(413, "text too large", f"the limit is {ANNOTATE_LIMIT} bytes")
    if not text.strip():
        raise TextProblem(400, "empty text", "send a text with at least one word")
    if "\x00" in text:
        raise TextProblem(400, "bad character", "the text contains a NUL character")
    return text


def answer(annotator: Annotator, text: str) -> dict[str, Any]:
    """The annotations of ``text``: the first MAX_ANNOTATIONS, with ``truncated`` saying whether that was all."""
    found = annotator.annotate(text)
    matches = found[:MAX_ANNOTATIONS]
    return {
        "length": len(text),
        "offsets": OFFSETS,
        "total": len(found),
        "truncated": len(found) > len(matches),
        "counts": {
            "abbreviation": sum(1 for m in matches if m.kind == "abbreviation"),
            "party": sum(1 for m in matches if m.kind == "party"),
            "ambiguous": sum(1 for m in matches if m.ambiguous),
        },
        "annotations": [annotator.match_json(m) for m in matches],
    }


def segments(text: str, matches: list[Match]) -> list[tuple[str, int | None]]:
    """The text cut into plain pieces and matched pieces (with the index of their match), for the page."""
    pieces: list[tuple[str, int | None]] = []
    at = 0
    for i, match in enumerate(matches):
        if match.start > at:
            pieces.append((text[at : match.start], None))
        pieces.append((text[match.start : match.end], i))
        at = match.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces
