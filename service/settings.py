"""One Settings object, read once from the environment (NKC_KG_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


class SettingsError(ValueError):
    """A setting has a value the service cannot use (stops start-up)."""


def _number(name: str, default: float, minimum_inclusive: float | None = None) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if minimum_inclusive is not None:
        if value < minimum_inclusive or value != int(value):
            raise SettingsError(f"{name}={raw!r} must be a whole number from {minimum_inclusive:g}")
    elif value <= 0:
        raise SettingsError(f"{name}={raw!r} must be positive")
    return value


def _flag(name: str) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw in ("1", "true", "yes"):
        return True
    raise SettingsError(f"{name}={raw!r}: expected 1/true/yes or 0/false/no")


DATASET_SUFFIXES = (".nq", ".trig")
STORES = ("embedded", "remote")
ENDPOINT_CLIENTS = ("httpx", "sparqlwrapper")


@dataclass(frozen=True)
class Settings:
    store: str = "embedded"  # embedded | remote
    endpoint: str | None = None  # SPARQL 1.1 query endpoint of the remote store
    endpoint_client: str = "httpx"  # httpx (keep-alive pool) | sparqlwrapper (a connection per query)
    endpoint_union: bool = False  # the endpoint's default graph already is the union of its named graphs
    query_timeout: float = 10.0  # seconds per SPARQL query
    result_limit: int = 10_000  # rows or triples per SPARQL answer
    upload_limit: int = 16 * 1024 * 1024  # bytes
    # processes answering /sparql queries (killed and replaced at the time limit); 0: in-process,
    # for graphs too big to copy per worker (a runaway query then keeps its thread busy)
    sparql_workers: int = 2
    dataset: Path | None = None  # serve this TriG/N-Quads file instead of building data/ (benchmarks)
    # keep the embedded store on disk here (built once per dataset, opened read-only): for large graphs
    store_dir: Path | None = None
    releases: Path | None = None  # serve the current release of this folder (nkc-kg publish); None: build data/
    release_poll: float = 2.0  # seconds between looks at releases/current while serving releases

    @classmethod
    def from_env(cls) -> Settings:
        store = os.environ.get("NKC_KG_STORE", "embedded")
        if store not in STORES:
            raise SettingsError(f"NKC_KG_STORE={store!r}: expected one of {', '.join(STORES)}")
        endpoint = os.environ.get("NKC_KG_ENDPOINT") or None
        if store == "remote" and not endpoint:
            raise SettingsError(
                "NKC_KG_STORE=remote needs NKC_KG_ENDPOINT, the SPARQL query endpoint (e.g. http://127.0.0.1:7878/query)"
            )
        if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
            raise SettingsError(f"NKC_KG_ENDPOINT={endpoint!r}: expected an http:// or https:// URL")
        client = os.environ.get("NKC_KG_ENDPOINT_CLIENT", "httpx")
        if client not in ENDPOINT_CLIENTS:
            raise SettingsError(f"NKC_KG_ENDPOINT_CLIENT={client!r}: expected one of {', '.join(ENDPOINT_CLIENTS)}")
        dataset = os.environ.get("NKC_KG_DATASET")
        if dataset and not Path(dataset).is_file():
            raise SettingsError(f"NKC_KG_DATASET={dataset!r}: no such file")
        if dataset and Path(dataset).suffix not in DATASET_SUFFIXES:
            raise SettingsError(f"NKC_KG_DATASET={dataset!r}: expected one of {', '.join(DATASET_SUFFIXES)}")
        releases = os.environ.get("NKC_KG_RELEASES") or None
        if releases and not Path(releases).is_dir():
            raise SettingsError(f"NKC_KG_RELEASES={releases!r}: no such folder (nkc-kg publish creates it)")
        return cls(
            store=store,
            releases=Path(releases) if releases else None,
            release_poll=_number("NKC_KG_RELEASE_POLL", 2.0),
            dataset=Path(dataset) if dataset else None,
            store_dir=Path(os.environ["NKC_KG_STORE_DIR"]) if os.environ.get("NKC_KG_STORE_DIR") else None,
            endpoint=endpoint,
            endpoint_client=client,
            endpoint_union=_flag("NKC_KG_ENDPOINT_UNION"),
            query_timeout=_number("NKC_KG_QUERY_TIMEOUT", 10.0),
            result_limit=int(_number("NKC_KG_RESULT_LIMIT", 10_000)),
            upload_limit=int(_number("NKC_KG_UPLOAD_LIMIT", 16 * 1024 * 1024)),
            sparql_workers=int(_number("NKC_KG_SPARQL_WORKERS", 2, minimum_inclusive=0)),
        )
