"""POST /api/validate: reports for RDF and curated YAML; bad input is 4xx; the served graph is untouched."""

from __future__ import annotations

from fastapi.testclient import TestClient
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.store.embedded import EmbeddedStore

STEP_WITHOUT_TIMEFRAME = """@prefix nkc: <https://w3id.org/nkc-kg/def#> .

<https://w3id.org/nkc-kg/plan/zeldzame-kankers-2025/activity/3/step/9> a nkc:Step ;
    nkc:number 9 ; nkc:text "Nieuwe stap"@nl .
"""


def test_turtle_report_names_the_line(client: TestClient, store: EmbeddedStore) -> None:
    before = len(store)
    r = client.post("/api/validate", content=STEP_WITHOUT_TIMEFRAME, headers={"content-type": "text/turtle"})
    assert r.status_code == 200
    report = r.json()
    assert report["conforms"] is False
    hits = [x for x in report["results"] if "tijdvak" in x["messageNl"]]
    assert hits and hits[0]["source"] == {"file": "upload.ttl", "line": 3}
    assert len(store) == before


def test_shipped_yaml_file_conforms(client: TestClient) -> None:
    body = (DATA_DIR / "zeldzame-kankers-2025-activiteiten.yaml").read_bytes()
    r = client.post(
        "/api/validate",
        params={"filename": "zeldzame-kankers-2025-activiteiten.yaml"},
        content=body,
        headers={"content-type": "application/yaml"},
    )
    assert r.status_code == 200 and r.json()["conforms"] is True


def test_malformed_turtle_is_400_with_a_line(client: TestClient) -> None:
    r = client.post(
        "/api/validate", content="@prefix x: <urn:x> .\nx:a x:b .\nx:c x:d", headers={"content-type": "text/turtle"}
    )
    assert r.status_code == 400 and r.json()["detail"]["line"] is not None


def test_oversized_upload_is_413(app_with) -> None:  # type: ignore[no-untyped-def]
    small = TestClient(app_with(upload_limit=100))
    r = small.post("/api/validate", content="#" * 1000, headers={"content-type": "text/turtle"})
    assert r.status_code == 413 and set(r.json()) == {"error", "detail"}


def test_unsupported_media_type_is_415(client: TestClient) -> None:
    assert client.post("/api/validate", content=b"\x00", headers={"content-type": "application/pdf"}).status_code == 415
