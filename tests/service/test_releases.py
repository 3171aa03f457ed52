"""Releases on the real data: the publish gate, the checksummed bundle, the atomic switch of a live
`nkc-kg serve --releases` (while a client keeps asking) and of a real Oxigraph server, the feeds and
the per-query differences.

Publishing runs SHACL on the whole graph (seconds), so the module publishes two releases once: 1.0.0
from data/ and 1.1.0 from a copy of data/ in which two steps of two plans (two named graphs) end
later. The second is published while a live server serves the first.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import httpx
import pytest
from fastapi.testclient import TestClient
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.releases.bundles import current_version, read_release, switch_current
from nkc_kg.service.store.embedded import EmbeddedStore, QueryTimeout, StoreUnavailable
from nkc_kg.service.store.remote import RemoteStore
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

FIRST, SECOND = "1.0.0", "1.1.0"
ZK_ACTIVITIES = "zeldzame-kankers-2025-activiteiten.yaml"
LATE_EFFECTS = "late-gevolgen-2025.yaml"
# Two steps of two plans (so two named graphs) whose timeframe now reaches into Q4 2025. No expected
# answer mentions them, so the gate passes, and steps-in-quarter (example: Q4 2025) gains two rows. The
# rare-cancer step (activity 1, step 4) keeps its end in 2026: moving a step that ends by Q3 2025 would
# change the overdue steps of 31 December 2025, which the progress questions' expected answers name.
ZK_STEP_TEXT = "in kaart te brengen welke zeldzame vormen van kanker nog onvoldoende belegd zijn"
LATER_STEPS = {
    ZK_ACTIVITIES: [
        (
            f'{ZK_STEP_TEXT}"\n        timeframe: "2026"',
            f'{ZK_STEP_TEXT}"\n        timeframe: "Q4 2025 t/m 2026"',
        )
    ],
    LATE_EFFECTS: [
        (
            'eerstelijnszorg aanbod te ontwikkelen met bijbehorende tijdlijn"\n        timeframe: "Q1 2025"',
            'eerstelijnszorg aanbod te ontwikkelen met bijbehorende tijdlijn"\n        timeframe: "Q4 2025"',
        )
    ],
}
NKC = "https://w3id.org/nkc-kg/def#"
TEXT_OF_STEP = f"SELECT ?step ?text WHERE {{ ?step a <{NKC}Step> ; <{NKC}text> ?t FILTER(STR(?t) = ?text) }}"
QUARTER = {"quarter": "Q4 2025"}
SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # DCAT 3 terms (dcat:version); rdflib's DCAT is DCAT 2


def edited_data(folder: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of data/ with each ``old`` text (which must occur exactly once) replaced by ``new``."""
    shutil.copytree(DATA_DIR, folder)
    for name, changes in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert text.count(old) == 1, f"{name}: the edit must match once: {old!r}"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, float]]:
    """Every path in the releases folder with its size and time: to see that nothing changed."""
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime) for p in folder.rglob("*")}


def csv_table(text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The header and the rows (sorted) of a query's CSV in a bundle."""
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), sorted(tuple(row.values()) for row in reader)


def as_table(rows: list[dict[str, str]], header: list[str]) -> list[tuple[str, ...]]:
    """JSON rows (unbound columns left out) as CSV rows."""
    return sorted(tuple(row.get(c, "") for c in header) for row in rows)


@dataclass
class Hammer:
    """A client asking the same two questions over and over; every answer is recorded."""

    url: str
    steps: list[str]
    answers: list[tuple[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        values = " ".join(f"<{s}>" for s in self.steps)
        labels = (
            f"SELECT ?step ?label WHERE {{ VALUES ?step {{ {values} }} "
            f"?step <{NKC}timeframe> ?tf . ?tf <http://www.w3.org/2000/01/rdf-schema#label> ?label }} ORDER BY ?step"
        )
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self.stop.is_set():
                try:
                    named = client.get("/api/queries/steps-in-quarter", params=QUARTER)
                    sparql = client.post(
                        "/sparql", data={"query": labels}, headers={"accept": "application/sparql-results+json"}
                    )
                except httpx.HTTPError as exc:
                    self.errors.append(repr(exc))
                    continue
                if named.status_code != 200 or sparql.status_code != 200:
                    self.errors.append(f"{named.status_code} {sparql.status_code}: {named.text[:200]}")
                    continue
                rows = named.json()["rows"]
                bindings = sparql.json()["results"]["bindings"]
                self.answers.append(("named", rows))
                self.answers.append(("sparql", tuple(b["label"]["value"] for b in bindings)))
                time.sleep(0.02)


@dataclass
class Published:
    folder: Path
    url: str
    server: Any
    hammer: Hammer
    steps: list[str]


def health(url: str) -> dict[str, Any]:
    return httpx.get(f"{url}/health", timeout=30).json()  # type: ignore[no-any-return]


def wait_for(condition: Callable[[], bool], seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, cli, start_server, store: EmbeddedStore) -> Iterator[Published]:  # type: ignore[no-untyped-def]
    """1.0.0 published and served; 1.1.0 published while a client keeps asking the live server."""
    base = tmp_path_factory.mktemp("releases")
    folder = base / "releases"
    later = edited_data(base / "data-later", LATER_STEPS)
    first = cli("publish", "--releases", str(folder), "--version", FIRST)
    assert first.returncode == 0, first.stdout + first.stderr
    steps = [
        str(row["step"])
        for text in (
            "Mogelijk organiseren van een of enkele bijeenkomsten met multidisciplinaire werkgroepen en netwerken om de "
            f"belegging van zeldzame vormen van kanker te bespreken en {ZK_STEP_TEXT}",
            "In afwachting van VWS, ZIN en ZE&GG over wie de opdracht krijgt om dit multidisciplinaire eerstelijnszorg "
            "aanbod te ontwikkelen met bijbehorende tijdlijn",
        )
        for row in store.select(TEXT_OF_STEP, {"text": Literal(text)}).rows
    ]
    assert len(steps) == 2
    with start_server(NKC_KG_RELEASES=str(folder), NKC_KG_RELEASE_POLL="0.5") as (url, server):
        assert health(url)["release"]["version"] == FIRST
        hammer = Hammer(url, sorted(steps))
        thread = threading.Thread(target=hammer.run, daemon=True)
        thread.start()
        try:
            second = cli("publish", "--releases", str(folder), "--data", str(later), "--version", SECOND)
            assert second.returncode == 0, second.stdout + second.stderr
            wait_for(lambda: health(url)["release"]["version"] == SECOND)
            time.sleep(1.0)  # a few more answers from the new release
        finally:
            hammer.stop.set()
            thread.join(60)
        yield Published(folder, url, server, hammer, sorted(steps))


# ---------------------------------------------------------------------------------------- the bundle


def test_the_bundle_has_every_part_and_its_checksums_verify(published: Published, catalog) -> None:  # type: ignore[no-untyped-def]
    release = published.folder / FIRST
    sums = dict(
        reversed(line.split("  ", 1))
        for line in (release / "SHA256SUMS").read_text().splitlines()  # type: ignore[misc]
    )
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(sums) == files
    for name, digest in sums.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name
    expected = {
        "nkc-kg.trig",
        "nkc-kg.nq",
        "nkc-kg.ttl",
        "nkc-kg.jsonld",
        "ontology/nkc-kg.html",
        "ontology/nkc-kg.en.html",
        "ontology/nkc-kg.ttl",
        "validation/report.txt",
        "validation/report.json",
        "validation/report.ttl",
        "validation/competency.json",
        "release.json",
        "release.ttl",
        *(f"queries/{name}.csv" for name in catalog),
    }
    assert files == expected
    assert read_release(published.folder, FIRST).verify() == []


def test_the_bundle_holds_the_real_dataset(published: Published, store: EmbeddedStore, catalog) -> None:  # type: ignore[no-untyped-def]
    release = published.folder / FIRST
    dataset = Dataset()
    dataset.parse(release / "nkc-kg.trig", format="trig")
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(store)
    assert len((release / "nkc-kg.nq").read_text(encoding="utf-8").splitlines()) == len(store)
    union = Graph().parse(release / "nkc-kg.ttl", format="turtle")
    assert len(union) == len({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))})
    manifest = json.loads((release / "release.json").read_text())
    report = json.loads((release / "validation/report.json").read_text())
    assert report["conforms"] is True and report["counts"]["violation"] == 0
    assert "CONFORM" in (release / "validation/report.txt").read_text()
    competency = json.loads((release / "validation/competency.json").read_text())
    assert competency and all(case["passed"] for case in competency)
    assert {"CQ-01", "CQ-05"} <= {case["id"] for case in competency}
    assert (
        "nkc:Step" in (release / "ontology/nkc-kg.html").read_text()
        and 'lang="en"' in (release / "ontology/nkc-kg.en.html").read_text()
    )
    rows = list(csv.DictReader(io.StringIO((release / "queries/abbreviation.csv").read_text())))
    assert manifest["queries"]["abbreviation"]["parameters"] == {"abbr": "CieOOM"}
    assert rows[0]["expansion"] == "Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen"
    assert set(manifest["queries"]) == set(catalog)


def test_release_ttl_describes_the_release_with_dcat_and_void(published: Published) -> None:
    release = published.folder / SECOND
    graph = Graph().parse(release / "release.ttl", format="turtle")
    subject = Iris().release(SECOND)
    assert (subject, RDF.type, DCAT.Dataset) in graph and (subject, RDF.type, VOID.Dataset) in graph
    assert graph.value(subject, DCAT.version) == Literal(SECOND)
    assert graph.value(subject, DCAT.previousVersion) == Iris().release(FIRST)
    assert graph.value(subject, DCTERMS.license) == URIRef("http://spdx.org/licenses/EUPL-1.2")
    assert graph.value(subject, DCTERMS.issued) is not None
    quads = len((release / "nkc-kg.nq").read_text(encoding="utf-8").splitlines())
    assert int(graph.value(subject, VOID.triples)) == quads  # type: ignore[arg-type]
    distributions = list(graph.objects(subject, DCAT.distribution))
    assert len(distributions) == len(json.loads((release / "release.json").read_text())["files"])
    for dist in distributions:
        name = str(dist).rpartition(f"/releases/{SECOND}/")[2]
        checksum = graph.value(dist, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert (
            str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256((release / name).read_bytes()).hexdigest()
        )
        assert int(graph.value(dist, DCAT.byteSize)) == (release / name).stat().st_size  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------- the gate


# step 1 of rare-cancer activity 2 ("Q2 2025", led by DRCP, IKNL, KWF and NFK; line 89 of the file)
FIRST_STEP = '        timeframe: "Q2 2025"\n        lead: [drcp, iknl, kwf, nfk]\n'


@pytest.fixture(scope="module")
def refusals(published: Published, tmp_path_factory: pytest.TempPathFactory, cli):  # type: ignore[no-untyped-def]
    """Two drafts published at once (each runs SHACL): one without the step's lead party (a SHACL
    violation), one with the step moved from Q2 to Q4 2025 (CQ-03 says it is not planned for Q4)."""
    base = tmp_path_factory.mktemp("drafts")
    drafts = {
        "no lead": edited_data(base / "no-lead", {ZK_ACTIVITIES: [(FIRST_STEP, '        timeframe: "Q2 2025"\n')]}),
        "moved": edited_data(base / "moved", {ZK_ACTIVITIES: [(FIRST_STEP, FIRST_STEP.replace("Q2", "Q4"))]}),
    }
    before = snapshot(published.folder)
    with ThreadPoolExecutor(len(drafts)) as pool:
        runs = {
            name: pool.submit(cli, "publish", "--releases", str(published.folder), "--data", str(data))
            for name, data in drafts.items()
        }
        results = {name: run.result() for name, run in runs.items()}
    return drafts, results, before == snapshot(published.folder)


def test_publish_refuses_data_that_fails_shacl(refusals) -> None:  # type: ignore[no-untyped-def]
    drafts, results, untouched = refusals
    result = results["no lead"]
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{drafts['no lead']}/{ZK_ACTIVITIES}:89: VIOLATION: The step has no lead party" in result.stderr
    assert "plan/zeldzame-kankers-2025/activity/2/step/1" in result.stderr
    assert "publish refused: nothing was written" in result.stderr
    assert untouched


def test_publish_refuses_data_that_changes_an_expected_answer(refusals) -> None:  # type: ignore[no-untyped-def]
    _, results, untouched = refusals
    result = results["moved"]
    assert result.returncode == 1, result.stdout + result.stderr
    assert "competency question failed" in result.stderr
    assert "queries/expected/steps-in-quarter.yaml:" in result.stderr
    assert (
        "CQ-03 steps-in-quarter(quarter=Q4 2025): excludes: present but must not be: "
        "[('zeldzame-kankers-2025', '2', '1')]" in result.stderr
    )
    assert "SHACL: 0 violation(s)" in result.stdout
    assert "publish refused: nothing was written" in result.stderr
    assert untouched


def test_publish_refuses_to_overwrite_a_version(published: Published, cli) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(published.folder)
    result = cli("publish", "--releases", str(published.folder), "--version", FIRST)
    assert result.returncode == 1 and f"release {FIRST} already exists" in result.stderr
    bad = cli("publish", "--releases", str(published.folder), "--version", "../x")
    assert bad.returncode == 1 and "version '../x'" in bad.stderr
    assert snapshot(published.folder) == before


# ---------------------------------------------------------------------------------------- the live switch


def test_a_live_server_switches_atomically_while_a_client_keeps_asking(published: Published) -> None:
    folder, hammer = published.folder, published.hammer
    assert hammer.errors == []
    named = {
        v: csv_table(read_release(folder, v).file("queries/steps-in-quarter.csv").read_text()) for v in (FIRST, SECOND)
    }
    assert len(named[SECOND][1]) == len(named[FIRST][1]) + 2
    labels = {FIRST: ("2026", "Q1 2025"), SECOND: ("Q4 2025 t/m 2026", "Q4 2025")}
    seen = []
    for kind, answer in hammer.answers:
        if kind == "named":
            # the service's answer is, row for row, the CSV of one release
            versions = [v for v in (FIRST, SECOND) if as_table(answer, named[v][0]) == named[v][1]]
        else:
            versions = [v for v in (FIRST, SECOND) if sorted(answer) == sorted(labels[v])]
        assert len(versions) == 1, f"an answer of neither release (a mix?): {answer}"
        seen.append(versions[0])
    assert seen.count(FIRST) >= 2 and seen.count(SECOND) >= 2, seen
    # once the new release answered, the old one never did again
    assert FIRST not in seen[seen.index(SECOND) :]


def test_health_names_the_release_served(published: Published) -> None:
    status = health(published.url)
    release = read_release(published.folder, SECOND)
    assert status["release"]["version"] == SECOND
    assert status["release"]["checksum"] == release.checksum
    assert status["quads"] == release.quads
    assert "releaseFailure" not in status


def test_a_corrupt_release_leaves_the_running_one_serving(published: Published) -> None:
    folder, url = published.folder, published.url
    corrupt = folder / "1.2.0"
    shutil.copytree(folder / SECOND, corrupt)
    manifest = json.loads((corrupt / "release.json").read_text())
    (corrupt / "release.json").write_text(json.dumps({**manifest, "version": "1.2.0"}))
    with (corrupt / "nkc-kg.nq").open("r+b") as handle:  # a flipped byte, as a bad disk would do
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 0x20]))
    try:
        switch_current(folder, "1.2.0")
        wait_for(lambda: "releaseFailure" in health(url), 60)
        status = health(url)
        assert status["release"]["version"] == SECOND
        assert status["releaseFailure"]["version"] == "1.2.0"
        assert "nkc-kg.nq: SHA-256 differs from SHA256SUMS" in status["releaseFailure"]["error"]
        answer = httpx.get(f"{url}/api/queries/steps-in-quarter", params=QUARTER, timeout=30).json()["rows"]
        header, expected = csv_table(read_release(folder, SECOND).file("queries/steps-in-quarter.csv").read_text())
        assert as_table(answer, header) == expected
    finally:
        switch_current(folder, SECOND)
        shutil.rmtree(corrupt)
    wait_for(lambda: "releaseFailure" not in health(url), 30)


def test_sighup_makes_the_server_look_at_current_at_once(published: Published, tmp_path: Path, start_server) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "releases"
    folder.mkdir()
    for version in (FIRST, SECOND):
        os.symlink(published.folder / version, folder / version)
    switch_current(folder, FIRST)
    with start_server(NKC_KG_RELEASES=str(folder), NKC_KG_RELEASE_POLL="3600") as (url, server):
        assert health(url)["release"]["version"] == FIRST
        switch_current(folder, SECOND)
        time.sleep(1.0)
        assert health(url)["release"]["version"] == FIRST  # not polled within the hour
        server.send_signal(signal.SIGHUP)
        wait_for(lambda: health(url)["release"]["version"] == SECOND, 60)


def test_serving_releases_with_workers_serves_the_current_release(published: Published, start_server) -> None:  # type: ignore[no-untyped-def]
    """Each worker process is given the releases folder (as an argument: nothing is put in the environment)."""
    current = current_version(published.folder)
    # no /sparql processes: a lighter start (each worker would wait for its own before serving)
    with start_server(
        "--releases", str(published.folder), "--workers", "2", start_within=180, NKC_KG_SPARQL_WORKERS="0"
    ) as (url, _):
        for _ in range(4):  # whichever worker answers
            assert health(url)["release"]["version"] == current


def test_serving_releases_without_one_fails_at_start_up(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("serve", "--releases", str(tmp_path), "--port", "1")
    assert result.returncode == 1
    assert f"no current release in {tmp_path}: run `nkc-kg publish` first" in result.stderr


# ---------------------------------------------------------------------------------------- feeds and differences


@pytest.fixture(scope="module")
def site(published: Published, app_with) -> TestClient:  # type: ignore[no-untyped-def]
    """The service over the curated data (not a release), with the releases folder of the module."""
    return TestClient(app_with(releases=published.folder))


def test_the_atom_feed_lists_the_releases_newest_first(site: TestClient, published: Published) -> None:
    r = site.get("/releases.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(r.content)
    assert feed.tag == f"{atom}feed"
    assert feed.findtext(f"{atom}id") == "https://w3id.org/nkc-kg/releases"
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == [f"nkc-kg {SECOND}", f"nkc-kg {FIRST}"]
    assert (
        feed.findtext(f"{atom}updated")
        == entries[0].findtext(f"{atom}updated")
        == read_release(published.folder, SECOND).issued
    )
    newest = entries[0]
    assert newest.findtext(f"{atom}id") == str(Iris().release(SECOND))
    links = {link.get("rel"): link.get("href") for link in newest.findall(f"{atom}link")}
    assert links["enclosure"].endswith(f"/releases/{SECOND}/bundle.zip")
    assert links["describedby"].endswith(f"/releases/{SECOND}/release.ttl")
    assert links["related"].endswith(f"/api/releases/{FIRST}/diff/{SECOND}")
    assert read_release(published.folder, SECOND).checksum in newest.findtext(f"{atom}summary")  # type: ignore[operator]
    assert "steps-in-quarter (+2 / -0 rows)" in newest.findtext(f"{atom}summary")  # type: ignore[operator]
    for rel in ("enclosure", "describedby", "alternate"):
        assert site.get(links[rel]).status_code == 200, rel


def test_the_json_feed_lists_the_releases(site: TestClient, published: Published) -> None:
    r = site.get("/releases.json")
    assert r.headers["content-type"].startswith("application/feed+json")
    feed = r.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"].endswith("/releases.json")
    items = feed["items"]
    assert [i["_nkc_kg"]["version"] for i in items] == [SECOND, FIRST]
    for item in items:
        assert item["id"] and item["url"] and item["content_text"] and item["date_published"]
        release = read_release(published.folder, item["_nkc_kg"]["version"])
        assert item["_nkc_kg"]["checksum"]["value"] == release.checksum
        assert item["_nkc_kg"]["quads"] == release.quads
    assert items[0]["_nkc_kg"]["current"] is True
    assert items[0]["_nkc_kg"]["changes"]["queries"]["steps-in-quarter"] == {"added": 2, "removed": 0}


def test_the_bundle_zip_holds_the_files_with_their_checksums(site: TestClient, published: Published) -> None:
    r = site.get(f"/releases/{FIRST}/bundle.zip")
    assert r.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    sums = archive.read(f"nkc-kg-{FIRST}/SHA256SUMS").decode().splitlines()
    assert len(sums) == len(archive.namelist()) - 1
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(f"nkc-kg-{FIRST}/{name}")).hexdigest() == digest


def test_release_files_are_served_and_nothing_else(site: TestClient) -> None:
    r = site.get(f"/releases/{FIRST}/queries/steps-in-quarter.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert site.get(f"/releases/{FIRST}/release.ttl").headers["content-type"].startswith("text/turtle")
    for path in (
        f"/releases/{FIRST}/%2E%2E/{SECOND}/release.json",
        f"/releases/{FIRST}/nope.txt",
        "/releases/9.9/release.json",
    ):
        r = site.get(path)
        assert r.status_code in (400, 404), path
        assert "error" in r.json()
    assert site.get("/releases/..%2F..%2Fetc/passwd").status_code in (400, 404)


def test_the_releases_page_lists_them_and_works_without_any(site: TestClient, app_with, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = site.get("/releases")
    assert page.status_code == 200
    assert f'id="release-{SECOND}"' in page.text and f'id="release-{FIRST}"' in page.text
    assert "actueel" in page.text and 'href="/releases.atom"' in page.text
    assert "(current)" in site.get("/releases?lang=en").text
    release = site.get(f"/releases/{SECOND}")
    assert release.status_code == 200 and "queries/steps-in-quarter.csv" in release.text
    empty = TestClient(app_with(releases=tmp_path))
    assert 'id="no-releases"' in empty.get("/releases").text
    assert empty.get("/api/releases").json() == {"current": None, "releases": []}
    feed = ET.fromstring(empty.get("/releases.atom").content)
    assert feed.findall("{http://www.w3.org/2005/Atom}entry") == []


def test_the_diff_of_a_named_query_between_two_releases(site: TestClient, published: Published) -> None:
    r = site.get(f"/api/releases/{FIRST}/diff/{SECOND}", params={"query": "steps-in-quarter"})
    assert r.status_code == 200
    body = r.json()
    assert body["from"] == FIRST and body["to"] == SECOND and body["changed"] == ["steps-in-quarter"]
    (diff,) = body["queries"]
    assert diff["parameters"] == {FIRST: QUARTER, SECOND: QUARTER}
    assert diff["removed"] == []
    added = {(row["plan"], row["activity"], row["step"], row["timeframe"]) for row in diff["added"]}
    late_effects_step = next(s for s in published.steps if "late-gevolgen" in s).split("/")
    assert added == {
        ("zeldzame-kankers-2025", "1", "4", "Q4 2025 t/m 2026"),
        ("late-gevolgen-2025", late_effects_step[-3], late_effects_step[-1], "Q4 2025"),
    }
    everything = site.get(f"/api/releases/{FIRST}/diff/{SECOND}").json()
    # progress-party (example: IKNL) lists IKNL's open steps with their timeframes, the late-effects one among them
    assert set(everything["changed"]) == {"steps-in-quarter", "steps-in-window", "party-leads", "progress-party"}
    leads = next(q for q in everything["queries"] if q["query"] == "party-leads")
    assert {(r["activity"], r["step"], r["timeframe"]) for r in leads["removed"]} == {
        (late_effects_step[-3], late_effects_step[-1], "Q1 2025"),
    }
    back = site.get(f"/api/releases/{SECOND}/diff/{FIRST}", params={"query": "steps-in-quarter"}).json()
    assert back["queries"][0]["removed"] == diff["added"] and back["queries"][0]["added"] == []


def test_diff_errors_are_json(site: TestClient) -> None:
    r = site.get(f"/api/releases/{FIRST}/diff/0.0.1")
    assert r.status_code == 404 and r.json()["error"] == "unknown release"
    assert r.json()["detail"]["available"] == [SECOND, FIRST]
    r = site.get(f"/api/releases/{FIRST}/diff/{SECOND}", params={"query": "nope"})
    assert r.status_code == 404 and r.json()["error"] == "unknown query"
    assert site.get("/api/releases/a%20b/diff/c").status_code == 400


def test_release_diff_on_the_command_line(published: Published, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("release-diff", FIRST, "current", "--query", "steps-in-quarter", "--releases", str(published.folder))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"steps-in-quarter(quarter=Q4 2025): +2 / -0 rows, {FIRST} -> {SECOND}"
    assert sum(line.startswith("  +,") for line in lines) == 2
    as_json = cli("release-diff", FIRST, SECOND, "--format", "json", "--releases", str(published.folder))
    assert {q["query"] for q in json.loads(as_json.stdout)["queries"] if q["added"] or q["removed"]} == {
        "steps-in-quarter",
        "steps-in-window",
        "party-leads",
        "progress-party",
    }
    listing = cli("releases", "--releases", str(published.folder))
    assert listing.stdout.splitlines()[0].startswith(f"* {SECOND}")
    missing = cli("release-diff", FIRST, "7.7.7", "--releases", str(published.folder))
    assert missing.returncode == 1 and "no release '7.7.7'" in missing.stderr


# ---------------------------------------------------------------------------------------- a remote store


def select(endpoint: str, sparql: str) -> list[dict[str, str]]:
    answer = httpx.post(endpoint, data={"query": sparql}, headers={"accept": "application/sparql-results+json"})
    return [{k: v["value"] for k, v in row.items()} for row in answer.json()["results"]["bindings"]]


def store_holds(endpoint: str) -> list[str]:
    """The versions the store's release record names."""
    record = Iris().graph("release")
    return [row["v"] for row in select(endpoint, f"SELECT ?v WHERE {{ GRAPH <{record}> {{ ?r <{DCAT}version> ?v }} }}")]


def remote_reader(store: RemoteStore, steps: list[str], stop: threading.Event, seen: list[Any]) -> None:
    values = " ".join(f"<{s}>" for s in steps)
    sparql = (
        f"SELECT ?label WHERE {{ VALUES ?step {{ {values} }} ?step <{NKC}timeframe> ?tf . "
        "?tf <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    )
    while not stop.is_set():
        try:
            seen.append(tuple(sorted(str(r["label"]) for r in store.select(sparql).rows)))
        except (StoreUnavailable, QueryTimeout, ValueError) as exc:  # recorded: the test fails on it
            seen.append(exc)


@pytest.mark.parametrize(("store_kind", "mode"), [("plain", "staged"), ("union", "one request")])
def test_load_release_switches_a_remote_store_atomically(  # type: ignore[no-untyped-def]
    published: Published, store_kind: str, mode: str, request: pytest.FixtureRequest, cli
) -> None:
    base = request.getfixturevalue("empty_oxigraph" if store_kind == "plain" else "union_oxigraph")
    endpoint = f"{base}/query"
    releases = ["--releases", str(published.folder)]
    first = cli("load", "--endpoint", endpoint, "--release", FIRST, *releases)
    assert first.returncode == 0, first.stdout + first.stderr
    reader = RemoteStore.connect(endpoint, union_default_graph=store_kind == "union")
    stop, seen = threading.Event(), []  # type: ignore[var-annotated]
    thread = threading.Thread(target=remote_reader, args=(reader, published.steps, stop, seen), daemon=True)
    thread.start()
    try:
        time.sleep(0.3)
        second = cli("load", "--endpoint", endpoint, "--release", SECOND, *releases)
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join(30)
        reader.close()
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"release {SECOND} switched in at {endpoint} (was {FIRST}), {mode}" in second.stdout
    old, new = tuple(sorted(("2026", "Q1 2025"))), tuple(sorted(("Q4 2025 t/m 2026", "Q4 2025")))
    assert [a for a in seen if a not in (old, new)] == []  # no error, no mix of the two
    assert seen[0] == old and seen[-1] == new and old not in seen[seen.index(new) :]
    # the store holds the new release's graphs, its record, and no staging graph
    counts = select(endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    graphs = {row["g"]: int(row["n"]) for row in counts}
    record = str(Iris().graph("release"))
    assert {g: n for g, n in graphs.items() if g != record} == read_release(published.folder, SECOND).manifest["graphs"]
    assert store_holds(endpoint) == [SECOND]


def test_load_release_refuses_a_corrupt_bundle_and_leaves_the_store_alone(
    published: Published, tmp_path: Path, empty_oxigraph: str, cli
) -> None:  # type: ignore[no-untyped-def]
    endpoint = f"{empty_oxigraph}/query"
    assert cli("load", "--endpoint", endpoint, "--release", FIRST, "--releases", str(published.folder)).returncode == 0
    corrupt = tmp_path / SECOND
    shutil.copytree(published.folder / SECOND, corrupt)
    with (corrupt / "nkc-kg.nq").open("a") as handle:
        handle.write('<urn:x> <urn:y> "extra" <urn:g> .\n')
    result = cli("load", "--endpoint", endpoint, "--release", str(corrupt))
    assert result.returncode == 1 and "nkc-kg.nq: SHA-256 differs from SHA256SUMS" in result.stderr
    assert store_holds(endpoint) == [FIRST]
