"""What every ``nkc-kg`` command shares: its exit status, ``fail()`` and the ``--data`` option.

It lives in the loaders because the draft command (a loader) is one of the commands, and the
loaders never import the service.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OK = 0
FAILED = 1  # the command ran and found problems, or could not do its work (the data does not build, a store refused)
USAGE = 2  # the command was called wrongly: a bad argument or setting, a missing input, an unknown name (as argparse)

EXIT_STATUS = """\
exit status (every command):
  0  done (a check found nothing to fix)
  1  a check found problems, or the command could not do its work (every problem is listed, with file:line)
  2  usage or input error: a bad argument or setting, a missing file or folder, an unknown plan, query or version
"""


def fail(message: str, code: int) -> int:
    """Say why on stderr; the command returns the result as its exit status (``FAILED`` or ``USAGE``)."""
    print(f"nkc-kg: {message}", file=sys.stderr)
    return code


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """``--data DIR``: the curated-data folder the command reads (else NKC_KG_DATA_DIR, else the shipped data)."""
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="the curated-data folder to read (default: NKC_KG_DATA_DIR, else the shipped data/)",
    )
