"""SHACL validation of the curated graph, with every result traced to file:line.

Non-conformance is data (a report); only "could not validate" raises. Two engines give the same
reports: ``oxigraph`` (the default: `loaders.shacl`, incremental and fast) and ``pyshacl`` (the
reference, as before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nkc_kg.loaders.build import BuildResult, build_from_paths
from nkc_kg.loaders.curated.yamlio import CurationError, Location
from nkc_kg.loaders.iris import RDF, SH, Iris
from nkc_kg.loaders.paths import DATA_DIR, ONTOLOGY_DIR, SHAPES_DIR, curated_data_paths
from nkc_kg.loaders.rdf_input import parse_rdf_file
from nkc_kg.loaders.report_groups import group_of
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

ENGINES = ("oxigraph", "pyshacl")
SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}
DEFAULT_ENGINE = "oxigraph"
SEVERITY_NAMES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
SEVERITY_NL = {"violation": "FOUT", "warning": "WAARSCHUWING", "info": "INFO"}
RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".trig": "trig",
}


@dataclass
class ValidationResult:
    severity: str
    focus: str
    path: str | None
    message_nl: str
    message_en: str
    shape: str | None
    location: Location | None = None
    value: str | None = None
    group: dict[str, object] | None = None  # the activity or part of the plan it is about (report_groups)

    def as_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "focusNode": self.focus,
            "path": self.path,
            "message": self.message_en,
            "messageNl": self.message_nl,
            "shape": self.shape,
            "value": self.value,
            "source": source_json(self.location),
            "group": self.group,
            "suggestion": None,
        }


def source_json(location: Location | None, file: str | None = None) -> dict[str, object] | None:
    """``{"file", "line"}``, with ``sheet`` and ``cell`` (``C14``) for a place in a workbook."""
    if location is None:
        return None
    out: dict[str, object] = {"file": file or location.file, "line": location.line}
    if location.cell:
        out["sheet"], out["cell"] = location.cell.rsplit("!", 1)
    return out


def error_json(error: CurationError, file: str | None = None) -> dict[str, object]:
    """A problem of the input (it could not be built), for JSON answers."""
    return {
        "message": error.message,
        "messageNl": error.message_nl,
        "path": error.path or None,
        "source": source_json(error.location, file),
        "suggestion": error.suggestion,
    }


@dataclass
class Report:
    results: list[ValidationResult] = field(default_factory=list)
    errors: list[CurationError] = field(default_factory=list)  # problems reading the input
    elsewhere: int = 0  # warnings and info about data the checked workbook does not hold, left out

    @property
    def conforms(self) -> bool:
        return not self.errors and not any(r.severity == "violation" for r in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)


def _turtle_dir(directory: Path, base: str | None) -> Graph:
    graph = Graph()
    for path in sorted(directory.glob("*.ttl")):
        graph.parse(path, format="turtle")
    _rebase(graph, base)
    return graph


@lru_cache(maxsize=4)
def ontology_graph(base: str | None = None) -> Graph:
    return _turtle_dir(ONTOLOGY_DIR, base)


@lru_cache(maxsize=4)
def shapes_graph(base: str | None = None) -> Graph:
    return _turtle_dir(SHAPES_DIR, base)


def _rebase(graph: Graph, base: str | None) -> None:
    from nkc_kg.loaders.iris import DEFAULT_BASE, rebase_graph

    if base and base != DEFAULT_BASE:
        rebase_graph(graph, DEFAULT_BASE, base)


def union_graph(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def run_shacl(data: Graph, base: str) -> Graph:
    """Validate ``data`` with the ontology mixed in (sh:class follows rdfs:subClassOf, role terms are typed)."""
    import pyshacl  # ~1 s to import: only the reference engine pays for it

    combined = Graph()
    for triple in data:
        combined.add(triple)
    for triple in ontology_graph(base):
        combined.add(triple)
    _conforms, report_graph, _text = pyshacl.validate(
        combined,
        shacl_graph=shapes_graph(base),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return report_graph


def _messages(report: Graph, node: Node, shapes: Graph) -> tuple[str, str]:
    """The Dutch and English message of a result.

    pyshacl drops the language tag of a message when it fills in {?variables}, so an untagged
    message gets its language back from the template (of the source constraint or shape) it matches.
    """
    templates: list[Literal] = []
    for source in (report.value(node, SH.sourceConstraint), report.value(node, SH.sourceShape)):
        if source is not None:
            templates += [m for m in shapes.objects(source, SH.message) if isinstance(m, Literal)]
    by_lang: dict[str | None, str] = {}
    for msg in report.objects(node, SH.resultMessage):
        if not isinstance(msg, Literal):
            continue
        lang = msg.language or _template_language(str(msg), templates)
        by_lang.setdefault(lang, str(msg))
    nl_msg = by_lang.get("nl") or by_lang.get(None) or by_lang.get("en") or ""
    en_msg = by_lang.get("en") or by_lang.get(None) or nl_msg
    return nl_msg, en_msg


def _template_language(message: str, templates: list[Literal]) -> str | None:
    for template in templates:
        parts = re.split(r"\{[?$]\w+\}", str(template))
        pattern = "(?s)" + ".*?".join(re.escape(part) for part in parts)
        if re.fullmatch(pattern, message):
            return template.language
    return None


def read_report(
    report: Graph, locations: dict[Node, Location], base: str, only: set[Node] | None = None
) -> list[ValidationResult]:
    shapes = shapes_graph(base)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        if only is not None and focus not in only:
            continue
        severity = SEVERITY_NAMES.get(report.value(node, SH.resultSeverity), "violation")  # type: ignore[arg-type]
        nl_msg, en_msg = _messages(report, node, shapes)
        path = report.value(node, SH.resultPath)
        shape = report.value(node, SH.sourceShape)
        value = report.value(node, SH.value)
        results.append(
            ValidationResult(
                severity=severity,
                focus=str(focus),
                path=str(path) if isinstance(path, URIRef) else None,
                message_nl=nl_msg,
                message_en=en_msg,
                shape=str(shape) if isinstance(shape, URIRef) else None,
                location=result_location(locations, focus, value, has_path=path is not None),  # type: ignore[arg-type]
                value=str(value) if value is not None else None,
                group=group_of(str(focus), base),
            )
        )
    results.sort(key=report_order)
    return results


def result_location(
    locations: dict[Node, Location], focus: Node, value: Node | None, has_path: bool
) -> Location | None:
    """Where a result is fixed: a recorded source issue (no path, its value a located node) is best fixed (or
    read) where it is written; any other result where its focus node is."""
    if not has_path and value is not None and value in locations:
        return locations[value]
    return locations.get(focus)


def report_order(result: ValidationResult) -> tuple[int, str, str, int, str]:
    """The order of a report's results, the same for both engines: severity, then file, sheet, line, focus."""
    location = result.location
    return (
        SEVERITY_ORDER[result.severity],
        location.file if location else "~",
        (location.sheet or "") if location else "",
        location.line if location else 0,
        result.focus,
    )


def validate_build(build: BuildResult, iris: Iris, engine: str = DEFAULT_ENGINE) -> Report:
    report = Report(errors=list(build.errors))
    if build.errors:
        return report  # the graph is incomplete; fix the curated files first
    if engine == "oxigraph":
        from nkc_kg.loaders.shacl.run import validate_dataset

        report.results = validate_dataset(union_graph(build.dataset), build.locations, iris).results
        return report
    report.results = read_report(run_shacl(union_graph(build.dataset), iris.base), build.locations, iris.base)
    return report


def validate_rdf(path: Path, context: BuildResult, iris: Iris) -> Report:
    """Validate an RDF file against the shapes, resolving references against the shipped data."""
    fmt = RDF_SUFFIXES[path.suffix.lower()]
    graph = Graph()
    try:
        parse_rdf_file(graph, path, fmt)  # no remote JSON-LD contexts, no XML DOCTYPE (rdf_input.py)
    except MemoryError:
        raise  # not a syntax error: the caller's memory bound answers it (service/validate/bounded.py)
    except Exception as exc:  # rdflib raises many parser-specific types; all mean "bad input"
        return Report(errors=[CurationError(Location(str(path), _parser_line(exc)), f"not valid {fmt}: {exc}")])
    subjects = set(graph.subjects())
    data = union_graph(context.dataset)
    for triple in graph:
        data.add(triple)
    locations = turtle_locations(path, graph) if fmt in ("turtle", "trig") else {}
    return Report(results=read_report(run_shacl(data, iris.base), locations, iris.base, only=subjects))


def _parser_line(exc: Exception) -> int:
    match = re.search(r"line (\d+)", str(exc))
    return int(match[1]) if match else 1


def turtle_locations(path: Path, graph: Graph) -> dict[Node, Location]:
    """Best-effort line of each subject in a Turtle file: where it first starts a statement."""
    text = path.read_text(encoding="utf-8").splitlines()
    prefixes = {str(ns): prefix for prefix, ns in graph.namespaces()}
    locations: dict[Node, Location] = {}
    for subject in set(graph.subjects()):
        if not isinstance(subject, URIRef):
            continue
        forms = [f"<{subject}>"]
        for ns, prefix in prefixes.items():
            if str(subject).startswith(ns):
                forms.append(f"{prefix}:{str(subject)[len(ns) :]}")
        for lineno, line in enumerate(text, start=1):
            stripped = line.lstrip()
            if any(
                stripped.startswith(form) and stripped[len(form) : len(form) + 1] in (" ", "\t", "") for form in forms
            ):
                locations[subject] = Location(str(path), lineno)
                break
    return locations


def validate_paths(
    paths: list[Path],
    data_dir: Path = DATA_DIR,
    iris: Iris | None = None,
    engine: str = DEFAULT_ENGINE,
    cache: object = None,
) -> Report:
    """Validate curated YAML (replacing the files of the same name in ``data_dir``) and/or RDF files.

    ``cache`` (a `loaders.shacl.cache.Cache`, oxigraph engine only): where unchanged files' triples
    are kept; by default the memory of this process."""
    iris = iris or Iris()
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; known: {', '.join(ENGINES)}")
    if engine == "oxigraph":
        from nkc_kg.loaders.shacl import run

        return run.validate_paths(paths, curated_data_paths(data_dir), iris, cache)  # type: ignore[arg-type]
    yaml_paths, rdf_paths, workbooks, report = paths_by_kind(paths)
    curated = curated_data_paths(data_dir, yaml_paths)
    for workbook in workbooks:
        sub = validate_workbook(workbook, curated, iris, engine=engine)
        report.results += sub.results
        report.elsewhere += sub.elsewhere
        report.errors += sub.errors
    if workbooks and not yaml_paths and not rdf_paths:
        return report
    build = build_from_paths(curated, iris)
    if not paths or yaml_paths:
        sub = validate_build(build, iris, engine)
        report.results += sub.results
        report.errors += sub.errors
    for path in rdf_paths:
        if build.errors:
            report.errors += build.errors
            break
        sub = validate_rdf(path, build, iris)
        report.results += sub.results
        report.errors += sub.errors
    return report


def validate_workbook(
    path: Path, curated: list[Path], iris: Iris, display: str | None = None, engine: str = DEFAULT_ENGINE
) -> Report:
    """A plan workbook as `import-xlsx` would read it, with the rest of the data: problems at their cells."""
    if engine == "oxigraph":
        from nkc_kg.loaders.shacl import run

        return run.validate_workbook(path, curated, iris, display)
    from nkc_kg.loaders.curated.yamlio import display_path
    from nkc_kg.loaders.workbook.importer import build_import, read_plan_workbook
    from nkc_kg.loaders.workbook.workbook import WorkbookError

    name = display or display_path(path)
    try:
        read = read_plan_workbook(path, name, curated)
    except WorkbookError as exc:
        return Report(errors=[CurationError(Location(name, 1), str(exc), "", f"geen leesbare .xlsx-werkmap: {exc}")])
    if read.errors:
        return Report(errors=read.errors)
    report = validate_build(build_import(read, iris), iris, engine)
    # The editor fixes what the workbook holds; violations elsewhere still count (the workbook may cause them).
    kept = [r for r in report.results if r.severity == "violation" or (r.location and r.location.file == name)]
    report.elsewhere = len(report.results) - len(kept)
    report.results = kept
    return report


def format_report(report: Report, lang: str = "nl") -> str:
    lines = []
    for err in report.errors:
        lines.append(err.text(lang))
    for res in report.results:
        where = str(res.location) if res.location else res.focus
        label = SEVERITY_NL[res.severity] if lang == "nl" else res.severity.upper()
        first, second = (res.message_nl, res.message_en) if lang == "nl" else (res.message_en, res.message_nl)
        lines.append(f"{where}: {label}: {first}")
        if second and second != first:
            lines.append(f"    ({'en' if lang == 'nl' else 'nl'}) {second}")
        lines.append(f"    {res.focus}")
    v, w, i = report.count("violation"), report.count("warning"), report.count("info")
    if report.elsewhere:
        lines.append(
            f"({report.elsewhere} waarschuwing(en) en info over gegevens buiten deze werkmap niet getoond "
            f"/ {report.elsewhere} warning(s) and info about data outside this workbook not shown)"
        )
    if report.errors:
        lines.append(
            f"{len(report.errors)} fout(en) in de invoer; de graaf is niet gevalideerd. "
            "/ input errors; graph not validated."
        )
    lines.append(
        f"{'CONFORM' if report.conforms else 'NIET CONFORM'}: {v} fout(en), {w} waarschuwing(en), {i} info "
        f"/ {'conforms' if report.conforms else 'does not conform'}: {v} violation(s), {w} warning(s), {i} info"
    )
    return "\n".join(lines)


def paths_by_kind(paths: list[Path]) -> tuple[list[Path], list[Path], list[Path], Report]:
    """The files to validate as curated YAML, RDF and workbooks, and a report of the ones of no known kind."""
    yaml_paths = [p for p in paths if p.suffix.lower() in (".yaml", ".yml")]
    rdf_paths = [p for p in paths if p.suffix.lower() in RDF_SUFFIXES]
    workbooks = [p for p in paths if p.suffix.lower() == ".xlsx"]
    unknown = [p for p in paths if p not in yaml_paths and p not in rdf_paths and p not in workbooks]
    unsupported = "unsupported file type (use .xlsx, .yaml, .ttl, .jsonld, .nt, .rdf or .trig)"
    return (
        yaml_paths,
        rdf_paths,
        workbooks,
        Report(errors=[CurationError(Location(str(p), 1), unsupported) for p in unknown]),
    )
