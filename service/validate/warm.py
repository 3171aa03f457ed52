"""Imported by the server that validation processes are forked from (bounded.py): what every validation needs.

Importing the loaders, the workbook reader and the SHACL engine, and building the shipped files' triples, take
seconds; done once here, each forked validation starts with them in memory. The shipped data is validated
once, so that the cache the validations use (loaders/shacl/cache.py, content-addressed: a changed file is a
different key) holds the ontology, the compiled shapes and every file's records and triples. The warm-up reads
and fills the disk cache, so a restart is warm in well under a second; the validations themselves keep to
memory (an upload never writes a file). Which data, base IRI and cache folder to warm comes from the
environment (bounded.py sets it): a forkserver preloads module names only.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

import nkc_kg.loaders.rdf_input
import nkc_kg.loaders.workbook.importer
import nkc_kg.service.validate.uploads
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.loaders.shacl.cache import disk_cache, memory_cache
from nkc_kg.loaders.validation import validate_paths
from nkc_kg.service.validate.bounded import WARM_BASE, WARM_CACHE_DIR, WARM_DATA_DIR

__all__ = ["nkc_kg"]


def warm_cache() -> None:
    """Validate the shipped data once; a failure costs only time (each validation then builds what it needs)."""
    base = os.environ.get(WARM_BASE) or Iris().base
    data_dir = Path(os.environ.get(WARM_DATA_DIR) or DATA_DIR)
    cache_dir = os.environ.get(WARM_CACHE_DIR)
    disk = disk_cache(Path(cache_dir) if cache_dir else None)
    try:
        validate_paths([], data_dir, Iris(base), cache=disk)
    except Exception:  # broken data is reported to the editor by the validation itself, not here
        logging.getLogger(__name__).warning("warming the validation cache failed", exc_info=True)
    memory_cache().keep(disk)


warm_cache()
# what is loaded now lives as long as this process: the collector of each forked validation need not walk it
# (nor touch, and so copy, its pages)
gc.freeze()
