"""The reference data: source documents, EURACAN domains, rare cancer types, abbreviations, key figures."""

from __future__ import annotations

from nkc_kg.loaders.build.core import BuilderCore, en, nl
from nkc_kg.loaders.build.terms import STATUS_TERM
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.yamlio import PathKey
from nkc_kg.loaders.iris import DCTERMS, ORDO, RDF, RDFS, SKOS, XSD
from rdflib import Literal, URIRef


class ReferenceRecords(BuilderCore):
    """Writes the records of data/sources.yaml and the abbreviations and figures of any file."""

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
        self.title(iri, doc.title)
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

    def figure(self, fig: r.Figure, key: PathKey) -> None:
        iri = self.entity(self.iris.figure(fig.id), "KeyFigure", key, fig.source)
        self.add_text(iri, RDFS.label, fig.label.nl)
        self.add_text(iri, RDFS.label, fig.label.en, "en")
        self.add(iri, self.nkc.value, Literal(str(fig.value), datatype=XSD.decimal))
        self.add(iri, self.nkc.unit, Literal(fig.unit))
        self.add(iri, self.nkc.qualifier, Literal(fig.qualifier))
        self.add_text(iri, self.nkc.text, fig.text)
        self.add_text(iri, self.nkc.note, fig.subject)
