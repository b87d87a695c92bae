"""`labsite serve` in Chromium: each kind of edit shows, after the automatic reload, on every
page it affects; while the sources have an error, pages show it at once, and the preview
recovers by itself when it is fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import write_site
from tests.mkdocs_adapter.test_serve import preview, wait_for


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    write_site(tmp_path)
    with preview(tmp_path) as base:
        assert wait_for(base + "en/about/", "platypus", 120), "the preview never started"
        yield tmp_path, base


def _edit(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, old
    (root / path).write_text(text.replace(old, new), encoding="utf-8")


def _shows(tab, url: str, text: str) -> None:
    """Open ``url`` (the page reloads itself after an edit) and wait until it shows ``text``."""
    tab.goto(url)
    try:
        tab.wait_for_function("text => document.body.innerText.includes(text)", arg=text, timeout=30_000)
    except Exception:  # Playwright's time-out says neither the page nor the text
        raise AssertionError(f"{url} never showed {text!r}") from None


EDITS = [
    # (the file, old, new, the text that must show, the pages it must show on)
    (  # an item's facts
        "projects/heart-ai/index.yml",
        "acronym: HAI",
        "acronym: HAIKU",
        "HAIKU",
        ["projets/heart-ai/", "en/projects/heart-ai/", "projets/", "en/projects/", "projets/themes/imaging/"],
    ),
    (  # an item's text
        "projects/heart-ai/index.en.md",
        "A project.",
        "A project about hearts.",
        "A project about hearts.",
        ["en/projects/heart-ai/", "en/projects/"],
    ),
    (  # a registry
        "data/partners.yml",
        "name: Équipe Inria",
        "name: Équipe Inria Saclay",
        "Équipe Inria Saclay",
        ["projets/heart-ai/", "partenaires/", "partenaires/inria-team/", "projets/lung-scan/"],
    ),
    ("content/about.fr.md", "ornithorynque", "échidné", "échidné", ["a-propos/"]),  # a content page
    (  # a news item's facts, shown on its pages, the news listing and the project it cites
        "news/first-news/index.yml",
        "date: 2026-05-04",
        "date: 2026-05-05",
        "5 mai 2026",
        ["actualites/first-news/", "actualites/", "actualites/2026/", "projets/heart-ai/"],
    ),
]


def test_every_kind_of_edit_shows_on_every_page_it_affects(served: tuple[Path, str], browser) -> None:
    root, base = served
    tab = browser.new_page()
    for path, old, new, text, pages in EDITS:
        _edit(root, path, old, new)
        for page in pages:
            _shows(tab, base + page, text)
    # An image: given to the project, then replaced by another with the same name.
    Image.new("RGB", (40, 20), "red").save(root / "projects/heart-ai/cover.png")
    for lang, alt in (("fr", "Un cœur"), ("en", "A heart")):
        _edit(root, f"projects/heart-ai/index.{lang}.md", "\n---\n", f'\nimage_alt: "{alt}"\n---\n')
    _edit(root, "projects/heart-ai/index.yml", "acronym: HAIKU", "acronym: HAIKU\nimage: cover.png")
    cover = "document.querySelector('.ls-cover img')"  # a rendition of it: made again when it changes
    for width in (40, 64):
        if width == 64:
            Image.new("RGB", (64, 20), "blue").save(root / "projects/heart-ai/cover.png")
        for page in ("projets/heart-ai/", "en/projects/heart-ai/"):
            tab.goto(base + page)
            tab.wait_for_function(
                # The rendition of that width (naturalWidth is scaled by srcset's sizes)
                f"() => {cover} && {cover}.complete && {cover}.currentSrc.endsWith('-{width}.avif')",
                timeout=30_000,
            )
    tab.close()


def test_errors_show_at_once_and_the_preview_recovers(served: tuple[Path, str], browser) -> None:
    root, base = served
    tab = browser.new_page()
    tab.goto(base + "projets/heart-ai/")
    _edit(root, "projects/heart-ai/index.yml", "status: ongoing", "status: ongoin")
    tab.wait_for_function("() => document.body.innerText.includes(\"did you mean 'ongoing'\")", timeout=30_000)
    assert "projects/heart-ai/index.yml:2:9" in tab.locator("pre").inner_text()
    tab.goto(base + "en/about/", timeout=5_000)  # every page, at once
    assert "The site cannot be built" in tab.locator("h1").inner_text()
    _edit(root, "projects/heart-ai/index.yml", "status: ongoin", "status: ongoing")
    tab.wait_for_function("() => document.body.innerText.includes('platypus')", timeout=30_000)
    tab.close()
