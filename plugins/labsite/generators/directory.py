"""The project directory: cards, facets with counts, facet pages and partner pages.

Everything here is computed once per build and language from the catalog (memoised on
it), so a listing costs time in proportion to the projects it shows, never pages x pages.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.common.strings import translate
from labsite.model.content import Partner, Project
from labsite.model.page import Page
from labsite.model.schemas import DATA_SOURCES, INSTITUTIONS, STATUSES
from labsite.sources.tree import SourcePage

if TYPE_CHECKING:
    from labsite.model.catalog import Catalog

# Facets with pages of their own under the directory: /projets/<segment>/<value>/.
FACET_SEGMENTS = {
    "theme": {"fr": "themes", "en": "themes"},
    "status": {"fr": "statut", "en": "status"},
    "source": {"fr": "donnees", "en": "data"},
}
RESERVED_SLUGS = {segment for names in FACET_SEGMENTS.values() for segment in names.values()}
STATUS_ORDER = {status: rank for rank, status in enumerate(("ongoing", "idea", "completed"))}
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
    image_url: str | None
    image_alt: str
    image_size: tuple[int, int] | None
    hue: int  # of the generated placeholder, stable per project

    @property
    def search_text(self) -> str:
        return " ".join((self.acronym, self.title, self.summary)).casefold()


@dataclass(frozen=True)
class Directory:
    cards: tuple[Card, ...]
    facets: tuple[Facet, ...]


@dataclass(frozen=True)
class FacetPage:
    facet: Facet
    value: FacetValue
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class PartnerPage:
    partner: Partner
    name: str
    institution_label: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class PartnerGroup:
    institution: str
    label: str
    partners: tuple[tuple[Partner, str, str, int], ...]  # (partner, name, url, project count)


def _image_size(catalog: Catalog, project: Project) -> tuple[int, int] | None:
    if not project.image:
        return None
    with Image.open(catalog.root / "projects" / project.slug / project.image) as image:
        return image.size


def cards(catalog: Catalog, lang: str) -> tuple[Card, ...]:
    """Every published project as a card, ongoing first, then by title."""
    key = ("cards", lang)
    if key not in catalog.memo:
        found = []
        for project in catalog.projects.values():
            page = catalog.page(f"projects/{project.slug}", lang)
            if page is None:
                continue
            text = project.texts[lang]
            found.append(
                Card(
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
                    image_alt=text.image_alt or "",
                    image_size=_image_size(catalog, project),
                    hue=int(hashlib.sha256(project.slug.encode()).hexdigest()[:4], 16) % 360,
                )
            )
        found.sort(key=lambda c: (STATUS_ORDER[c.status], c.title.casefold()))
        catalog.memo[key] = tuple(found)
    return catalog.memo[key]


def facet_url(catalog: Catalog, name: str, value: str, lang: str) -> str:
    if name == "partner":
        listing = catalog.page(PARTNERS_PAGE, lang)
        return f"{listing.url}{value}/" if listing else ""
    listing = catalog.page("projects", lang)
    return f"{listing.url}{FACET_SEGMENTS[name][lang]}/{value}/" if listing else ""


def directory(catalog: Catalog, lang: str) -> Directory:
    """The cards and, for each facet, its values with their counts (values without projects left out)."""
    key = ("directory", lang)
    if key in catalog.memo:
        return catalog.memo[key]
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
        ids = order.get(name) or sorted(labels[name], key=lambda i: labels[name][i].casefold())
        values = tuple(
            FacetValue(i, labels[name][i], counts[name][i], facet_url(catalog, name, i, lang))
            for i in ids
            if counts[name][i]
        )
        facets.append(Facet(name, translate(lang, f"facet.{name}"), translate(lang, f"facet.{plural}"), values))
    catalog.memo[key] = Directory(all_cards, tuple(facets))
    return catalog.memo[key]


def _matches(card: Card, facet: str, value: str) -> bool:
    if facet == "theme":
        return value in (t for t, _ in card.themes)
    if facet == "status":
        return card.status == value
    if facet == "partner":
        return value in card.partners
    return value in card.sources


def partner_groups(catalog: Catalog, lang: str) -> tuple[PartnerGroup, ...]:
    """The partners index: partners grouped by institution, with their project counts."""
    counts = {v.id: v.count for v in directory(catalog, lang).facets[2].values}
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
    return tuple(groups)


def generated_pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """A page per facet value (theme, status, data source) and per partner, in each language."""
    pages = []
    for lang in LANGUAGES:
        listing = catalog.page(PARTNERS_PAGE, lang)
        if listing is None:
            problems.append(
                Diagnostic(
                    f"content/{PARTNERS_PAGE}.{lang}.md",
                    1,
                    1,
                    "error",
                    "",
                    say("listings.partners_page"),
                )
            )
        found = directory(catalog, lang)
        for facet in found.facets:
            for value in facet.values:
                if facet.name == "partner":
                    continue
                view = FacetPage(facet, value, tuple(c for c in found.cards if _matches(c, facet.name, value.id)))
                title = translate(lang, "facet.title", value=value.label)
                pages.append(_page(f"facet/{facet.name}/{value.id}", lang, value.url, title, view))
        for partner in catalog.partners.values() if listing else ():
            view = PartnerPage(
                partner,
                partner.name[lang],
                translate(lang, f"institution.{partner.institution}"),
                tuple(c for c in found.cards if partner.id in c.partners),
            )
            pages.append(
                _page(
                    f"partner/{partner.id}",
                    lang,
                    facet_url(catalog, "partner", partner.id, lang),
                    partner.name[lang],
                    view,
                )
            )
    return pages


def _page(key: str, lang: str, url: str, title: str, view: object) -> Page:
    return Page(SourcePage(f"_generated/{key}.{lang}.md", "generated", key, lang), title, title, url, view=view)
