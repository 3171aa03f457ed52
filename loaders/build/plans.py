"""A plan file: its header, changes, goal and problem, causes, subgoals, canvases, choices."""

from __future__ import annotations

from collections.abc import Sequence

from nkc_kg.loaders.build.activities import ActivityRecords
from nkc_kg.loaders.build.parties import PartyRecords
from nkc_kg.loaders.build.reference import ReferenceRecords
from nkc_kg.loaders.build.terms import DOMAIN_LABELS, THEME_LABELS
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.yamlio import PathKey
from nkc_kg.loaders.iris import DCTERMS, PROV, RDFS, XSD
from rdflib import Literal, URIRef


class PlanRecords(ActivityRecords, PartyRecords, ReferenceRecords):
    """Writes a plan file; its activities, teams and abbreviations through the other writers."""

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
        self.title(plan, header.title)
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
