"""What a preview (``labsite serve``) remembers from one rebuild to the next.

A rebuild renders again only the pages whose key changed (labsite.build.page_keys: everything
that shapes a page, the items it shows included); the others are already in the folder served,
and the preview keeps what the feeds and the search index take from them. It also says which
source files changed, for its one line a rebuild. Feeds and the sitemap are remade on every
rebuild anyway; a card is put into the folder again only if its file in the card cache changed
(its key: what it shows), and the model objects' digests are kept (labsite.build.page_keys).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_IFMT
from typing import TYPE_CHECKING

from markupsafe import Markup

from labsite.common.messages import language, say, shown
from labsite.sources.tree import CONTENT_DIR, DATA_DIR, ITEM_DIRS, PUBLICATIONS_DIR

if TYPE_CHECKING:
    from labsite.build.page_keys import Memo

Stamps = dict[str, tuple[int, int, int]]  # repository path -> (modification time ns, size, kind)


def stamps(root: Path) -> Stamps:
    """The modification time, size and kind (``stat.S_IFMT``: a symbolic link is not followed)
    of every source file."""
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
                found[path] = (stat.st_mtime_ns, stat.st_size, S_IFMT(stat.st_mode))
    return found


def changed(before: Stamps, after: Stamps) -> set[str]:
    """Files added, removed or modified between two readings."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass(frozen=True)
class Kept:
    """A page as the folder served has it: its key, and what the feeds and the search index take."""

    key: str
    content: str
    search: str  # its entries of the search index, as the index holds them


@dataclass
class Preview:
    """What a preview remembers: the sources as the last good rebuild read them, and the pages
    in the folder served, by (language, source path), and the cards."""

    seen: Stamps | None = None
    reading: Stamps | None = None
    pages: dict[tuple[str, str], Kept] = field(default_factory=dict)
    parallel: bool | None = None  # a process a language (decided at the first build)
    models: Memo = field(default_factory=dict)  # its model objects' digests (labsite.build.page_keys)
    cards: dict[str, dict[str, Path]] = field(default_factory=dict)  # a language's: name -> file in the cache

    def read(self, root: Path) -> None:
        """Before reading the sources: an edit made meanwhile is seen by the next rebuild."""
        self.reading = stamps(root)

    def changes(self) -> tuple[str, ...] | None:
        """The source files changed since the last good rebuild (None: the first one)."""
        if self.seen is None or self.reading is None:
            return None
        return tuple(sorted(changed(self.seen, self.reading)))

    def built(self, models: Memo) -> None:
        self.seen, self.models = self.reading, models

    def forget(self, lang: str) -> None:
        """The folder served may not have the language's pages as remembered (a rebuild failed
        while they were written): the next rebuild places or renders each again."""
        self.pages = {where: page for where, page in self.pages.items() if where[0] != lang}
        self.cards.pop(lang, None)


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
