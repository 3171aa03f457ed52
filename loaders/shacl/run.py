"""Validation with the pyoxigraph engine: what `loaders.validation` does with pyshacl, in a fraction of the time.

The graph of the curated files is built incrementally (`incremental`), loaded with the ontology
into an in-memory pyoxigraph store, and checked by the engine. The ontology (as N-Triples) and the
compiled shapes are prepared once per version of their files and kept in the cache. The reports
are the same as pyshacl's: same results, locations, groups and order.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from nkc_kg.loaders.curated.yamlio import CurationError, Location
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import ONTOLOGY_DIR, SHAPES_DIR
from nkc_kg.loaders.rdf_input import parse_rdf_file
from nkc_kg.loaders.report_groups import group_of
from nkc_kg.loaders.shacl import incremental
from nkc_kg.loaders.shacl.cache import Cache, digest, memory_cache
from nkc_kg.loaders.shacl.engine import Engine, Finding
from nkc_kg.loaders.shacl.shapes import Shapes, compile_shapes
from nkc_kg.loaders.shacl.terms import ntriples, to_rdflib
from nkc_kg.loaders.validation import (
    RDF_SUFFIXES,
    Report,
    ValidationResult,
    paths_by_kind,
    report_order,
    result_location,
    turtle_locations,
)
from rdflib import Graph
from rdflib.term import Node


def _files_digest(folder: Path) -> list[bytes]:
    return [part for p in sorted(folder.glob("*.ttl")) for part in (p.name.encode(), p.read_bytes())]


def ontology_ntriples(base: str, cache: Cache) -> bytes:
    """The ontology as N-Triples (parsing its Turtle with rdflib takes longer than the validation)."""
    key = digest("ontology", base, *_files_digest(ONTOLOGY_DIR))
    cached = cache.get("ontology", key)
    if cached is None:
        from nkc_kg.loaders.validation import ontology_graph

        cached = serialize(ontology_graph(base))
        cache.put("ontology", key, cached)
    return cached  # type: ignore[no-any-return]


def compiled_shapes(base: str, cache: Cache) -> Shapes:
    key = digest("shapes", base, incremental.loaders_code(), *_files_digest(SHAPES_DIR))
    cached = cache.get("shapes", key)
    if cached is None:
        from nkc_kg.loaders.validation import shapes_graph

        cached = compile_shapes(shapes_graph(base))
        cache.put("shapes", key, cached)
    return cached  # type: ignore[no-any-return]


def serialize(graph: Graph) -> bytes:
    return ntriples(graph)  # type: ignore[arg-type]


def check(data: bytes, base: str, cache: Cache) -> list[Finding]:
    """Every finding of the shapes on ``data`` (N-Triples) with the ontology."""
    store = ox.Store()
    # lenient: both were written by pyoxigraph's serializer, so they need no second check
    store.load(input=ontology_ntriples(base, cache), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    store.load(input=data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return Engine(store, compiled_shapes(base, cache)).run()


def results(
    findings: list[Finding], locations: dict[Node, Location], base: str, only: set[Node] | None = None
) -> list[ValidationResult]:
    """Findings as report results, in the order `loaders.validation.read_report` gives them."""
    out = []
    for f in findings:
        focus, value = to_rdflib(f.focus), to_rdflib(f.value) if f.value is not None else None
        if only is not None and focus not in only:
            continue
        out.append(
            ValidationResult(
                severity=f.severity,
                focus=str(focus),
                path=f.path,
                message_nl=f.message_nl,
                message_en=f.message_en,
                shape=f.shape if "|" not in f.shape else None,
                location=result_location(locations, focus, value, has_path=f.path is not None),
                value=str(value) if value is not None else None,
                group=group_of(str(focus), base),
            )
        )
    out.sort(key=report_order)
    return out


def validate_built(built: incremental.IncrementalBuild, iris: Iris, cache: Cache) -> Report:
    report = Report(errors=list(built.errors))
    if built.errors:
        return report  # the graph is incomplete; fix the curated files first
    report.results = results(check(built.ntriples(), iris.base, cache), built.locations, iris.base)
    return report


def validate_rdf(path: Path, context: incremental.IncrementalBuild, iris: Iris, cache: Cache) -> Report:
    """An RDF file against the shapes, references resolved against the curated data (as pyshacl's path does)."""
    from nkc_kg.loaders.validation import _parser_line

    fmt = RDF_SUFFIXES[path.suffix.lower()]
    graph = Graph()
    try:
        parse_rdf_file(graph, path, fmt)  # no remote JSON-LD contexts, no XML DOCTYPE (rdf_input.py)
    except MemoryError:
        raise  # not a syntax error: the caller's memory bound answers it (service/validate/bounded.py)
    except Exception as exc:  # rdflib raises many parser-specific types; all mean "bad input"
        return Report(errors=[CurationError(Location(str(path), _parser_line(exc)), f"not valid {fmt}: {exc}")])
    subjects = set(graph.subjects())
    locations = turtle_locations(path, graph) if fmt in ("turtle", "trig") else {}
    findings = check(context.ntriples() + serialize(graph), iris.base, cache)
    return Report(results=results(findings, locations, iris.base, only=subjects))  # type: ignore[arg-type]


def validate_paths(paths: list[Path], data_paths: list[Path], iris: Iris, cache: Cache | None = None) -> Report:
    """`loaders.validation.validate_paths` with this engine and the incremental build."""
    cache = cache or memory_cache()
    yaml_paths, rdf_paths, workbooks, report = paths_by_kind(paths)
    replaced = {p.name for p in yaml_paths}
    curated = [p for p in data_paths if p.name not in replaced] + yaml_paths
    for workbook in workbooks:
        sub = validate_workbook(workbook, curated, iris, cache=cache)
        report.results += sub.results
        report.elsewhere += sub.elsewhere
        report.errors += sub.errors
    if workbooks and not yaml_paths and not rdf_paths:
        return report
    read = incremental.read(curated, cache)
    built = incremental.build(read.files, iris, cache, read.keys)
    built.errors = read.errors + built.errors
    if not paths or yaml_paths:
        sub = validate_built(built, iris, cache)
        report.results += sub.results
        report.errors += sub.errors
    for path in rdf_paths:
        if built.errors:
            report.errors += built.errors
            break
        sub = validate_rdf(path, built, iris, cache)
        report.results += sub.results
        report.errors += sub.errors
    return report


def validate_workbook(
    path: Path, curated: list[Path], iris: Iris, display: str | None = None, cache: Cache | None = None
) -> Report:
    """`loaders.validation.validate_workbook` with this engine and the incremental build."""
    from nkc_kg.loaders.curated.yamlio import display_path
    from nkc_kg.loaders.workbook.importer import read_plan_workbook
    from nkc_kg.loaders.workbook.workbook import WorkbookError

    cache = cache or memory_cache()
    name = display or display_path(path)
    shipped = incremental.read(curated, cache)  # the shipped files' records, parsed once per version
    try:
        read = read_plan_workbook(path, name, curated, shipped=shipped, with_texts=False)
    except WorkbookError as exc:
        return Report(errors=[CurationError(Location(name, 1), str(exc), "", f"geen leesbare .xlsx-werkmap: {exc}")])
    if read.errors:
        return Report(errors=read.errors)
    report = validate_built(incremental.build(read.curated, iris, cache, shipped.keys), iris, cache)
    # The editor fixes what the workbook holds; violations elsewhere still count (the workbook may cause them).
    kept = [r for r in report.results if r.severity == "violation" or (r.location and r.location.file == name)]
    report.elsewhere = len(report.results) - len(kept)
    report.results = kept
    return report


def validate_dataset(triples: Graph, locations: dict[Node, Location], iris: Iris, cache: Cache | None = None) -> Report:
    """A graph already built (e.g. by `build_import`): its results with this engine."""
    return Report(results=results(check(serialize(triples), iris.base, cache or memory_cache()), locations, iris.base))
