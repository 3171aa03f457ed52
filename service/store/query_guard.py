"""What a client's SPARQL query may be, decided before any engine parses it, in time linear in its length.

The engine's parser recurses per level of nesting and per link of a chain (`!!!…`, `a + a + …`,
`{…} UNION {…} UNION …`, a long run of BINDs): 10,000 nested `{` or a few thousand chained
operators overflow its stack and take the process down. So a query is bounded before it is parsed:
its UTF-8 length (``max_bytes``), how deeply its brackets nest (``max_depth``) and how many tokens
it has (``max_tokens``, which bounds every chain). The engine runs client queries on a thread whose
stack holds any query within these bounds (store/sandbox.py).

Federation is refused here by a lexer of the SPARQL terminals (strings, IRIs, prefixed names with
their escapes, variables, comments, …), not by a pattern over the text. The lexer is deliberately
stricter than the engine's parser where the two could read the same characters differently:

- the engine's keywords need no boundary after them (``SERVICE:svc`` is SERVICE followed by ``:svc``,
  ``trueSERVICE`` may be ``true`` then SERVICE), so a word or prefix *containing* ``service``, in
  any case, counts as SERVICE;
- ``<…>`` is an IRI or a less-than sign depending on the grammar around it, so an IRI-looking token
  that holds a ``)`` (the way out of an expression) is also searched for ``service``, and brackets
  inside IRI-looking tokens count as opened (never as closed) for the depth.

A query the lexer calls federated may (rarely) be a harmless one with an odd name; the answer says
which token and how to rename it. The engine itself cannot open a network connection for a client
query either (store/sandbox.py): this check is what lets the client hear why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# PN_CHARS_BASE of the SPARQL 1.1 grammar (the ranges above U+FFFF included).
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
# A dot may stand inside a name, never at its end (``ex:o.`` is ``ex:o`` and the end of a triple).
_DOTS = rf"\.++(?=[{_CHARS}:]|{_PLX})"
_PN_PREFIX = rf"[{_BASE}](?:[{_CHARS}]|\.++(?=[{_CHARS}]))*+"
_PN_LOCAL = rf"(?:[{_U}:0-9]|{_PLX})(?:[{_CHARS}:]|{_PLX}|{_DOTS})*+"

# One alternative per terminal; each either consumes what it scanned or fails at once, so the
# scan never goes back over text (the old regexes did: "\"\"\"… took seconds per 16 KB). Strings
# always match, up to the end of their line (or of the text) when unterminated.
_TOKEN = re.compile(
    rf"""
    (?P<ws>[ \t\r\n]++)
  | (?P<comment>\#[^\r\n]*+)
  | (?P<string>
        '''(?:[^'\\]|\\[\s\S]|'(?!''))*+(?P<end_l1>''')?
      | \"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*+(?P<end_l2>\"\"\")?
      | '(?:[^'\\\r\n]|\\.)*+(?P<end_1>')?
      | "(?:[^"\\\r\n]|\\.)*+(?P<end_2>")?
    )
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*+>)
  | (?P<var>[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*+)
  | (?P<bnode>_:[{_U}0-9](?:[{_CHARS}]|\.++(?=[{_CHARS}]))*+)
  | (?P<pname>(?P<prefix>{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
  | (?P<langtag>@[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+(?:--[a-zA-Z]++)?)
  | (?P<number>[0-9]++(?:\.[0-9]*+)?(?:[eE][+-]?[0-9]++)?|\.[0-9]++(?:[eE][+-]?[0-9]++)?)
  | (?P<word>[^\W\d][\w]*+)
  | (?P<open><<\(|<<|\{{\||[{{(\[])
  | (?P<close>\)>>|>>|\|\}}|[}})\]])
  | (?P<other>[\s\S])
    """,
    re.VERBOSE,
)

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_IRI_OPENERS = re.compile(r"[(\[]")
_OBJECT_AFTER_PATH_MOD = re.compile(r"\?(?:[0-9]|true|false)", re.IGNORECASE)


@dataclass(frozen=True)
class QueryLimits:
    """Bounds on a client's query text; each has a setting (NKC_KG_QUERY_MAX_…)."""

    max_bytes: int = 1024 * 1024
    max_depth: int = 64
    max_tokens: int = 50_000


class QueryRejected(Exception):
    """A query refused before it reaches an engine: ``status`` is the HTTP status that says why."""

    status = 400
    error = "query refused"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class QueryTooLong(QueryRejected):
    status = 413
    error = "query too large"


class QueryTooComplex(QueryRejected):
    status = 400
    error = "query too complex"


class QueryMalformed(QueryRejected):
    status = 400
    error = "malformed query"


class QueryForbidden(QueryRejected):
    status = 403
    error = "query refused"


def check_query(text: str, limits: QueryLimits = QueryLimits()) -> None:
    """Raise a QueryRejected if ``text`` is over a limit, federated (SERVICE) or an update; else return.

    Linear in ``len(text)``, and it stops at the first limit crossed."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limits.max_bytes:
        raise QueryTooLong(
            f"the query is {size:,} bytes; the limit is {limits.max_bytes:,} bytes (NKC_KG_QUERY_MAX_BYTES)"
        )
    depth = tokens = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        tokens += 1
        if tokens > limits.max_tokens:
            raise QueryTooComplex(
                f"the query has more than {limits.max_tokens:,} tokens (names, terms, operators); "
                f"that is the limit (NKC_KG_QUERY_MAX_TOKENS)"
            )
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "string":
            _check_terminated(match, text)
        elif kind == "iri":
            depth += len(_IRI_OPENERS.findall(match[0]))
            if ")" in match[0]:
                _refuse_federation(match[0], match, text, inside_iri=True)
        elif kind == "word":
            _refuse_federation(match[0], match, text)
            if match[0].upper() in UPDATE_KEYWORDS:
                raise QueryForbidden(f"{match[0].upper()}: this endpoint is read-only; updates are not accepted")
        elif kind == "pname" and match["prefix"]:
            _refuse_federation(match["prefix"], match, text)
        elif kind == "langtag":
            _refuse_federation(match[0], match, text)
        elif kind == "var" and _OBJECT_AFTER_PATH_MOD.match(match[0]):
            # `<p>?1SERVICE…` may read as the path modifier `?`, the object 1, then SERVICE
            _refuse_federation(match[0], match, text)
        if depth > limits.max_depth:
            raise QueryTooComplex(
                f"brackets nest more than {limits.max_depth} deep at line {_line(text, match.start())}; "
                f"that is the limit (NKC_KG_QUERY_MAX_DEPTH)"
            )


def _refuse_federation(name: str, match: re.Match[str], text: str, inside_iri: bool = False) -> None:
    if "SERVICE" not in name.upper():
        return
    token = match[0] if len(match[0]) <= 60 else match[0][:57] + "…"
    if name.upper() == "SERVICE":
        where = ""
    elif inside_iri:
        where = f" (in {token!r}, which reads as an expression followed by SERVICE)"
    else:
        where = f" (in {token!r}; rename it if it is not meant as SERVICE)"
    raise QueryForbidden(
        f"SERVICE (federated queries) is not allowed: this endpoint never contacts other servers; "
        f"line {_line(text, match.start())}{where}"
    )


def _check_terminated(match: re.Match[str], text: str) -> None:
    if not any(match[group] for group in ("end_l1", "end_l2", "end_1", "end_2")):
        raise QueryMalformed(f"a string that starts at line {_line(text, match.start())} is not closed")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
