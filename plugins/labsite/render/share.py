"""What a shared link shows: where the page's card is, and its Open Graph and Twitter tags."""

from __future__ import annotations

from dataclasses import dataclass

from labsite.common.languages import LANGUAGES, others
from labsite.common.strings import translate
from labsite.model.content import Announcement, Project
from labsite.model.page import Page
from labsite.model.site import Site

CARDS_DIR = "assets/cards/"
CARD_WIDTH, CARD_HEIGHT = 1200, 630  # labsite.outputs.cards draws them this size
LOGO, LOGO_SIZE = "assets/images/logo.png", 256  # the lab's square logo, for structured data


def card_name(page: Page) -> str:
    """Where a page's card goes inside its language's build."""
    return f"{CARDS_DIR}{page.pass_url.rstrip('/') or 'index'}.png"


def card_url(page: Page) -> str:
    """The card's URL from the site root."""
    return LANGUAGES[page.lang].prefix + card_name(page)


@dataclass(frozen=True)
class ShareMeta:
    """<meta> of a page for Open Graph and Twitter, in order: (attribute, name, content)."""

    tags: tuple[tuple[str, str, str], ...]


def share_meta(site: Site, page: Page, description: str, card_of: Page | None = None) -> ShareMeta:
    """``card_of``: the page whose card to show (by default its own)."""
    lang = page.lang
    url = site.url(page.url)
    image = site.url(card_url(card_of or page))
    alt = translate(lang, "card.alt", title=page.title)
    is_item = isinstance(page.item, Project | Announcement)
    tags = [
        ("property", "og:type", "article" if is_item else "website"),
        ("property", "og:title", page.title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:site_name", site.name(lang)),
        ("property", "og:locale", LANGUAGES[lang].locale),
        *(("property", "og:locale:alternate", other.locale) for other in others(lang)),
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(CARD_WIDTH)),
        ("property", "og:image:height", str(CARD_HEIGHT)),
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
