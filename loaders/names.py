"""How names are compared: what people type against what the data writes."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive key ('Patiëntenplatform' ~ 'patientenplatform')."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("-", " ").split())


def words(text: str) -> list[str]:
    """The folded words of a text, letters and digits only ('Q4-2025, Patiënt' -> q4, 2025, patient)."""
    return re.findall(r"[a-z0-9]+", fold(text))
