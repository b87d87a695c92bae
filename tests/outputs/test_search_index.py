"""The search index: the theme's settings kept, every page's entries in the pages' order."""

from __future__ import annotations

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
    data = json.loads(search_index.document(around, PAGES))
    assert data["config"] == SETTINGS
    assert [entry["location"] for entry in data["docs"]] == ["a/", "b/", "b/#s"]
    assert data["docs"][0]["title"] == "Été"


def test_no_index_written_none_made(tmp_path: Path) -> None:
    assert search_index.settings(tmp_path) is None
