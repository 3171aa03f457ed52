"""Diff and releases know about progress: `nkc-kg diff FROM TO --progress` lists the status changes
between two reports; a release's dataset holds every report graph and its manifest names them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.releases.publish import graph_sizes
from nkc_kg.service.store.embedded import EmbeddedStore

DRAFT = """\
progress_report:
  id: zeldzame-kankers-2024-2025
  plan: zeldzame-kankers-2024
  title: {nl: "Voortgang van het plan 2024 in 2025"}
  date: "2025-06-30"
  publisher: nkc
observations:
  - {activity: 1, status: afgerond, date: 2025-03-31, done: "Aanvraag gehonoreerd.", evidence: ["https://example.org/besluit"]}
  - {activity: 2, status: loopt, date: 2025-03-31, evidence: ["https://example.org/verslag"]}
  - {activity: 5, status: vervallen, date: 2025-03-31, done: "Opgegaan in ECZA.", evidence: ["https://example.org/verslag"]}
"""


def nkc_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_diff_lists_status_changes_between_two_reports(tmp_path: Path) -> None:
    draft = tmp_path / "voortgang-zeldzame-kankers-2024-2025.yaml"
    draft.write_text(DRAFT, encoding="utf-8")
    done = nkc_kg("diff", "zeldzame-kankers-2024", "zeldzame-kankers-2024-2025", "--progress", "--to-data", str(draft))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Statuswijzigingen zeldzame-kankers-2024 → zeldzame-kankers-2024-2025: 12"
    assert "  ~ 1: loopt (2024-12-31) → afgerond (2025-03-31)" in lines
    assert "  ~ 5: loopt (2024-12-31) → vervallen (2025-03-31)" in lines
    assert "  - 13: loopt (2024-12-31) niet meer gemeld" in lines
    assert not any(line.startswith("  ~ 2:") for line in lines)  # loopt in both
    unknown = nkc_kg("diff", "geen-rapport", "zeldzame-kankers-2024", "--progress")
    assert unknown.returncode == 2 and "unknown progress report 'geen-rapport'" in unknown.stderr


def test_a_release_holds_the_report_graphs(store: EmbeddedStore, iris: Iris) -> None:
    graphs = graph_sizes(store)
    report = str(iris.progress_graph("zeldzame-kankers-2024"))
    assert graphs.get(report, 0) > 13 * 5
