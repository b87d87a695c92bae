"""A preview's rebuild takes the items whose files are unchanged as the last one checked them:
the same catalog and problems as reading them all, and an edited item checked again."""

from __future__ import annotations

from pathlib import Path

import pytest

from labsite.build.catalog import make_catalog
from labsite.build.preview import stamps
from labsite.common import clock
from labsite.sources import item_memo, load
from tests.conftest import EVENT_FILES, FIXTURE_FILES, PEOPLE_FILES, write_site


def test_only_the_items_whose_files_changed_are_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES}
    files["news/first-news/index.yml"] = str(files["news/first-news/index.yml"]) + "colour: blue\n"  # an error
    write_site(tmp_path, files)
    checked: list[str] = []
    real_item, real_person = load.load_item, load.load_person
    monkeypatch.setattr(load, "load_item", lambda root, key, *rest: checked.append(key) or real_item(root, key, *rest))
    monkeypatch.setattr(
        load, "load_person", lambda root, key, *rest: checked.append(key) or real_person(root, key, *rest)
    )
    today = clock.today()

    def rebuild() -> tuple[object, list[str]]:
        checked.clear()
        catalog = make_catalog(tmp_path, today, files=stamps(tmp_path))
        return catalog, list(checked)

    first, read = rebuild()
    assert "projects/lung-scan" in read and "people/ada-martin" in read
    again, read = rebuild()
    assert read == []
    assert again.diagnostics == first.diagnostics  # the unchanged item's error is reported still
    assert {d.path for d in again.errors} == {"news/first-news/index.yml"}
    assert repr(again.pages) == repr(first.pages)

    data = tmp_path / "projects/lung-scan/index.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("status: completed", "status: finished"), encoding="utf-8")
    edited, read = rebuild()
    assert read == ["projects/lung-scan"]
    assert edited.diagnostics == make_catalog(tmp_path, today).diagnostics  # as a build that reads them all
    assert {d.path for d in edited.errors} == {"news/first-news/index.yml", "projects/lung-scan/index.yml"}

    (tmp_path / "projects/lung-scan/notes.txt").write_text("a file added to the folder", encoding="utf-8")
    assert rebuild()[1] == ["projects/lung-scan"]
    for name in ("index.yml", "index.fr.md", "index.en.md"):
        (tmp_path / "news/first-news" / name).unlink()
    _, read = rebuild()
    assert read == [] and "news/first-news" not in item_memo._KEPT  # a removed item is forgotten
