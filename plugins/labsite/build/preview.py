"""What a preview (``labsite serve``) renders again after an edit: every page the change shows
on, and no other.

Every page says which items' facts it shows (``Page.shows``, set by its generator): an
edited item renders again its own pages and every page that shows it, before or after the
edit, and a page whose list of items changed (a news page whose items moved) renders again
too. Feeds, cards and the sitemap are remade on every rebuild anyway. A change that can show
on every page (a registry, a content page's title in the navigation) renders everything again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from labsite.common.messages import language, say, shown
from labsite.model.catalog import Catalog
from labsite.sources.tree import CONTENT_DIR, DATA_DIR, ITEM_DIRS, PUBLICATIONS_DIR

# Folders whose files only their own pages show; a person or a publication is shown on many.
_OWN_PAGES = (CONTENT_DIR, *(d for d, kind in ITEM_DIRS.items() if kind != "person"))

Stamps = dict[str, tuple[int, int]]  # repository path -> (modification time ns, size)


def stamps(root: Path) -> Stamps:
    """The modification time and size of every source file."""
    found: Stamps = {}
    pending = [(str(root / section), section) for section in (CONTENT_DIR, *ITEM_DIRS, PUBLICATIONS_DIR, DATA_DIR)]
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
    if any(not path.startswith(tuple(f"{d}/" for d in _OWN_PAGES)) for path in changes):
        return Rebuild(listed, None)  # a registry (data/) or anything else: shown everywhere
    pages: set[str] = set()
    items: set[str] = set()
    for path in changes:
        if path.startswith(f"{CONTENT_DIR}/"):
            before, after = previous.by_path(path), current.by_path(path)
            if before is None and after is None:
                return Rebuild(listed, None)  # a file beside the pages (an image): any page may show it
            if before is None or after is None or (before.title, before.url) != (after.title, after.url):
                return Rebuild(listed, None)  # the navigation of every page names it
            pages.add(path)
        else:
            items.add("/".join(path.split("/")[:2]))
    for page in current.pages:
        before = previous.by_path(page.path)
        if page.key in items or page.shows & items or before is None or before.shows != page.shows:
            pages.add(page.path)
    return Rebuild(listed, frozenset(pages))


@dataclass
class Preview:
    """What a preview remembers from one rebuild to the next: the last catalog that built and
    the sources as they were read for it."""

    good: tuple[Catalog, Stamps] | None = None
    reading: Stamps | None = None

    def read(self, root: Path) -> None:
        """Before reading the sources: an edit made meanwhile is seen by the next rebuild."""
        self.reading = stamps(root)

    def plan(self, catalog: Catalog) -> Rebuild | None:
        """What this rebuild renders (None: everything, the first time)."""
        if self.good is None or self.reading is None:
            return None
        before, seen = self.good
        return affected(before, catalog, changed(seen, self.reading))

    def built(self, catalog: Catalog) -> None:
        assert self.reading is not None
        self.good = (catalog, self.reading)


_ERROR_PAGE = Markup(
    '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
    '<meta name="viewport" content="width=device-width,initial-scale=1"></head>'
    '<body style="font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">'
    '<h1 style="color:#b4441c">{title}</h1><p>{hint}</p>'
    '<pre style="white-space:pre-wrap;background:#f6f1e9;padding:1rem">{errors}</pre></body></html>'
)


def error_page(errors: str) -> Markup:
    """The page a preview shows while the sources have errors, in the contributor's language."""
    lang = language()
    title, hint = shown(say("serve.errors_title"), lang), shown(say("serve.errors_hint"), lang)
    return _ERROR_PAGE.format(lang=lang, title=title, hint=hint, errors=errors)


# What a file watcher reports that asks for a rebuild ("closed": after a write); the system
# also reports files opened for reading, which every build does.
CHANGES = frozenset({"modified", "created", "deleted", "moved", "closed"})
