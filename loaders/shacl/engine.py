"""Evaluate compiled shapes over a pyoxigraph store (the data and the ontology in its default graph).

Core constraints run in Python over per-path indexes (one scan of the store per distinct path), so
a shape targeting thousands of nodes costs dictionary look-ups, not queries. Each SPARQL-based
constraint runs once for all its focus nodes, which are given to it as ``VALUES ?this``; a query
that would not see ``$this`` that way (a subquery) runs once per focus node with ``$this``
substituted, as SHACL pre-binding says.

Where SHACL leaves room, the engine does what pyshacl (the reference engine) does: repeated result
rows of a SPARQL constraint are one result, the variables in a message are replaced by the plain
text of their values, and a nested shape (in sh:or, sh:qualifiedValueShape) of severity warning or
info always conforms, as pyshacl's ``allow_warnings`` has it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from nkc_kg.loaders.shacl.shapes import COMPONENT, Constraint, PathExpr, Shape, Shapes, SparqlConstraint
from nkc_kg.loaders.shacl.terms import OxTerm, has_datatype, is_string_value, python_value

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS_CLOSURE = """
SELECT ?sub ?super WHERE { ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?super }
"""
FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
SPARQL_COMPONENT = COMPONENT.format("SPARQL")


@dataclass(frozen=True)
class Finding:
    """One validation result, as both engines report it."""

    focus: OxTerm
    path: str | None
    value: OxTerm | None
    severity: str
    component: str
    shape: str  # key of the shape (its IRI, or owner|description for a blank node)
    constraint: str | None  # key of the SPARQL constraint
    message_nl: str
    message_en: str


def pick_messages(messages: Iterable[tuple[str | None, str]]) -> tuple[str, str]:
    """The Dutch and English message: the first of each language, untagged or the other one failing that."""
    by_lang: dict[str | None, str] = {}
    for lang, message in messages:
        by_lang.setdefault(lang, message)
    nl = by_lang.get("nl") or by_lang.get(None) or by_lang.get("en") or ""
    return nl, by_lang.get("en") or by_lang.get(None) or nl


class Engine:
    def __init__(self, store: ox.Store, shapes: Shapes) -> None:
        self.store = store
        self.shapes = shapes
        self._paths: dict[str, dict[OxTerm, list[OxTerm]]] = {}
        self._values: dict[tuple[str, OxTerm], list[OxTerm]] = {}
        self._iris: dict[str, ox.NamedNode] = {}
        self._types: dict[OxTerm, set[OxTerm]] = defaultdict(set)
        self._typed: dict[OxTerm, list[OxTerm]] = defaultdict(list)
        for quad in store.quads_for_pattern(None, RDF_TYPE, None, ox.DefaultGraph()):
            self._types[quad.subject].add(quad.object)
            self._typed[quad.object].append(quad.subject)
        self._supers: dict[OxTerm, set[OxTerm]] = defaultdict(set)
        for row in store.query(SUBCLASS_CLOSURE):
            self._supers[row["sub"]].add(row["super"])

    # -- the graph ----------------------------------------------------------------------------------

    def values(self, path: PathExpr, node: OxTerm) -> list[OxTerm]:
        """The value nodes of ``node`` for ``path``: a predicate is looked up per node (a shape's focus
        nodes are few next to all subjects of its predicate), another path evaluated once for all nodes."""
        if path.predicate is not None:
            key = (path.predicate, node)
            found = self._values.get(key)
            if found is None:
                if isinstance(node, ox.Literal):
                    found = []
                else:
                    quads = self.store.quads_for_pattern(node, self._iri(path.predicate), None, ox.DefaultGraph())
                    found = [q.object for q in quads]
                self._values[key] = found
            return found
        index = self._paths.get(path.sparql)
        if index is None:
            index = self._paths[path.sparql] = defaultdict(list)
            for row in self.store.query(f"SELECT DISTINCT ?s ?o WHERE {{ ?s {path.sparql} ?o }}"):
                index[row["s"]].append(row["o"])
        return index.get(node, [])

    def _iri(self, iri: str) -> ox.NamedNode:
        term = self._iris.get(iri)
        if term is None:
            term = self._iris[iri] = ox.NamedNode(iri)
        return term

    def is_instance(self, node: OxTerm, cls: OxTerm) -> bool:
        return any(t == cls or cls in self._supers.get(t, ()) for t in self._types.get(node, ()))

    def instances(self, cls: OxTerm) -> Iterator[OxTerm]:
        for t, nodes in self._typed.items():
            if t == cls or cls in self._supers.get(t, ()):
                yield from nodes

    def focus_nodes(self, shape: Shape) -> list[OxTerm]:
        found: dict[OxTerm, None] = {}
        for cls in shape.target_classes:
            found.update(dict.fromkeys(self.instances(cls)))
        for predicate in shape.target_subjects_of:
            quads = self.store.quads_for_pattern(None, predicate, None, ox.DefaultGraph())
            found.update(dict.fromkeys(q.subject for q in quads))
        for predicate in shape.target_objects_of:
            quads = self.store.quads_for_pattern(None, predicate, None, ox.DefaultGraph())
            found.update(dict.fromkeys(q.object for q in quads))
        found.update(dict.fromkeys(shape.target_nodes))
        return list(found)

    # -- validation ---------------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        findings: list[Finding] = []
        for shape in self.shapes.top:
            if not shape.deactivated:
                findings += self.validate(shape, self.focus_nodes(shape))
        return findings

    def validate(self, shape: Shape, focus: list[OxTerm]) -> list[Finding]:
        if shape.deactivated or not focus:
            return []
        findings: list[Finding] = []
        nl, en = pick_messages(shape.messages)
        path = shape.path.reported if shape.path else None
        for node in focus:
            values = self.values(shape.path, node) if shape.path else [node]
            for constraint in shape.constraints:
                for value, component in self.failures(constraint, node, values):
                    findings.append(
                        Finding(node, path, value, shape.severity, COMPONENT.format(component), shape.key, None, nl, en)
                    )
        for constraint in shape.sparql:
            findings += self.sparql(shape, constraint, focus)
        for prop in shape.properties:
            findings += self.validate(prop, focus)
        return findings

    def conforms(self, shape: Shape, node: OxTerm) -> bool:
        """Whether ``node`` conforms to a nested shape (a member of sh:or, a qualified value shape)."""
        if shape.deactivated or shape.severity in ("warning", "info"):
            return True
        values = self.values(shape.path, node) if shape.path else [node]
        if any(self.failures(c, node, values) for c in shape.constraints):
            return False
        if any(self.sparql(shape, c, [node]) for c in shape.sparql):
            return False
        return all(self.conforms(prop, node) for prop in shape.properties)

    def failures(self, constraint: Constraint, focus: OxTerm, values: list[OxTerm]) -> list[tuple[OxTerm | None, str]]:
        """(value node or None, component name) for each result the constraint gives."""
        name, arg = constraint.component, constraint.argument
        if name == "MinCount":
            return [(None, name)] if len(values) < arg else []  # type: ignore[operator]
        if name == "MaxCount":
            return [(None, name)] if len(values) > arg else []  # type: ignore[operator]
        if name == "Class":
            return [(v, name) for v in values if not self.is_instance(v, arg)]  # type: ignore[arg-type]
        if name == "Datatype":
            return [(v, name) for v in values if not has_datatype(v, arg)]  # type: ignore[arg-type]
        if name in ("MinInclusive", "MaxInclusive", "MinExclusive", "MaxExclusive"):
            return [(v, name) for v in values if not _in_range(name, v, arg)]  # type: ignore[arg-type]
        if name == "HasValue":
            return [] if arg in values else [(None, name)]
        if name == "In":
            return [(v, name) for v in values if v not in arg]  # type: ignore[operator]
        if name == "Pattern":
            pattern, flags = arg  # type: ignore[misc]
            regex = re.compile(pattern, sum(FLAGS.get(f, 0) for f in flags))
            return [(v, name) for v in values if isinstance(v, ox.BlankNode) or not regex.search(v.value)]
        if name == "LanguageIn":
            return [(v, name) for v in values if not _language_in(v, arg)]  # type: ignore[arg-type]
        if name == "UniqueLang":
            return [(None, name) for _ in _repeated_languages(values)]
        if name == "LessThanOrEquals":
            others = self.values(arg, focus)  # type: ignore[arg-type]
            return [(v, name) for v in values for w in others if not _less_or_equal(v, w)]
        if name == "Or":
            return [(v, name) for v in values if not any(self.conforms(m, v) for m in arg)]  # type: ignore[attr-defined]
        if name == "QualifiedValueShape":
            shape, low, high = arg  # type: ignore[misc]
            count = sum(1 for v in values if self.conforms(shape, v))
            out: list[tuple[OxTerm | None, str]] = []
            if high is not None and count > high:
                out.append((None, "QualifiedMaxCount"))
            if low is not None and count < low:
                out.append((None, "QualifiedMinCount"))
            return out
        raise NotImplementedError(name)

    # -- SPARQL-based constraints -------------------------------------------------------------------

    def sparql(self, shape: Shape, constraint: SparqlConstraint, focus: list[OxTerm]) -> list[Finding]:
        batched = not constraint.needs_prebinding and not any(isinstance(f, ox.BlankNode) for f in focus)
        rows: list[tuple[OxTerm, dict[str, OxTerm]]] = []
        if batched:
            rows += [(row.get("this"), row) for row in self._select(_with_values(constraint.query, focus))]  # type: ignore[misc]
        else:
            for node in focus:
                rows += [(node, row) for row in self._select(constraint.query, {ox.Variable("this"): node})]
        templates = constraint.messages + tuple(m for m in shape.messages if m not in constraint.messages)
        findings: list[Finding] = []
        seen: set[tuple[object, ...]] = set()
        for focus_node, row in rows:
            this, path, value = row.pop("this", None), row.pop("path", None), row.pop("value", None)
            key = (focus_node, this, path, value, tuple(sorted((k, str(v)) for k, v in row.items())))
            if key in seen:
                continue
            seen.add(key)
            node = this or focus_node
            if value is None and shape.path is None:
                value = node
            substituted = [(lang, _fill(text, row, this, path, value)) for lang, text in templates]
            nl, en = pick_messages(substituted)
            if path is not None:
                reported_path = path.value if isinstance(path, ox.NamedNode) else None
            else:
                reported_path = shape.path.reported if shape.path else None
            findings.append(
                Finding(node, reported_path, value, shape.severity, SPARQL_COMPONENT, shape.key, constraint.key, nl, en)
            )
        return findings

    def _select(self, query: str, substitutions: dict[ox.Variable, OxTerm] | None = None) -> list[dict[str, OxTerm]]:
        solutions = self.store.query(query, substitutions=substitutions)  # type: ignore[arg-type]
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        out = []
        for solution in solutions:  # type: ignore[union-attr]
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term
            out.append(row)
        return out


def _with_values(query: str, focus: list[OxTerm]) -> str:
    """The query with its focus nodes as a VALUES block opening its WHERE clause."""
    brace = query.index("{")
    values = " ".join(str(f) for f in focus)
    return f"{query[: brace + 1]} VALUES ?this {{ {values} }} {query[brace + 1 :]}"


def _fill(message: str, row: dict[str, OxTerm], this: OxTerm | None, path: OxTerm | None, value: OxTerm | None) -> str:
    """Replace {?var} and {$var} by the plain text of the bound values, as pyshacl does (re.sub)."""
    bound = dict(row)
    for name, term in (("this", this), ("path", path), ("value", value)):
        if term is not None:
            bound[name] = term
    for name, term in bound.items():
        message = re.sub(f"{{[?$]{name}}}", term.value, message)
    return message


def _in_range(component: str, value: OxTerm, bound: ox.Literal) -> bool:
    if not isinstance(value, ox.Literal):
        return False
    if is_string_value(bound) != is_string_value(value):
        return False
    v, b = python_value(value), python_value(bound)
    if v is None or b is None:
        return False
    try:
        if component == "MinInclusive":
            return bool(v >= b)
        if component == "MaxInclusive":
            return bool(v <= b)
        if component == "MinExclusive":
            return bool(v > b)
        return bool(v < b)
    except TypeError:
        return False


def _language_in(value: OxTerm, languages: tuple[str, ...]) -> bool:
    if not isinstance(value, ox.Literal) or not value.language:
        return False
    lang = value.language.lower()
    return "*" in languages or lang in languages or lang.split("-")[0] in languages


def _repeated_languages(values: list[OxTerm]) -> set[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for v in values:
        if isinstance(v, ox.Literal) and v.language:
            lang = v.language.lower()
            (repeated if lang in seen else seen).add(lang)
    return repeated


def _less_or_equal(value: OxTerm, other: OxTerm) -> bool:
    def comparable(term: OxTerm) -> tuple[bool, object]:
        if isinstance(term, ox.NamedNode):
            return True, term.value
        if isinstance(term, ox.Literal) and is_string_value(term):
            return True, term.value
        return False, python_value(term) if isinstance(term, ox.Literal) else None

    value_is_text, v = comparable(value)
    other_is_text, w = comparable(other)
    if value_is_text != other_is_text or v is None or w is None:
        return False
    try:
        return bool(v <= w)  # type: ignore[operator]
    except TypeError:
        return False
