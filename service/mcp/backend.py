"""What the MCP server answers from: the served graph's domain objects, and how a failure is told.

One :class:`Backend` per served graph: the question catalogue (which holds the store, IRIs, entity
index, :class:`PlanData` and :class:`Provenance`, with their caches) and what answers clients' SPARQL
with the service's limits. Both transports build it from the same objects as the REST API, so an
assistant gets the answers the pages and the API give.

A :class:`ToolError` is a refusal worded as the REST API's 4xx body (``error`` and ``detail``); the
server turns it into an MCP tool error, never a protocol failure or a stack trace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.catalog import ParameterError
from nkc_kg.service.graph.plan_data import BadParameter, NotFound, PlanData
from nkc_kg.service.graph.provenance import Provenance
from nkc_kg.service.questions.catalogue import Questions

JsonDict = dict[str, Any]
LANGUAGES = ("nl", "en")
# Every string argument a tool or prompt takes is at most this long (the question parameters' bound);
# the sparql tool's query has its own bound (general.py).
MAX_ARGUMENT_LENGTH = 200
MAX_ARGUMENTS = 16


class SparqlAnswerer(Protocol):
    def answer(self, sparql: str, media_type: str | None, limit: int, timeout: float) -> tuple[bytes, str]: ...


@dataclass(frozen=True)
class Backend:
    questions: Questions
    sparql: SparqlAnswerer  # the /sparql answerer: worker processes killed at the limit, or the store
    query_timeout: float  # seconds, as for /sparql
    result_limit: int  # rows or triples, as for /sparql
    site: str | None = None  # the service's address, for absolute page URLs (None: paths on the service)

    @property
    def data(self) -> PlanData:
        return self.questions.data

    @property
    def provenance(self) -> Provenance:
        return self.questions.provenance

    @property
    def iris(self) -> Iris:
        return self.questions.iris


class ToolError(Exception):
    """A call the server refuses: ``error`` and ``detail`` as the REST API's JSON problem body says them."""

    def __init__(self, error: str, detail: Any = None) -> None:
        super().__init__(error)
        self.error, self.detail = error, detail

    @classmethod
    def of(cls, exc: ParameterError | NotFound | BadParameter) -> ToolError:
        """The REST API's wording of a domain error (questions/routes.py, plans/routes.py)."""
        if isinstance(exc, ParameterError):
            return cls(str(exc), {"parameter": exc.name, "suggestions": exc.suggestions})
        if isinstance(exc, NotFound):
            return cls(exc.what, exc.detail)
        return cls(f"bad parameter {exc.name!r}", exc.detail)

    def body(self) -> JsonDict:
        return {"error": self.error, "detail": self.detail}

    def text(self) -> str:
        """One line for the assistant: the error, and what is accepted instead."""
        detail = self.detail
        if isinstance(detail, Mapping):
            accepted = detail.get("suggestions") or detail.get("known")
            if accepted:
                return f"{self.error} (did you mean: {', '.join(str(a) for a in accepted)}?)"
            return self.error
        return f"{self.error}: {detail}" if detail else self.error


def checked_text(name: str, value: object, limit: int = MAX_ARGUMENT_LENGTH, required: bool = True) -> str | None:
    """A string argument as given, bounded; ParameterError (the REST wording) when missing or not text."""
    if value is None or value == "":
        if required:
            raise ParameterError(name, "missing")
        return None
    if not isinstance(value, str):
        raise ParameterError(name, f"expected text, got {json_type(value)}")
    if len(value) > limit:
        raise ParameterError(name, f"longer than {limit} characters")
    return value


def checked_lang(value: object) -> str:
    if value is None:
        return "nl"
    if value not in LANGUAGES:
        shown = repr(value[:50]) if isinstance(value, str) else json_type(value)
        raise ParameterError("lang", f"expected one of {', '.join(LANGUAGES)}, got {shown}")
    return str(value)


def json_type(value: object) -> str:
    """How JSON calls the type of ``value`` ('an array', 'true or false', …), for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "an array"
    return "an object"


def absolute(answer: Any, site: str | None) -> Any:
    """The answer with every ``url`` (and the ``links``) made absolute on ``site``; unchanged without one."""
    if not site:
        return answer
    base = site.rstrip("/")

    def walk(value: Any, key: str | None = None) -> Any:
        if isinstance(value, Mapping):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str) and value.startswith("/") and key in ("url", "page", "api", "query"):
            return base + value
        return value

    return walk(answer)
