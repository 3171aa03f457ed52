"""Which part of a plan a validation result is about, read from its focus IRI, so a report can be grouped
the way an editor works: per activity, else per part of the plan (causes, canvases, …) or per kind of thing."""

from __future__ import annotations

from urllib.parse import unquote

PLAN_PARTS = {
    "activity": ("Activiteit", "Activity"),
    "cause": ("Oorzaak", "Cause"),
    "subgoal": ("Subdoel", "Subgoal"),
    "canvas": ("Canvas", "Canvas"),
    "choice": ("Keuze", "Choice"),
    "change": ("Wijziging", "Change"),
}
PLAN_WHOLE = {
    "goal": ("Doel", "Goal"),
    "problem": ("Probleem", "Problem"),
    "problem-summary": ("Probleemomschrijving", "Problem description"),
}
KINDS = {
    "party": ("Partijen", "Parties"),
    "initiative": ("Initiatieven", "Initiatives"),
    "abbreviations": ("Afkortingen", "Abbreviations"),
    "doc": ("Brondocumenten", "Source documents"),
    "mission": ("Missie", "Mission"),
    "figure": ("Kerncijfers", "Key figures"),
    "framework": ("Expertpanelkader", "Expert-panel framework"),
    "expert-panel": ("Expertpanels", "Expert panels"),
    "campaign": ("Campagne", "Campaign"),
    "cancer-type": ("Kankersoorten", "Cancer types"),
    "euracan-domain": ("EURACAN-domeinen", "EURACAN domains"),
}


def group_of(focus: str, base: str) -> dict[str, object]:
    """``{"key", "nl", "en", "plan", "activity"}``: the activity (or part of the plan, or kind) a result is about."""
    if not focus.startswith(base):
        return {"key": "other", "nl": "Overig", "en": "Other", "plan": None, "activity": None}
    parts = [unquote(p) for p in focus[len(base) :].split("/")]
    if parts[0] == "plan" and len(parts) >= 2:
        plan = parts[1]
        if len(parts) >= 4 and parts[2] in PLAN_PARTS:
            nl, en = PLAN_PARTS[parts[2]]
            return {
                "key": f"{plan}/{parts[2]}/{parts[3]}",
                "nl": f"{nl} {parts[3]}",
                "en": f"{en} {parts[3]}",
                "plan": plan,
                "activity": int(parts[3]) if parts[2] == "activity" and parts[3].isdigit() else None,
            }
        nl, en = PLAN_WHOLE.get(parts[2], ("Plan", "Plan")) if len(parts) >= 3 else ("Plan", "Plan")
        return {"key": f"{plan}/{nl.lower()}", "nl": nl, "en": en, "plan": plan, "activity": None}
    nl, en = KINDS.get(parts[0], ("Overig", "Other"))
    return {"key": parts[0], "nl": nl, "en": en, "plan": None, "activity": None}
