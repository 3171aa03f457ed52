"""Bindings for a remote endpoint: typed terms in a VALUES block at the top of the WHERE group.

A remote SPARQL 1.1 endpoint has no way to pre-bind variables, so the values have to travel in the
query text. They never do as raw text: each is a typed term written here, after checking that an
IRI holds no character IRIREF forbids and a language tag is a LANGTAG, with every character a
literal could use to leave its string escaped. Nothing a client sends can end the term early.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.term import Node

# SPARQL 1.1 grammar [139] IRIREF, [145] LANGTAG, [166] VARNAME (the ASCII part, which our names use)
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANGTAG = re.compile(r"^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$")
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}

# Lexical tokens that can contain a brace, a parenthesis or the word WHERE without them being
# syntax (strings, comments, IRIs), then the syntax we look for. Scanned left to right, so a
# '#' inside a string or an IRI is not taken for a comment.
_TOKENS = re.compile(
    r'(?P<skip>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*)'
    r"|(?P<open>[{(])|(?P<close>[})])"
    r"|(?<![:\w?$])(?P<word>WHERE|CONSTRUCT)(?![\w:])",
    re.IGNORECASE,
)


def iri_term(value: str) -> str:
    bad = _IRI_FORBIDDEN.search(value)
    if bad:
        raise ValueError(f"cannot bind IRI {value!r}: {bad[0]!r} is not allowed in an IRI")
    return f"<{value}>"


def literal_term(literal: Literal) -> str:
    text = '"' + "".join(_STRING_ESCAPES.get(ch, ch) for ch in str(literal)) + '"'
    if literal.language:
        if not _LANGTAG.match(literal.language):
            raise ValueError(f"cannot bind literal: {literal.language!r} is not a language tag")
        return f"{text}@{literal.language}"
    if literal.datatype and str(literal.datatype) != XSD_STRING:
        return f"{text}^^{iri_term(str(literal.datatype))}"
    # A string is written plain: "x" and "x"^^xsd:string are one term in RDF 1.1, but some stores
    # (Virtuoso) match only the plain form against their data.
    return text


def sparql_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return iri_term(str(term))
    if isinstance(term, Literal):
        return literal_term(term)
    # Blank nodes cannot appear in VALUES, and a remote store's labels would not match anyway.
    raise TypeError(f"cannot bind {term!r}: only IRIs and literals can be bound")


def truthy(term: Node | None) -> bool:
    """A boolean as read from any store: true/false, or 1/0 where a store (Virtuoso) writes a boolean
    expression's value as an integer."""
    return term is not None and str(term).strip().lower() in ("true", "1")


Binding = Node | tuple[Node, ...]  # one term, or several: the query is answered for each


def values_block(bindings: Mapping[str, Binding]) -> str:
    """One row per combination of the bound values (a variable bound to several terms gets one row each)."""
    names = list(bindings)
    for name in names:
        if not _VARNAME.match(name):
            raise ValueError(f"cannot bind {name!r}: not a SPARQL variable name")
    choices = [bindings[n] if isinstance(bindings[n], tuple) else (bindings[n],) for n in names]
    if any(not terms for terms in choices):
        raise ValueError("cannot bind an empty list of values")
    variables = " ".join(f"?{n}" for n in names)
    rows = " ".join("(" + " ".join(sparql_term(t) for t in row) + ")" for row in itertools.product(*choices))
    return f"VALUES ({variables}) {{ {rows} }}"


def with_values(sparql: str, bindings: Mapping[str, Binding] | None) -> str:
    """The query with the bindings as the first element of its WHERE group.

    At the start of the outermost group, VALUES joins the bound values with the whole group, so
    every FILTER of that group sees them and projected variables come back bound, as with the
    embedded engine's pre-binding."""
    if not bindings:
        return sparql
    at = where_group_start(sparql)
    return f"{sparql[:at]} {values_block(bindings)}\n{sparql[at:]}"


@lru_cache(maxsize=256)
def where_group_start(sparql: str) -> int:
    """The offset just after the '{' that opens the query's WHERE group.

    Rule: the first WHERE keyword outside any braces or parentheses, and the '{' after it. WHERE is
    optional in SELECT, ASK and DESCRIBE, so without one it is the first '{' outside braces and
    parentheses (parentheses: an EXISTS { } inside a projected expression is not the group);
    CONSTRUCT's first brace is its template, so CONSTRUCT always needs the keyword."""
    depth = 0
    seen_where = False
    is_construct = False
    for match in _TOKENS.finditer(sparql):
        if match["skip"]:
            continue
        if match["word"]:
            if depth == 0:
                if match["word"].upper() == "WHERE":
                    seen_where = True
                else:
                    is_construct = True
            continue
        if match["open"]:
            if depth == 0 and match["open"] == "{" and (seen_where or not is_construct):
                return match.end()
            depth += 1
        elif match["close"]:
            depth = max(depth - 1, 0)
    raise ValueError("cannot bind parameters: the query has no WHERE group")
