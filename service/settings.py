"""One Settings object, read once from the environment (NKC_KG_*): the only reader of NKC_KG_* variables.

Every command reads it at start-up (``nkc-kg`` main) and passes it on: to the app, to the loaders as
plain values (a data folder, a base IRI), to the worker processes of ``serve --workers N`` as an
argument. Nothing writes the environment.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from nkc_kg.loaders.iris import DEFAULT_BASE
from nkc_kg.loaders.paths import DATA_DIR


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


def _folder(name: str) -> Path | None:
    raw = os.environ.get(name)
    if not raw:
        return None
    if not Path(raw).is_dir():
        raise SettingsError(f"{name}={raw!r}: no such folder")
    return Path(raw)


def _base_iri() -> str:
    base = os.environ.get("NKC_KG_BASE_IRI") or DEFAULT_BASE
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(f"NKC_KG_BASE_IRI={base!r}: expected an http(s) IRI without ?query or #fragment")
    return base if base.endswith("/") else base + "/"


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
    data_dir: Path = DATA_DIR  # the curated data the graph is built from (NKC_KG_DATA_DIR, --data)
    base_iri: str = DEFAULT_BASE  # base of the data IRIs (ends in /)
    cache_dir: Path | None = None  # where built datasets are cached; None: build/cache/ of the checkout
    home: Path | None = None  # NKC_KG_HOME: a folder whose data/, releases/ and build/cache/ replace the defaults

    # --- limits on hostile input (SECURITY.md) ---
    query_max_bytes: int = 1024 * 1024  # a client's SPARQL query text, UTF-8 (413 above)
    query_max_depth: int = 64  # brackets nested in a client's query (400 above)
    query_max_tokens: int = 50_000  # tokens of a client's query; bounds every operator chain (400 above)
    validate_concurrency: int = 2  # validations at a time; more get 503 with Retry-After
    validate_timeout: float = 300.0  # seconds per validation, in a process of its own (503 above)
    validate_memory: int = 2048  # MiB of address space per validation process (413 above)
    public_url: str | None = None  # the service's public URL for absolute links (feeds, VoID); None: relative links
    # credentials for a triple store that asks for them (nkc-kg load, the remote store); else netrc
    store_user: str | None = None
    store_password: str | None = field(default=None, repr=False)
    netrc_file: Path | None = None  # NETRC: the netrc file with a store's credentials; None: ~/.netrc

    def with_data_dir(self, folder: Path) -> Settings:
        """These settings reading the curated data of ``folder`` (``--data``)."""
        if not folder.is_dir():
            raise SettingsError(f"--data {folder}: no such folder")
        return dataclasses.replace(self, data_dir=folder)

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
        # NKC_KG_RELEASES need not exist yet (publish creates it); serving checks it
        releases = os.environ.get("NKC_KG_RELEASES") or None
        home = _folder("NKC_KG_HOME")
        data_dir = _folder("NKC_KG_DATA_DIR")
        if data_dir is None and home is not None:
            data_dir = home / "data"
            if not data_dir.is_dir():
                raise SettingsError(f"NKC_KG_HOME={str(home)!r}: it has no data/ folder (or set NKC_KG_DATA_DIR)")
        cache_dir = os.environ.get("NKC_KG_CACHE_DIR") or None
        return cls(
            store=store,
            home=home,
            data_dir=data_dir or DATA_DIR,
            cache_dir=Path(cache_dir) if cache_dir else (home / "build" / "cache" if home else None),
            base_iri=_base_iri(),
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
            # --- limits on hostile input (SECURITY.md) ---
            query_max_bytes=int(_number("NKC_KG_QUERY_MAX_BYTES", 1024 * 1024, minimum_inclusive=1)),
            query_max_depth=int(_number("NKC_KG_QUERY_MAX_DEPTH", 64, minimum_inclusive=1)),
            query_max_tokens=int(_number("NKC_KG_QUERY_MAX_TOKENS", 50_000, minimum_inclusive=1)),
            validate_concurrency=int(_number("NKC_KG_VALIDATE_CONCURRENCY", 2, minimum_inclusive=1)),
            validate_timeout=_number("NKC_KG_VALIDATE_TIMEOUT", 300.0),
            validate_memory=int(_number("NKC_KG_VALIDATE_MEMORY", 2048, minimum_inclusive=256)),
            public_url=_public_url(),
            # --- the triple store's credentials (nkc-kg load, the remote store) ---
            store_user=os.environ.get("NKC_KG_STORE_USER") or None,
            store_password=os.environ.get("NKC_KG_STORE_PASSWORD") or None,
            netrc_file=Path(os.environ["NETRC"]) if os.environ.get("NETRC") else None,
        )


def _public_url() -> str | None:
    """NKC_KG_PUBLIC_URL: where clients reach the service (https://kg.example.nl); links never come from Host."""
    raw = os.environ.get("NKC_KG_PUBLIC_URL") or None
    if raw is None:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(f"NKC_KG_PUBLIC_URL={raw!r}: expected an http:// or https:// URL without query")
    return raw.rstrip("/")
