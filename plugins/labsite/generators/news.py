"""The news section: newest first, paginated at stable URLs, with yearly archives and tag pages.

/actualites/ is page 1; /actualites/page/2/ and on hold older items; /actualites/2026/ one
year; /actualites/etiquettes/<tag>/ one tag (English: /en/news/..., /en/news/tags/<tag>/).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from labsite.common.dates import long_date
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.model.page import Page
from labsite.sources.tree import SourcePage

if TYPE_CHECKING:
    from labsite.model.catalog import Catalog

NEWS_PAGE = "news"
PAGE_SIZE = 10
SEGMENTS = {"page": {"fr": "page", "en": "page"}, "tag": {"fr": "etiquettes", "en": "tags"}}
RESERVED_SLUGS = {name for names in SEGMENTS.values() for name in names.values()}


@dataclass(frozen=True)
class NewsRow:
    slug: str
    url: str
    title: str
    summary: str
    date: dt.date
    date_text: str
    tags: tuple[tuple[str, str], ...]  # (label, tag page url)
    image_url: str | None
    image_alt: str


@dataclass(frozen=True)
class NewsListing:
    heading: str
    rows: tuple[NewsRow, ...]
    number: int  # page number, 0 for a year or tag archive
    pages: tuple[tuple[int, str], ...]  # (number, url) of every page of the main listing
    years: tuple[tuple[int, str, int], ...]  # (year, url, count)
    tags: tuple[tuple[str, str, int], ...]  # (label, url, count)

    def neighbour(self, step: int) -> str | None:
        """URL of the previous (-1, newer) or next (+1, older) page, if any."""
        wanted = self.number + step
        return next((url for n, url in self.pages if n == wanted), None) if self.number else None


def _base(catalog: Catalog, lang: str) -> str:
    listing = catalog.page(NEWS_PAGE, lang)
    return listing.url if listing else ""


def tag_url(catalog: Catalog, tag: str, lang: str) -> str:
    return f"{_base(catalog, lang)}{SEGMENTS['tag'][lang]}/{tag}/"


def rows(catalog: Catalog, lang: str) -> tuple[NewsRow, ...]:
    """Published news items, newest first."""
    key = ("news", lang)
    if key not in catalog.memo:
        found = []
        for item in catalog.announcements.values():
            page = catalog.page(f"news/{item.slug}", lang)
            if item.type != "news" or page is None:
                continue
            tags = tuple((catalog.taxonomy.tags[t][lang], tag_url(catalog, t, lang)) for t in item.tags)
            image = page.url + item.image if item.image else None
            found.append(
                NewsRow(
                    item.slug,
                    page.url,
                    page.title,
                    page.description,
                    item.date,
                    long_date(item.date, lang),
                    tags,
                    image,
                    item.texts[lang].image_alt or "",
                )
            )
        found.sort(key=lambda r: (r.date, r.slug), reverse=True)
        catalog.memo[key] = tuple(found)
    return catalog.memo[key]


def row(catalog: Catalog, lang: str, slug: str) -> NewsRow:
    """One item's row (a news page shows its own date and tags from it)."""
    key = ("news-by-slug", lang)
    if key not in catalog.memo:
        catalog.memo[key] = {r.slug: r for r in rows(catalog, lang)}
    return catalog.memo[key][slug]


def _page_url(catalog: Catalog, number: int, lang: str) -> str:
    base = _base(catalog, lang)
    return base if number == 1 else f"{base}{SEGMENTS['page'][lang]}/{number}/"


def _navigation(catalog: Catalog, lang: str) -> tuple[tuple, tuple, tuple]:
    """Links to every page, year and tag of the listing: computed once per language."""
    key = ("news-navigation", lang)
    if key not in catalog.memo:
        items = rows(catalog, lang)
        count = max(1, -(-len(items) // PAGE_SIZE))
        pages = tuple((n, _page_url(catalog, n, lang)) for n in range(1, count + 1))
        years = Counter(r.date.year for r in items)
        year_links = tuple((y, f"{_base(catalog, lang)}{y}/", years[y]) for y in sorted(years, reverse=True))
        tags = Counter(url for r in items for _, url in r.tags)
        labels = {url: label for r in items for label, url in r.tags}
        tag_links = tuple(
            (labels[url], url, n) for url, n in sorted(tags.items(), key=lambda pair: labels[pair[0]].casefold())
        )
        catalog.memo[key] = (pages, year_links, tag_links)
    return catalog.memo[key]


def listing(catalog: Catalog, lang: str, number: int = 1) -> NewsListing:
    """Page ``number`` of the news listing, with the links to every page, year and tag."""
    pages, years, tags = _navigation(catalog, lang)
    listing_page = catalog.page(NEWS_PAGE, lang)
    heading = listing_page.title if number == 1 and listing_page else translate(lang, "news.page_title", n=number)
    chunk = rows(catalog, lang)[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    return NewsListing(heading, chunk, number, pages, years, tags)


def generated_pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """Pages 2 and on, a page per year and a page per tag, in each language."""
    found = []
    for lang in LANGUAGES:
        if catalog.page(NEWS_PAGE, lang) is None:
            continue
        first = listing(catalog, lang)
        for number, url in first.pages[1:]:
            view = listing(catalog, lang, number)
            found.append(_page(f"news-page/{number}", lang, url, view.heading, view))
        items = rows(catalog, lang)
        for year, url, _ in first.years:
            title = translate(lang, "news.year_title", year=year)
            view = NewsListing(
                title, tuple(r for r in items if r.date.year == year), 0, first.pages, first.years, first.tags
            )
            found.append(_page(f"news-year/{year}", lang, url, title, view))
        for label, url, _ in first.tags:
            title = translate(lang, "news.tag_title", tag=label)
            view = NewsListing(
                title, tuple(r for r in items if url in (u for _, u in r.tags)), 0, first.pages, first.years, first.tags
            )
            found.append(_page(f"news-tag/{url.rstrip('/').rsplit('/', 1)[1]}", lang, url, title, view))
    return found


def _page(key: str, lang: str, url: str, title: str, view: NewsListing) -> Page:
    return Page(SourcePage(f"_generated/{key}.{lang}.md", "generated", key, lang), title, title, url, view=view)
