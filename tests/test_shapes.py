"""Every shape has a passing example and at least one failing example (tests/shapes/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nkc_kg.loaders.iris import DEFAULT_BASE, SH
from nkc_kg.loaders.validation import run_shacl, shapes_graph
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

HERE = Path(__file__).parent / "shapes"
SHAPES_NS = DEFAULT_BASE.replace("nkc-kg/", "nkc-kg/shapes#")
INVALID = sorted((HERE / "invalid").glob("*.ttl"))


def node_shape_of(shapes: Graph, shape: URIRef) -> URIRef:
    """A result's source shape, or the node shape a property shape belongs to."""
    owner = shapes.value(predicate=SH.property, object=shape)
    return owner if isinstance(owner, URIRef) else shape


def results(data: Graph) -> list[tuple[str, str]]:
    report = run_shacl(data, DEFAULT_BASE)
    shapes = shapes_graph(DEFAULT_BASE)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = node_shape_of(shapes, report.value(r, SH.sourceShape))  # type: ignore[arg-type]
        severity = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        out.append((str(shape).rsplit("#", 1)[-1], severity))
    return out


def base_graph() -> Graph:
    return Graph().parse(HERE / "valid-plan.ttl")


def test_valid_example_conforms_without_any_result() -> None:
    assert results(base_graph()) == []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_example_breaks_its_shape(path: Path) -> None:
    expected_shape = path.stem.split("--")[0]
    data = base_graph().parse(path)
    found = results(data)
    assert expected_shape in {shape for shape, _ in found}, found


def test_every_node_shape_has_a_failing_example() -> None:
    shapes = shapes_graph(DEFAULT_BASE)
    node_shapes = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    covered = {p.stem.split("--")[0] for p in INVALID}
    assert node_shapes - covered == set()
