"""The theme's search index (``search/search_index.json``, as Material writes it: its settings
and a list of entries, a page's sections each) with the entries of every page, in the pages'
order: the build renders only some pages and keeps the others' entries (labsite.build.page_cache).

A page's entries are kept as the JSON text the index holds them in, and the index is put
together from those texts: decoding and encoding again every page's entries took half a
second a language on a large site. The index made is itself kept in the page cache, under the
pages' keys (labsite.build.page_keys): a build where no page changed writes none.
"""

from __future__ import annotations

import hashlib
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


def write(target: Path, around: tuple[bytes, bytes], pages: Iterable[str], *, digest: bool = False) -> str | None:
    """Write the index at ``target`` as a new file: the theme's settings ``around`` the pages'
    entries (texts made by ``entries``); with ``digest``, returns its sha256. Written piece by
    piece: putting the whole index together first (20 MB a language on the benchmark's corpus)
    took twice as long."""
    hashed = hashlib.sha256() if digest else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # a preview's folder may hold a link to a cache entry there
    with target.open("wb") as out:

        def put(data: bytes) -> None:
            if hashed is not None:
                hashed.update(data)
            out.write(data)

        put(around[0] + b"[")
        first = True
        for text in pages:
            if text != "[]":
                put(text[1:-1].encode("ascii") if first else b"," + text[1:-1].encode("ascii"))
                first = False
        put(b"]" + around[1])
    return hashed.hexdigest() if hashed is not None else None
