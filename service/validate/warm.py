"""Imported by the server that validation processes are forked from (bounded.py): what every validation needs.

Importing the loaders, the workbook reader and the SHACL engine, and building the shipped files' triples, take
seconds; done once here, each forked validation starts with them in memory. The service's data is validated
once, so that the cache the validations use (loaders/shacl/cache.py, content-addressed: a changed file is a
different key) holds the ontology, the compiled shapes and every file's records and triples. The warm-up reads
and fills the disk cache, so a restart is warm in well under a second; the validations themselves keep to
memory (an upload never writes to the cache).

A forkserver preloads module names only, so this reads the service's settings as `nkc-kg serve` does, from
the environment it inherits (NKC_KG_DATA_DIR, NKC_KG_BASE_IRI, NKC_KG_CACHE_DIR). An app made with other
settings (as the tests make them) validates just as correctly; its validations then build more themselves.
"""

from __future__ import annotations

import gc
import logging

import nkc_kg.loaders.rdf_input
import nkc_kg.loaders.workbook.importer
import nkc_kg.service.validate.uploads
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.shacl.cache import disk_cache, memory_cache
from nkc_kg.loaders.validation import validate_paths
from nkc_kg.service.settings import Settings

__all__ = ["nkc_kg"]


def warm_cache() -> None:
    """Validate the service's data once; a failure costs only time (each validation then builds what it needs)."""
    try:
        settings = Settings.from_env()
        disk = disk_cache(settings.cache_dir)
        validate_paths([], settings.data_dir, Iris(settings.base_iri), cache=disk)
    except Exception:  # broken data or settings are reported by the validation or the service, not here
        logging.getLogger(__name__).warning("warming the validation cache failed", exc_info=True)
        return
    memory_cache().keep(disk)


warm_cache()
# what is loaded now lives as long as this process: the collector of each forked validation need not walk it
# (nor touch, and so copy, its pages)
gc.freeze()
