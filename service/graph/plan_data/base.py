"""The plumbing every part of :class:`PlanData` shares, and its errors."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import quote

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import ParameterError
from nkc_kg.service.graph.queries import QueryFolder
from nkc_kg.service.graph.rows import boolean, text
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.store.embedded import Row, Store
from rdflib import URIRef
from rdflib.term import Node

API_QUERIES_DIR = QUERIES_DIR / "api"
GENERIC_PARTY_CLASSES = {"Party", "Organisation"}
ACTIVITY_KIND = {"PrioritisedActivity": "prioritised", "PastActivity": "past"}

JsonDict = dict[str, Any]


class NotFound(LookupError):
    """An unknown plan, subgoal, activity, party or abbreviation (a 404)."""

    def __init__(self, what: str, detail: Any = None) -> None:
        super().__init__(what)
        self.what, self.detail = what, detail


class BadParameter(ValueError):
    """A malformed parameter (a 400)."""

    def __init__(self, name: str, detail: Any = None) -> None:
        super().__init__(name)
        self.name, self.detail = name, detail


def unique(values: Iterable[Any]) -> list[Any]:
    """Distinct values in first-seen order (rows repeat values across optional combinations)."""
    return list(dict.fromkeys(v for v in values if v is not None))


class PlanGraph:
    """What every part of PlanData shares: the store, the API queries, and entities as answers show them."""

    def __init__(self, store: Store, iris: Iris, index: EntityIndex) -> None:
        self.store, self.iris, self.index = store, iris, index
        self._queries = QueryFolder(API_QUERIES_DIR, iris)
        self._lock = threading.Lock()

    def _select(self, name: str, **bindings: Node) -> list[Row]:
        return self.store.select(self._queries[name], bindings or None).rows

    def _url(self, iri: str) -> str | None:
        return service_path(iri, self.iris)

    def entity(self, iri: Node | str, label: str | None = None, **extra: Any) -> JsonDict:
        iri = str(iri)
        return {"iri": iri, "url": self._url(iri), "label": label if label is not None else iri, **extra}

    def _plan_iri(self, plan_id: str) -> URIRef:
        iri = self.index.plans.get(plan_id)
        if iri is None:
            raise NotFound(f"unknown plan {plan_id!r}", {"known": sorted(self.index.plans)})
        return iri

    def _party_iri(self, key: str) -> URIRef:
        try:
            return self.index.party("party", key)
        except ParameterError as exc:
            raise NotFound(f"unknown party {key!r}", {"suggestions": exc.suggestions}) from None

    def _party_ref(self, iri: Node, label: str | None, abbreviation: str | None) -> JsonDict:
        return self.entity(
            iri, label or abbreviation, abbreviation=abbreviation, api=self._party_api(iri, label, abbreviation)
        )

    def _party_api(self, iri: Node, label: str | None, abbreviation: str | None) -> str | None:
        """The /api/parties/{key} path of a party: its slug, else its abbreviation or label, if that finds it."""
        prefix = str(self.iris.party(""))
        slug = str(iri)[len(prefix) :] if str(iri).startswith(prefix) else None
        for key in (slug, abbreviation, label):
            if key and self.index.parties.get(fold(key)) == iri:
                return "/api/parties/" + quote(key, safe="")
        return None

    def _timeframe(self, row: Row) -> JsonDict | None:
        if row.get("timeframe") is None:
            return None
        return self.entity(
            row["timeframe"],
            text(row, "timeframeLabel"),
            start=text(row, "start"),
            end=text(row, "end"),
            tentative=bool(boolean(row, "tentative")),
            approximate=bool(boolean(row, "approximate")),
        )


def without(entry: JsonDict, *keys: str) -> JsonDict:
    return {k: v for k, v in entry.items() if k not in keys}


def parse_date(name: str, value: str | None) -> date:
    """An ISO date parameter (YYYY-MM-DD), or BadParameter."""
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise BadParameter(name, f"expected a date like 2025-10-01, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise BadParameter(name, f"{value!r} is not a date: {exc}") from None
