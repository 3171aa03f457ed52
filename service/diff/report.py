"""The diff of two plan versions as a readable text report (the ``nkc-kg diff`` output), Dutch or English.

It is written from the JSON answer of :mod:`.compare`, so the report and the JSON never disagree.
The words are the pages' (service/i18n/messages.py, ``diff.*``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

from nkc_kg.service.i18n.messages import message, role_label

JsonDict = dict[str, Any]
WIDTH = 100
TITLE_WIDTH = 90


class Report:
    def __init__(self, lang: str, relation: str = "") -> None:
        self.lang, self.relation = lang, relation
        self.lines: list[str] = []

    def t(self, key: str, **values: Any) -> str:
        text = message(key, self.lang)
        return text.format(**values) if values else text

    def say(self, text: str, indent: int = 0, hang: int = 2) -> None:
        """One paragraph, wrapped at WIDTH; continuation lines indented a little further."""
        prefix = " " * indent
        self.lines += textwrap.wrap(
            text, WIDTH, initial_indent=prefix, subsequent_indent=prefix + " " * hang, break_on_hyphens=False
        ) or [prefix]

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")


def shorten(text: str | None, width: int = TITLE_WIDTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def party_name(party: JsonDict) -> str:
    return str(party.get("abbreviation") or party.get("label") or party.get("iri"))


def roles_text(roles: Iterable[str], lang: str) -> str:
    return ", ".join(role_label(r, lang).lower() for r in roles)


def timeframe_text(timeframe: JsonDict | None, r: Report) -> str:
    if not timeframe:
        return r.t("diff.step.notimeframe")
    label = timeframe.get("label") or ""
    if timeframe.get("start") or timeframe.get("end"):
        return f"{label} ({timeframe.get('start') or '?'} – {timeframe.get('end') or '?'})".strip()
    return label


def renumbering(old: JsonDict, new: JsonDict) -> str:
    return str(new["number"]) if old["number"] == new["number"] else f"{old['number']} → {new['number']}"


def numbers(entry: JsonDict) -> str:
    old, new = entry.get("from"), entry.get("to")
    if old and new:
        return renumbering(old, new)
    return str((old or new or {}).get("number"))


def side_line(side: JsonDict, r: Report) -> str:
    where = r.t("diff.draft") + ": " + ", ".join(side.get("files") or []) if side.get("draft") else r.t("diff.shipped")
    return f"{side['id']}  {side.get('label') or ''} ({where})"


def format_diff(diff: JsonDict, lang: str = "nl") -> str:
    r = Report(lang, diff["relation"])
    old, new = diff["from"], diff["to"]
    r.lines.append(r.t("diff.title"))
    width = max(len(r.t("diff.from")), len(r.t("diff.to"))) + 2
    r.say(f"{(r.t('diff.from') + ':').ljust(width)}{side_line(old, r)}", 2, width)
    r.say(f"{(r.t('diff.to') + ':').ljust(width)}{side_line(new, r)}", 2, width)
    relation = diff["relation"]
    r.say(r.t(f"diff.relation.{relation}", plan=old["id"], **{"from": old["id"], "to": new["id"]}), 2)
    r.blank()
    summary = diff["summary"]
    r.say(f"{r.t('diff.summary')}: {r.t('diff.summary.activities', **summary)}")
    r.say(r.t("diff.summary.details", **summary), 2)
    if no_differences(diff):
        r.say(r.t("diff.nothing"), 2)
    if diff["notes"]:
        r.blank()
        r.lines.append(f"{r.t('diff.notes')}:")
        for note in diff["notes"]:
            r.say("- " + r.t(f"diff.note.{note['code']}", plan=note["plan"]), 2)
    entries = diff["activities"]
    sections = (
        ("diff.added", [e for e in entries if e["status"] == "added"]),
        ("diff.removed", [e for e in entries if e["status"] == "removed"]),
    )
    for key, group in sections:
        r.blank()
        r.lines.append(r.t(key))
        if not group:
            r.say(r.t("diff.none"), 2)
        sign = "+" if key == "diff.added" else "-"
        for entry in group:
            activity = entry["to"] or entry["from"]
            r.say(f"{sign} {activity['number']}. {activity.get('title') or activity['label']}", 2, 5)
    changed = [e for e in entries if e["status"] == "changed"]
    r.blank()
    r.lines.append(r.t("diff.changed"))
    if not changed:
        r.say(r.t("diff.none"), 2)
    for entry in changed:
        activity_lines(entry, r)
    unchanged = [e for e in entries if e["status"] == "unchanged"]
    if unchanged:
        r.blank()
        r.say(f"{r.t('diff.unchanged')}: " + ", ".join(numbers(e) for e in unchanged))
    team_lines(diff.get("team"), r)
    if diff["statedChanges"]:
        r.blank()
        r.lines.append(f"{r.t('diff.stated')} ({new['id']}):")
        for change in diff["statedChanges"]:
            r.say(f"{change.get('number')}. {change['text']}", 2, 3)
    return "\n".join(r.lines).rstrip() + "\n"


def no_differences(diff: JsonDict) -> bool:
    team = diff.get("team") or {}
    return all(e["status"] == "unchanged" for e in diff["activities"]) and not any(
        team.get(key) for key in ("joined", "left", "formerChanged")
    )


def before_after(r: Report, label: str, before: str, after: str, indent: int) -> None:
    """'label: before' and '→ after' under it, the two texts aligned."""
    r.say(f"{label}: {before}", indent, len(label) + 2)
    r.say(f"→ {after}", indent + len(label), 2)


def activity_lines(entry: JsonDict, r: Report) -> None:
    old, new, changes = entry["from"], entry["to"], entry["changes"]
    flags = []
    if entry["continued"]:
        flags.append(r.t("diff.continued"))
    elif entry["match"] == "content":
        flags.append(r.t("diff.match.content"))
    if entry["renumbered"]:
        flags.append(r.t("diff.renumbered"))
    r.say(f"{message('activity', r.lang)} {numbers(entry)}" + (f"  [{', '.join(flags)}]" if flags else ""), 2, 4)
    if not changes["title"]:
        r.say(shorten(new.get("title") or new["label"], WIDTH - 4), 4, 4)
    if changes["title"]:
        before_after(r, r.t("diff.activity.title"), changes["title"]["from"], changes["title"]["to"], 4)
        if entry["continued"]:
            # why two differently titled activities are one: the curators' notes on the earlier one,
            # whose data holds the continuation link
            earlier = new if r.relation == "previous-edition" else old
            for issue in earlier.get("issues") or []:
                note = issue.get("noteEn") if r.lang == "en" and issue.get("noteEn") else issue.get("note")
                if note:
                    r.say(f"{r.t('diff.activity.issues')} ({earlier['plan']} {earlier['number']}): {note}", 4, 4)
    if changes["cardTitle"]:
        card = changes["cardTitle"]
        before_after(r, r.t("diff.activity.cardtitle"), card["from"] or "–", card["to"] or "–", 4)
    if changes["subgoals"]:
        r.say(
            f"{r.t('diff.activity.subgoals')}: {subgoals_text(changes['subgoals']['from'], r)} → "
            f"{subgoals_text(changes['subgoals']['to'], r)}",
            4,
        )
    parties_lines(changes["parties"], r, 4)
    initiatives = changes["initiatives"]
    for key in ("joined", "left"):
        if initiatives[key]:
            r.say(f"{r.t('diff.initiatives.' + key)}: " + ", ".join(i["label"] for i in initiatives[key]), 4, 4)
    if changes["continuation"]:
        before = ", ".join(f"{link['plan']} {link['number']}" for link in changes["continuation"]["from"]) or "–"
        after = ", ".join(f"{link['plan']} {link['number']}" for link in changes["continuation"]["to"]) or "–"
        r.say(f"{r.t('diff.continuation')}: {before} → {after}", 4, 4)
    if changes["steps"]:
        steps_lines(changes["steps"], r)
    if changes["results"]:
        results_lines(changes["results"], r)


def subgoals_text(value: Any, r: Report) -> str:
    if value == "all":
        return message("activity.allsubgoals", r.lang)
    return ", ".join(str(n) for n in value) or "–"


def parties_lines(parties: JsonDict, r: Report, indent: int) -> None:
    for key in ("joined", "left"):
        if parties[key]:
            listed = ", ".join(f"{party_name(p)} ({roles_text(p['roles'], r.lang)})" for p in parties[key])
            r.say(f"{r.t('diff.parties.' + key)}: {listed}", indent, 4)
    if parties["rolesChanged"]:
        listed = ", ".join(
            f"{party_name(p)} ({roles_text(p['from'], r.lang)} → {roles_text(p['to'], r.lang)})"
            for p in parties["rolesChanged"]
        )
        r.say(f"{r.t('diff.parties.roles')}: {listed}", indent, 4)


def steps_lines(steps: JsonDict, r: Report) -> None:
    word = r.t("diff.step")
    for step in steps["removed"]:
        r.say(f"{word} {step['number']} {r.t('diff.step.removed')}: {step['text']}", 4, 4)
    for step in steps["added"]:
        when = timeframe_text(step["timeframe"], r)
        r.say(f"{word} {step['number']} {r.t('diff.step.added')}: {step['text']} ({when})", 4, 4)
    for change in steps["changed"]:
        old, new = change["from"], change["to"]
        name = f"{word} {renumbering(old, new)}"
        r.say(f"{name}:", 4)
        if change["timeframe"]:
            r.say(
                f"{r.t('diff.step.timeframe')}: {timeframe_text(change['timeframe']['from'], r)} → "
                f"{timeframe_text(change['timeframe']['to'], r)}",
                6,
                4,
            )
        if change["text"]:
            before_after(r, r.t("diff.step.text"), change["text"]["from"], change["text"]["to"], 6)
        if change["leadText"]:
            r.say(
                f"{r.t('diff.step.leadtext')}: {change['leadText']['from'] or '–'} → {change['leadText']['to'] or '–'}",
                6,
                4,
            )
        parties_lines(change["parties"], r, 6)


def results_lines(results: JsonDict, r: Report) -> None:
    word = r.t("diff.result")
    for result in results["removed"]:
        r.say(f"{word} {result['number']} {r.t('diff.step.removed')}: {result['text']}", 4, 4)
    for result in results["added"]:
        r.say(f"{word} {result['number']} {r.t('diff.step.added')}: {result['text']}", 4, 4)
    for change in results["changed"]:
        old, new = change["from"], change["to"]
        name = f"{word} {renumbering(old, new)}"
        if change["text"]:
            before_after(r, name, change["text"]["from"], change["text"]["to"], 4)
        elif change["steps"]:
            steps_word = r.t("diff.step")
            before = ", ".join(str(n) for n in change["steps"]["from"]) or "–"
            after = ", ".join(str(n) for n in change["steps"]["to"]) or "–"
            r.say(f"{name}: {steps_word} {before} → {after}", 4, 4)
        else:
            r.say(name, 4, 4)


def team_lines(team: JsonDict | None, r: Report) -> None:
    if team is None:
        return
    r.blank()
    r.lines.append(f"{r.t('diff.team')}: {team['to']['label']}")
    if not (team["joined"] or team["left"] or team["formerChanged"]):
        r.say(r.t("diff.team.same"), 2)
    for key in ("joined", "left"):
        if team[key]:
            r.say(f"{r.t('diff.team.' + key)}: " + ", ".join(m["label"] for m in team[key]), 2, 4)
    for member in team["formerChanged"]:
        state = {True: r.t("diff.team.former"), False: r.t("diff.team.current")}
        r.say(f"{member['label']}: {state[member['from']]} → {state[member['to']]}", 2, 4)
