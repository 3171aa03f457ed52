"""Where the facts of an answer come from, and how to cite them in a policy memo.

Given the entities an answer rests on, :class:`Provenance` collects their source locations through
the store (``queries/provenance/locations.rq``, one bound ``?entity`` per entity, cached: the served
graph does not change) and groups them per source document with its title, publisher, date and
version. Each document gets a ready-to-paste citation in Dutch and English, in one style:

    Publisher (year[, month]). Title[, versie V], dia 12 en 34.
    Publisher (year[, Month]). Title [English title][, version V], slides 12 and 34.

The version is named only when it differs from the year; three or more consecutive slides or pages
are written as a range (``dia 5–8``); several publishers are joined with "en" / "and".

Facts the curators added and no source states (``queries/provenance/curated.rq``: abbreviations no
source spells out, the parties named by them, anything marked ``addedByCurators``) are listed apart
as ``curated: true``, with their status and reference URLs, so a memo never cites them as a plan's.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.queries import read_query
from nkc_kg.service.graph.rows import text
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.i18n.wording import join_words, month_year, number_list
from nkc_kg.service.store.embedded import Store
from rdflib import URIRef

PROVENANCE_QUERIES_DIR = QUERIES_DIR / "provenance"
# The Dutch locator word stays singular before a list ("dia 12 en 34"), as "blz." does.
LOCATOR_WORDS = {
    "slide": ({"nl": "dia", "en": "slide"}, {"nl": "dia", "en": "slides"}),
    "section": ({"nl": "sectie", "en": "section"}, {"nl": "sectie", "en": "sections"}),
    "page": ({"nl": "pagina", "en": "page"}, {"nl": "pagina", "en": "pages"}),
}
STATUS_WORDS = {
    "verified": {"nl": "geverifieerd", "en": "verified"},
    "derived": {"nl": "afgeleid", "en": "derived"},
    "not-verified": {"nl": "niet geverifieerd", "en": "not verified"},
}
# In the order in which they explain a curated entity best.
CURATED_KINDS = ("undefined-abbreviation", "named-by-curators", "added")

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class Location:
    iri: str
    document: str
    kind: str  # slide, section or page
    value: int | str
    label: str | None


@dataclass(frozen=True)
class Document:
    iri: str
    title: Mapping[str, str]
    date: str | None
    version: str | None
    publishers: tuple[tuple[str, str], ...]  # (iri, Dutch label)


@dataclass
class CuratedFact:
    iri: str
    label: str | None = None
    kinds: set[str] = field(default_factory=set)
    abbreviation: str | None = None
    via: str | None = None
    status: str | None = None
    references: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _section_key(section: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\s]+", section) if p)


def locator(locations: Iterable[Location], lang: str) -> str:
    """'dia 12 en 34', 'sections 1.5.3 and 2.1': the places of one document, by kind."""
    by_kind: dict[str, list[int | str]] = {}
    for loc in locations:
        by_kind.setdefault(loc.kind, []).append(loc.value)
    parts = []
    for kind in ("slide", "section", "page"):
        values = by_kind.get(kind)
        if not values:
            continue
        singular, plural = LOCATOR_WORDS[kind]
        word = (plural if len(set(values)) > 1 else singular)[lang]
        if kind == "section":
            sections = sorted({str(v) for v in values}, key=_section_key)
            # a named section is quoted, so its name does not run into the sentence
            named = [s if re.fullmatch(r"[\d.]+", s) else f"‘{s}’" for s in sections]
            parts.append(f"{word} {join_words(named, lang)}")
        else:
            parts.append(f"{word} {number_list((int(v) for v in values), lang)}")
    return "; ".join(parts)


def citation(document: Document, locations: Iterable[Location], lang: str) -> str:
    """The document and the places in it, in the style of the module docstring."""
    publishers = join_words([label for _, label in document.publishers], lang) or document.title["nl"]
    title = document.title["nl"]
    if lang == "en" and document.title.get("en") and document.title["en"] != title:
        title = f"{title} [{document.title['en']}]"
    year = (document.date or "")[:4]
    if document.version and document.version != year:
        title += f", {'versie' if lang == 'nl' else 'version'} {document.version}"
    places = locator(locations, lang)
    return f"{publishers} ({month_year(document.date, lang)}). {title}{', ' + places if places else ''}."


class Provenance:
    """Source locations and curated facts of entities, read through the store; thread-safe, cached."""

    def __init__(self, store: Store, iris: Iris) -> None:
        self.store, self.iris = store, iris
        self._lock = threading.Lock()
        self._locations: dict[str, tuple[Location, ...]] = {}
        self._documents: dict[str, Document] | None = None
        self._curated: dict[str, CuratedFact] | None = None
        self._queries = {
            name: read_query(PROVENANCE_QUERIES_DIR / f"{name}.rq", iris)
            for name in ("locations", "documents", "curated")
        }

    # -- reading the graph ----------------------------------------------------------------------

    def locations(self, iri: str) -> tuple[Location, ...]:
        found = self._locations.get(iri)
        if found is not None:
            return found
        rows = self.store.select(self._queries["locations"], {"entity": URIRef(iri)}).rows
        locations: dict[str, Location] = {}
        for row in rows:
            kind, value = next(
                ((k, row[k]) for k in ("slide", "section", "page") if row.get(k) is not None), (None, None)
            )
            if kind is None or value is None:
                continue
            number = str(value)
            locations[str(row["location"])] = Location(
                iri=str(row["location"]),
                document=str(row["document"]),
                kind=kind,
                value=int(number) if kind != "section" and number.isdigit() else number,
                label=text(row, "label"),
            )
        result = tuple(locations.values())
        with self._lock:
            self._locations[iri] = result
        return result

    def documents(self) -> dict[str, Document]:
        with self._lock:
            if self._documents is None:
                titles: dict[str, dict[str, str]] = {}
                facts: dict[str, dict[str, str]] = {}
                publishers: dict[str, dict[str, str]] = {}
                for row in self.store.select(self._queries["documents"]).rows:
                    doc = str(row["document"])
                    title = row["title"]
                    titles.setdefault(doc, {})[getattr(title, "language", None) or "nl"] = str(title)
                    for key in ("date", "version"):
                        if row.get(key) is not None:
                            facts.setdefault(doc, {})[key] = str(row[key])
                    if row.get("publisher") is not None:
                        publishers.setdefault(doc, {})[str(row["publisher"])] = str(row["publisherLabel"])
                self._documents = {
                    doc: Document(
                        iri=doc,
                        title={"nl": title.get("nl") or next(iter(title.values())), "en": title.get("en", "")},
                        date=facts.get(doc, {}).get("date"),
                        version=facts.get(doc, {}).get("version"),
                        publishers=tuple(sorted(publishers.get(doc, {}).items(), key=lambda p: p[1])),
                    )
                    for doc, title in titles.items()
                }
            return self._documents

    def curated(self) -> dict[str, CuratedFact]:
        with self._lock:
            if self._curated is None:
                facts: dict[str, CuratedFact] = {}
                for row in self.store.select(self._queries["curated"]).rows:
                    fact = facts.setdefault(str(row["entity"]), CuratedFact(str(row["entity"])))
                    kind = str(row["kind"])
                    fact.kinds.add(kind)
                    if row.get("label") is not None and fact.label is None:
                        fact.label = str(row["label"])
                    if kind != "added" and row.get("abbreviation") is not None:
                        fact.abbreviation, fact.via = str(row["abbreviation"]), str(row["via"])
                    if row.get("status") is not None:
                        fact.status = str(row["status"])
                    for key, values in (("reference", fact.references), ("note", fact.notes)):
                        if row.get(key) is not None and str(row[key]) not in values:
                            values.append(str(row[key]))
                self._curated = facts
            return self._curated

    # -- answers --------------------------------------------------------------------------------

    def cite(self, cited: Iterable[str], mentioned: Iterable[str] = ()) -> JsonDict:
        """``sources``: per document the locations of the ``cited`` entities and the citation;
        ``curated``: the curated facts among the cited and ``mentioned`` entities."""
        documents = self.documents()
        per_document: dict[str, dict[str, Location]] = {}
        for iri in dict.fromkeys(cited):
            for loc in self.locations(iri):
                per_document.setdefault(loc.document, {})[loc.iri] = loc
        sources = [
            self._source(documents[doc], list(locs.values())) for doc, locs in per_document.items() if doc in documents
        ]
        curated = self.curated()
        marked = [curated[iri] for iri in dict.fromkeys([*cited, *mentioned]) if iri in curated]
        return {"sources": sources, "curated": [self._curated_entry(fact) for fact in marked]}

    def _entity(self, iri: str, label: str | None) -> JsonDict:
        return {"iri": iri, "url": service_path(iri, self.iris), "label": label or iri}

    def _source(self, document: Document, locations: list[Location]) -> JsonDict:
        def order(loc: Location) -> tuple[Any, ...]:
            return (loc.kind, _section_key(loc.value) if isinstance(loc.value, str) else ((0, loc.value),))

        ordered = sorted(locations, key=order)
        return {
            "document": self._entity(document.iri, document.title["nl"]),
            "title": dict(document.title),
            "publisher": [self._entity(iri, label) for iri, label in document.publishers],
            "date": document.date,
            "version": document.version,
            "locations": [
                {
                    **self._entity(loc.iri, loc.label),
                    "labelEn": f"{document.title.get('en') or document.title['nl']}, {locator([loc], 'en')}",
                    "kind": loc.kind,
                    loc_key(loc): loc.value,
                }
                for loc in ordered
            ],
            "citation": {lang: citation(document, ordered, lang) for lang in ("nl", "en")},
        }

    def _curated_entry(self, fact: CuratedFact) -> JsonDict:
        kind = next(k for k in CURATED_KINDS if k in fact.kinds)
        return {
            **self._entity(fact.iri, fact.label),
            "curated": True,
            "kind": kind,
            "status": fact.status,
            "references": list(fact.references),
            "note": fact.notes[0] if fact.notes else None,
            "explanation": {lang: explanation(fact, kind, lang) for lang in ("nl", "en")},
            "via": None if fact.via in (None, fact.iri) else self._entity(fact.via, fact.abbreviation),
        }


def loc_key(loc: Location) -> str:
    return "section" if loc.kind == "section" else "number"


def explanation(fact: CuratedFact, kind: str, lang: str) -> str:
    """Why the fact is the curators' and not a source's, with its status: one or two sentences."""
    abbr = f"‘{fact.abbreviation}’" if fact.abbreviation else ""
    texts = {
        "undefined-abbreviation": {
            "nl": f"Geen bron schrijft {abbr or 'deze afkorting'} uit; "
            "de uitschrijving is toegevoegd door de curatoren.",
            "en": f"No source spells out {abbr or 'this abbreviation'}; the expansion was added by the curators.",
        },
        "named-by-curators": {
            "nl": f"De bronnen gebruiken {abbr} zonder die uit te schrijven; de naam is toegevoegd door de curatoren.",
            "en": f"The sources use {abbr} without spelling it out; the name was added by the curators.",
        },
        "added": {
            "nl": "Toegevoegd door de curatoren; geen bron vermeldt dit.",
            "en": "Added by the curators; no source states this.",
        },
    }
    text = texts[kind][lang]
    if fact.status in STATUS_WORDS:
        text += f" Status: {STATUS_WORDS[fact.status][lang]}."
    return text


# -- which entities the REST answers rest on ------------------------------------------------------


def iris_in(answer: Any) -> Iterator[str]:
    """Every entity IRI anywhere in a JSON answer (the value of each 'iri' key)."""
    if isinstance(answer, Mapping):
        if isinstance(answer.get("iri"), str):
            yield answer["iri"]
        for value in answer.values():
            yield from iris_in(value)
    elif isinstance(answer, list):
        for value in answer:
            yield from iris_in(value)


def _iris(items: Any) -> list[str]:
    return [item["iri"] for item in items or [] if isinstance(item, Mapping) and isinstance(item.get("iri"), str)]


def rest_cited(kind: str, answer: Mapping[str, Any], iris: Iris) -> list[str] | None:
    """The entities whose source locations support a REST answer of ``kind`` (its cache key's first
    element), or None for answers that carry no sources (lists, search)."""
    if kind == "plan":
        parts = [answer.get(key) for key in ("goal", "problem", "problemDescription", "team", "mission")]
        causes = answer.get("causes") or []
        return [
            answer["iri"],
            *_iris(parts),
            *_iris(causes),
            *(i for c in causes for i in _iris(c.get("subCauses"))),
            *_iris(answer.get("subgoals")),
            *_iris(answer.get("activities")),
        ]
    if kind == "activity":
        return [answer["iri"], *_iris(answer.get("steps")), *_iris(answer.get("intendedResults"))]
    if kind == "subgoal-parties":
        plan_id = answer["plan"]["id"]
        return [answer["subgoal"]["iri"], *(str(iris.activity(plan_id, n)) for n in answer.get("activities") or [])]
    if kind == "party":
        return [answer["iri"], *_iris(answer.get("involvement"))]
    if kind == "abbreviation":
        return _iris(answer.get("senses"))
    if kind == "timeline":
        return _iris(answer.get("steps"))
    return None


def entity_iris(*things: Any) -> list[str]:
    """The IRIs of entity dicts, lists of them, or IRIs as strings (not of what they contain)."""
    found: list[str] = []
    for thing in things:
        if isinstance(thing, str):
            found.append(thing)
        elif isinstance(thing, Mapping):
            found.extend(_iris([thing]))
        elif isinstance(thing, Iterable):
            found.extend(_iris(thing))
    return found


def page_sources(provenance: Provenance) -> Callable[..., JsonDict]:
    """``sources_for(entity, its parts, …)`` for the entity pages' templates (see sources.html)."""

    def sources_for(*things: Any) -> JsonDict:
        iris = entity_iris(*things)
        return provenance.cite(iris, iris)

    return sources_for


def with_sources(provenance: Provenance, kind: str, answer: dict[str, Any]) -> dict[str, Any]:
    """The REST answer with ``sources`` and ``curated`` added (no existing field changes)."""
    cited = rest_cited(kind, answer, provenance.iris)
    if cited is None:
        return answer
    return {**answer, **provenance.cite(cited, iris_in(answer))}
