"""The order of names and titles in lists: French readers look for "Étude" beside "Etude", not after "Zoé"."""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=100_000)
def folded(text: str) -> str:
    """The text without accents or case, to sort and compare by: "Lévêque" -> "leveque"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
