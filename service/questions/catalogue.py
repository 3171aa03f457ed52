"""The named queries as questions in plain language, Dutch and English.

Every query of ``queries/`` with a ``question`` in its header is a question. :class:`Questions` reads
what people type into its parameters ("iknl", "Zorginstituut", "Q4 2025", "4e kwartaal 2025",
"subdoel 5") and resolves it against the graph (:mod:`.values`), offers the pickers' options (plans
with titles, the subgoals of the chosen plan, parties by name and abbreviation, the years of the
plans, the quarters the steps' timeframes span, the abbreviations; read once by :mod:`.lookups`),
runs the query with the values bound by the store, and assembles the answer: the question filled in,
the sentence and table of :mod:`.answers`, the SPARQL with its bound values, and the sources of
:mod:`nkc_kg.service.graph.provenance`.

Unknown values raise :class:`UnknownValue` (a 404) with the closest known values as suggestions;
malformed ones :class:`ParameterError` (a 400). Nothing typed reaches the query text: values are
resolved to known entities or checked literals first, then bound as RDF terms.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.catalog import LANGUAGES, CatalogError, NamedQuery, ParameterError
from nkc_kg.service.graph.periods import quarter_of
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.provenance import Provenance, iris_in
from nkc_kg.service.graph.runner import EntityIndex, bind_parameters, in_list_order
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.i18n.wording import pick
from nkc_kg.service.questions.answers import ANSWERS, Context
from nkc_kg.service.questions.lookups import JsonDict
from nkc_kg.service.questions.values import RESERVED, Resolved, UnknownValue, ValueReading, shown
from nkc_kg.service.store.embedded import Store
from nkc_kg.service.store.values import with_values

ANSWER_CACHE_ENTRIES = 1024

__all__ = ["Questions", "Resolved", "UnknownValue", "quarter_of"]


class Questions(ValueReading):
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
        super().__init__(store, iris, index, data, provenance)
        self.catalog = {name: q for name, q in catalog.items() if q.question}
        self._answers: OrderedDict[tuple[Any, ...], JsonDict] = OrderedDict()
        missing = sorted(set(self.catalog) - set(ANSWERS))
        if missing:
            # a question without its answer function would answer with nothing: stop start-up instead
            files = ", ".join(f"queries/{name}.rq" for name in missing)
            raise CatalogError(f"{files}: a question without an answer function in service/questions/answers/")

    # -- the answer -----------------------------------------------------------------------------

    def answer(self, query: NamedQuery, raw: Mapping[str, str], lang: str) -> JsonDict:
        if lang not in LANGUAGES:
            raise ParameterError("lang", f"expected one of {', '.join(LANGUAGES)}, got {shown(lang)}")
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
        result = in_list_order(query, self.store.select(sparql, bindings))  # one list order on every store
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
