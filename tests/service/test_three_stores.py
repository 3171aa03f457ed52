"""The same answers from every store: the embedded store, `oxigraph serve` and Debian's Virtuoso, each
loaded by `nkc-kg load`, behind the same service.

Every REST route, named query, question, page and dump is requested from the service over each
store and compared with the embedded store's answer: JSON as parsed, pages as their text, RDF as
graphs (blank nodes aside, the curated data has none), dumps as sets of quads. Virtuoso keeps the
limits Debian ships (10 000 rows per answer, its cost and time limits), which is what the queries
and the row-cap handling have to cope with. The pages to compare are found by following the links
of the home page, the question pages and the plan pages: every page for people of every kind.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.store.remote import RemoteStore
from rdflib import Graph
from rdflib.compare import isomorphic
from virtuoso_server import PASSWORD, USER

STORES = ["embedded", "oxigraph", "virtuoso"]
PLANS = ["zeldzame-kankers-2025", "zeldzame-kankers-2024", "late-gevolgen-2025"]
REST = [
    "/health",
    "/api/plans",
    *(f"/api/plans/{plan}" for plan in PLANS),
    *(f"/api/plans/{plan}/completeness" for plan in PLANS),
    "/api/plans/zeldzame-kankers-2025/activities/5",
    "/api/plans/late-gevolgen-2025/activities/1",
    "/api/plans/zeldzame-kankers-2025/subgoals/5/parties",
    "/api/parties",
    *(f"/api/parties/{key}" for key in ("iknl", "DRCP", "Zorginstituut Nederland", "nfk")),
    "/api/abbreviations",
    *(f"/api/abbreviations/{abbr}" for abbr in ("CieOOM", "IKNL", "ZIN", "EURACAN")),
    "/api/timeline?from=2025-01-01&to=2025-12-31",
    "/api/timeline?from=2025-10-01&to=2026-03-31&plan=zeldzame-kankers-2025",
    "/api/timeline?from=2024-01-01&to=2026-12-31&party=iknl",
    "/api/search?q=kanker",
    "/api/search?q=IKNL",
    "/api/cancer-types",
    "/api/euracan-domains",
    "/api/queries",
    "/api/questions",
    "/api/diff?from=zeldzame-kankers-2024&to=zeldzame-kankers-2025",
    "/api/releases",
]
DUMPS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}
ANNOTATE = "Het IKNL en de CieOOM werken met ZIN en de NFK aan zeldzame kankers (EURACAN)."
PAGE_KINDS_PER_PREFIX = 3  # entity pages of each kind (/plan/…, /party/…, …) that are compared
SPARQL = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "ASK { ?s a <https://w3id.org/nkc-kg/def#Step> }",
    "CONSTRUCT { ?p ?q ?o } WHERE { ?p a <https://w3id.org/nkc-kg/def#ActionPlan> ; ?q ?o }",
]


@pytest.fixture(scope="module")
def clients(request: pytest.FixtureRequest, built, app_with, tmp_path_factory) -> dict[str, TestClient]:  # type: ignore[no-untyped-def]
    """The service over each store. The embedded store serves the same dataset file the others were
    loaded with: served from data/ itself, it also knows each record's file and line (completeness)."""
    dataset = tmp_path_factory.mktemp("three-stores") / "nkc-kg.nq"
    dataset.write_bytes(built.dataset.serialize(format="nquads", encoding="utf-8"))
    return {
        "embedded": TestClient(app_with(dataset=dataset, sparql_workers=0)),
        "oxigraph": request.getfixturevalue("remote_client"),
        "virtuoso": request.getfixturevalue("virtuoso_client"),
    }


def fetch(client: TestClient, path: str, **options: Any) -> Any:
    """A request as a new visitor makes it: the clients are shared, and a page's language choice is a cookie."""
    client.cookies.clear()
    return client.get(path, **options)


def requests(catalog: dict[str, NamedQuery]) -> list[str]:
    """Every REST route, named query and question (both languages), with its example parameters."""
    paths = list(REST)
    for name, query in sorted(catalog.items()):
        params = "&".join(f"{p.name}={p.example}" for p in query.parameters)
        paths.append(f"/api/queries/{name}?{params}")
        paths += [f"/api/questions/{name}?{params}&lang={lang}" for lang in ("nl", "en")]
        paths.append(f"/api/questions/{name}/options")
    return paths


def pages(client: TestClient) -> list[str]:
    """The pages for people: every page the home page, the question pages and the plan pages link
    to, at most a few of each kind of entity page."""
    seen: set[str] = set()
    start = ["/", "/vragen", *(f"/plan/{plan}" for plan in PLANS), "/query", "/matrix", "/timeline"]
    frontier = list(start)
    for _ in range(2):
        found: list[str] = []
        for path in frontier:
            if path in seen:
                continue
            seen.add(path)
            response = fetch(client, path, headers={"accept": "text/html"})
            if response.status_code == 200 and response.headers["content-type"].startswith("text/html"):
                found += links(response.text)
        frontier = found
    chosen: dict[str, list[str]] = {}
    # a page in the other language asks the store the same; the home page shows it is translated
    for path in sorted(p for p in seen | set(frontier) if "lang=" not in p or p.startswith("/?")):
        prefix = path.split("?")[0].split("/")[1]
        if prefix in ("static", "docs", "dumps", "sparql", "releases", "api", "openapi.json"):
            continue
        chosen.setdefault(prefix if _is_entity(prefix) else path, []).append(path)
    return sorted(p for paths in chosen.values() for p in paths[:PAGE_KINDS_PER_PREFIX])


ENTITY_PREFIXES = {"plan", "party", "doc", "abbreviations", "initiative", "cancer-type", "euracan-domain",
                   "framework", "expert-panel", "campaign", "figure", "mission", "concept", "date"}  # fmt: skip


def _is_entity(prefix: str) -> bool:
    return prefix in ENTITY_PREFIXES


def links(html: str) -> Iterator[str]:
    for href in re.findall(r'href="([^"#]+)"', html):
        parts = urlsplit(href.replace("&amp;", "&"))
        if not parts.scheme and parts.path.startswith("/"):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def page_text(html: str) -> str:
    """What a person reads: the text without tags, whitespace collapsed."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def comparable(response: Any) -> Any:
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        return json.loads(response.content)
    if content_type.startswith("text/html"):
        return page_text(response.text)
    return response.content


def first_difference(a: Any, b: Any, where: str = "") -> str:
    if type(a) is not type(b):
        return f"{where or '/'}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{where}/{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{where}[{i}]")
    if isinstance(a, str) and a != b:
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"{where}: …{a[max(0, at - 60) : at + 60]!r} vs …{b[max(0, at - 60) : at + 60]!r}"
    return f"{where}: {str(a)[:200]} vs {str(b)[:200]}"


def difference(path: str, here: Any, there: Any) -> str | None:
    """None if the two answers are the same, else where they first differ."""
    if there.status_code != here.status_code:
        return f"{path}: HTTP {here.status_code} vs {there.status_code}: {there.text[:300]}"
    a, b = comparable(here), comparable(there)
    return None if a == b else f"{path}: {first_difference(a, b)}"


@pytest.fixture(scope="module")
def reference(clients: dict[str, TestClient], catalog: dict[str, NamedQuery]) -> dict[str, list[str]]:
    return {"requests": requests(catalog), "pages": pages(clients["embedded"])}


@pytest.mark.parametrize("kind", STORES)
def test_every_route_query_question_page_and_dump_answers_alike(  # type: ignore[no-untyped-def]
    kind: str, clients: dict[str, TestClient], reference: dict[str, list[str]]
) -> None:
    """The store's answers equal the embedded store's; the embedded store's answers are all 200."""
    here, there = clients["embedded"], clients[kind]
    problems = []
    for path in reference["requests"]:
        expected = fetch(here, path)
        if expected.status_code != 200:
            problems.append(f"{path}: the embedded store answers {expected.status_code}: {expected.text[:300]}")
        problems.append(difference(path, expected, fetch(there, path)))
    html = {"accept": "text/html"}
    for path in reference["pages"]:
        problems.append(difference(path, fetch(here, path, headers=html), fetch(there, path, headers=html)))
    annotated = (c.post("/api/annotate", json={"text": ANNOTATE}) for c in (here, there))
    problems.append(difference("POST /api/annotate", *annotated))
    problems += different_rdf(here, there)
    found = [p for p in problems if p]
    assert not found, f"{len(found)} answers differ on {kind}:\n" + "\n".join(found)


def different_rdf(here: TestClient, there: TestClient) -> list[str]:
    """Dumps as sets of quads; linked data and SPARQL answers as graphs or results."""
    problems = []
    for kind, fmt in DUMPS.items():
        a, b = (c.get(f"/dumps/nkc-kg.{kind}") for c in (here, there))
        if a.status_code != 200 or b.status_code != 200:
            problems.append(f"/dumps/nkc-kg.{kind}: {a.status_code} vs {b.status_code}: {b.text[:300]}")
        elif set(ox.parse(a.content, format=fmt)) != set(ox.parse(b.content, format=fmt)):
            problems.append(f"/dumps/nkc-kg.{kind}: the quads differ")
    for path in ("/plan/zeldzame-kankers-2025", "/party/iknl", "/def"):
        for fmt, rdflib_format in (("ttl", "turtle"), ("jsonld", "json-ld")):
            a, b = (c.get(path, params={"format": fmt}) for c in (here, there))
            if a.status_code != b.status_code:
                problems.append(f"{path}?format={fmt}: {a.status_code} vs {b.status_code}")
            elif a.status_code == 200 and not isomorphic(
                Graph().parse(data=a.content, format=rdflib_format), Graph().parse(data=b.content, format=rdflib_format)
            ):
                problems.append(f"{path}?format={fmt}: the graphs differ")
    for query in SPARQL:
        a, b = (c.get("/sparql", params={"query": query}) for c in (here, there))
        if a.status_code != 200 or b.status_code != 200:
            problems.append(f"/sparql {query}: {a.status_code} vs {b.status_code}: {b.text[:300]}")
        elif a.headers["content-type"].startswith("text/turtle"):
            if not isomorphic(
                Graph().parse(data=a.content, format="turtle"), Graph().parse(data=b.content, format="turtle")
            ):
                problems.append(f"/sparql {query}: the graphs differ")
        elif json.loads(a.content) != json.loads(b.content):
            problems.append(f"/sparql {query}: {a.text[:300]} vs {b.text[:300]}")
    return problems


def test_the_virtuoso_store_found_its_row_cap(virtuoso_store: RemoteStore) -> None:
    """Debian's ResultSetMaxRows, measured at start-up, so no answer is cut short unnoticed."""
    assert virtuoso_store.row_cap == 10_000


def test_nkc_kg_serve_over_virtuoso_as_the_docs_say(virtuoso, start_server, store) -> None:  # type: ignore[no-untyped-def]
    """docs/remote-store.md: the fixture loaded Virtuoso with `nkc-kg load` as written there; now serve."""
    env = {"NKC_KG_STORE": "remote", "NKC_KG_ENDPOINT": virtuoso.query, "NKC_KG_QUERY_TIMEOUT": "60"}
    with start_server(**env) as (url, _):
        health = httpx.get(f"{url}/health", timeout=60).json()
        assert health["status"] == "ok" and health["quads"] == len(store)
        dump = httpx.get(f"{url}/dumps/nkc-kg.nq", timeout=120)
        assert dump.status_code == 200 and dump.text.count("\n") == len(store)  # past Virtuoso's 10,000 rows
        everything = httpx.post(f"{url}/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=60)
        assert everything.status_code == 413 and "cap of 10000" in everything.json()["detail"]


def test_nkc_kg_load_through_sparql_update_on_virtuoso(virtuoso, cli, store) -> None:  # type: ignore[no-untyped-def]
    """The other way of loading (DROP, then INSERT DATA in batches under Virtuoso's limit on the SQL one
    update becomes); the same dataset again, so the session's store is as it was."""
    credentials = {"NKC_KG_STORE_USER": USER, "NKC_KG_STORE_PASSWORD": PASSWORD}
    loaded = cli("load", "--endpoint", virtuoso.query, "--update", virtuoso.update, env=credentials)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert re.search(rf"total\s+{len(store)}\s+{len(store)}\s*$", loaded.stdout.strip()), loaded.stdout
