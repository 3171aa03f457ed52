"""``nkc-kg export-xlsx`` and ``nkc-kg import-xlsx``: the plan editors' spreadsheet round trip."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail
from nkc_kg.loaders.paths import curated_data_paths

if TYPE_CHECKING:
    from nkc_kg.service.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "export-xlsx",
        help="write a plan as a workbook for plan editors (one sheet per table, Dutch headers, drop-downs)",
    )
    p.add_argument("plan", help="plan id, e.g. zeldzame-kankers-2025")
    p.add_argument("-o", "--output", help="the .xlsx to write (default: PLAN.xlsx)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file")
    add_data_option(p)
    p.set_defaults(run=cmd_export)

    p = subparsers.add_parser(
        "import-xlsx",
        help="read an edited workbook back into curated YAML (nothing is written when it has errors)",
    )
    p.add_argument("workbook", help="the edited .xlsx")
    p.add_argument(
        "-o", "--output", help="folder to write the YAML files into (default: <workbook>-yaml/ beside the workbook)"
    )
    p.add_argument("--overwrite", action="store_true", help="replace files in the folder that differ (e.g. -o data)")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    add_data_option(p)
    p.set_defaults(run=cmd_import)


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.loaders.workbook.exporter import export_plan
    from nkc_kg.loaders.workbook.flatten import ExportError

    target = Path(args.output or f"{args.plan}.xlsx")
    if target.suffix.lower() != ".xlsx":
        return fail(f"{target}: the workbook's name must end in .xlsx", USAGE)
    if target.exists() and not args.overwrite:
        return fail(f"{target} exists; give --overwrite to replace it", USAGE)
    try:
        summary = export_plan(args.plan, target, curated_data_paths(settings.data_dir))
    except ExportError as exc:
        return fail(str(exc), USAGE)
    rows = ", ".join(f"{sheet} {n}" for sheet, n in summary.rows.items() if n)
    print(f"{target}: plan {summary.plan_id} from {', '.join(summary.files)}")
    print(f"  rows: {rows}")
    return OK


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.loaders.curated.yamlio import display_path
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.validation import Report, format_report, validate_build
    from nkc_kg.loaders.workbook.importer import (
        ImportRefused,
        build_import,
        read_plan_workbook,
        refuse_clashes,
        write_texts,
    )
    from nkc_kg.loaders.workbook.workbook import WorkbookError

    source = Path(args.workbook)
    if not source.is_file():
        return fail(f"no such file: {source}", USAGE)
    folder = Path(args.output) if args.output else source.with_name(source.stem + "-yaml")
    name = display_path(source)
    try:
        read = read_plan_workbook(source, name, curated_data_paths(settings.data_dir))
    except WorkbookError as exc:
        return fail(f"{name}: {exc}", USAGE)
    report = Report(errors=read.errors)
    if not read.errors:
        if not args.overwrite:
            try:  # before the ~15 s of validation: say at once that the folder holds other versions
                refuse_clashes(read.texts, folder)
            except ImportRefused as exc:
                return fail(str(exc), FAILED)
        iris = Iris(settings.base_iri)
        report = validate_build(build_import(read, iris), iris)
    if not report.conforms:
        kept = [r for r in report.results if r.severity == "violation"]
        print(format_report(Report(results=kept, errors=report.errors), args.lang))
        print(f"{name}: niets geschreven / nothing written")
        return FAILED
    for notice in read.notices:
        print(notice)
    try:
        written = write_texts(read.texts, folder, args.overwrite)
    except ImportRefused as exc:
        return fail(str(exc), FAILED)
    changed = set(read.changed())
    into_data = folder.resolve() == settings.data_dir.resolve()
    for path in written:
        state = "gewijzigd / changed" if path.name in changed else "ongewijzigd / unchanged"
        print(f"{display_path(path)}: {state}")
    if not into_data and changed:
        print(
            "Neem de gewijzigde bestanden over in data/ (of importeer met -o data --overwrite). "
            "/ Copy the changed files into data/ (or import with -o data --overwrite)."
        )
    return OK
