"""The completeness of a plan, for its editors: what the data lacks, and whether that is a curation gap
or simply not in the source.

Each check is one SPARQL file in ``queries/completeness/`` (with a ``#+`` header naming its ``plan``
parameter), run through the Store interface, so the view is the same on both stores. The check of
undefined abbreviations reads the plan's texts (``plan-texts.rq``) and finds the abbreviations in them
with the annotator (annotate.py).

Every gap says where to fix it: the source location (document and slide) from the graph, and the
file:line of the curated record when the caller knows how the graph was built (``locations``: the
CLI builds it; the service knows it when it serves the curated data of this checkout).

Statuses: ``gap`` (fill it in), ``not-in-source`` (the source gives none: recorded as an issue of kind
missing-in-source, or an activity of an earlier plan known only from a later plan's report),
``in-development`` (the plan says the activity is still being worked out), ``info`` (worth a look).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkc_kg.loaders.curated.yamlio import Location
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.paths import QUERIES_DIR, ROOT
from nkc_kg.service.annotate.annotator import (
    KIND_ABBREVIATION,
    Annotator,
    Match,
    natural_key,
    written_like_abbreviation,
)
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError, parse_query_file
from nkc_kg.service.graph.plan_data import NotFound
from nkc_kg.service.graph.rows import integer, text
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.i18n.messages import message
from nkc_kg.service.store.embedded import Row, Store
from nkc_kg.service.store.values import truthy
from rdflib import URIRef

CHECKS_DIR = QUERIES_DIR / "completeness"
JsonDict = dict[str, Any]

# check (query file) -> the kind of gap it finds, and the status of a gap that is not "not in the source"
ACTIVITY_CHECKS = {
    "step-without-timeframe": ("no-timeframe", "gap"),
    "activity-without-steps": ("no-steps", "gap"),
    "step-without-lead": ("no-lead", "gap"),
    "activity-without-lead": ("no-lead", "gap"),
    "activity-without-result": ("no-intended-result", "gap"),
    "activity-without-subgoal": ("no-subgoal", "gap"),
    "activity-in-development": ("in-development", "in-development"),
}
PARTY_CHECKS = {
    "party-abbreviation-without-expansion": ("no-expansion", "gap"),
    "party-without-abbreviation": ("no-abbreviation", "info"),
}
TEXTS_QUERY = "plan-texts"
HEADER_QUERY = "plan-header"
UNDEFINED_CHECK = "undefined-abbreviation"
UNKNOWN_CHECK = "unknown-abbreviation"
STATUS_ORDER = {"gap": 0, "not-in-source": 1, "in-development": 2, "info": 3}
ABBREVIATION_LIKE = re.compile(r"(?<![\w/])[^\W\d_][\w&]*(?![\w/])")


def load_checks(directory: Path = CHECKS_DIR) -> dict[str, NamedQuery]:
    """The check queries, by name; a malformed header stops the caller (as the named queries do)."""
    checks = {q.name: q for q in (parse_query_file(p) for p in sorted(directory.glob("*.rq")))}
    missing = set(ACTIVITY_CHECKS) | set(PARTY_CHECKS) | {TEXTS_QUERY, HEADER_QUERY}
    missing -= set(checks)
    if missing:
        raise RuntimeError(f"{directory}: missing check queries {sorted(missing)}")
    return checks


@dataclass(frozen=True)
class Gap:
    owner: str  # the activity or party IRI the gap belongs to
    check: str
    kind: str
    status: str
    step: JsonDict | None
    reason: Mapping[str, str] | None
    source: list[JsonDict]
    fix: Location | None


class Completeness:
    """The completeness report of a plan; computed once per plan (the served graph does not change)."""

    def __init__(
        self,
        store: Store,
        iris: Iris,
        index: EntityIndex,
        annotator: Callable[[], Annotator],
        locations: Callable[[], Mapping[str, Location]] | None = None,
        checks: Mapping[str, NamedQuery] | None = None,
    ) -> None:
        self.store, self.iris, self.index = store, iris, index
        self._annotator = annotator
        self._locations = locations
        self.checks = dict(checks or load_checks())
        self._reports: dict[str, JsonDict] = {}
        self._lock = threading.Lock()

    # -- plumbing -------------------------------------------------------------------------------

    def _run(self, check: str, plan: URIRef) -> list[Row]:
        sparql = self.iris.rebase(self.checks[check].sparql)
        return self.store.select(sparql, {"plan": plan}).rows

    def entity(self, iri: object, label: object = None, **extra: Any) -> JsonDict:
        text = str(iri)
        return {"iri": text, "url": service_path(text, self.iris), "label": str(label or text), **extra}

    def _where(self, *iris: object) -> Location | None:
        """The curated record of the first of ``iris`` whose file:line is known."""
        if self._locations is None:
            return None
        known = self._locations()
        return next((known[str(i)] for i in iris if i is not None and str(i) in known), None)

    def _plan_iri(self, plan_id: str) -> URIRef:
        try:
            return self.index.plan("plan", plan_id)
        except ParameterError as exc:
            known = sorted(self.index.plans)
            raise NotFound(f"unknown plan {plan_id!r}", {"known": known, "suggestions": exc.suggestions}) from None

    # -- the report -----------------------------------------------------------------------------

    def report(self, plan_id: str) -> JsonDict:
        plan = self._plan_iri(plan_id)
        with self._lock:
            cached = self._reports.get(plan_id)
        if cached is None:
            cached = self._report(plan_id, plan)
            with self._lock:
                self._reports[plan_id] = cached
        return cached

    def _report(self, plan_id: str, plan: URIRef) -> JsonDict:
        activities: dict[str, JsonDict] = {}
        counts: dict[str, int] = {}
        for check, (kind, status) in ACTIVITY_CHECKS.items():
            rows = self._run(check, plan)
            counts[check] = 0
            for gap in self._activity_gaps(check, kind, status, rows):
                counts[check] += 1
                activity = activities.setdefault(gap.owner, self._activity(rows, gap.owner))
                activity["gaps"].append(self._gap_json(gap))
        parties: dict[str, JsonDict] = {}
        for check, (kind, status) in PARTY_CHECKS.items():
            rows = self._run(check, plan)
            counts[check] = 0
            for gap, row in self._party_gaps(check, kind, status, rows):
                counts[check] += 1
                party = parties.setdefault(
                    gap.owner,
                    self.entity(gap.owner, row.get("partyLabel"), abbreviation=text(row, "abbreviation"), gaps=[]),
                )
                party["gaps"].append(self._gap_json(gap))
        header = next(iter(self._run(HEADER_QUERY, plan)), {})
        document = header.get("document")
        abbreviations = self._undefined_abbreviations(
            self._run(TEXTS_QUERY, plan), None if document is None else str(document)
        )
        counts[UNDEFINED_CHECK] = sum(1 for a in abbreviations if a["kind"] == UNDEFINED_CHECK)
        counts[UNKNOWN_CHECK] = sum(1 for a in abbreviations if a["kind"] == UNKNOWN_CHECK)

        activity_list = sorted(activities.values(), key=lambda a: a["number"] or 0)
        party_list = sorted(parties.values(), key=lambda p: fold(p["label"]))
        for entry in (*activity_list, *party_list):
            entry["gaps"].sort(key=lambda g: (STATUS_ORDER[g["status"]], (g["step"] or {}).get("number") or 0))
        statuses = [g["status"] for e in (*activity_list, *party_list) for g in e["gaps"]]
        return {
            "plan": self.entity(plan, header.get("planLabel") or plan_id, id=plan_id, api=f"/api/plans/{plan_id}"),
            "document": None if document is None else self.entity(document, header.get("documentLabel")),
            "summary": {
                "gaps": statuses.count("gap"),
                "notInSource": statuses.count("not-in-source"),
                "inDevelopment": statuses.count("in-development"),
                "info": statuses.count("info"),
                "activities": len(activity_list),
                "parties": len(party_list),
                "undefinedAbbreviations": counts[UNDEFINED_CHECK],
                "unknownAbbreviations": counts[UNKNOWN_CHECK],
            },
            "activities": activity_list,
            "parties": party_list,
            "abbreviations": abbreviations,
            "checks": [self._check_json(name, counts.get(name, 0)) for name in self._check_names()],
            "fileLines": self._locations is not None,
        }

    def _check_names(self) -> list[str]:
        return [*ACTIVITY_CHECKS, *PARTY_CHECKS, UNDEFINED_CHECK, UNKNOWN_CHECK]

    def _check_json(self, name: str, count: int) -> JsonDict:
        query = self.checks.get(name if name not in (UNDEFINED_CHECK, UNKNOWN_CHECK) else TEXTS_QUERY)
        return {
            "id": name,
            "count": count,
            "title": {
                "nl": message(f"completeness.check.{name}", "nl"),
                "en": message(f"completeness.check.{name}", "en"),
            },
            "query": None if query is None else query.path.relative_to(ROOT).as_posix(),
        }

    def _activity(self, rows: list[Row], iri: str) -> JsonDict:
        row = next(r for r in rows if str(r["activity"]) == iri)
        number = integer(row, "activityNumber")
        plan_id = str(iri).split("/plan/", 1)[-1].split("/", 1)[0]
        return self.entity(
            iri,
            row.get("activityLabel"),
            number=number,
            status=text(row, "status"),
            past=truthy(row.get("past")),  # Virtuoso writes a boolean expression as 1/0
            api=f"/api/plans/{plan_id}/activities/{number}",
            gaps=[],
        )

    # -- the checks -----------------------------------------------------------------------------

    def _activity_gaps(self, check: str, kind: str, status: str, rows: list[Row]) -> list[Gap]:
        grouped: dict[tuple[str, str | None], list[Row]] = defaultdict(list)
        for row in rows:
            step = row.get("step")
            grouped[(str(row["activity"]), None if step is None else str(step))].append(row)
        gaps = []
        for (activity, step), group in grouped.items():
            first = group[0]
            not_in_source = any(truthy(r.get("notInSource")) for r in group)
            issue = next((r.get("issue") for r in group if r.get("issue") is not None), None)
            reason = _reason(group) or (_past_reason() if truthy(first.get("past")) else None)
            gaps.append(
                Gap(
                    owner=activity,
                    check=check,
                    kind=kind,
                    status="not-in-source" if not_in_source else status,
                    step=None
                    if step is None
                    else self.entity(step, first.get("stepLabel"), number=integer(first, "stepNumber")),
                    reason=reason,
                    source=self._sources(group),
                    fix=self._where(issue, step, activity),
                )
            )
        return gaps

    def _party_gaps(self, check: str, kind: str, status: str, rows: list[Row]) -> list[tuple[Gap, Row]]:
        grouped: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[str(row["party"])].append(row)
        gaps = []
        for party, group in grouped.items():
            first = group[0]
            curated = first.get("curated")
            reason = None
            if curated is not None:
                reason = {
                    lang: message("completeness.reason.curated", lang).format(
                        expansion=text(first, "curatedExpansion") or "", status=text(first, "status") or ""
                    )
                    for lang in ("nl", "en")
                }
            gap = Gap(
                owner=party,
                check=check,
                kind=kind,
                status=status,
                step=None,
                reason=reason,
                source=self._sources(group),
                fix=self._where(curated, party),
            )
            gaps.append((gap, first))
        return gaps

    def _undefined_abbreviations(self, texts: list[Row], document: str | None) -> list[JsonDict]:
        """Abbreviations in the plan's texts that the plan's own document does not define, and words written
        like abbreviations that the graph does not know at all."""
        annotator = self._annotator()
        found: dict[str, JsonDict] = {}
        for row in texts:
            text = str(row["text"])
            matches = annotator.annotate(text)
            for match in matches:
                if match.kind != KIND_ABBREVIATION or _defined_in(match, document):
                    continue
                entry = found.setdefault(match.text, self._undefined_entry(annotator, match, document))
                self._used(entry, row)
            for word in _unknown_words(text, matches):
                entry = found.setdefault(
                    word,
                    {"abbreviation": word, "kind": UNKNOWN_CHECK, "occurrences": 0, "usedAt": [], "usedIn": []}
                    | {"curated": None, "definedIn": [], "candidates": []},
                )
                self._used(entry, row)
        return sorted(found.values(), key=lambda e: (e["kind"] != UNDEFINED_CHECK, fold(e["abbreviation"])))

    def _undefined_entry(self, annotator: Annotator, match: Match, document: str | None) -> JsonDict:
        curated = next((c for c in match.candidates if c.kind == KIND_ABBREVIATION and not c.defined_by_source), None)
        elsewhere = {
            c.document.iri: annotator.entity(c.document)
            for c in match.candidates
            if c.document is not None and c.defined_by_source and c.document.iri != document
        }
        return {
            "abbreviation": match.text,
            "kind": UNDEFINED_CHECK,
            "occurrences": 0,
            "usedAt": [],
            "usedIn": [],
            "curated": None
            if curated is None
            else {
                **annotator.candidate_json(curated),
                "fix": _location_json(self._where(curated.iri)),
            },
            "definedIn": list(elsewhere.values()),
            "candidates": [annotator.candidate_json(c) for c in match.candidates],
        }

    def _used(self, entry: JsonDict, row: Row) -> None:
        entry["occurrences"] += 1
        part = str(row["part"])
        if all(p["iri"] != part for p in entry["usedIn"]):
            entry["usedIn"].append(self.entity(part, row.get("partLabel")))
        location = row.get("location")
        if location is not None and all(p["iri"] != str(location) for p in entry["usedAt"]):
            entry["usedAt"].append(self.entity(location, row.get("locationLabel")))
            entry["usedAt"].sort(key=lambda e: natural_key(e["iri"]))

    def _sources(self, rows: list[Row]) -> list[JsonDict]:
        seen: dict[str, JsonDict] = {}
        for row in rows:
            location = row.get("location")
            if location is not None:
                seen.setdefault(str(location), self.entity(location, row.get("locationLabel")))
        return sorted(seen.values(), key=lambda e: natural_key(e["iri"]))

    def _gap_json(self, gap: Gap) -> JsonDict:
        return {
            "kind": gap.kind,
            "check": gap.check,
            "status": gap.status,
            "step": gap.step,
            "reason": dict(gap.reason) if gap.reason else None,
            "source": gap.source,
            "fix": _location_json(gap.fix),
        }


def _location_json(location: Location | None) -> JsonDict | None:
    if location is None:
        return None
    return {
        "file": _repo_path(location.file),
        "line": location.line,
        "at": f"{_repo_path(location.file)}:{location.line}",
    }


def _repo_path(file: str) -> str:
    """data/parties.yaml rather than an absolute path, for files of this checkout."""
    path = Path(file)
    if path.is_absolute():
        try:
            return path.resolve().relative_to(ROOT.resolve()).as_posix()
        except ValueError:
            return file
    return file


def _defined_in(match: Match, document: str | None) -> bool:
    return document is not None and any(
        c.kind == KIND_ABBREVIATION and c.document is not None and c.document.iri == document for c in match.candidates
    )


def _unknown_words(text: str, matches: list[Match]) -> list[str]:
    """Words written like abbreviations ('XYZ', 'PvHH') that no match covers: the graph does not know them."""
    covered = [(m.start, m.end) for m in matches]
    words = []
    for found in ABBREVIATION_LIKE.finditer(text):
        word = found[0]
        if not written_like_abbreviation(word) or not any(c.isupper() for c in word[1:]):
            continue
        if any(start <= found.start() < end for start, end in covered):
            continue
        words.append(word)
    return words


def _reason(rows: list[Row]) -> dict[str, str] | None:
    for row in rows:
        note = text(row, "issueNote")
        if note:
            return {"nl": note, "en": text(row, "issueNoteEn") or note}
    return None


def _past_reason() -> dict[str, str]:
    return {lang: message("completeness.reason.past", lang) for lang in ("nl", "en")}


def grouped_gaps(entry: Mapping[str, Any]) -> list[JsonDict]:
    """An activity's or party's gaps for reading: one row per step and status, with the kinds missing there."""
    rows: dict[tuple[Any, ...], JsonDict] = {}
    for gap in entry["gaps"]:
        step = (gap["step"] or {}).get("number")
        reason = (gap["reason"] or {}).get("nl")
        key = (step, gap["status"], reason, (gap["fix"] or {}).get("at"))
        row = rows.setdefault(key, {**gap, "kinds": [], "checks": []})
        row["kinds"].append(gap["kind"])
        row["checks"].append(gap["check"])
    return list(rows.values())


def short_place(label: str) -> str:
    """'dia 13' from 'Actieplan (Late) Gevolgen 2025, dia 13' (the report is about one document)."""
    return label.rsplit(", ", 1)[-1]


def places(locations: list[JsonDict]) -> str:
    """'dia 4, 12, 13' for a list of locations."""
    parts = [short_place(str(loc["label"])) for loc in locations]
    words = {part.rpartition(" ")[0] for part in parts}
    if len(words) == 1 and "" not in words:
        return f"{words.pop()} " + ", ".join(part.rpartition(" ")[2] for part in parts)
    return ", ".join(parts) or "-"
