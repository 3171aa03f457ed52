"""`nkc-kg load --endpoint URL --release VERSION`: a published release into a triple store, switched atomically.

A reader of the store (``NKC_KG_STORE=remote``) must see the old release or the new one, never half of
each. The store's update requests are the unit it applies atomically (Oxigraph, Fuseki/TDB2 and
GraphDB run each SPARQL Update request in one transaction; the SPARQL 1.1 Update spec asks for it),
so the switch is always one update request:

* Readers that name their dataset (the default: NKC_KG_ENDPOINT_UNION=0, the service passes its
  graphs as default-graph-uri) never see other graphs. The release is loaded into new staging graphs
  ``urn:nkc-kg:staging:<version>:<name>`` first, their triple counts are checked, and then one
  request MOVEs each into its served graph, drops served graphs the release no longer has and
  rewrites the release record. A failed upload or count leaves the served graphs untouched.
* A store whose default graph is the union of its named graphs would show the staging graphs to
  every reader. There the release is sent as one request that replaces each graph's contents
  (DROP + INSERT DATA) and the record. The loader tells the two apart by asking whether the
  default graph holds the named graphs' triples, and takes the one-request way when unsure.

The release record, graph ``<base>graph/release``, says which release the store holds (dcat:version,
dcterms:issued, dcterms:hasPart for each of its graphs): the next load reads it to drop the graphs the
new release no longer has, and a client can ask for it with SPARQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.releases.bundles import Release, ReleaseError, read_release
from nkc_kg.service.store.auth import redacted
from nkc_kg.service.store.embedded import EmbeddedStore
from nkc_kg.service.store.push import (
    DEFAULT_BATCH,
    LoadError,
    Target,
    _counts,
    _send,
    authenticated,
    check_urls,
    push,
    source_graphs,
)
from nkc_kg.service.store.remote import STAGING_PREFIX
from nkc_kg.service.store.values import iri_term

DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# does the default graph lack a named graph's triple? Then readers see only the graphs they name.
NAMED_GRAPHS_APART = "ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"


@dataclass(frozen=True)
class ReleaseLoad:
    version: str
    previous: str | None
    mode: str  # "staged" or "one request"
    why: str  # why that way
    graphs: dict[str, int]  # triples per served graph, as the store counts them after the switch
    expected: dict[str, int]  # triples per graph in the release
    dropped: list[str]  # graphs of the previous release that this one does not have

    @property
    def ok(self) -> bool:
        return self.graphs == self.expected


def find_release(spec: str, folder: Path) -> Release:
    """A version (or 'current') in ``folder``, or the path of a release folder."""
    path = Path(spec)
    if (path / "release.json").is_file():
        return read_release(path.resolve().parent, path.resolve().name)
    return read_release(folder, spec)


def release_target(
    query: str,
    graph_store: str | None,
    update: str | None,
    *,
    user: str | None = None,
    password: str | None = None,
    batch: int = DEFAULT_BATCH,
    netrc_file: Path | None = None,
) -> Target:
    """The switch needs SPARQL Update: --update, or Oxigraph's /update next to /query (and /store for uploads).
    ``user``/``password`` (else netrc) answer the store's challenge; uploads go in batches of ``batch`` triples."""
    check_urls(query, graph_store, update)
    base, _, last = query.rstrip("/").rpartition("/")
    if update is None:
        if last != "query":
            raise LoadError(f"loading a release needs SPARQL Update: pass --update URL (cannot tell it from {query})")
        update = f"{base}/update"
        graph_store = graph_store or f"{base}/store"
    return Target(query, graph_store, update, authenticated(query, user, password, netrc_file), batch)


def record_graph(iris: Iris) -> str:
    return str(iris.graph("release"))


def staging_graph(version: str, graph: str) -> str:
    return f"{STAGING_PREFIX}{version}:{graph.rstrip('/').rpartition('/')[2]}"


def load_release(
    release: Release, target: Target, iris: Iris, timeout: float = 300.0, staged: bool | None = None
) -> ReleaseLoad:
    """``staged``: True stages the release even where the store's default graph is the union of its
    graphs (its readers name their graphs, as nkc-kg serve does; Virtuoso, which refuses an update
    the size of a release); None decides by asking the store."""
    problems = release.verify()
    if problems:
        raise ReleaseError(f"release {release.version} does not match its checksums: {'; '.join(problems[:5])}")
    store = EmbeddedStore.from_file(release.file("nkc-kg.nq"))
    expected = {graph: len(triples) for graph, triples in source_graphs(store)}
    if expected != release.manifest.get("graphs"):
        raise ReleaseError(f"release {release.version}: its N-Quads do not hold the graphs its manifest lists")
    assert target.update is not None
    with target.client(timeout) as http:
        previous, old_graphs = _record(http, target.query, record_graph(iris))
        dropped = sorted(set(old_graphs) - set(expected))
        record = _record_triples(release, iris, expected)
        if staged or (staged is None and _ask(http, target.query, NAMED_GRAPHS_APART)):
            mode, why = "staged", "new graphs loaded and counted, then one MOVE request"
            staged = {graph: staging_graph(release.version, graph) for graph in expected}
            _drop(http, target, list(staged.values()))  # leftovers of an interrupted load of this version
            reports = push(store, target, timeout, rename=staged.__getitem__)
            found = {r.graph: r.found for r in reports}
            wrong = [g for g, s in staged.items() if found.get(s) != expected[g]]
            if wrong:
                _drop(http, target, list(staged.values()))
                raise LoadError(
                    f"the staging graphs do not hold what was pushed ({', '.join(wrong)}); nothing switched"
                )
            switch = [f"MOVE {iri_term(staged[g])} TO {iri_term(g)}" for g in expected]
        else:
            empty = not _ask(http, target.query, "ASK { GRAPH ?g { ?s ?p ?o } }")
            mode = "one request"
            why = "the store held no graphs" if empty else "the store's default graph is the union of its graphs"
            switch = [
                f"DROP SILENT GRAPH {iri_term(g)} ;\nINSERT DATA {{ GRAPH {iri_term(g)} {{\n{_ntriples(triples)}}} }}"
                for g, triples in source_graphs(store)
            ]
        switch += [f"DROP SILENT GRAPH {iri_term(g)}" for g in dropped]
        switch.append(
            f"DROP SILENT GRAPH {iri_term(record_graph(iris))} ;\n"
            f"INSERT DATA {{ GRAPH {iri_term(record_graph(iris))} {{\n{record}}} }}"
        )
        response = _send(
            http.post,
            target.update,
            content=" ;\n".join(switch).encode(),
            headers={"content-type": "application/sparql-update"},
        )
        if response.status_code >= 300:
            raise LoadError(
                f"{redacted(target.update)} refused the switch to release {release.version}: "
                f"HTTP {response.status_code}: {response.text.strip().split(chr(10) * 2)[0][:500]} "
                "(the store's graphs are as they were, if it applies updates atomically)"
            )
        counts = _counts(http, target.query)
    served = {g: counts.get(g, 0) for g in expected}
    return ReleaseLoad(release.version, previous, mode, why, served, expected, dropped)


def _ntriples(triples: list[ox.Triple]) -> str:
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def _record_triples(release: Release, iris: Iris, graphs: dict[str, int]) -> str:
    subject = iri_term(str(iris.release(release.version)))
    issued = release.issued
    lines = [
        f"{subject} <{DCAT}version> {_string(release.version)} .",
        f'{subject} <{DCTERMS}issued> "{issued}"^^<{XSD}dateTime> .' if _iso(issued) else "",
        f'{subject} <{VOID}triples> "{sum(graphs.values())}"^^<{XSD}integer> .',
        f"{subject} <{DCTERMS}identifier> {_string('sha256:' + release.checksum)} .",
        *(f"{subject} <{DCTERMS}hasPart> {iri_term(g)} ." for g in sorted(graphs)),
    ]
    return "".join(line + "\n" for line in lines if line)


def _string(text: str) -> str:
    return str(ox.Literal(text))  # N-Triples form, escaped


def _iso(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", text))


def _query(http: httpx.Client, query_endpoint: str, sparql: str) -> dict[str, Any]:
    response = _send(
        http.post, query_endpoint, data={"query": sparql}, headers={"accept": "application/sparql-results+json"}
    )
    if response.status_code >= 300:
        raise LoadError(f"{query_endpoint} refused a query: HTTP {response.status_code}: {response.text[:500]}")
    try:
        answer = response.json()
        return answer if isinstance(answer, dict) else {}
    except ValueError as exc:
        raise LoadError(f"{query_endpoint} sent an unreadable answer: {exc}") from None


def _ask(http: httpx.Client, query_endpoint: str, sparql: str) -> bool:
    return bool(_query(http, query_endpoint, sparql).get("boolean"))


def _record(http: httpx.Client, query_endpoint: str, graph: str) -> tuple[str | None, list[str]]:
    """The version the store holds, and its graphs, from the release record (None, [] before the first release)."""
    sparql = (
        f"SELECT ?version ?part WHERE {{ GRAPH {iri_term(graph)} {{ ?r <{DCAT}version> ?version . "
        f"OPTIONAL {{ ?r <{DCTERMS}hasPart> ?part }} }} }}"
    )
    rows = _query(http, query_endpoint, sparql).get("results", {}).get("bindings", [])
    versions = {row["version"]["value"] for row in rows}
    parts = sorted({row["part"]["value"] for row in rows if "part" in row})
    return (min(versions) if versions else None), parts


def _drop(http: httpx.Client, target: Target, graphs: list[str]) -> None:
    assert target.update is not None
    if graphs:
        body = " ;\n".join(f"DROP SILENT GRAPH {iri_term(g)}" for g in graphs)
        _send(http.post, target.update, content=body.encode(), headers={"content-type": "application/sparql-update"})
