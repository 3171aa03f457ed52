"""Issue 19: schemathesis over every operation of the OpenAPI description finds no server error (5xx).

The request bodies of POST /sparql and /api/validate are declared, so it sends queries and uploads too.
Examples per operation are few (this runs in CI); a validation that would run longer than the
NKC_KG_VALIDATE_TIMEOUT set here is cut, the one 503 the check allows (a bound doing its work)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def api(app_with, tmp_path_factory: pytest.TempPathFactory) -> Any:  # type: ignore[no-untyped-def]
    app = app_with(
        sparql_workers=0,
        query_timeout=5.0,
        validate_timeout=20.0,
        releases=tmp_path_factory.mktemp("releases"),
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@schemathesis.serializer(
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/yaml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/sparql-query",
)
def as_bytes(ctx: Any, value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def test_no_operation_answers_a_server_error(api: Any) -> None:
    """Every operation with a few generated requests each (schemathesis's pytest plugin does not run
    under this pytest, so the operations are walked here)."""
    server_errors: list[tuple[str, str, int, str]] = []
    operations = [result.ok() for result in api.get_all_operations()]
    assert any(op.path == "/api/validate" for op in operations) and any(op.path == "/sparql" for op in operations)

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def run(case: Any) -> None:
            response = case.call()
            timed_out_validation = response.status_code == 503 and case.path == "/api/validate"
            if response.status_code >= 500 and not timed_out_validation:
                server_errors.append((case.method, case.formatted_path, response.status_code, response.text[:300]))

        run()
    assert server_errors == []
