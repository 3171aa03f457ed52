"""The answers about plans: their activities, what continues in the next plan, steps in a period."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from nkc_kg.service.graph.rows import integer, text
from nkc_kg.service.i18n.wording import count, join_words
from nkc_kg.service.questions.answers.shaping import Context, Shaped, activities_phrase, the_activities

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
                f"Aan alle subdoelen {'draagt' if len(everywhere) == 1 else 'dragen'} "
                f"{the_activities(ctx, everywhere)} bij.",
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
