"""The pyoxigraph engine gives pyshacl's results, and the incremental build gives the full build's graph.

Both engines run on the shipped data and on every shape's valid and invalid example (tests/shapes/),
plus a few graphs for constraint components the examples do not reach; their findings must be the
same: focus node, path, value, severity, constraint component, source shape and constraint, and the
messages in Dutch and English.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from nkc_kg.loaders.build import Builder, build_from_paths
from nkc_kg.loaders.curated.yamlio import read_yaml
from nkc_kg.loaders.iris import DEFAULT_BASE, Iris
from nkc_kg.loaders.paths import DATA_DIR, curated_data_paths
from nkc_kg.loaders.shacl import incremental
from nkc_kg.loaders.shacl.cache import Cache
from nkc_kg.loaders.shacl.reference import reference_findings
from nkc_kg.loaders.shacl.run import check, serialize
from nkc_kg.loaders.shacl.shapes import ShapesError, compile_shapes
from nkc_kg.loaders.validation import union_graph, validate_paths, validate_workbook
from nkc_kg.loaders.workbook.exporter import export_plan
from nkc_kg.loaders.workbook.importer import read_plan_workbook
from nkc_kg.service.cli import main
from rdflib import Graph

HERE = Path(__file__).parent / "shapes"
EXAMPLES = [None, *sorted((HERE / "invalid").glob("*.ttl"))]
PREFIXES = """
@prefix nkc: <https://w3id.org/nkc-kg/def#> .
@prefix ex: <https://w3id.org/nkc-kg/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""
# Constraint components and value kinds the shape examples do not reach, added to the valid example.
EDGES = {
    "ill-typed-number": 'ex:figure\\/x a nkc:KeyFigure ; nkc:value "veel"^^xsd:decimal ; nkc:unit "count" .',
    "unit-outside-the-list": 'ex:figure\\/y a nkc:KeyFigure ; nkc:value 3.0 ; nkc:unit "stuks" ; nkc:unit "count" .',
    "title-in-german": 'ex:plan\\/p dcterms:title "Aktionsplan"@de , "Plan"@nl-BE .',
    "two-dutch-names": 'ex:party\\/wg skos:prefLabel "Werkgroep"@nl , "De werkgroep"@nl .',
    "ends-on-its-first-day": 'ex:campaign\\/c schema:endDate "2024-03-04"^^xsd:date .',
    "dates-of-two-kinds": 'ex:campaign\\/c schema:startDate "2024"^^xsd:gYear .',
    "a-literal-as-party": 'ex:plan\\/p dcterms:publisher "NKC" .',
    "year-as-text": 'ex:plan\\/p nkc:year "2025" .',
    "lowercase-and-two-letters": 'ex:plan\\/p\\/cause\\/1\\/subcause\\/A nkc:letter "ab" .',
}


def findings_of(data: Graph) -> tuple[Counter, Counter]:  # type: ignore[type-arg]
    return Counter(reference_findings(data, DEFAULT_BASE)), Counter(check(serialize(data), DEFAULT_BASE, Cache()))


def assert_same(reference: Counter, engine: Counter) -> None:  # type: ignore[type-arg]
    only_reference = "\n".join(map(str, (reference - engine).elements()))
    only_engine = "\n".join(map(str, (engine - reference).elements()))
    assert reference == engine, f"pyshacl only:\n{only_reference}\noxigraph only:\n{only_engine}"


@pytest.mark.parametrize("example", EXAMPLES, ids=["valid-plan", *(p.stem for p in EXAMPLES[1:])])
def test_both_engines_agree_on_every_shape_example(example: Path | None) -> None:
    data = Graph().parse(HERE / "valid-plan.ttl")
    if example is not None:
        data.parse(example)
    reference, engine = findings_of(data)
    assert_same(reference, engine)
    assert bool(reference) == (example is not None)


@pytest.mark.parametrize("edge", sorted(EDGES))
def test_both_engines_agree_on_components_the_examples_do_not_reach(edge: str) -> None:
    data = Graph().parse(HERE / "valid-plan.ttl")
    data.parse(data=PREFIXES + EDGES[edge], format="turtle")
    reference, engine = findings_of(data)
    assert_same(reference, engine)
    assert reference, "the edge case should break a shape"


@pytest.fixture(scope="module")
def shipped_union() -> Graph:
    built = build_from_paths(curated_data_paths(), Iris())
    assert not built.errors
    return union_graph(built.dataset)


def test_both_engines_agree_on_the_shipped_data(shipped_union: Graph) -> None:
    reference, engine = findings_of(shipped_union)
    assert_same(reference, engine)
    assert {f.severity for f in reference} == {"warning", "info"}


def test_validate_gives_the_same_report_with_either_engine(capsys: pytest.CaptureFixture[str]) -> None:
    reports = {}
    for engine in ("oxigraph", "pyshacl"):
        code = main(["validate", "--engine", engine, "--format", "json"])
        reports[engine] = (code, json.loads(capsys.readouterr().out))
    assert reports["oxigraph"][0] == reports["pyshacl"][0] == 0
    fast, reference = reports["oxigraph"][1], reports["pyshacl"][1]
    assert fast["conforms"] == reference["conforms"] and fast["errors"] == reference["errors"] == []

    def canonical(results: list[dict]) -> list[str]:  # type: ignore[type-arg]
        return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in results)

    assert canonical(fast["results"]) == canonical(reference["results"])
    # the report order (severity, file, line, focus) is the same; ties may come in another order
    key = ["severity", "source", "focusNode"]
    assert [[r[k] for k in key] for r in fast["results"]] == [[r[k] for k in key] for r in reference["results"]]


def test_a_workbook_gets_the_same_report_from_either_engine(tmp_path: Path) -> None:
    """The workbook path (POST /api/validate, nkc-kg validate plan.xlsx): results at the same cells."""
    book = tmp_path / "plan.xlsx"
    export_plan("late-gevolgen-2025", book)
    reports = {
        engine: validate_workbook(book, curated_data_paths(), Iris(), display="plan.xlsx", engine=engine)
        for engine in ("oxigraph", "pyshacl")
    }
    fast, reference = (reports[e] for e in ("oxigraph", "pyshacl"))
    assert fast.results and fast.elsewhere == reference.elsewhere
    assert sorted(json.dumps(r.as_json(), sort_keys=True) for r in fast.results) == sorted(
        json.dumps(r.as_json(), sort_keys=True) for r in reference.results
    )


# -- the incremental build ---------------------------------------------------------------------------


def triples(data: bytes) -> set[str]:
    return {str(t) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def full_build(paths: list[Path]) -> tuple[set[str], dict, list[str]]:  # type: ignore[type-arg]
    built = build_from_paths(paths, Iris())
    return triples(serialize(union_graph(built.dataset))), built.locations, [str(e) for e in built.errors]


def cached_build(paths: list[Path], cache: Cache) -> tuple[set[str], dict, list[str], list[str]]:  # type: ignore[type-arg]
    read = incremental.read(paths, cache)
    built = incremental.build(read.files, Iris(), cache, read.keys)
    errors = [str(e) for e in read.errors + built.errors]
    return triples(built.ntriples()), built.locations, errors, built.built


def edited(tmp_path: Path, name: str, old: str, new: str) -> list[Path]:
    """The shipped data with ``name`` edited (a copy in tmp_path replaces it)."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p for p in curated_data_paths() if p.name != name] + [tmp_path / name]


def test_the_incremental_build_is_the_full_build(tmp_path: Path) -> None:
    cache = Cache()
    paths = curated_data_paths()
    full = full_build(paths)
    cold = cached_build(paths, cache)
    assert cold[:3] == full and len(cold[3]) == len(paths)
    warm = cached_build(paths, cache)
    assert warm[:3] == full and warm[3] == []

    # a step's text changes: that file alone is built again, and the graph is the full build's
    step = edited(tmp_path, "late-gevolgen-2025.yaml", "Tweede bijeenkomst met partijen", "Derde bijeenkomst")
    again = cached_build(step, cache)
    assert again[:3] == full_build(step) and again[3] == ["late-gevolgen-2025.yaml"]
    assert any("Derde bijeenkomst" in t for t in again[0])

    # a party's label changes: the registry changes, and every file is built again
    party = edited(tmp_path, "parties.yaml", "label: Careyn", "label: Careyn thuiszorg")
    renamed = cached_build(party, cache)
    assert renamed[:3] == full_build(party) and len(renamed[3]) == len(paths)


def test_a_workbook_builds_only_its_own_files_after_the_shipped_data(tmp_path: Path) -> None:
    """An upload (POST /api/validate) reuses the shipped files' triples the validation server warmed
    (service/validate/warm.py): a file that comes from a workbook's sheets registers the same ids as the
    file it replaces, so the registry, and the other files' triples, stay the same."""
    cache = Cache()
    paths = curated_data_paths()
    cached_build(paths, cache)  # the warm-up
    book = tmp_path / "plan.xlsx"
    export_plan("late-gevolgen-2025", book)
    shipped = incremental.read(paths, cache)
    read = read_plan_workbook(book, "plan.xlsx", paths, shipped=shipped, with_texts=False)
    built = incremental.build(read.curated, Iris(), cache, shipped.keys)
    assert sorted(built.built) == sorted(read.records) and "parties.yaml" not in built.built
    full = Builder(Iris()).build(read.curated)
    assert triples(built.ntriples()) == triples(serialize(union_graph(full.dataset)))
    # what an import would write is left out of a validation's reading, and nothing else is
    whole = read_plan_workbook(book, "plan.xlsx", paths)
    assert whole.texts and not read.texts
    assert [(cf.source.path.name, cf.record) for cf in read.curated] == [
        (cf.source.path.name, cf.record) for cf in whole.curated
    ]


def test_a_cache_keeps_what_another_holds() -> None:
    """The validation server reads its warm-up through the disk cache and hands it to the memory cache its
    validations use (they never write a file)."""
    disk, memory = Cache(), Cache()
    disk.put("triples", "k", b"<a> <b> <c> .\n")
    memory.keep(disk)
    assert memory.get("triples", "k") == b"<a> <b> <c> .\n" and memory.directory is None


def test_errors_of_the_incremental_build_are_the_full_builds(tmp_path: Path) -> None:
    paths = edited(tmp_path, "late-gevolgen-2025.yaml", "lead: [nfk, iknl]", "lead: [nfk, iknll]")
    cache = Cache()
    for _ in range(2):  # built, then from the cache
        _, _, errors, _ = cached_build(paths, cache)
        assert errors == full_build(paths)[2] and errors
        assert all("iknll" in e for e in errors)


def test_a_changed_file_is_never_answered_from_the_cache(tmp_path: Path) -> None:
    """The editors' loop: validate, edit, validate; the second report follows the edit."""
    cache = Cache(tmp_path / "cache")
    name = "late-gevolgen-2025.yaml"
    draft = tmp_path / name
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    assert validate_paths([draft], DATA_DIR, engine="oxigraph", cache=cache).conforms
    draft.write_text(text.replace("lead: [nfk, iknl]", "lead: []", 1), encoding="utf-8")  # activity 4, step 1
    report = validate_paths([draft], DATA_DIR, engine="oxigraph", cache=Cache(tmp_path / "cache"))
    assert not report.conforms
    [violation] = [r for r in report.results if r.severity == "violation"]
    assert violation.message_en.startswith("The step has no lead party")
    line = read_yaml(draft).lines[("activities", 3, "steps", 0)]
    assert violation.location is not None and (violation.location.file, violation.location.line) == (str(draft), line)


# -- what the engine refuses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "problem"),
    [
        ("sh:closed true ; sh:message 'x'@nl , 'x'@en", "not implemented"),
        ("sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message 'alleen Nederlands'@nl ]", "English"),
        ("sh:property [ sh:path ex:p ; sh:minCount 1 ]", "no sh:message"),
    ],
)
def test_shapes_the_engine_cannot_check_are_refused(shape: str, problem: str) -> None:
    shapes = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .\n"
        f"ex:S a sh:NodeShape ; sh:targetClass ex:C ; {shape} .",
        format="turtle",
    )
    with pytest.raises(ShapesError, match=problem):
        compile_shapes(shapes)
