"""Other source documents: an expert-panel framework and its panels, a campaign, findings."""

from __future__ import annotations

from nkc_kg.loaders.build.reference import ReferenceRecords
from nkc_kg.loaders.build.terms import REQUIREMENT_LABELS, REQUIREMENT_PROPERTY
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.yamlio import PathKey
from nkc_kg.loaders.iris import DCTERMS, RDFS, SCHEMA, SKOS, XSD
from rdflib import Literal


class DocumentRecords(ReferenceRecords):
    """Writes the records of a document file that is not a plan."""

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
        self.title(iri, fw.title)
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
