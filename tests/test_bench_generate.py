"""The benchmark's data generator at a tiny scale: the service loads what it writes (no timings here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from nkc_kg.loaders.build import BuildResult
from nkc_kg.loaders.paths import ROOT
from nkc_kg.service.app import create_app, load_service
from nkc_kg.service.graph.runner import run_named
from nkc_kg.service.settings import Settings

SYNTHETIC_PLANS = 3


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench")
    real = folder / "nkc-kg.nq"
    built.dataset.serialize(real, format="nquads")
    out = folder / "synthetic.nq"
    quads, template = _generator().write_dataset(real, out, SYNTHETIC_PLANS)
    assert quads == len(out.read_text(encoding="utf-8").splitlines())
    assert quads > len(real.read_text(encoding="utf-8").splitlines()) + SYNTHETIC_PLANS * template.quads
    return out


def test_generator_is_deterministic(built: BuildResult, generated: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.nq"
    _generator().write_dataset(generated.parent / "nkc-kg.nq", again, SYNTHETIC_PLANS)
    assert again.read_bytes() == generated.read_bytes()


def test_service_loads_the_synthetic_plans(generated: Path) -> None:
    service = load_service(Settings(dataset=generated))
    synthetic = {plan for plan in service.index.plans if "-synth-" in plan}
    # the template graph holds the rare-cancer plan 2025 and the 2024 plan it continues
    assert synthetic == {
        f"{plan}-synth-{i:04d}"
        for plan in ("zeldzame-kankers-2025", "zeldzame-kankers-2024")
        for i in range(1, SYNTHETIC_PLANS + 1)
    }


def test_parties_in_subgoal_on_a_synthetic_plan(generated: Path) -> None:
    service = load_service(Settings(dataset=generated))
    query = service.catalog["parties-in-subgoal"]

    def parties(plan: str) -> set[str]:
        rows = run_named(query, {"plan": plan, "subgoal": "5"}, service.store, service.index, service.iris).rows
        return {str(row["party"]).rsplit("/", 1)[1] for row in rows}

    real = parties("zeldzame-kankers-2025")
    copy = parties("zeldzame-kankers-2025-synth-0002")
    shared = real & copy
    own = {p for p in copy if p.endswith("-synth-0002")}
    assert shared and own, "a synthetic plan names both shared parties and its own copies"
    assert {p.removesuffix("-synth-0002") for p in copy} == real


def test_rest_answer_on_a_synthetic_plan(generated: Path) -> None:
    client = TestClient(create_app(Settings(dataset=generated)))
    response = client.get("/api/plans/zeldzame-kankers-2025-synth-0001/subgoals/5/parties")
    assert response.status_code == 200
    assert response.json()["parties"]


def test_copies_keep_to_their_own_team_and_year(generated: Path) -> None:
    """A copy has a team of its own (the real team keeps its members) and a plan year of its own."""
    service = load_service(Settings(dataset=generated))

    def run(name: str, **params: str) -> list[dict[str, str]]:
        rows = run_named(service.catalog[name], params, service.store, service.index, service.iris).rows
        return [{k: str(v) for k, v in row.items()} for row in rows]

    real_team = run("team-members", plan="zeldzame-kankers-2025")
    copy_team = run("team-members", plan="zeldzame-kankers-2025-synth-0001")
    assert len(real_team) == len(copy_team) == 13
    assert not {r["person"] for r in real_team} & {r["person"] for r in copy_team if "synth" in r["person"]}
    plan_years = "SELECT ?year WHERE { ?plan <https://w3id.org/nkc-kg/def#year> ?year }"
    years = {str(row["year"]) for row in service.store.select(plan_years).rows}
    generator = _generator()
    expected = {str(2025 + generator.year_offset(i)) for i in range(1, SYNTHETIC_PLANS + 1)}
    assert expected <= years and "2025" in years
    # a copy's steps moved with its year: its quarter Q4 of that year has as many steps as the real Q4 2025
    shifted = 2025 + generator.year_offset(1)
    q4_real = run("steps-in-quarter", quarter="Q4 2025")
    q4_copy = [r for r in run("steps-in-quarter", quarter=f"Q4 {shifted}") if r["plan"].endswith("-synth-0001")]
    assert len(q4_copy) == len([r for r in q4_real if r["plan"] == "zeldzame-kankers-2025"])
