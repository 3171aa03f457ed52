"""Any entity of the graph described for people: its kind, its text, its facts with labels, where it belongs.

The description (``describe.rq``) is turned into plain data for ``entity.html``: predicate names come from the
ontology's labels (or :data:`PREDICATE_LABELS` for the shared vocabularies), values show their labels in the
page language, links to steps, results and mentions go to their place on the activity page, and the raw
statements (IRIs, prefixed names, language tags) are kept apart for the "technische gegevens" toggle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.i18n.messages import role_label
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME

# Shared vocabularies' predicates in Dutch and English (the ontology labels its own nkc: terms).
PREDICATE_LABELS: dict[str, tuple[str, str]] = {
    str(DCTERMS.date): ("datum", "date"),
    str(DCTERMS.description): ("beschrijving", "description"),
    str(DCTERMS.identifier): ("kenmerk", "identifier"),
    str(DCTERMS.isPartOf): ("hoort bij", "part of"),
    str(DCTERMS.license): ("licentie", "licence"),
    str(DCTERMS.publisher): ("uitgever", "publisher"),
    str(DCTERMS.source): ("bron", "source"),
    str(DCTERMS.title): ("titel", "title"),
    str(DCTERMS.type): ("soort", "type"),
    str(RDFS.comment): ("toelichting", "comment"),
    str(SKOS.altLabel): ("ook genoemd", "also called"),
    str(SKOS.broader): ("valt onder", "broader"),
    str(SKOS.closeMatch): ("komt overeen met", "close match"),
    str(SKOS.exactMatch): ("is gelijk aan", "exact match"),
    str(SKOS.definition): ("definitie", "definition"),
    str(SKOS.inScheme): ("in lijst", "in scheme"),
    str(SKOS.notation): ("code", "notation"),
    str(SKOS.prefLabel): ("naam", "name"),
    str(TIME.hasBeginning): ("begint", "begins"),
    str(TIME.hasEnd): ("eindigt", "ends"),
    str(TIME.hasTime): ("wanneer", "when"),
    str(TIME.inXSDDate): ("datum", "date"),
    "http://www.w3.org/ns/org#hasMembership": ("lidmaatschap", "membership"),
    "http://www.w3.org/ns/org#hasSubOrganization": ("onderdeel", "sub-organisation"),
    "http://www.w3.org/ns/org#member": ("lid", "member"),
    "http://www.w3.org/ns/org#memberOf": ("lid van", "member of"),
    "http://www.w3.org/ns/org#organization": ("organisatie", "organisation"),
    "http://www.w3.org/ns/org#role": ("rol", "role"),
    "http://www.w3.org/ns/org#subOrganizationOf": ("onderdeel van", "part of organisation"),
    str(PROV.agent): ("partij", "party"),
    str(PROV.hadRole): ("rol", "role"),
    str(PROV.qualifiedAssociation): ("rol van een partij", "role of a party"),
    str(PROV.wasAssociatedWith): ("betrokken partij", "party involved"),
    str(PROV.wasDerivedFrom): ("vindplaats", "found at"),
    str(PROV.hadPrimarySource): ("brondocument", "source document"),
    str(PROV.wasRevisionOf): ("herziening van", "revision of"),
    "http://xmlns.com/foaf/0.1/homepage": ("website", "website"),
    "https://schema.org/startDate": ("begindatum", "start date"),
    "https://schema.org/endDate": ("einddatum", "end date"),
    "https://schema.org/affiliation": ("verbonden aan", "affiliation"),
}
# Shared vocabularies' classes (the ontology labels its own).
CLASS_LABELS: dict[str, tuple[str, str]] = {
    str(PROV.Association): ("rol van een partij", "role of a party"),
    str(TIME.Instant): ("datum", "date"),
    str(TIME.Interval): ("tijdvak", "period"),
    str(TIME.ProperInterval): ("tijdvak", "period"),
    str(SKOS.Concept): ("begrip", "concept"),
    str(SKOS.ConceptScheme): ("begrippenlijst", "concept scheme"),
    "http://xmlns.com/foaf/0.1/Person": ("persoon", "person"),
    "http://xmlns.com/foaf/0.1/Document": ("document", "document"),
    "https://schema.org/Person": ("persoon", "person"),
    "http://www.w3.org/ns/org#Membership": ("lidmaatschap", "membership"),
    "http://www.w3.org/ns/org#Organization": ("organisatie", "organisation"),
}
# Labels the build writes in Dutch only, said in English on English pages.
GENERATED_EN = (
    (re.compile(r"\bActiviteit (\d+)"), r"Activity \1"),
    (re.compile(r", stap (\d+)"), r", step \1"),
    (re.compile(r", dia (\d+)"), r", slide \1"),
    (re.compile(r"\bdia's\b"), "slides"),
)
# Shown as the page's text, not as facts (in this order).
TEXT_PREDICATES = ("text", "achievement", "quote", "preamble", "note", "roleNote", "causeText")
TEXT_IRIS = (str(SKOS.definition), str(DCTERMS.description), str(RDFS.comment))
# Said elsewhere on the page (title, kind, sources) or only of use to machines.
HIDDEN = {
    str(RDF.type),
    str(RDFS.label),
    str(SKOS.prefLabel),
    str(PROV.wasDerivedFrom),
    str(PROV.hadPrimarySource),
    str(PROV.wasAssociatedWith),
    str(TIME.hasTime),
    str(OWL.sameAs),
}
STEP_PART = re.compile(r"^/plan/([^/]+)/activity/(\d+)/step/(\d+)(?:/.*)?$")
ACTIVITY_PART = re.compile(r"^/plan/([^/]+)/activity/(\d+)/(result|initiative-mention|role|issue)/(.+)$")
ANCHORS = {"result": "results", "initiative-mention": "initiatives", "role": "involved", "issue": "sources-heading"}
LONG_TITLE = 140
ASSOCIATION = re.compile(r"/role/([a-z-]+)/([^/]+)$")
ROLE_ORDER = ["lead", "project-owner", "initiator", "involved", "partner", "funder", "support"]


@dataclass
class Value:
    text: str
    href: str | None = None
    lang: str | None = None
    iri: str | None = None


@dataclass
class Fact:
    label: str
    values: list[Value] = field(default_factory=list)


def page_url(iri: str, iris: Iris) -> str | None:
    """Where a person reads about ``iri``: a step (or its timeframe, role) at its place on the activity page."""
    path = service_path(iri, iris)
    if path is None:
        return None
    step = STEP_PART.fullmatch(path)
    if step:
        plan, activity, number = step.groups()
        return f"/plan/{plan}/activity/{activity}#step-{number}"
    part = ACTIVITY_PART.fullmatch(path)
    if part:
        plan, activity, kind, rest = part.groups()
        anchor = f"result-{rest}" if kind == "result" else ANCHORS[kind]
        return f"/plan/{plan}/activity/{activity}#{anchor}"
    return path


def ancestors(iri: str, iris: Iris) -> list[str]:
    """The IRIs above ``iri`` in its path that are entities themselves (plan, activity, document, …)."""
    if not iri.startswith(iris.base):
        return []
    parts = iri[len(iris.base) :].split("/")
    found = []
    for end in range(2, len(parts), 2):
        found.append(iris.base + "/".join(parts[:end]))
    return found


def generated_in(text: str, lang: str) -> str:
    """A label the build wrote in Dutch ("Activiteit 12, stap 3: …") with its generated words in ``lang``."""
    if lang == "en":
        for pattern, english in GENERATED_EN:
            text = pattern.sub(english, text)
    return text


class Describer:
    """Turns an entity's description into the plain data of its page, in one language."""

    def __init__(
        self, graph: Graph, ontology: Graph, iris: Iris, lang: str, names: Mapping[str, str] | None = None
    ) -> None:
        self.graph, self.ontology, self.iris, self.lang = graph, ontology, iris, lang
        # names the description lacks, found elsewhere in the graph (a concept scheme's label)
        self.names = names or {}

    def label_of(self, term: URIRef) -> str | None:
        found = self._label_of(term)
        return generated_in(found, self.lang) if found else found

    def _label_of(self, term: URIRef) -> str | None:
        known = CLASS_LABELS.get(str(term))
        if known:
            return known[0] if self.lang == "nl" else known[1]
        for source in (self.graph, self.ontology):
            labels: dict[str | None, str] = {}
            for predicate in (RDFS.label, SKOS.prefLabel):
                for o in source.objects(term, predicate):
                    labels.setdefault(getattr(o, "language", None), str(o))
            if labels:
                return labels.get(self.lang) or labels.get("nl") or labels.get(None) or next(iter(labels.values()))
        return self.names.get(str(term))

    def predicate_label(self, predicate: URIRef) -> str:
        known = PREDICATE_LABELS.get(str(predicate))
        if known:
            return known[0] if self.lang == "nl" else known[1]
        found = self.label_of(predicate)
        if found:
            return found
        local = re.split(r"[#/]", str(predicate))[-1]
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()

    def value(self, term: object) -> Value:
        if isinstance(term, URIRef):
            text = self.label_of(term) or _readable(str(term), self.iris)
            return Value(text=text, href=page_url(str(term), self.iris) or str(term), iri=str(term))
        if isinstance(term, Literal):
            return Value(text=_literal_text(term), lang=term.language)
        return Value(text=str(term))

    def in_language(self, values: Iterable[object]) -> list[object]:
        """Of texts in several languages the page's (or Dutch); everything else as it is."""
        values = list(values)
        tagged = [v for v in values if isinstance(v, Literal) and v.language]
        if not tagged:
            return values
        for lang in (self.lang, "nl", tagged[0].language):
            chosen = [v for v in tagged if v.language == lang]
            if chosen:
                return [v for v in values if not (isinstance(v, Literal) and v.language)] + chosen
        return values

    def kind(self, iri: URIRef) -> str:
        kinds = [self.label_of(t) for t in self.graph.objects(iri, RDF.type) if isinstance(t, URIRef)]
        named = sorted(k for k in kinds if k)
        return named[0][:1].upper() + named[0][1:] if named else ""


def human_view(
    iri: URIRef,
    graph: Graph,
    ontology: Graph,
    iris: Iris,
    lang: str,
    label_lookup: Callable[[str], str | None],
    names: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """The plain data of ``entity.html`` for ``iri``; ``label_lookup`` names the entities above it in its path,
    ``names`` the terms the description has no label for (concept schemes)."""
    d = Describer(graph, ontology, iris, lang, names)
    nkc = str(iris.nkc)
    texts: list[tuple[str, str]] = []
    facts: dict[str, Fact] = {}
    for predicate in sorted(set(graph.predicates(iri)), key=str):
        if not isinstance(predicate, URIRef):
            continue
        name = str(predicate)
        values = d.in_language(graph.objects(iri, predicate))
        local = name[len(nkc) :] if name.startswith(nkc) else None
        if local in TEXT_PREDICATES or name in TEXT_IRIS:
            texts.extend((d.predicate_label(predicate), _literal_text(v)) for v in values if isinstance(v, Literal))
            continue
        if name in HIDDEN:
            continue
        if name == str(PROV.qualifiedAssociation):
            continue  # said as "roles" below
        fact = facts.setdefault(name, Fact(d.predicate_label(predicate)))
        fact.values.extend(sorted((d.value(v) for v in values), key=lambda v: (v.text.casefold(), *_tie(v))))
    sentence = association_sentence(iri, graph, d)
    kind = d.kind(iri)
    own = d.label_of(iri)
    title = own or _readable(str(iri), iris)
    if sentence:
        title = f"{sentence[0].text}: {sentence[1]}"
    elif own is None or own.isdigit():
        # numbered parts without a name of their own ("issue/2"): their kind and number
        title = f"{kind} {title}".strip()
    elif len(own) > LONG_TITLE:
        # a whole paragraph as its label (an aim, a definition): the kind is the heading, the text its text
        texts.insert(0, (kind, own))
        title = kind
    belongs = []
    for above in ancestors(str(iri), iris):
        name = label_lookup(above)
        if name:
            belongs.append(Value(text=name, href=page_url(above, iris), iri=above))
    return {
        "title": title,
        "kind": kind,
        "iri": str(iri),
        "here": page_url(str(iri), iris),
        "texts": _ordered_texts(texts, d),
        "facts": list(facts.values()),
        "roles": _roles(iri, graph, d),
        "sentence": sentence,
        "belongs": belongs,
        "derived": _derived(iri, graph, d),
        "incoming": _incoming(iri, graph, d),
        "technical": _technical(iri, graph),
    }


def _ordered_texts(texts: list[tuple[str, str]], d: Describer) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for name, text in texts:
        if text not in seen:
            seen.add(text)
            out.append((name, text))
    return out


def _roles(iri: URIRef, graph: Graph, d: Describer) -> list[tuple[str, list[Value]]]:
    """Who has which role here (prov:qualifiedAssociation), as role name → parties, trekkers first."""
    by_role: dict[str, list[Value]] = {}
    for association in graph.objects(iri, PROV.qualifiedAssociation):
        found = ASSOCIATION.search(str(association))
        if not found:
            continue
        role, party = found.groups()
        by_role.setdefault(role, []).append(d.value(URIRef(d.iris.base + "party/" + party)))
    return [
        (role_label(role, d.lang), sorted(by_role[role], key=lambda x: x.text.casefold()))
        for role in sorted(by_role, key=lambda r: (ROLE_ORDER.index(r) if r in ROLE_ORDER else 99, r))
    ]


def association_sentence(iri: URIRef, graph: Graph, d: Describer) -> tuple[Value, str, Value] | None:
    """A role assignment said as "<party> is <role> of <activity, step or initiative>"."""
    found = ASSOCIATION.search(str(iri))
    owner = next(iter(graph.subjects(PROV.qualifiedAssociation, iri)), None)
    if not found or owner is None:
        return None
    role, party = found.groups()
    agent = next(iter(graph.objects(iri, PROV.agent)), URIRef(d.iris.base + "party/" + party))
    return d.value(agent), role_label(role, d.lang).lower(), d.value(owner)


def _derived(iri: URIRef, graph: Graph, d: Describer) -> list[Value]:
    """What the graph took from this place in a source (a slide, a section): the source's text as facts."""
    return _listed(d.value(s) for s in graph.subjects(PROV.wasDerivedFrom, iri))


def _incoming(iri: URIRef, graph: Graph, d: Describer) -> list[Fact]:
    """The entities that point here, grouped by how (wasDerivedFrom is shown as the place's content)."""
    grouped: dict[str, Fact] = {}
    for subject, predicate in graph.subject_predicates(iri):
        if predicate in (RDF.type, PROV.wasDerivedFrom) or not isinstance(subject, URIRef):
            continue
        fact = grouped.setdefault(str(predicate), Fact(d.predicate_label(predicate)))
        fact.values.append(d.value(subject))
    for fact in grouped.values():
        fact.values = _listed(fact.values)
    return sorted(grouped.values(), key=lambda f: f.label)


def _listed(values: Iterable[Value]) -> list[Value]:
    """Values in one order on every store (by text, then link, then IRI), each link shown once: the
    mentions of initiatives in one activity all link to its #initiatives, and an initiative and its
    mention may share a name, so only an entry with the same text and the same link is a repeat."""
    shown: dict[tuple[str, str | None], Value] = {}
    for value in sorted(values, key=lambda v: (_natural(v.text), *_tie(v))):
        shown.setdefault((value.text, value.href), value)
    return list(shown.values())


def _tie(value: Value) -> tuple[str, str, str, str]:
    return (value.text, value.href or "", value.iri or "", value.lang or "")


def _technical(iri: URIRef, graph: Graph) -> list[tuple[str, str, str | None, str | None]]:
    """The raw statements: prefixed predicate, value as written, its language tag, its link."""
    rows = []
    for p, o in sorted(graph.predicate_objects(iri), key=lambda po: (str(po[0]), str(po[1]))):
        prefixed = graph.namespace_manager.normalizeUri(p)
        if isinstance(o, URIRef):
            rows.append((prefixed, str(o), None, str(o)))
        else:
            rows.append((prefixed, str(o), getattr(o, "language", None), None))
    return rows


def _literal_text(term: Literal) -> str:
    value = term.toPython()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(term)


def _readable(iri: str, iris: Iris) -> str:
    if iri.startswith(iris.base + "date/"):
        return iri.rsplit("/", 1)[-1]
    local = re.split(r"[#/]", iri.rstrip("/"))[-1]
    return local.replace("-", " ") if iri.startswith(iris.base) or iri.startswith(str(iris.nkc)) else iri


def _natural(text: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text))
