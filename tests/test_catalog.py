from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from labsite.model.content import Announcement, Project
from tests.conftest import FIXTURE_FILES, PROJECT_YML, build_catalog, write_site


def test_urls_follow_slugs_and_listing_pages(tmp_path: Path) -> None:
    write_site(tmp_path)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    assert catalog.errors == [] and catalog.warnings == []
    urls = {(p.key, p.lang): p.url for p in catalog.pages}
    assert urls[("index", "fr")] == "" and urls[("index", "en")] == "en/"
    assert urls[("about", "fr")] == "a-propos/" and urls[("about", "en")] == "en/about/"
    assert urls[("projects/heart-ai", "en")] == "en/projects/heart-ai/"
    assert urls[("news/first-news", "fr")] == "actualites/first-news/"
    about = catalog.page("about", "en")
    assert about is not None and [p.lang for p in catalog.translations(about)] == ["fr", "en"]


def test_items_are_typed_with_facts_written_once(tmp_path: Path) -> None:
    write_site(tmp_path)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    project = catalog.projects["heart-ai"]
    assert isinstance(project, Project)
    assert project.status == "ongoing" and project.start == dt.date(2025, 1, 1)
    assert project.partners == ("aphp-eds", "inria-team") and project.data_sources == ("eds", "pacs")
    assert project.contacts[0].role == {"fr": "Coordinatrice", "en": "Coordinator"}
    assert project.texts["fr"].title == "Cœur & IA <b>" and project.texts["en"].summary == "A project."
    # Both language pages carry the very same item: they cannot disagree on a fact.
    fr, en = catalog.page("projects/heart-ai", "fr"), catalog.page("projects/heart-ai", "en")
    assert fr is not None and en is not None and fr.item is en.item
    news = catalog.announcements["first-news"]
    assert isinstance(news, Announcement) and news.projects == ("heart-ai",)
    assert catalog.partners["aphp-eds"].name["en"] == "Health data warehouse"
    assert catalog.taxonomy.themes["imaging"] == {"fr": "Imagerie", "en": "Imaging"}


def test_drafts_and_future_announcements_are_checked_but_not_published(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/heart-ai/index.yml"] = PROJECT_YML.replace("draft: false", "draft: true")
    for name, text in FIXTURE_FILES.items():
        if name.endswith("index.yml") and isinstance(text, str) and "projects: [heart-ai]" in text:
            files[name] = text.replace("projects: [heart-ai]", "projects: []")
    write_site(tmp_path, files)
    before = build_catalog(tmp_path, today=dt.date(2026, 5, 3))
    assert before.errors == []
    assert before.page("projects/heart-ai", "fr") is None and "heart-ai" not in before.projects
    assert before.page("news/first-news", "fr") is None  # dated 2026-05-04
    on_the_day = build_catalog(tmp_path, today=dt.date(2026, 5, 4))
    assert on_the_day.page("news/first-news", "en") is not None


def test_a_draft_is_still_checked(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/heart-ai/index.yml"] = PROJECT_YML.replace("draft: false", "draft: true").replace(
        "status: ongoing", "status: paused"
    )
    write_site(tmp_path, files)
    errors = [e for e in build_catalog(tmp_path).errors if e.path.startswith("projects/")]
    assert [(e.path, e.line, e.field) for e in errors] == [("projects/heart-ai/index.yml", 2, "status")]


def test_the_catalog_cannot_change_once_made(tmp_path: Path) -> None:
    write_site(tmp_path)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.today = dt.date(2027, 1, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        catalog.projects["new"] = catalog.projects["heart-ai"]  # type: ignore[index]
    assert isinstance(catalog.pages, tuple) and not hasattr(catalog, "memo")
    page = catalog.pages[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.template = "other.html"  # type: ignore[misc]


def test_every_page_is_laid_out_by_its_generator(tmp_path: Path) -> None:
    """Templates, parent listings and cards come with the pages: no table keyed on URLs or keys."""
    write_site(tmp_path)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    for page in catalog.pages:
        if page.source.kind == "generated":
            parent = catalog.page(page.parent, page.lang)
            assert page.template and parent is not None and page.card.kind == parent.title, page.key
            assert page.hide == ("navigation", "toc")
        elif page.item is not None:
            assert page.template in ("project.html", "job.html", "news.html") and page.hide == ("navigation", "toc")
            assert page.key in page.shows and page.card.kind
    layouts = {page.key: page.template for page in catalog.pages_in("fr") if page.source.kind == "content"}
    assert layouts["index"] == "home.html" and layouts["projects"] == "projects.html" and layouts["about"] == ""


def _with_english_slug(root: Path, slug: str, item: str = "projects/heart-ai") -> Path:
    write_site(root)
    page = root / item / "index.en.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("\ntitle:", f"\nslug: {slug}\ntitle:", 1), encoding="utf-8"
    )
    return root


def test_an_items_english_page_may_have_its_own_slug(tmp_path: Path) -> None:
    catalog = build_catalog(_with_english_slug(tmp_path, "heart-and-ai"), today=dt.date(2026, 11, 29))
    assert catalog.errors == []
    english, french = catalog.page("projects/heart-ai", "en"), catalog.page("projects/heart-ai", "fr")
    assert english is not None and english.url == "en/projects/heart-and-ai/"
    assert english.aliases == ("en/projects/heart-ai/",)  # the folder's name leads to it still
    assert french is not None and french.url == "projets/heart-ai/" and french.aliases == ()


@pytest.mark.parametrize(
    ("slug", "message"), [("lung-scan", "already taken by"), ("themes", "reserved"), ("Heart_AI", "slug")]
)
def test_an_english_slug_is_checked_like_a_folder_name(tmp_path: Path, slug: str, message: str) -> None:
    catalog = build_catalog(_with_english_slug(tmp_path, slug), today=dt.date(2026, 11, 29))
    errors = [str(e) for e in catalog.errors]
    # The error is on the page, or (two pages at one URL) names it.
    assert any("projects/heart-ai/index.en.md" in e and message in e for e in errors), errors


def test_a_catalog_amended_keeps_its_lookups(tmp_path: Path) -> None:
    """make_catalog's last step changes only the problems and the timings: nothing to look up again."""
    write_site(tmp_path)
    catalog = build_catalog(tmp_path)
    amended = catalog.amended((), {"check": 1.5})
    assert amended.diagnostics == () and dict(amended.timings) == {"check": 1.5}
    assert catalog.timings != amended.timings and amended.pages is catalog.pages
    assert amended.page("projects/lung-scan", "fr") is catalog.page("projects/lung-scan", "fr")
    assert amended.by_path("projects/lung-scan/index.fr.md") is catalog.by_path("projects/lung-scan/index.fr.md")
