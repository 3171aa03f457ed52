"""``nkc-kg completeness PLAN [FILES…]``: the completeness report of a plan on the command line.

Curated YAML files given replace the curated files of the same name (as ``nkc-kg validate`` does),
so an editor sees the report of a draft before it ships; every gap names the file and line to fix.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail

if TYPE_CHECKING:
    from nkc_kg.service.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("completeness", help="what a plan's data lacks, with file:line (also of draft files)")
    p.add_argument("plan", help="zeldzame-kankers-2025, zeldzame-kankers-2024 or late-gevolgen-2025")
    p.add_argument("paths", nargs="*", help="draft YAML files or folders, replacing the curated files of that name")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_data_option(p)
    p.set_defaults(run=cmd_completeness)


def cmd_completeness(args: argparse.Namespace, settings: Settings) -> int:
    return run(args.plan, args.paths, args.lang, args.format, settings)


def run(plan: str, paths: list[str], lang: str, fmt: str, settings: Settings) -> int:
    from nkc_kg.loaders.dataset import build_dataset  # brings pyshacl: only this command pays for it
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.paths import curated_data_paths
    from nkc_kg.service.annotate.annotator import Annotator
    from nkc_kg.service.completeness.checks import Completeness
    from nkc_kg.service.graph.runner import EntityIndex
    from nkc_kg.service.store.embedded import EmbeddedStore

    drafts: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            return fail(f"no such file: {path}", USAGE)
        drafts += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    not_yaml = [p for p in drafts if p.suffix.lower() not in (".yaml", ".yml")]
    if not_yaml:
        return fail(f"{not_yaml[0]}: give curated YAML files (they replace the curated files of the same name)", USAGE)
    iris = Iris(settings.base_iri)
    built = build_dataset(curated_data_paths(settings.data_dir, drafts), iris)
    if built.errors:
        for err in built.errors:
            print(err, file=sys.stderr)
        return fail(f"{len(built.errors)} error(s) in the curated data; fix them first (nkc-kg validate)", FAILED)
    store = EmbeddedStore.from_dataset(built.dataset)
    index = EntityIndex.build(store, iris)
    if plan not in index.plans:
        close = difflib.get_close_matches(plan, list(index.plans), n=3, cutoff=0.5)
        hint = f" (did you mean: {', '.join(close)}?)" if close else f" (known: {', '.join(sorted(index.plans))})"
        return fail(f"unknown plan {plan!r}{hint}", USAGE)
    annotator = Annotator.build(store, iris)
    locations = {str(node): where for node, where in built.locations.items()}
    report = Completeness(store, iris, index, lambda: annotator, lambda: locations).report(plan)
    print(json.dumps(report, ensure_ascii=False, indent=2) if fmt == "json" else format_report(report, lang))
    return OK


def format_report(report: dict[str, Any], lang: str = "nl") -> str:
    from nkc_kg.service.completeness.checks import grouped_gaps, places
    from nkc_kg.service.i18n.messages import message

    def t(key: str) -> str:
        return message(key, lang)

    plan = report["plan"]
    lines = [f"{t('completeness.title')}: {plan['label']} ({plan['id']})", ""]
    for heading, entries in (
        (t("completeness.activities"), report["activities"]),
        (t("completeness.parties"), report["parties"]),
    ):
        lines.append(f"{heading}:")
        if not entries:
            lines.append(f"  {t('completeness.nothing')}")
        for entry in entries:
            for gap in grouped_gaps(entry):
                name = str(entry["label"]) if "number" not in entry else f"{t('activity').lower()} {entry['number']}"
                if gap["step"]:
                    name += f", {t('completeness.step')} {gap['step']['number']}"
                where = gap["fix"]["at"] if gap["fix"] else places(gap["source"]) if gap["source"] else entry["iri"]
                what = ", ".join(t(f"completeness.kind.{kind}") for kind in gap["kinds"])
                lines.append(f"  {where}: {name}: {what} [{t('completeness.status.' + gap['status'])}]")
                if gap["reason"]:
                    lines.append(f"      {gap['reason'].get(lang) or gap['reason']['nl']}")
                if gap["fix"] and gap["source"]:
                    lines.append(f"      {t('completeness.col.source').lower()}: {places(gap['source'])}")
        lines.append("")
    for kind, heading in (
        ("undefined-abbreviation", t("completeness.abbreviations")),
        ("unknown-abbreviation", t("completeness.unknown")),
    ):
        rows = [a for a in report["abbreviations"] if a["kind"] == kind]
        lines.append(f"{heading} ({len(rows)}):")
        for entry in rows:
            line = f"  {entry['abbreviation']} ({entry['occurrences']}×; {places(entry['usedAt'])})"
            curated = entry.get("curated")
            if kind == "undefined-abbreviation":
                if curated:
                    line += f": {t('annotate.curated')}: {curated['expansion']} ({curated['definedBy']['status']})"
                    if curated.get("fix"):
                        line += f" {curated['fix']['at']}"
                else:
                    line += f": {t('completeness.col.curated').lower()}: {t('completeness.nocurated')}"
                if entry["definedIn"]:
                    line += f"; {t('completeness.col.elsewhere').lower()}: " + ", ".join(
                        d["label"] for d in entry["definedIn"]
                    )
            lines.append(line)
        lines.append("")
    s = report["summary"]
    lines.append(
        f"{t('completeness.summary')}: {s['gaps']} {t('completeness.status.gap')}, "
        f"{s['notInSource']} {t('completeness.status.not-in-source')}, "
        f"{s['inDevelopment']} {t('completeness.status.in-development')}, {s['info']} {t('completeness.status.info')}; "
        f"{s['undefinedAbbreviations']} {t('completeness.check.undefined-abbreviation').lower()}, "
        f"{s['unknownAbbreviations']} {t('completeness.check.unknown-abbreviation').lower()}"
    )
    return "\n".join(lines)
