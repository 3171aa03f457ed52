"""RDF files read without reaching anything outside them.

- JSON-LD: rdflib loads a context named by URL (``"@context": "http://…"``, ``"file:///etc/passwd"``,
  ``"@import"``) when it meets one. Uploads are checked for such references before parsing (400
  "remote contexts are not loaded", naming the reference), and rdflib's context loader itself is
  replaced by one that refuses every such load, so no code path fetches a context: the document
  loader of this process loads nothing.
- RDF/XML: a document type declaration is refused before parsing. Without one there are no entities,
  so neither a billion-laughs expansion nor an external entity (a file, a URL) can be declared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml_safely
from rdflib import Graph
from rdflib.plugins.shared.jsonld.context import Context

REMOTE_CONTEXTS = "remote contexts are not loaded"


class RemoteContextRefused(ValueError):
    """A JSON-LD document names a context to load (by URL or path): it is not loaded."""


class DoctypeRefused(ValueError):
    """An RDF/XML document declares a document type (where entities would be declared)."""


def _refuse_context_load(_context: Context, source: str, base: str | None, referenced: set[str]) -> Any:
    raise RemoteContextRefused(f"{REMOTE_CONTEXTS} ({source!r}); put the context in the document itself")


def refuse_remote_contexts() -> None:
    """Make rdflib's JSON-LD context loader refuse every load (idempotent, for the whole process)."""
    Context._fetch_context = _refuse_context_load  # type: ignore[method-assign,assignment]


refuse_remote_contexts()


def remote_context(data: Any) -> str | None:
    """The first context reference (a string under "@context", or an "@import") in a JSON-LD tree, else None."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            if "@import" in value:
                return str(value["@import"])
            context = value.get("@context")
            for entry in context if isinstance(context, list) else [context]:
                if isinstance(entry, str):
                    return entry
            pending.extend(value.values())
    return None


def parse_rdf_file(graph: Graph, path: Path, rdflib_format: str) -> None:
    """Parse ``path`` into ``graph`` (rdflib's format name); refused references raise ValueError subclasses."""
    if rdflib_format == "json-ld":
        text = path.read_text(encoding="utf-8")
        reference = remote_context(json.loads(text))
        if reference is not None:
            raise RemoteContextRefused(f"{REMOTE_CONTEXTS} ({reference!r}); put the context in the document itself")
        graph.parse(data=text, format="json-ld")
        return
    if rdflib_format == "xml":
        try:
            parse_xml_safely(str(path), forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException as exc:
            raise DoctypeRefused(
                f"a document type declaration (DOCTYPE) is not accepted in RDF/XML uploads: {exc}"
            ) from None
    graph.parse(path, format=rdflib_format)
