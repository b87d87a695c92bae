"""What a preview (``labsite serve``) renders again after an edit: every page the change shows
on, and no other.

An item's facts (``index.yml``) show on its own pages in both languages, on the listings,
facet, partner, kind, year, tag and numbered news pages it appears on (before or after the
edit), on the home page and on the pages of the items it is linked to;
feeds, cards and the sitemap are remade on every rebuild anyway. A change that can show on
every page (a registry, a content page's title in the navigation) renders everything again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from labsite.common.languages import DEFAULT_LANGUAGE
from labsite.generators import news
from labsite.generators.directory import PARTNERS_PAGE
from labsite.model.catalog import HOME, Catalog
from labsite.model.content import Announcement, Project
from labsite.sources.tree import CONTENT_DIR, DATA_DIR, ITEM_DIRS

Stamps = dict[str, tuple[int, int]]  # repository path -> (modification time ns, size)


def stamps(root: Path) -> Stamps:
    """The modification time and size of every source file."""
    found: Stamps = {}
    pending = [(str(root / section), section) for section in (CONTENT_DIR, *ITEM_DIRS, DATA_DIR)]
    while pending:
        folder, name = pending.pop()
        try:
            listing = os.scandir(folder)
        except OSError:
            continue
        with listing:
            for entry in listing:
                path = f"{name}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        pending.append((entry.path, path))
                    continue
                try:
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
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
        shown_under = {under for catalog in (previous, current) for key in items for under in _listings(catalog, key)}
        shown_under |= _news_pages(previous, current, items)
        pages |= {p.path for p in current.pages if p.key in items or p.key in shown_under}
    return Rebuild(listed, frozenset(pages))


def _listings(catalog: Catalog, key: str) -> set[str]:
    """The keys of the listing pages ``key`` shows on: the content pages that list its kind
    and the generated pages of its facets, partners, kinds, years and tags."""
    section, _, slug = key.partition("/")
    if section == "projects" and (project := catalog.projects.get(slug)) is not None:
        return {
            HOME,
            "projects",
            PARTNERS_PAGE,
            f"facet/status/{project.status}",
            *(f"facet/theme/{theme}" for theme in project.themes),
            *(f"facet/source/{source}" for source in project.data_sources),
            *(f"facet/partner/{partner}" for partner in project.partners),
            *(f"partner/{partner}" for partner in project.partners),
        }
    if section == "news" and (announcement := catalog.announcements.get(slug)) is not None:
        if announcement.is_job:
            return {HOME, "jobs", f"jobs-kind/{announcement.kind}"}
        return {HOME, "news", f"news-year/{announcement.date.year}", *(f"news-tag/{tag}" for tag in announcement.tags)}
    return set()


def _news_pages(previous: Catalog, current: Catalog, items: set[str]) -> set[str]:
    """The numbered news pages where a changed news item was or is: every page from the first
    position it held to the end when the order may have shifted."""
    positions = []
    for catalog in (previous, current):
        order = [f"news/{row.slug}" for row in news.rows(catalog, DEFAULT_LANGUAGE.code)]
        positions += [order.index(key) for key in items if key in order]
        pages = -(-len(order) // news.PAGE_SIZE)
    if not positions:
        return set()
    first = min(positions) // news.PAGE_SIZE + 1
    last = max(positions) // news.PAGE_SIZE + 1
    if len(news.rows(previous, DEFAULT_LANGUAGE.code)) != len(news.rows(current, DEFAULT_LANGUAGE.code)):
        last = max(pages, 1)  # an item added or removed shifts every page after it
    return {f"news-page/{number}" for number in range(first, last + 1)}


def _linked(catalog: Catalog, key: str) -> set[str]:
    """The items whose pages show ``key``: the projects an announcement cites, the
    announcements that cite a project."""
    section, _, slug = key.partition("/")
    if section == "news" and isinstance(item := catalog.announcements.get(slug), Announcement):
        return {f"projects/{cited}" for cited in item.projects}
    if section == "projects" and isinstance(catalog.projects.get(slug), Project):
        return {f"news/{a.slug}" for a in catalog.announcements_by_project.get(slug, [])}
    return set()
