"""Run a named query: check and resolve parameters, bind them as terms, execute."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.names import fold
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError, literal_for, year_literal
from nkc_kg.service.graph.periods import quarter_bounds
from nkc_kg.service.store.embedded import SelectResult, Store
from nkc_kg.service.store.values import Binding, truthy
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

MAX_PERIOD_YEARS = 100

PARTY_KEYS = """
PREFIX nkc: <https://w3id.org/nkc-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?party ?key WHERE {
  ?party a ?cls . ?cls rdfs:subClassOf* nkc:Party .
  { ?party skos:prefLabel ?key } UNION { ?party skos:altLabel ?key } UNION { ?party nkc:abbreviation ?key }
}
"""
ABBREVIATIONS = """
PREFIX nkc: <https://w3id.org/nkc-kg/def#>
SELECT DISTINCT ?abbr WHERE { ?concept a nkc:Abbreviation ; nkc:abbreviation ?abbr }
"""
PLANS = """
PREFIX nkc: <https://w3id.org/nkc-kg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?plan ?id WHERE { ?plan a nkc:ActionPlan ; dcterms:identifier ?id }
"""

# fold is defined in loaders/names.py; it stays importable from here for the routers that import it so
__all__ = ["EntityIndex", "bind_parameters", "fold", "in_list_order", "run_named"]


@dataclass
class EntityIndex:
    """Maps what people type (abbreviation, any label, slug) to entity IRIs: the one index of parties, plans
    and abbreviations built from the graph, which PlanData and the questions look names up in."""

    parties: dict[str, URIRef]
    plans: dict[str, URIRef]
    # folded abbreviation -> the spellings the graph has ("cieoom" -> CieOOM)
    abbreviations: dict[str, tuple[Literal, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, store: Store, iris: Iris) -> EntityIndex:
        parties: dict[str, URIRef] = {}
        party_prefix = str(iris.party(""))
        for row in store.select(iris.rebase(PARTY_KEYS)).rows:
            iri = row["party"]
            assert isinstance(iri, URIRef)
            parties.setdefault(fold(str(row["key"])), iri)
            if str(iri).startswith(party_prefix):
                parties.setdefault(fold(str(iri)[len(party_prefix) :]), iri)
        plans = {str(row["id"]): row["plan"] for row in store.select(iris.rebase(PLANS)).rows}
        spellings: dict[str, set[Literal]] = {}
        for row in store.select(iris.rebase(ABBREVIATIONS)).rows:
            abbr = row["abbr"]
            assert isinstance(abbr, Literal)
            spellings.setdefault(fold(str(abbr)), set()).add(abbr)
        abbreviations = {key: tuple(sorted(found)) for key, found in spellings.items()}
        return cls(parties, plans, abbreviations)  # type: ignore[arg-type]

    def party(self, name: str, value: str) -> URIRef:
        key = fold(value)
        if key in self.parties:
            return self.parties[key]
        raise ParameterError(name, f"unknown party {value!r}", _closest(key, self.parties))

    def abbreviation(self, name: str, value: str) -> tuple[Literal, ...]:
        key = fold(value)
        if key in self.abbreviations:
            return self.abbreviations[key]
        suggestions = [str(self.abbreviations[k][0]) for k in _closest(key, self.abbreviations)]
        raise ParameterError(name, f"unknown abbreviation {value!r}", suggestions)

    def plan(self, name: str, value: str) -> URIRef:
        if value in self.plans:
            return self.plans[value]
        raise ParameterError(name, f"unknown plan {value!r}", _closest(value, self.plans))


def _closest(key: str, known: Mapping[str, object]) -> list[str]:
    return difflib.get_close_matches(key, list(known), n=3, cutoff=0.5)


def bind_parameters(query: NamedQuery, raw: Mapping[str, str], index: EntityIndex) -> dict[str, Binding]:
    known = {p.name for p in query.parameters}
    extra = sorted(set(raw) - known - {"format", "lang"})
    if extra:
        raise ParameterError(
            extra[0], f"not a parameter of {query.name} (it takes: {', '.join(sorted(known)) or 'none'})"
        )
    bindings: dict[str, Binding] = {}
    for param in query.parameters:
        value = raw.get(param.name)
        if value is None or value == "":
            raise ParameterError(param.name, f"missing (example: {param.example})")
        if param.type == "plan":
            bindings[param.name] = index.plan(param.name, value)
        elif param.type == "party":
            bindings[param.name] = index.party(param.name, value)
        elif param.type == "abbreviation":
            bindings[param.name] = index.abbreviation(param.name, value)
        elif param.type == "quarter":
            try:
                first, last = quarter_bounds(value)
            except ValueError as exc:
                raise ParameterError(param.name, str(exc)) from None
            bindings[param.name + "Start"] = Literal(first.isoformat(), datatype=XSD.date)
            bindings[param.name + "End"] = Literal(last.isoformat(), datatype=XSD.date)
            bindings[param.name + "Year"] = year_literal(first.year)
        else:
            bindings[param.name] = literal_for(param, value)
    if query.period is not None:
        bindings["periodYear"] = period_years(query, bindings)
    return bindings


def period_years(query: NamedQuery, bindings: Mapping[str, Binding]) -> tuple[Literal, ...]:
    """Every calendar year from the first to the last day of the query's period."""
    assert query.period is not None
    start_name, end_name = query.period
    first = date.fromisoformat(str(bindings[start_name]))
    last = date.fromisoformat(str(bindings[end_name]))
    if last < first:
        raise ParameterError(end_name, f"ends before {start_name} ({last} < {first})")
    if last.year - first.year >= MAX_PERIOD_YEARS:
        raise ParameterError(end_name, f"a period of at most {MAX_PERIOD_YEARS} years")
    return tuple(year_literal(year) for year in range(first.year, last.year + 1))


def run_named(query: NamedQuery, raw: Mapping[str, str], store: Store, index: EntityIndex, iris: Iris) -> SelectResult:
    bindings = bind_parameters(query, raw, index)
    return in_list_order(query, store.select(iris.rebase(query.sparql), bindings))


def in_list_order(query: NamedQuery, result: SelectResult) -> SelectResult:
    """The query's answer read the same from every store: its GROUP_CONCAT columns as lists in one
    order (the parts sorted, numbers by value, then text; empty parts dropped; an empty list as "",
    also where a store leaves an empty GROUP_CONCAT unbound), its boolean columns as true/false."""
    lists = query.lists
    if not lists and not query.booleans:
        return result
    rows = []
    for row in result.rows:
        row = dict(row)
        for column in query.booleans:
            if column in row:
                row[column] = Literal(truthy(row[column]))
        for column, separator in lists.items():
            text = str(row.get(column, ""))
            parts = [part for part in text.split(separator) if part.strip()] if separator else [text]
            row[column] = Literal(separator.join(sorted(parts, key=_list_order)))
        rows.append(row)
    return SelectResult(result.variables, rows)


def _list_order(part: str) -> tuple[int, float, str]:
    text = part.strip()
    try:
        return (0, float(text), text)
    except ValueError:
        return (1, 0.0, text.casefold())
