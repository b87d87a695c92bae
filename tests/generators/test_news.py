"""The news section: newest first, pages of ten at stable URLs, years and tags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from labsite.generators import news
from labsite.model.catalog import Catalog
from labsite.outputs import feeds
from tests.conftest import FIXTURE_FILES, build_catalog, item_page, write_site


def all_rows(catalog: Catalog, lang: str) -> tuple[news.NewsRow, ...]:
    """Every news item of a language's listing, newest first: the rows of its numbered pages."""
    first = news.listing(catalog, lang)
    return tuple(row for number, _ in first.pages for row in news.listing(catalog, lang, number).rows)


def with_news(root: Path, n: int, step: int = 30) -> Catalog:
    files = dict(FIXTURE_FILES)
    for i in range(n):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=step * i)
        files[f"news/n{i:02d}/index.yml"] = (
            f"type: news\ndate: {day.isoformat()}\ntags: [{('event', 'recruitment')[i % 2]}]\ndraft: false\n"
        )
        files[f"news/n{i:02d}/index.fr.md"] = item_page(f"Nouvelle {i}", "Résumé.")
        files[f"news/n{i:02d}/index.en.md"] = item_page(f"News {i}", "Summary.")
    write_site(root, files)
    return build_catalog(root, today=dt.date(2026, 11, 29))


def test_newest_first_only_news_never_drafts_or_future(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["news/later/index.yml"] = "type: news\ndate: 2026-12-01\ndraft: false\n"
    files["news/later/index.fr.md"] = item_page("Plus tard", "Bientôt.")
    files["news/later/index.en.md"] = item_page("Later", "Soon.")
    files["news/hidden/index.yml"] = "type: news\ndate: 2026-01-01\ndraft: true\n"
    files["news/hidden/index.fr.md"] = item_page("Cachée", "Brouillon.")
    files["news/hidden/index.en.md"] = item_page("Hidden", "Draft.")
    write_site(tmp_path, files)
    rows = all_rows(build_catalog(tmp_path, today=dt.date(2026, 11, 29)), "en")
    assert [r.slug for r in rows] == ["award", "first-news"]  # no job ads, no draft, nothing dated later
    assert all_rows(build_catalog(tmp_path, today=dt.date(2026, 12, 1)), "en")[0].slug == "later"


def test_pages_of_ten_at_stable_urls(tmp_path: Path) -> None:
    catalog = with_news(tmp_path, 23)  # and the fixture's 2 news items: 25 in all
    everything = all_rows(catalog, "fr")
    first = news.listing(catalog, "fr")
    assert [url for _, url in first.pages] == ["actualites/", "actualites/page/2/", "actualites/page/3/"]
    assert first.rows == everything[:10] and first.rows[0].title == "Nouvelle 22"
    assert [r.date for r in everything] == sorted((r.date for r in everything), reverse=True)
    third = news.listing(catalog, "fr", 3)
    assert third.rows == everything[20:] and third.rows[-1].title == "Nouvelle 0"
    assert third.neighbour(-1) == "actualites/page/2/" and third.neighbour(1) is None
    generated = {p.url: p for p in catalog.pages if p.key.startswith("news-")}
    assert "en/news/page/3/" in generated and generated["actualites/page/2/"].view.rows == everything[10:20]


def test_year_and_tag_archives(tmp_path: Path) -> None:
    catalog = with_news(tmp_path, 23)
    first = news.listing(catalog, "en")
    assert [(year, url, n) for year, url, n in first.years] == [
        (2026, "en/news/2026/", 12),
        (2025, "en/news/2025/", 13),
    ]
    assert ("Event", "en/news/tags/event/", 14) in first.tags
    generated = {p.url: p for p in catalog.pages if p.key.startswith("news-")}
    assert all(r.date.year == 2025 for r in generated["en/news/2025/"].view.rows)
    assert len(generated["actualites/etiquettes/recruitment/"].view.rows) == 11
    assert generated["actualites/2026/"].title == "Actualités 2026"


def test_reserved_folder_names(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["news/2026/index.yml"] = "type: news\ndate: 2026-01-01\ndraft: false\n"
    write_site(tmp_path, files)
    errors = [str(e) for e in build_catalog(tmp_path).errors]
    assert any(e.startswith("news/2026/index.yml:1:1: error:") and "reserved" in e for e in errors)


def test_feeds_carry_the_fifty_newest(tmp_path: Path) -> None:
    catalog = with_news(tmp_path, 60, step=10)
    carried = feeds.items(catalog, "news", "en")
    assert len(carried) == feeds.MAX_ITEMS == 50
    assert [p.item.date for p in carried] == sorted((p.item.date for p in carried), reverse=True)
    assert carried[0].item.date == all_rows(catalog, "en")[0].date
