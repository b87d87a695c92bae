"""Find the site's source files in the repository and say what each one is.

Layout (Hugo-like: translations by file name):
  content/<stem>.<lang>.md          static pages; assets may sit beside them
  projects/<slug>/index.yml         one folder a project: its facts (index.yml),
  projects/<slug>/index.<lang>.md   its texts, images beside them
  news/<slug>/...                   one folder an announcement (news, job or call), likewise
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from .diagnostics import Diagnostic
from .languages import LANGUAGES

Kind = Literal["content", "project", "announcement", "generated"]

CONTENT_DIR = "content"
ITEM_DIRS: dict[str, Kind] = {"projects": "project", "news": "announcement"}
ITEM_DATA = "index.yml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PAGE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass(frozen=True)
class SourcePage:
    path: str  # relative to the repository root, forward slashes
    kind: Kind
    key: str  # identity shared by the translations: "data", "projects/<slug>"
    lang: str


@dataclass(frozen=True)
class Asset:
    path: str  # relative to the repository root
    owner: str  # key of the page folder it belongs to ("" for content/)


@dataclass
class SourceTree:
    pages: list[SourcePage]
    assets: list[Asset]
    problems: list[Diagnostic]
    item_data: dict[str, str] = field(default_factory=dict)  # item key -> path of its index.yml


def _files(base: Path) -> Iterator[tuple[str, ...]]:
    """Files under ``base`` as path parts, in a stable order, hidden ones left out (os.walk:
    thousands of item folders make pathlib's rglob the slow part of reading the sources)."""
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        parts = Path(folder).relative_to(base).parts
        for name in sorted(files):
            if not name.startswith("."):
                yield (*parts, name)


def discover(root: Path) -> SourceTree:
    """List pages and assets; file names that fit no rule are reported, not skipped."""
    tree = SourceTree([], [], [])
    allowed = " or ".join(f"'.{code}.md'" for code in LANGUAGES)

    def bad(path: str, message: str) -> None:
        tree.problems.append(Diagnostic(path, 1, 1, "error", "", message))

    for parts in _files(root / CONTENT_DIR):
        file = PurePosixPath(CONTENT_DIR, *parts)
        rel = file.as_posix()
        if file.suffix != ".md":
            tree.assets.append(Asset(rel, ""))
            continue
        match = _PAGE_NAME.match(file.name)
        if not match or match["lang"] not in LANGUAGES:
            bad(rel, f"a page's file name must end in {allowed} (e.g. 'about.fr.md')")
            continue
        stem = PurePosixPath(*parts).parent.joinpath(match["stem"]).as_posix()
        tree.pages.append(SourcePage(rel, "content", stem, match["lang"]))

    for section, kind in ITEM_DIRS.items():
        for parts in _files(root / section):
            file = PurePosixPath(section, *parts)
            rel = file.as_posix()
            if len(parts) < 2:
                bad(rel, f"put each item in its own folder: {section}/<slug>/index.fr.md and index.en.md")
                continue
            slug = parts[0]
            if not SLUG.match(slug):
                bad(rel, f"folder name {slug!r} is not a valid slug: use lowercase letters, digits and single hyphens")
                continue
            key = f"{section}/{slug}"
            if len(parts) == 2 and file.name == ITEM_DATA:
                tree.item_data[key] = rel
                continue
            if file.suffix in (".yml", ".yaml"):
                bad(rel, f"an item's facts go in {section}/{slug}/{ITEM_DATA}; rename or remove this file")
                continue
            if file.suffix != ".md":
                tree.assets.append(Asset(rel, key))
                continue
            match = _PAGE_NAME.match(file.name)
            if len(parts) != 2 or not match or match["stem"] != "index" or match["lang"] not in LANGUAGES:
                names = ", ".join(f"index.{code}.md" for code in LANGUAGES)
                bad(rel, f"an item folder holds {ITEM_DATA}, {names} and its images; rename or move this file")
                continue
            tree.pages.append(SourcePage(rel, kind, key, match["lang"]))
    return tree
