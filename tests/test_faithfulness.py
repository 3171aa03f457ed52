"""The curated data is faithful to and complete against the source documents.

Text copied from a source must occur in it (ignoring the line breaks and spacing of the slide
layout), and the lists of the sources are complete in the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import read_curated
from nkc_kg.loaders.paths import curated_data_paths
from pydantic import BaseModel

# Fields whose value is copied verbatim from the source document of the file.
VERBATIM = {
    r.Step: ("text",),
    r.IntendedResult: ("text",),
    r.Activity: ("title",),
    r.PastActivity: ("title", "done"),
    r.Cause: ("text",),
    r.SubCause: ("text",),
    r.Subgoal: ("text",),
    r.CanvasItem: ("text",),
    r.Abbreviation: ("abbr", "expansion"),
    r.InitiativeMention: ("text",),
    r.Change: ("text",),
    r.Choice: ("text",),
    r.Bottleneck: ("text",),
    r.FrameworkPrinciple: ("title",),
    r.FrameworkStep: ("title",),
}


def squeeze(text: str) -> str:
    """Drop everything the slide layout changes: whitespace, hyphenation at line ends, bullets."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"[\s•]+", "", text).lower()


@pytest.fixture(scope="module")
def files():  # type: ignore[no-untyped-def]
    result = read_curated(curated_data_paths())
    assert not result.errors
    return result.files


@pytest.fixture(scope="module")
def seed_text(seeds: Path) -> dict[str, str]:
    import yaml

    docs = yaml.safe_load((Path(curated_data_paths()[0]).parent / "sources.yaml").read_text())["documents"]
    return {d["id"]: squeeze((seeds / d["seed"]).read_text(encoding="utf-8")) for d in docs}


def walk(model: BaseModel, path: str = "") -> Iterator[tuple[str, BaseModel]]:
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                yield from walk(item, f"{path}.{name}[{i}]" if isinstance(value, list) else f"{path}.{name}")


def test_verbatim_text_occurs_in_its_source(files, seed_text: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    missing = []
    for cf in files:
        document = getattr(cf.record, "document", None)
        if document is None:
            continue
        source = seed_text[document]
        for path, model in walk(cf.record):
            for cls, fields in VERBATIM.items():
                if type(model) is not cls and not (cls is r.Abbreviation and isinstance(model, r.Abbreviation)):
                    continue
                for name in fields:
                    value = getattr(model, name)
                    if value and squeeze(value) not in source:
                        missing.append(f"{cf.source.path.name} {path}.{name}: {value[:80]!r}")
    assert missing == [], "\n".join(missing)


def plan(files, plan_id: str) -> dict[str, list]:  # type: ignore[no-untyped-def,type-arg]
    merged: dict[str, list] = {}  # type: ignore[type-arg]
    for cf in files:
        rec = cf.record
        if isinstance(rec, r.PlanFile) and (rec.plan == plan_id or getattr(rec.plan, "id", None) == plan_id):
            for name in (
                "causes",
                "subgoals",
                "canvases",
                "activities",
                "past_activities",
                "teams",
                "abbreviations",
            ):
                merged.setdefault(name, []).extend(getattr(rec, name))
    return merged


def test_rare_cancer_plan_2025_is_complete(files) -> None:  # type: ignore[no-untyped-def]
    p = plan(files, "zeldzame-kankers-2025")
    assert [c.number for c in p["causes"]] == list(range(1, 8))
    assert [s.number for s in p["subgoals"]] == list(range(1, 8))
    assert [c.number for c in p["canvases"]] == list(range(1, 8))
    assert sorted(a.number for a in p["activities"]) == list(range(1, 16))
    assert all(a.steps for a in p["activities"])
    assert all(c.subcauses for c in p["causes"])
    assert all(c.activities and c.outputs and c.outcomes for c in p["canvases"])
    assert len(p["teams"]) == 1 and len(p["teams"][0].members) == 13


def test_rare_cancer_plan_2024_has_13_activities(files) -> None:  # type: ignore[no-untyped-def]
    p = plan(files, "zeldzame-kankers-2024")
    assert sorted(a.number for a in p["past_activities"]) == list(range(1, 14))
    assert all(a.done for a in p["past_activities"])


def test_late_effects_plan_2025_is_complete(files) -> None:  # type: ignore[no-untyped-def]
    p = plan(files, "late-gevolgen-2025")
    assert [c.number for c in p["causes"]] == list(range(1, 6))
    assert [s.number for s in p["subgoals"]] == list(range(1, 6))
    assert [c.number for c in p["canvases"]] == list(range(1, 6))
    assert p["activities"] and p["teams"]


def test_every_abbreviation_of_the_list_is_in_the_data(files, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    text = (seeds / "000_06674551e0d8bb76.txt").read_text(encoding="utf-8")
    listed = re.findall(r"^• (.+?) = ", text[text.index("Afkortingen") :], flags=re.MULTILINE)
    assert len(listed) > 40
    curated = {a.abbr for a in plan(files, "zeldzame-kankers-2025")["abbreviations"]}
    assert set(listed) - curated == set()
    assert curated - set(listed) == set()


def test_abbreviations_used_but_undefined_are_added_with_a_status(files) -> None:  # type: ignore[no-untyped-def]
    curated = {a.abbr: a for cf in files if isinstance(cf.record, r.ReferenceFile) for a in cf.record.abbreviations}
    for abbr in ("NVMO", "ZN", "VIG", "NVVP", "NKC", "KPO", "ZonMw", "EORTC", "HOVON"):
        assert abbr in curated, abbr
    assert curated["KPO"].status == "not-verified"
    assert curated["ZN"].status == "verified"


def test_all_ten_euracan_domains(files) -> None:  # type: ignore[no-untyped-def]
    domains = [d for cf in files if isinstance(cf.record, r.ReferenceFile) for d in cf.record.euracan_domains]
    assert sorted(d.notation for d in domains) == sorted(f"G{i}" for i in range(1, 11))
    assert {d.notation for d in domains if d.number_status == "derived"} == {"G7"}


def test_key_figures_with_their_source(files) -> None:  # type: ignore[no-untyped-def]
    figures = [f for cf in files for f in getattr(cf.record, "figures", [])]
    values = {(float(f.value), f.unit) for f in figures}
    for expected in ((243, "count"), (25000, "per-year"), (0.2, "ratio"), (15, "percentage-points"), (17, "percent")):
        assert (float(expected[0]), expected[1]) in values, expected


def test_no_fact_is_stored_twice_except_shared_statements(built) -> None:  # type: ignore[no-untyped-def]
    """The default graph is the union of the named graphs; a triple in two graphs would count twice.

    The only exception is the collective mission, which both plans state (each document's graph
    keeps its own statement of it).
    """
    from collections import Counter

    counts = Counter((s, p, o) for s, p, o, _ in built.dataset.quads((None, None, None, None)))
    repeated = {str(s) for (s, _, _), n in counts.items() if n > 1}
    assert repeated <= {"https://w3id.org/nkc-kg/mission/nkc"}, sorted(repeated)[:10]
