"""The home page: a landing page with the lab's mission, its open positions and latest news."""

from __future__ import annotations

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.base import dress
from labsite.model.catalog import HOME, Catalog
from labsite.model.page import CardText, Page


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    made = []
    items = frozenset(p.key for p in catalog.pages if p.item is not None)  # positions, news: any may show
    for lang in LANGUAGES:
        if (home := catalog.page(HOME, lang)) is not None:
            # The card shows the mission, the kicker says what the lab is.
            card = CardText(translate(lang, "home.kicker"), home.description or home.title)
            made.append(dress(home, "home.html", None, items, card=card))
    return made
