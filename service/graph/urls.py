"""Where the graph's IRIs answer on this service: every IRI under the base dereferences at its path."""

from __future__ import annotations

from nkc_kg.loaders.iris import Iris


def service_path(iri: str, iris: Iris) -> str | None:
    """The path on this service where ``iri`` dereferences, or None for IRIs that are not ours."""
    return "/" + iri[len(iris.base) :] if iri.startswith(iris.base) else None
