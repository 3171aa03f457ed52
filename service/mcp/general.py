"""The general tools: ``search`` (the site search), ``describe`` (describe.py) and ``sparql`` (read-only).

``sparql`` answers as ``/sparql`` does: the same refusal of updates, SERVICE and LOAD
(sparql/protocol.py), the same answerer (the SPARQL worker processes, killed at the time limit) and
the same time and size limits (NKC_KG_QUERY_TIMEOUT, NKC_KG_RESULT_LIMIT), with the REST API's words
for each refusal.
"""

from __future__ import annotations

import json
import re
from typing import Any

import anyio
import mcp.types as types
from nkc_kg.service.graph.plan_data import BadParameter
from nkc_kg.service.graph.runner import fold
from nkc_kg.service.i18n.messages import kind_label
from nkc_kg.service.i18n.wording import pick
from nkc_kg.service.mcp.backend import MAX_ARGUMENT_LENGTH, Backend, JsonDict, ToolError, absolute, json_type
from nkc_kg.service.mcp.question_tools import READ_ONLY
from nkc_kg.service.mcp.schemas import (
    DESCRIBE_INPUT,
    DESCRIBE_OUTPUT,
    SEARCH_INPUT,
    SEARCH_OUTPUT,
    SPARQL_INPUT,
    SPARQL_OUTPUT,
)
from nkc_kg.service.sparql.protocol import refuse_unsafe
from nkc_kg.service.store.embedded import QueryRefused, QueryTimeout, QueryTooLarge, StoreUnavailable
from nkc_kg.service.store.pool import QueryWorkersFailed
from nkc_kg.service.store.query_guard import QueryRejected

MAX_QUERY_LENGTH = 100_000  # characters of a SPARQL query given to the sparql tool
JSON_RESULTS = "application/sparql-results+json"
SHOWN_ROWS = 100  # rows of a SELECT answer written out in the text (all are in the structured content)
PLAN_PATH = re.compile(r"plan/([^/]+)(?:/|$)")

SEARCH = types.Tool(
    name="search",
    title="Search the plans",
    description="Search plans, parties, activities, subgoals, abbreviations and other entities by their names "
    "and texts, Dutch or English, as the site search does (exact label or abbreviation first). Each result "
    "has its IRI, page, type and plan.\nZoek in de plannen: partijen, activiteiten, subdoelen, afkortingen, …",
    input_schema=SEARCH_INPUT,
    output_schema=SEARCH_OUTPUT,
    annotations=types.ToolAnnotations(**READ_ONLY.model_dump(exclude_none=True), title="Search the plans"),
)
DESCRIBE = types.Tool(
    name="describe",
    title="Describe one entity",
    description="One entity (plan, subgoal, activity, party, abbreviation, document, …) by its IRI, its path "
    "on the service or its name, as its page for people says it, with the sources of its facts.\n"
    "Beschrijf één ding uit de plannen zoals de pagina het zegt, met bronnen.",
    input_schema=DESCRIBE_INPUT,
    output_schema=DESCRIBE_OUTPUT,
    annotations=types.ToolAnnotations(**READ_ONLY.model_dump(exclude_none=True), title="Describe one entity"),
)
SPARQL = types.Tool(
    name="sparql",
    title="SPARQL query (read-only)",
    description="Run a read-only SPARQL 1.1 query over the knowledge graph (the union of its named graphs), "
    "with the same limits as the /sparql endpoint: updates, SERVICE and LOAD are refused, a query may run "
    "for a limited time and return a limited number of rows. Use the question tools first: their answers "
    "carry sentences and sources. The vocabulary is https://w3id.org/nkc-kg/def# (prefix nkc:).",
    input_schema=SPARQL_INPUT,
    output_schema=SPARQL_OUTPUT,
    annotations=types.ToolAnnotations(**READ_ONLY.model_dump(exclude_none=True), title="SPARQL query (read-only)"),
)
GENERAL_TOOLS = (SEARCH, DESCRIBE, SPARQL)


def search(backend: Backend, arguments: dict[str, Any], lang: str, site: str | None) -> tuple[str, JsonDict]:
    q = arguments.get("q")
    if q is not None and not isinstance(q, str):
        raise ToolError.of(BadParameter("q", f"expected text, got {json_type(q)}"))
    if not q or not fold(q) or len(q) > MAX_ARGUMENT_LENGTH:
        # the REST API's words for /api/search?q=
        raise ToolError.of(BadParameter("q", f"give 1 to {MAX_ARGUMENT_LENGTH} characters to search for"))
    found = backend.data.search(q)
    plans = {p["id"] for p in backend.data.plans()["plans"]}
    results = []
    for result in found["results"]:
        path = result["iri"][len(backend.iris.base) :] if result["iri"].startswith(backend.iris.base) else ""
        match = PLAN_PATH.match(path)
        plan = match[1] if match and match[1] in plans else None
        results.append({**result, "typeLabel": kind_label(result["type"], lang), "plan": plan})
    answer = absolute({"query": found["query"], "total": found["total"], "results": results}, site)
    lines = [pick(lang, f"{found['total']} resultaten voor ‘{q}’", f"{found['total']} results for ‘{q}’")]
    for result in answer["results"]:
        where = f", {result['plan']}" if result["plan"] else ""
        lines.append(f"- {result['label']} ({result['typeLabel']}{where}) <{result['url'] or result['iri']}>")
    return "\n".join(lines), answer


def checked_query(arguments: dict[str, Any]) -> str:
    query = arguments.get("query")
    if query is None or (isinstance(query, str) and not query.strip()):
        raise ToolError("missing query", "pass the SPARQL query as 'query'")
    if not isinstance(query, str):
        raise ToolError("malformed query", f"expected the query as text, got {json_type(query)}")
    if len(query) > MAX_QUERY_LENGTH:
        raise ToolError("query too long", f"at most {MAX_QUERY_LENGTH} characters")
    try:
        refuse_unsafe(query)
    except (QueryRefused, QueryRejected) as exc:
        raise ToolError("query refused", str(exc)) from None
    return query


async def sparql(backend: Backend, arguments: dict[str, Any]) -> tuple[str, JsonDict]:
    """The query answered as /sparql answers it (same answerer, limits and refusals)."""
    query = checked_query(arguments)
    limit = backend.query_timeout
    try:
        # as /sparql: the answerer keeps the limit itself (the pool kills the worker); the grace period
        # only guards answerers that cannot
        with anyio.fail_after(limit + 1.0):
            body, content_type = await anyio.to_thread.run_sync(
                backend.sparql.answer, query, JSON_RESULTS, backend.result_limit, limit, abandon_on_cancel=True
            )
    except (TimeoutError, QueryTimeout):
        raise ToolError("query timed out", f"the query ran longer than {limit:g} s; narrow it down") from None
    except QueryWorkersFailed as exc:
        raise ToolError("SPARQL endpoint unavailable", str(exc)) from None
    except QueryTooLarge as exc:
        raise ToolError("answer too large", str(exc)) from None
    except ValueError as exc:
        raise ToolError("malformed query", str(exc)) from None
    except StoreUnavailable as exc:
        raise ToolError("triple store unavailable", str(exc)) from None
    if content_type.startswith(JSON_RESULTS):
        results = json.loads(body)
        if "boolean" in results:
            return ("true" if results["boolean"] else "false"), {"kind": "ask", "boolean": bool(results["boolean"])}
        variables = list(results["head"].get("vars", []))
        rows = results["results"]["bindings"]
        return _table(variables, rows), {"kind": "select", "variables": variables, "rows": rows}
    turtle = body.decode("utf-8", errors="replace")
    return turtle, {"kind": "graph", "graph": turtle}


def _table(variables: list[str], rows: list[dict[str, Any]]) -> str:
    lines = [f"{len(rows)} rows", "\t".join(variables)]
    lines += ["\t".join(str(row.get(v, {}).get("value", "")) for v in variables) for row in rows[:SHOWN_ROWS]]
    if len(rows) > SHOWN_ROWS:
        lines.append(f"… (the first {SHOWN_ROWS}; every row is in the structured content)")
    return "\n".join(lines)
