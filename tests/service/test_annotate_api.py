"""POST /api/annotate and the page /annoteren, on both stores."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from nkc_kg.service.annotate.schemas import AnnotateOut

MEMO = (
    "Het IKNL-rapport over NFK's achterban gaat naar ZIN en de CieOOM; "
    "Amsterdam UMC en de DRCP werkgroep geneesmiddelen reageren."
)


def annotate(client: TestClient, text: str) -> dict[str, Any]:
    response = client.post("/api/annotate", json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_memo_is_annotated_with_spans_expansions_and_iris(client: TestClient) -> None:
    answer = annotate(client, MEMO)
    AnnotateOut.model_validate(answer)  # the documented contract
    found = [(a["text"], a["kind"]) for a in answer["annotations"]]
    assert found == [
        ("IKNL", "abbreviation"),
        ("NFK", "abbreviation"),
        ("ZIN", "abbreviation"),
        ("CieOOM", "abbreviation"),
        ("Amsterdam UMC", "party"),
        ("DRCP werkgroep geneesmiddelen", "party"),
    ]
    assert answer["length"] == len(MEMO)
    assert "code points" in answer["offsets"]
    assert answer["counts"] == {"abbreviation": 4, "party": 2, "ambiguous": 1}
    for a in answer["annotations"]:
        assert MEMO[a["start"] : a["end"]] == a["text"]
        assert set(a) >= {"expansion", "iri", "url", "label", "definedBy", "ambiguous", "candidates"}
    cieoom = answer["annotations"][3]
    assert cieoom["expansion"] == "Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen"
    assert cieoom["url"] == "/abbreviations/actieplan-zeldzame-kankers-2025/cieoom"
    assert cieoom["definedBy"]["document"]["url"] == "/doc/actieplan-zeldzame-kankers-2025"
    assert cieoom["definedBy"]["at"]["url"] == "/doc/actieplan-zeldzame-kankers-2025/slide/34"
    assert cieoom["denotes"]["url"] == "/party/cieoom"
    assert cieoom["ambiguous"] is False
    zin = answer["annotations"][2]
    assert zin["ambiguous"] is True and zin["sameEntity"] is True
    assert sorted(c["expansion"] for c in zin["candidates"]) == ["Zorg Instituut Nederland", "Zorginstituut Nederland"]
    party = answer["annotations"][5]
    assert party["iri"].endswith("/party/drcp-wg-geneesmiddelen") and party["url"] == "/party/drcp-wg-geneesmiddelen"
    assert party["label"] == "DRCP werkgroep geneesmiddelen"


def test_plain_text_gives_the_same_answer_as_json(client: TestClient) -> None:
    as_text = client.post("/api/annotate", content=MEMO.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    assert as_text.status_code == 200
    assert as_text.json() == annotate(client, MEMO)


def test_offsets_count_code_points_not_utf16_units(client: TestClient) -> None:
    text = "🙂🙂 ZN"
    [zn] = annotate(client, text)["annotations"]
    assert (zn["start"], zn["end"]) == (3, 5)


def test_a_text_without_matches_is_not_an_error(client: TestClient) -> None:
    assert annotate(client, "Een gewone zin zonder afkortingen.")["annotations"] == []


def problem(response: Any, status: int, error: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == error and body["detail"], body


def test_bad_input_gets_a_clear_error(client: TestClient) -> None:
    post = client.post
    problem(post("/api/annotate", json={"text": ""}), 400, "empty text")
    problem(post("/api/annotate", json={"text": " \n\t"}), 400, "empty text")
    problem(post("/api/annotate", json={"tekst": "IKNL"}), 400, "no text")
    problem(post("/api/annotate", json={"text": 12}), 400, "no text")
    problem(post("/api/annotate", json=["IKNL"]), 400, "no text")
    problem(post("/api/annotate", json={"text": "IKNL", "lang": "nl"}), 400, "unknown field")
    problem(
        post("/api/annotate", content=b'{"text": ', headers={"content-type": "application/json"}), 400, "malformed JSON"
    )
    latin1 = "Patiëntenplatform".encode("latin-1")
    problem(post("/api/annotate", content=latin1, headers={"content-type": "text/plain"}), 400, "not UTF-8")
    lone = b'{"text": "IKNL \\ud800"}'
    problem(post("/api/annotate", content=lone, headers={"content-type": "application/json"}), 400, "not Unicode")
    problem(post("/api/annotate", content=b"IKNL", headers={"content-type": "text/csv"}), 415, "unsupported media type")
    problem(
        post("/api/annotate", content=b"IKNL", headers={"content-type": "text/plain; charset=latin-1"}),
        415,
        "unsupported charset",
    )
    problem(post("/api/annotate", content=b"IKNL\x00", headers={"content-type": "text/plain"}), 400, "bad character")


def test_the_size_limit_is_one_mebibyte(client: TestClient) -> None:
    limit = 1024 * 1024
    body = b"ZN " + b"x" * (limit - 3)
    assert client.post("/api/annotate", content=body, headers={"content-type": "text/plain"}).status_code == 200
    over = body + b"x"
    problem(client.post("/api/annotate", content=over, headers={"content-type": "text/plain"}), 413, "text too large")
    problem(client.post("/api/annotate", json={"text": over.decode()}), 413, "text too large")
    # a text under the limit is accepted even when its JSON (every character escaped) is over it
    escaped = '{"text": "' + "\\u00eb" * (limit // 4) + ' IKNL"}'
    response = client.post("/api/annotate", content=escaped.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 200 and response.json()["annotations"][0]["text"] == "IKNL"


def test_an_answer_has_at_most_ten_thousand_annotations(embedded_client: TestClient) -> None:
    """The cap does not depend on the store (the matcher is in-process), so one store is enough."""
    answer = annotate(embedded_client, "ZN " * 10_001)
    assert answer["total"] == 10_001 and answer["truncated"] is True
    assert len(answer["annotations"]) == 10_000
    assert annotate(embedded_client, "ZN " * 3)["truncated"] is False


def test_annotating_leaves_the_graph_alone(client: TestClient) -> None:
    before = client.get("/health").json()["quads"]
    annotate(client, "INSERT DATA { <a> <b> <c> } IKNL")
    assert client.get("/health").json()["quads"] == before


def test_the_page_highlights_the_text_and_escapes_it(client: TestClient) -> None:
    text = '<img src=x onerror="alert(1)"> IKNL & ZIN </div>'
    page = client.post("/annoteren", data={"text": text})
    assert page.status_code == 200
    html = page.text
    assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert 'class="ann ann-abbreviation" title="Integraal Kankercentrum Nederland"' in html
    assert "ann-ambiguous" in html  # ZIN
    assert '<textarea id="annotate-text" name="text" rows="10" lang="nl">&lt;img' in html, "the text stays to edit"
    assert "Gedefinieerd door" in html


def test_the_page_is_dutch_first_with_an_english_switch(client: TestClient) -> None:
    client.cookies.clear()
    dutch = client.get("/annoteren")
    assert dutch.status_code == 200 and "Afkortingen en partijen in een tekst" in dutch.text
    english = client.get("/annoteren?lang=en")
    assert "Abbreviations and parties in a text" in english.text
    client.cookies.clear()


def test_the_page_says_what_is_wrong(client: TestClient) -> None:
    empty = client.post("/annoteren", data={"text": "  "})
    assert empty.status_code == 400 and "Typ of plak eerst een tekst." in empty.text
    large = client.post("/annoteren", data={"text": "x" * (1024 * 1024 + 1)})  # posted URL-encoded
    assert large.status_code == 413 and "De tekst is te lang" in large.text
    wrong = client.post("/annoteren", content=b"text=IKNL", headers={"content-type": "text/plain"})
    assert wrong.status_code == 415
