"""RDF terms between rdflib and pyoxigraph, and literal values as SHACL compares them.

The checks follow pyshacl (the reference engine) where the SHACL specification leaves room: a
literal's value is what rdflib's ``Literal.value`` would be for the datatypes the shapes use, and an
ill-formed literal ("abc"^^xsd:integer) has no value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = XSD + "string"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?")
_DATETIME = re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")


def to_ox(term: Node) -> OxTerm:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_LITERAL_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _iri(iri: str) -> str:
    if _NOT_IN_IRI.search(iri):
        iri = _NOT_IN_IRI.sub(lambda m: f"\\u{ord(m.group()):04X}", iri)
    return f"<{iri}>"


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """rdflib triples as N-Triples (a third faster than making pyoxigraph terms and serializing them)."""
    iris: dict[Node, str] = {}

    def term(t: Node) -> str:
        if isinstance(t, Literal):
            text = '"' + str(t).translate(_LITERAL_ESCAPES) + '"'
            if t.language:
                return f"{text}@{t.language}"
            return f"{text}^^{_iri(str(t.datatype))}" if t.datatype else text
        written = iris.get(t)
        if written is None:
            written = iris[t] = f"_:{t}" if isinstance(t, BNode) else _iri(str(t))
        return written

    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples).encode()


def to_rdflib(term: OxTerm) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def text(term: OxTerm) -> str:
    """What ``str()`` of the rdflib term gives: the IRI, the blank node id or the lexical form."""
    return term.value


def python_value(literal: ox.Literal) -> Any:
    """The literal's value for comparisons, or None when its lexical form is ill-formed or unknown."""
    if literal.language:
        return literal.value
    datatype = literal.datatype.value
    lexical = literal.value
    try:
        if datatype == XSD_STRING:
            return lexical
        if datatype in _INTEGER_TYPES:
            return int(lexical) if re.fullmatch(r"[+-]?\d+", lexical.strip()) else None
        if datatype == XSD + "decimal":
            return Decimal(lexical) if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", lexical.strip()) else None
        if datatype in (XSD + "double", XSD + "float"):
            return float(lexical)
        if datatype == XSD + "boolean":
            return {"true": True, "1": True, "false": False, "0": False}.get(lexical.strip())
        if datatype == XSD + "date":
            return date.fromisoformat(lexical[:10]) if _DATE.fullmatch(lexical.strip()) else None
        if datatype == XSD + "dateTime":
            return datetime.fromisoformat(lexical) if _DATETIME.fullmatch(lexical.strip()) else None
    except (ValueError, InvalidOperation):
        return None
    return None


def is_string_value(literal: ox.Literal) -> bool:
    """True where rdflib's value would be a ``str``: plain and language-tagged literals."""
    return bool(literal.language) or literal.datatype.value == XSD_STRING


_KNOWN = _INTEGER_TYPES | {XSD + t for t in ("decimal", "double", "float", "boolean", "date", "dateTime")}


def has_datatype(term: OxTerm, datatype: str) -> bool:
    """sh:datatype as pyshacl checks it: the datatype matches and the lexical form is well-formed."""
    if not isinstance(term, ox.Literal):
        return False
    if datatype == RDF_LANG_STRING:
        return bool(term.language)
    if term.language:
        return False
    if term.datatype.value != datatype:
        return False
    if datatype in _KNOWN:
        return python_value(term) is not None
    return True
