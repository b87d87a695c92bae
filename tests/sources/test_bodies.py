"""A preview's rebuild takes the bodies whose check looked only at their text, the pages
published and the sources, as the last rebuild checked them: the same problems as checking
them all, every time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from labsite.build.catalog import make_catalog
from labsite.build.preview import stamps
from labsite.common import clock
from labsite.sources import bodies
from tests.conftest import FIXTURE_FILES, item_page, write_site


def test_a_body_is_checked_again_when_its_text_the_pages_or_what_it_looked_at_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = dict(FIXTURE_FILES)
    # Links to a page (its text and the pages alone say whether it holds), to a page's anchor
    # and to an image (another page's headings and the files say): only the first is taken.
    files["projects/lung-scan/index.fr.md"] = item_page("Scanner", "Lire.", "Voir [cœur](../heart-ai/index.fr.md).")
    files["projects/icu-flow/index.fr.md"] = item_page(
        "Flux", "Idée.", "Voir [la suite](../lung-scan/index.fr.md#suite)."
    )
    write_site(tmp_path, files)
    monkeypatch.setattr(bodies, "_CHECKED", {})
    checked: list[str] = []
    check = bodies._check_links
    monkeypatch.setattr(bodies, "_check_links", lambda path, *rest: checked.append(path) or check(path, *rest))
    today = clock.today()

    def rebuild() -> list[str]:
        every = make_catalog(tmp_path, today).diagnostics  # checking every body
        checked.clear()
        assert make_catalog(tmp_path, today, files=stamps(tmp_path)).diagnostics == every
        return sorted(set(checked))

    assert "projects/lung-scan/index.fr.md" in rebuild()
    again = rebuild()
    assert "projects/lung-scan/index.fr.md" not in again and "news/first-news/index.fr.md" not in again
    assert "projects/icu-flow/index.fr.md" in again  # an anchor: the other page's headings may have changed
    assert "news/award/index.fr.md" in again  # an image: it may be gone
    text = tmp_path / "projects/lung-scan/index.fr.md"
    text.write_text(text.read_text(encoding="utf-8").replace("[cœur]", "[le cœur]"), encoding="utf-8")
    assert "projects/lung-scan/index.fr.md" in rebuild()  # its text changed
    assert "projects/lung-scan/index.fr.md" not in rebuild()
    shutil.rmtree(tmp_path / "projects/heart-ai")  # what it links to is gone: every body is checked again
    assert "projects/lung-scan/index.fr.md" in rebuild() and "content/about.fr.md" in checked
