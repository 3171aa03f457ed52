"""The served graph: the store loaded from the settings, its named queries, entity index and SPARQL answerer.

``load_service`` is what ``create_app`` (app.py) and the release server load before anything is served;
the routers reach the result through their dependencies (web/deps.py).
"""

from __future__ import annotations

import atexit
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import NamedQuery, load_catalog
from nkc_kg.service.graph.dataset import CuratedDataError, load_curated
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.settings import Settings
from nkc_kg.service.store.embedded import EmbeddedStore, QueryDataset, Store
from nkc_kg.service.store.pool import QueryPool

# The SPARQL worker processes start this long after the service (or at the first query): starting
# them at once costs start-up a quarter of a second on two cores.
WORKER_START_DELAY = 2.0


class SparqlAnswerer(Protocol):
    def answer(
        self,
        sparql: str,
        media_type: str | None,
        limit: int,
        timeout: float,
        dataset: QueryDataset | None = None,
        base: str | None = None,
    ) -> tuple[bytes, str]: ...


@dataclass
class Service:
    settings: Settings
    iris: Iris
    store: Store
    catalog: dict[str, NamedQuery]
    index: EntityIndex
    started_in: float
    # answers clients' /sparql queries: worker processes that can be killed at the time limit,
    # or the store itself (remote stores have their own limits; tests)
    sparql: SparqlAnswerer | None = None

    @property
    def sparql_answerer(self) -> SparqlAnswerer:
        return self.sparql or self.store


def load_service(settings: Settings) -> Service:
    """Load the graph: the curated data (built, or read from the build cache), a dataset file, or
    a remote store. Broken curated data stops start-up with every error at file:line; an unusable
    remote store raises StoreUnavailable saying why."""
    began = time.perf_counter()
    iris = Iris(settings.base_iri)
    store: Store
    snapshot: Path | None = None
    if settings.store == "remote":
        from nkc_kg.service.store.remote import RemoteStore

        assert settings.endpoint, "Settings.from_env requires NKC_KG_ENDPOINT for the remote store"
        store = RemoteStore.connect(
            settings.endpoint,
            timeout=settings.query_timeout,
            client=settings.endpoint_client,
            union_default_graph=settings.endpoint_union,
            user=settings.store_user,
            password=settings.store_password,
            graph_namespace=str(iris.graph("")),
            netrc_file=settings.netrc_file,
        )
    elif settings.dataset is not None and settings.store_dir is not None:
        store = EmbeddedStore.on_disk(settings.dataset, settings.store_dir)
        snapshot = store.location
    elif settings.dataset is not None:
        store = EmbeddedStore.from_file(settings.dataset)
        snapshot = settings.dataset
    else:
        try:
            store, snapshot = load_curated(iris, settings.data_dir, settings.cache_dir)
        except CuratedDataError as exc:
            raise SystemExit(str(exc)) from None
        if settings.store_dir is not None:
            store = EmbeddedStore.on_disk(snapshot or _snapshot(store), settings.store_dir)
            snapshot = store.location
    # The query workers need a file to load or an on-disk store to open; the remote store's endpoint
    # enforces the time limit itself (HTTP time-out); with no workers, queries run in-process, in
    # abandoned threads at the limit.
    sparql = None
    if isinstance(store, EmbeddedStore) and settings.sparql_workers > 0:
        sparql = QueryPool(snapshot or _snapshot(store), settings.sparql_workers, start_after=WORKER_START_DELAY)
    catalog = load_catalog(QUERIES_DIR)
    index = EntityIndex.build(store, iris)
    return Service(settings, iris, store, catalog, index, time.perf_counter() - began, sparql)


def _snapshot(store: EmbeddedStore) -> Path:
    """The built dataset as an N-Quads file for the query workers, removed when the service exits."""
    handle, name = tempfile.mkstemp(prefix="nkc-kg-", suffix=".nq")
    with os.fdopen(handle, "wb") as out:
        out.write(store.dump("nq")[0])
    atexit.register(Path(name).unlink, missing_ok=True)
    return Path(name)
