"""The command line in a shell pipeline: a reader that has gone away is no reason for a traceback."""

from __future__ import annotations

import subprocess
import sys


def test_listing_into_a_closed_pipe_stops_quietly() -> None:
    listing = subprocess.Popen(
        [sys.executable, "-m", "nkc_kg.service.cli", "queries"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None
    listing.stdout.close()  # `nkc-kg queries | true`: the reader is gone before the first line
    _, errors = listing.communicate(timeout=60)
    assert b"Traceback" not in errors, errors.decode()
    assert listing.returncode == 141  # what a shell reports for a writer stopped by a closed pipe
