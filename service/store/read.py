"""A remote store's answer as read: materialised, and with what stores write differently made the same.

Virtuoso writes an ``xsd:boolean`` as ``"1"``/``"0"``, both valid lexical forms of true and false;
they are turned into the canonical ``"true"``/``"false"`` the embedded store and the data use, so a
client and the service's own code see one spelling. (A boolean *expression* projected by a query,
``BIND(EXISTS {…} AS ?x)``, comes back from Virtuoso as the integer 1 or 0; that is not a boolean
term any more, so code reading such a column accepts both: see ``values.truthy``.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from nkc_kg.loaders.shacl.terms import OxTerm
from nkc_kg.service.store.formats import TermCache
from rdflib.term import Node

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_BOOLEAN = ox.NamedNode(XSD_BOOLEAN)
_CANONICAL = {"1": "true", "0": "false"}

_converted = TermCache()


def canonical_term(term: OxTerm | None) -> OxTerm | None:
    if isinstance(term, ox.Literal) and term.value in _CANONICAL and term.datatype == _BOOLEAN:
        return ox.Literal(_CANONICAL[term.value], datatype=_BOOLEAN)
    return term


@dataclass
class Solutions:
    """SELECT solutions read to the end; behaves like ox.QuerySolutions for formats.serialise_answer."""

    variables: list[ox.Variable]
    rows: list[dict[str, OxTerm | None]] = field(default_factory=list)
    cut: bool = False  # the store said it cut the answer short

    @classmethod
    def read(cls, result: ox.QuerySolutions, cut: bool = False) -> Solutions:
        variables = list(result.variables)
        names = [v.value for v in variables]
        rows = [
            {name: canonical_term(value) for name, value in zip(names, solution, strict=True)}  # type: ignore[arg-type]
            for solution in result
        ]
        return cls(variables, rows, cut)

    @property
    def count(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, OxTerm | None]]:
        return iter(self.rows)

    def ox_rows(self) -> list[dict[str, OxTerm]]:
        return [{k: v for k, v in row.items() if v is not None} for row in self.rows]

    def rdflib_rows(self) -> tuple[list[str], list[dict[str, Node]]]:
        """Variables and rows as rdflib terms (unbound variables are left out of a row), like formats.solution_rows."""
        names = [v.value for v in self.variables]
        convert = _converted
        return names, [{k: convert(v) for k, v in row.items() if v is not None} for row in self.rows]


def canonical_graph(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    for t in triples:
        obj = canonical_term(t.object)  # type: ignore[arg-type]
        yield t if obj is t.object else ox.Triple(t.subject, t.predicate, obj)  # type: ignore[arg-type]


def canonical_answer(result: object) -> object:
    """Any query result with its terms canonical: Solutions for SELECT, the same boolean, triples for graphs."""
    if isinstance(result, ox.QuerySolutions):
        return Solutions.read(result)
    if isinstance(result, ox.QueryBoolean):
        return result
    return canonical_graph(result)  # type: ignore[arg-type]
