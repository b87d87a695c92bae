"""The news section: the items' own pages; the listing, newest first, paginated at stable
URLs, with yearly archives and tag pages.

/actualites/ is page 1; /actualites/page/2/ and on hold older items; /actualites/2026/ one
year; /actualites/etiquettes/<tag>/ one tag (English: /en/news/..., /en/news/tags/<tag>/).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from labsite.common.collation import folded
from labsite.common.dates import long_date
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.base import ITEM, dress, generated, item_card
from labsite.model.catalog import Catalog
from labsite.model.page import Page, View

NEWS_PAGE = "news"
PAGE_SIZE = 10
SEGMENTS = {"page": {"fr": "page", "en": "page"}, "tag": {"fr": "etiquettes", "en": "tags"}}
RESERVED_SLUGS = {name for names in SEGMENTS.values() for name in names.values()}


@dataclass(frozen=True)
class NewsRow(View):
    """A news item as the listings show it; also the view of its own page (date and tags)."""

    slug: str
    url: str
    title: str
    summary: str
    date: dt.date
    date_text: str
    tags: tuple[tuple[str, str], ...]  # (label, tag page url)
    image_url: str | None  # where the original would be published
    image_source: str | None  # its path in the repository


@dataclass(frozen=True)
class NewsListing(View):
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


def listing(catalog: Catalog, lang: str, number: int = 1) -> NewsListing:
    """Page ``number`` of a language's listing (page 1: the news page; empty if there is none)."""
    page = catalog.page(NEWS_PAGE if number == 1 else f"news-page/{number}", lang)
    if page is not None and isinstance(page.view, NewsListing):
        return page.view
    return NewsListing("", (), number, (), (), ())


def _rows(catalog: Catalog, lang: str, base: str) -> tuple[NewsRow, ...]:
    """Published news items, newest first."""
    found = []
    for item in catalog.announcements.values():
        page = catalog.page(f"news/{item.slug}", lang)
        if item.type != "news" or page is None:
            continue
        tags = tuple((catalog.taxonomy.tags[t][lang], tag_url(base, t, lang)) for t in item.tags)
        image = page.url + item.image if item.image else None
        row = NewsRow(
            item.slug,
            page.url,
            page.title,
            page.description,
            item.date,
            long_date(item.date, lang),
            tags,
            image,
            f"{page.key}/{item.image}" if item.image else None,
        )
        found.append(row)
    found.sort(key=lambda r: (r.date, r.slug), reverse=True)
    return tuple(found)


def _navigation(rows: tuple[NewsRow, ...], base: str, lang: str) -> tuple[tuple, tuple, tuple]:
    """Links to every page, year and tag of the listing."""
    count = max(1, -(-len(rows) // PAGE_SIZE))
    pages = tuple((n, base if n == 1 else f"{base}{SEGMENTS['page'][lang]}/{n}/") for n in range(1, count + 1))
    years = Counter(r.date.year for r in rows)
    year_links = tuple((y, f"{base}{y}/", years[y]) for y in sorted(years, reverse=True))
    tags = Counter(url for r in rows for _, url in r.tags)
    labels = {url: label for r in rows for label, url in r.tags}
    tag_links = tuple(
        (labels[url], url, n)
        for url, n in sorted(tags.items(), key=lambda pair: (folded(labels[pair[0]]), labels[pair[0]]))
    )
    return pages, year_links, tag_links


def tag_url(base: str, tag: str, lang: str) -> str:
    """The page of a tag, under the news listing at ``base``."""
    return f"{base}{SEGMENTS['tag'][lang]}/{tag}/"


def reserves(kind: str, slug: str) -> bool:
    """Announcement folders may not take the listing's URL segments (/actualites/page/,
    /actualites/2026/)."""
    return kind == "announcement" and (slug in RESERVED_SLUGS or re.fullmatch(r"\d{4}", slug) is not None)


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """The news items' pages; the listing's pages 2 and on, a page per year and a page per tag,
    in each language."""
    made = []
    for lang in LANGUAGES:
        listing = catalog.page(NEWS_PAGE, lang)
        base = listing.url if listing else ""
        rows = _rows(catalog, lang, base)
        for row in rows:
            page = catalog.page(f"news/{row.slug}", lang)
            assert page is not None and page.item is not None
            card = item_card(catalog, page, page.item, translate(lang, "type.news"), row.date_text)
            shows = frozenset({page.key, *(f"projects/{slug}" for slug in page.item.projects)})
            made.append(dress(page, "news.html", row, shows, ITEM, card))
        if listing is None:
            continue
        # The links to every page, year and tag, with their counts, are in each page's view (so in
        # its key); of the items, a page shows only its rows. An edit to one item renders again
        # the pages listing it, not the whole archive.
        numbers, years, tags = _navigation(rows, base, lang)
        for number, url in numbers:
            heading = listing.title if number == 1 else translate(lang, "news.page_title", n=number)
            chunk = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            view = NewsListing(heading, chunk, number, numbers, years, tags)
            if number == 1:
                made.append(dress(listing, "news-list.html", view, _shows(view)))
            else:
                made.append(_page(f"news-page/{number}", lang, url, view, listing))
        for year, url, _ in years:
            title = translate(lang, "news.year_title", year=year)
            view = NewsListing(title, tuple(r for r in rows if r.date.year == year), 0, numbers, years, tags)
            made.append(_page(f"news-year/{year}", lang, url, view, listing))
        for label, url, _ in tags:
            title = translate(lang, "news.tag_title", tag=label)
            view = NewsListing(title, tuple(r for r in rows if url in (u for _, u in r.tags)), 0, numbers, years, tags)
            made.append(_page(f"news-tag/{url.rstrip('/').rsplit('/', 1)[1]}", lang, url, view, listing))
    return made


def _shows(view: NewsListing) -> frozenset[str]:
    return frozenset(f"news/{r.slug}" for r in view.rows)


def _page(key: str, lang: str, url: str, view: NewsListing, listing: Page) -> Page:
    return generated(key, lang, url, view.heading, view, template="news-list.html", parent=listing, shows=_shows(view))
