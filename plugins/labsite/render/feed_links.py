"""Which feeds a language has, and where: for <link rel="alternate">, the subscribe links and
the feed files (labsite.outputs.feeds)."""

from __future__ import annotations

from dataclasses import dataclass

from labsite.common.strings import translate
from labsite.model.catalog import Catalog

FEEDS = ("news", "jobs", "agenda", "projects", "publications")  # the content keys of the listing pages
FORMATS = {"rss": ("rss.xml", "application/rss+xml"), "atom": ("atom.xml", "application/atom+xml")}


@dataclass(frozen=True)
class FeedLink:
    kind: str  # news | jobs | agenda | projects | publications
    format: str  # rss | atom | ics
    title: str
    mime: str
    url: str  # from the site root


def links(catalog: Catalog, lang: str) -> tuple[FeedLink, ...]:
    """The feeds of a language: a pair a listing page."""
    found = []
    for kind in FEEDS:
        listing = catalog.page(kind, lang)
        if listing is None:
            continue
        for fmt, (name, mime) in FORMATS.items():
            title = f"{listing.title} ({translate(lang, f'feeds.{fmt}')})"
            found.append(FeedLink(kind, fmt, title, mime, listing.url + name))
        if kind == "agenda":  # the calendar to subscribe to, beside its feeds
            title = f"{listing.title} ({translate(lang, 'feeds.ics')})"
            found.append(FeedLink(kind, "ics", title, "text/calendar", listing.url + calendar_name(listing.url)))
    return tuple(found)


def calendar_name(listing_url: str) -> str:
    """The agenda's calendar file, named after its folder: agenda.ics, events.ics."""
    return listing_url.rstrip("/").rsplit("/", 1)[-1] + ".ics"
