"""The home page: a landing page with the lab's mission, its open positions and latest news."""

from __future__ import annotations

from dataclasses import dataclass

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators import directory
from labsite.generators.base import dress
from labsite.model.catalog import HOME, Catalog
from labsite.model.page import CardText, Page, View

FEATURED = 3  # projects the home page shows


@dataclass(frozen=True)
class Home(View):
    projects: tuple[directory.Card, ...]  # featured, else the latest


def _projects(catalog: Catalog, lang: str) -> tuple[directory.Card, ...]:
    """The projects marked ``featured`` (ongoing first, then by title), else the latest published."""
    published = [(p, page) for p in catalog.projects.values() if (page := catalog.page(f"projects/{p.slug}", lang))]
    featured = sorted((directory.card(catalog, p, page) for p, page in published if p.featured), key=directory.order)
    if featured:
        return tuple(featured[:FEATURED])
    latest = sorted(published, key=lambda pair: (pair[0].date, pair[0].slug), reverse=True)[:FEATURED]
    return tuple(directory.card(catalog, p, page) for p, page in latest)


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    made = []
    items = frozenset(p.key for p in catalog.pages if p.item is not None)  # positions, news: any may show
    for lang in LANGUAGES:
        if (home := catalog.page(HOME, lang)) is not None:
            # The card: the lab's name and what it is, never a sentence cut short.
            card = CardText("", home.title, translate(lang, "home.kicker"))
            made.append(dress(home, "home.html", Home(_projects(catalog, lang)), items, card=card))
    return made
