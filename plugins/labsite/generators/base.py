"""What every generator uses to give a page its layout, or to make a page of its own."""

from __future__ import annotations

import dataclasses

from labsite.model.catalog import Catalog
from labsite.model.content import Item
from labsite.model.page import CardText, Page, SourcePage, View

# Landing pages, listings, their generated pages and item pages have no documentation
# sidebars: an item is read as a page of the site, not as a chapter of a manual.
WIDE = ("navigation", "toc")
ITEM = WIDE


def plain_card(page: Page) -> CardText:
    return CardText("", page.title, page.description if page.description != page.title else "")


def item_card(catalog: Catalog, page: Page, item: Item, kind: str, subtitle: str) -> CardText:
    section = "projects" if item.type == "project" else "news"
    image = str(catalog.root / section / item.slug / item.image) if item.image else None
    return CardText(kind, page.title, subtitle, image)


def dress(
    page: Page,
    template: str,
    view: View | None,
    shows: frozenset[str],
    hide: tuple[str, ...] = WIDE,
    card: CardText | None = None,
) -> Page:
    """A page of the sources with its layout: a listing's own content page, an item's page."""
    card = card or plain_card(page)
    return dataclasses.replace(page, template=template, view=view, shows=shows, hide=hide, card=card)


def generated(
    key: str, lang: str, url: str, title: str, view: View, *, template: str, parent: Page, shows: frozenset[str]
) -> Page:
    """A page made from the catalog alone (a facet value, a partner, a year of news...), under
    its parent listing: its card names the listing."""
    source = SourcePage(f"_generated/{key}.{lang}.md", "generated", key, lang)
    return Page(
        source,
        title,
        title,
        url,
        view=view,
        template=template,
        hide=WIDE,
        parent=parent.key,
        card=CardText(parent.title, title),
        shows=shows,
    )


def plain(page: Page) -> Page:
    """A page of content/ that no generator lays out: Material's page, with its sidebars."""
    return dataclasses.replace(page, card=plain_card(page))
