"""The yearly progress section in the structure of "Activiteiten 2024": per activity its title, what was
done, its status and what it continues as, with the sources cited. Written as Word (python-docx) or as
the data of a printable HTML page; free of any web framework."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nkc_kg.service.progress.state import STATE_LABELS

Cite = Callable[[list[str]], list[str]]  # entity IRIs -> citations (one per source document)


def report_sections(state: dict[str, Any], cite: Cite, lang: str = "nl") -> list[dict[str, Any]]:
    """One section per activity, its steps in order: what was done, the status, the continuation, the sources."""
    sections: dict[int, dict[str, Any]] = {}
    for item in state["items"]:
        section = sections.setdefault(
            item["activity"],
            {
                "number": item["activity"],
                "title": item["activityTitle"],
                "url": item["activityUrl"],
                "steps": [],
                "continuedBy": item["continuedBy"],
                "cited": [item["activityIri"]],
            },
        )
        section["steps"].append(
            {
                "step": item["step"],
                "text": item["text"],
                "done": item["done"],
                "status": _status_word(item, lang),
                "statusDate": item["statusDate"],
                "evidence": item["evidence"],
                "byCurators": item["statusByCurators"],
            }
        )
        if item["observation"]:
            section["cited"].append(item["observation"])
    out = []
    for number in sorted(sections):
        section = sections[number]
        section["citations"] = cite(section.pop("cited"))
        out.append(section)
    return out


def _status_word(item: dict[str, Any], lang: str) -> str:
    state = STATE_LABELS[item["state"]][0 if lang == "nl" else 1]
    label = item["statusLabel"]  # the status concept's labels in the graph
    if label is None:
        return state
    word = label["nl" if lang == "nl" else "en"]
    if item["state"] == "over-tijd":
        return f"{word} ({state})"
    return word


def write_docx(plan_title: str, at: dt.date, sections: list[dict[str, Any]], target: Path, lang: str = "nl") -> None:
    from docx import Document  # python-docx: imported here so the command line starts quickly

    nl = lang == "nl"
    doc = Document()
    doc.add_heading(f"{'Activiteiten' if nl else 'Activities'} {at.year}", level=0)
    doc.add_paragraph(f"{plan_title} — {'stand per' if nl else 'as of'} {at.isoformat()}")
    for section in sections:
        doc.add_heading(f"{section['number']}. {section['title']}", level=2)
        for step in section["steps"]:
            lead = f"{'Stap' if nl else 'Step'} {step['step']}: {step['text']}" if step["step"] is not None else None
            if lead:
                doc.add_paragraph(lead, style="List Bullet")
            label = "Wat is er gedaan" if nl else "What was done"
            doc.add_paragraph(f"{label}: {step['done'] or ('(niet gemeld)' if nl else '(not reported)')}")
            when = f" ({step['statusDate']})" if step["statusDate"] else ""
            derived = (
                (" — status door curatoren afgeleid" if nl else " — status derived by the curators")
                if step["byCurators"]
                else ""
            )
            doc.add_paragraph(f"Status: {step['status']}{when}{derived}")
            for link in step["evidence"]:
                doc.add_paragraph(f"{'Onderbouwing' if nl else 'Evidence'}: {link}")
        if section["continuedBy"]:
            names = "; ".join(f"{c['number']}. {c['title']}" for c in section["continuedBy"])
            doc.add_paragraph(f"{'Wordt voortgezet als' if nl else 'Continued as'}: {names}")
        for citation in section["citations"]:
            doc.add_paragraph(f"{'Bron' if nl else 'Source'}: {citation}", style="Intense Quote")
    doc.save(str(target))


def write_html(plan_title: str, at: dt.date, sections: list[dict[str, Any]], lang: str = "nl") -> str:
    """A standalone printable page (the service's page renders the same sections with its own template)."""
    from html import escape

    nl = lang == "nl"
    parts = [
        f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{escape(plan_title)}</title>',
        "<style>body{font-family:sans-serif;max-width:48rem;margin:auto;padding:1rem}"
        "section{break-inside:avoid;border-top:1px solid #ccc}</style>",
        f"<h1>{'Activiteiten' if nl else 'Activities'} {at.year}</h1><p>{escape(plan_title)} — {at.isoformat()}</p>",
    ]
    for section in sections:
        parts.append(f"<section><h2>{section['number']}. {escape(section['title'])}</h2>")
        for step in section["steps"]:
            if step["step"] is not None:
                parts.append(f"<h3>{'Stap' if nl else 'Step'} {step['step']}: {escape(step['text'])}</h3>")
            parts.append(f"<p>{escape(step['done'] or ('(niet gemeld)' if nl else '(not reported)'))}</p>")
            parts.append(f"<p>Status: {escape(step['status'])}</p>")
        if section["continuedBy"]:
            names = "; ".join(f"{c['number']}. {c['title']}" for c in section["continuedBy"])
            parts.append(f"<p>{'Wordt voortgezet als' if nl else 'Continued as'}: {escape(names)}</p>")
        for citation in section["citations"]:
            parts.append(f"<p><small>{'Bron' if nl else 'Source'}: {escape(citation)}</small></p>")
        parts.append("</section>")
    return "\n".join(parts) + "</html>"
