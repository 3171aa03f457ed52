"""`nkc-kg draft FILE.txt`: write the draft and print what was not placed."""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from nkc_kg.loaders.command_line import OK, USAGE, add_data_option, fail

if TYPE_CHECKING:
    from nkc_kg.loaders.draft.extract import Draft

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DESCRIPTION = (
    "Draft curated data from a plan exported as text: the activity cards (titles, subgoals, steps with "
    "timeframes, leads, parties to involve, other initiatives, intended results), the team and the list of "
    "abbreviations. A party name becomes the id of the curated party with that abbreviation, label or alt label; "
    "other names stay as text. Writes <plan>-activiteiten.yaml and <plan>.yaml and reports, with file:line, what "
    "it could not place. It never writes into data/ without --into-data, and never overwrites a file without "
    "--force."
)


class CuratedData(Protocol):
    """What the draft needs of the command's settings (the service's Settings has it)."""

    @property
    def data_dir(self) -> Path: ...


class DraftError(Exception):
    """A reason not to draft, for the command line (exit code 2)."""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "draft",
        help="draft curated YAML from a plan exported as text (activity cards, team, abbreviations)",
        description=DESCRIPTION,
        epilog="example: nkc-kg draft actieplan-2026.txt --document actieplan-zeldzame-kankers-2026 "
        "--plan zeldzame-kankers-2026 -o draft/",
    )
    p.add_argument("file", help="the plan as text, e.g. ../shared/seeds/000_06674551e0d8bb76.txt")
    p.add_argument("-o", "--output", default="draft", help="folder to write to (default: draft/)")
    p.add_argument("--document", help="source document id (default: looked up by file name in data/sources.yaml)")
    p.add_argument("--plan", help="plan id (default: the plan of that document in data/)")
    p.add_argument("--first-slide", type=int, help="slide number of the text's first page (default: from page numbers)")
    p.add_argument("--force", action="store_true", help="overwrite draft files that exist")
    p.add_argument("--into-data", action="store_true", help="allow -o to point into data/ (the curated data)")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    add_data_option(p)
    p.set_defaults(run=run_draft)


def run_draft(args: argparse.Namespace, settings: CuratedData) -> int:
    try:
        return _run(args, settings.data_dir)
    except DraftError as exc:
        return fail(f"draft: {exc}", USAGE)


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    # the readers and the drafter are imported when the command runs, not by every `nkc-kg` start
    from nkc_kg.loaders.curated.reader import read_curated
    from nkc_kg.loaders.curated.yamlio import display_path
    from nkc_kg.loaders.draft.extract import draft_plan, is_known_document
    from nkc_kg.loaders.draft.parties import NameIndex
    from nkc_kg.loaders.draft.writer import planned_files
    from nkc_kg.loaders.paths import curated_data_paths

    source = Path(args.file)
    if not source.is_file():
        raise DraftError(f"no such file: {source}")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = source.read_bytes()[: exc.start].count(b"\n") + 1
        raise DraftError(f"{display_path(source)}:{line}: not UTF-8 text ({exc.reason})") from None
    folder = Path(args.output)
    if _inside(folder, data_dir) and not args.into_data:
        raise DraftError(
            f"refusing to write into {display_path(data_dir)} (the curated data): choose another folder with -o, "
            "or pass --into-data"
        )
    curated = read_curated(curated_data_paths(data_dir))
    if curated.errors:
        raise DraftError("the curated data has errors; fix them first:\n" + "\n".join(map(str, curated.errors)))
    records = [cf.record for cf in curated.files]
    document, plan = _ids(args, records, source)
    draft = draft_plan(
        text,
        document,
        plan,
        NameIndex.from_records(records),
        first_slide=args.first_slide,
        known_document=is_known_document(records, document),
    )
    files = planned_files(draft, folder)
    existing = [p for p in files if p.exists()]
    if existing and not args.force:
        names = ", ".join(display_path(p) for p in existing)
        raise DraftError(f"would overwrite {names}: pass --force, or choose another folder with -o")
    folder.mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        _write_checked(path, content)
    print(_summary(draft, source, list(files), args.lang))
    return OK


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _ids(args: argparse.Namespace, records: list, source: Path) -> tuple[str, str]:  # type: ignore[type-arg]
    from nkc_kg.loaders.draft.extract import document_of_seed, plans_of_document

    document = args.document or document_of_seed(records, source.name)
    if document is None:
        raise DraftError(
            f"{source.name} is not a source document of data/sources.yaml: give --document and --plan "
            "(the ids the draft should carry, e.g. --document actieplan-zeldzame-kankers-2026 "
            "--plan zeldzame-kankers-2026)"
        )
    plan = args.plan
    if plan is None:
        plans = plans_of_document(records, document)
        if len(plans) != 1:
            found = ", ".join(plans) if plans else "none"
            raise DraftError(f"give --plan: the plans of document {document!r} in data/ are: {found}")
        plan = plans[0]
    for name, value in (("--document", document), ("--plan", plan)):
        if not SLUG.match(value):
            raise DraftError(f"{name} {value!r}: ids are lowercase words joined by '-' (e.g. zeldzame-kankers-2026)")
    return document, plan


def _write_checked(path: Path, content: str) -> None:
    """Write through a temporary file that must read back as curated data, so no half or invalid file is left."""
    from nkc_kg.loaders.curated.reader import read_curated_file

    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        read_curated_file(Path(tmp))  # a failure here is a bug of the drafter: it raises
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _summary(draft: Draft, source: Path, written: list[Path], lang: str) -> str:
    from nkc_kg.loaders.curated.yamlio import display_path
    from nkc_kg.loaders.draft.report import format_findings

    steps = [s for a in draft.activities for s in a.steps]
    members = sum(len(t.members) for t in draft.teams)
    nl = (
        f"{len(draft.activities)} activiteiten, {len(steps)} stappen ({sum(bool(s.timeframe) for s in steps)} met "
        f"tijdsaanduiding, {sum(bool(s.lead) for s in steps)} met trekker), {len(draft.teams)} team "
        f"({members} leden), {len(draft.abbreviations)} afkortingen"
    )
    en = (
        f"{len(draft.activities)} activities, {len(steps)} steps ({sum(bool(s.timeframe) for s in steps)} with a "
        f"timeframe, {sum(bool(s.lead) for s in steps)} with a lead), {len(draft.teams)} team ({members} members), "
        f"{len(draft.abbreviations)} abbreviations"
    )
    first, second = (nl, en) if lang == "nl" else (en, nl)
    name = display_path(source)
    lines = [
        f"{name}: {draft.document} (plan {draft.plan})",
        f"{'opgesteld' if lang == 'nl' else 'drafted'}: {first}",
        f"    ({'en' if lang == 'nl' else 'nl'}) {second}",
        f"{'geschreven' if lang == 'nl' else 'written'}: {', '.join(display_path(p) for p in written)}",
    ]
    not_placed, to_check = draft.not_placed(), draft.to_check()
    lines.append(f"NIET GEPLAATST / not placed: {len(not_placed)}")
    lines += format_findings(not_placed, name, lang)
    lines.append(f"CONTROLEER / check: {len(to_check)}")
    lines += format_findings(to_check, name, lang)
    return "\n".join(lines)
