"""`nkc-kg completeness PLAN [DRAFT…]` as an editor runs it: the report with file:line, also of a draft."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.completeness.cli import format_report

ACTIVITIES = "zeldzame-kankers-2025-activiteiten.yaml"


def nkc_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_the_report_names_file_and_line() -> None:
    done = nkc_kg("completeness", "late-gevolgen-2025")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Volledigheid: Actieplan (Late) Gevolgen 2025 (late-gevolgen-2025)"
    [activity] = [line for line in lines if ": activiteit 2: " in line]
    where = activity.strip().split(": ", 1)[0]
    file, line = where.rsplit(":", 1)
    assert Path(file).resolve() == (DATA_DIR / "late-gevolgen-2025.yaml").resolve()
    assert "missing-in-source" in (DATA_DIR / "late-gevolgen-2025.yaml").read_text().splitlines()[int(line) - 1]
    assert activity.endswith("activiteit 2: nog in uitwerking [in uitwerking]")
    assert any(line.startswith("  SAM (3×; dia 4, 13, 14): curatoren: (uitschrijving onbekend)") for line in lines)
    assert any(line.startswith("  IZP (") for line in lines)


def test_a_draft_replaces_the_shipped_file_and_its_gaps_point_into_it(tmp_path: Path) -> None:
    text = (DATA_DIR / ACTIVITIES).read_text(encoding="utf-8")
    step_1 = '        text: "Starten met voorwerk ACCELERATE onderzoek"\n        timeframe: "Q1 t/m Q3 2025"\n'
    step_2 = '        text: "Starten met ACCELERATE onderzoek als financiering via KWF wordt toegekend"\n        timeframe: "Q4 2025"\n'
    step_3 = '        text: "Mocht financiering via KWF niet toegekend worden, andere financieringsbronnen verkennen"\n'
    assert text.count(step_1) == text.count(step_2) == 1
    issue = '        issues:\n          - kind: missing-in-source\n            note: "Geen termijn op de kaart."\n'
    draft_text = text.replace(step_1, step_1.split("\n")[0] + "\n")  # a timeframe left out
    draft_text = draft_text.replace(step_2, step_2.split("\n")[0] + "\n" + issue)  # the source gives none
    lead_3 = step_3 + '        timeframe: "Q4 2025"\n        lead: [iknl]\n'
    assert draft_text.count(lead_3) == 1
    draft_text = draft_text.replace(lead_3, step_3 + '        timeframe: "Q4 2025"\n')  # no lead
    draft = tmp_path / ACTIVITIES
    draft.write_text(draft_text, encoding="utf-8")
    lines = draft_text.splitlines()

    done = nkc_kg("completeness", "zeldzame-kankers-2025", str(draft), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    [activity] = report["activities"]
    assert activity["number"] == 3
    gaps = {(g["step"]["number"], g["kind"]): g for g in activity["gaps"]}
    assert set(gaps) == {(1, "no-timeframe"), (2, "no-timeframe"), (3, "no-lead")}
    assert gaps[(1, "no-timeframe")]["status"] == "gap"
    assert gaps[(2, "no-timeframe")]["status"] == "not-in-source"
    assert gaps[(2, "no-timeframe")]["reason"]["nl"] == "Geen termijn op de kaart."
    assert gaps[(3, "no-lead")]["status"] == "gap"
    for (step, _), gap in gaps.items():
        assert Path(gap["fix"]["file"]).resolve() == draft.resolve()
        at = lines[gap["fix"]["line"] - 1]
        assert at.strip() == ("- kind: missing-in-source" if step == 2 else f"- number: {step}"), at
        assert [s["label"] for s in gap["source"]] == ["Actieplan Zeldzame Kankers 2025, dia 19"]
    assert report["summary"] | {"info": 0} == {
        "gaps": 2,
        "notInSource": 1,
        "inDevelopment": 0,
        "info": 0,
        "activities": 1,
        "parties": report["summary"]["parties"],
        "undefinedAbbreviations": report["summary"]["undefinedAbbreviations"],
        "unknownAbbreviations": report["summary"]["unknownAbbreviations"],
    }

    english = format_report(report, "en")  # what --lang en prints
    assert f"{gaps[(2, 'no-timeframe')]['fix']['at']}: activity 3, step 2: timeframe [not in the source]" in english
    assert "      Geen termijn op de kaart." in english


def test_mistakes_are_named() -> None:
    unknown = nkc_kg("completeness", "late-gevolgen-2052")
    assert (
        unknown.returncode == 2
        and "unknown plan 'late-gevolgen-2052' (did you mean: late-gevolgen-2025?)" in unknown.stderr
    )
    missing = nkc_kg("completeness", "late-gevolgen-2025", "no-such-draft.yaml")
    assert missing.returncode == 2 and "no such file: no-such-draft.yaml" in missing.stderr
