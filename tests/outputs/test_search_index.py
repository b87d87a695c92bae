"""The search index: the theme's settings kept, every page's entries in the pages' order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labsite.outputs import search_index

SETTINGS = {
    "lang": ["fr"],
    "separator": "[\\s\\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}},
}
PAGES = [
    search_index.entries([{"location": "a/", "title": "Été", "text": "<p>Un « texte »</p>"}]),
    "[]",  # a page with no entries
    search_index.entries(
        [{"location": "b/", "title": "B", "text": ""}, {"location": "b/#s", "title": "S", "text": "x"}]
    ),
]


@pytest.mark.parametrize(
    "written",
    [
        # As Material writes it: the settings read from the start, the entries never decoded.
        lambda data: json.dumps(data, separators=(",", ":")),
        # Written otherwise (spaces, settings after the entries, not ASCII): read whole.
        lambda data: json.dumps(data, indent=1),
        lambda data: json.dumps({"docs": data["docs"], "config": data["config"]}, separators=(",", ":")),
        lambda data: json.dumps(data, separators=(",", ":"), ensure_ascii=False),
    ],
)
def test_the_settings_kept_and_the_pages_entries_in_order(tmp_path: Path, written) -> None:
    index = tmp_path / search_index.INDEX
    index.parent.mkdir()
    old = [{"location": "old/", "title": "Ancienne", "text": "é" * 70_000}]  # longer than what is read first
    index.write_text(written({"config": SETTINGS, "docs": old}), encoding="utf-8")
    search_index.rewrite(tmp_path, PAGES)
    data = json.loads(index.read_bytes())
    assert data["config"] == SETTINGS
    assert [entry["location"] for entry in data["docs"]] == ["a/", "b/", "b/#s"]
    assert data["docs"][0]["title"] == "Été"


def test_no_index_written_none_made(tmp_path: Path) -> None:
    search_index.rewrite(tmp_path, PAGES)
    assert not (tmp_path / search_index.INDEX).exists()


def test_an_index_as_material_writes_it_is_not_decoded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its entries, every page's text, are never decoded: only the settings before them."""
    index = tmp_path / search_index.INDEX
    index.parent.mkdir()
    index.write_text(json.dumps({"config": SETTINGS, "docs": []}, separators=(",", ":")), encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole index decoded")

    monkeypatch.setattr(json, "loads", refused)
    search_index.rewrite(tmp_path, PAGES)
    monkeypatch.undo()
    assert json.loads(index.read_bytes())["config"] == SETTINGS
