"""`nkc-kg validate`: the shipped data conforms; broken data fails naming file and line."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from nkc_kg.loaders.curated.yamlio import read_yaml
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.cli import main

CARDS = DATA_DIR / "zeldzame-kankers-2025-activiteiten.yaml"


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["validate", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture(scope="module")
def cards() -> dict[str, Any]:
    return yaml.safe_load(CARDS.read_text(encoding="utf-8"))


def write_variant(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / CARDS.name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def line_of(path: Path, *key: str | int) -> int:
    return read_yaml(path).lines[tuple(key)]


def test_shipped_data_conforms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(capsys)
    assert code == 0, out
    assert "CONFORM:" in out and "NIET CONFORM" not in out


def test_source_inconsistencies_surface_as_warnings_with_file_and_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, out = validate(capsys, "--format", "json")
    report = json.loads(out)
    warnings = [r for r in report["results"] if r["severity"] == "warning"]
    assert warnings, "the sources' own inconsistencies should show as warnings"
    assert all(r["source"] and r["source"]["file"].endswith(".yaml") and r["source"]["line"] > 0 for r in warnings)


def test_missing_lead_party_fails_with_file_and_line(
    tmp_path: Path, cards: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(cards)
    step = data["activities"][2]["steps"][0]
    step["lead"] = []
    path = write_variant(tmp_path, data)
    code, out = validate(capsys, str(path))
    assert code == 1
    line = line_of(path, "activities", 2, "steps", 0)
    assert f"{CARDS.name}:{line}: FOUT: De stap heeft geen trekker" in out, out


def test_duplicate_activity_number_fails_with_file_and_line(
    tmp_path: Path, cards: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(cards)
    data["activities"][1]["number"] = data["activities"][0]["number"]
    path = write_variant(tmp_path, data)
    code, out = validate(capsys, str(path))
    assert code == 1
    line = line_of(path, "activities", 1, "number")
    assert f"{CARDS.name}:{line}:" in out and "used twice" in out, out


def test_malformed_timeframe_fails_with_file_and_line(
    tmp_path: Path, cards: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(cards)
    data["activities"][0]["steps"][0]["timeframe"] = "Q5 2025"
    path = write_variant(tmp_path, data)
    code, out = validate(capsys, str(path))
    assert code == 1
    line = line_of(path, "activities", 0, "steps", 0, "timeframe")
    assert f"{CARDS.name}:{line}:" in out and "malformed timeframe" in out and "q5 2025" in out.lower(), out


def test_unknown_party_fails_with_file_line_and_suggestion(
    tmp_path: Path, cards: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(cards)
    data["activities"][4]["steps"][1]["lead"] = ["nvmoo"]
    path = write_variant(tmp_path, data)
    code, out = validate(capsys, str(path))
    assert code == 1
    line = line_of(path, "activities", 4, "steps", 1, "lead", 0)
    assert f"{CARDS.name}:{line}:" in out and "unknown party 'nvmoo'" in out and "'nvmo'" in out, out


def test_turtle_file_is_validated_against_the_shipped_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "extra.ttl"
    path.write_text(
        "@prefix nkc: <https://w3id.org/nkc-kg/def#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "\n"
        "<https://w3id.org/nkc-kg/plan/zeldzame-kankers-2025/activity/3/step/9> a nkc:Step ;\n"
        '    nkc:number 9 ; nkc:text "Nieuwe stap"@nl .\n',
        encoding="utf-8",
    )
    code, out = validate(capsys, str(path))
    assert code == 1
    assert "extra.ttl:4: FOUT: De stap heeft geen tijdvak" in out, out


def test_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate(capsys, "does-not-exist.yaml")
    assert code == 2 and "no such file" in out
