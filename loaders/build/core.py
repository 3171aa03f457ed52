"""The shared state and helpers of the builder: typed subjects, provenance, roles, references."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from nkc_kg.loaders.build.terms import ROLE_TERM, SCHEME_LABELS
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import CuratedFile
from nkc_kg.loaders.curated.yamlio import CurationError, Location, PathKey, SourceFile, format_key
from nkc_kg.loaders.iris import DCTERMS, PROV, RDF, RDFS, SKOS, Iris
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node


@dataclass
class BuildResult:
    dataset: Dataset
    locations: dict[Node, Location] = field(default_factory=dict)
    errors: list[CurationError] = field(default_factory=list)
    files: list[CuratedFile] = field(default_factory=list)


def nl(text: str) -> Literal:
    return Literal(text, lang="nl")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


class BuilderCore:
    """What every record writer shares: the dataset, the graph being written, where each subject was written,
    errors, and the references between files (parties, initiatives, documents, subgoals)."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self.nkc = iris.nkc
        self.dataset = Dataset()
        self.result = BuildResult(self.dataset)
        self.graph: Graph = self.dataset.graph(iris.graph("curated"))
        self.file: SourceFile | None = None
        self.document: str | None = None
        # registries filled in a first pass, so references may point across files
        self.parties: dict[str, tuple[r.Party, SourceFile, PathKey]] = {}
        self.initiatives: dict[str, tuple[r.Initiative, SourceFile, PathKey]] = {}
        self.documents: dict[str, r.Document] = {}
        self.plans: dict[str, r.PlanHeader] = {}
        self.plan_subgoals: dict[str, set[int]] = {}
        self.plan_activities: dict[str, set[int]] = {}
        self.concept_ids: set[str] = set()
        self.described_locations: set[URIRef] = set()
        self.numbers: dict[tuple[str, str, int], Location] = {}

    def error(self, key: PathKey, message: str, message_nl: str | None = None, suggestion: str | None = None) -> None:
        assert self.file is not None
        self.result.errors.append(
            CurationError(self.file.location(key), message, format_key(key), message_nl, suggestion)
        )

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    def add_text(self, s: Node, p: Node, text: str | None, lang: str = "nl") -> None:
        if text:
            self.graph.add((s, p, Literal(text, lang=lang)))

    def use_graph(self, document: str | None) -> None:
        self.graph = self.dataset.graph(self.iris.graph(document or "curated"))

    def entity(
        self,
        iri: URIRef,
        cls: str | URIRef,
        key: PathKey,
        source: r.SourceRef | None = None,
        issues: Sequence[r.SourceIssue] = (),
        issue_scope: str = "",
    ) -> URIRef:
        """Type a subject, remember where it was written, and attach its provenance and issues."""
        assert self.file is not None
        self.add(iri, RDF.type, cls if isinstance(cls, URIRef) else self.nkc[cls])
        self.result.locations.setdefault(iri, self.file.location(key))
        if source is not None:
            self.provenance(iri, source, (*key, "source"))
        for i, issue in enumerate(issues, start=1):
            node = self.iris.issue(iri, f"{issue_scope}{i}")
            self.add(iri, self.nkc.hasSourceIssue, node)
            self.add(node, RDF.type, self.nkc.SourceIssue)
            self.add(node, self.nkc.issueKind, Literal(issue.kind))
            self.add_text(node, RDFS.comment, issue.note)
            self.add_text(node, RDFS.comment, issue.note_en, "en")
            self.result.locations.setdefault(node, self.file.location((*key, "issues", i - 1)))
        return iri

    def provenance(self, iri: URIRef, source: r.SourceRef, key: PathKey) -> None:
        doc = source.document or self.document
        if doc is None:
            self.error(key, "no document: give source.document (this file has no `document:`)")
            return
        if doc not in self.documents:
            self.error(key, f"unknown document {doc!r}; known: {', '.join(sorted(self.documents))}")
            return
        doc_iri = self.iris.document(doc)
        self.add(iri, PROV.hadPrimarySource, doc_iri)
        for loc in self.locations_of(doc, source):
            self.add(iri, PROV.wasDerivedFrom, loc)

    def locations_of(self, doc: str, source: r.SourceRef) -> list[URIRef]:
        out: list[tuple[str, str | int]] = []
        if source.slide is not None:
            out.append(("slide", source.slide))
        for slide in source.slides or []:
            out.append(("slide", slide))
        if source.section:
            out.append(("section", source.section))
        if source.page is not None:
            out.append(("page", source.page))
        iris = []
        doc_iri = self.iris.document(doc)
        for kind, value in out:
            loc = self.iris.location(doc, kind, value)
            iris.append(loc)
            if loc in self.described_locations:
                continue  # a slide is cited by hundreds of records: describe it once
            self.described_locations.add(loc)
            g = self.dataset.graph(self.iris.graph(doc))
            g.add((loc, RDF.type, self.nkc.SourceLocation))
            g.add((loc, self.nkc.inDocument, doc_iri))
            g.add((loc, DCTERMS.isPartOf, doc_iri))
            title = self.documents[doc].title.nl
            if kind == "section":
                g.add((loc, self.nkc.section, Literal(str(value))))
                g.add((loc, RDFS.label, nl(f"{title}, sectie {value}")))
            else:
                g.add((loc, self.nkc[kind], Literal(int(value))))
                word = {"slide": "dia", "page": "pagina"}[kind]
                g.add((loc, RDFS.label, nl(f"{title}, {word} {value}")))
        if source.quote:
            for loc in iris:
                self.dataset.graph(self.iris.graph(doc)).add((loc, self.nkc.quote, nl(source.quote)))
        return iris

    def party_iri(self, party: str, key: PathKey) -> URIRef | None:
        if party not in self.parties:
            self.unknown(key, party, self.parties, ("party", "partij"))
            return None
        return self.iris.party(party)

    def initiative_iri(self, initiative: str, key: PathKey) -> URIRef | None:
        if initiative not in self.initiatives:
            self.unknown(key, initiative, self.initiatives, ("initiative", "initiatief"))
            return None
        return self.iris.initiative(initiative)

    def subgoal_iri(self, plan_id: str, number: int, key: PathKey) -> URIRef | None:
        if number not in self.plan_subgoals.get(plan_id, set()):
            self.error(key, f"plan {plan_id} has no subgoal {number}")
            return None
        return self.iris.in_plan(plan_id, "subgoal", number)

    def unknown(self, key: PathKey, name: str, known: Iterable[str], what: tuple[str, str]) -> None:
        close = _closest(name, known)
        hint_nl = f" — bedoelde u {' of '.join(close)}?" if close else ""
        self.error(
            key,
            f"unknown {what[0]} {name!r}{_suggest(name, known)}",
            f"onbekende {what[1]} {name!r}{hint_nl}",
            close[0] if close else None,
        )

    def roles(self, owner: URIRef, refs: Iterable[r.PartyRef], default: str, key: PathKey) -> None:
        """Qualified PROV associations: owner --qualifiedAssociation--> [agent, hadRole]."""
        for i, ref in enumerate(refs):
            party, role, note = (
                (ref, default, None)
                if isinstance(ref, str)
                else (
                    ref.party,
                    ref.role or default,
                    ref.note,
                )
            )
            agent = self.party_iri(party, (*key, i))
            if agent is None:
                continue
            assoc = self.iris.association(owner, role, party)
            self.add(owner, PROV.qualifiedAssociation, assoc)
            self.add(owner, PROV.wasAssociatedWith, agent)
            if role == "lead":
                # the unqualified form of a lead role: "who leads this step?" in one pattern
                self.add(owner, self.nkc.ledBy, agent)
            self.add(assoc, RDF.type, PROV.Association)
            self.add(assoc, PROV.agent, agent)
            self.add(assoc, PROV.hadRole, self.nkc[ROLE_TERM[role]])
            self.add_text(assoc, self.nkc.roleNote, note)

    def concept(self, scheme: str, key: str, labels: tuple[str, str | None], cls: str) -> URIRef:
        iri = self.iris.concept(scheme, key)
        if f"{scheme}/{key}" not in self.concept_ids:
            self.concept_ids.add(f"{scheme}/{key}")
            g = self.dataset.graph(self.iris.graph("curated"))
            scheme_iri = self.iris.concept(scheme, "scheme")
            g.add((scheme_iri, RDF.type, SKOS.ConceptScheme))
            for label, lang in zip(SCHEME_LABELS[scheme], ("nl", "en"), strict=True):
                g.add((scheme_iri, SKOS.prefLabel, Literal(label, lang=lang)))
            g.add((iri, RDF.type, self.nkc[cls]))
            g.add((iri, SKOS.inScheme, scheme_iri))
            g.add((iri, SKOS.notation, Literal(key)))
            for label, lang in zip(labels, ("nl", "en"), strict=True):
                if label is not None:
                    g.add((iri, SKOS.prefLabel, Literal(label, lang=lang)))
                    g.add((iri, RDFS.label, Literal(label, lang=lang)))
        return iri

    def title(self, iri: URIRef, title: r.Localised) -> None:
        """A document's or a plan's title, which is also its label, in Dutch and (if given) English."""
        for prop in (DCTERMS.title, RDFS.label):
            self.add_text(iri, prop, title.nl)
            self.add_text(iri, prop, title.en, "en")

    def statement(self, node: URIRef, stmt: r.Statement) -> None:
        self.add_text(node, self.nkc.text, stmt.text)
        self.add_text(node, self.nkc.text, stmt.text_en, "en")
        self.add_text(node, RDFS.label, stmt.text)


def _closest(word: str, known: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, list(known), n=3, cutoff=0.6)


def _suggest(word: str, known: Iterable[str]) -> str:
    close = _closest(word, known)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
