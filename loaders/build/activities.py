"""Activities of a plan: prioritised ones with their steps, timeframes and results, and past ones."""

from __future__ import annotations

from nkc_kg.loaders.build.core import BuilderCore
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.timeframes import TimeframeError, parse_timeframe
from nkc_kg.loaders.curated.yamlio import PathKey
from nkc_kg.loaders.iris import DCTERMS, RDF, RDFS, TIME, XSD
from rdflib import Literal, URIRef


class ActivityRecords(BuilderCore):
    """Writes a plan's activities, their steps and timeframes."""

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
