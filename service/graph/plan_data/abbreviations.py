"""The abbreviations and what they stand for, per source."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from nkc_kg.loaders.names import fold
from nkc_kg.service.graph.plan_data.base import JsonDict, NotFound, PlanGraph, unique
from nkc_kg.service.graph.rows import text
from nkc_kg.service.store.embedded import Row


class Abbreviations(PlanGraph):
    """The abbreviations: every one with its senses, and one as typed (case and accents folded)."""

    def _senses(self, rows: Iterable[Row]) -> dict[str, list[JsonDict]]:
        """Per abbreviation as written, one entry per concept (a document's or the curators' definition)."""
        concepts: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        written: dict[str, str] = {}
        for row in rows:
            concepts[str(row["concept"])][str(row["relation"])].append(row)
            written[str(row["concept"])] = str(row["abbreviation"])
        senses: dict[str, list[JsonDict]] = defaultdict(list)
        for concept, relations in concepts.items():

            def first(
                relation: str, lang: str | None = None, _relations: Mapping[str, list[Row]] = relations
            ) -> str | None:
                for r in _relations[relation]:
                    if lang is None or getattr(r["value"], "language", None) == lang:
                        return str(r["value"])
                return None

            def docs(relation: str, _relations: Mapping[str, list[Row]] = relations) -> list[JsonDict]:
                labels = {str(r["value"]): text(r, "valueLabel") for r in _relations[relation]}
                return [self.entity(iri, label) for iri, label in sorted(labels.items())]

            denotes = docs("denotes")
            senses[written[concept]].append(
                self.entity(
                    concept,
                    first("label", "nl") or first("label"),
                    abbreviation=written[concept],
                    expansion=first("expansion", "nl") or first("expansion"),
                    expansionEn=first("expansion", "en"),
                    definedBySource=(first("definedBySource") or "").lower() == "true",
                    addedByCurators=(first("addedByCurators") or "").lower() == "true",
                    status=first("status"),
                    definedIn=docs("definedIn"),
                    definedAt=docs("location"),
                    usedIn=docs("usedIn"),
                    scheme=(docs("scheme") or [None])[0],
                    denotes=denotes,
                    note=first("note", "nl") or first("note"),
                    sources=sorted({str(r["value"]) for r in relations["source"]}),
                )
            )
        return senses

    def _abbreviation_summary(self, written: str, senses: list[JsonDict]) -> JsonDict:
        # Source definitions before the curators' own, then by document, so 'expansion' is what a source says.
        senses = sorted(senses, key=lambda s: (not s["definedBySource"], [d["iri"] for d in s["definedIn"]]))
        defined_in: dict[str, JsonDict] = {d["iri"]: d for s in senses for d in s["definedIn"]}
        defined_at: dict[str, JsonDict] = {d["iri"]: d for s in senses for d in s["definedAt"]}
        denotes: dict[str, JsonDict] = {d["iri"]: d for s in senses for d in s["denotes"]}
        return {
            "abbreviation": written,
            "expansion": senses[0]["expansion"],
            "expansions": unique(s["expansion"] for s in senses),
            "definedBySource": any(s["definedBySource"] for s in senses),
            "status": next((s["status"] for s in senses if s["status"]), None),
            "definedIn": list(defined_in.values()),
            "definedAt": list(defined_at.values()),
            "denotes": list(denotes.values()),
            "senses": senses,
            "api": f"/api/abbreviations/{written}",
        }

    def abbreviations(self) -> JsonDict:
        senses = self._senses(self._select("abbreviation"))
        return {
            "abbreviations": [
                self._abbreviation_summary(written, entries)
                for written, entries in sorted(senses.items(), key=lambda kv: fold(kv[0]))
            ]
        }

    def abbreviation(self, abbr: str) -> JsonDict:
        written = self.index.abbreviations.get(fold(abbr))
        if not written:
            raise NotFound(f"unknown abbreviation {abbr!r}")
        senses: dict[str, list[JsonDict]] = defaultdict(list)
        for term in written:
            for key, entries in self._senses(self._select("abbreviation", abbreviation=term)).items():
                senses[key].extend(entries)
        variants = [self._abbreviation_summary(w, entries) for w, entries in senses.items()]
        # Spellings that differ only in case ('CieOOM', 'CieOOm') are one abbreviation: the one
        # a source defines leads, the others are kept as variants.
        variants.sort(key=lambda v: (not v["definedBySource"], v["abbreviation"]))
        if not variants:  # the index knows it, the store found no sense of it: a 404, not a 500
            raise NotFound(f"unknown abbreviation {abbr!r}")
        lead = variants[0]
        if len(variants) > 1:
            all_senses = [s for v in variants for s in v["senses"]]
            lead = {
                **self._abbreviation_summary(lead["abbreviation"], all_senses),
                "spellings": [v["abbreviation"] for v in variants],
            }
        return lead
