"""The completeness checks are SPARQL files with a `#+` header, using only terms the ontology declares."""

from __future__ import annotations

import re

from nkc_kg.loaders.iris import DEFAULT_BASE
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.loaders.validation import ontology_graph
from nkc_kg.service.completeness.checks import ACTIVITY_CHECKS, HEADER_QUERY, PARTY_CHECKS, TEXTS_QUERY, load_checks


def test_every_check_has_a_header_with_its_plan_parameter() -> None:
    checks = load_checks()
    assert set(checks) == {*ACTIVITY_CHECKS, *PARTY_CHECKS, TEXTS_QUERY, HEADER_QUERY}
    for check in checks.values():
        assert [(p.name, p.type) for p in check.parameters] == [("plan", "plan")], check.name
        assert check.summary and check.description and check.returns, check.name


NKC = DEFAULT_BASE + "def#"  # the queries are written with the default base


def test_the_queries_use_declared_terms_only() -> None:
    declared = {str(s) for s in ontology_graph().subjects() if str(s).startswith(NKC)}
    for path in [*(QUERIES_DIR / "completeness").glob("*.rq"), *(QUERIES_DIR / "api").glob("annotation-*.rq")]:
        for name in re.findall(r"\bnkc:(\w+)", path.read_text(encoding="utf-8")):
            assert f"{NKC}{name}" in declared, f"{path.name}: nkc:{name} is not in ontology/"
