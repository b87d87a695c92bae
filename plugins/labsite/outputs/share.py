"""What a shared link shows: the page's card, its Open Graph and Twitter metadata, and the
schema.org JSON-LD of the home page (Organization) and of news pages (NewsArticle)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from labsite.common.dates import long_date
from labsite.common.languages import LANGUAGES, others
from labsite.common.strings import translate
from labsite.common.urls import absolute
from labsite.model.catalog import HOME
from labsite.model.content import Announcement, Project
from labsite.model.page import Page
from labsite.outputs import cards

if TYPE_CHECKING:
    from labsite.model.catalog import Catalog

CARDS_DIR = "assets/cards/"
# The listing a generated page belongs to, for its card's kind line.
GENERATED_PARENT = {
    "facet": "projects",
    "partner": "partners",
    "jobs-kind": "jobs",
    "news-page": "news",
    "news-year": "news",
    "news-tag": "news",
}


def card_name(page: Page) -> str:
    """Where a page's card goes inside its language's build."""
    return f"{CARDS_DIR}{page.pass_url.rstrip('/') or 'index'}.png"


def card_url(page: Page) -> str:
    """The card's URL from the site root."""
    return LANGUAGES[page.lang].prefix + card_name(page)


def _kind_and_subtitle(catalog: Catalog, page: Page) -> tuple[str, str]:
    lang, item = page.lang, page.item
    if isinstance(item, Project):
        parts = [item.acronym] if item.acronym else []
        return translate(lang, "type.project"), " · ".join([*parts, translate(lang, f"status.{item.status}")])
    if isinstance(item, Announcement):
        if item.is_job and item.deadline:
            return translate(lang, f"type.{item.type}"), translate(
                lang, "card.deadline", date=long_date(item.deadline, lang)
            )
        return translate(lang, "type.news"), long_date(item.date, lang)
    if page.key == HOME:
        return translate(lang, "home.kicker"), ""
    if page.source.kind == "generated":
        parent = catalog.page(GENERATED_PARENT[page.key.split("/", 1)[0]], lang)
        return (parent.title if parent else ""), ""
    return "", page.description if page.description != page.title else ""


def card_spec(catalog: Catalog, page: Page, site_name: str, base_url: str) -> cards.CardSpec:
    kind, subtitle = _kind_and_subtitle(catalog, page)
    title = page.description if page.key == HOME and page.description else page.title
    image = None
    if isinstance(page.item, Project | Announcement) and page.item.image:
        section = "projects" if isinstance(page.item, Project) else "news"
        image = str(catalog.root / section / page.item.slug / page.item.image)
    return cards.CardSpec(site_name, kind, title, subtitle, urlsplit(base_url).netloc, image)


def card_specs(catalog: Catalog, lang: str, site_name: str, base_url: str) -> dict[str, cards.CardSpec]:
    """The card of every page of a language, by its path inside the language's build."""
    return {card_name(page): card_spec(catalog, page, site_name, base_url) for page in catalog.pages_in(lang)}


@dataclass(frozen=True)
class ShareMeta:
    """<meta> of a page for Open Graph and Twitter, in order: (attribute, name, content)."""

    tags: tuple[tuple[str, str, str], ...]


def share_meta(catalog: Catalog, page: Page, site_name: str, base_url: str, description: str) -> ShareMeta:
    lang = page.lang
    url = absolute(base_url, page.url)
    image = absolute(base_url, card_url(page))
    alt = translate(lang, "card.alt", title=page.title)
    is_item = isinstance(page.item, Project | Announcement)
    tags = [
        ("property", "og:type", "article" if is_item else "website"),
        ("property", "og:title", page.title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", LANGUAGES[lang].locale),
        *(("property", "og:locale:alternate", other.locale) for other in others(lang)),
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(cards.WIDTH)),
        ("property", "og:image:height", str(cards.HEIGHT)),
        ("property", "og:image:alt", alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image),
        ("name", "twitter:image:alt", alt),
    ]
    if isinstance(page.item, Announcement):
        tags.append(("property", "article:published_time", page.item.date.isoformat()))
    return ShareMeta(tuple(tags))


def organization(base_url: str, site_name: str, lang: str) -> dict[str, Any]:
    """The lab, for the home page: a research organisation of AP-HP and Inria."""
    return {
        "@type": "ResearchOrganization",
        "name": site_name,
        "url": absolute(base_url, LANGUAGES[lang].prefix),
        "logo": absolute(base_url, "assets/images/logo.png"),
        "parentOrganization": [
            {"@type": "Hospital", "name": translate(lang, "org.aphp"), "url": "https://www.aphp.fr/"},
            {"@type": "ResearchOrganization", "name": "Inria", "url": "https://www.inria.fr/"},
        ],
    }


def news_article(page: Page, base_url: str, site_name: str) -> dict[str, Any]:
    item = page.item
    assert isinstance(item, Announcement)
    return {
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.description,
        "datePublished": item.date.isoformat(),
        "dateModified": (item.updated or item.date).isoformat(),
        "inLanguage": page.lang,
        "mainEntityOfPage": absolute(base_url, page.url),
        "image": [absolute(base_url, card_url(page))],
        "publisher": {"@type": "ResearchOrganization", "name": site_name, "url": absolute(base_url, "")},
    }
