"""The publications: one list per language (/publications/, /en/publications/), newest first and
grouped by year, with filters by kind and by project (with JavaScript) and, without, a page per
year and per kind (/publications/2024/, /publications/type/article/)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from labsite.common.collation import folded
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.base import dress, generated
from labsite.model.catalog import Catalog
from labsite.model.page import Page, View
from labsite.model.publications import KINDS, Publication

PUBLICATIONS_PAGE = "publications"
KIND_SEGMENT = "type"
# The list shows whole years, newest first, up to about this many entries: older years are on
# their own pages (5,000 entries on one page would weigh 10 MB).
MAX_LISTED = 1000


@dataclass(frozen=True)
class PublicationList(View):
    heading: str
    years: tuple[tuple[int, tuple[Publication, ...]], ...]  # newest year first
    count: int
    kinds: tuple[tuple[str, str, str, int], ...]  # (kind, label, page url, count)
    year_links: tuple[tuple[int, str, int], ...]  # (year, page url, count)
    projects: tuple[tuple[str, str, int], ...]  # (slug, title, count): the project filter
    filters: bool  # the main list: the filters' form
    older: tuple[tuple[int, str, int], ...] = ()  # years left to their own pages (main list only)
    described: bool = False  # carries its entries' JSON-LD: each entry once, on its year's page


def by_year(publications: tuple[Publication, ...]) -> tuple[tuple[int, tuple[Publication, ...]], ...]:
    """Publications (newest first) grouped by year."""
    years: dict[int, list[Publication]] = {}
    for publication in publications:
        years.setdefault(publication.year, []).append(publication)
    return tuple((year, tuple(found)) for year, found in years.items())


def newest_first(catalog: Catalog) -> tuple[Publication, ...]:
    return tuple(sorted(catalog.publications.values(), key=lambda p: (p.date, p.key), reverse=True))


def kind_url(base: str, kind: str) -> str:
    return f"{base}{KIND_SEGMENT}/{kind}/"


def of(catalog: Catalog, lang: str) -> PublicationList | None:
    listing = catalog.page(PUBLICATIONS_PAGE, lang)
    return listing.view if listing is not None and isinstance(listing.view, PublicationList) else None


def reserves(kind: str, slug: str) -> bool:
    return False  # no item folder lives under the publications list


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    made = []
    everything = newest_first(catalog)
    kinds = Counter(p.kind for p in everything)
    years = Counter(p.year for p in everything)
    cited = Counter(slug.slug for p in everything for slug in catalog.cited_by(p.key))
    for lang in LANGUAGES:
        listing = catalog.page(PUBLICATIONS_PAGE, lang)
        if listing is None:
            continue
        base = listing.url
        kind_links = tuple(
            (kind, translate(lang, f"publications.kind.{kind}"), kind_url(base, kind), kinds[kind])
            for kind in KINDS
            if kinds[kind]
        )
        year_links = tuple((year, f"{base}{year}/", years[year]) for year in sorted(years, reverse=True))
        projects = []
        for slug, n in cited.items():
            page = catalog.page(f"projects/{slug}", lang)
            if page is not None:
                projects.append((slug, page.title, n))
        projects.sort(key=lambda t: (folded(t[1]), t[1]))

        listed = newest_years(everything)
        older = tuple(link for link in year_links if link[0] < listed[-1].year) if listed else ()
        whole = PublicationList(
            listing.title, by_year(listed), len(listed), kind_links, year_links, tuple(projects), True, older
        )
        cited_projects = frozenset(f"projects/{slug}" for slug in cited)
        made.append(dress(listing, "publications.html", whole, cited_projects | _authors(catalog, whole)))
        for year, url, _ in year_links:
            title = translate(lang, "publications.year_title", year=year)
            view = dataclasses.replace(
                _part(whole, title, tuple(p for p in everything if p.year == year)), described=True
            )
            made.append(
                generated(
                    f"publications-year/{year}",
                    lang,
                    url,
                    title,
                    view,
                    template="publications.html",
                    parent=listing,
                    shows=cited_projects | _authors(catalog, view),
                )
            )
        for kind, label, url, _ in kind_links:
            view = _part(whole, label, tuple(p for p in everything if p.kind == kind))
            made.append(
                generated(
                    f"publications-kind/{kind}",
                    lang,
                    url,
                    label,
                    view,
                    template="publications.html",
                    parent=listing,
                    shows=cited_projects | _authors(catalog, view),
                )
            )
    return made


def newest_years(publications: tuple[Publication, ...]) -> tuple[Publication, ...]:
    """The newest whole years of ``publications`` (newest first) that hold at most MAX_LISTED
    entries; the newest year at least."""
    shown: list[Publication] = []
    for _, found in by_year(publications):
        if shown and len(shown) + len(found) > MAX_LISTED:
            break
        shown += found
    return tuple(shown)


def _authors(catalog: Catalog, shown: PublicationList) -> frozenset[str]:
    """The people whose pages and iDs a page links its entries' lab authors to (JSON-LD): their
    names are in the entries' own digests already."""
    return frozenset(
        f"people/{p.slug}" for _, works in shown.years for work in works for p in catalog.authors(work.key)
    )


def _part(whole: PublicationList, heading: str, shown: tuple[Publication, ...]) -> PublicationList:
    """A page of part of the list (a year, a kind): no filters, the same links to the others."""
    return dataclasses.replace(whole, heading=heading, years=by_year(shown), count=len(shown), filters=False, older=())
