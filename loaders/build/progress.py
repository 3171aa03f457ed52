"""Progress reports: a report and its status observations, each report in a named graph of its own."""

from __future__ import annotations

from nkc_kg.loaders.build.core import BuilderCore
from nkc_kg.loaders.build.terms import PROGRESS_STATUS_LABELS
from nkc_kg.loaders.curated.progress import ProgressFile, StatusObservation
from nkc_kg.loaders.curated.yamlio import PathKey
from nkc_kg.loaders.iris import DCTERMS, RDFS, XSD
from rdflib import Literal, URIRef

STATUS_SCHEME = "progress-status"


class ProgressRecords(BuilderCore):
    """Writes a progress report: what it reports on, and one observation per activity or step."""

    def progress_file(self, rec: ProgressFile) -> None:
        head = rec.progress_report
        self.status_scheme()
        self.graph = self.dataset.graph(self.iris.progress_graph(head.id))
        key: PathKey = ("progress_report",)
        report = self.entity(self.iris.progress_report(head.id), "ProgressReport", key, head.source)
        self.add(report, DCTERMS.identifier, Literal(head.id))
        self.title(report, head.title)
        self.add(report, DCTERMS.date, Literal(head.date))
        self.add(report, self.nkc.reportsOn, self.iris.plan(head.plan))
        self.add(report, DCTERMS.publisher, self.party_iri(head.publisher, (*key, "publisher")))
        if rec.document is not None:
            self.add(report, DCTERMS.isPartOf, self.iris.document(rec.document))
        seen: dict[tuple[int, int | None], int] = {}
        for i, obs in enumerate(rec.observations):
            where = (obs.activity, obs.step)
            if where in seen:
                # one report gives one status per step: a second would merge into the first's IRI
                self.error(
                    ("observations", i),
                    f"activity {obs.activity} step {obs.step} is reported twice in this report",
                    f"activiteit {obs.activity} stap {obs.step} staat twee keer in deze rapportage",
                )
                continue
            seen[where] = i
            self.observation(head.id, head.plan, report, obs, ("observations", i))

    def observation(self, report_id: str, plan: str, report: URIRef, obs: StatusObservation, key: PathKey) -> None:
        part = f"{obs.activity}" if obs.step is None else f"{obs.activity}-{obs.step}"
        iri = self.entity(
            self.iris.progress_report(report_id, "observation", part), "StatusObservation", key, obs.source, obs.issues
        )
        target = (
            self.iris.activity(plan, obs.activity) if obs.step is None else self.iris.step(plan, obs.activity, obs.step)
        )
        self.add(report, self.nkc.hasObservation, iri)
        self.add(iri, DCTERMS.isPartOf, report)
        self.add(iri, self.nkc.observes, target)
        # an unknown word still names a concept IRI, which SHACL reports as not in the scheme, with its cell
        self.add(iri, self.nkc.progressStatus, self.iris.concept(STATUS_SCHEME, obs.status.strip().lower()))
        self.add(iri, self.nkc.statusDate, Literal(obs.date.isoformat(), datatype=XSD.date))
        # where each field is written, for the checks that name a field (a date outside the plan's period,
        # afgerond without a text, an unknown step): they answer with these nodes, which carry no triples
        assert self.file is not None
        for field in ("date", "done", "step", "activity"):
            located = URIRef(f"{iri}/{field}")
            self.result.locations.setdefault(located, self.file.location((*key, field)))
        where = f"activiteit {obs.activity}" + ("" if obs.step is None else f", stap {obs.step}")
        self.add_text(iri, RDFS.label, f"{where}: {obs.status} op {obs.date.isoformat()}")
        self.add_text(iri, self.nkc.achievement, obs.done)
        if obs.status_basis == "curated":
            self.add(iri, self.nkc.statusByCurators, Literal(True))
        for link in obs.evidence:
            self.add(iri, self.nkc.evidence, URIRef(link) if "://" in link else Literal(link))

    def status_scheme(self) -> None:
        for status, labels in PROGRESS_STATUS_LABELS.items():
            concept = self.concept(STATUS_SCHEME, status, labels, "ProgressStatus")
            self.dataset.graph(self.iris.graph("curated")).add(
                (concept, self.nkc.statusOrder, Literal(list(PROGRESS_STATUS_LABELS).index(status) + 1))
            )
