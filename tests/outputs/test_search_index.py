"""The search index: the theme's settings kept, every page's entries in the pages' order."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from labsite.outputs import search_index

SETTINGS = {"lang": ["fr"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]}
PAGES = [
    search_index.entries([{"location": "a/", "title": "Été", "text": "<p>Un « texte »</p>"}]),
    "[]",  # a page with no entries
    search_index.entries([{"location": "b/", "title": "B", "text": ""}, {"location": "b/#s", "title": "S"}]),
]


def test_the_settings_kept_and_the_pages_entries_in_order(tmp_path: Path) -> None:
    index = tmp_path / search_index.INDEX
    index.parent.mkdir()
    old = [{"location": "old/", "title": "Ancienne", "text": ""}]  # Material's: the pages' replace them
    index.write_text(json.dumps({"config": SETTINGS, "docs": old}, separators=(",", ":")), encoding="utf-8")
    around = search_index.settings(tmp_path)
    assert around is not None
    index.write_bytes(b"written again")
    linked = tmp_path / "linked"
    linked.hardlink_to(index)  # a preview's folder holds links to cache entries: the index is a new file
    digest = search_index.write(index, around, PAGES, digest=True)
    assert linked.read_bytes() == b"written again"
    assert digest == hashlib.sha256(index.read_bytes()).hexdigest()
    data = json.loads(index.read_bytes())
    assert data["config"] == SETTINGS
    assert [entry["location"] for entry in data["docs"]] == ["a/", "b/", "b/#s"]
    assert data["docs"][0]["title"] == "Été"


def test_no_index_written_none_made(tmp_path: Path) -> None:
    assert search_index.settings(tmp_path) is None
