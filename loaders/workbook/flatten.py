"""A plan's curated records -> the tables of its workbook (one list of rows per sheet).

The inverse of :mod:`.assemble`; the pair is tested to give back the same graph for every shipped plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.workbook.cells import (
    ACTIVITY_STATUS,
    ALL_SUBGOALS,
    CANVAS_COLUMNS,
    ISSUE_KINDS,
    NO,
    PARTY_TYPES,
    RECORD_STATUS,
    ROLES,
    STATEMENTS,
    YES,
    encode_integers,
    encode_parties,
    encode_source,
    encode_sources,
    party_role,
)
from nkc_kg.loaders.workbook.sheets import SHEETS, Row, Tables

# Fields of a plan file that the workbook carries; `parties` and `initiatives` are on the shared sheets.
PLAN_FIELDS = (
    "plan",
    "changes",
    "mission",
    "goal",
    "problem",
    "problem_summary",
    "causes",
    "subgoals",
    "canvases",
    "activities",
    "past_activities",
    "teams",
    "choices",
    "abbreviations",
    "figures",
    "issues",
)


class ExportError(Exception):
    """The plan's files use a layout the workbook cannot hold (said in English, for the curators)."""


@dataclass
class PlanSources:
    """A plan's files, and the shared parties and initiatives with the file that defines each."""

    plan_id: str
    files: list[tuple[str, r.PlanFile]]
    parties: list[tuple[str, r.Party]] = field(default_factory=list)
    initiatives: list[tuple[str, r.Initiative]] = field(default_factory=list)


def _filled(value: object) -> bool:
    return value not in (None, [], "")


class TableWriter:
    """The tables being written: a row appended to a sheet, and the source issues of a record."""

    def __init__(self) -> None:
        self.tables: Tables = {sheet.name: [] for sheet in SHEETS}

    def add(self, sheet: str, **values: object) -> None:
        self.tables[sheet].append(Row({k: v for k, v in values.items() if v is not None}))

    def issues(self, target: str, found: Sequence[r.SourceIssue]) -> None:
        for issue in found:
            self.add(
                "Bronproblemen", target=target, kind=ISSUE_KINDS[issue.kind], note=issue.note, note_en=issue.note_en
            )


def flatten(plan: PlanSources) -> Tables:
    out = TableWriter()
    merged = _merged_files(plan, out)
    _plan_parts(merged, out)
    for canvas in merged.get("canvases", []):
        _canvas(canvas, out)
    for act in merged.get("activities", []):
        _activity(act, out)
    _past_and_teams(merged, out)
    _lists(merged, out)
    _shared(plan, out)
    return out.tables


def _merged_files(plan: PlanSources, out: TableWriter) -> dict[str, Any]:
    """The sheet Bestanden (which file holds which part), and each part of the plan from the file holding it."""
    owner: dict[str, str] = {}
    for name, rec in plan.files:
        fields = [f for f in PLAN_FIELDS if f != "plan" and _filled(getattr(rec, f))]
        if isinstance(rec.plan, r.PlanHeader):
            fields.insert(0, "plan")
        for f in fields:
            if f in owner:
                raise ExportError(f"{f} of plan {plan.plan_id} is in both {owner[f]} and {name}; put it in one file")
            owner[f] = name
        out.add("Bestanden", file=name, document=rec.document, fields=", ".join(fields))
    if "plan" not in owner:
        raise ExportError(f"no file has the header of plan {plan.plan_id}")
    return {f: getattr(dict(plan.files)[owner[f]], f) for f in owner}


def _plan_parts(merged: Mapping[str, Any], out: TableWriter) -> None:
    """The header, statements, changes, causes and subgoals."""
    header: r.PlanHeader = merged["plan"]
    out.add(
        "Plan",
        id=header.id,
        title=header.title.nl,
        title_en=header.title.en,
        theme=header.theme,
        year=header.year,
        version=header.version,
        publisher=header.publisher,
        revises=header.revises,
        described_by=header.described_by,
        note=header.note,
        source=encode_source(header.source),
    )
    out.issues("plan", merged.get("issues", []))
    for key, word in STATEMENTS.items():
        stmt: r.Statement | None = merged.get(key)
        if stmt is not None:
            out.add(
                "Uitgangspunten", part=word, text=stmt.text, text_en=stmt.text_en, source=encode_source(stmt.source)
            )
            out.issues(word, stmt.issues)
    for change in merged.get("changes", []):
        out.add("Wijzigingen", text=change.text, source=encode_source(change.source))
    for cause in merged.get("causes", []):
        out.add(
            "Oorzaken", cause=cause.number, text=cause.text, preamble=cause.preamble, source=encode_source(cause.source)
        )
        out.issues(f"oorzaak {cause.number}", cause.issues)
        for sub in cause.subcauses:
            out.add("Oorzaken", cause=cause.number, letter=sub.letter, text=sub.text)
            out.issues(f"oorzaak {cause.number}{sub.letter}", sub.issues)
    for sg in merged.get("subgoals", []):
        out.add(
            "Subdoelen", number=sg.number, text=sg.text, short_title=sg.short_title, source=encode_source(sg.source)
        )
        out.issues(f"subdoel {sg.number}", sg.issues)


def _past_and_teams(merged: Mapping[str, Any], out: TableWriter) -> None:
    for past in merged.get("past_activities", []):
        out.add(
            "Eerdere activiteiten",
            number=past.number,
            title=past.title,
            done=past.done,
            continued_by=encode_integers(past.continued_by) if past.continued_by else None,
            initiatives=", ".join(past.initiatives) or None,
            source=encode_source(past.source),
        )
        _roles(out, past.number, None, past.parties, "lead")
        out.issues(f"activiteit {past.number}", past.issues)
    for team in merged.get("teams", []):
        out.add(
            "Teams",
            id=team.id,
            label=team.label,
            label_en=team.label_en,
            contributors=encode_parties(team.contributors),
            contributors_text=team.contributors_text,
            source=encode_source(team.source),
        )
        for m in team.members:
            out.add(
                "Teamleden",
                team=team.id,
                person=m.person,
                affiliations=", ".join(m.affiliations) or None,
                affiliation_text=m.affiliation_text,
                former=YES if m.former else NO,
                role=m.role,
            )


def _lists(merged: Mapping[str, Any], out: TableWriter) -> None:
    """Choices, abbreviations and key figures."""
    for choice in merged.get("choices", []):
        out.add("Keuzes", number=choice.number, text=choice.text, source=encode_source(choice.source))
        out.issues(f"keuze {choice.number}", choice.issues)
    for ab in merged.get("abbreviations", []):
        out.add(
            "Afkortingen",
            abbr=ab.abbr,
            expansion=ab.expansion,
            expansion_en=ab.expansion_en,
            note=ab.note,
            denotes=ab.denotes,
            source=encode_source(ab.source),
        )
        out.issues(f"afkorting {ab.abbr}", ab.issues)
    for fig in merged.get("figures", []):
        out.add(
            "Cijfers",
            id=fig.id,
            label=fig.label.nl,
            label_en=fig.label.en,
            value=fig.value,
            unit=fig.unit,
            qualifier=fig.qualifier,
            text=fig.text,
            subject=fig.subject,
            source=encode_source(fig.source),
        )


def _shared(plan: PlanSources, out: TableWriter) -> None:
    """The parties and initiatives, with the file that defines each."""
    for file, party in plan.parties:
        out.add(
            "Partijen",
            id=party.id,
            type=PARTY_TYPES[party.type],
            label=party.label,
            label_en=party.label_en,
            abbreviation=party.abbreviation,
            alt_labels="\n".join(party.alt_labels) or None,
            part_of=", ".join(party.part_of) or None,
            member_of=", ".join(party.member_of) or None,
            affiliations=", ".join(party.affiliations) or None,
            homepage=party.homepage,
            description=party.description,
            status=RECORD_STATUS[party.status],
            note=party.note,
            source=encode_source(party.source),
            sources=encode_sources(party.sources),
            file=file,
        )
        out.issues(f"partij {party.id}", party.issues)
    for file, ini in plan.initiatives:
        out.add(
            "Initiatieven",
            id=ini.id,
            label=ini.label,
            label_en=ini.label_en,
            abbreviation=ini.abbreviation,
            description=ini.description,
            description_en=ini.description_en,
            parties=encode_parties(ini.parties),
            homepage=ini.homepage,
            status=RECORD_STATUS[ini.status],
            source=encode_source(ini.source),
            file=file,
        )


def _canvas(canvas: r.Canvas, out: TableWriter) -> None:
    out.add(
        "Canvassen",
        number=canvas.number,
        title=canvas.title,
        cause=canvas.cause,
        subgoal=canvas.subgoal,
        cause_text=canvas.cause_text,
        preamble=canvas.preamble,
        source=encode_source(canvas.source),
    )
    out.issues(f"canvas {canvas.number}", canvas.issues)
    column = CANVAS_COLUMNS["subcauses"]
    for sub in canvas.subcauses:
        out.add("Canvasregels", canvas=canvas.number, column=column, number=sub.letter, text=sub.text)
        out.issues(f"canvas {canvas.number} {column} {sub.letter}", sub.issues)
    for key in ("activities", "outputs", "outcomes"):
        column = CANVAS_COLUMNS[key]
        for i, item in enumerate(getattr(canvas, key), start=1):
            out.add(
                "Canvasregels",
                canvas=canvas.number,
                column=column,
                number=i,
                domain=item.domain,
                text=item.text,
                subitems="\n".join(item.subitems) or None,
                activity=item.prioritised_activity,
            )
            out.issues(f"canvas {canvas.number} {column} {i}", item.issues)


def _activity(act: r.Activity, out: TableWriter) -> None:
    out.add(
        "Activiteiten",
        number=act.number,
        title=act.title,
        card_title=act.card_title,
        subgoals=ALL_SUBGOALS if act.subgoals == "all" else (encode_integers(act.subgoals) if act.subgoals else None),
        status=ACTIVITY_STATUS[act.status],
        involved_text="\n".join(act.involved_text) or None,
        source=encode_source(act.source),
        list_source=encode_source(act.list_source),
    )
    out.issues(f"activiteit {act.number}", act.issues)
    _roles(out, act.number, None, act.involved, "involved")
    _roles(out, act.number, None, act.parties, "partner")
    for step in act.steps:
        out.add(
            "Stappen",
            activity=act.number,
            number=step.number,
            text=step.text,
            timeframe=step.timeframe,
            lead=encode_parties(step.lead),
            lead_text=step.lead_text,
            initiatives=", ".join(step.initiatives) or None,
            source=encode_source(step.source),
        )
        _roles(out, act.number, step.number, step.parties, "partner")
        out.issues(f"activiteit {act.number} stap {step.number}", step.issues)
    for res in act.results:
        out.add("Resultaten", activity=act.number, number=res.number, text=res.text, steps=encode_integers(res.steps))
    for mention in act.initiatives:
        out.add(
            "Lopende initiatieven",
            activity=act.number,
            text=mention.text,
            initiatives=", ".join(mention.initiatives) or None,
            parties=encode_parties(mention.parties),
        )


def _roles(out: TableWriter, activity: int, step: int | None, refs: Sequence[r.PartyRef], default: str) -> None:
    for ref in refs:
        role = party_role(ref)
        out.add(
            "Betrokkenen",
            activity=activity,
            step=step,
            party=role.party,
            role=ROLES[role.role or default],
            note=role.note,
        )
