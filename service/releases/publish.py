"""`nkc-kg publish`: the publish gate and the release bundle.

The gate builds the dataset from the curated data, runs every competency question against its
expected answer (queries/expected/) and validates the graph with SHACL. Only when the build has no
errors, every question passes and SHACL reports no violation is a bundle written: to a hidden
folder in the releases folder first, renamed to ``<version>/`` when complete, and only then is
``current`` switched to it. A failed gate writes nothing.

The bundle (``release.ttl`` describes it in DCAT/VoID, ``SHA256SUMS`` checks it):

  nkc-kg.trig, nkc-kg.nq                  the dataset with one named graph per source document (the
                                          N-Quads sorted: the file the service and `nkc-kg load` read)
  nkc-kg.ttl, nkc-kg.jsonld               the union of those graphs, as /dumps serves them (Turtle
                                          cannot hold named graphs)
  queries/<name>.csv                      the answer of each named query with its example parameters
  ontology/nkc-kg.html, .en.html, .ttl    the ontology documentation (Dutch, English) and the ontology
  validation/report.txt, .json, .ttl      the SHACL report (text with file:line, JSON, the W3C report graph)
  validation/competency.json              every competency question and its outcome
  release.json, release.ttl, SHA256SUMS   manifest, DCAT/VoID description, checksums
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nkc_kg.loaders.curated.yamlio import display_path
from nkc_kg.loaders.iris import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, VOID, XSD, Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError, load_catalog
from nkc_kg.service.graph.runner import EntityIndex, run_named
from nkc_kg.service.named_queries.expectations import CaseResult, Rows, expected_dir, load_expectations, run_all
from nkc_kg.service.releases.bundles import (
    CURRENT,
    DESCRIPTION,
    MANIFEST,
    SUMS,
    Release,
    ReleaseError,
    answer_csv,
    check_version,
    current_version,
    list_releases,
    media_type,
    nquads_diff,
    read_answer_csv,
    read_release,
    row_diff,
    sha256_file,
    switch_current,
)
from nkc_kg.service.releases.partials import partial_prefix, sweep_stale_partials
from nkc_kg.service.store.embedded import EmbeddedStore
from rdflib import BNode, Graph, Literal, Namespace, URIRef

SPDX = Namespace("http://spdx.org/rdf/terms#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DCAT3 = Namespace(str(DCAT))  # rdflib's DCAT namespace is DCAT 2, without dcat:version and dcat:previousVersion
IANA_MEDIA = "https://www.iana.org/assignments/media-types/"
# The project's licence (pyproject.toml). The source documents state no licence of their own, so the
# release says where its facts come from instead of claiming a licence for them.
LICENSE = URIRef("http://spdx.org/licenses/EUPL-1.2")
RIGHTS = (
    "The curated data, ontology and code are published under the EUPL-1.2. The facts are taken from the "
    "source documents named in the graph (dcterms:source, prov:hadPrimarySource); those documents state "
    "no licence of their own, so cite them with the facts."
)
TITLE = {"nl": "Kennisgraaf actieplannen Nederlands Kanker Collectief", "en": "Knowledge graph of the NKC action plans"}
DESCRIPTIONS = {
    "nkc-kg.trig": "The dataset in TriG, one named graph per source document.",
    "nkc-kg.nq": "The dataset in N-Quads, one named graph per source document.",
    "nkc-kg.jsonld": "The union of the named graphs in JSON-LD (as /dumps/nkc-kg.jsonld).",
    "nkc-kg.ttl": "The union of the named graphs in Turtle (Turtle cannot hold named graphs).",
    "ontology/nkc-kg.html": "Documentation of the ontology (Dutch).",
    "ontology/nkc-kg.en.html": "Documentation of the ontology (English).",
    "ontology/nkc-kg.ttl": "The ontology in Turtle.",
    "validation/report.txt": "SHACL validation report, every result with its curated file and line.",
    "validation/report.json": "SHACL validation report as JSON.",
    "validation/report.ttl": "SHACL validation report (W3C SHACL results vocabulary).",
    "validation/competency.json": "The competency questions and their outcome.",
}

Log = Callable[[str], None]


class GateFailed(Exception):
    """The data did not pass the gate; the message says what failed (curated file:line, question, rows)."""


@dataclass(frozen=True)
class Gate:
    """What the gate found on a successful run (kept for the bundle)."""

    store: EmbeddedStore
    index: EntityIndex
    catalog: dict[str, NamedQuery]
    cases: list[CaseResult]
    report_text: str
    report_json: dict[str, Any]
    report_graph: Graph
    counts: dict[str, int]


def default_version(directory: Path, today: datetime) -> str:
    """Today's date (2026.12.03); a second release that day is 2026.12.03.2, and so on."""
    base = today.strftime("%Y.%m.%d")
    version, n = base, 1
    while (directory / version).exists():
        n += 1
        version = f"{base}.{n}"
    return version


def publish(data_dir: Path, directory: Path, version: str | None, iris: Iris, log: Log = print) -> Release:
    """Run the gate on ``data_dir`` and write the release to ``directory``; GateFailed/ReleaseError say why not."""
    now = datetime.now(UTC).replace(microsecond=0)
    version = check_version(version) if version else default_version(directory, now)
    if (directory / version).exists():
        raise ReleaseError(f"release {version} already exists in {directory}: choose another --version")
    with tempfile.TemporaryDirectory(prefix="nkc-kg-publish-") as work:
        nquads = Path(work) / "nkc-kg.nq"
        gate = run_gate(data_dir, iris, log, nquads)
        previous = _previous(directory)
        directory.mkdir(parents=True, exist_ok=True)
        _write_release(directory, version, gate, iris, now, previous, nquads)
    switch_current(directory, version)
    release = read_release(directory, version)
    where = display_path(directory)
    log(f"wrote {where}/{version}/ ({len(release.sums) + 1} files, checksum {release.checksum[:16]}…)")
    log(f"{where}/{CURRENT} -> {version}")
    return release


def _write_release(
    directory: Path, version: str, gate: Gate, iris: Iris, issued: datetime, previous: Release | None, nquads: Path
) -> None:
    """The bundle, written in a hidden folder and renamed to ``<version>`` when complete."""
    sweep_stale_partials(directory)  # folders of publishes killed half-way (partials.py)
    partial = Path(tempfile.mkdtemp(prefix=partial_prefix(version), dir=directory))
    try:
        shutil.copyfile(nquads, partial / "nkc-kg.nq")
        _write_bundle(partial, gate, iris, version, issued, previous)
        partial.chmod(0o755)  # mkdtemp made it private; a release is for everyone to read
        # rename() does not replace a non-empty folder: a release published meanwhile under the same version wins
        os.rename(partial, directory / version)
    except OSError as exc:
        raise ReleaseError(f"cannot write release {version} to {directory}: {exc}") from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def run_gate(data_dir: Path, iris: Iris, log: Log, nquads: Path) -> Gate:
    """Build, check and validate; the dataset is left in ``nquads`` (sorted N-Quads) for the bundle."""
    from nkc_kg.loaders.dataset import build_dataset
    from nkc_kg.loaders.paths import curated_data_paths
    from nkc_kg.loaders.validation import Report, format_report, read_report, run_shacl, union_graph

    began = time.perf_counter()
    if not curated_data_paths(data_dir):
        raise GateFailed(f"no curated data in {display_path(data_dir)}/: it holds no .yaml files")
    built = build_dataset(curated_data_paths(data_dir), iris)
    if built.errors:
        raise GateFailed("the curated data does not build:\n" + "\n".join(str(e) for e in built.errors))
    # The engine answers in the order the quads were loaded (GROUP_CONCAT lists, unordered SELECTs), and
    # rdflib's order changes from run to run. Loading the quads sorted makes the answers a function of the
    # data: the same in the bundle's CSVs, in a service that loads the bundle, and from release to release.
    nquads.write_bytes(canonical_nquads(EmbeddedStore.from_dataset(built.dataset).dump("nq")[0]))
    store = EmbeddedStore.from_file(nquads)
    graphs = graph_sizes(store)
    took = time.perf_counter() - began
    log(f"built {len(store)} quads in {len(graphs)} graphs from {display_path(data_dir)}/ ({took:.1f} s)")

    catalog = load_catalog(QUERIES_DIR)
    index = EntityIndex.build(store, iris)
    cases = load_expectations(expected_dir(QUERIES_DIR), catalog, iris)

    def run(name: str, params: Mapping[str, str]) -> Rows:
        return _text_rows(run_named(catalog[name], params, store, index, iris).rows)

    try:
        results = run_all(cases, run)
    except ParameterError as exc:  # the data lacks what a question's example parameters name
        raise GateFailed(f"a competency question cannot run on this data: {exc}") from None
    failed = [r for r in results if not r.passed]
    log(f"competency questions: {len(results) - len(failed)} of {len(results)} give their expected answer")

    began = time.perf_counter()
    report_graph = run_shacl(union_graph(built.dataset), iris.base)
    report = Report(results=read_report(report_graph, built.locations, iris.base))
    counts = {s: report.count(s) for s in ("violation", "warning", "info")}
    log(
        f"SHACL: {counts['violation']} violation(s), {counts['warning']} warning(s), {counts['info']} info "
        f"({time.perf_counter() - began:.1f} s)"
    )
    problems = []
    if not report.conforms:
        violations = Report(results=[r for r in report.results if r.severity == "violation"], errors=report.errors)
        listed = format_report(violations, "en").rsplit("\n", 1)[0]  # its totals would count only these
        problems.append(
            f"SHACL violations:\n{listed}\n{counts['violation']} violation(s); the {counts['warning']} warning(s) "
            f"and {counts['info']} info are not shown (`nkc-kg validate` lists them)"
        )
    for result in failed:
        problems.append("competency question failed:\n" + "\n".join(result.failures))
    if problems:
        raise GateFailed("\n\n".join(problems))
    report_json = {
        "conforms": report.conforms,
        "counts": counts,
        "results": [r.as_json() for r in report.results],
    }
    return Gate(store, index, catalog, results, format_report(report, "nl"), report_json, report_graph, counts)


def canonical_nquads(data: bytes) -> bytes:
    """N-Quads with the lines sorted (one quad per line; newlines inside literals are escaped)."""
    return b"".join(line + b"\n" for line in sorted(set(data.splitlines())) if line.strip())


def graph_sizes(store: EmbeddedStore) -> dict[str, int]:
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g").rows
    return {str(row["g"]): int(row["n"]) for row in rows}  # type: ignore[call-overload]


def _text_rows(rows: list[Mapping[str, Any]]) -> Rows:
    return [{k: str(v) for k, v in row.items()} for row in rows]


def _previous(directory: Path) -> Release | None:
    """The release this one follows: the current one, else the newest."""
    version = current_version(directory)
    if version:
        try:
            return read_release(directory, version)
        except ReleaseError:
            pass
    releases = list_releases(directory)
    return releases[0] if releases else None


# ---------------------------------------------------------------------------------------- the bundle


def _write_bundle(
    folder: Path, gate: Gate, iris: Iris, version: str, issued: datetime, previous: Release | None
) -> None:
    store = gate.store  # nkc-kg.nq is already there, sorted
    for kind in ("trig", "ttl", "jsonld"):
        _write(folder, f"nkc-kg.{kind}", store.dump(kind)[0])
    queries = _write_query_answers(folder, gate, iris)
    _write_ontology(folder, iris)
    _write_validation(folder, gate)
    files = {
        p.relative_to(folder).as_posix(): {
            "sha256": sha256_file(p),
            "bytes": p.stat().st_size,
            "mediaType": media_type(p.name),
        }
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    graphs = graph_sizes(store)
    manifest = {
        "version": version,
        "issued": issued.isoformat().replace("+00:00", "Z"),
        "iri": str(iris.release(version)),
        "base": iris.base,
        "quads": len(store),
        "graphs": graphs,
        # the progress reports (issue 17), each its own graph: which reports this release holds
        "progressReports": sorted(g for g in graphs if "/graph/progress/" in g),
        "license": str(LICENSE),
        "validation": {"conforms": True, **gate.counts},
        "competency": {"cases": len(gate.cases), "passed": sum(r.passed for r in gate.cases)},
        "queries": queries,
        "files": files,
        "previous": previous.version if previous else None,
        "changes": _changes(folder, queries, previous),
    }
    _write(folder, MANIFEST, _json(manifest))
    _write(folder, DESCRIPTION, describe(manifest, iris).serialize(format="turtle").encode())
    sums = "".join(
        f"{sha256_file(p)}  {p.relative_to(folder).as_posix()}\n"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != SUMS
    )
    _write(folder, SUMS, sums.encode())


def _write(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_query_answers(folder: Path, gate: Gate, iris: Iris) -> dict[str, Any]:
    """Each named query's answer for its example parameters, as CSV; their entries of the manifest."""
    queries: dict[str, Any] = {}
    for name, query in gate.catalog.items():
        params = {p.name: p.example for p in query.parameters}
        result = run_named(query, params, gate.store, gate.index, iris)
        _write(folder, f"queries/{name}.csv", answer_csv(result.variables, result.rows))
        queries[name] = {
            "file": f"queries/{name}.csv",
            "summary": query.summary,
            "parameters": params,
            "columns": result.variables,
            "rows": len(result.rows),
        }
    return queries


def _write_ontology(folder: Path, iris: Iris) -> None:
    from nkc_kg.loaders.validation import ontology_graph

    ontology = ontology_graph(iris.base)
    _write(folder, "ontology/nkc-kg.ttl", ontology.serialize(format="turtle").encode())
    _write(folder, "ontology/nkc-kg.html", _ontology_html(ontology, iris, "nl"))
    _write(folder, "ontology/nkc-kg.en.html", _ontology_html(ontology, iris, "en"))


def _write_validation(folder: Path, gate: Gate) -> None:
    """The SHACL report (text, JSON, Turtle) and the competency questions' results."""
    _write(folder, "validation/report.txt", (gate.report_text + "\n").encode())
    _write(folder, "validation/report.json", _json(gate.report_json))
    _write(folder, "validation/report.ttl", gate.report_graph.serialize(format="turtle").encode())
    competency = [
        {
            "id": r.case.id,
            "query": r.case.query,
            "question": r.case.question,
            "parameters": dict(r.case.params),
            "checks": len(r.case.checks),
            "passed": r.passed,
        }
        for r in gate.cases
    ]
    _write(folder, "validation/competency.json", _json(competency))


def _changes(folder: Path, queries: Mapping[str, Any], previous: Release | None) -> dict[str, Any] | None:
    """What changed since ``previous``: quads added and removed, and rows of each named query's answer."""
    if previous is None:
        return None
    added, removed = nquads_diff(previous.file("nkc-kg.nq"), folder / "nkc-kg.nq")
    per_query: dict[str, dict[str, int]] = {}
    for name, entry in queries.items():
        old = previous.query_answer(name) if name in previous.query_names() else ([], [])
        new = read_answer_csv((folder / entry["file"]).read_text(encoding="utf-8"))
        _, rows_added, rows_removed = row_diff(old, new)
        if rows_added or rows_removed:
            per_query[name] = {"added": len(rows_added), "removed": len(rows_removed)}
    return {"since": previous.version, "quadsAdded": added, "quadsRemoved": removed, "queries": per_query}


def summary(manifest: Mapping[str, Any]) -> str:
    """One line for people and feeds: size, and what changed since the release before."""
    text = f"{manifest['quads']:,} quads in {len(manifest.get('graphs', {}))} graphs"
    changes = manifest.get("changes")
    if not changes:
        return text + "; the first release"
    text += f"; since {changes['since']}: +{changes['quadsAdded']} / -{changes['quadsRemoved']} quads"
    queries = changes.get("queries") or {}
    if queries:
        text += "; answers changed: " + ", ".join(
            f"{name} (+{c['added']} / -{c['removed']} rows)" for name, c in sorted(queries.items())
        )
    else:
        text += "; no named query's answer changed"
    return text


def describe(manifest: Mapping[str, Any], iris: Iris) -> Graph:
    """The DCAT/VoID description of a release (release.ttl)."""
    graph = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("void", VOID),
        ("spdx", SPDX),
        ("prov", PROV),
        ("sd", SD),
    ):
        graph.bind(prefix, ns)
    graph.bind("owl", OWL)
    version = manifest["version"]
    release = iris.release(version)
    add = graph.add
    add((release, RDF.type, DCAT.Dataset))
    add((release, RDF.type, VOID.Dataset))
    for lang, title in TITLE.items():
        add((release, DCTERMS.title, Literal(f"{title}, release {version}", lang=lang)))
    add((release, DCTERMS.description, Literal(summary(manifest), lang="en")))
    add((release, DCAT3.version, Literal(version)))
    add((release, OWL.versionInfo, Literal(version)))
    add((release, DCTERMS.issued, Literal(manifest["issued"], datatype=XSD.dateTime)))
    add((release, DCTERMS.license, LICENSE))
    add((release, DCTERMS.rights, Literal(RIGHTS, lang="en")))
    add((release, DCTERMS.isVersionOf, URIRef(iris.base)))
    add((release, DCTERMS.conformsTo, URIRef(iris.base + "def")))
    if manifest.get("previous"):
        add((release, DCAT3.previousVersion, iris.release(manifest["previous"])))
    add((release, VOID.triples, Literal(manifest["quads"], datatype=XSD.integer)))
    add((release, VOID.uriSpace, Literal(iris.base)))
    for graph_name, count in manifest["graphs"].items():
        subset = BNode()
        add((release, VOID.subset, subset))
        add((subset, RDF.type, VOID.Dataset))
        add((subset, SD.name, URIRef(graph_name)))
        add((subset, VOID.triples, Literal(count, datatype=XSD.integer)))
    validation = manifest["validation"]
    activity = BNode()
    add((release, PROV.wasGeneratedBy, activity))
    add((activity, RDF.type, PROV.Activity))
    add((activity, PROV.endedAtTime, Literal(manifest["issued"], datatype=XSD.dateTime)))
    add(
        (
            activity,
            RDFS.label,
            Literal(
                f"nkc-kg publish: SHACL conforms ({validation['violation']} violations, {validation['warning']} "
                f"warnings, {validation['info']} info); competency questions {manifest['competency']['passed']} "
                f"of {manifest['competency']['cases']} pass",
                lang="en",
            ),
        )
    )
    queries_by_file = {entry["file"]: (name, entry) for name, entry in manifest["queries"].items()}
    for name, meta in manifest["files"].items():
        dist = iris.release(version, name)
        add((release, DCAT.distribution, dist))
        if name.startswith("nkc-kg."):
            add((release, VOID.dataDump, dist))
        add((dist, RDF.type, DCAT.Distribution))
        add((dist, DCTERMS.title, Literal(name)))
        if name in queries_by_file:
            query, entry = queries_by_file[name]
            args = ", ".join(f"{k}={v}" for k, v in entry["parameters"].items())
            text = f"Answer of the named query {query} ({args or 'no parameters'}): {entry['summary']}"
        else:
            text = DESCRIPTIONS.get(name, name)
        add((dist, DCTERMS.description, Literal(text, lang="en")))
        add((dist, DCAT.downloadURL, dist))
        add((dist, DCAT.mediaType, URIRef(IANA_MEDIA + meta["mediaType"])))
        add((dist, DCAT.byteSize, Literal(meta["bytes"], datatype=XSD.nonNegativeInteger)))
        checksum = BNode()
        add((dist, SPDX.checksum, checksum))
        add((checksum, RDF.type, SPDX.Checksum))
        add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        add((checksum, SPDX.checksumValue, Literal(meta["sha256"], datatype=XSD.hexBinary)))
    return graph


def _ontology_html(ontology: Graph, iris: Iris, lang: str) -> bytes:
    """The /def page, rendered without a server."""
    from nkc_kg.service.linked_data.views import ontology_view
    from nkc_kg.service.web.rendering import Templates

    return Templates().html("ontology.html", lang, "/def", {}, **ontology_view(ontology, iris)).encode("utf-8")


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()
