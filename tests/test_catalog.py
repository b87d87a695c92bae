from __future__ import annotations

from pathlib import Path

from labsite.catalog import build_catalog
from tests.conftest import FIXTURE_FILES, page, write_site


def test_urls_follow_slugs_and_listing_pages(tmp_path: Path) -> None:
    write_site(tmp_path)
    catalog = build_catalog(tmp_path)
    assert catalog.errors == [] and catalog.warnings == []
    urls = {(p.key, p.lang): p.url for p in catalog.pages}
    assert urls[("index", "fr")] == "" and urls[("index", "en")] == "en/"
    assert urls[("about", "fr")] == "a-propos/" and urls[("about", "en")] == "en/about/"
    assert urls[("projects/heart-ai", "en")] == "en/projects/heart-ai/"
    assert urls[("news/first-news", "fr")] == "actualites/first-news/"
    about = catalog.page("about", "en")
    assert about is not None and [p.lang for p in catalog.translations(about)] == ["fr", "en"]


def test_every_problem_is_collected(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["content/about.fr.md"] = page("À propos", "about-fr", tags="x")
    files["content/about.en.md"] = '---\ntitle: no\nslug: "contact"\n---\n'
    files["content/notes.md"] = "# no language"
    files["projects/Bad_Name/index.fr.md"] = page("X", None)
    files["news/first-news/index.fr.md"] = page("Première", None, type="event")
    write_site(tmp_path, files)
    catalog = build_catalog(tmp_path)
    found = {(d.path, d.line, d.field): d.message for d in catalog.errors}
    assert "unknown field" in found[("content/about.fr.md", 4, "tags")]
    assert "must be text" in found[("content/about.en.md", 2, "title")]
    assert "URL /en/contact/ is already taken by content/about.en.md" in found[("content/contact.en.md", 1, "slug")]
    assert "must end in '.fr.md' or '.en.md'" in found[("content/notes.md", 1, "")]
    assert "not a valid slug" in found[("projects/Bad_Name/index.fr.md", 1, "")]
    assert "must be one of: news, job, call" in found[("news/first-news/index.fr.md", 3, "type")]
