"""Imported by the server that validation processes are forked from (bounded.py): what every validation needs.

Importing pyshacl, rdflib's parsers and the loaders, and reading the ontology and the shapes, takes
seconds; done once here, each forked validation starts with them in memory.
"""

from __future__ import annotations

import nkc_kg.loaders.rdf_input
import nkc_kg.loaders.workbook.importer
import nkc_kg.service.validate.uploads
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.validation import ontology_graph, shapes_graph

__all__ = ["nkc_kg"]

ontology_graph(Iris().base)
shapes_graph(Iris().base)
