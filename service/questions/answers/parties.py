"""The answers about parties: who is involved in a subgoal, what a party leads or does, its units, a plan's team."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from nkc_kg.service.graph.rows import flag, integer, text
from nkc_kg.service.i18n.messages import role_label
from nkc_kg.service.i18n.wording import count, join_words
from nkc_kg.service.questions.answers.shaping import (
    Context,
    Shaped,
    activities_phrase,
    by_strength,
    steps_phrase,
    the_activities,
)

# -- parties in a subgoal -------------------------------------------------------------------------


def parties_in_subgoal(ctx: Context) -> Shaped:
    plan_id, subgoal = ctx.values["plan"], int(ctx.values["subgoal"])
    parties, direct_activities, cross_activities, cited = _subgoal_parties(ctx, plan_id)
    cited.insert(0, ctx.subgoal(plan_id, subgoal))
    plan = ctx.plan_title(plan_id)
    where = ctx.t(f"subdoel {subgoal} van het {plan}", f"subgoal {subgoal} of the {plan}")
    if not parties:
        sentence = ctx.t(f"Bij {where} is geen partij betrokken.", f"No party is involved in {where}.")
    else:
        sentence = _subgoal_sentence(ctx, where, parties, direct_activities, cross_activities)
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


def _subgoal_parties(ctx: Context, plan_id: str) -> tuple[dict[str, dict[str, Any]], set[int], set[int], list[str]]:
    """Per party its roles, activities and where it leads; the activities serving the subgoal directly and those
    serving all subgoals; the activities and steps the rows rest on."""
    parties: dict[str, dict[str, Any]] = {}
    direct_activities: set[int] = set()
    cross_activities: set[int] = set()
    cited = []
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
    return parties, direct_activities, cross_activities, cited


def _subgoal_sentence(
    ctx: Context,
    where: str,
    parties: dict[str, dict[str, Any]],
    direct_activities: set[int],
    cross_activities: set[int],
) -> str:
    direct = [iri for iri, p in parties.items() if p["direct"]]
    crossing = [iri for iri, p in parties.items() if not p["direct"]]
    total = len(parties)
    parts = []
    if direct:
        parts.append(
            ctx.t(
                f"{len(direct)} via {the_activities(ctx, direct_activities)}, die aan dit subdoel bijdra"
                f"{'agt' if len(direct_activities) == 1 else 'gen'}",
                f"{len(direct)} through {activities_phrase(ctx, direct_activities)}, which serve"
                f"{'s' if len(direct_activities) == 1 else ''} this subgoal",
            )
        )
    if crossing:
        parts.append(
            ctx.t(
                f"{len(crossing)} alleen via {the_activities(ctx, cross_activities)}, die aan alle subdoelen "
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
            f"Via {the_activities(ctx, cross_activities)}: {names}.",
            f"Through {activities_phrase(ctx, cross_activities)}: {names}.",
        )
    return sentence


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
