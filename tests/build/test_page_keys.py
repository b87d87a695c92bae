"""The items' digests are the same in every language: passes of one process share them."""

from __future__ import annotations

from pathlib import Path

from labsite.build.page_keys import PageKeys
from labsite.model.site import Site
from tests.conftest import EVENT_FILES, FIXTURE_FILES, PEOPLE_FILES, build_catalog, write_site


def test_keys_made_with_the_other_languages_item_digests_are_the_same(tmp_path: Path) -> None:
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES})
    catalog = build_catalog(tmp_path)
    site = Site("https://lab.example.org/", {"fr": "Labo", "en": "Lab"}, ("index",), ())
    shared: dict[str, bytes] = {}
    for lang in ("fr", "en"):
        pages = catalog.pages_in(lang)
        alone = PageKeys(catalog, site, lang, b"code", {})
        together = PageKeys(catalog, site, lang, b"code", shared)
        assert [together.key(page) for page in pages] == [alone.key(page) for page in pages]
    assert {"projects/lung-scan", "people/ada-martin", "news/first-news"} <= shared.keys()
