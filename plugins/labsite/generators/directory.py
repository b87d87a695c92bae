"""The project directory: cards, facets with counts, a page per facet value, and the
partners index with a page per partner.

Everything here is computed once per build and language, so a listing costs time in
proportion to the projects it shows, never pages x pages; the views live on the pages.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from labsite.common.collation import folded
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.common.strings import translate
from labsite.generators.base import dress, generated
from labsite.model.catalog import Catalog
from labsite.model.content import DATA_SOURCES, INSTITUTIONS, STATUSES, Partner, Project
from labsite.model.page import Page, View

# Facets with pages of their own under the directory: /projets/<segment>/<value>/.
FACET_SEGMENTS = {
    "theme": {"fr": "themes", "en": "themes"},
    "status": {"fr": "statut", "en": "status"},
    "source": {"fr": "donnees", "en": "data"},
}
RESERVED_SLUGS = {segment for names in FACET_SEGMENTS.values() for segment in names.values()}
STATUS_ORDER = {status: rank for rank, status in enumerate(("ongoing", "idea", "completed"))}
DIRECTORY_PAGE = "projects"
PARTNERS_PAGE = "partners"


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    count: int
    url: str  # the value's own page, from the site root


@dataclass(frozen=True)
class Facet:
    name: str  # theme | status | partner | source
    label: str  # "Thème"
    browse_label: str  # "Par thème"
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Card:
    slug: str
    url: str
    title: str
    summary: str
    acronym: str
    status: str
    status_label: str
    themes: tuple[tuple[str, str], ...]  # (id, label)
    partners: tuple[str, ...]
    sources: tuple[str, ...]
    image_url: str | None  # where the original would be published
    image_source: str | None  # its path in the repository
    hue: int  # of the generated placeholder, stable per project


@dataclass(frozen=True)
class Directory(View):
    cards: tuple[Card, ...]
    facets: tuple[Facet, ...]


@dataclass(frozen=True)
class FacetPage(View):
    facet: Facet
    value: FacetValue
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class PartnerPage(View):
    partner: Partner
    name: str
    institution_label: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class PartnerGroup:
    institution: str
    label: str
    partners: tuple[tuple[Partner, str, str, int], ...]  # (partner, name, url, project count)


@dataclass(frozen=True)
class PartnerIndex(View):
    groups: tuple[PartnerGroup, ...]


def card(catalog: Catalog, project: Project, page: Page) -> Card:
    """A published project as a card of a listing in its page's language."""
    lang, text = page.lang, project.texts[page.lang]
    return Card(
        slug=project.slug,
        url=page.url,
        title=text.title,
        summary=text.summary,
        acronym=project.acronym or "",
        status=project.status,
        status_label=translate(lang, f"status.{project.status}"),
        themes=tuple((t, catalog.taxonomy.themes[t][lang]) for t in project.themes),
        partners=project.partners,
        sources=project.data_sources,
        image_url=page.url + project.image if project.image else None,
        image_source=f"{page.key}/{project.image}" if project.image else None,
        hue=int(hashlib.sha256(project.slug.encode()).hexdigest()[:4], 16) % 360,
    )


def order(card: Card) -> tuple[int, str]:
    """Ongoing first, then by title."""
    return STATUS_ORDER[card.status], folded(card.title), card.title


def cards(catalog: Catalog, lang: str) -> tuple[Card, ...]:
    """Every published project as a card, ongoing first, then by title."""
    found = []
    for project in catalog.projects.values():
        if (page := catalog.page(f"projects/{project.slug}", lang)) is not None:
            found.append(card(catalog, project, page))
    return tuple(sorted(found, key=order))


def facet_url(catalog: Catalog, name: str, value: str, lang: str) -> str:
    if name == "partner":
        listing = catalog.page(PARTNERS_PAGE, lang)
        return f"{listing.url}{value}/" if listing else ""
    listing = catalog.page(DIRECTORY_PAGE, lang)
    return f"{listing.url}{FACET_SEGMENTS[name][lang]}/{value}/" if listing else ""


def of(catalog: Catalog, lang: str) -> Directory:
    """The directory a language's listing page shows (empty if the site has none)."""
    listing = catalog.page(DIRECTORY_PAGE, lang)
    return listing.view if listing is not None and isinstance(listing.view, Directory) else Directory((), ())


def _directory(catalog: Catalog, lang: str) -> Directory:
    """The cards and, for each facet, its values with their counts (values without projects left out)."""
    all_cards = cards(catalog, lang)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for card in all_cards:
        counts["status"][card.status] += 1
        for theme, _ in card.themes:
            counts["theme"][theme] += 1
        for partner in card.partners:
            counts["partner"][partner] += 1
        for source in card.sources:
            counts["source"][source] += 1
    labels = {
        "theme": {t: names[lang] for t, names in catalog.taxonomy.themes.items()},
        "status": {s: translate(lang, f"status.{s}") for s in STATUSES},
        "partner": {p.id: p.name[lang] for p in catalog.partners.values()},
        "source": {s: translate(lang, f"source.{s}") for s in DATA_SOURCES},
    }
    order = {"status": list(STATUSES), "source": list(DATA_SOURCES)}
    facets = []
    for name, plural in (("theme", "themes"), ("status", "statuses"), ("partner", "partners"), ("source", "sources")):
        ids = order.get(name) or sorted(labels[name], key=lambda i: (folded(labels[name][i]), labels[name][i]))
        values = tuple(
            FacetValue(i, labels[name][i], counts[name][i], facet_url(catalog, name, i, lang))
            for i in ids
            if counts[name][i]
        )
        facets.append(Facet(name, translate(lang, f"facet.{name}"), translate(lang, f"facet.{plural}"), values))
    return Directory(all_cards, tuple(facets))


def _matches(card: Card, facet: str, value: str) -> bool:
    if facet == "theme":
        return value in (t for t, _ in card.themes)
    if facet == "status":
        return card.status == value
    if facet == "partner":
        return value in card.partners
    return value in card.sources


def _partner_groups(catalog: Catalog, lang: str, found: Directory) -> PartnerIndex:
    """The partners index: partners grouped by institution, with their project counts."""
    counts = {v.id: v.count for v in found.facets[2].values}
    groups = []
    for institution in INSTITUTIONS:
        members = sorted(
            (p for p in catalog.partners.values() if p.institution == institution),
            key=lambda p: p.name[lang].casefold(),
        )
        if members:
            rows = tuple(
                (p, p.name[lang], facet_url(catalog, "partner", p.id, lang), counts.get(p.id, 0)) for p in members
            )
            groups.append(PartnerGroup(institution, translate(lang, f"institution.{institution}"), rows))
    return PartnerIndex(tuple(groups))


def reserves(kind: str, slug: str) -> bool:
    """Project folders may not take the facets' URL segments (/projets/themes/...)."""
    return kind == "project" and slug in RESERVED_SLUGS


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """The directory and partners pages with their views; a page per facet value (theme, status,
    data source) and per partner, in each language."""
    if not catalog.projects:
        return []
    made = []
    for lang in LANGUAGES:
        found = _directory(catalog, lang)
        every = frozenset(f"projects/{c.slug}" for c in found.cards)
        if (listing := catalog.page(DIRECTORY_PAGE, lang)) is not None:
            made.append(dress(listing, "projects.html", found, every))
            for facet in found.facets:
                for value in facet.values:
                    if facet.name == "partner":
                        continue
                    shown = tuple(c for c in found.cards if _matches(c, facet.name, value.id))
                    title = translate(lang, "facet.title", value=value.label)
                    made.append(
                        _page(
                            f"facet/{facet.name}/{value.id}",
                            lang,
                            value.url,
                            title,
                            FacetPage(facet, value, shown),
                            "facet.html",
                            listing,
                        )
                    )
        partners = catalog.page(PARTNERS_PAGE, lang)
        if partners is None:
            problems.append(
                Diagnostic(f"content/{PARTNERS_PAGE}.{lang}.md", 1, 1, "error", "", say("listings.partners_page"))
            )
            continue
        made.append(dress(partners, "partners.html", _partner_groups(catalog, lang, found), every))
        for partner in catalog.partners.values():
            shown = tuple(c for c in found.cards if partner.id in c.partners)
            view = PartnerPage(
                partner, partner.name[lang], translate(lang, f"institution.{partner.institution}"), shown
            )
            url = facet_url(catalog, "partner", partner.id, lang)
            made.append(_page(f"partner/{partner.id}", lang, url, partner.name[lang], view, "partner.html", partners))
    return made


def _page(key: str, lang: str, url: str, title: str, view: View, template: str, parent: Page) -> Page:
    shows = frozenset(f"projects/{c.slug}" for c in view.cards)  # type: ignore[attr-defined]
    return generated(key, lang, url, title, view, template=template, parent=parent, shows=shows)
