"""The rules of queries/README.md ("every store runs it") checked on the query files themselves, and the
service's side of them: strings bound plain, lists and booleans read the same from every store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import in_list_order
from nkc_kg.service.store.embedded import EmbeddedStore, SelectResult
from nkc_kg.service.store.values import literal_term, truthy, with_values
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

QUERY_FILES = sorted(QUERIES_DIR.rglob("*.rq"))
SERVICE_QUERIES = [p for p in QUERY_FILES if p.parent.name != "ld"]  # the linked-data CONSTRUCT has no order


def body(path: Path) -> str:
    return "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")
    )


def projected(text: str) -> set[str]:
    """The SELECT's columns: its plain variables and the names given with AS."""
    clause = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.S | re.I)
    names, depth = set(), 0
    for token in re.finditer(r"\(|\)|\bAS\s+[?$](\w+)|[?$](\w+)", clause[1] if clause else "", re.I):
        if token[0] == "(":
            depth += 1
        elif token[0] == ")":
            depth -= 1
        elif token[1]:
            names.add(token[1])
        elif depth == 0:
            names.add(token[2])
    return names


# Virtuoso sorts by at most 20 keys: the labels and texts of api/plan.rq go with the node they describe
UNORDERED = {
    "api/plan.rq": {"themeLabel", "documentLabel", "revisionTitle", "goalText", "goalTextEn", "problemText",
                    "problemTextEn", "problemDescriptionText", "teamLabel", "missionLabel"},
}  # fmt: skip


def order_keys(text: str) -> list[str]:
    """The keys of the query's last ORDER BY, expressions kept whole."""
    clause = text[text.rfind("ORDER BY") + len("ORDER BY") :]
    keys, depth, current = [], 0, ""
    for ch in clause:
        if ch.isspace() and depth == 0:
            if current:
                keys.append(current)
            current = ""
            continue
        depth += (ch == "(") - (ch == ")")
        current += ch
    return [*keys, current] if current else keys


@pytest.mark.parametrize("path", SERVICE_QUERIES, ids=lambda p: str(p.relative_to(QUERIES_DIR)))
def test_every_select_orders_its_rows_portably(path: Path) -> None:
    text = body(path)
    if not re.search(r"\bSELECT\b", text) or "ORDER BY" not in text:
        pytest.fail(f"{path}: a SELECT without ORDER BY gives its rows in the store's order")
    keys = order_keys(text)
    assert len(keys) <= 20, f"{path}: Virtuoso sorts by at most 20 keys, not {len(keys)}"
    ordered = {name for key in keys for name in re.findall(r"[?$](\w+)", key)}
    grouped = "GROUP BY" in text
    aggregates = set(re.findall(r"\bAS\s+\?(\w+)\s*\)", text)) if grouped else set()
    assert not ordered & aggregates, f"{path}: Virtuoso does not sort by an aggregate's variable"
    missing = projected(text) - ordered - aggregates - UNORDERED.get(str(path.relative_to(QUERIES_DIR)), set())
    assert not missing, f"{path}: ORDER BY leaves {sorted(missing)} to the store's order"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: str(p.relative_to(QUERIES_DIR)))
def test_no_construct_that_a_store_refuses(path: Path) -> None:
    text = body(path)
    assert "^^xsd:string" not in text, f"{path}: write strings plain"
    assert not re.search(
        r"\b(IF|COALESCE)\s*\((?:[^()]|\([^()]*\))*\b(GROUP_CONCAT|COUNT|SUM|MIN|MAX|SAMPLE|AVG)\s*\(", text
    ), f"{path}: an aggregate inside IF/COALESCE (Virtuoso SQ156)"
    assert not re.search(r"GROUP_CONCAT\s*\(\s*(DISTINCT\s+)?(IF|COALESCE|STR)\s*\(", text), (
        f"{path}: an expression inside GROUP_CONCAT (Virtuoso SQ156); BIND the value first"
    )
    assert not re.search(r"BIND\s*\(\s*\?\w+\s*(\|\||&&)\s*(NOT\s+)?EXISTS", text), (
        f"{path}: a BIND of EXISTS that uses another BIND's variable (Virtuoso SQ074)"
    )
    transitive = re.findall(r"[\w:>]\s*[+*](?=\s+[?<\w])", re.sub(r"\(\*\)|\bSELECT\s+\*", "", text))
    assert len(transitive) <= 1, f"{path}: two transitive paths in one query (Virtuoso answers them wrongly)"


def test_the_kinds_of_party_are_at_most_three_levels_deep(store: EmbeddedStore) -> None:
    """api/annotation-parties.rq spells the class hierarchy under nkc:Party out to three levels."""
    deeper = store.select(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?class WHERE { "
        "?class rdfs:subClassOf/rdfs:subClassOf/rdfs:subClassOf/rdfs:subClassOf <https://w3id.org/nkc-kg/def#Party> }"
    )
    assert deeper.rows == [], "a kind of party four levels deep: extend api/annotation-parties.rq"


def test_strings_are_bound_plain_and_other_values_typed() -> None:
    assert literal_term(Literal("CieOOM")) == literal_term(Literal("CieOOM", datatype=XSD.string)) == '"CieOOM"'
    assert literal_term(Literal("2025", datatype=XSD.gYear)) == '"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    assert literal_term(Literal("kanker", lang="nl")) == '"kanker"@nl'
    query = with_values("SELECT ?x WHERE { ?x ?p ?abbr }", {"abbr": Literal("CieOOM", datatype=XSD.string)})
    assert '("CieOOM")' in query and "XMLSchema#string" not in query


def named(sparql: str, **fields: object) -> NamedQuery:
    return NamedQuery("q", Path("q.rq"), "s", "d", (), sparql, **fields)  # type: ignore[arg-type]


def test_lists_are_built_in_one_order_and_booleans_read_alike() -> None:
    query = named(
        'SELECT ?a (GROUP_CONCAT(DISTINCT ?x; separator=", ") AS ?lead) (GROUP_CONCAT(?n; separator=",") AS ?ns)'
        " ?flag WHERE { }",
        booleans=("flag",),
    )
    assert query.lists == {"lead": ", ", "ns": ","}
    rows = [
        {"a": URIRef("urn:a"), "lead": Literal("NFK, , IKNL"), "ns": Literal("10,2,all"), "flag": Literal(1)},
        {"a": URIRef("urn:b"), "flag": Literal(False)},  # a store that leaves an empty GROUP_CONCAT unbound
    ]
    read = in_list_order(query, SelectResult(["a", "lead", "ns", "flag"], rows)).rows
    assert read[0]["lead"] == Literal("IKNL, NFK") and read[0]["ns"] == Literal("2,10,all")
    assert read[0]["flag"] == Literal(True) and read[1]["flag"] == Literal(False)
    assert read[1]["lead"] == Literal("") and read[1]["ns"] == Literal("")
    assert [truthy(Literal(v)) for v in ("true", "1", "false", "0")] == [True, True, False, False]
    assert truthy(None) is False
