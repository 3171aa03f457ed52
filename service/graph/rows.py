"""Reading one value of a SPARQL answer row: the variable may be unbound (None), any term becomes a Python value."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.term import Node

RowLike = Mapping[str, Node]


def text(row: RowLike, key: str) -> str | None:
    """The value as a string (an IRI or a literal's lexical form); None when unbound."""
    value = row.get(key)
    return None if value is None else str(value)


def integer(row: RowLike, key: str) -> int | None:
    """The value as a whole number; None when unbound or not a number."""
    value = row.get(key)
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def boolean(row: RowLike, key: str) -> bool | None:
    """True for 'true' or '1' (xsd:boolean's lexical forms), False otherwise; None when unbound."""
    value = row.get(key)
    return None if value is None else str(value).lower() in ("true", "1")


def flag(row: RowLike, key: str) -> bool:
    """Like :func:`boolean`, an unbound value counting as False."""
    return bool(boolean(row, key))
