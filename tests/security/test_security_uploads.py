"""Issue 19, findings 3, 4 and 8 and the non-UTF-8 YAML: uploads to /api/validate are read with bounds,
never make the service fetch anything, and run a few at a time in a process of their own."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import psutil
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from security_helpers import Listener, running_server

YAML = "application/yaml"
ALIAS_BOMB = (
    "a: &a ["
    + ",".join(["x"] * 10)
    + "]\n"
    + "".join(f"b{i}: &b{i} [" + ",".join([f"*{'a' if i == 0 else f'b{i - 1}'}"] * 10) + "]\n" for i in range(6))
)
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>
</rdf:RDF>
"""
TURTLE = b"@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n"


@pytest.fixture(scope="module")
def client(app_with) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app_with())


def first_error(response: httpx.Response) -> dict[str, object]:
    assert response.status_code == 400, response.text
    return response.json()["detail"]["errors"][0]  # type: ignore[no-any-return]


def test_a_yaml_alias_bomb_is_refused_at_its_line(client: TestClient) -> None:
    r = client.post("/api/validate", content=ALIAS_BOMB.encode(), headers={"content-type": YAML})
    error = first_error(r)
    assert "alias" in str(error["message"])
    assert error["source"] == {"file": "upload.yaml", "line": 5}


def test_yaml_that_is_not_utf8_is_400_with_file_and_line(client: TestClient) -> None:
    body = "plan: x\ntitle: Caf\xe9\n".encode("latin-1")
    error = first_error(client.post("/api/validate", content=body, headers={"content-type": YAML}))
    assert "UTF-8" in str(error["message"])
    assert error["source"] == {"file": "upload.yaml", "line": 2}


def test_deeply_nested_yaml_is_refused(client: TestClient) -> None:
    for body in ("[\n" * 100_000, "- " * 30_000 + "x\n", "".join(" " * i + "a:\n" for i in range(500))):
        error = first_error(client.post("/api/validate", content=body.encode(), headers={"content-type": YAML}))
        assert "nest" in str(error["message"]) or "longer than" in str(error["message"])


def test_jsonld_contexts_are_never_fetched_nor_read(client: TestClient, listener: Listener) -> None:
    messages = []
    for reference in (f"{listener.url}/ctx", "file:///etc/passwd", "file:///no/such/file", "ctx.jsonld"):
        for document in (
            {"@context": reference, "@id": "http://example.org/a", "name": "x"},
            {"@context": [{"ex": "http://example.org/"}, reference], "@id": "http://example.org/a"},
            {"@id": "http://example.org/a", "http://example.org/p": {"@context": {"@import": reference}, "@id": "b"}},
        ):
            r = client.post("/api/validate", json=document, headers={"content-type": "application/ld+json"})
            message = str(first_error(r)["message"])
            assert "remote contexts are not loaded" in message
            messages.append(message.replace(repr(reference), "REF"))
    assert listener.connections() == 0
    assert len(set(messages)) == 1, "the answer must not tell an existing file from a missing one"


def test_the_jsonld_parser_of_the_process_loads_no_context_either(listener: Listener) -> None:
    from nkc_kg.loaders.rdf_input import RemoteContextRefused

    nested = (
        f'{{"@id": "http://example.org/a", "http://example.org/p": {{"@context": "{listener.url}/c", "@id": "b"}}}}'
    )
    with pytest.raises(RemoteContextRefused):
        Graph().parse(data=nested, format="json-ld")
    assert listener.connections() == 0


def test_a_billion_laughs_rdfxml_is_refused_before_expansion(client: TestClient) -> None:
    r = client.post("/api/validate", content=BILLION_LAUGHS, headers={"content-type": "application/rdf+xml"})
    assert "DOCTYPE" in str(first_error(r)["message"])


def test_an_empty_body_is_400_at_once(client: TestClient) -> None:
    for body in (b"", b"  \n"):
        r = client.post("/api/validate", content=body, headers={"content-type": "text/turtle"})
        assert r.status_code == 400 and r.json()["error"] == "empty upload"


def test_an_upload_needing_too_much_memory_is_413(app_with) -> None:  # type: ignore[no-untyped-def]
    small = TestClient(app_with(validate_memory=300))
    lines = b"".join(
        b'<http://example.org/s%d> <http://example.org/p%d> "%d %s" .\n' % (i, i % 97, i, b"x" * 40)
        for i in range(120_000)
    )
    r = small.post("/api/validate", content=lines, headers={"content-type": "application/n-triples"})
    assert r.status_code == 413, r.text
    assert "NKC_KG_VALIDATE_MEMORY" in r.json()["detail"]


# ------------------------------------------------------------------------------------------ a live server


@pytest.fixture(scope="module")
def one_at_a_time() -> Iterator[tuple[str, object]]:
    with running_server(NKC_KG_VALIDATE_CONCURRENCY="1", NKC_KG_VALIDATE_TIMEOUT="2") as (url, proc):
        yield url, proc


# 200,000 distinct triples: parsing and validating them takes far longer than the 2 s allowed above
SLOW = b"".join(b'<http://example.org/s%d> <http://example.org/p> "%d" .\n' % (i, i) for i in range(200_000))


def test_one_validation_at_a_time_the_rest_503_with_retry_after(one_at_a_time: tuple[str, object]) -> None:
    url, _ = one_at_a_time
    seen: dict[str, httpx.Response] = {}

    def upload(answers: list[httpx.Response]) -> None:
        answers.append(
            httpx.post(
                f"{url}/api/validate", content=SLOW, headers={"content-type": "application/n-triples"}, timeout=120
            )
        )

    for _ in range(5):  # two at once: one holds the only slot until its time is up, the other is turned away
        answers: list[httpx.Response] = []
        both = [threading.Thread(target=upload, args=(answers,)) for _ in range(2)]
        for thread in both:
            thread.start()
        for thread in both:
            thread.join(120)
        for answer in answers:
            seen.setdefault(answer.json()["error"], answer)
        if {"validation busy", "validation timed out"} <= set(seen):
            break
    busy = seen["validation busy"]
    assert busy.status_code == 503 and busy.headers["retry-after"].isdigit()
    assert "NKC_KG_VALIDATE_CONCURRENCY" in busy.json()["detail"]
    timed_out = seen["validation timed out"]
    assert timed_out.status_code == 503 and "NKC_KG_VALIDATE_TIMEOUT" in timed_out.json()["detail"]
    assert httpx.get(f"{url}/health", timeout=30).status_code == 200


def test_hostile_uploads_leave_the_service_memory_where_it_was(one_at_a_time: tuple[str, object]) -> None:
    url, proc = one_at_a_time
    process = psutil.Process(proc.pid)  # type: ignore[attr-defined]
    before = process.memory_info().rss
    for body, media in (
        (ALIAS_BOMB.encode(), YAML),
        (BILLION_LAUGHS, "application/rdf+xml"),
        (b"[\n" * 200_000, YAML),
        (TURTLE * 20_000, "text/turtle"),
    ):
        r = httpx.post(f"{url}/api/validate", content=body, headers={"content-type": media}, timeout=120)
        assert r.status_code in (400, 503), r.text
    after = process.memory_info().rss
    assert after - before < 50 * 1024 * 1024, f"RSS grew by {(after - before) / 2**20:.0f} MiB"
