"""pyshacl, the reference engine, with its report read into the same findings as the engine's.

Used by the equivalence test and the benchmark: both engines on the same graph must give the same
findings (focus node, path, value, severity, constraint component, source shape and constraint,
messages in Dutch and English).
"""

from __future__ import annotations

from nkc_kg.loaders.iris import RDF, SH
from nkc_kg.loaders.shacl.engine import Finding
from nkc_kg.loaders.shacl.shapes import shape_key
from nkc_kg.loaders.shacl.terms import to_ox
from nkc_kg.loaders.validation import SEVERITY_NAMES, _messages, run_shacl, shapes_graph
from rdflib import Graph, URIRef


def reference_findings(data: Graph, base: str) -> list[Finding]:
    """pyshacl's results on ``data`` (with the ontology), as findings."""
    report = run_shacl(data, base)
    shapes = shapes_graph(base)
    findings = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        constraint = report.value(node, SH.sourceConstraint)
        nl, en = _messages(report, node, shapes)
        findings.append(
            Finding(
                focus=to_ox(report.value(node, SH.focusNode)),  # type: ignore[arg-type]
                path=str(path) if isinstance(path, URIRef) else None,
                value=to_ox(value) if value is not None else None,
                severity=SEVERITY_NAMES.get(report.value(node, SH.resultSeverity), "violation"),  # type: ignore[arg-type]
                component=str(report.value(node, SH.sourceConstraintComponent)),
                shape=shape_key(shapes, report.value(node, SH.sourceShape)),  # type: ignore[arg-type]
                constraint=shape_key(shapes, constraint) if constraint is not None else None,
                message_nl=nl,
                message_en=en,
            )
        )
    return findings
