"""The answers about progress (issue 17): what is overdue, how each subgoal stands, what a party finished.

The observations cited are those of the progress reports, so an answer names the report's source
(for the 2024 report: slides 5-7 of the 2025 plan) beside the cards the steps come from.
"""

from __future__ import annotations

import datetime as dt

from nkc_kg.service.graph.rows import integer, text
from nkc_kg.service.i18n.wording import count, long_date
from nkc_kg.service.questions.answers.shaping import Context, Shaped, activities_phrase

STATE_WORDS = {"afgerond": ("afgerond", "completed"), "open": ("open", "open")}


def _day(ctx: Context) -> dt.date:
    return dt.date.fromisoformat(ctx.values["at"])


def progress_overdue(ctx: Context) -> Shaped:
    at = _day(ctx)
    plan_id = ctx.plan_id(ctx.rows[0].get("plan")) if ctx.rows else ctx.values["plan"]
    rows, cited, activities = [], [], set()
    for row in ctx.rows:
        activity, step = integer(row, "activity") or 0, integer(row, "step") or 0
        end = dt.date.fromisoformat(text(row, "end") or at.isoformat())
        step_iri = ctx.step(plan_id, activity, step)
        cited += [step_iri, *([text(row, "observation")] if row.get("observation") else [])]
        activities.add(activity)
        rows.append(
            {
                "activity": ctx.entity(ctx.activity(plan_id, activity), str(activity)),
                "step": ctx.entity(step_iri, f"{activity}.{step}"),
                "text": text(row, "text"),
                "timeframe": text(row, "timeframe"),
                "daysLate": (at - end).days,
                "status": text(row, "status") or ctx.t("niet gemeld", "not reported"),
                "lead": text(row, "lead"),
            }
        )
    plan = ctx.plan_title(plan_id)
    when = long_date(at, ctx.lang)
    if not rows:
        sentence = ctx.t(
            f"Op {when} is geen stap van het {plan} over tijd.", f"On {when} no step of the {plan} is overdue."
        )
    else:
        steps = count(len(rows), *ctx.t("stap|stappen", "step|steps").split("|"))
        where = activities_phrase(ctx, activities)
        sentence = ctx.t(
            f"Op {when} zijn {steps} van het {plan} over tijd ({where}): hun termijn is voorbij en geen "
            "rapportage meldt ze afgerond of vervallen.",
            f"On {when}, {steps} of the {plan} are overdue ({where}): their timeframe has ended and no report "
            "says they are completed or cancelled.",
        )
        if len(rows) == 1:
            sentence = sentence.replace(" zijn 1 stap ", " is 1 stap ").replace(" are overdue", " is overdue")
    columns = [
        ("activity", ctx.t("Activiteit", "Activity")),
        ("step", ctx.t("Stap", "Step")),
        ("text", ctx.t("Tekst", "Text")),
        ("timeframe", ctx.t("Termijn", "Timeframe")),
        ("daysLate", ctx.t("Dagen te laat", "Days late")),
        ("status", ctx.t("Laatste status", "Latest status")),
        ("lead", ctx.t("Trekkers", "Leads")),
    ]
    return Shaped(sentence, columns, rows, cited)


def progress_by_subgoal(ctx: Context) -> Shaped:
    at = _day(ctx)
    plan_id = ctx.plan_id(ctx.rows[0].get("plan")) if ctx.rows else ctx.values["plan"]
    rows, cited = [], []
    totals = {"afgerond": 0, "loopt": 0, "overTijd": 0, "nietGemeld": 0}
    for row in ctx.rows:
        number = integer(row, "subgoal") or 0
        label = (
            ctx.t("alle subdoelen", "all subgoals") if number == 0 else ctx.t(f"subdoel {number}", f"subgoal {number}")
        )
        subgoal = ctx.entity(ctx.subgoal(plan_id, number), label) if number else label
        if number:
            cited.append(ctx.subgoal(plan_id, number))
        counts = {key: integer(row, key) or 0 for key in totals}
        for key in totals:
            totals[key] += counts[key]
        rows.append({"subgoal": subgoal, "steps": integer(row, "steps") or 0, **counts})
    plan = ctx.plan_title(plan_id)
    when = long_date(at, ctx.lang)
    if not rows:
        sentence = ctx.t(f"Het {plan} heeft geen stappen bij een subdoel.", f"The {plan} has no steps under a subgoal.")
    else:
        parts = []
        for r in rows:
            name = r["subgoal"]["label"] if isinstance(r["subgoal"], dict) else r["subgoal"]
            parts.append(
                ctx.t(
                    f"{name}: {r['overTijd']} over tijd, {r['afgerond']} afgerond van {r['steps']}",
                    f"{name}: {r['overTijd']} overdue, {r['afgerond']} completed of {r['steps']}",
                )
            )
        sentence = ctx.t(
            f"Op {when} staan de stappen van het {plan} per subdoel zo ervoor: {'; '.join(parts)} "
            "(een stap van een activiteit voor meer subdoelen telt bij elk mee).",
            f"On {when} the steps of the {plan} stand as follows per subgoal: {'; '.join(parts)} "
            "(a step of an activity serving several subgoals counts in each).",
        )
    columns = [
        ("subgoal", ctx.t("Subdoel", "Subgoal")),
        ("steps", ctx.t("Stappen", "Steps")),
        ("afgerond", ctx.t("Afgerond", "Completed")),
        ("loopt", ctx.t("Loopt", "In progress")),
        ("overTijd", ctx.t("Over tijd", "Overdue")),
        ("nietGemeld", ctx.t("Niet gemeld", "Not reported")),
    ]
    return Shaped(sentence, columns, rows, cited)


def progress_party(ctx: Context) -> Shaped:
    at = _day(ctx)
    party = ctx.labels["party"]
    rows, cited = [], []
    finished = opened = 0
    for row in ctx.rows:
        plan_id = ctx.plan_id(row.get("plan"))
        activity, step = integer(row, "activity") or 0, integer(row, "step")
        item = ctx.step(plan_id, activity, step) if step else ctx.activity(plan_id, activity)
        cited += [item, *([text(row, "observation")] if row.get("observation") else [])]
        state = text(row, "state") or "open"
        finished += state == "afgerond"
        opened += state != "afgerond"
        rows.append(
            {
                "plan": ctx.plan(plan_id),
                "item": ctx.entity(item, f"{activity}.{step}" if step else str(activity)),
                "text": text(row, "text"),
                "timeframe": text(row, "timeframe"),
                "status": text(row, "status") or ctx.t("niet gemeld", "not reported"),
                "state": STATE_WORDS[state][0 if ctx.lang == "nl" else 1],
            }
        )
    when = long_date(at, ctx.lang)
    done_n = count(finished, *ctx.t("stap|stappen", "step|steps").split("|"))
    open_n = count(opened, *ctx.t("stap|stappen", "step|steps").split("|"))
    sentence = ctx.t(
        f"Op {when} heeft {party} {done_n} afgerond en staan er {open_n} open die {party} trekt.",
        f"On {when}, {party} has finished {done_n} and has {open_n} open that it leads.",
    )
    columns = [
        ("plan", "Plan"),
        ("item", ctx.t("Activiteit/stap", "Activity/step")),
        ("text", ctx.t("Tekst", "Text")),
        ("timeframe", ctx.t("Termijn", "Timeframe")),
        ("status", ctx.t("Laatste status", "Latest status")),
        ("state", ctx.t("Stand", "State")),
    ]
    return Shaped(sentence, columns, rows, cited)
