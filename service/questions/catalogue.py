"""The named queries as questions in plain language, Dutch and English.

Every query of ``queries/`` with a ``question`` in its header is a question. This module reads what
people type into its parameters ("iknl", "Zorginstituut", "Q4 2025", "4e kwartaal 2025", "subdoel 5")
and resolves it against the graph, offers the pickers' options (plans with titles, the subgoals of the
chosen plan, parties by name and abbreviation, the years of the plans, the quarters the steps'
timeframes span, the abbreviations), runs the query with the values bound by the store, and assembles
the answer: the question filled in, the sentence and table of :mod:`.answers`, the SPARQL
with its bound values, and the sources of :mod:`.provenance`.

Unknown values raise :class:`UnknownValue` (a 404) with the closest known values as suggestions;
malformed ones :class:`ParameterError` (a 400). Nothing typed reaches the query text: values are
resolved to known entities or checked literals first, then bound as RDF terms.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import LANGUAGES, CatalogError, NamedQuery, Parameter, ParameterError, literal_for
from nkc_kg.service.graph.periods import EXPECTED_QUARTER, quarter_label, quarter_of
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.provenance import Location, Provenance, iris_in, locator
from nkc_kg.service.graph.runner import EntityIndex, bind_parameters, fold
from nkc_kg.service.i18n.wording import long_date, pick
from nkc_kg.service.linked_data.routes import service_path
from nkc_kg.service.questions.answers import ANSWERS, Context
from nkc_kg.service.store.embedded import Store
from nkc_kg.service.store.values import with_values

MAX_VALUE_LENGTH = 200
ANSWER_CACHE_ENTRIES = 1024
# besides a question's own parameters, a request may carry these
RESERVED = ("lang", "format")
SUBGOAL_FORM = re.compile(r"(?:subdoel|subgoal|sub goal)?\s*(\d{1,3})")
DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
PARTY_CLASSES = (QUERIES_DIR / "questions" / "party-classes.rq").read_text(encoding="utf-8")

JsonDict = dict[str, Any]


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


def _shown(value: str) -> str:
    return repr(value if len(value) <= 50 else value[:50] + "…")


class Questions:
    """The question catalogue over one store; thread-safe, graph lookups cached (the graph is read-only)."""

    def __init__(
        self,
        catalog: Mapping[str, NamedQuery],
        store: Store,
        iris: Iris,
        index: EntityIndex,
        data: PlanData,
        provenance: Provenance,
    ) -> None:
        self.catalog = {name: q for name, q in catalog.items() if q.question}
        self.store, self.iris, self.index, self.data, self.provenance = store, iris, index, data, provenance
        self._lock = threading.RLock()
        self._cache: dict[str, Any] = {}
        self._answers: OrderedDict[tuple[Any, ...], JsonDict] = OrderedDict()
        missing = sorted(set(self.catalog) - set(ANSWERS))
        if missing:
            # a question without its answer function would answer with nothing: stop start-up instead
            files = ", ".join(f"queries/{name}.rq" for name in missing)
            raise CatalogError(f"{files}: a question without an answer function in service/questions/answers/")

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
            raise UnknownValue(param.name, f"{_shown(value)} names more than one {what}", names[:10])
        close = difflib.get_close_matches(key, list(keys), n=8, cutoff=0.5)
        names = list(dict.fromkeys(show(keys[k]) for k in close))[:5]
        raise UnknownValue(param.name, f"unknown {what} {_shown(value)}", names)

    def _subgoal(self, param: Parameter, value: str, plan: Resolved) -> Resolved:
        match = SUBGOAL_FORM.fullmatch(fold(value))
        if not match:
            raise ParameterError(param.name, f"expected a subgoal number like {param.example}, got {_shown(value)}")
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
            raise ParameterError(param.name, f"expected a year like {param.example}, got {_shown(value)}")
        years = self.years()
        if int(value) not in years:
            closest = sorted(years, key=lambda y: (abs(y - int(value)), y))
            raise UnknownValue(param.name, f"no plan of the year {value}", [str(y) for y in closest])
        return Resolved(param.name, value, value, {lang: value for lang in LANGUAGES})

    def _quarter(self, param: Parameter, value: str) -> Resolved:
        found = quarter_of(value)
        if found is None:
            raise ParameterError(param.name, f"{EXPECTED_QUARTER}, got {_shown(value)}")
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
            raise ParameterError(param.name, f"expected a date like {param.example} or 1-10-2025, got {_shown(value)}")
        return Resolved(param.name, value, day.isoformat(), {lang: long_date(day, lang) for lang in LANGUAGES})

    def _abbreviation(self, param: Parameter, value: str) -> Resolved:
        known = self.index.abbreviations
        spellings = known.get(fold(value))
        if spellings is None:
            close = difflib.get_close_matches(fold(value), list(known), n=5, cutoff=0.5)
            raise UnknownValue(param.name, f"unknown abbreviation {_shown(value)}", [str(known[k][0]) for k in close])
        # spellings that differ only in case are one abbreviation: the one typed, else the first
        written = value if value in {str(s) for s in spellings} else str(spellings[0])
        entry = self.abbreviations().get(written, {})
        return Resolved(param.name, value, written, {lang: written for lang in LANGUAGES},
                        description={lang: str(entry.get("expansion") or "") for lang in LANGUAGES})  # fmt: skip

    # -- the answer -----------------------------------------------------------------------------

    def answer(self, query: NamedQuery, raw: Mapping[str, str], lang: str) -> JsonDict:
        if lang not in LANGUAGES:
            raise ParameterError("lang", f"expected one of {', '.join(LANGUAGES)}, got {_shown(lang)}")
        resolved = self.resolve(query, raw)
        values = {name: r.value for name, r in resolved.items()}
        key = (query.name, tuple(values.items()), lang)
        with self._lock:
            cached = self._answers.get(key)
            if cached is not None:
                self._answers.move_to_end(key)
                return self._as_typed(cached, resolved)
        bindings = bind_parameters(query, values, self.index)
        sparql = self.iris.rebase(query.sparql)
        result = self.store.select(sparql, bindings)
        context = Context(
            rows=result.rows,
            values=values,
            labels={name: r.labels[lang] for name, r in resolved.items()},
            entities={name: r.iri for name, r in resolved.items() if r.iri},
            lang=lang,
            iris=self.iris,
            entity=lambda iri, label: self.entity(str(iri), label, lang),
            plan=lambda plan_id: self.plan_ref(plan_id, lang),
            party_name=self.party_name,
            parties_in=self.parties_in,
            locations=lambda iri: self.location_labels(iri, lang),
            class_label=lambda en: self.class_labels().get(en, {}).get(lang, en),
            domain_label=lambda notation: self.domain_labels().get(notation, {}).get(lang, notation),
            plan_of=lambda iri: next((pid for pid, p in self.plans().items() if p["iri"] == iri), None),
        )
        shaped = ANSWERS[query.name](context)
        parameter_iris = [r.iri for r in resolved.values() if r.iri]
        citations = self.provenance.cite(shaped.cited, [*parameter_iris, *shaped.mentioned, *iris_in(shaped.rows)])
        query_string = urlencode(values)
        answer: JsonDict = {
            "id": query.name,
            "lang": lang,
            "question": query.question[lang].format_map({name: r.labels[lang] for name, r in resolved.items()}),
            "parameters": [
                {
                    "name": r.name,
                    "input": r.input,
                    "value": r.value,
                    "label": r.labels[lang],
                    "description": r.description.get(lang) or None,
                    "iri": r.iri,
                    "url": None if r.iri is None else service_path(r.iri, self.iris),
                }
                for r in resolved.values()
            ],
            "sentence": shaped.sentence,
            "columns": [{"key": k, "label": heading} for k, heading in shaped.columns],
            "rows": shaped.rows,
            "sparql": self.shown_sparql(query, bindings, lang),
            **citations,
            "links": {
                "page": f"/vragen/{query.name}?" + urlencode({**values, "lang": lang}),
                "api": f"/api/questions/{query.name}?" + urlencode({**values, "lang": lang}),
                "query": f"/api/queries/{query.name}" + (f"?{query_string}" if query_string else ""),
            },
        }
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > ANSWER_CACHE_ENTRIES:
                self._answers.popitem(last=False)
        return answer

    @staticmethod
    def _as_typed(answer: JsonDict, resolved: Mapping[str, Resolved]) -> JsonDict:
        """A cached answer (shared by every spelling of the same values) with this request's input."""
        parameters = [{**p, "input": resolved[p["name"]].input} for p in answer["parameters"]]
        return {**answer, "parameters": parameters}

    def shown_sparql(self, query: NamedQuery, bindings: Mapping[str, Any], lang: str) -> str:
        """The query as it ran: the file's body with the bound values in a VALUES block (pasteable in /sparql)."""
        body = "\n".join(line for line in query.sparql.splitlines() if not line.startswith("#+")).strip()
        body = self.iris.rebase(body)
        note = pick(
            lang,
            f"# queries/{query.path.name}; de waarden van de vraag staan in het VALUES-blok",
            f"# queries/{query.path.name}; the question's values are in the VALUES block",
        )
        return f"{note}\n{with_values(body, bindings)}"

    def cited_for(self, query: NamedQuery, raw: Mapping[str, str]) -> JsonDict:
        """The sources and curated facts of a named query's answer (for /api/queries/{name}). A value the
        question does not know gives no rows there either, so no sources."""
        if query.name not in self.catalog:
            return {"sources": [], "curated": []}
        try:
            answer = self.answer(query, {k: v for k, v in raw.items() if k not in RESERVED}, "nl")
        except UnknownValue:
            return {"sources": [], "curated": []}
        return {"sources": answer["sources"], "curated": answer["curated"]}

    # -- the catalogue --------------------------------------------------------------------------

    def describe(self, query: NamedQuery) -> JsonDict:
        example = {p.name: p.example for p in query.parameters}
        suffix = ("?" + urlencode(example)) if example else ""
        generic = {"nl": query.summary_nl or query.summary, "en": query.summary}
        return {
            "id": query.name,
            "question": generic,
            "template": dict(query.question),
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type,
                    "label": dict(p.label) or {lang: p.name for lang in LANGUAGES},
                    "choices": p.choices,
                    "example": p.example,
                }
                for p in query.parameters
            ],
            "api": f"/api/questions/{query.name}{suffix}",
            "options": f"/api/questions/{query.name}/options",
            "page": f"/vragen/{query.name}{suffix}",
        }

    def listing(self) -> list[JsonDict]:
        return [self.describe(q) for q in self.catalog.values()]
