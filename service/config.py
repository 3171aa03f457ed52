"""One Settings object, read once from the environment (NKC_KG_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class SettingsError(ValueError):
    """A setting has a value the service cannot use (stops start-up)."""


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if value <= 0:
        raise SettingsError(f"{name}={raw!r} must be positive")
    return value


DATASET_SUFFIXES = (".nq", ".trig")


@dataclass(frozen=True)
class Settings:
    store: str = "embedded"  # embedded | remote (next step)
    endpoint: str | None = None
    query_timeout: float = 10.0  # seconds per SPARQL query
    result_limit: int = 10_000  # rows or triples per SPARQL answer
    upload_limit: int = 16 * 1024 * 1024  # bytes
    sparql_workers: int = 2  # processes answering /sparql queries (killed and replaced at the time limit)
    dataset: Path | None = None  # serve this TriG/N-Quads file instead of building data/ (benchmarks)

    @classmethod
    def from_env(cls) -> Settings:
        store = os.environ.get("NKC_KG_STORE", "embedded")
        if store not in ("embedded",):
            raise SettingsError(f"NKC_KG_STORE={store!r}: only 'embedded' is available in this version")
        dataset = os.environ.get("NKC_KG_DATASET")
        if dataset and not Path(dataset).is_file():
            raise SettingsError(f"NKC_KG_DATASET={dataset!r}: no such file")
        if dataset and Path(dataset).suffix not in DATASET_SUFFIXES:
            raise SettingsError(f"NKC_KG_DATASET={dataset!r}: expected one of {', '.join(DATASET_SUFFIXES)}")
        return cls(
            store=store,
            dataset=Path(dataset) if dataset else None,
            endpoint=os.environ.get("NKC_KG_ENDPOINT"),
            query_timeout=_number("NKC_KG_QUERY_TIMEOUT", 10.0),
            result_limit=int(_number("NKC_KG_RESULT_LIMIT", 10_000)),
            upload_limit=int(_number("NKC_KG_UPLOAD_LIMIT", 16 * 1024 * 1024)),
            sparql_workers=int(_number("NKC_KG_SPARQL_WORKERS", 2)),
        )
