"""Curated records -> RDF dataset, one named graph per source document.

Pure record->triples code: every subject it mints is remembered with the
file:line it came from, so SHACL results can point editors at what to fix.
References between files (party ids, plan ids, subgoal numbers) are resolved
here and every unknown one is reported, all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import CuratedFile, read_curated
from nkc_kg.loaders.curated.timeframes import TimeframeError, parse_timeframe
from nkc_kg.loaders.curated.yamlio import CurationError, Location, PathKey, SourceFile, format_key
from nkc_kg.loaders.iris import DCTERMS, FOAF, ORDO, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD, Iris, slugify
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

PARTY_CLASS = {
    "organisation": "Organisation",
    "hospital": "Hospital",
    "working-group": "WorkingGroup",
    "committee": "Committee",
    "network": "Network",
    "collaboration": "Collaboration",
    "government": "GovernmentBody",
    "group": "PartyGroup",
    "team": "Team",
    "person": "Person",
    "role-holder": "RoleHolder",
    "programme": "Programme",
}
ROLE_TERM = {
    "lead": "LeadRole",
    "involved": "InvolvedRole",
    "initiator": "InitiatorRole",
    "project-owner": "ProjectOwnerRole",
    "support": "SupportRole",
    "funder": "FunderRole",
    "partner": "PartnerRole",
}
STATUS_TERM = {"verified": "Verified", "derived": "Derived", "not-verified": "NotVerified"}
# Roles in a team as the team slides write them, with their English label; another role gets its Dutch label only.
TEAM_ROLE_LABELS = {"begeleiding": ("begeleiding", "facilitation")}
DOMAIN_LABELS = {
    "organisatie-van-zorg": ("Organisatie van zorg en ondersteuning", "Organisation of care and support"),
    "diagnostiek": ("Diagnostiek", "Diagnostics"),
    "behandeling": ("Behandeling", "Treatment"),
    "diagnostiek-en-behandeling": ("Diagnostiek & behandeling", "Diagnostics & treatment"),
    "onderzoek-innovatie-implementatie": (
        "Onderzoek, innovatie & implementatie",
        "Research, innovation & implementation",
    ),
    "data-infrastructuur": ("Data infrastructuur", "Data infrastructure"),
    "onderwijs-communicatie": (
        "Onderwijs, informatievoorziening en communicatie",
        "Education, information and communication",
    ),
    "beleid": ("Beleid", "Policy"),
    "zorg": ("Zorg", "Care"),
    "ondersteuning": ("Ondersteuning", "Support"),
    "overig": ("Overig", "Other"),
}
THEME_LABELS = {
    "zeldzame-kankers": ("Zeldzame kankers", "Rare cancers"),
    "late-gevolgen": ("(Late) gevolgen van kanker", "(Late) effects of cancer"),
}
REQUIREMENT_LABELS = {
    "target-cancer-types": ("doelgroep (kankersoorten)", "target group (cancer types)"),
    "tasks": ("taken", "tasks"),
    "composition": ("samenstelling", "composition"),
    "applicants": ("deelnemers/aanvragers", "participants/applicants"),
    "applicant-role": ("rol van de aanvrager", "role of the applicant"),
    "patient-information": ("informeren van de patiënt", "informing the patient"),
    "meeting-frequency": ("frequentie van overleg", "meeting frequency"),
    "logistics": ("logistiek", "logistics"),
    "chair": ("voorzitter", "chair"),
    "privacy-agreements": ("privacyafspraken", "privacy agreements"),
    "database": ("database", "database"),
    "evaluation": ("evaluatie", "evaluation"),
    "communication": ("communicatie", "communication"),
}

# Requirements of the framework that a panel description states as a property.
REQUIREMENT_PROPERTY = {
    "target-cancer-types": "targetCancerType",
    "tasks": "task",
    "composition": "composition",
    "chair": "chair",
    "meeting-frequency": "meetingFrequency",
    "privacy-agreements": "privacyAgreements",
}


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


class Builder:
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

    # ------------------------------------------------------------------ helpers
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
            g.add((iri, RDF.type, self.nkc[cls]))
            g.add((iri, SKOS.inScheme, scheme_iri))
            g.add((iri, SKOS.notation, Literal(key)))
            for label, lang in zip(labels, ("nl", "en"), strict=True):
                if label is not None:
                    g.add((iri, SKOS.prefLabel, Literal(label, lang=lang)))
                    g.add((iri, RDFS.label, Literal(label, lang=lang)))
        return iri

    # ------------------------------------------------------------------ registry pass
    def register(self, files: list[CuratedFile]) -> None:
        for cf in files:
            self.file = cf.source
            rec = cf.record
            for i, party in enumerate(getattr(rec, "parties", [])):
                self.claim_id(self.parties, "party", party, ("parties", i))
            for i, initiative in enumerate(getattr(rec, "initiatives", [])):
                self.claim_id(self.initiatives, "initiative", initiative, ("initiatives", i))
            for i, team in enumerate(getattr(rec, "teams", [])):
                if team.id in self.parties:
                    self.error(("teams", i, "id"), f"team id {team.id!r} is already a party")
                else:
                    as_party = r.Party(id=team.id, type="team", label=team.label, label_en=team.label_en)
                    self.parties[team.id] = (as_party, cf.source, ("teams", i))
            if isinstance(rec, r.ReferenceFile):
                for doc in rec.documents:
                    self.documents[doc.id] = doc
            if isinstance(rec, r.PlanFile):
                if isinstance(rec.plan, r.PlanHeader):
                    if rec.plan.id in self.plans:
                        self.error(("plan", "id"), f"plan {rec.plan.id!r} has two headers")
                    self.plans[rec.plan.id] = rec.plan
                plan_id = rec.plan if isinstance(rec.plan, str) else rec.plan.id
                self.plan_subgoals.setdefault(plan_id, set()).update(s.number for s in rec.subgoals)
                acts = self.plan_activities.setdefault(plan_id, set())
                acts.update(a.number for a in rec.activities)
                acts.update(a.number for a in rec.past_activities)
                for field_name in ("causes", "subgoals", "canvases", "activities", "past_activities"):
                    for i, item in enumerate(getattr(rec, field_name)):
                        self.claim_number(plan_id, field_name, item.number, (field_name, i, "number"))
                for i, act in enumerate(rec.activities):
                    for j, step in enumerate(act.steps):
                        self.claim_number(
                            f"{plan_id}/{act.number}",
                            "steps",
                            step.number,
                            ("activities", i, "steps", j, "number"),
                        )

    def claim_id(self, registry: dict, kind: str, record: r.Party | r.Initiative, key: PathKey) -> None:  # type: ignore[type-arg]
        """Ids become IRIs: each is defined once, and a second definition names the first."""
        assert self.file is not None
        if record.id in registry:
            _, other, other_key = registry[record.id]
            self.error((*key, "id"), f"{kind} {record.id!r} is already defined at {other.location(other_key)}")
        else:
            registry[record.id] = (record, self.file, key)

    def claim_number(self, scope: str, kind: str, number: int, key: PathKey) -> None:
        """Numbers become IRIs, so a number used twice in one plan would merge two things."""
        assert self.file is not None
        claim = (scope, "activities" if kind == "past_activities" else kind, number)
        if claim in self.numbers:
            self.error(
                key,
                f"{kind.replace('_', ' ')} number {number} is used twice in {scope} (also at {self.numbers[claim]})",
            )
        else:
            self.numbers[claim] = self.file.location(key)

    # ------------------------------------------------------------------ emit pass
    def build(self, files: list[CuratedFile]) -> BuildResult:
        self.result.files = files
        self.register(files)
        ordered = sorted(files, key=lambda cf: not isinstance(cf.record, r.ReferenceFile))
        for cf in ordered:
            self.file = cf.source
            rec = cf.record
            self.document = getattr(rec, "document", None)
            if self.document is not None and self.document not in self.documents:
                self.error(("document",), f"unknown document {self.document!r}; add it to data/sources.yaml")
                continue
            self.use_graph(self.document)
            self.file_issues(getattr(rec, "issues", []))
            if isinstance(rec, r.ReferenceFile):
                self.reference_file(rec)
            elif isinstance(rec, r.PlanFile):
                self.plan_file(rec)
            else:
                self.document_file(rec)
            for i, party in enumerate(getattr(rec, "parties", [])):
                self.party(party, ("parties", i))
            for i, initiative in enumerate(getattr(rec, "initiatives", [])):
                self.initiative(initiative, ("initiatives", i))
        return self.result

    def file_issues(self, issues: Sequence[r.SourceIssue]) -> None:
        if issues and self.document:
            # several files may describe one document: number their issues per file
            assert self.file is not None
            scope = f"{self.file.path.stem}-"
            self.entity(self.iris.document(self.document), "SourceDocument", ("issues",), None, issues, scope)

    # ------------------------------------------------------------------ catalogue
    def reference_file(self, rec: r.ReferenceFile) -> None:
        for i, doc in enumerate(rec.documents):
            self.source_document(doc, ("documents", i))
        for i, dom in enumerate(rec.euracan_domains):
            self.euracan_domain(dom, ("euracan_domains", i))
        domains = {d.notation for d in rec.euracan_domains}
        for i, ct in enumerate(rec.cancer_types):
            self.cancer_type(ct, ("cancer_types", i), domains)
        for i, ab in enumerate(rec.abbreviations):
            self.abbreviation(ab, "curated", ("abbreviations", i), curated=ab)

    def source_document(self, doc: r.Document, key: PathKey) -> None:
        self.use_graph(doc.id)
        iri = self.entity(self.iris.document(doc.id), "SourceDocument", key, None, doc.issues)
        self.add_text(iri, DCTERMS.title, doc.title.nl)
        self.add_text(iri, DCTERMS.title, doc.title.en, "en")
        self.add_text(iri, RDFS.label, doc.title.nl)
        self.add_text(iri, RDFS.label, doc.title.en, "en")
        self.add(iri, self.nkc.seedFile, Literal(doc.seed))
        self.add(iri, DCTERMS.type, Literal(doc.kind))
        if doc.date:
            self.add(iri, DCTERMS.date, Literal(doc.date))
        if doc.version:
            self.add(iri, self.nkc.version, Literal(doc.version))
        for j, pub in enumerate(doc.publisher):
            self.add(iri, DCTERMS.publisher, self.party_iri(pub, (*key, "publisher", j)))
        self.add_text(iri, self.nkc.note, doc.note, "en")
        self.use_graph(None)

    def euracan_domain(self, dom: r.EuracanDomain, key: PathKey) -> None:
        iri = self.entity(self.iris.euracan_domain(dom.notation), "EuracanDomain", key)
        scheme = self.iris.concept("euracan", "scheme")
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, SKOS.prefLabel, en("EURACAN domains"))
        self.add(scheme, SKOS.prefLabel, nl("EURACAN-domeinen"))
        self.add(iri, SKOS.inScheme, scheme)
        self.add(iri, SKOS.notation, Literal(dom.notation))
        for label, lang in ((dom.label_nl, "nl"), (dom.label_en, "en")):
            self.add_text(iri, SKOS.prefLabel, label, lang)
            self.add_text(iri, RDFS.label, f"{dom.notation} {label}", lang)
        self.add(iri, self.nkc.domainStatus, self.nkc[STATUS_TERM[dom.number_status]])
        for fam in dom.families:
            self.add_text(iri, self.nkc.families, fam, "en")
        for url in dom.reference:
            self.add(iri, DCTERMS.source, URIRef(url))
        self.add(iri, self.nkc.addedByCurators, Literal(True))

    def cancer_type(self, ct: r.CancerType, key: PathKey, domains: set[str]) -> None:
        iri = self.entity(self.iris.cancer_type(ct.id), "RareCancerType", key)
        self.add_text(iri, SKOS.prefLabel, ct.label_nl)
        self.add_text(iri, SKOS.prefLabel, ct.label_en, "en")
        self.add_text(iri, RDFS.label, ct.label_nl)
        self.add_text(iri, RDFS.label, ct.label_en, "en")
        for alt in ct.alt_labels:
            self.add_text(iri, SKOS.altLabel, alt)
        if ct.euracan_domain:
            if ct.euracan_domain not in domains:
                self.error((*key, "euracan_domain"), f"unknown EURACAN domain {ct.euracan_domain!r}")
            else:
                self.add(iri, self.nkc.euracanDomain, self.iris.euracan_domain(ct.euracan_domain))
                self.add(iri, SKOS.broader, self.iris.euracan_domain(ct.euracan_domain))
            if ct.domain_status:
                self.add(iri, self.nkc.domainStatus, self.nkc[STATUS_TERM[ct.domain_status]])
        if ct.orpha is not None:
            self.add(iri, self.nkc.orphaCode, Literal(ct.orpha))
            self.add(
                iri,
                SKOS.exactMatch if ct.orpha_status == "verified" else SKOS.closeMatch,
                ORDO[str(ct.orpha)],
            )
            if ct.orpha_status:
                self.add(iri, self.nkc.orphanetStatus, self.nkc[STATUS_TERM[ct.orpha_status]])
            self.add_text(iri, self.nkc.note, f"Orphanet: {ct.orpha_label}" if ct.orpha_label else None, "en")
        for code in ct.icd10:
            self.add(iri, self.nkc.icd10, Literal(code))
        for j, ref in enumerate(ct.mentioned_in):
            doc = ref.document or ""
            if doc not in self.documents:
                self.error((*key, "mentioned_in", j), f"unknown document {doc!r}")
                continue
            for loc in self.locations_of(doc, ref):
                self.add(iri, self.nkc.mentionedAt, loc)
        for url in ct.reference:
            self.add(iri, DCTERMS.source, URIRef(url))

    def abbreviation(
        self,
        ab: r.Abbreviation,
        scheme: str,
        key: PathKey,
        curated: r.CuratedAbbreviation | None = None,
    ) -> None:
        iri = self.entity(self.iris.abbreviation(scheme, ab.abbr), "Abbreviation", key, ab.source, ab.issues)
        scheme_iri = self.iris.abbreviation_list(scheme)
        self.add(scheme_iri, RDF.type, self.nkc.AbbreviationList)
        self.add(iri, SKOS.inScheme, scheme_iri)
        if curated is None:
            self.add(scheme_iri, RDFS.label, nl(f"Afkortingen in {self.documents[scheme].title.nl}"))
            self.add(scheme_iri, self.nkc.definedIn, self.iris.document(scheme))
            self.add(iri, self.nkc.definedIn, self.iris.document(scheme))
            self.add(iri, self.nkc.definedBySource, Literal(True))
        else:
            self.add(scheme_iri, RDFS.label, nl("Afkortingen aangevuld door de curatoren"))
            self.add(scheme_iri, RDFS.label, en("Abbreviations added by the curators"))
            self.add(iri, self.nkc.definedBySource, Literal(False))
            self.add(iri, self.nkc.addedByCurators, Literal(True))
            self.add(iri, self.nkc.curationStatus, self.nkc[STATUS_TERM[curated.status]])
            for url in curated.reference:
                self.add(iri, DCTERMS.source, URIRef(url))
            for j, doc in enumerate(curated.used_in):
                if doc not in self.documents:
                    self.error((*key, "used_in", j), f"unknown document {doc!r}")
                else:
                    self.add(iri, self.nkc.usedIn, self.iris.document(doc))
        self.add(iri, self.nkc.abbreviation, Literal(ab.abbr))
        self.add(iri, SKOS.altLabel, Literal(ab.abbr))
        self.add_text(iri, SKOS.prefLabel, ab.expansion)
        self.add_text(iri, self.nkc.expansion, ab.expansion)
        self.add_text(iri, self.nkc.expansion, ab.expansion_en, "en")
        self.add(iri, RDFS.label, nl(f"{ab.abbr} = {ab.expansion}"))
        self.add_text(iri, self.nkc.note, ab.note)
        if ab.denotes:
            target = self.iris.party(ab.denotes) if ab.denotes in self.parties else None
            if target is None and ab.denotes in self.initiatives:
                target = self.iris.initiative(ab.denotes)
            if target is None:
                self.error((*key, "denotes"), f"unknown party or initiative {ab.denotes!r}")
            self.add(iri, self.nkc.denotes, target)

    # ------------------------------------------------------------------ parties
    def party(self, party: r.Party, key: PathKey) -> None:
        doc = (party.source.document if party.source else None) or self.document
        previous = self.graph
        self.use_graph(doc)
        iri = self.entity(self.iris.party(party.id), PARTY_CLASS[party.type], key, party.source, party.issues)
        for j, src in enumerate(party.sources):
            self.provenance(iri, src, (*key, "sources", j))
        self.add_text(iri, SKOS.prefLabel, party.label)
        self.add_text(iri, RDFS.label, party.label)
        self.add_text(iri, SKOS.prefLabel, party.label_en, "en")
        self.add_text(iri, RDFS.label, party.label_en, "en")
        for alt in party.alt_labels:
            self.add_text(iri, SKOS.altLabel, alt)
        if party.abbreviation:
            self.add(iri, self.nkc.abbreviation, Literal(party.abbreviation))
            self.add(iri, SKOS.altLabel, Literal(party.abbreviation))
        for field_name, prop in (
            ("part_of", ORG.subOrganizationOf),
            ("member_of", ORG.memberOf),
            ("affiliations", self.nkc.affiliation),
        ):
            for j, other in enumerate(getattr(party, field_name)):
                target = self.party_iri(other, (*key, field_name, j))
                self.add(iri, prop, target)
                if target is not None and field_name == "part_of":
                    self.add(target, ORG.hasSubOrganization, iri)
        if party.homepage:
            self.add(iri, FOAF.homepage, URIRef(party.homepage))
        self.add_text(iri, DCTERMS.description, party.description)
        self.add_text(iri, self.nkc.note, party.note)
        if party.status == "curated":
            self.add(iri, self.nkc.addedByCurators, Literal(True))
        self.graph = previous

    def initiative(self, ini: r.Initiative, key: PathKey) -> None:
        iri = self.entity(self.iris.initiative(ini.id), "Initiative", key, ini.source)
        self.add_text(iri, RDFS.label, ini.label)
        self.add_text(iri, SKOS.prefLabel, ini.label)
        self.add_text(iri, RDFS.label, ini.label_en, "en")
        if ini.abbreviation:
            self.add(iri, self.nkc.abbreviation, Literal(ini.abbreviation))
            self.add(iri, SKOS.altLabel, Literal(ini.abbreviation))
        self.add_text(iri, DCTERMS.description, ini.description)
        self.add_text(iri, DCTERMS.description, ini.description_en, "en")
        if ini.homepage:
            self.add(iri, FOAF.homepage, URIRef(ini.homepage))
        if ini.status == "curated":
            self.add(iri, self.nkc.addedByCurators, Literal(True))
        self.roles(iri, ini.parties, "project-owner", (*key, "parties"))

    # ------------------------------------------------------------------ plans
    def plan_file(self, rec: r.PlanFile) -> None:
        plan_id = rec.plan if isinstance(rec.plan, str) else rec.plan.id
        if plan_id not in self.plans:
            self.error(("plan",), f"unknown plan {plan_id!r}: no file has a header for it")
            return
        plan = self.iris.plan(plan_id)
        if isinstance(rec.plan, r.PlanHeader):
            self.plan_header(rec.plan, plan)
        for i, ch in enumerate(rec.changes):
            node = self.entity(self.iris.in_plan(plan_id, "change", i + 1), "Change", ("changes", i), ch.source)
            self.add(plan, self.nkc.hasChange, node)
            self.add(node, self.nkc.number, Literal(i + 1))
            self.add_text(node, self.nkc.text, ch.text)
            self.add_text(node, RDFS.label, ch.text)
        if rec.mission:
            node = self.entity(
                self.iris.mission(), "CollectiveMission", ("mission",), rec.mission.source, rec.mission.issues
            )
            self.statement(node, rec.mission)
            self.add(plan, self.nkc.servesMission, node)
        for name, prop, cls in (
            ("goal", self.nkc.hasGoal, "Goal"),
            ("problem", self.nkc.hasProblem, "Problem"),
            ("problem_summary", self.nkc.hasProblemDescription, "ProblemDescription"),
        ):
            stmt = getattr(rec, name)
            if stmt:
                node = self.entity(
                    self.iris.in_plan(plan_id, name.replace("_", "-")), cls, (name,), stmt.source, stmt.issues
                )
                self.statement(node, stmt)
                self.add(plan, prop, node)
        for i, cause in enumerate(rec.causes):
            self.cause(plan_id, cause, ("causes", i))
        for i, sg in enumerate(rec.subgoals):
            node = self.entity(
                self.iris.in_plan(plan_id, "subgoal", sg.number),
                "Subgoal",
                ("subgoals", i),
                sg.source,
                sg.issues,
            )
            self.add(plan, self.nkc.hasSubgoal, node)
            self.add(node, DCTERMS.isPartOf, plan)
            self.add(node, self.nkc.number, Literal(sg.number))
            self.add_text(node, self.nkc.text, sg.text)
            self.add_text(node, RDFS.label, f"Subdoel {sg.number}: {sg.short_title or sg.text}")
            self.add_text(node, self.nkc.shortTitle, sg.short_title)
        for i, canvas in enumerate(rec.canvases):
            self.canvas(plan_id, canvas, ("canvases", i))
        for i, act in enumerate(rec.activities):
            self.activity(plan_id, act, ("activities", i))
        for i, past in enumerate(rec.past_activities):
            self.past_activity(plan_id, past, ("past_activities", i))
        for i, team in enumerate(rec.teams):
            self.team(plan_id, team, ("teams", i))
        for i, choice in enumerate(rec.choices):
            node = self.entity(
                self.iris.in_plan(plan_id, "choice", choice.number),
                "Choice",
                ("choices", i),
                choice.source,
                choice.issues,
            )
            self.add(plan, self.nkc.hasChoice, node)
            self.add(node, self.nkc.number, Literal(choice.number))
            self.add_text(node, self.nkc.text, choice.text)
            self.add_text(node, RDFS.label, choice.text)
        for i, ab in enumerate(rec.abbreviations):
            self.abbreviation(ab, rec.document, ("abbreviations", i))
        for i, fig in enumerate(rec.figures):
            self.figure(fig, ("figures", i))

    def plan_header(self, header: r.PlanHeader, plan: URIRef) -> None:
        self.entity(plan, "ActionPlan", ("plan",), header.source)
        self.add_text(plan, DCTERMS.title, header.title.nl)
        self.add_text(plan, DCTERMS.title, header.title.en, "en")
        self.add_text(plan, RDFS.label, header.title.nl)
        self.add_text(plan, RDFS.label, header.title.en, "en")
        self.add(plan, DCTERMS.identifier, Literal(header.id))
        self.add(plan, self.nkc.year, Literal(str(header.year), datatype=XSD.gYear))
        self.add(plan, self.nkc.version, Literal(header.version))
        self.add(plan, self.nkc.theme, self.concept("theme", header.theme, THEME_LABELS[header.theme], "Theme"))
        self.add(plan, DCTERMS.publisher, self.party_iri(header.publisher, ("plan", "publisher")))
        if header.revises:
            if header.revises not in self.plans:
                self.error(("plan", "revises"), f"unknown plan {header.revises!r}")
            self.add(plan, PROV.wasRevisionOf, self.iris.plan(header.revises))
        doc = header.described_by or self.document
        if doc:
            self.add(plan, self.nkc.describedIn, self.iris.document(doc))
        self.add_text(plan, self.nkc.note, header.note, "en")

    def statement(self, node: URIRef, stmt: r.Statement) -> None:
        self.add_text(node, self.nkc.text, stmt.text)
        self.add_text(node, self.nkc.text, stmt.text_en, "en")
        self.add_text(node, RDFS.label, stmt.text)

    def cause(self, plan_id: str, cause: r.Cause, key: PathKey) -> None:
        node = self.entity(self.iris.in_plan(plan_id, "cause", cause.number), "Cause", key, cause.source, cause.issues)
        self.add(self.iris.plan(plan_id), self.nkc.hasCause, node)
        self.add(node, DCTERMS.isPartOf, self.iris.plan(plan_id))
        self.add(node, self.nkc.number, Literal(cause.number))
        self.add_text(node, self.nkc.text, cause.text)
        self.add_text(node, RDFS.label, f"Oorzaak {cause.number}: {cause.text}")
        self.add_text(node, self.nkc.preamble, cause.preamble)
        self.subcauses(node, cause.subcauses, key, cause.source)

    def subcauses(self, owner: URIRef, subs: Sequence[r.SubCause], key: PathKey, source: r.SourceRef) -> None:
        for j, sub in enumerate(subs):
            iri = URIRef(f"{owner}/subcause/{sub.letter}")
            self.entity(iri, "SubCause", (*key, "subcauses", j), source, sub.issues)
            self.add(owner, self.nkc.hasSubCause, iri)
            self.add(iri, self.nkc.letter, Literal(sub.letter))
            self.add_text(iri, self.nkc.text, sub.text)
            self.add_text(iri, RDFS.label, f"{sub.letter}. {sub.text}")

    def canvas(self, plan_id: str, canvas: r.Canvas, key: PathKey) -> None:
        node = self.entity(
            self.iris.in_plan(plan_id, "canvas", canvas.number), "Canvas", key, canvas.source, canvas.issues
        )
        self.add(self.iris.plan(plan_id), self.nkc.hasCanvas, node)
        self.add(node, DCTERMS.isPartOf, self.iris.plan(plan_id))
        self.add(node, self.nkc.number, Literal(canvas.number))
        self.add_text(node, DCTERMS.title, canvas.title)
        self.add_text(node, RDFS.label, f"Canvas {canvas.number}. {canvas.title}")
        self.add(node, self.nkc.addressesCause, self.iris.in_plan(plan_id, "cause", canvas.cause))
        self.add(node, self.nkc.contributesToSubgoal, self.subgoal_iri(plan_id, canvas.subgoal, (*key, "subgoal")))
        self.add_text(node, self.nkc.causeText, canvas.cause_text)
        self.add_text(node, self.nkc.preamble, canvas.preamble)
        self.subcauses(node, canvas.subcauses, key, canvas.source)
        n = 0
        for column, cls in (
            ("activities", "CanvasActivity"),
            ("outputs", "CanvasOutput"),
            ("outcomes", "CanvasOutcome"),
        ):
            for j, item in enumerate(getattr(canvas, column)):
                n += 1
                ikey = (*key, column, j)
                iri = self.entity(URIRef(f"{node}/item/{n}"), cls, ikey, canvas.source, item.issues)
                self.add(node, self.nkc.hasItem, iri)
                self.add(iri, self.nkc.number, Literal(n))
                self.add_text(iri, self.nkc.text, item.text)
                self.add_text(iri, RDFS.label, item.text)
                for sub in item.subitems:
                    self.add_text(iri, self.nkc.subItem, sub)
                if item.domain:
                    labels = DOMAIN_LABELS[item.domain]
                    self.add(
                        iri,
                        self.nkc.domain,
                        self.concept("domain", item.domain, labels, "InterventionDomain"),
                    )
                if item.prioritised_activity is not None:
                    if item.prioritised_activity not in self.plan_activities.get(plan_id, set()):
                        self.error(
                            (*ikey, "prioritised_activity"),
                            f"plan {plan_id} has no activity {item.prioritised_activity}",
                        )
                    else:
                        self.add(
                            iri,
                            self.nkc.prioritisedAs,
                            self.iris.activity(plan_id, item.prioritised_activity),
                        )

    def subgoal_iri(self, plan_id: str, number: int, key: PathKey) -> URIRef | None:
        if number not in self.plan_subgoals.get(plan_id, set()):
            self.error(key, f"plan {plan_id} has no subgoal {number}")
            return None
        return self.iris.in_plan(plan_id, "subgoal", number)

    def activity(self, plan_id: str, act: r.Activity, key: PathKey) -> None:
        iri = self.entity(self.iris.activity(plan_id, act.number), "PrioritisedActivity", key, act.source, act.issues)
        plan = self.iris.plan(plan_id)
        if act.list_source:
            self.provenance(iri, act.list_source, (*key, "list_source"))
        self.add(plan, self.nkc.hasActivity, iri)
        self.add(iri, DCTERMS.isPartOf, plan)
        self.add(iri, self.nkc.number, Literal(act.number))
        self.add_text(iri, DCTERMS.title, act.title)
        self.add_text(iri, RDFS.label, f"Activiteit {act.number}. {act.title}")
        self.add_text(iri, self.nkc.cardTitle, act.card_title)
        self.add(iri, self.nkc.activityStatus, Literal(act.status))
        if act.subgoals == "all":
            self.add(iri, self.nkc.servesAllSubgoals, Literal(True))
        else:
            for j, sg in enumerate(act.subgoals):
                self.add(iri, self.nkc.servesSubgoal, self.subgoal_iri(plan_id, sg, (*key, "subgoals", j)))
        self.roles(iri, act.involved, "involved", (*key, "involved"))
        self.roles(iri, act.parties, "partner", (*key, "parties"))
        for text in act.involved_text:
            self.add_text(iri, self.nkc.involvedText, text)
        numbers = {s.number for s in act.steps}
        for j, step in enumerate(act.steps):
            self.step(plan_id, act, step, (*key, "steps", j))
        for j, res in enumerate(act.results):
            rkey = (*key, "results", j)
            riri = self.entity(URIRef(f"{iri}/result/{res.number}"), "IntendedResult", rkey, act.source)
            self.add(iri, self.nkc.hasIntendedResult, riri)
            self.add(riri, self.nkc.number, Literal(res.number))
            self.add_text(riri, self.nkc.text, res.text)
            self.add_text(riri, RDFS.label, res.text)
            if res.steps == []:
                # the card ties the result to no step: it is the aim of the activity as a whole
                self.add(riri, self.nkc.forWholeActivity, Literal(True))
            for s in res.steps if res.steps is not None else ([res.number] if res.number in numbers else []):
                if s not in numbers:
                    self.error((*rkey, "steps"), f"activity {act.number} has no step {s}")
                else:
                    self.add(riri, self.nkc.resultOf, self.iris.step(plan_id, act.number, s))
        for j, mention in enumerate(act.initiatives):
            mkey = (*key, "initiatives", j)
            miri = self.entity(URIRef(f"{iri}/initiative-mention/{j + 1}"), "InitiativeMention", mkey, act.source)
            self.add(iri, self.nkc.hasInitiativeMention, miri)
            self.add_text(miri, self.nkc.text, mention.text)
            self.add_text(miri, RDFS.label, mention.text)
            for k, ini in enumerate(mention.initiatives):
                target = self.initiative_iri(ini, (*mkey, "initiatives", k))
                self.add(miri, self.nkc.relatedInitiative, target)
                self.add(iri, self.nkc.relatedInitiative, target)
            for k, ref in enumerate(mention.parties):
                party = ref if isinstance(ref, str) else ref.party
                self.add(miri, self.nkc.mentionsParty, self.party_iri(party, (*mkey, "parties", k)))

    def step(self, plan_id: str, act: r.Activity, step: r.Step, key: PathKey) -> None:
        iri = self.entity(
            self.iris.step(plan_id, act.number, step.number),
            "Step",
            key,
            step.source or act.source,
            step.issues,
        )
        activity = self.iris.activity(plan_id, act.number)
        self.add(activity, self.nkc.hasStep, iri)
        self.add(iri, DCTERMS.isPartOf, activity)
        self.add(iri, self.nkc.number, Literal(step.number))
        self.add_text(iri, self.nkc.text, step.text)
        self.add_text(iri, RDFS.label, f"Activiteit {act.number}, stap {step.number}: {step.text}")
        self.add_text(iri, self.nkc.leadText, step.lead_text)
        self.roles(iri, step.lead, "lead", (*key, "lead"))
        self.roles(iri, step.parties, "partner", (*key, "parties"))
        for k, ini in enumerate(step.initiatives):
            self.add(iri, self.nkc.relatedInitiative, self.initiative_iri(ini, (*key, "initiatives", k)))
        if step.timeframe is not None:
            self.timeframe(iri, step.timeframe, (*key, "timeframe"))

    def timeframe(self, owner: URIRef, text: str, key: PathKey) -> None:
        try:
            tf = parse_timeframe(text)
        except TimeframeError as exc:
            self.error(key, f"malformed timeframe: {exc}")
            return
        # One timeframe node per step: the same dates are written differently on different cards.
        iri = URIRef(f"{owner}/timeframe")
        self.add(owner, self.nkc.timeframe, iri)
        self.add(owner, TIME.hasTime, iri)
        self.add(iri, RDF.type, self.nkc.Timeframe)
        self.add(iri, RDF.type, TIME.ProperInterval)
        self.add(iri, RDFS.label, Literal(tf.label))
        for flag in ("tentative", "ongoing", "approximate"):
            if getattr(tf, flag):
                self.add(iri, self.nkc[flag], Literal(True))
        for prop, day in ((TIME.hasBeginning, tf.start), (TIME.hasEnd, tf.end)):
            if day is None:
                continue
            instant = self.iris.instant(day.isoformat())
            self.add(iri, prop, instant)
            # instants are shared by every document: describe them once, in the curated graph
            shared = self.dataset.graph(self.iris.graph("curated"))
            shared.add((instant, RDF.type, TIME.Instant))
            shared.add((instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)))
        if tf.start is not None and tf.end is not None:
            # an index for questions about a year or a quarter: a range filter on dates scans every timeframe
            for year in range(tf.start.year, tf.end.year + 1):
                self.add(iri, self.nkc.overlapsYear, Literal(str(year), datatype=XSD.gYear))

    def past_activity(self, plan_id: str, past: r.PastActivity, key: PathKey) -> None:
        iri = self.entity(self.iris.activity(plan_id, past.number), "PastActivity", key, past.source, past.issues)
        plan = self.iris.plan(plan_id)
        self.add(plan, self.nkc.hasActivity, iri)
        self.add(iri, DCTERMS.isPartOf, plan)
        self.add(iri, self.nkc.number, Literal(past.number))
        self.add_text(iri, DCTERMS.title, past.title)
        self.add_text(iri, RDFS.label, f"Activiteit {past.number}. {past.title}")
        self.add_text(iri, self.nkc.achievement, past.done)
        successors = [p for p, h in self.plans.items() if h.revises == plan_id]
        for j, n in enumerate(past.continued_by):
            target = next((p for p in successors if n in self.plan_activities.get(p, set())), None)
            if target is None:
                self.error((*key, "continued_by", j), f"no plan revising {plan_id} has activity {n}")
                continue
            self.add(iri, self.nkc.continuedBy, self.iris.activity(target, n))
            self.add(self.iris.activity(target, n), self.nkc.continues, iri)
        self.roles(iri, past.parties, "lead", (*key, "parties"))
        for k, ini in enumerate(past.initiatives):
            self.add(iri, self.nkc.relatedInitiative, self.initiative_iri(ini, (*key, "initiatives", k)))

    def team(self, plan_id: str, team: r.Team, key: PathKey) -> None:
        iri = self.entity(self.iris.team(team.id), "Team", key, team.source)
        self.add(self.iris.plan(plan_id), self.nkc.hasTeam, iri)
        self.add_text(iri, RDFS.label, team.label)
        self.add_text(iri, SKOS.prefLabel, team.label)
        self.add_text(iri, RDFS.label, team.label_en, "en")
        self.add_text(iri, self.nkc.note, team.contributors_text)
        for j, m in enumerate(team.members):
            mkey = (*key, "members", j)
            person = self.party_iri(m.person, (*mkey, "person"))
            if person is None:
                continue
            ms = self.entity(self.iris.membership(team.id, m.person), ORG.Membership, mkey, team.source)
            self.add(ms, ORG.member, person)
            self.add(ms, ORG.organization, iri)
            self.add(person, ORG.memberOf, iri)
            self.add(person, ORG.hasMembership, ms)
            self.add(ms, self.nkc.former, Literal(m.former))
            self.add_text(ms, self.nkc.affiliationText, m.affiliation_text)
            label = self.parties[m.person][0].label
            self.add_text(ms, RDFS.label, f"{label} in {team.label}" + (" (voormalig)" if m.former else ""))
            if m.role:
                labels = TEAM_ROLE_LABELS.get(m.role.lower(), (m.role, None))
                self.add(ms, ORG.role, self.concept("team-role", slugify(m.role), labels, "PartyRole"))
            for k, aff in enumerate(m.affiliations):
                self.add(person, self.nkc.affiliation, self.party_iri(aff, (*mkey, "affiliations", k)))
        self.roles(iri, team.contributors, "partner", (*key, "contributors"))

    def figure(self, fig: r.Figure, key: PathKey) -> None:
        iri = self.entity(self.iris.figure(fig.id), "KeyFigure", key, fig.source)
        self.add_text(iri, RDFS.label, fig.label.nl)
        self.add_text(iri, RDFS.label, fig.label.en, "en")
        self.add(iri, self.nkc.value, Literal(str(fig.value), datatype=XSD.decimal))
        self.add(iri, self.nkc.unit, Literal(fig.unit))
        self.add(iri, self.nkc.qualifier, Literal(fig.qualifier))
        self.add_text(iri, self.nkc.text, fig.text)
        self.add_text(iri, self.nkc.note, fig.subject)

    # ------------------------------------------------------------------ other documents
    def document_file(self, rec: r.DocumentFile) -> None:
        if rec.framework:
            self.framework(rec.framework, ("framework",))
        for i, panel in enumerate(rec.panels):
            self.panel(panel, ("panels", i))
        if rec.campaign:
            self.campaign(rec.campaign, ("campaign",))
        for i, finding in enumerate(rec.findings):
            iri = self.entity(self.iris.finding(rec.document, finding.id), "Finding", ("findings", i), finding.source)
            self.add_text(iri, self.nkc.topic, finding.topic)
            self.add_text(iri, RDFS.label, finding.topic)
            self.add_text(iri, self.nkc.text, finding.text)
        for i, fig in enumerate(rec.figures):
            self.figure(fig, ("figures", i))
        for i, ab in enumerate(rec.abbreviations):
            self.abbreviation(ab, rec.document, ("abbreviations", i))

    def framework(self, fw: r.Framework, key: PathKey) -> None:
        iri = self.entity(self.iris.framework(fw.id), "ExpertPanelFramework", key)
        self.provenance(iri, r.SourceRef(), key)
        self.add_text(iri, DCTERMS.title, fw.title.nl)
        self.add_text(iri, DCTERMS.title, fw.title.en, "en")
        self.add_text(iri, RDFS.label, fw.title.nl)
        self.add_text(iri, RDFS.label, fw.title.en, "en")
        self.add(iri, self.nkc.version, Literal(fw.version))
        self.add(iri, DCTERMS.date, Literal(fw.date))
        for j, a in enumerate(fw.authors):
            self.add(iri, self.nkc.author, self.party_iri(a, (*key, "authors", j)))
        for name, prop in (("definition", self.nkc.hasDefinition), ("aim", self.nkc.hasAim)):
            stmt: r.Statement = getattr(fw, name)
            node = self.entity(self.iris.framework(fw.id, name), "Finding", (*key, name), stmt.source, stmt.issues)
            self.statement(node, stmt)
            self.add(iri, prop, node)
        for j, step in enumerate(fw.steps):
            skey = (*key, "steps", j)
            node = self.entity(self.iris.framework(fw.id, "step", step.number), "FrameworkStep", skey, step.source)
            self.add(iri, self.nkc.hasFrameworkStep, node)
            self.add(node, self.nkc.number, Literal(step.number))
            self.add(node, self.nkc.sectionNumber, Literal(step.section))
            self.add_text(node, RDFS.label, f"{step.section} {step.title}")
            self.add_text(node, DCTERMS.title, step.title)
            for action in step.actions:
                self.add_text(node, self.nkc.action, action)
        for j, pr in enumerate(fw.principles):
            pkey = (*key, "principles", j)
            node = self.entity(
                self.iris.framework(fw.id, "principle", pr.number), "FrameworkPrinciple", pkey, pr.source
            )
            self.add(iri, self.nkc.hasPrinciple, node)
            self.add(node, self.nkc.number, Literal(pr.number))
            self.add(node, self.nkc.sectionNumber, Literal(pr.section))
            self.add_text(node, DCTERMS.title, pr.title)
            self.add_text(node, RDFS.label, f"{pr.section} {pr.title}")
            self.add_text(node, RDFS.label, pr.title_en, "en")
            self.add_text(node, self.nkc.text, pr.text)
            for item in pr.items:
                self.add_text(node, self.nkc.item, item)
            for req in pr.requires:
                concept = self.concept("panel-requirement", req, REQUIREMENT_LABELS[req], "PanelRequirement")
                self.add(node, self.nkc.requires, concept)
                if req in REQUIREMENT_PROPERTY:
                    self.dataset.graph(self.iris.graph("curated")).add(
                        (concept, self.nkc.requirementProperty, self.nkc[REQUIREMENT_PROPERTY[req]])
                    )

    def panel(self, panel: r.ExpertPanel, key: PathKey) -> None:
        iri = self.entity(self.iris.panel(panel.id), "ExpertPanel", key, panel.source, panel.issues)
        self.add_text(iri, RDFS.label, panel.label)
        self.add_text(iri, SKOS.prefLabel, panel.label)
        self.add_text(iri, DCTERMS.description, panel.description)
        for field_name, prop in (
            ("target_cancer_types", self.nkc.targetCancerType),
            ("tasks", self.nkc.task),
            ("composition", self.nkc.composition),
        ):
            for value in getattr(panel, field_name):
                self.add_text(iri, prop, value)
        self.add_text(iri, self.nkc.chair, panel.chair)
        self.add_text(iri, self.nkc.meetingFrequency, panel.meeting_frequency)
        self.add_text(iri, self.nkc.privacyAgreements, panel.privacy_agreements)
        if panel.framework:
            self.add(iri, self.nkc.followsFramework, self.iris.framework(panel.framework))
        for j, ref in enumerate(panel.coordinator):
            party = ref if isinstance(ref, str) else ref.party
            self.add(iri, self.nkc.coordinator, self.party_iri(party, (*key, "coordinator", j)))

    def campaign(self, c: r.Campaign, key: PathKey) -> None:
        iri = self.entity(self.iris.campaign(c.id), "Campaign", key, c.source, c.issues)
        self.add_text(iri, RDFS.label, c.label)
        self.add(iri, SCHEMA.startDate, Literal(c.start, datatype=XSD.date))
        self.add(iri, SCHEMA.endDate, Literal(c.end, datatype=XSD.date))
        if c.edition is not None:
            self.add(iri, self.nkc.edition, Literal(c.edition))
        self.roles(iri, c.organisers, "initiator", (*key, "organisers"))
        for j, b in enumerate(c.bottlenecks):
            node = self.entity(
                self.iris.campaign(c.id, "bottleneck", b.number),
                "Bottleneck",
                (*key, "bottlenecks", j),
                b.source,
                b.issues,
            )
            self.add(iri, self.nkc.hasBottleneck, node)
            self.add(node, self.nkc.number, Literal(b.number))
            self.add_text(node, self.nkc.text, b.text)
            self.add_text(node, self.nkc.text, b.text_en, "en")
            self.add_text(node, RDFS.label, b.text)
            if b.status == "curated":
                self.add(node, self.nkc.addedByCurators, Literal(True))


def _closest(word: str, known: Iterable[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(word, list(known), n=3, cutoff=0.6)


def _suggest(word: str, known: Iterable[str]) -> str:
    close = _closest(word, known)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def build_from_paths(paths: list[Path], iris: Iris | None = None) -> BuildResult:
    """Read and build; reading problems come first, then unresolved references, each once."""
    read = read_curated(paths)
    result = Builder(iris or Iris()).build(read.files)
    result.errors = read.errors + result.errors
    return result
