"""What the service needs to know about a SPARQL query's text without parsing it: its form, whether it
names graphs, its dataset clauses (FROM / FROM NAMED) and its base.

A lexical scan: strings, comments and IRIs are read as whole tokens first, so a keyword inside a
literal or an IRI does not count, and ``ex:from`` or ``?graph`` are not keywords. Braces and
parentheses are counted so that only the query's own dataset clauses are taken (a subquery has
none). The engines parse the query afterwards and refuse what is malformed; this scan only has to
be right for queries they accept.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

_TOKEN = re.compile(
    r'(?P<skip>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*)'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r"|(?P<var>[?$][\w\u00b7-\uffff]+)"
    r"|(?P<pname>(?:[A-Za-z\u00c0-\uffff][\w\-.\u00b7-\uffff]*)?:(?:[\w\-.:%\u00b7-\uffff]|\\.)*)"
    r"|(?P<word>[A-Za-z_]\w*)"
    r"|(?P<number>\d+)"
    r"|(?P<open>[{(])|(?P<close>[})])"
)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Token:
    kind: str  # iri, pname, word, number, open, close
    text: str
    start: int
    end: int
    depth: int  # braces and parentheses around it


def tokens(sparql: str) -> Iterator[Token]:
    depth = 0
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or ""
        if kind in ("skip", "var"):
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
        yield Token(kind, match[0], match.start(), match.end(), depth)
        if kind == "open":
            depth += 1


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first at the top level), or None for anything else."""
    for token in tokens(sparql):
        if token.kind == "word" and token.depth == 0 and token.text.upper() in FORMS:
            return token.text.upper()
    return None


def names_graphs(sparql: str) -> bool:
    """Whether the query has a GRAPH pattern (so its named graphs matter)."""
    return any(t.kind == "word" and t.text.upper() == "GRAPH" for t in tokens(sparql))


@dataclass(frozen=True)
class DatasetClauses:
    default: tuple[str, ...]  # FROM, as absolute IRIs
    named: tuple[str, ...]  # FROM NAMED
    without: str  # the query with these clauses blanked out
    base: str | None  # the query's own BASE, if it declares one

    @property
    def given(self) -> bool:
        return bool(self.default or self.named)


def dataset_clauses(sparql: str, base: str | None = None) -> DatasetClauses:
    """The FROM and FROM NAMED clauses, with prefixed names expanded and relative IRIs resolved
    against the query's BASE (else ``base``); and the query without them.

    Raises ValueError for a clause whose IRI cannot be read (an undeclared prefix)."""
    prefixes: dict[str, str] = {}
    own_base: str | None = None
    default: list[str] = []
    named: list[str] = []
    cut: list[tuple[int, int]] = []
    stream = [t for t in tokens(sparql) if t.depth == 0]
    i = 0
    while i < len(stream):
        token = stream[i]
        keyword = token.text.upper() if token.kind == "word" else ""
        if keyword == "BASE" and i + 1 < len(stream) and stream[i + 1].kind == "iri":
            own_base = _resolve(stream[i + 1].text[1:-1], own_base or base)
            i += 2
            continue
        declared = stream[i + 1 : i + 3]
        if keyword == "PREFIX" and [t.kind for t in declared] == ["pname", "iri"]:
            prefixes[stream[i + 1].text[:-1]] = _resolve(stream[i + 2].text[1:-1], own_base or base)
            i += 3
            continue
        if keyword == "FROM":
            j = i + 1
            is_named = j < len(stream) and stream[j].kind == "word" and stream[j].text.upper() == "NAMED"
            if is_named:
                j += 1
            if j < len(stream) and stream[j].kind in ("iri", "pname"):
                iri = _term(stream[j], prefixes, own_base or base)
                (named if is_named else default).append(iri)
                cut.append((token.start, stream[j].end))
                i = j + 1
                continue
        i += 1
    without = sparql
    for start, end in reversed(cut):
        without = without[:start] + " " * (end - start) + without[end:]
    return DatasetClauses(tuple(default), tuple(named), without, own_base)


def top_level_limit(sparql: str) -> int | None:
    """The query's own LIMIT (not a subquery's), if it has one."""
    stream = [t for t in tokens(sparql) if t.depth == 0]
    for token, after in itertools.pairwise(stream):
        if token.kind == "word" and token.text.upper() == "LIMIT" and after.kind == "number":
            return int(after.text)
    return None


def needs_base(sparql: str) -> bool:
    """Whether the query has a relative IRI and no BASE of its own to resolve it against."""
    relative = False
    for t in tokens(sparql):
        if t.kind == "word" and t.depth == 0 and t.text.upper() == "BASE":
            return False
        if t.kind == "iri" and not _ABSOLUTE.match(t.text[1:-1]):
            relative = True
    return relative


def _term(token: Token, prefixes: dict[str, str], base: str | None) -> str:
    if token.kind == "iri":
        return _resolve(token.text[1:-1], base)
    prefix, _, local = token.text.partition(":")
    if prefix not in prefixes:
        raise ValueError(f"the prefix {prefix or '(empty)'}: of FROM {token.text} is not declared")
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)


_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _resolve(iri: str, base: str | None) -> str:
    if base is None or _ABSOLUTE.match(iri):
        return iri
    return urljoin(base, iri)
