"""Two `nkc-kg serve` processes over one triple store, behind nothing but their own ports, while
`nkc-kg load --release` switches the store: both serve the new release within the bound the docs
state, every answer either wholly the old release's or wholly the new one's, and a document that a
release removes (or adds back) is gone (or there) without a restart.

The releases are bundles in the format `nkc-kg publish` writes (N-Quads, manifest, checksums), made
from the built dataset: 1.0.0 is the curated data, 2.0.0 lacks the press release's graph, 3.0.0 has
it again.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from nkc_kg.service.releases.bundles import MANIFEST, SUMS, sha256_file, switch_current

REMOVED = "https://w3id.org/nkc-kg/graph/persbericht-week-zeldzame-kankers-2024"
DOCUMENT = "/doc/persbericht-week-zeldzame-kankers-2024"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
POLL = 0.5
BOUND = 30.0  # seconds: the poll interval plus loading the new release's service, with room for a busy machine
ASKED = [
    ("/sparql", {"query": GRAPHS}),
    (DOCUMENT, {}),
    ("/api/parties", {}),
    ("/api/queries/steps-in-quarter", {"quarter": "Q4 2025"}),
    ("/api/search", {"q": "zeldzame kankers"}),
]


def write_release(folder: Path, version: str, quads: list[ox.Quad]) -> None:
    """A release bundle as `nkc-kg publish` lays it out, with only the files loading it needs."""
    path = folder / version
    path.mkdir(parents=True)
    (path / "nkc-kg.nq").write_bytes(ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS) or b"")
    graphs: dict[str, int] = {}
    for quad in quads:
        graphs[quad.graph_name.value] = graphs.get(quad.graph_name.value, 0) + 1  # type: ignore[union-attr]
    manifest = {"version": version, "issued": "2026-01-01T00:00:00Z", "graphs": graphs, "quads": len(quads)}
    (path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    sums = "".join(f"{sha256_file(path / name)}  {name}\n" for name in ("nkc-kg.nq", MANIFEST))
    (path / SUMS).write_text(sums, encoding="utf-8")


@pytest.fixture(scope="module")
def releases(built, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("replicas") / "releases"
    data = built.dataset.serialize(format="nquads", encoding="utf-8")
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    write_release(folder, "1.0.0", quads)
    write_release(folder, "2.0.0", [q for q in quads if q.graph_name.value != REMOVED])  # type: ignore[union-attr]
    write_release(folder, "3.0.0", quads)
    switch_current(folder, "3.0.0")
    return folder


@dataclass
class Reader:
    """A client asking one process the same questions over and over; every answer is recorded."""

    url: str
    answers: list[tuple[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            while not self.stop.is_set():
                for path, params in ASKED:
                    try:
                        self.answers.append((path, answer(client.get(path, params=params))))
                    except (httpx.HTTPError, ValueError) as exc:
                        self.errors.append(f"{path}: {exc!r}")


def answer(response: httpx.Response) -> Any:
    if response.status_code not in (200, 404):
        raise ValueError(f"HTTP {response.status_code}: {response.text[:300]}")
    if response.headers["content-type"].startswith("application/"):
        return response.status_code, json.dumps(response.json(), sort_keys=True)
    return response.status_code, response.text


def release_of(url: str) -> str | None:
    return httpx.get(f"{url}/health", timeout=30).json()["release"]["version"]  # type: ignore[no-any-return]


def answers_now(url: str) -> dict[str, Any]:
    with httpx.Client(base_url=url, timeout=60) as client:
        return {path: answer(client.get(path, params=params)) for path, params in ASKED}


def wait_until(condition: Callable[[], bool], seconds: float) -> float:
    began = time.monotonic()
    while not condition():
        assert time.monotonic() - began < seconds, f"not within {seconds:g} s"
        time.sleep(0.1)
    return time.monotonic() - began


def switch(cli, endpoint: str, releases: Path, version: str, urls: list[str]) -> tuple[float, list[Reader]]:  # type: ignore[no-untyped-def]
    """Load ``version`` while a reader asks each process; seconds until every process serves it."""
    readers = [Reader(url) for url in urls]
    threads = [threading.Thread(target=r.run, daemon=True) for r in readers]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.0)
        loaded = cli("load", "--endpoint", endpoint, "--release", version, "--releases", str(releases))
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        took = wait_until(lambda: all(release_of(url) == version for url in urls), BOUND)
        time.sleep(1.0)  # a few more answers of the new release
    finally:
        for reader in readers:
            reader.stop.set()
        for thread in threads:
            thread.join(60)
    return took, readers


def wholly_old_or_new(reader: Reader, old: dict[str, Any], new: dict[str, Any]) -> None:
    assert reader.errors == []
    switched = False
    for path, got in reader.answers:
        assert got in (old[path], new[path]), f"{reader.url}{path}: an answer of neither release"
        if old[path] != new[path]:
            if got == new[path]:
                switched = True
            assert not (switched and got == old[path]), f"{reader.url}{path}: the old release again after the new one"
    assert switched, "no answer of the new release was seen"


def test_two_processes_follow_the_store_from_release_to_release(  # type: ignore[no-untyped-def]
    releases: Path, empty_oxigraph: str, start_server, cli
) -> None:
    endpoint = f"{empty_oxigraph}/query"
    first = cli("load", "--endpoint", endpoint, "--release", "1.0.0", "--releases", str(releases))
    assert first.returncode == 0, first.stdout + first.stderr
    env = {"NKC_KG_STORE": "remote", "NKC_KG_ENDPOINT": endpoint, "NKC_KG_RELEASE_POLL": str(POLL)}
    with start_server(**env) as (one, _), start_server(**env) as (two, _):
        urls = [one, two]
        assert [release_of(url) for url in urls] == ["1.0.0", "1.0.0"]
        v1 = answers_now(one)
        assert v1 == answers_now(two) and v1[DOCUMENT][0] == 200

        took, readers = switch(cli, endpoint, releases, "2.0.0", urls)
        v2 = answers_now(one)
        assert v2 == answers_now(two)
        assert v2[DOCUMENT][0] == 404, "the document 2.0.0 removes is gone"
        assert REMOVED in v1["/sparql"][1] and REMOVED not in v2["/sparql"][1]
        for reader in readers:
            wholly_old_or_new(reader, v1, v2)
        print(f"2.0.0 served by both processes {took:.1f} s after the load")

        took, readers = switch(cli, endpoint, releases, "3.0.0", urls)
        v3 = answers_now(two)
        assert v3 == answers_now(one) == v1, "3.0.0 adds the document back: the answers of 1.0.0 again"
        for reader in readers:
            wholly_old_or_new(reader, v2, v3)
        health = httpx.get(f"{one}/health", timeout=30).json()
        assert health["status"] == "ok" and health["release"]["version"] == "3.0.0"
