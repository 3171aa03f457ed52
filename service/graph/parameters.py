"""Checks of the keys and numbers clients put in paths and parameters, before anything is looked up."""

from __future__ import annotations

import re

from nkc_kg.service.graph.plan_data import BadParameter

MAX_KEY_LENGTH = 200


def parse_number(name: str, value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,6}", value):
        raise BadParameter(name, f"expected a whole number, got {value[:50]!r}")
    return int(value)


def checked_key(name: str, value: str) -> str:
    if len(value) > MAX_KEY_LENGTH or "\x00" in value:
        raise BadParameter(name, f"not a valid {name} (at most {MAX_KEY_LENGTH} characters, no NUL)")
    return value
