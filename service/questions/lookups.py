"""The graph lookups behind the questions: the pickers' options and the names in the sentences."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.provenance import Location, Provenance, locator
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.store.embedded import Store

PARTY_CLASSES = (QUERIES_DIR / "questions" / "party-classes.rq").read_text(encoding="utf-8")

JsonDict = dict[str, Any]


class GraphLookups:
    """What the questions look up in the graph (plans, subgoals, parties, years, quarters, …), each read once;
    thread-safe (the graph is read-only)."""

    def __init__(self, store: Store, iris: Iris, index: EntityIndex, data: PlanData, provenance: Provenance) -> None:
        self.store, self.iris, self.index, self.data, self.provenance = store, iris, index, data, provenance
        self._lock = threading.RLock()
        self._cache: dict[str, Any] = {}

    # -- graph lookups, each read once ----------------------------------------------------------

    def _once(self, key: str, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]

    def plans(self) -> dict[str, JsonDict]:
        return self._once("plans", lambda: {p["id"]: p for p in self.data.plans()["plans"]})  # type: ignore[no-any-return]

    def subgoals(self, plan_id: str) -> dict[int, str]:
        def compute() -> dict[int, str]:
            subgoals = self.data.plan(plan_id)["subgoals"]
            return {int(s["number"]): str(s.get("title") or s.get("label") or "") for s in subgoals}

        return self._once(f"subgoals {plan_id}", compute)  # type: ignore[no-any-return]

    def parties(self) -> dict[str, JsonDict]:
        return self._once("parties", lambda: {p["iri"]: p for p in self.data.parties()["parties"]})  # type: ignore[no-any-return]

    def abbreviations(self) -> dict[str, JsonDict]:
        """Abbreviation as written -> its summary (as /api/abbreviations lists it); what people type is
        looked up in the entity index (EntityIndex.abbreviations), which folds case and accents."""
        return self._once(  # type: ignore[no-any-return]
            "abbreviations", lambda: {a["abbreviation"]: a for a in self.data.abbreviations()["abbreviations"]}
        )

    def years(self) -> list[int]:
        return sorted({int(p["year"]) for p in self.plans().values() if p.get("year")})

    def quarters(self) -> list[tuple[int, int]]:
        """Every quarter from the first to the last day any step's timeframe covers, as (quarter, year)."""

        def compute() -> list[tuple[int, int]]:
            steps = self.data.timeline(date(1, 1, 1), date(9999, 12, 31), None, None)["steps"]
            days = [
                date.fromisoformat(day)
                for step in steps
                for day in ((step.get("timeframe") or {}).get("start"), (step.get("timeframe") or {}).get("end"))
                if day
            ]
            if not days:
                return []
            first, last = min(days), max(days)
            quarters = []
            year, quarter = first.year, (first.month - 1) // 3 + 1
            while (year, quarter) <= (last.year, (last.month - 1) // 3 + 1):
                quarters.append((quarter, year))
                year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
            return quarters

        return self._once("quarters", compute)  # type: ignore[no-any-return]

    def class_labels(self) -> dict[str, dict[str, str]]:
        def compute() -> dict[str, dict[str, str]]:
            sparql = self.iris.rebase(PARTY_CLASSES)
            return {str(r["en"]): {"nl": str(r["nl"]), "en": str(r["en"])} for r in self.store.select(sparql).rows}

        return self._once("classes", compute)  # type: ignore[no-any-return]

    def domain_labels(self) -> dict[str, dict[str, str]]:
        def compute() -> dict[str, dict[str, str]]:
            return {
                d["notation"]: {
                    "nl": d.get("name") or d["label"],
                    "en": (d.get("labelEn") or d["label"]).removeprefix(f"{d['notation']} "),
                }
                for d in self.data.euracan_domains()["domains"]
            }

        return self._once("domains", compute)  # type: ignore[no-any-return]

    # -- names of things ------------------------------------------------------------------------

    def party_name(self, iri: str) -> str:
        party = self.parties().get(iri)
        if party is None:
            return self.label_of(iri)
        return str(party.get("abbreviation") or party["label"])

    def label_of(self, iri: str, lang: str = "nl") -> str:
        if iri in self.parties():
            return str(self.parties()[iri]["label"])
        document = self.provenance.documents().get(iri)
        if document is not None:
            return document.title.get(lang) or document.title["nl"]
        for plan in self.plans().values():
            if plan["iri"] == iri:
                return str(plan["titleEn"] if lang == "en" and plan.get("titleEn") else plan["title"])
        return iri.rsplit("/", 1)[-1]

    def entity(self, iri: str, label: str | None, lang: str = "nl") -> JsonDict:
        return {"iri": iri, "url": service_path(iri, self.iris), "label": label or self.label_of(iri, lang)}

    def plan_ref(self, plan_id: str, lang: str) -> JsonDict:
        plan = self.plans().get(plan_id)
        if plan is None:
            return {"iri": None, "url": None, "label": plan_id, "id": plan_id}
        title = plan["titleEn"] if lang == "en" and plan.get("titleEn") else plan["title"]
        return {**self.entity(plan["iri"], title), "id": plan_id}

    def parties_in(self, text: str) -> list[str]:
        """The parties of a GROUP_CONCAT of labels ('A, B'); labels may hold ', ' themselves, so pieces
        are joined back while that names a known party. Empty when any piece is no party."""
        pieces = [p for p in text.split(", ") if p] if text else []
        found: list[str] = []
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                iri = self.index.parties.get(fold(", ".join(pieces[i:j])))
                if iri is not None:
                    found.append(str(iri))
                    i = j
                    break
            else:
                return []
        return list(dict.fromkeys(found))

    def location_labels(self, iri: str, lang: str) -> list[str]:
        """'Actieplan Zeldzame Kankers 2025, dia 34' per document the entity is derived from."""
        per_document: dict[str, list[Location]] = {}
        for loc in self.provenance.locations(iri):
            per_document.setdefault(loc.document, []).append(loc)
        documents = self.provenance.documents()
        labels = []
        for doc, locs in per_document.items():
            title = self.label_of(doc, lang) if doc in documents else doc
            labels.append(f"{title}, {locator(locs, lang)}")
        return labels
