"""The shapes graph compiled into plain records the engine evaluates.

Compiling refuses what the engine does not implement (an unknown ``sh:`` parameter, a message in one
language only), so a shape is never half-checked: add the feature to the engine first. Each shape,
property shape and SPARQL constraint gets a stable key (its IRI, or for a blank node its owner and
its description), which both engines' findings carry, so their reports can be compared.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from nkc_kg.loaders.iris import RDF, SH
from nkc_kg.loaders.shacl.terms import OxTerm, to_ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
COMPONENT = "http://www.w3.org/ns/shacl#{}ConstraintComponent"

# Parameters that describe a shape rather than constrain it.
DESCRIPTIVE = {SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.deactivated, SH.path}
TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
SUPPORTED = (
    DESCRIPTIVE
    | TARGETS
    | {
        SH.property,
        SH.minCount,
        SH.maxCount,
        SH["class"],
        SH.datatype,
        SH.minInclusive,
        SH.maxInclusive,
        SH.minExclusive,
        SH.maxExclusive,
        SH.hasValue,
        SH["in"],
        SH["or"],
        SH.pattern,
        SH.flags,
        SH.languageIn,
        SH.uniqueLang,
        SH.lessThanOrEquals,
        SH.qualifiedValueShape,
        SH.qualifiedMinCount,
        SH.qualifiedMaxCount,
        SH.sparql,
    }
)


class ShapesError(ValueError):
    """The shapes use something the engine does not implement (or are malformed)."""


@dataclass(frozen=True)
class PathExpr:
    sparql: str  # a SPARQL property path
    predicate: str | None  # the IRI when the path is one predicate
    reported: str | None  # what a report's result path says: the IRI of a predicate path, else None


@dataclass(frozen=True)
class Constraint:
    component: str  # e.g. "MinCount"
    argument: object = None


@dataclass(frozen=True)
class SparqlConstraint:
    key: str
    query: str  # with its PREFIX declarations
    messages: tuple[tuple[str | None, str], ...]
    needs_prebinding: bool  # a subquery sees $this only when it is pre-bound: run it per focus node


@dataclass
class Shape:
    key: str
    severity: str = "violation"
    path: PathExpr | None = None
    messages: tuple[tuple[str | None, str], ...] = ()
    target_classes: tuple[OxTerm, ...] = ()
    target_subjects_of: tuple[OxTerm, ...] = ()
    target_objects_of: tuple[OxTerm, ...] = ()
    target_nodes: tuple[OxTerm, ...] = ()
    constraints: list[Constraint] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    deactivated: bool = False

    @property
    def has_targets(self) -> bool:
        return bool(self.target_classes or self.target_subjects_of or self.target_objects_of or self.target_nodes)


@dataclass
class Shapes:
    top: list[Shape]  # the shapes with targets, in a fixed order
    digest: str  # of the shapes graph: part of every cache key that depends on the shapes


def compile_shapes(graph: Graph) -> Shapes:
    compiler = _Compiler(graph)
    roots = sorted(
        {s for p in TARGETS for s in graph.subjects(p, None)},
        key=lambda n: shape_key(graph, n),
    )
    top = [compiler.shape(node) for node in roots]
    return Shapes(top, graph_digest(graph))


def graph_digest(graph: Graph) -> str:
    lines = sorted(f"{_describe(graph, s)} {p.n3()} {_describe(graph, o)}" for s, p, o in graph)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def shape_key(graph: Graph, node: Node) -> str:
    """The IRI of a shape, or for a blank node the key of its owner and what it says."""
    if isinstance(node, URIRef):
        return str(node)
    owner = (
        graph.value(predicate=SH.property, object=node)
        or graph.value(predicate=SH.sparql, object=node)
        or graph.value(predicate=SH.qualifiedValueShape, object=node)
    )
    prefix = shape_key(graph, owner) if owner is not None else ""
    return f"{prefix}|{_describe(graph, node)}"


def _describe(graph: Graph, node: Node, depth: int = 0) -> str:
    if not isinstance(node, BNode):
        return node.n3()
    if depth > 8:
        raise ShapesError("shapes nest too deeply")
    if (node, RDF.first, None) in graph:
        return "(" + " ".join(_describe(graph, item, depth + 1) for item in Collection(graph, node)) + ")"
    parts = sorted(
        f"{p.n3()} {_describe(graph, o, depth + 1)}" for p, o in graph.predicate_objects(node) if p != SH.message
    )
    return "[" + " ; ".join(parts) + "]"


class _Compiler:
    def __init__(self, graph: Graph) -> None:
        self.g = graph

    def shape(self, node: Node, depth: int = 0, reported: bool = True) -> Shape:
        """``reported``: its results appear in the report (not a member of sh:or or a qualified value shape)."""
        if depth > 8:
            raise ShapesError(f"shape {shape_key(self.g, node)} nests too deeply")
        g = self.g
        key = shape_key(g, node)
        unknown = {p for p in g.predicates(node) if str(p).startswith(str(SH)) and p not in SUPPORTED}
        if unknown:
            raise ShapesError(f"shape {key} uses {', '.join(sorted(p.n3() for p in unknown))}: not implemented")
        shape = Shape(key=key)
        severity = g.value(node, SH.severity)
        if severity is not None:
            if severity not in SEVERITY:
                raise ShapesError(f"shape {key} has an unknown severity {severity}")
            shape.severity = SEVERITY[severity]  # type: ignore[index]
        shape.deactivated = g.value(node, SH.deactivated) == Literal(True)
        path = g.value(node, SH.path)
        if path is not None:
            shape.path = self.path(path)
        shape.messages = self.messages(node, reported)
        shape.target_classes = tuple(to_ox(c) for c in g.objects(node, SH.targetClass))
        shape.target_subjects_of = tuple(to_ox(p) for p in g.objects(node, SH.targetSubjectsOf))
        shape.target_objects_of = tuple(to_ox(p) for p in g.objects(node, SH.targetObjectsOf))
        shape.target_nodes = tuple(to_ox(n) for n in g.objects(node, SH.targetNode))
        shape.constraints = self.constraints(node, key, depth)
        shape.sparql = [
            self.sparql(c, reported) for c in sorted(g.objects(node, SH.sparql), key=lambda c: shape_key(g, c))
        ]
        shape.properties = [
            self.shape(p, depth + 1, reported)
            for p in sorted(g.objects(node, SH.property), key=lambda p: shape_key(g, p))
        ]
        unexplained = bool(shape.constraints) or any(not c.messages for c in shape.sparql)
        if reported and unexplained and not shape.messages:
            raise ShapesError(f"shape {key} has no sh:message (give one in Dutch and one in English)")
        return shape

    def messages(self, node: Node, reported: bool) -> tuple[tuple[str | None, str], ...]:
        found = [(m.language, str(m)) for m in self.g.objects(node, SH.message) if isinstance(m, Literal)]
        languages = {lang for lang, _ in found}
        if reported and found and not {"nl", "en"} <= languages:
            raise ShapesError(f"shape {shape_key(self.g, node)}: give sh:message in Dutch (@nl) and English (@en)")
        return tuple(found)

    def constraints(self, node: Node, key: str, depth: int) -> list[Constraint]:
        g = self.g
        out: list[Constraint] = []

        def one(param: URIRef) -> Node | None:
            values = list(g.objects(node, param))
            if len(values) > 1:
                raise ShapesError(f"shape {key} has {len(values)} values for {param.n3()}")
            return values[0] if values else None

        for param, name in ((SH.minCount, "MinCount"), (SH.maxCount, "MaxCount")):
            value = one(param)
            if value is not None:
                out.append(Constraint(name, int(value)))  # type: ignore[call-overload]
        for cls in g.objects(node, SH["class"]):
            out.append(Constraint("Class", to_ox(cls)))
        datatype = one(SH.datatype)
        if datatype is not None:
            out.append(Constraint("Datatype", str(datatype)))
        for param, name in (
            (SH.minInclusive, "MinInclusive"),
            (SH.maxInclusive, "MaxInclusive"),
            (SH.minExclusive, "MinExclusive"),
            (SH.maxExclusive, "MaxExclusive"),
        ):
            value = one(param)
            if value is not None:
                out.append(Constraint(name, to_ox(value)))
        for value in g.objects(node, SH.hasValue):
            out.append(Constraint("HasValue", to_ox(value)))
        listed = one(SH["in"])
        if listed is not None:
            out.append(Constraint("In", frozenset(to_ox(v) for v in Collection(g, listed))))
        for pattern in g.objects(node, SH.pattern):
            flags = one(SH.flags)
            out.append(Constraint("Pattern", (str(pattern), str(flags) if flags is not None else "")))
        languages = one(SH.languageIn)
        if languages is not None:
            out.append(Constraint("LanguageIn", tuple(str(v).lower() for v in Collection(g, languages))))
        if one(SH.uniqueLang) == Literal(True):
            out.append(Constraint("UniqueLang", True))
        for other in g.objects(node, SH.lessThanOrEquals):
            out.append(Constraint("LessThanOrEquals", self.path(other)))
        for members in g.objects(node, SH["or"]):
            shapes = tuple(self.shape(m, depth + 1, reported=False) for m in Collection(g, members))
            out.append(Constraint("Or", shapes))
        qualified = one(SH.qualifiedValueShape)
        if qualified is not None:
            low, high = one(SH.qualifiedMinCount), one(SH.qualifiedMaxCount)
            counts = (int(low) if low is not None else None, int(high) if high is not None else None)  # type: ignore[call-overload]
            out.append(Constraint("QualifiedValueShape", (self.shape(qualified, depth + 1, reported=False), *counts)))
        return out

    def path(self, node: Node) -> PathExpr:
        iri = str(node) if isinstance(node, URIRef) else None
        return PathExpr(self._path_sparql(node, 0), predicate=iri, reported=iri)

    def _path_sparql(self, node: Node, depth: int) -> str:
        g = self.g
        if depth > 8:
            raise ShapesError("a property path nests too deeply")
        if isinstance(node, URIRef):
            return f"<{node}>"
        if (node, RDF.first, None) in g:
            return "(" + "/".join(self._path_sparql(step, depth + 1) for step in Collection(g, node)) + ")"
        for param, template in (
            (SH.inversePath, "^({})"),
            (SH.zeroOrMorePath, "({})*"),
            (SH.oneOrMorePath, "({})+"),
            (SH.zeroOrOnePath, "({})?"),
        ):
            inner = g.value(node, param)
            if inner is not None:
                return template.format(self._path_sparql(inner, depth + 1))
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self._path_sparql(a, depth + 1) for a in Collection(g, alternatives)) + ")"
        raise ShapesError(f"unsupported property path {_describe(g, node)}")

    def sparql(self, node: Node, reported: bool) -> SparqlConstraint:
        g = self.g
        key = shape_key(g, node)
        if g.value(node, SH.ask) is not None or g.value(node, SH.select) is None:
            raise ShapesError(f"SPARQL constraint {key}: only sh:select is implemented")
        prefixes: dict[str, str] = {}
        for declaring in g.objects(node, SH.prefixes):
            for decl in g.objects(declaring, SH.declare):
                prefixes[str(g.value(decl, SH.prefix))] = str(g.value(decl, SH.namespace))
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
        select = str(g.value(node, SH.select))
        upper = select.upper()
        where = upper.find("WHERE")
        projection = upper[upper.find("SELECT") + 6 : where if where >= 0 else upper.find("{")]
        # VALUES ?this reaches the outer group only: a subquery, the other pre-bound variables, or a
        # result that does not name its focus node need the query run once per focus node.
        per_focus = (
            "SELECT" in upper[where if where >= 0 else 0 :]
            or "$SHAPESGRAPH" in upper
            or "$CURRENTSHAPE" in upper
            or not ("$THIS" in projection or "?THIS" in projection or projection.strip().startswith("*"))
        )
        return SparqlConstraint(
            key=key,
            query=header + select,
            messages=self.messages(node, reported),
            needs_prebinding=per_focus,
        )
