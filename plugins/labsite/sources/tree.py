"""Find the site's source files in the repository and say what each one is.

Layout (Hugo-like: translations by file name):
  content/<stem>.<lang>.md          static pages; assets may sit beside them
  projects/<slug>/index.yml         one folder a project: its facts (index.yml),
  projects/<slug>/index.<lang>.md   its texts, images beside them
  news/<slug>/...                   one folder an announcement (news, job or call), likewise
  people/<slug>/...                 one folder a person: index.yml, and texts if they have a page
  publications/<name>.bib           BibTeX files (HAL, Zotero or a journal's exports)
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.model.page import Asset, Kind, SourcePage

CONTENT_DIR = "content"
ITEM_DIRS: dict[str, Kind] = {"projects": "project", "news": "announcement", "people": "person"}
PUBLICATIONS_DIR = "publications"
DATA_DIR = "data"
ITEM_DATA = "index.yml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PAGE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass
class SourceTree:
    pages: list[SourcePage]
    assets: list[Asset]
    problems: list[Diagnostic]
    item_data: dict[str, str] = field(default_factory=dict)  # item key -> path of its index.yml
    bibliographies: list[str] = field(default_factory=list)  # the .bib files of publications/


def _files(root: Path, section: str, problems: list[Diagnostic]) -> Iterator[tuple[str, ...]]:
    """Files under ``root/section`` as path parts, in a stable order, hidden ones left out (os.walk:
    thousands of item folders make pathlib's rglob the slow part of reading the sources).

    A symbolic link is reported and never followed: committed in a pull request, it would
    publish the build machine's files (/etc/passwd, the runner's credentials)."""
    base = root / section
    if base.is_symlink():
        problems.append(_symlink(section))
        return
    if base.is_dir():
        yield from _walk(str(base), section, (), problems)


def _walk(folder: str, section: str, parts: tuple[str, ...], problems: list[Diagnostic]) -> Iterator[tuple[str, ...]]:
    """A folder's files, then its sub-folders', each in name order (os.scandir knows an entry's
    kind without one more system call per file: thousands of item folders)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:  # removed while being read (a preview's rebuild): as if never there
        return
    folders = []
    for entry in entries:
        if entry.is_symlink():
            problems.append(_symlink(PurePosixPath(section, *parts, entry.name).as_posix()))
        elif entry.name.startswith("."):
            continue
        elif entry.is_dir(follow_symlinks=False):
            folders.append(entry)
        else:
            yield (*parts, entry.name)
    for entry in folders:
        yield from _walk(entry.path, section, (*parts, entry.name), problems)


CACHE_DIR = ".cache"


def committed_caches(root: Path) -> list[Diagnostic]:
    """Files committed under .cache/: a cache is the build's own, never taken from a pull request."""
    listed = _git(root, "ls-files", "-z", "--", CACHE_DIR) or []  # none outside a git checkout
    return [Diagnostic(name, 1, 1, "error", "", say("source.cache")) for name in sorted(listed)]


def changed_paths(root: Path) -> set[str]:
    """Files not yet on the main branch: new or edited in the working tree, and, on a pull
    request (LABSITE_BASE_REF, set by its workflow), every file it changes."""
    found = set(_git(root, "ls-files", "-z", "--others", "--modified", "--exclude-standard") or [])
    if base := os.environ.get("LABSITE_BASE_REF"):
        found |= set(_git(root, "diff", "-z", "--name-only", f"{base}...HEAD") or [])
    return found


def on_main(root: Path, path: str) -> bool:
    """Whether ``path`` is already on the main branch (the pull request's base, else the commit
    checked out): an edit of something published, not an addition."""
    base = os.environ.get("LABSITE_BASE_REF") or "HEAD"
    return _git(root, "cat-file", "-e", f"{base}:{path}") is not None


def _git(root: Path, *args: str) -> list[str] | None:
    """The NUL-separated names git prints, or None where git can't say (no git, no checkout)."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        out = subprocess.run([git, *args], cwd=root, capture_output=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [name for name in out.decode("utf-8", "replace").split("\0") if name]


def _symlink(path: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, "error", "", say("source.symlink"))


def _suffix(name: str) -> str:
    """A file name's extension, as PurePosixPath's ``suffix`` says it ("" for "a." or ".md")."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


# A preview's last tree, with the files it was made from: their names and kinds are all a tree
# depends on, so a rebuild after an edit takes it as it was (walking the sources again cost
# 0.06 s a rebuild on the benchmark's corpus).
_LAST: tuple[object, SourceTree] | None = None


def discover(root: Path, files: Mapping[str, tuple[int, ...]] | None = None) -> SourceTree:
    """List pages and assets; file names that fit no rule are reported, not skipped. ``files``:
    a preview's stamps of every source file (labsite.build.preview.stamps), the file's kind
    last; the tree is made again only when a file is added or removed, or changes kind (a
    symbolic link put in a file's place), or a section's folder does. Never change the tree
    returned."""
    global _LAST
    if files is None:
        return _discover(root)
    sections = tuple(_kind(root / section) for section in (CONTENT_DIR, *ITEM_DIRS, PUBLICATIONS_DIR, DATA_DIR))
    seen = (str(root), sections, {path: stamp[-1] for path, stamp in files.items()})
    if _LAST is None or _LAST[0] != seen:
        _LAST = (seen, _discover(root))
    return _LAST[1]


def _kind(path: Path) -> int | None:
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except OSError:
        return None


def _discover(root: Path) -> SourceTree:
    tree = SourceTree([], [], [])
    allowed = " or ".join(f"'.{code}.md'" for code in LANGUAGES)

    def bad(path: str, message: str) -> None:
        tree.problems.append(Diagnostic(path, 1, 1, "error", "", message))

    # Paths as strings, not PurePosixPath: ten thousand files make it a fifth of a preview's reading.
    for parts in _files(root, CONTENT_DIR, tree.problems):
        rel = "/".join((CONTENT_DIR, *parts))
        if _suffix(parts[-1]) != ".md":
            tree.assets.append(Asset(rel, ""))
            continue
        match = _PAGE_NAME.match(parts[-1])
        if not match or match["lang"] not in LANGUAGES:
            bad(rel, say("source.page_name", allowed=allowed))
            continue
        stem = "/".join((*parts[:-1], match["stem"]))
        tree.pages.append(SourcePage(rel, "content", stem, match["lang"]))

    for section, kind in ITEM_DIRS.items():
        for parts in _files(root, section, tree.problems):
            rel, name = "/".join((section, *parts)), parts[-1]
            if len(parts) < 2:
                bad(rel, say("source.own_folder", section=section))
                continue
            slug = parts[0]
            if not SLUG.match(slug):
                bad(rel, say("source.slug", slug=slug))
                continue
            key = f"{section}/{slug}"
            if len(parts) == 2 and name == ITEM_DATA:
                tree.item_data[key] = rel
                continue
            if _suffix(name) in (".yml", ".yaml"):
                bad(rel, say("source.facts_file", path=f"{section}/{slug}/{ITEM_DATA}"))
                continue
            if _suffix(name) != ".md":
                tree.assets.append(Asset(rel, key))
                continue
            match = _PAGE_NAME.match(name)
            if len(parts) != 2 or not match or match["stem"] != "index" or match["lang"] not in LANGUAGES:
                names = ", ".join(f"index.{code}.md" for code in LANGUAGES)
                bad(rel, say("source.item_files", files=f"{ITEM_DATA}, {names}"))
                continue
            tree.pages.append(SourcePage(rel, kind, key, match["lang"]))
    for parts in _files(root, PUBLICATIONS_DIR, tree.problems):
        rel = "/".join((PUBLICATIONS_DIR, *parts))
        if len(parts) == 1 and rel.endswith(".bib"):
            tree.bibliographies.append(rel)
        else:
            bad(rel, say("source.bib_only", section=PUBLICATIONS_DIR))
    for _ in _files(root, DATA_DIR, tree.problems):
        pass  # the registries are read by name: the walk is for the links it reports
    return tree
