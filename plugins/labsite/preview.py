"""What a preview (``labsite serve``) renders again after an edit: every page the change shows
on, and no other.

An item's facts (``index.yml``) show on its own pages in both languages, on the listings,
facet and partner pages, on the home page and on the pages of the items it is linked to;
feeds, cards and the sitemap are remade on every rebuild anyway. A change that can show on
every page (a registry, a content page's title in the navigation) renders everything again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .catalog import HOME, LISTING_OF_TYPE, Catalog
from .listings import PARTNERS_PAGE
from .model import Announcement, Project
from .sources import CONTENT_DIR, DATA_DIR, ITEM_DIRS

Stamps = dict[str, tuple[int, int]]  # repository path -> (modification time ns, size)
# Content pages that show items: the home page (latest news, open positions) and the listings.
LISTING_PAGES = frozenset({HOME, PARTNERS_PAGE, *LISTING_OF_TYPE.values()})


def stamps(root: Path) -> Stamps:
    """The modification time and size of every source file."""
    found: Stamps = {}
    for section in (CONTENT_DIR, *ITEM_DIRS, DATA_DIR):
        for folder, dirs, files in os.walk(root / section):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[os.path.relpath(path, root).replace(os.sep, "/")] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed(before: Stamps, after: Stamps) -> set[str]:
    """Files added, removed or modified between two readings."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass(frozen=True)
class Rebuild:
    """What a rebuild renders: ``pages`` (source paths) or everything (``pages`` is None)."""

    changed: tuple[str, ...]
    pages: frozenset[str] | None

    def renders(self, path: str) -> bool:
        return self.pages is None or path in self.pages


def affected(previous: Catalog, current: Catalog, changes: set[str]) -> Rebuild:
    """The pages of ``current`` that show something of ``changes``, knowing ``previous``."""
    listed = tuple(sorted(changes))
    if any(not path.startswith((f"{CONTENT_DIR}/", *(f"{d}/" for d in ITEM_DIRS))) for path in changes):
        return Rebuild(listed, None)  # a registry (data/) or anything else: shown everywhere
    pages: set[str] = set()
    items: set[str] = set()
    for path in changes:
        if path.startswith(f"{CONTENT_DIR}/"):
            before, after = previous.by_path(path), current.by_path(path)
            if before is None or after is None or (before.title, before.url) != (after.title, after.url):
                return Rebuild(listed, None)  # the navigation of every page names it
            pages.add(path)
        else:
            items.add("/".join(path.split("/")[:2]))
    if items:
        for catalog in (previous, current):
            for key in set(items):
                items |= _linked(catalog, key)
        pages |= {p.path for p in current.pages if p.key in items}
        # Listings, facet, partner and archive pages, and the content pages that hold listings.
        pages |= {p.path for p in current.pages if p.source.kind == "generated" or p.key in LISTING_PAGES}
    return Rebuild(listed, frozenset(pages))


def _linked(catalog: Catalog, key: str) -> set[str]:
    """The items whose pages show ``key``: the projects an announcement cites, the
    announcements that cite a project."""
    section, _, slug = key.partition("/")
    if section == "news" and isinstance(item := catalog.announcements.get(slug), Announcement):
        return {f"projects/{cited}" for cited in item.projects}
    if section == "projects" and isinstance(catalog.projects.get(slug), Project):
        return {f"news/{a.slug}" for a in catalog.announcements_by_project.get(slug, [])}
    return set()
