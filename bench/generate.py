"""Write the real dataset plus k synthetic plans shaped like the real one, as N-Quads.

Each synthetic plan is a copy of the named graph of one real plan document
(by default the rare-cancer plan 2025: plan with dcterms:identifier, subgoals,
prioritised activities serving subgoals or all subgoals, steps with timeframes,
qualified associations to parties with roles) with its IRIs rewritten:
``plan/<id>`` → ``plan/<id>-synth-0001``, same for the document and graph IRIs,
and the plan identifier literal. A seeded half of the parties the plan names
get their own copy per synthetic plan (IRI and labels suffixed), the other
half stay shared, so party look-ups and joins see both kinds. Facts the copy would only
restate about shared things (a shared party's label) are left out, as each triple of the real
data lives in one graph. Nodes under a party's IRI (a team's memberships) and the plan's own
team always belong to the copy: a copy must not add members to a real team.

The copies are spread over 40 plan years (2015–2054, the real plan's year included): a graph
of a thousand plans holds plans of many years, not a thousand plans for 2025, so questions
about a year or a quarter see the plans of that year. The plan year, the timeframes' labels and
their begin and end dates and the years they overlap move by the copy's offset; the shifted calendar days get their
``time:Instant`` nodes once, in the graph ``graph/bench-calendar``.

The template is rewritten once with a marker where the suffix goes; every
synthetic plan is then one ``str.replace`` and one write, so 15 M quads take
about a minute.

    uv run python bench/generate.py --scale 100 -o build/bench/x100.nq
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BASE = "https://w3id.org/nkc-kg/"
DEFAULT_TEMPLATE = "actieplan-zeldzame-kankers-2025"
DEFAULT_REAL = Path("build/nkc-kg.nq")
SEED = 20250
IRI_MARK = "\x00"  # becomes "-synth-0001"
LABEL_MARK = "\x01"  # becomes " (synth-0001)"
YEAR_MARK = "\x02"  # "\x02" + "2025" + "\x03": a year that moves with the copy's offset
YEAR_END = "\x03"
PLAN_YEARS = 40  # copies cycle through offsets -10 … +29 from the real plan's year
FIRST_OFFSET = -10

# plan/<slug>, doc/<slug>, graph/<slug>: the things a copied plan document owns
_OWNED = re.compile(r"<" + re.escape(BASE) + r"(plan|doc|graph)/([^/>]+)")
_PARTY = re.compile(r"<" + re.escape(BASE) + r"party/([^/>]+)(/[^>]*)?>")
_DATE = re.compile(r"<" + re.escape(BASE) + r"date/(\d{4})-(\d\d-\d\d)>")
_YEAR = re.compile(r"\b(19|20)(\d\d)\b")
_YEAR_PREDICATES = (" <https://w3id.org/nkc-kg/def#year> ", " <https://w3id.org/nkc-kg/def#overlapsYear> ")
_TEAM_PREDICATE = " <https://w3id.org/nkc-kg/def#hasTeam> "
_LABEL_PREDICATE = " <http://www.w3.org/2000/01/rdf-schema#label> "
_TIMEFRAME_SUBJECT = "/timeframe> "
CALENDAR_GRAPH = f"{BASE}graph/bench-calendar"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TIME = "http://www.w3.org/2006/time#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(@[A-Za-z-]+|\^\^<[^>]*>)?')
_LABEL_PREDICATES = (
    "<http://www.w3.org/2000/01/rdf-schema#label>",
    "<http://www.w3.org/2004/02/skos/core#prefLabel>",
    "<http://www.w3.org/2004/02/skos/core#altLabel>",
    "<https://w3id.org/nkc-kg/def#abbreviation>",
)


@dataclass(frozen=True)
class Template:
    text: str  # N-Quads lines with IRI_MARK / LABEL_MARK where each copy's suffix goes
    quads: int
    private_parties: int
    shared_parties: int


def graph_of(line: str) -> str | None:
    """The graph IRI of an N-Quads line (last term before the final ' .')."""
    body = line.rstrip()
    if not body.endswith(" .") or not body[:-2].endswith(">"):
        return None
    start = body.rfind(" <", 0, len(body) - 2)
    return body[start + 2 : len(body) - 3] if start >= 0 else None


def subject_of(line: str) -> str:
    return line[1 : line.index(">")] if line.startswith("<") else ""


def build_template(real_lines: list[str], template_graph: str, seed: int = SEED) -> Template:
    graph_iri = f"{BASE}graph/{template_graph}"
    plan_lines = [line for line in real_lines if graph_of(line) == graph_iri]
    if not plan_lines:
        raise SystemExit(f"no quads in graph <{graph_iri}>: is {template_graph!r} a graph of the real dataset?")
    owned = sorted({m.group(2) for line in plan_lines for m in _OWNED.finditer(line)})
    parties = sorted({m.group(1) for line in plan_lines for m in _PARTY.finditer(line)})
    rng = random.Random(seed)
    private = {slug for slug in parties if rng.random() < 0.5}
    teams = {m.group(1) for line in plan_lines if _TEAM_PREDICATE in line for m in _PARTY.finditer(line)}
    private |= teams

    def party_iri(m: re.Match[str]) -> str:
        slug, below = m.group(1), m.group(2) or ""
        if below:  # a node under a party (a team membership) belongs to the copy
            return f"<{BASE}party/{slug}{IRI_MARK if slug in private else ''}{below}{IRI_MARK}>"
        return f"<{BASE}party/{slug}{IRI_MARK if slug in private else ''}>"

    def rewrite_iris(line: str) -> str:
        line = _OWNED.sub(lambda m: m.group(0) + IRI_MARK, line)
        line = _PARTY.sub(party_iri, line)
        return _DATE.sub(lambda m: f"<{BASE}date/{YEAR_MARK}{m.group(1)}{YEAR_END}-{m.group(2)}>", line)

    def rewrite_years(line: str) -> str:
        # the plan year and a timeframe's label ("Q4 2025 – Q1 2026") move with the copy
        if any(p in line for p in _YEAR_PREDICATES) or (_TIMEFRAME_SUBJECT in line and _LABEL_PREDICATE in line):
            return _LITERAL.sub(
                lambda m: (
                    '"'
                    + _YEAR.sub(lambda y: f"{YEAR_MARK}{y.group(0)}{YEAR_END}", m.group(1))
                    + '"'
                    + (m.group(2) or "")
                ),
                line,
                count=1,
            )
        return line

    owned_literals = {f'"{slug}"' for slug in owned}

    def rewrite_identifier(line: str) -> str:
        # dcterms:identifier "zeldzame-kankers-2025" and the like follow their IRIs
        for literal in owned_literals:
            if literal in line:
                line = line.replace(literal, literal[:-1] + IRI_MARK + '"')
        return line

    party_prefix = f"{BASE}party/"

    def is_private_party(line: str) -> bool:
        subject = subject_of(line)
        return subject.startswith(party_prefix) and subject[len(party_prefix) :] in private

    def rewrite(line: str) -> str:
        line = rewrite_years(rewrite_identifier(rewrite_iris(line)))
        if is_private_party(line.replace(IRI_MARK, "")) and any(f" {p} " in line for p in _LABEL_PREDICATES):
            # a copied party is told apart from its original by name too
            line = _LITERAL.sub(lambda m: f'"{m.group(1)}{LABEL_MARK}"{m.group(2) or ""}', line, count=1)
        return line

    def restates_shared_fact(rewritten: str) -> bool:
        # In the real data every triple lives in one graph. A copied line that names nothing of the
        # copy (a shared party's label, an initiative's type) would restate it in every copy, and the
        # union default graph would then multiply every join through it by the number of copies.
        return IRI_MARK not in rewritten.rstrip().rpartition(" <")[0]

    out = [line for line in map(rewrite, plan_lines) if not restates_shared_fact(line)]
    # the private parties' own descriptions (labels, abbreviations, types) go along into the copy's graph
    for line in real_lines:
        if is_private_party(line) and graph_of(line) != graph_iri:
            head, _, _ = rewrite(line).rstrip().rpartition(" <")
            out.append(f"{head} <{graph_iri}{IRI_MARK}> .\n")
    return Template("".join(out), len(out), len(private), len(parties) - len(private))


def plans_for_scale(scale: float, real_quads: int, template_quads: int) -> int:
    """How many synthetic plans bring the dataset to ``scale`` × the real quad count."""
    return max(0, round((scale - 1) * real_quads / template_quads))


def synthetic_id(index: int) -> str:
    return f"synth-{index:04d}"


def year_offset(index: int) -> int:
    """The copy's plan year relative to the real plan's: copies cycle through PLAN_YEARS years."""
    return FIRST_OFFSET + (index - 1) % PLAN_YEARS


_MARKED_YEAR = re.compile(YEAR_MARK + r"(\d{4})" + YEAR_END)
_MARKED_DATE = re.compile(r"date/" + YEAR_MARK + r"(\d{4})" + YEAR_END + r"-(\d\d)-(\d\d)>")


def calendar_quads(template: Template, offsets: set[int], real_text: str) -> list[str]:
    """The time:Instant of every shifted day the copies name that the real data does not have."""
    days = {(int(y), int(m), int(d)) for y, m, d in _MARKED_DATE.findall(template.text)}
    lines = []
    for year, month, day in sorted({(y + o, m, d) for y, m, d in days for o in offsets}):
        iso = dt.date(year, month, day).isoformat()
        node = f"<{BASE}date/{iso}>"
        if f"{node} <http://www.w3.org/2006/time#inXSDDate>" in real_text:
            continue
        lines.append(f"{node} <{RDF_TYPE}> <{TIME}Instant> <{CALENDAR_GRAPH}> .\n")
        lines.append(f'{node} <{TIME}inXSDDate> "{iso}"^^<{XSD_DATE}> <{CALENDAR_GRAPH}> .\n')
    return lines


def write_dataset(real: Path, out: Path, plans: int, template_graph: str = DEFAULT_TEMPLATE) -> tuple[int, Template]:
    """Copy ``real`` to ``out`` and append ``plans`` synthetic copies of the template plan; returns quads written."""
    real_text = real.read_text(encoding="utf-8")
    real_lines = real_text.splitlines(keepends=True)
    template = build_template(real_lines, template_graph)
    years = sorted({int(y) for y in _MARKED_YEAR.findall(template.text)})
    offsets = {year_offset(i) for i in range(1, plans + 1)}
    calendar = calendar_quads(template, offsets, real_text)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as sink:
        with real.open(encoding="utf-8") as source:
            shutil.copyfileobj(source, sink)
        sink.writelines(calendar)
        for i in range(1, plans + 1):
            sid, offset = synthetic_id(i), year_offset(i)
            text = template.text.replace(IRI_MARK, f"-{sid}").replace(LABEL_MARK, f" ({sid})")
            for year in years:
                text = text.replace(f"{YEAR_MARK}{year}{YEAR_END}", str(year + offset))
            sink.write(text)
    return len(real_lines) + len(calendar) + plans * template.quads, template


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL, help="the built dataset (uv run nkc-kg build)")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--scale", type=float, help="target size as a multiple of the real quad count")
    group.add_argument("--plans", type=int, help="number of synthetic plans")
    parser.add_argument("--template", default=DEFAULT_TEMPLATE, help="graph slug of the plan to copy")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.real.is_file():
        print(f"generate: {args.real} missing; run `uv run nkc-kg build` first", file=sys.stderr)
        return 2
    began = time.perf_counter()
    plans = args.plans
    if plans is None:
        real_lines = args.real.read_text(encoding="utf-8").splitlines(keepends=True)
        plans = plans_for_scale(args.scale, len(real_lines), build_template(real_lines, args.template).quads)
    quads, template = write_dataset(args.real, args.output, plans, args.template)
    print(
        f"{quads} quads ({plans} synthetic plans of {template.quads} quads; "
        f"{template.private_parties} parties copied per plan, {template.shared_parties} shared) "
        f"written to {args.output} in {time.perf_counter() - began:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
