"""RSS 2.0 and Atom feeds of the newest publications, one pair per language beside the list
(publications/rss.xml, publications/atom.xml): each entry links to the publication itself (its
DOI, else HAL, else its web page, else its place on its year's page) and carries its citation."""

from __future__ import annotations

import datetime as dt
import html
import re

from feedgen.feed import FeedGenerator

from labsite.common.clock import PARIS
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.publications import PUBLICATIONS_PAGE, newest_first
from labsite.model.catalog import Catalog
from labsite.model.site import Site
from labsite.render.bibliography import citation
from labsite.render.feed_links import FORMATS

MAX_ITEMS = 50


def render(catalog: Catalog, site: Site, lang: str) -> dict[str, bytes]:
    """{path inside the language's build: bytes} of the two feeds; none without the list page."""
    listing = catalog.page(PUBLICATIONS_PAGE, lang)
    if listing is None:
        return {}
    works = newest_first(catalog)[:MAX_ITEMS]
    out = {}
    for fmt, (name, mime) in FORMATS.items():
        feed = FeedGenerator()
        self_url = site.url(listing.url + name)
        feed.id(self_url)
        feed.title(translate(lang, "feeds.title", site=site.name(lang), listing=listing.title))
        feed.subtitle(listing.description or listing.title)
        feed.language(lang)
        feed.author(name=site.name(lang), uri=site.url(LANGUAGES[lang].prefix))
        feed.link(href=self_url, rel="self", type=mime)
        feed.link(href=site.url(listing.url), rel="alternate")  # last: the RSS channel link
        newest = dt.datetime(2000, 1, 1, tzinfo=PARIS)
        for work in works:
            anchor = site.url(f"{listing.url}{work.year}/#pub-{work.slug}")  # on its year's page, always
            day = dt.datetime.combine(work.date, dt.time(0, 0), PARIS)
            newest = max(newest, day)
            entry = feed.add_entry(order="append")
            entry.id(anchor)
            entry.guid(anchor, permalink=True)
            entry.title(work.title)
            entry.link(href=work.doi_url or work.hal_url or work.url or anchor, rel="alternate")
            cited = str(citation(catalog, work, lang))
            # RSS descriptions are read as HTML; Atom summaries are text.
            entry.summary(cited if fmt == "rss" else html.unescape(_text(cited)))
            entry.content(cited, type="html")
            entry.published(day)
            entry.updated(day)
            entry.category(term=translate(lang, f"publications.one.{work.kind}"))
        feed.updated(newest)
        feed.lastBuildDate(newest)
        out[listing.pass_url + name] = feed.rss_str(pretty=True) if fmt == "rss" else feed.atom_str(pretty=True)
    return out


def _text(fragment: str) -> str:
    """The citation's words without its tags (it holds only <i>, <b>, <span> and <strong>)."""
    return re.sub(r"<[^>]+>", "", fragment)
