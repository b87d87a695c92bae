"""RSS 2.0 and Atom feeds, one pair per language in each listing folder (news, jobs, agenda, projects).

Built with feedgen, around its known faults: the RSS channel <link> is the last link set,
add_entry() prepends unless told otherwise, Atom loses an enclosure's rel (so Atom gets no
enclosure), dates must be timezone-aware, and updated/lastBuildDate default to the clock
(set here from the newest item, so an unchanged site gives byte-identical feeds).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from labsite.common.clock import PARIS
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.directory import facet_url
from labsite.generators.news import tag_url
from labsite.model.catalog import Catalog
from labsite.model.content import Announcement, Project
from labsite.model.page import Page
from labsite.model.site import Site
from labsite.outputs import publication_feeds
from labsite.render.feed_links import FEEDS, FORMATS
from labsite.render.standalone import standalone_html

MAX_ITEMS = 50  # readers poll feeds for what is new; the archive is on the site


@dataclass(frozen=True)
class Enclosure:
    url: str  # absolute
    length: int
    mime: str


def _day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), PARIS)


def items(catalog: Catalog, kind: str, lang: str) -> list[Page]:
    """The pages a feed carries, the newest first: news, open job ads and calls, events to come, or projects."""
    found: list[tuple[dt.date, str, Page]] = []
    for page in catalog.pages_in(lang):
        item = page.item
        if kind == "projects" and isinstance(item, Project):
            found.append((item.date, item.slug, page))
        elif isinstance(item, Announcement):
            if kind == "agenda":  # the events to come, newest announced first
                wanted = item.type == "event" and not catalog.standing(item).past
            else:
                wanted = item.type == "news" if kind == "news" else catalog.standing(item).is_open
            if kind != "projects" and wanted:
                found.append((item.date, item.slug, page))
    return [page for _, _, page in sorted(found, key=lambda t: (t[0], t[1]), reverse=True)][:MAX_ITEMS]


def _categories(catalog: Catalog, site: Site, page: Page) -> list[tuple[str, str]]:
    """(label, absolute URL of the page listing that category) of an item's themes or tags."""
    item = page.item
    if isinstance(item, Project):
        return [
            (catalog.taxonomy.themes[t][page.lang], site.url(facet_url(catalog, "theme", t, page.lang)))
            for t in item.themes
        ]
    assert isinstance(item, Announcement)
    news = catalog.page("news", page.lang)
    base = news.url if news else ""
    return [(catalog.taxonomy.tags[t][page.lang], site.url(tag_url(base, t, page.lang))) for t in item.tags]


@dataclass(frozen=True)
class Entry:
    """What a feed shows of one page besides the page itself."""

    page: Page
    content: str  # the page's content, as rendered
    enclosure: Enclosure | None  # its share card (RSS only)
    categories: tuple[tuple[str, str], ...]  # (label, URL) of its themes or tags


# Gives a feed's files: from ``make`` or, when nothing the feed shows changed, from a cache. Its
# arguments: the listing's content key ("news"...), its page, the entries, the files' names, ``make``.
Memo = Callable[[str, Page, list[Entry], list[str], Callable[[], dict[str, bytes]]], dict[str, bytes]]


def _entries(
    catalog: Catalog,
    site: Site,
    kind: str,
    lang: str,
    contents: dict[str, str],
    enclosure: Callable[[Page], Enclosure | None],
) -> list[Entry]:
    return [
        Entry(page, contents.get(page.path, ""), enclosure(page), tuple(_categories(catalog, site, page)))
        for page in items(catalog, kind, lang)
    ]


def _render(site: Site, lang: str, listing: Page, entries: list[Entry]) -> dict[str, bytes]:
    """The RSS and Atom files of one listing: {path inside the language's build: bytes}."""
    out = {}
    for fmt, (name, mime) in FORMATS.items():
        feed = FeedGenerator()
        feed.load_extension("dc")  # RSS items' dc:creator: RSS's own author must be an e-mail address
        self_url = site.url(listing.url + name)
        listing_url = site.url(listing.url)
        feed.id(self_url)
        feed.title(translate(lang, "feeds.title", site=site.name(lang), listing=listing.title))
        feed.subtitle(listing.description or listing.title)
        feed.language(lang)
        feed.author(name=site.name(lang), uri=site.url(LANGUAGES[lang].prefix))  # Atom: every entry's
        feed.link(href=self_url, rel="self", type=mime)
        feed.link(href=listing_url, rel="alternate")  # last: the RSS channel link
        newest = _day(dt.date(2000, 1, 1))
        for shown in entries:
            page, item = shown.page, shown.page.item
            assert isinstance(item, Project | Announcement)
            url = site.url(page.url)
            published, updated = _day(item.date), _day(item.updated or item.date)
            newest = max(newest, updated)
            entry = feed.add_entry(order="append")
            entry.id(url)
            entry.guid(url, permalink=True)
            title = page.title
            if isinstance(item, Announcement) and item.type == "event" and item.status != "scheduled":
                title = translate(
                    lang, "event.titled", status=translate(lang, f"event.status.{item.status}"), title=title
                )
            entry.title(title)
            entry.link(href=url, rel="alternate")
            # RSS descriptions are read as HTML; Atom summaries are text.
            entry.summary(html.escape(page.description, quote=False) if fmt == "rss" else page.description)
            entry.content(standalone_html(shown.content, url), type="html")
            entry.published(published)
            entry.updated(updated)
            entry.dc.dc_creator(site.name(lang))
            for label, scheme in shown.categories:
                entry.category(term=label, scheme=scheme)
            if fmt == "rss" and shown.enclosure:
                entry.enclosure(shown.enclosure.url, str(shown.enclosure.length), shown.enclosure.mime)
        feed.updated(newest)
        feed.lastBuildDate(newest)
        data = feed.rss_str(pretty=True) if fmt == "rss" else feed.atom_str(pretty=True)
        out[listing.pass_url + name] = data
    return out


def all_feeds(
    catalog: Catalog,
    site: Site,
    lang: str,
    contents: dict[str, str],
    enclosure: Callable[[Page], Enclosure | None] = lambda page: None,
    memo: Memo | None = None,
) -> dict[str, bytes]:
    """Every feed file of a language: {path inside the language's build: bytes}. ``memo``: see
    ``Memo`` (the publications' feeds, cheap to make, are made each time)."""
    files: dict[str, bytes] = {}
    for kind in FEEDS:
        if kind == "publications":
            files.update(publication_feeds.render(catalog, site, lang))
        elif (listing := catalog.page(kind, lang)) is not None:
            entries = _entries(catalog, site, kind, lang, contents, enclosure)
            make = functools.partial(_render, site, lang, listing, entries)
            if memo is None:
                files.update(make())
            else:
                names = [listing.pass_url + name for name, _ in FORMATS.values()]
                files.update(memo(kind, listing, entries, names, make))
    return files
