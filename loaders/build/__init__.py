"""Curated records -> RDF dataset, one named graph per source document.

Pure record->triples code: every subject it mints is remembered with the
file:line it came from, so SHACL results can point editors at what to fix.
References between files (party ids, plan ids, subgoal numbers) are resolved
here and every unknown one is reported, all at once.

One module per kind of record (:mod:`.reference`, :mod:`.parties`, :mod:`.plans`, :mod:`.activities`,
:mod:`.documents`, :mod:`.progress`), on the shared helpers of :mod:`.core`; :mod:`.registry` is the first pass and
:mod:`.terms` the tables of ontology terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from nkc_kg.loaders.build.core import BuildResult
from nkc_kg.loaders.build.documents import DocumentRecords
from nkc_kg.loaders.build.plans import PlanRecords
from nkc_kg.loaders.build.progress import ProgressRecords
from nkc_kg.loaders.build.registry import Registry
from nkc_kg.loaders.build.terms import PARTY_CLASS, ROLE_TERM, STATUS_TERM
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.progress import ProgressFile
from nkc_kg.loaders.curated.reader import CuratedFile, read_curated
from nkc_kg.loaders.iris import Iris

__all__ = ["PARTY_CLASS", "ROLE_TERM", "STATUS_TERM", "BuildResult", "Builder", "build_from_paths"]


class Builder(Registry, PlanRecords, DocumentRecords, ProgressRecords):
    """Builds the dataset of all curated files: registers every id, then writes file by file."""

    def build(self, files: list[CuratedFile]) -> BuildResult:
        self.result.files = files
        self.register(files)
        ordered = sorted(files, key=lambda cf: not isinstance(cf.record, r.ReferenceFile))
        for cf in ordered:
            self.file = cf.source
            rec = cf.record
            self.document = getattr(rec, "document", None)
            if self.document is not None and self.document not in self.documents:
                self.error(("document",), f"unknown document {self.document!r}; add it to data/sources.yaml")
                continue
            self.use_graph(self.document)
            self.file_issues(getattr(rec, "issues", []))
            if isinstance(rec, r.ReferenceFile):
                self.reference_file(rec)
            elif isinstance(rec, r.PlanFile):
                self.plan_file(rec)
            elif isinstance(rec, ProgressFile):
                self.progress_file(rec)
            else:
                self.document_file(rec)
            for i, party in enumerate(getattr(rec, "parties", [])):
                self.party(party, ("parties", i))
            for i, initiative in enumerate(getattr(rec, "initiatives", [])):
                self.initiative(initiative, ("initiatives", i))
        return self.result

    def file_issues(self, issues: Sequence[r.SourceIssue]) -> None:
        if issues and self.document:
            # several files may describe one document: number their issues per file
            assert self.file is not None
            scope = f"{self.file.path.stem}-"
            self.entity(self.iris.document(self.document), "SourceDocument", ("issues",), None, issues, scope)


def build_from_paths(paths: list[Path], iris: Iris | None = None) -> BuildResult:
    """Read and build; reading problems come first, then unresolved references, each once."""
    read = read_curated(paths)
    result = Builder(iris or Iris()).build(read.files)
    result.errors = read.errors + result.errors
    return result
