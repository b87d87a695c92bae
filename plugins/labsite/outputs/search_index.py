"""The theme's search index (``search/search_index.json``, as Material writes it: its settings
and a list of entries, a page's sections each) with the entries of every page, in the pages'
order: the build renders only some pages and keeps the others' entries (labsite.build.page_cache)."""

from __future__ import annotations

import json
from pathlib import Path

INDEX = "search/search_index.json"


def rewrite(site_dir: Path, entries: list[dict]) -> None:
    """Replace the entries of the index the theme wrote into ``site_dir``, if it wrote one."""
    path = site_dir / INDEX
    if path.is_file():
        data = json.loads(path.read_bytes())
        data["docs"] = entries
        path.write_bytes(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
