"""Validating uploaded data (Turtle, JSON-LD, N-Triples, RDF/XML, a curated YAML file or a plan workbook)
against the SHACL shapes, on a graph of its own built from the shipped curated files plus the upload.

A curated YAML file replaces the shipped file of the same name, as `nkc-kg validate` does; a workbook is read
as `nkc-kg import-xlsx` reads it (results point at its cells). The served graph is never touched.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkc_kg.loaders.paths import DATA_DIR, curated_data_paths

if TYPE_CHECKING:  # pyshacl and the loaders take ~1 s to import: only a validation request pays for that
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.validation import Report

SUFFIX_FOR = {
    "text/turtle": ".ttl",
    "application/ld+json": ".jsonld",
    "application/n-triples": ".nt",
    "application/rdf+xml": ".rdf",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
SAFE_NAME = "upload"
SAFE_FILENAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}$")


def report_json(report: Report) -> dict[str, Any]:
    from nkc_kg.loaders.validation import error_json, source_json

    return {
        "conforms": report.conforms,
        "errors": [error_json(e, Path(e.location.file).name if e.location else None) for e in report.errors],
        "results": [
            r.as_json() | ({"source": source_json(r.location, Path(r.location.file).name)} if r.location else {})
            for r in report.results
        ],
        "notShown": report.elsewhere,
    }


def upload_name(suffix: str, filename: str | None, data_dir: Path = DATA_DIR) -> str:
    """The name validation sees: a YAML file keeps a shipped file's name (it replaces that file), a workbook
    its own name (reports name it); anything else, or an odd name, becomes ``upload<suffix>``."""
    if not filename:
        return SAFE_NAME + suffix
    base = Path(filename.replace("\\", "/")).name
    if suffix == ".yaml" and base in {p.name for p in curated_data_paths(data_dir)}:
        return base
    if suffix == ".xlsx" and base.lower().endswith(".xlsx") and SAFE_FILENAME.match(base):
        return base
    return SAFE_NAME + suffix


def validate_upload(body: bytes, name: str, data_dir: Path, iris: Iris) -> Report:
    """Validate uploaded bytes as the file ``name`` with the curated data of ``data_dir`` (blocking; call it in a
    worker thread)."""
    from nkc_kg.loaders.validation import validate_paths, validate_workbook

    with tempfile.TemporaryDirectory(prefix="nkc-kg-validate-") as folder:
        path = Path(folder) / name
        path.write_bytes(body)
        if name.endswith(".xlsx"):
            return validate_workbook(path, curated_data_paths(data_dir), iris, display=name)
        return validate_paths([path], data_dir, iris)
