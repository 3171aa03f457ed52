"""What people type, folded for matching: case, accents and hyphens do not count."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive key ('Patiëntenplatform' ~ 'patientenplatform')."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("-", " ").split())
