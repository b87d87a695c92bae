"""The site's settings a build is made with: its address, its names, its menus."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from labsite.common.urls import absolute


@dataclass(frozen=True)
class Site:
    base_url: str  # the default language's root, with a final slash
    names: Mapping[str, str]  # the site's name in each language (header, <title>, feeds, cards)
    nav: tuple[str, ...] = ()  # content keys of the sections in the top navigation, in order
    footer: tuple[str, ...] = ()  # content keys of the pages linked from every page's footer

    def name(self, lang: str) -> str:
        return self.names[lang]

    def url(self, path: str) -> str:
        """The absolute URL of a path from the site root."""
        return absolute(self.base_url, path)

    def path(self, path: str) -> str:
        """The same as an address from the host's root ("/en/"): right on any host, at any depth."""
        return urlsplit(self.base_url).path.rstrip("/") + "/" + path
