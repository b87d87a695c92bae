"""The share card of every page of a language, as labsite.outputs.cards draws them."""

from __future__ import annotations

from urllib.parse import urlsplit

from labsite.model.catalog import Catalog
from labsite.model.site import Site
from labsite.outputs.cards import CardSpec
from labsite.render.share import card_name


def card_specs(catalog: Catalog, site: Site, lang: str) -> dict[str, CardSpec]:
    """By the card's path inside the language's build."""
    host = urlsplit(site.base_url).netloc
    specs = {}
    for page in catalog.pages_in(lang):
        card = page.card
        specs[card_name(page)] = CardSpec(site.name(lang), card.kind, card.title, card.subtitle, host, card.image)
    return specs
