"""What a party does, by plan year: the plans of a year, its activities there with roles, steps and their dates.

Plain functions over :meth:`PlanData.party`'s ``involvement`` and the listed plans; no web framework.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nkc_kg.service.plans.ordering import ordered_roles


def plan_years(involvement: Iterable[Mapping[str, Any]], plans: Mapping[str, Mapping[str, Any]]) -> list[int]:
    """The years of the plans the party takes part in, latest first."""
    years = {int(plans[str(i["plan"])]["year"]) for i in involvement if plans.get(str(i["plan"]), {}).get("year")}
    return sorted(years, reverse=True)


def by_plan(
    involvement: Iterable[Mapping[str, Any]],
    plans: Mapping[str, Mapping[str, Any]],
    year: int | None,
    step_dates: Mapping[tuple[str, int, int], str],
) -> list[tuple[Mapping[str, Any], list[dict[str, Any]]]]:
    """The party's activities per plan (of ``year``, or all), latest plan first, each step with its dates."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for item in involvement:
        plan_id = str(item["plan"])
        plan = plans.get(plan_id) or {"id": plan_id, "label": plan_id, "url": f"/plan/{plan_id}"}
        if year is not None and plan.get("year") is not None and int(plan["year"]) != year:
            continue
        lead_steps = set(item.get("leadSteps") or [])
        steps = [
            {
                "number": number,
                "lead": number in lead_steps,
                "when": step_dates.get((plan_id, int(item["activity"]), int(number))),
                "url": f"{item['url']}#step-{number}",
            }
            for number in sorted({*(item.get("steps") or []), *lead_steps})
        ]
        grouped.setdefault(plan_id, []).append(
            {**item, "roles": ordered_roles(item.get("roles") or []), "steps": steps}
        )
    ordered = sorted(
        grouped, key=lambda p: (-int((plans.get(p) or {}).get("year") or 0), str((plans.get(p) or {}).get("label")))
    )
    return [
        (plans.get(p) or {"id": p, "label": p, "url": f"/plan/{p}"}, sorted(grouped[p], key=lambda i: i["activity"]))
        for p in ordered
    ]


def summary(groups: list[tuple[Mapping[str, Any], list[dict[str, Any]]]]) -> dict[str, int]:
    """How many steps the party leads and in how many activities it takes part otherwise."""
    lead_steps = sum(1 for _, items in groups for item in items for step in item["steps"] if step["lead"])
    lead_activities = sum(1 for _, items in groups for item in items if "lead" in item["roles"])
    involved = sum(1 for _, items in groups for item in items if "lead" not in item["roles"])
    return {"leadSteps": lead_steps, "leadActivities": lead_activities, "involved": involved}
