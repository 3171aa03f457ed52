"""The named queries as examples on the query page: runnable as they are, their example values bound.

A named query's text has a ``#+`` header and unbound parameters (the service binds them per request); the
example people see and run has no header and binds each parameter to its example value in a VALUES block.
"""

from __future__ import annotations

import json
from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import EntityIndex, ParameterError, bind_parameters
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.store.values import with_values

MAX_SHOWN_ROWS = 500


def runnable_example(query: NamedQuery, index: EntityIndex, iris: Iris) -> str:
    """``query`` without its header, with its parameters bound to their example values."""
    text = "\n".join(line for line in query.sparql.splitlines() if not line.lstrip().startswith("#+")).strip()
    text = iris.rebase(text)
    try:
        bindings = bind_parameters(query, {p.name: p.example for p in query.parameters}, index)
    except ParameterError:
        return text  # an example value the data no longer knows: the query as it is
    return with_values(text, bindings) if bindings else text


def result_table(body: bytes, iris: Iris) -> dict[str, Any]:
    """A SPARQL JSON result as a table for the page: column names, rows of (text, link), the row count."""
    data = json.loads(body)
    if "boolean" in data:
        return {"columns": ["ASK"], "rows": [[(str(data["boolean"]).lower(), None)]], "count": 1}
    columns = list(data.get("head", {}).get("vars", []))
    bindings = data.get("results", {}).get("bindings", [])
    rows = []
    for binding in bindings[:MAX_SHOWN_ROWS]:
        row = []
        for name in columns:
            term = binding.get(name)
            if term is None:
                row.append(("", None))
            elif term.get("type") == "uri":
                row.append((term["value"], service_path(term["value"], iris) or term["value"]))
            else:
                row.append((term["value"], None))
        rows.append(row)
    return {"columns": columns, "rows": rows, "count": len(bindings), "cut": len(bindings) > MAX_SHOWN_ROWS}
