"""The remote store: `nkc-kg load`, bindings as VALUES, errors, and the same answers as the embedded store."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.app import load_service
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.settings import Settings, SettingsError
from nkc_kg.service.store.embedded import EmbeddedStore, QueryTimeout, StoreUnavailable
from nkc_kg.service.store.remote import RemoteStore
from nkc_kg.service.store.values import where_group_start, with_values
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

HOSTILE = '"} ; DROP ALL #'
LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?party ?name WHERE { ?party skos:prefLabel ?name } ORDER BY ?party"""
SLOW = """SELECT (COUNT(*) AS ?n) WHERE {
    { SELECT ?a WHERE { ?a ?b ?c } LIMIT 3000 } { SELECT ?d WHERE { ?d ?e ?f } LIMIT 3000 } }"""


def graph_counts(output: str) -> dict[str, tuple[int, int]]:
    rows = re.findall(r"^\s+(\S+)\s+(\d+)\s+(\d+)\s+ok$", output, re.MULTILINE)
    return {graph: (int(pushed), int(found)) for graph, pushed, found in rows}


def named_graphs(store: EmbeddedStore) -> set[str]:
    found = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return {str(row["g"]) for row in found}


def test_load_is_idempotent_and_leaves_other_graphs_alone(oxigraph: str, store: EmbeddedStore, cli) -> None:  # type: ignore[no-untyped-def]
    other = "urn:example:someone-elses-graph"
    put = httpx.put(
        f"{oxigraph}/store",
        params={"graph": other},
        content=b"<urn:a> <urn:b> <urn:c> .\n",
        headers={"content-type": "application/n-triples"},
    )
    assert put.status_code in (200, 201, 204)
    try:
        first = cli("load", "--endpoint", f"{oxigraph}/query")
        second = cli("load", "--endpoint", f"{oxigraph}/query")
        assert first.returncode == second.returncode == 0, first.stderr + second.stderr
        counts = graph_counts(first.stdout)
        assert counts == graph_counts(second.stdout)
        # one graph per source document, the curated records, the ontology and (since issue 17) the
        # progress report of data/voortgang-zeldzame-kankers-2024.yaml: whatever the build made
        assert set(counts) == named_graphs(store) and any(
            g.endswith("/graph/progress/zeldzame-kankers-2024") for g in counts
        )
        assert all(pushed == found for pushed, found in counts.values())
        assert sum(pushed for pushed, _ in counts.values()) == len(store)
        still_there = httpx.get(
            f"{oxigraph}/store", params={"graph": other}, headers={"accept": "application/n-triples"}
        )
        assert still_there.status_code == 200 and "<urn:a>" in still_there.text
    finally:
        httpx.delete(f"{oxigraph}/store", params={"graph": other})


def test_load_by_sparql_update_gives_the_same_graphs(store: EmbeddedStore, empty_oxigraph: str, cli) -> None:  # type: ignore[no-untyped-def]
    base = empty_oxigraph
    loaded = cli("load", "--endpoint", f"{base}/query", "--update", f"{base}/update")
    assert loaded.returncode == 0, loaded.stderr
    assert sum(pushed for pushed, _ in graph_counts(loaded.stdout).values()) == len(store)
    assert len(RemoteStore.connect(f"{base}/query")) == len(store)


def test_load_pushes_a_dataset_file(store: EmbeddedStore, built, tmp_path, empty_oxigraph: str, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dataset.nq"
    path.write_bytes(built.dataset.serialize(format="nquads", encoding="utf-8"))
    loaded = cli("load", "--endpoint", f"{empty_oxigraph}/query", "--dataset", str(path))
    assert loaded.returncode == 0, loaded.stderr
    assert len(RemoteStore.connect(f"{empty_oxigraph}/query")) == len(store)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--endpoint", "http://127.0.0.1:{port}/query"], "cannot reach http://127.0.0.1:{port}/store"),
        (["--endpoint", "http://127.0.0.1:{port}/sparql"], "pass --graph-store URL"),
        (["--endpoint", "ftp://127.0.0.1/query"], "expected an http(s) URL"),
    ],
)
def test_load_errors_exit_1_with_a_message(args: list[str], message: str, unused_port: int, cli) -> None:  # type: ignore[no-untyped-def]
    port = str(unused_port)
    result = cli("load", *[a.replace("{port}", port) for a in args])
    assert result.returncode == 1 and message.replace("{port}", port) in result.stderr


def test_load_reports_an_http_error(oxigraph: str, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("load", "--endpoint", f"{oxigraph}/query", "--graph-store", f"{oxigraph}/nope")
    assert result.returncode == 1 and "HTTP 404" in result.stderr


def test_hostile_literal_binding_matches_nothing_and_changes_nothing(
    remote_store: RemoteStore, store: EmbeddedStore
) -> None:
    for term in (Literal(HOSTILE), Literal(HOSTILE, lang="nl"), Literal('a\\"\n}\r', datatype=XSD.string)):
        assert remote_store.select(LABELS, {"name": term}).rows == store.select(LABELS, {"name": term}).rows == []
    assert len(remote_store) == len(store)


def test_a_bound_label_finds_its_party_on_both_stores(
    remote_store: RemoteStore, store: EmbeddedStore, index: EntityIndex
) -> None:
    name = Literal("Integraal Kankercentrum Nederland", lang="nl")
    remote = remote_store.select(LABELS, {"name": name}).rows
    assert remote == store.select(LABELS, {"name": name}).rows
    assert {"party": index.party("party", "iknl"), "name": name} in remote


@pytest.mark.parametrize(
    "term",
    [
        URIRef("http://example.org/> } ; DROP ALL #"),
        URIRef("http://example.org/a b"),
        Literal("x", datatype=URIRef("http://example.org/>")),
    ],
)
def test_iris_that_could_break_out_are_refused(remote_store: RemoteStore, term: URIRef) -> None:
    with pytest.raises(ValueError, match="not allowed in an IRI"):
        remote_store.select(LABELS, {"name": term})


def test_blank_nodes_and_odd_variable_names_cannot_be_bound() -> None:
    with pytest.raises(TypeError):
        with_values("SELECT * { ?s ?p ?o }", {"s": BNode()})
    with pytest.raises(ValueError, match="variable name"):
        with_values("SELECT * { ?s ?p ?o }", {"s) } DROP ALL #": Literal(1)})


@pytest.mark.parametrize(
    ("query", "group_starts_before"),
    [
        ('PREFIX a: <http://x/WHERE#>\n# WHERE { in a comment\nSELECT ?s WHERE { ?s ?p "{" }', ' ?s ?p "{"'),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
        ("SELECT (EXISTS { ?a ?b ?c } AS ?x) { ?s ?p ?o }", " ?s ?p ?o }"),
        ("ASK { ?s ?p 'WHERE {' }", " ?s ?p 'WHERE {' }"),
        ("SELECT * FROM <http://x/g> WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", " { SELECT ?s"),
    ],
)
def test_values_go_at_the_start_of_the_where_group(query: str, group_starts_before: str) -> None:
    assert query[where_group_start(query) :].startswith(group_starts_before)


def test_a_query_without_a_where_group_cannot_take_bindings() -> None:
    with pytest.raises(ValueError, match="no WHERE group"):
        with_values("DESCRIBE <http://example.org/x>", {"x": Literal(1)})


def test_named_queries_give_the_same_rows_on_both_stores(
    catalog: dict[str, NamedQuery], embedded_client: TestClient, remote_client: TestClient
) -> None:
    assert len(catalog) >= 10
    for name, query in catalog.items():
        params = {p.name: p.example for p in query.parameters}
        here, there = (c.get(f"/api/queries/{name}", params=params) for c in (embedded_client, remote_client))
        assert here.status_code == there.status_code == 200, (name, there.text)
        assert here.json()["variables"] == there.json()["variables"]
        assert comparable(query, here.json()["rows"]) == comparable(query, there.json()["rows"]), name
        assert here.json()["rows"], f"{name}: the example parameters should find something"


def comparable(query: NamedQuery, rows: list[dict[str, str]]) -> list[list[tuple[str, object]]]:
    """Rows in order, as sorted items; GROUP_CONCAT columns as sorted parts (SPARQL leaves their order open)."""
    separators = {
        variable: separator
        for separator, variable in re.findall(
            r'GROUP_CONCAT\(.*?separator\s*=\s*"([^"]*)"\)[^?]*?\s+AS\s+\?(\w+)', query.sparql
        )
    }
    return [
        sorted((k, sorted(v.split(separators[k])) if k in separators else v) for k, v in row.items()) for row in rows
    ]


def test_group_concat_columns_are_recognised(catalog: dict[str, NamedQuery]) -> None:
    row = {"lead": "b, a", "plan": "x"}
    assert comparable(catalog["steps-in-quarter"], [row]) == [[("lead", ["a", "b"]), ("plan", "x")]]


SELECT_TITLES = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?plan ?id ?title WHERE { ?plan dcterms:identifier ?id ; dcterms:title ?title } ORDER BY ?id ?title"""
CONSTRUCT_TITLES = """PREFIX nkc: <https://w3id.org/nkc-kg/def#> PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT { ?p a nkc:ActionPlan ; dcterms:title ?t } WHERE { ?p a nkc:ActionPlan ; dcterms:title ?t }"""
RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", *RDF_FORMATS])
def test_every_sparql_format_is_the_same_on_both_stores(
    fmt: str, embedded_client: TestClient, remote_client: TestClient
) -> None:
    query = CONSTRUCT_TITLES if fmt in RDF_FORMATS else SELECT_TITLES
    here, there = (c.get("/sparql", params={"query": query, "format": fmt}) for c in (embedded_client, remote_client))
    assert here.status_code == there.status_code == 200, there.text
    assert here.headers["content-type"] == there.headers["content-type"]
    if fmt in RDF_FORMATS:
        a = Graph().parse(data=here.content, format=RDF_FORMATS[fmt])
        b = Graph().parse(data=there.content, format=RDF_FORMATS[fmt])
        assert len(a) == 9 and isomorphic(a, b)  # 3 plans, each typed, with a Dutch and an English title
    else:
        assert here.content == there.content and b"zeldzame-kankers-2025" in here.content


def test_ask_in_every_results_format_is_the_same(embedded_client: TestClient, remote_client: TestClient) -> None:
    for fmt in ("json", "xml", "csv", "tsv"):
        params = {"query": "ASK { ?s a <https://w3id.org/nkc-kg/def#Step> }", "format": fmt}
        here, there = (c.get("/sparql", params=params) for c in (embedded_client, remote_client))
        assert here.status_code == there.status_code == 200
        assert here.content == there.content and b"true" in here.content


def test_dumps_hold_the_same_quads(remote_store: RemoteStore, store: EmbeddedStore) -> None:
    # the curated data has no blank nodes, so quads compare as they are
    for kind, fmt in (("nq", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)):
        here = set(ox.parse(store.dump(kind)[0], format=fmt))
        there = set(ox.parse(remote_store.dump(kind)[0], format=fmt))
        assert here == there and len(there) == len(store), kind
    for kind, fmt in (("ttl", ox.RdfFormat.TURTLE), ("jsonld", ox.RdfFormat.JSON_LD)):
        assert set(ox.parse(store.dump(kind)[0], format=fmt)) == set(ox.parse(remote_store.dump(kind)[0], format=fmt))


def test_result_limit_and_time_limit_on_the_remote_store(remote_app_with, remote_store: RemoteStore) -> None:  # type: ignore[no-untyped-def]
    small = TestClient(remote_app_with(result_limit=10))
    r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.json()["detail"]
    with pytest.raises(QueryTimeout):
        remote_store.answer(SLOW, None, 10, timeout=0.05)
    with TestClient(remote_app_with(query_timeout=0.3)) as client:
        began = time.monotonic()
        slow = client.get("/sparql", params={"query": SLOW})
    assert slow.status_code == 503 and "timed out" in slow.json()["error"] and time.monotonic() - began < 5


@pytest.mark.parametrize("transport", ["httpx", "sparqlwrapper"])
def test_endpoint_errors_through_each_client(
    oxigraph: str, remote_store: RemoteStore, transport: str, unused_port: int
) -> None:
    store = RemoteStore(f"{oxigraph}/query", client=transport, graphs=remote_store.graphs)
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] == Literal(len(remote_store))
    with pytest.raises(ValueError, match="1:") as malformed:
        store.answer("SELEC ?s WHERE { ?s ?p ?o }", None, 10, 5.0)
    assert "Response:" not in str(malformed.value)  # the endpoint's message, not the client library's wrapping
    with pytest.raises(QueryTimeout):
        store.answer(SLOW, None, 10, timeout=0.05)
    gone = RemoteStore(f"http://127.0.0.1:{unused_port}/query", client=transport, graphs=remote_store.graphs)
    with pytest.raises(StoreUnavailable, match="cannot reach"):
        gone.select("ASK {}")
    missing = RemoteStore(f"{oxigraph}/nope", client=transport, graphs=remote_store.graphs)
    with pytest.raises(StoreUnavailable, match="404"):
        missing.select("SELECT * { ?s ?p ?o } LIMIT 1")


def test_an_unreachable_endpoint_is_502_json(remote_app_with, remote_store: RemoteStore, unused_port: int) -> None:  # type: ignore[no-untyped-def]
    app = remote_app_with()
    # the triple store goes away after start-up
    app.state.service.store = RemoteStore(f"http://127.0.0.1:{unused_port}/query", graphs=remote_store.graphs)
    client = TestClient(app)
    for r in (
        client.get("/sparql", params={"query": "ASK {}"}),
        client.get("/api/queries/party-leads", params={"party": "iknl", "year": "2025"}),
    ):
        assert r.status_code == 502 and r.json()["error"] == "triple store unavailable"
        assert "cannot reach" in r.json()["detail"]


def test_start_up_fails_clearly_if_the_endpoint_is_unreachable(unused_port: int, cli) -> None:  # type: ignore[no-untyped-def]
    dead = f"http://127.0.0.1:{unused_port}/query"
    with pytest.raises(StoreUnavailable, match="is the triple store running"):
        load_service(Settings(store="remote", endpoint=dead))
    served = cli("serve", "--port", str(unused_port), env={"NKC_KG_STORE": "remote", "NKC_KG_ENDPOINT": dead})
    assert served.returncode == 1 and "cannot reach" in served.stderr


def test_start_up_fails_clearly_if_the_endpoint_is_empty(empty_oxigraph: str) -> None:
    endpoint = f"{empty_oxigraph}/query"
    with pytest.raises(StoreUnavailable, match=re.escape(f"run `nkc-kg load --endpoint {endpoint}` first")):
        load_service(Settings(store="remote", endpoint=endpoint))


def test_nkc_kg_serve_over_the_remote_store(oxigraph: str, store: EmbeddedStore, unused_port: int) -> None:
    env = {**os.environ, "NKC_KG_STORE": "remote", "NKC_KG_ENDPOINT": f"{oxigraph}/query"}
    command = [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(unused_port)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first_line = proc.stdout.readline() if proc.stdout else ""
        assert f"{oxigraph}/query ({len(store)} quads)" in first_line, first_line
        # the line is printed before uvicorn binds the port: wait for it to answer
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{unused_port}/health", timeout=10).json()
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "nkc-kg serve did not answer within 30 s"
                time.sleep(0.1)
        assert health["quads"] == len(store)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_an_endpoint_whose_default_graph_is_the_union(  # type: ignore[no-untyped-def]
    union_oxigraph: str,
    store: EmbeddedStore,
    catalog: dict[str, NamedQuery],
    embedded_client: TestClient,
    remote_app_with,
    cli,
) -> None:
    endpoint = f"{union_oxigraph}/query"
    assert cli("load", "--endpoint", endpoint).returncode == 0
    service = load_service(Settings(store="remote", endpoint=endpoint, endpoint_union=True))
    assert len(service.store) == len(store)
    union_client = TestClient(remote_app_with(service.store))
    params = {"party": "iknl", "year": "2025"}
    here, there = (c.get("/api/queries/party-leads", params=params) for c in (embedded_client, union_client))
    assert there.status_code == 200 and comparable(catalog["party-leads"], here.json()["rows"]) == comparable(
        catalog["party-leads"], there.json()["rows"]
    )


def test_the_union_setting_is_checked_against_the_endpoint(oxigraph: str) -> None:
    with pytest.raises(StoreUnavailable, match="not the union of its named graphs"):
        load_service(Settings(store="remote", endpoint=f"{oxigraph}/query", endpoint_union=True))


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NKC_KG_STORE": "remote"}, "needs NKC_KG_ENDPOINT"),
        ({"NKC_KG_ENDPOINT_UNION": "maybe"}, "expected 1/true/yes"),
        ({"NKC_KG_STORE": "remote", "NKC_KG_ENDPOINT": "ftp://example.org/sparql"}, "http:// or https://"),
        ({"NKC_KG_STORE": "cloud"}, "expected one of embedded, remote"),
        ({"NKC_KG_ENDPOINT_CLIENT": "curl"}, "expected one of httpx, sparqlwrapper"),
    ],
)
def test_bad_store_settings_are_refused(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str) -> None:
    monkeypatch.delenv("NKC_KG_ENDPOINT", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        Settings.from_env()
