"""A page of the site in one language: where it comes from, its URL, and what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from labsite.common.languages import LANGUAGES
from labsite.model.content import Item
from labsite.sources.tree import SourcePage


@dataclass(frozen=True)
class Page:
    source: SourcePage
    title: str
    description: str
    url: str  # from the site root, "" for the French home, "en/projects/x/" ...
    item: Item | None = field(default=None, hash=False, compare=False)
    body: str = field(default="", repr=False, compare=False)
    body_line: int = 1
    view: Any = field(default=None, repr=False, compare=False)  # what a generated page shows
    preview: str = ""  # "draft" or "scheduled": shown only by `labsite serve --drafts`

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
