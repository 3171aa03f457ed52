"""What people type into a question ("iknl", "Zorginstituut", "4e kwartaal 2025", "subdoel 5"), resolved
against the graph, and the options the question page offers.

Unknown values raise :class:`UnknownValue` (a 404) with the closest known values as suggestions;
malformed ones :class:`ParameterError` (a 400).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nkc_kg.loaders.names import fold
from nkc_kg.service.graph.catalog import LANGUAGES, NamedQuery, Parameter, ParameterError, literal_for
from nkc_kg.service.graph.periods import EXPECTED_QUARTER, quarter_label, quarter_of
from nkc_kg.service.i18n.wording import long_date
from nkc_kg.service.questions.lookups import GraphLookups, JsonDict

MAX_VALUE_LENGTH = 200
# besides a question's own parameters, a request may carry these
RESERVED = ("lang", "format")
SUBGOAL_FORM = re.compile(r"(?:subdoel|subgoal|sub goal)?\s*(\d{1,3})")
DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


class UnknownValue(ParameterError):
    """A well-formed value that names nothing in the graph (a 404, with suggestions)."""


@dataclass(frozen=True)
class Resolved:
    """A parameter as typed, and what it resolved to."""

    name: str
    input: str
    value: str  # what the runner binds: plan id, subgoal number, party key, 'Q4 2025', ISO date, …
    labels: Mapping[str, str]  # as it reads in the question and the sentence, per language
    iri: str | None = None
    description: Mapping[str, str] = field(default_factory=dict)  # e.g. the subgoal's title, the party's name


@dataclass(frozen=True)
class Option:
    value: str
    labels: Mapping[str, str]


def shown(value: str) -> str:
    return repr(value if len(value) <= 50 else value[:50] + "…")


class ValueReading(GraphLookups):
    """What people type into a question's parameters, read against the graph; the pickers' options."""

    # -- options for the pickers ----------------------------------------------------------------

    def options(self, query: NamedQuery, raw: Mapping[str, str]) -> list[JsonDict]:
        """Every parameter with its label and options (subgoals: of the plan given, else of the example)."""
        out = []
        for param in query.parameters:
            options = self._options_for(query, param, raw)
            out.append(
                {
                    "name": param.name,
                    "type": param.type,
                    "label": dict(param.label) or {lang: param.name for lang in LANGUAGES},
                    "example": param.example,
                    "choices": param.choices,
                    "dependsOn": self._plan_param(query).name if param.choices == "subgoals" else None,  # type: ignore[union-attr]
                    "options": [{"value": o.value, "label": dict(o.labels)} for o in options],
                }
            )
        return out

    def _options_for(self, query: NamedQuery, param: Parameter, raw: Mapping[str, str]) -> list[Option]:
        if param.choices == "plans":
            return [
                Option(pid, {"nl": p["title"], "en": p.get("titleEn") or p["title"]})
                for pid, p in sorted(self.plans().items(), key=lambda kv: (-(kv[1].get("year") or 0), kv[0]))
            ]
        if param.choices == "subgoals":
            plan_param = self._plan_param(query)
            assert plan_param is not None  # the catalog checks it
            try:
                plan_id = self._plan(plan_param, raw.get(plan_param.name) or plan_param.example).value
            except ParameterError:
                plan_id = plan_param.example
            return [
                Option(str(n), {lang: f"{n} — {title}" if title else str(n) for lang in LANGUAGES})
                for n, title in sorted(self.subgoals(plan_id).items())
            ]
        if param.choices == "parties":
            return [
                Option(str(p.get("abbreviation") or p["label"]), self._both(self._party_option(p)))
                for p in sorted(self.parties().values(), key=lambda p: fold(str(p.get("abbreviation") or p["label"])))
            ]
        if param.choices == "years":
            return [Option(str(y), {lang: str(y) for lang in LANGUAGES}) for y in self.years()]
        if param.choices == "quarters":
            return [
                Option(quarter_label(q, y), {lang: quarter_label(q, y) for lang in LANGUAGES})
                for q, y in self.quarters()
            ]
        if param.choices == "abbreviations":
            return [
                Option(a["abbreviation"], {lang: f"{a['abbreviation']} — {a['expansion']}" for lang in LANGUAGES})
                for a in sorted(self.abbreviations().values(), key=lambda a: fold(a["abbreviation"]))
            ]
        return []

    @staticmethod
    def _party_option(party: Mapping[str, Any]) -> str:
        return f"{party['abbreviation']} — {party['label']}" if party.get("abbreviation") else str(party["label"])

    @staticmethod
    def _both(text: str) -> dict[str, str]:
        return {lang: text for lang in LANGUAGES}

    @staticmethod
    def _plan_param(query: NamedQuery) -> Parameter | None:
        return next((p for p in query.parameters if p.type == "plan"), None)

    # -- what people type -> values ---------------------------------------------------------------

    def resolve(self, query: NamedQuery, raw: Mapping[str, str]) -> dict[str, Resolved]:
        known = {p.name for p in query.parameters}
        extra = sorted(set(raw) - known - set(RESERVED))
        if extra:
            raise ParameterError(
                extra[0][:50], f"not a parameter of {query.name} (it takes: {', '.join(sorted(known)) or 'none'})"
            )
        resolved: dict[str, Resolved] = {}
        # plans first: the subgoals a value may name are that plan's
        for param in sorted(query.parameters, key=lambda p: p.type != "plan"):
            value = (raw.get(param.name) or "").strip()
            if not value:
                raise ParameterError(param.name, f"missing (example: {param.example})")
            if len(value) > MAX_VALUE_LENGTH:
                raise ParameterError(param.name, f"longer than {MAX_VALUE_LENGTH} characters")
            resolved[param.name] = self._resolve(query, param, value, resolved)
        return {p.name: resolved[p.name] for p in query.parameters}

    def _resolve(self, query: NamedQuery, param: Parameter, value: str, done: Mapping[str, Resolved]) -> Resolved:
        if param.type == "plan":
            return self._plan(param, value)
        if param.type == "party":
            return self._party(param, value)
        if param.choices == "subgoals":
            plan_param = self._plan_param(query)
            assert plan_param is not None
            return self._subgoal(param, value, done[plan_param.name])
        if param.type == "year":
            return self._year(param, value)
        if param.type == "quarter":
            return self._quarter(param, value)
        if param.type == "date":
            return self._date(param, value)
        if param.choices == "abbreviations":
            return self._abbreviation(param, value)
        literal_for(param, value)  # raises ParameterError when malformed
        return Resolved(param.name, value, value, {lang: value for lang in LANGUAGES})

    def _plan(self, param: Parameter, value: str) -> Resolved:
        keys: dict[str, str] = {}
        for pid, plan in self.plans().items():
            for name in (pid, plan.get("title"), plan.get("titleEn"), plan.get("label")):
                if name:
                    keys.setdefault(fold(str(name)), pid)
        plan_id = self._match(param, value, keys, "plan", lambda pid: pid)
        plan = self.plans()[plan_id]
        labels = {"nl": plan["title"], "en": plan.get("titleEn") or plan["title"]}
        return Resolved(param.name, value, plan_id, labels, plan["iri"])

    def _party(self, param: Parameter, value: str) -> Resolved:
        keys = {key: str(iri) for key, iri in self.index.parties.items()}
        iri = self._match(param, value, keys, "party", self.party_name)
        # the runner resolves the value again through EntityIndex: give it a key that names this party
        key = next(k for k, v in keys.items() if v == iri)
        prefix = str(self.iris.party(""))
        slug = iri[len(prefix) :] if iri.startswith(prefix) else None
        if slug and keys.get(fold(slug)) == iri:
            key = slug
        name = self.party_name(iri)
        label = self.label_of(iri)
        return Resolved(param.name, value, key, {lang: name for lang in LANGUAGES}, iri, {"nl": label, "en": label})

    def _match(
        self, param: Parameter, value: str, keys: Mapping[str, str], what: str, show: Callable[[str], str]
    ) -> str:
        """The one thing ``value`` names: an exact (folded) key, else the only thing whose key starts
        with it at a word boundary ('Zorginstituut', 'late gevolgen'). Unknown or ambiguous: 404."""
        key = fold(value)
        if key in keys:
            return keys[key]
        starting = {target for k, target in keys.items() if key and f" {k}".find(f" {key}") >= 0}
        if len(starting) == 1:
            return starting.pop()
        if starting:
            names = sorted({show(t) for t in starting}, key=str.casefold)
            raise UnknownValue(param.name, f"{shown(value)} names more than one {what}", names[:10])
        close = difflib.get_close_matches(key, list(keys), n=8, cutoff=0.5)
        names = list(dict.fromkeys(show(keys[k]) for k in close))[:5]
        raise UnknownValue(param.name, f"unknown {what} {shown(value)}", names)

    def _subgoal(self, param: Parameter, value: str, plan: Resolved) -> Resolved:
        match = SUBGOAL_FORM.fullmatch(fold(value))
        if not match:
            raise ParameterError(param.name, f"expected a subgoal number like {param.example}, got {shown(value)}")
        number = int(match[1])
        subgoals = self.subgoals(plan.value)
        if number not in subgoals:
            raise UnknownValue(
                param.name, f"the {plan.value} plan has no subgoal {number}", [str(n) for n in sorted(subgoals)]
            )
        iri = str(self.iris.in_plan(plan.value, "subgoal", number))
        title = subgoals[number]
        return Resolved(param.name, value, str(number), {lang: str(number) for lang in LANGUAGES}, iri,
                        {lang: title for lang in LANGUAGES})  # fmt: skip

    def _year(self, param: Parameter, value: str) -> Resolved:
        if not re.fullmatch(r"\d{4}", value):
            raise ParameterError(param.name, f"expected a year like {param.example}, got {shown(value)}")
        years = self.years()
        if int(value) not in years:
            closest = sorted(years, key=lambda y: (abs(y - int(value)), y))
            raise UnknownValue(param.name, f"no plan of the year {value}", [str(y) for y in closest])
        return Resolved(param.name, value, value, {lang: value for lang in LANGUAGES})

    def _quarter(self, param: Parameter, value: str) -> Resolved:
        found = quarter_of(value)
        if found is None:
            raise ParameterError(param.name, f"{EXPECTED_QUARTER}, got {shown(value)}")
        quarters = self.quarters()
        if found not in quarters:
            position = found[1] * 4 + found[0]
            closest = sorted(quarters, key=lambda q: abs(q[1] * 4 + q[0] - position))[:3]
            raise UnknownValue(
                param.name,
                f"no step is planned in or around {quarter_label(*found)}",
                [quarter_label(*q) for q in sorted(closest, key=lambda q: (q[1], q[0]))],
            )
        label = quarter_label(*found)
        return Resolved(param.name, value, label, {lang: label for lang in LANGUAGES})

    def _date(self, param: Parameter, value: str) -> Resolved:
        dutch = DUTCH_DATE.fullmatch(value)
        iso = f"{dutch[3]}-{int(dutch[2]):02d}-{int(dutch[1]):02d}" if dutch else value
        try:
            day = date.fromisoformat(iso) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) else None
        except ValueError:
            day = None
        if day is None:
            raise ParameterError(param.name, f"expected a date like {param.example} or 1-10-2025, got {shown(value)}")
        return Resolved(param.name, value, day.isoformat(), {lang: long_date(day, lang) for lang in LANGUAGES})

    def _abbreviation(self, param: Parameter, value: str) -> Resolved:
        known = self.index.abbreviations
        spellings = known.get(fold(value))
        if spellings is None:
            close = difflib.get_close_matches(fold(value), list(known), n=5, cutoff=0.5)
            raise UnknownValue(param.name, f"unknown abbreviation {shown(value)}", [str(known[k][0]) for k in close])
        # spellings that differ only in case are one abbreviation: the one typed, else the first
        written = value if value in {str(s) for s in spellings} else str(spellings[0])
        entry = self.abbreviations().get(written, {})
        return Resolved(param.name, value, written, {lang: written for lang in LANGUAGES},
                        description={lang: str(entry.get("expansion") or "") for lang in LANGUAGES})  # fmt: skip
