"""A page of the site in one language: where it comes from, its URL, what it shows and how.

The loader makes a page of every source file; generators (``labsite.generators``) give each
its layout (template, parent listing, card) and add the pages made from the catalog itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from labsite.common.languages import LANGUAGES
from labsite.model.content import Item
from labsite.model.people import Person

Kind = Literal["content", "project", "announcement", "person", "generated"]


@dataclass(frozen=True)
class SourcePage:
    path: str  # relative to the repository root, forward slashes ("_generated/..." for generated pages)
    kind: Kind
    key: str  # identity shared by the translations: "data", "projects/<slug>", "facet/theme/imaging"
    lang: str


@dataclass(frozen=True)
class Asset:
    path: str  # relative to the repository root
    owner: str  # key of the page folder it belongs to ("" for content/)
    size: tuple[int, int] | None = None  # an image's (width, height) in pixels, once checked
    # A raster image's sha256 (":alpha" after it if it has transparency): it names its renditions.
    digest: str | None = None


class View:
    """What a page shows beyond its own text, made by its generator (a listing's rows, a
    project's panel of facts...): the base class of every generator's view model."""


@dataclass(frozen=True)
class CardText:
    """What the page's share card says (labsite.outputs.cards draws it)."""

    kind: str = ""  # "Projet", "Offre d'emploi", the listing's title... or "" for a plain page
    title: str = ""
    subtitle: str = ""
    image: str | None = None  # absolute path of the item's image


@dataclass(frozen=True)
class Page:
    source: SourcePage
    title: str
    description: str
    url: str  # from the site root, "" for the French home, "en/projects/x/" ...
    item: Item | Person | None = field(default=None, hash=False, compare=False)
    body: str = field(default="", repr=False, compare=False)
    body_line: int = 1
    preview: str = ""  # "draft" or "scheduled": shown only by `labsite serve --drafts`
    aliases: tuple[str, ...] = ()  # former URLs, from the site root, that lead to it (redirect pages)
    # Set by the page's generator:
    view: View | None = field(default=None, repr=False, compare=False)
    template: str = ""  # of theme_overrides/; "" for Material's main.html
    hide: tuple[str, ...] = ()  # Material's sidebars this page goes without ("navigation", "toc")
    parent: str = ""  # key of the listing the page belongs to
    card: CardText = field(default_factory=CardText, compare=False)
    # Keys of the items whose facts the page shows: its key in the page cache covers them, so it
    # is rendered again when one changes (labsite.build.page_keys).
    shows: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def key(self) -> str:
        return self.source.key

    @property
    def lang(self) -> str:
        return self.source.lang

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def pass_url(self) -> str:
        """URL inside its language's own build (the English pass is rooted at en/)."""
        return self.url[len(LANGUAGES[self.lang].prefix) :]

    @property
    def dest_uri(self) -> str:
        return f"{self.pass_url}index.html"
