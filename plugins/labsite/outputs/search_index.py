"""The theme's search index (``search/search_index.json``, as Material writes it: its settings
and a list of entries, a page's sections each) with the entries of every page, in the pages'
order: the build renders only some pages and keeps the others' entries (labsite.build.page_cache).

A page's entries are kept as the JSON text the index holds them in, and the index is put
together from those texts: decoding and encoding again every page's entries took half a
second a language on a large site. The index made is itself kept in the page cache, under the
pages' keys (labsite.build.page_keys): a build where no page changed writes none.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from pathlib import Path

INDEX = "search/search_index.json"


def entries(found: list[dict]) -> str:
    """A page's entries, as the index writes them (as Material writes the index)."""
    return json.dumps(found, separators=(",", ":"), default=str)


def is_entries(text: str) -> bool:
    """Whether a text kept for a page can stand for its entries (a JSON list)."""
    return text.startswith("[") and text.endswith("]")


def settings(site_dir: Path) -> tuple[bytes, bytes] | None:
    """The index the theme wrote into ``site_dir`` around its entries (its settings), or None
    if it wrote none."""
    path = site_dir / INDEX
    if not path.is_file():
        return None
    data = json.loads(path.read_bytes())  # Material's settings; the entries are ours (taken from it)
    marker = f"labsite-{secrets.token_hex(8)}"  # where the entries go: a text no setting holds
    data["docs"] = marker
    before, after = json.dumps(data, separators=(",", ":"), default=str).split(json.dumps(marker))
    return before.encode(), after.encode()


def document(around: tuple[bytes, bytes], pages: Iterable[str]) -> bytes:
    """The index: the theme's settings ``around`` the pages' entries (texts made by ``entries``)."""
    docs = ",".join(text[1:-1] for text in pages if text != "[]")
    return b"%b[%b]%b" % (around[0], docs.encode(), around[1])
