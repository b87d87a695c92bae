"""Checks of where the pages and files of a catalog land: two of them may not share a URL."""

from __future__ import annotations

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.model.catalog import Catalog
from labsite.model.page import Page


def check(catalog: Catalog) -> list[Diagnostic]:
    return _check_urls(catalog) + _check_asset_destinations(catalog)


def _check_asset_destinations(catalog: Catalog) -> list[Diagnostic]:
    """Two files may not land on the same place of the site: a file of content/ under
    projets/<slug>/ would replace that project's image."""
    problems = []
    for code in LANGUAGES:
        taken = {page.dest_uri: page.path for page in catalog.pages_in(code)}
        for asset in sorted(catalog.assets, key=lambda a: (a.owner == "", a.path)):  # items' own files first
            dest = catalog.asset_dest(asset, code)
            if dest is None:
                continue
            other = taken.setdefault(dest, asset.path)
            if other != asset.path:
                message = say("catalog.same_place", dest=dest, other=other)
                problems.append(Diagnostic(asset.path, 1, 1, "error", "", message))
    return problems


def _check_urls(catalog: Catalog) -> list[Diagnostic]:
    seen: dict[str, Page] = {}
    problems = []
    for page, url in [(p, p.url) for p in catalog.pages] + [(p, a) for p in catalog.pages for a in p.aliases]:
        other = seen.setdefault(url, page)
        if other is not page:
            problems.append(
                Diagnostic(page.path, 1, 1, "error", "slug", say("catalog.url_taken", url=url, other=other.path))
            )
    return problems
