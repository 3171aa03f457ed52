"""The answer of each question in plain language: a sentence, a table and the entities it rests on.

One function per named query (keyed by the query's name in :data:`ANSWERS`) turns the query's rows
into a :class:`Shaped` answer in Dutch or English: a sentence with the counts and key facts, the
table's columns and rows (entities as ``{iri, url, label}``), and the IRIs whose source locations
support the answer (for the citations). The functions only read rows and the lookups in
:class:`Context`; they never query the graph themselves.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.rows import flag, integer, text
from nkc_kg.service.i18n.messages import role_label
from nkc_kg.service.i18n.wording import count, join_words, numbered, pick
from nkc_kg.service.plans.pictures import ROLE_ORDER
from rdflib.term import Node

Row = Mapping[str, Node]
Cell = Any  # str | int | bool | None | entity dict | list of entity dicts
STATUS = {
    "verified": {"nl": "geverifieerd", "en": "verified"},
    "derived": {"nl": "afgeleid", "en": "derived"},
    "not-verified": {"nl": "niet geverifieerd", "en": "not verified"},
}
ACTIVITY = (("activiteit", "activiteiten"), ("activity", "activities"))
STEP = (("stap", "stappen"), ("step", "steps"))


@dataclass
class Shaped:
    sentence: str
    columns: list[tuple[str, str]]  # (key, heading in the answer's language)
    rows: list[dict[str, Cell]]
    cited: list[str] = field(default_factory=list)  # entities whose sources support the answer
    mentioned: list[str] = field(default_factory=list)  # other entities in the answer (curated marks)


@dataclass
class Context:
    """What an answer function may read: the rows, the resolved parameters and lookups in the graph."""

    rows: list[Row]
    values: Mapping[str, str]  # parameter -> normalised value (plan id, subgoal number, party slug, …)
    labels: Mapping[str, str]  # parameter -> its label in the answer's language
    entities: Mapping[str, str]  # parameter -> the IRI it resolved to (plans, parties)
    lang: str
    iris: Iris
    entity: Callable[[str, str | None], dict[str, Any]]  # {iri, url, label}; label None: the graph's
    plan: Callable[[str], dict[str, Any]]  # plan id -> {iri, url, label (in lang), id}
    party_name: Callable[[str], str]  # IRI -> abbreviation or label, the short name for sentences
    parties_in: Callable[[str], list[str]]  # "A, B" as GROUP_CONCAT gives it -> the parties' IRIs
    locations: Callable[[str], list[str]]  # IRI -> labels of its source locations, in lang
    class_label: Callable[[str], str]  # English class label -> label in lang
    domain_label: Callable[[str], str]  # EURACAN notation -> name in lang
    plan_of: Callable[[str], str | None]  # plan IRI -> plan id

    def t(self, nl: str, en: str) -> str:
        return pick(self.lang, nl, en)

    def activity(self, plan_id: str, n: int) -> str:
        return str(self.iris.activity(plan_id, n))

    def step(self, plan_id: str, activity: int, n: int) -> str:
        return str(self.iris.step(plan_id, activity, n))

    def subgoal(self, plan_id: str, n: int) -> str:
        return str(self.iris.in_plan(plan_id, "subgoal", n))

    def plan_title(self, plan_id: str) -> str:
        return str(self.plan(plan_id)["label"])

    def plan_id(self, value: Node | None) -> str:
        """Plan columns hold the id (a literal) or the plan's IRI."""
        text = str(value or "")
        return self.plan_of(text) or text


def by_strength(roles: Iterable[str]) -> list[str]:
    """Lead first, as on the pages (pictures.ROLE_ORDER); roles it does not know last."""
    order = {role: i for i, role in enumerate(ROLE_ORDER)}
    return sorted(set(roles), key=lambda r: (order.get(r, len(order)), r))


def quoted(value: str) -> str:
    return f"‘{value}’"


def activities_phrase(ctx: Context, numbers: Iterable[int]) -> str:
    return numbered(numbers, ctx.lang, *ACTIVITY)


def _the(ctx: Context, numbers: Iterable[int]) -> str:
    """'activiteit 12', 'de activiteiten 12 en 13' (Dutch takes the article in the plural)."""
    phrase = activities_phrase(ctx, numbers)
    return f"de {phrase}" if ctx.lang == "nl" and phrase.startswith("activiteiten") else phrase


def steps_phrase(ctx: Context, numbers: Iterable[int]) -> str:
    return numbered(numbers, ctx.lang, *STEP)


# -- parties in a subgoal -------------------------------------------------------------------------


def parties_in_subgoal(ctx: Context) -> Shaped:
    plan_id, subgoal = ctx.values["plan"], int(ctx.values["subgoal"])
    parties: dict[str, dict[str, Any]] = {}
    direct_activities: set[int] = set()
    cross_activities: set[int] = set()
    cited = [ctx.subgoal(plan_id, subgoal)]
    for row in ctx.rows:
        iri, activity, step = str(row["party"]), integer(row, "activity") or 0, integer(row, "step")
        cross = flag(row, "crossCutting")
        (cross_activities if cross else direct_activities).add(activity)
        cited.append(ctx.activity(plan_id, activity) if step is None else ctx.step(plan_id, activity, step))
        party = parties.setdefault(
            iri,
            {"label": text(row, "label"), "abbreviation": text(row, "abbreviation"), "roles": [], "direct": False,
             "activities": set(), "leads": defaultdict(set)},
        )  # fmt: skip
        party["direct"] = party["direct"] or not cross
        party["activities"].add(activity)
        role = text(row, "role") or "involved"
        if role not in party["roles"]:
            party["roles"].append(role)
        if role == "lead" and not cross:
            party["leads"][activity].add(step)
    direct = [iri for iri, p in parties.items() if p["direct"]]
    crossing = [iri for iri, p in parties.items() if not p["direct"]]
    plan = ctx.plan_title(plan_id)
    where = ctx.t(f"subdoel {subgoal} van het {plan}", f"subgoal {subgoal} of the {plan}")
    if not parties:
        sentence = ctx.t(f"Bij {where} is geen partij betrokken.", f"No party is involved in {where}.")
    else:
        total = len(parties)
        parts = []
        if direct:
            parts.append(
                ctx.t(
                    f"{len(direct)} via {_the(ctx, direct_activities)}, die aan dit subdoel bijdra"
                    f"{'agt' if len(direct_activities) == 1 else 'gen'}",
                    f"{len(direct)} through {activities_phrase(ctx, direct_activities)}, which serve"
                    f"{'s' if len(direct_activities) == 1 else ''} this subgoal",
                )
            )
        if crossing:
            parts.append(
                ctx.t(
                    f"{len(crossing)} alleen via {_the(ctx, cross_activities)}, die aan alle subdoelen "
                    f"bijdra{'agt' if len(cross_activities) == 1 else 'gen'}",
                    f"{len(crossing)} only through {activities_phrase(ctx, cross_activities)}, which serve"
                    f"{'s' if len(cross_activities) == 1 else ''} all subgoals",
                )
            )
        sentence = ctx.t(
            f"Bij {where} {'is' if total == 1 else 'zijn'} {count(total, 'partij', 'partijen')} betrokken: "
            f"{ctx.t(', en ', ', and ').join(parts)}.",
            f"{count(total, 'party is', 'parties are')} involved in {where}: {', and '.join(parts)}.",
        )
        leads = [iri for iri in direct if parties[iri]["leads"]]
        if leads:
            described = [
                f"{ctx.party_name(iri)} ({_lead_places(ctx, parties[iri]['leads'])})"
                for iri in sorted(leads, key=lambda i: ctx.party_name(i).casefold())
            ]
            sentence += " " + ctx.t(
                f"{'Trekker' if len(leads) == 1 else 'Trekkers'}: {join_words(described, 'nl')}.",
                f"{'Lead' if len(leads) == 1 else 'Leads'}: {join_words(described, 'en')}.",
            )
        others = sorted((ctx.party_name(iri) for iri in direct if not parties[iri]["leads"]), key=str.casefold)
        if others:
            sentence += " " + ctx.t(
                f"Verder betrokken: {join_words(others, 'nl')}.", f"Also involved: {join_words(others, 'en')}."
            )
        if crossing:
            names = join_words(sorted((ctx.party_name(iri) for iri in crossing), key=str.casefold), ctx.lang)
            sentence += " " + ctx.t(
                f"Via {_the(ctx, cross_activities)}: {names}.",
                f"Through {activities_phrase(ctx, cross_activities)}: {names}.",
            )
    rows = [
        {
            "party": ctx.entity(iri, p["label"]),
            "abbreviation": p["abbreviation"],
            "roles": [role_label(r, ctx.lang) for r in by_strength(p["roles"])],
            "activities": [ctx.entity(ctx.activity(plan_id, a), str(a)) for a in sorted(p["activities"])],
            "crossCutting": not p["direct"],
        }
        for iri, p in sorted(parties.items(), key=lambda kv: (not kv[1]["direct"], (kv[1]["label"] or "").casefold()))
    ]
    columns = [
        ("party", ctx.t("Partij", "Party")),
        ("abbreviation", ctx.t("Afkorting", "Abbreviation")),
        ("roles", ctx.t("Rol", "Role")),
        ("activities", ctx.t("Activiteiten", "Activities")),
        ("crossCutting", ctx.t("Alleen subdoel-overstijgend", "Only cross-cutting")),
    ]
    return Shaped(sentence, columns, rows, cited, list(parties))


def _lead_places(ctx: Context, leads: Mapping[int, set[int | None]]) -> str:
    """'activiteit 12, stap 1–3; activiteit 13, stap 3' — where a party leads."""
    places = []
    for activity in sorted(leads):
        steps = sorted(s for s in leads[activity] if s is not None)
        place = f"{ctx.t('activiteit', 'activity')} {activity}"
        if steps and None not in leads[activity]:
            place += f", {steps_phrase(ctx, steps)}"
        places.append(place)
    return "; ".join(places)


# -- what a party leads in a year ---------------------------------------------------------------


def party_leads(ctx: Context) -> Shaped:
    party, year = ctx.labels["party"], ctx.values["year"]
    per_plan: dict[str, set[int]] = defaultdict(set)
    rows, cited = [], []
    for row in ctx.rows:
        plan_id = ctx.plan_id(row.get("plan"))
        activity, step = integer(row, "activity") or 0, integer(row, "step") or 0
        per_plan[plan_id].add(activity)
        step_iri = ctx.step(plan_id, activity, step)
        cited.append(step_iri)
        rows.append(
            {
                "plan": ctx.plan(plan_id),
                "activity": ctx.entity(ctx.activity(plan_id, activity), str(activity)),
                "step": ctx.entity(step_iri, f"{activity}.{step}"),
                "text": text(row, "text"),
                "timeframe": text(row, "timeframe"),
            }
        )
    if not rows:
        sentence = ctx.t(
            f"In de plannen van {year} trekt {party} geen enkele stap.",
            f"In the plans of {year}, {party} leads no step.",
        )
    else:
        steps_per_plan = Counter(ctx.plan_id(r.get("plan")) for r in ctx.rows)
        parts = [
            ctx.t(
                f"{steps_per_plan[p]} in het {ctx.plan_title(p)} ({activities_phrase(ctx, per_plan[p])})",
                f"{steps_per_plan[p]} in the {ctx.plan_title(p)} ({activities_phrase(ctx, per_plan[p])})",
            )
            for p in sorted(per_plan, key=lambda p: -steps_per_plan[p])
        ]
        total = count(len(rows), *ctx.t("stap|stappen", "step|steps").split("|"))
        if len(per_plan) == 1:
            (only,) = per_plan
            places = f"{ctx.plan_title(only)} ({activities_phrase(ctx, per_plan[only])})"
            everything = "" if len(rows) == 1 else ctx.t("alle ", "all ")
            sentence = ctx.t(
                f"In de plannen van {year} trekt {party} {total}, {everything}in het {places}.",
                f"In the plans of {year}, {party} leads {total}, {everything}in the {places}.",
            )
        else:
            sentence = ctx.t(
                f"In de plannen van {year} trekt {party} {total}: {join_words(parts, 'nl')}.",
                f"In the plans of {year}, {party} leads {total}: {join_words(parts, 'en')}.",
            )
    columns = [
        ("plan", ctx.t("Actieplan", "Action plan")),
        ("activity", ctx.t("Activiteit", "Activity")),
        ("step", ctx.t("Stap", "Step")),
        ("text", ctx.t("Wat", "What")),
        ("timeframe", ctx.t("Wanneer", "When")),
    ]
    return Shaped(sentence, columns, rows, cited, [])


# -- steps in a quarter or a window -------------------------------------------------------------


def _planned_steps(ctx: Context, period: str) -> Shaped:
    per_plan: Counter[str] = Counter()
    leads: Counter[str] = Counter()
    rows, cited, mentioned = [], [], []
    for row in ctx.rows:
        plan_id = ctx.plan_id(row.get("plan"))
        activity, step = integer(row, "activity") or 0, integer(row, "step") or 0
        per_plan[plan_id] += 1
        step_iri = ctx.step(plan_id, activity, step)
        cited.append(step_iri)
        lead_iris = ctx.parties_in(text(row, "lead") or "")
        leads.update(lead_iris)
        mentioned.extend(lead_iris)
        rows.append(
            {
                "plan": ctx.plan(plan_id),
                "step": ctx.entity(step_iri, f"{activity}.{step}"),
                "text": text(row, "text"),
                "timeframe": text(row, "timeframe"),
                "lead": [ctx.entity(iri, ctx.party_name(iri)) for iri in lead_iris] or text(row, "lead"),
            }
        )
    if not rows:
        sentence = ctx.t(f"{period} staat geen stap gepland.", f"No step is planned {period}.")
        sentence = sentence[0].upper() + sentence[1:]
    else:
        parts = [
            ctx.t(f"{n} in het {ctx.plan_title(p)}", f"{n} in the {ctx.plan_title(p)}")
            for p, n in sorted(per_plan.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        steps = count(len(rows), *ctx.t("stap|stappen", "step|steps").split("|"))
        sentence = ctx.t(
            f"{period} {'staat' if len(rows) == 1 else 'staan'} {steps} gepland: {join_words(parts, 'nl')}.",
            f"{steps} {'is' if len(rows) == 1 else 'are'} planned {period}: {join_words(parts, 'en')}.",
        )
        sentence = sentence[0].upper() + sentence[1:]
        top = sorted(leads.items(), key=lambda kv: (-kv[1], ctx.party_name(kv[0]).casefold()))[:3]
        if len(rows) > 1 and top:
            named = join_words([f"{ctx.party_name(iri)} ({n})" for iri, n in top], ctx.lang)
            sentence += " " + ctx.t(f"De meeste stappen trekken {named}.", f"Most steps are led by {named}.")
    columns = [
        ("plan", ctx.t("Actieplan", "Action plan")),
        ("step", ctx.t("Activiteit.stap", "Activity.step")),
        ("text", ctx.t("Wat", "What")),
        ("timeframe", ctx.t("Wanneer", "When")),
        ("lead", ctx.t("Trekker", "Lead")),
    ]
    return Shaped(sentence, columns, rows, cited, mentioned)


def steps_in_quarter(ctx: Context) -> Shaped:
    quarter = ctx.labels["quarter"]
    return _planned_steps(ctx, ctx.t(f"voor {quarter}", f"for {quarter}"))


def steps_in_window(ctx: Context) -> Shaped:
    start, end = ctx.labels["from"], ctx.labels["to"]
    return _planned_steps(ctx, ctx.t(f"van {start} tot en met {end}", f"from {start} to {end}"))


# -- what an abbreviation stands for --------------------------------------------------------------


def abbreviation(ctx: Context) -> Shaped:
    written = ctx.labels["abbr"]
    senses: dict[tuple[str, str], dict[str, Any]] = {}
    document_prefix = str(ctx.iris.document(""))
    for row in ctx.rows:
        spelled, document = text(row, "abbreviation") or written, text(row, "document")
        # one concept per abbreviation list: a document's, or the curators' (see loaders/iris.py)
        scheme = document[len(document_prefix) :] if document and document.startswith(document_prefix) else "curated"
        concept = str(ctx.iris.abbreviation(scheme, spelled))
        sense = senses.setdefault(
            (spelled, concept),
            {"abbreviation": spelled, "expansion": text(row, "expansion"), "document": document,
             "bySource": flag(row, "definedBySource"), "status": text(row, "status"), "denotes": []},
        )  # fmt: skip
        if row.get("denotes") is not None and str(row["denotes"]) not in sense["denotes"]:
            sense["denotes"].append(str(row["denotes"]))
    rows, cited, mentioned = [], [], []
    # one phrase per expansion: where the sources give it, or that only the curators do
    places: dict[str, list[str]] = {}
    statuses: dict[str, str | None] = {}
    for (_, concept), sense in senses.items():
        mentioned.extend([concept, *sense["denotes"]])
        located = ctx.locations(concept)
        if located:
            cited.append(concept)
        where = places.setdefault(sense["expansion"] or "", [])
        where.extend(loc for loc in located if loc not in where)
        if not sense["bySource"]:
            statuses.setdefault(sense["expansion"] or "", sense["status"])
    phrases = []
    for expansion, where in places.items():
        if where:
            phrases.append(f"{quoted(expansion)} ({'; '.join(where)})")
            continue
        status = STATUS.get(statuses.get(expansion) or "", {}).get(ctx.lang)
        phrases.append(
            quoted(expansion)
            + ctx.t(
                f" (toegevoegd door de curatoren{', ' + status if status else ''}; geen bron schrijft het uit)",
                f" (added by the curators{', ' + status if status else ''}; no source spells it out)",
            )
        )
    for (_, concept), sense in senses.items():
        rows.append(
            {
                "abbreviation": sense["abbreviation"],
                "expansion": ctx.entity(concept, sense["expansion"]),
                "definedIn": None if sense["document"] is None else ctx.entity(sense["document"], None),
                "definedBySource": sense["bySource"],
                "status": STATUS.get(sense["status"] or "", {}).get(ctx.lang),
                "denotes": [ctx.entity(iri, ctx.party_name(iri)) for iri in sense["denotes"]],
            }
        )
    if not phrases:
        sentence = ctx.t(f"{written} staat in geen enkele bron.", f"{written} is not in any source.")
    else:
        sentence = ctx.t(
            f"{written} staat voor {join_words(phrases, 'nl')}.", f"{written} stands for {join_words(phrases, 'en')}."
        )
        expansions = {s["expansion"] for s in senses.values()}
        # the party it names, where its name is not the expansion ('KWF' -> KWF Kankerbestrijding)
        denoted = dict.fromkeys(iri for s in senses.values() for iri in s["denotes"])
        named = [label for label in (ctx.entity(iri, None)["label"] for iri in denoted) if label not in expansions]
        if named:
            names = join_words(named, ctx.lang)
            sentence += " " + ctx.t(f"Het verwijst naar {names}.", f"It refers to {names}.")
    columns = [
        ("abbreviation", ctx.t("Afkorting", "Abbreviation")),
        ("expansion", ctx.t("Uitschrijving", "Expansion")),
        ("definedIn", ctx.t("Gedefinieerd in", "Defined in")),
        ("definedBySource", ctx.t("In een bron", "In a source")),
        ("status", ctx.t("Status (curatoren)", "Status (curators)")),
        ("denotes", ctx.t("Verwijst naar", "Refers to")),
    ]
    return Shaped(sentence, columns, rows, cited, mentioned)


# -- continuation of a plan's activities ----------------------------------------------------------


def activity_continuation(ctx: Context) -> Shaped:
    plan_id = ctx.values["plan"]
    plan = ctx.plan_title(plan_id)
    earlier: dict[int, dict[str, Any]] = {}
    for row in ctx.rows:
        activity = integer(row, "activity") or 0
        entry = earlier.setdefault(activity, {"title": text(row, "title"), "done": text(row, "done"), "next": []})
        next_number = integer(row, "nextActivity")
        if next_number is not None:
            entry["next"].append((text(row, "nextPlan") or "", next_number, text(row, "nextTitle")))
    continued = {a: e for a, e in earlier.items() if e["next"]}
    stopped = sorted(a for a, e in earlier.items() if not e["next"])
    if not earlier:
        sentence = ctx.t(
            f"Voor het {plan} zijn geen activiteiten met een vervolg vastgelegd.",
            f"No activities of the {plan} with a follow-up are recorded.",
        )
    else:
        next_plans = sorted({p for e in continued.values() for p, _, _ in e["next"]})
        target = join_words([ctx.t("het ", "the ") + ctx.plan_title(p) for p in next_plans], ctx.lang)
        pairs = sorted((a, n) for a, e in continued.items() for _, n, _ in e["next"])
        offsets = {n - a for a, n in pairs}
        if len(pairs) >= 3 and len(offsets) == 1:
            k = offsets.pop()
            mapping = ctx.t(
                f"elke activiteit n als activiteit n{k:+d} ({pairs[0][0]} → {pairs[0][1]} tot en met "
                f"{pairs[-1][0]} → {pairs[-1][1]})",
                f"each activity n as activity n{k:+d} ({pairs[0][0]} → {pairs[0][1]} to "
                f"{pairs[-1][0]} → {pairs[-1][1]})",
            )
        else:
            mapping = join_words([f"{a} → {n}" for a, n in pairs], ctx.lang)
        total = count(len(earlier), *ctx.t("activiteit|activiteiten", "activity|activities").split("|"))
        if continued and len(continued) == len(earlier) > 1:
            sentence = ctx.t(
                f"Alle {len(earlier)} activiteiten van het {plan} worden voortgezet in {target}: {mapping}.",
                f"All {len(earlier)} activities of the {plan} continue in {target}: {mapping}.",
            )
        elif continued:
            sentence = ctx.t(
                f"Van de {total} van het {plan} worden er {len(continued)} voortgezet in {target}: {mapping}.",
                f"Of the {total} of the {plan}, {len(continued)} continue in {target}: {mapping}.",
            )
        else:
            sentence = ctx.t(
                f"Geen van de {total} van het {plan} wordt voortgezet.",
                f"None of the {total} of the {plan} is continued.",
            )
        if stopped and continued:
            sentence += " " + ctx.t(
                f"Niet voortgezet: {activities_phrase(ctx, stopped)}.",
                f"Not continued: {activities_phrase(ctx, stopped)}.",
            )
    rows, cited = [], []
    for activity, entry in sorted(earlier.items()):
        iri = ctx.activity(plan_id, activity)
        cited.append(iri)
        nexts = [ctx.entity(ctx.activity(p, n), f"{ctx.plan_title(p)}: {n}") for p, n, _ in entry["next"]]
        cited.extend(e["iri"] for e in nexts)
        rows.append(
            {
                "activity": ctx.entity(iri, str(activity)),
                "title": entry["title"],
                "continuedAs": nexts,
                "nextTitle": "; ".join(t for _, _, t in entry["next"] if t) or None,
                "done": entry["done"],
            }
        )
    columns = [
        ("activity", ctx.t("Activiteit", "Activity")),
        ("title", ctx.t("Titel", "Title")),
        ("continuedAs", ctx.t("Voortgezet als", "Continued as")),
        ("nextTitle", ctx.t("Titel in het volgende plan", "Title in the next plan")),
        ("done", ctx.t("Wat is gedaan", "What was done")),
    ]
    return Shaped(sentence, columns, rows, cited, [])


# -- rare cancer types per EURACAN domain ---------------------------------------------------------


def cancer_types_by_domain(ctx: Context) -> Shaped:
    domains: dict[str, list[Row]] = defaultdict(list)
    for row in ctx.rows:
        domains[text(row, "domain") or ""].append(row)
    with_types = {d: [r for r in rs if r.get("cancerType") is not None] for d, rs in domains.items()}
    filled = [d for d, rs in with_types.items() if rs]
    statuses = Counter(text(r, "mappingStatus") for rs in with_types.values() for r in rs)
    notations = sorted(domains, key=lambda d: int(d[1:]) if d[1:].isdigit() else 0)
    span = f"{notations[0]}–{notations[-1]}" if notations else ""
    listed = [f"{d} ({join_words([text(r, 'label') or '' for r in with_types[d]], ctx.lang)})" for d in filled]
    sentence = ctx.t(
        f"Van de {len(domains)} EURACAN-domeinen ({span}) {'heeft' if len(filled) == 1 else 'hebben'} er "
        f"{len(filled)} een zeldzame kankersoort uit de bronnen: {join_words(listed, 'nl')}.",
        f"Of the {len(domains)} EURACAN domains ({span}), {len(filled)} "
        f"{'has' if len(filled) == 1 else 'have'} a rare cancer type from the sources: {join_words(listed, 'en')}.",
    )
    known = [(s, n) for s, n in statuses.items() if s in STATUS]
    if known:
        parts = [f"{STATUS[s][ctx.lang]} {ctx.t('voor', 'for')} {n}" for s, n in sorted(known)]
        sentence += " " + ctx.t(
            f"De koppeling aan het domein is {join_words(parts, 'nl')}.",
            f"The domain mapping is {join_words(parts, 'en')}.",
        )
    rows, cited = [], []
    for notation in notations:
        for row in domains[notation]:
            domain = ctx.entity(str(ctx.iris.euracan_domain(notation)), f"{notation} {ctx.domain_label(notation)}")
            cancer = None if row.get("cancerType") is None else ctx.entity(str(row["cancerType"]), text(row, "label"))
            if cancer:
                cited.append(cancer["iri"])
            rows.append(
                {
                    "domain": domain,
                    "cancerType": cancer,
                    "orpha": text(row, "orpha"),
                    "mappingStatus": STATUS.get(text(row, "mappingStatus") or "", {}).get(ctx.lang),
                }
            )
    columns = [
        ("domain", ctx.t("EURACAN-domein", "EURACAN domain")),
        ("cancerType", ctx.t("Zeldzame kankersoort", "Rare cancer type")),
        ("orpha", "ORPHA"),
        ("mappingStatus", ctx.t("Koppeling", "Mapping")),
    ]
    return Shaped(sentence, columns, rows, cited, [])


# -- a party's activities -----------------------------------------------------------------------


def party_activities(ctx: Context) -> Shaped:
    party = ctx.labels["party"]
    activities: dict[tuple[str, int], dict[str, Any]] = {}
    cited = []
    for row in ctx.rows:
        plan_id, activity, step = ctx.plan_id(row.get("plan")), integer(row, "activity") or 0, integer(row, "step")
        entry = activities.setdefault(
            (plan_id, activity), {"title": text(row, "title"), "roles": [], "steps": set(), "leadSteps": set()}
        )
        role = text(row, "role") or "involved"
        if role not in entry["roles"]:
            entry["roles"].append(role)
        if step is not None:
            entry["steps"].add(step)
            if role == "lead":
                entry["leadSteps"].add(step)
        elif role == "lead":
            entry["leadSteps"].add(None)
        cited.append(ctx.activity(plan_id, activity) if step is None else ctx.step(plan_id, activity, step))
    per_plan: dict[str, list[int]] = defaultdict(list)
    for plan_id, activity in activities:
        per_plan[plan_id].append(activity)
    order = sorted(per_plan, key=lambda p: (-len(per_plan[p]), p))
    if not activities:
        sentence = ctx.t(f"{party} heeft in geen enkel plan een rol.", f"{party} has no role in any plan.")
    else:
        total = count(len(activities), *ctx.t("activiteit|activiteiten", "activity|activities").split("|"))
        plans = count(len(per_plan), *ctx.t("plan|plannen", "plan|plans").split("|"))
        parts = [
            ctx.t(
                f"{len(per_plan[p])} in het {ctx.plan_title(p)} ({activities_phrase(ctx, per_plan[p])})",
                f"{len(per_plan[p])} in the {ctx.plan_title(p)} ({activities_phrase(ctx, per_plan[p])})",
            )
            for p in order
        ]
        sentence = ctx.t(
            f"{party} heeft een rol in {total} van {plans}: {join_words(parts, 'nl')}.",
            f"{party} has a role in {total} of {plans}: {join_words(parts, 'en')}.",
        )
        led = [
            (p, a, e)
            for (p, a), e in sorted(activities.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1]))
            if e["leadSteps"]
        ]
        if led:
            per_led_plan: dict[str, list[str]] = defaultdict(list)
            for p, a, e in led:
                steps = sorted(s for s in e["leadSteps"] if s is not None)
                where = f"{ctx.t('activiteit', 'activity')} {a}"
                if steps and None not in e["leadSteps"]:
                    where += f" ({steps_phrase(ctx, steps)})"
                per_led_plan[p].append(where)
            places = [
                ctx.t(f"in het {ctx.plan_title(p)} bij ", f"in the {ctx.plan_title(p)} in ") + join_words(w, ctx.lang)
                for p, w in per_led_plan.items()
            ]
            sentence += " " + ctx.t(f"Trekker {'; '.join(places)}.", f"Lead {'; '.join(places)}.")
    rows = [
        {
            "plan": ctx.plan(plan_id),
            "activity": ctx.entity(ctx.activity(plan_id, activity), str(activity)),
            "title": entry["title"],
            "roles": [role_label(r, ctx.lang) for r in by_strength(entry["roles"])],
            "steps": sorted(entry["steps"]),
        }
        for (plan_id, activity), entry in sorted(activities.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1]))
    ]
    columns = [
        ("plan", ctx.t("Actieplan", "Action plan")),
        ("activity", ctx.t("Activiteit", "Activity")),
        ("title", ctx.t("Titel", "Title")),
        ("roles", ctx.t("Rol", "Role")),
        ("steps", ctx.t("Stappen", "Steps")),
    ]
    return Shaped(sentence, columns, rows, cited, [])


# -- a plan's activities --------------------------------------------------------------------------


def plan_activities(ctx: Context) -> Shaped:
    plan_id = ctx.values["plan"]
    plan = ctx.plan_title(plan_id)
    per_subgoal: dict[int, list[int]] = defaultdict(list)
    everywhere, developing, rows, cited = [], [], [], []
    total_steps = 0
    for row in ctx.rows:
        activity = integer(row, "activity") or 0
        subgoals = text(row, "subgoals") or ""
        total_steps += integer(row, "steps") or 0
        if subgoals == "all":
            everywhere.append(activity)
        for sg in subgoals.split(","):
            if sg.strip().isdigit():
                per_subgoal[int(sg)].append(activity)
        if text(row, "status") == "in-development":
            developing.append(activity)
        iri = ctx.activity(plan_id, activity)
        cited.append(iri)
        rows.append(
            {
                "activity": ctx.entity(iri, str(activity)),
                "title": text(row, "title"),
                "subgoals": ctx.t("alle", "all")
                if subgoals == "all"
                else [
                    ctx.entity(ctx.subgoal(plan_id, int(sg)), sg)
                    for sg in sorted(subgoals.split(","), key=lambda s: int(s) if s.isdigit() else 0)
                    if sg.isdigit()
                ],
                "steps": integer(row, "steps"),
                "status": ctx.t("in uitwerking", "being worked out")
                if text(row, "status") == "in-development"
                else ctx.t("gepland", "planned"),
            }
        )
    if not rows:
        sentence = ctx.t(
            f"Het {plan} heeft geen geprioriteerde activiteiten in de kennisgraaf.",
            f"The {plan} has no prioritised activities in the knowledge graph.",
        )
    else:
        activities = count(len(rows), *ctx.t("activiteit|activiteiten", "activity|activities").split("|"))
        steps = count(total_steps, *ctx.t("stap|stappen", "step|steps").split("|"))
        sentence = ctx.t(
            f"Het {plan} heeft {activities} met samen {steps}.", f"The {plan} has {activities} with {steps} in all."
        )
        if everywhere:
            sentence += " " + ctx.t(
                f"Aan alle subdoelen {'draagt' if len(everywhere) == 1 else 'dragen'} {_the(ctx, everywhere)} bij.",
                f"{activities_phrase(ctx, everywhere).capitalize()} serve{'s' if len(everywhere) == 1 else ''} "
                "all subgoals.",
            )
        if per_subgoal:
            parts = [
                f"{ctx.t('subdoel', 'subgoal')} {sg}: {activities_phrase(ctx, acts)}"
                for sg, acts in sorted(per_subgoal.items())
            ]
            sentence += " " + "; ".join(parts)[0].upper() + "; ".join(parts)[1:] + "."
        if developing:
            sentence += " " + ctx.t(
                f"Nog in uitwerking: {activities_phrase(ctx, developing)}.",
                f"Still being worked out: {activities_phrase(ctx, developing)}.",
            )
    columns = [
        ("activity", ctx.t("Activiteit", "Activity")),
        ("title", ctx.t("Titel", "Title")),
        ("subgoals", ctx.t("Subdoelen", "Subgoals")),
        ("steps", ctx.t("Stappen", "Steps")),
        ("status", ctx.t("Status", "Status")),
    ]
    return Shaped(sentence, columns, rows, cited, [])


# -- sub-organisations of a party ---------------------------------------------------------------


def sub_organisations(ctx: Context) -> Shaped:
    party_iri, party = ctx.entities["party"], ctx.labels["party"]
    units: dict[str, dict[str, Any]] = {}
    for row in ctx.rows:
        unit = units.setdefault(str(row["unit"]), {"label": text(row, "label"), "types": [], "parents": []})
        kind = ctx.class_label(text(row, "type") or "")
        if kind not in unit["types"]:
            unit["types"].append(kind)
        if str(row["parent"]) not in unit["parents"]:
            unit["parents"].append(str(row["parent"]))
    direct = [iri for iri, u in units.items() if party_iri in u["parents"]]
    deeper = [iri for iri in units if iri not in direct]
    if not units:
        sentence = ctx.t(f"Onder {party} vallen geen onderdelen.", f"No units belong to {party}.")
    else:
        names = join_words([units[i]["label"] for i in direct], ctx.lang)
        total = count(len(units), *ctx.t("onderdeel|onderdelen", "unit|units").split("|"))
        sentence = ctx.t(
            f"Onder {party} {'valt' if len(units) == 1 else 'vallen'} {total}",
            f"{total} belong{'s' if len(units) == 1 else ''} to {party}",
        )
        sentence += ctx.t(
            f"; direct: {names}." if deeper else f": {names}.", f"; directly: {names}." if deeper else f": {names}."
        )
        if deeper:
            parts = [
                f"{units[i]['label']} ({ctx.t('onder', 'under')} "
                f"{join_words([ctx.party_name(p) for p in units[i]['parents']], ctx.lang)})"
                for i in deeper
            ]
            sentence += " " + ctx.t(f"Dieper: {join_words(parts, 'nl')}.", f"Further down: {join_words(parts, 'en')}.")
    rows = [
        {
            "unit": ctx.entity(iri, u["label"]),
            "type": ", ".join(u["types"]),
            "parent": [ctx.entity(p, ctx.party_name(p)) for p in u["parents"]],
        }
        for iri, u in units.items()
    ]
    columns = [
        ("unit", ctx.t("Onderdeel", "Unit")),
        ("type", ctx.t("Soort", "Kind")),
        ("parent", ctx.t("Valt onder", "Part of")),
    ]
    return Shaped(sentence, columns, rows, list(units), list(units))


# -- the team of a plan ---------------------------------------------------------------------------


def team_members(ctx: Context) -> Shaped:
    plan = ctx.plan_title(ctx.values["plan"])
    teams = sorted({text(r, "team") or "" for r in ctx.rows})
    members: dict[str, dict[str, Any]] = {}
    for row in ctx.rows:
        members.setdefault(
            str(row["person"]),
            {"name": text(row, "name"), "organisations": text(row, "organisations"), "former": flag(row, "former")},
        )
    former = [m["name"] for m in members.values() if m["former"]]
    if not members:
        sentence = ctx.t(f"Voor het {plan} is geen team vastgelegd.", f"No team is recorded for the {plan}.")
    else:
        team = join_words(teams, ctx.lang)
        people = count(len(members), *ctx.t("lid|leden", "member|members").split("|"))
        sentence = ctx.t(f"Het {team} van het {plan} telt {people}", f"The {team} of the {plan} has {people}")
        if former:
            sentence += ctx.t(
                f", van wie {len(former)} voormalig: {join_words(former, 'nl')}.",
                f", {len(former)} of them former: {join_words(former, 'en')}.",
            )
        else:
            sentence += "."
    rows = [
        {"name": ctx.entity(iri, m["name"]), "organisations": m["organisations"], "former": m["former"]}
        for iri, m in members.items()
    ]
    columns = [
        ("name", ctx.t("Naam", "Name")),
        ("organisations", ctx.t("Organisatie", "Organisation")),
        ("former", ctx.t("Voormalig lid", "Former member")),
    ]
    return Shaped(sentence, columns, rows, list(members), [])


ANSWERS: dict[str, Callable[[Context], Shaped]] = {
    "parties-in-subgoal": parties_in_subgoal,
    "party-leads": party_leads,
    "steps-in-quarter": steps_in_quarter,
    "steps-in-window": steps_in_window,
    "abbreviation": abbreviation,
    "activity-continuation": activity_continuation,
    "cancer-types-by-domain": cancer_types_by_domain,
    "party-activities": party_activities,
    "plan-activities": plan_activities,
    "sub-organisations": sub_organisations,
    "team-members": team_members,
}
