"""Parts of Material's pages rendered once for all the pages that show them alike.

Material renders them on every page. The navigation sidebar and the tabs took a tenth of the
templates' time: almost every page (items, facets, partners, tags) is outside the navigation,
and such a page shows them as its neighbours do: the same entries active, links relative to
folders of one parent. A page in the navigation (its entry active, its table of contents inside
it) has its own. They link only to the navigation's pages, the home page and the theme's assets
(never inside an item's folder).

The search box, the style sheets, the scripts and the theme's settings show nothing of the page
but links to the theme's assets (``assets/``): the same for every page at one depth of folders.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

Key = tuple[str, tuple[str, ...], int, tuple[bool, ...]]
# Parts that show of the page only how deep its folder is (labsite.render.templates.MENDS).
BY_DEPTH = frozenset({"search", "styles", "config", "scripts"})
ASSETS = "assets"  # where those parts link to: a page in it would have shorter links


class SharedParts:
    """One language pass's parts (``ls_shared`` in the templates): ``part`` as ``render()``
    makes it for ``page``, made once for each place in the site that shows it alike."""

    def __init__(self) -> None:
        self._kept: dict[Key, str] = {}
        self._nav: tuple[Any, list[Any], list[tuple[str, ...]]] | None = None

    def __call__(self, part: str, page: Any, nav: Any, render: Callable[[], str]) -> str:
        key = self._key(part, page, nav)
        if key is None:
            return render()
        if (html := self._kept.get(key)) is None:
            html = self._kept[key] = render()
        return html

    def _key(self, part: str, page: Any, nav: Any) -> Key | None:
        url = getattr(page, "url", None)
        if nav is None or not isinstance(url, str):
            return None
        # The folder links are made relative to, as MkDocs' url filter takes it (a file's name
        # has a dot): pages in folders of one parent get the same links but to their own folders.
        folder, _, name = url.rpartition("/")
        folder = _parts(folder if "." in name else url)
        if self._nav is None or self._nav[0] is not nav:  # another build's: its titles may differ
            self._kept.clear()
            items = list(_walk(nav.items))
            targets = [_parts(u) for u in (getattr(i, "url", None) for i in items) if isinstance(u, str)]
            self._nav = nav, items, [*targets, _parts(nav.homepage.url if nav.homepage else "")]
        if part in BY_DEPTH:
            return None if folder[:1] == (ASSETS,) else (part, (), len(folder), ())
        _, items, targets = self._nav
        if any(item is page for item in items):
            return None
        if any(target[: len(folder)] == folder for target in targets if folder):
            return None
        return part, folder[:-1], len(folder), tuple(bool(getattr(i, "active", False)) for i in items)


def _walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _parts(url: str) -> tuple[str, ...]:
    path = posixpath.normpath("/" + url)[1:]
    return tuple(path.split("/")) if path else ()
