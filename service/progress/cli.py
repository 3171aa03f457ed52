"""``nkc-kg progress PLAN --at DATE`` (the state of every step) and ``nkc-kg progress-report PLAN --at DATE
-o report.docx`` (the yearly progress section, in the structure of "Activiteiten 2024")."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail

if TYPE_CHECKING:
    from nkc_kg.service.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("progress", help="the status of every step of a plan as of a date, and what is overdue")
    p.add_argument("plan", help="zeldzame-kankers-2025, zeldzame-kankers-2024 or late-gevolgen-2025")
    p.add_argument("--at", required=True, help="the date: YYYY-MM-DD")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_data_option(p)
    p.set_defaults(run=cmd_progress)
    r = subparsers.add_parser("progress-report", help="the yearly progress section of a plan as Word (.docx) or HTML")
    r.add_argument("plan")
    r.add_argument("--at", required=True, help="the date the report holds for: YYYY-MM-DD")
    r.add_argument("-o", "--output", required=True, type=Path, help="report.docx (Word) or report.html")
    r.add_argument("--lang", choices=["nl", "en"], default="nl")
    add_data_option(r)
    r.set_defaults(run=cmd_report)


def _state(plan: str, at_text: str, settings: Settings) -> tuple[dict[str, Any], Any] | int:
    from nkc_kg.service.progress.loading import load_curated
    from nkc_kg.service.progress.state import ProgressError, load_progress, parse_day

    try:
        at = parse_day(at_text)
    except ValueError as exc:
        return fail(f"--at: {exc}", USAGE)
    graph = load_curated(settings)
    if graph.errors:
        return fail(f"{len(graph.errors)} error(s) in the curated data; fix them first (nkc-kg validate)", FAILED)
    try:
        progress = load_progress(graph.store, graph.iris, plan)
    except ProgressError as exc:
        return fail(str(exc), USAGE)
    return progress.as_of(at, graph.iris), graph


def cmd_progress(args: argparse.Namespace, settings: Settings) -> int:
    found = _state(args.plan, args.at, settings)
    if isinstance(found, int):
        return found
    state, _graph = found
    print(json.dumps(state, ensure_ascii=False, indent=2) if args.format == "json" else format_state(state, args.lang))
    return OK


def format_state(state: dict[str, Any], lang: str = "nl") -> str:
    from nkc_kg.service.progress.state import STATE_LABELS, STATES

    nl = lang == "nl"
    i = 0 if nl else 1
    totals = ", ".join(f"{STATE_LABELS[s][i]} {state['totals'][s]}" for s in STATES)
    head = f"{state['plan']} — {'stand per' if nl else 'as of'} {state['at']}"
    lines = [f"{head}: {state['steps']} {'stappen' if nl else 'steps'} ({totals})"]
    for bar in state["subgoals"]:
        name = (
            (f"{'subdoel' if nl else 'subgoal'} {bar['subgoal']}")
            if bar["subgoal"]
            else ("alle subdoelen" if nl else "all subgoals")
        )
        counts = ", ".join(f"{STATE_LABELS[s][i]} {bar['counts'][s]}" for s in STATES)
        lines.append(f"  {name}: {bar['steps']} ({counts})")
    lines.append(("Over tijd:" if nl else "Overdue:") + ("" if state["overdue"] else (" geen" if nl else " none")))
    for item in state["overdue"]:
        where = f"{item['activity']}.{item['step']}" if item["step"] else str(item["activity"])
        leads = ", ".join(lead["label"] for lead in item["leads"]) or "-"
        late = f"{item['daysLate']} {'dagen' if nl else 'days'}"
        lines.append(f"  {where} [{item['timeframe']}, {late}] {item['text']} — {leads}")
    lines.append("Stand per stap:" if nl else "State per step:")
    for item in state["items"]:
        where = f"{item['activity']}.{item['step']}" if item["step"] else str(item["activity"])
        label = item["statusLabel"]
        status = f"{label['nl' if nl else 'en']} {item['statusDate']}" if label else "-"
        lines.append(f"  {where}: {STATE_LABELS[item['state']][i]} ({status})")
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.service.progress.loading import citations
    from nkc_kg.service.progress.report import report_sections, write_docx, write_html
    from nkc_kg.service.progress.state import parse_day

    target: Path = args.output
    if target.suffix.lower() not in (".docx", ".html"):
        return fail(f"{target}: write a .docx (Word) or an .html file", USAGE)
    if not target.parent.is_dir():
        return fail(f"{target.parent}: no such folder", USAGE)
    found = _state(args.plan, args.at, settings)
    if isinstance(found, int):
        return found
    state, graph = found
    sections = report_sections(state, citations(graph.provenance, args.lang), args.lang)
    title = graph.store.select(
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?t WHERE { ?plan dcterms:title ?t FILTER (LANG(?t) = 'nl') }",
        {"plan": graph.iris.plan(args.plan)},
    ).rows
    plan_title = str(title[0]["t"]) if title else args.plan
    at = parse_day(args.at)
    if target.suffix.lower() == ".docx":
        write_docx(plan_title, at, sections, target, args.lang)
    else:
        target.write_text(write_html(plan_title, at, sections, args.lang), encoding="utf-8")
    print(f"{target}: {len(sections)} {'activiteiten' if args.lang == 'nl' else 'activities'}")
    return OK
