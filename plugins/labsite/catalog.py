"""The catalog: every page of every language, with its URL and its translations.

Built once per build from the sources; every output (pages, listings, feeds, cards)
reads it instead of scanning files again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import frontmatter
from .diagnostics import Diagnostic
from .languages import LANGUAGES
from .sources import Asset, SourcePage, discover

HOME = "index"
# Which content page lists the items of a kind, and so gives them their URL prefix.
LISTING_OF_TYPE = {"project": "projects", "news": "news", "job": "jobs", "call": "jobs"}
ANNOUNCEMENT_TYPES = ("news", "job", "call")

# Fields each kind accepts (issue #3 turns items into the full typed model).
CONTENT_FIELDS = {"title": True, "slug": True, "description": False}


@dataclass(frozen=True)
class Page:
    source: SourcePage
    title: str
    description: str
    url: str  # from the site root, "" for the French home, "en/projects/x/" ...
    meta: dict[str, Any] = field(hash=False, compare=False)
    body_line: int = 1

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


@dataclass
class Catalog:
    root: Path
    pages: list[Page]
    assets: list[Asset]
    diagnostics: list[Diagnostic]
    _by_key: dict[str, dict[str, Page]] = field(default_factory=dict)
    _by_path: dict[str, Page] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_key: dict[str, dict[str, Page]] = defaultdict(dict)
        for page in self.pages:
            by_key[page.key][page.lang] = page
            self._by_path[page.path] = page
        self._by_key = dict(by_key)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "warning"]

    def page(self, key: str, lang: str) -> Page | None:
        return self._by_key.get(key, {}).get(lang)

    def by_path(self, path: str) -> Page | None:
        return self._by_path.get(path)

    def translations(self, page: Page) -> list[Page]:
        """The page in every language it exists in, default language first."""
        found = self._by_key.get(page.key, {})
        return [found[code] for code in LANGUAGES if code in found]

    def pages_in(self, lang: str) -> list[Page]:
        return [page for page in self.pages if page.lang == lang]

    def asset_dest(self, asset: Asset, lang: str) -> str | None:
        """Where an asset goes inside a language's build, or None if that language has no owner page."""
        if not asset.owner:
            return asset.path.removeprefix("content/")
        owner = self.page(asset.owner, lang)
        if owner is None:
            return None
        return owner.pass_url + asset.path.removeprefix(asset.owner + "/")


def _text(front: frontmatter.FrontMatter, key: str, required: bool, problems: list[Diagnostic]) -> str:
    line, column = front.position(key)
    if key not in front.data:
        if required:
            problems.append(Diagnostic(front.path, 1, 1, "error", key, "missing required field"))
        return ""
    value = front.data[key]
    if isinstance(value, str):
        return value.strip()
    hint = ""
    if isinstance(value, bool):
        hint = " (YAML reads yes/no/on/off as true/false: put the text in quotes)"
    elif isinstance(value, dt.date | int | float):
        hint = f" (YAML read {value!r} as a {type(value).__name__}: put the text in quotes)"
    problems.append(Diagnostic(front.path, line, column, "error", key, f"must be text{hint}"))
    return ""


def build_catalog(root: Path) -> Catalog:
    """Read and check every source under ``root``; problems are collected, never raised."""
    tree = discover(root)
    problems = list(tree.problems)
    fronts: dict[str, frontmatter.FrontMatter] = {}
    for source in tree.pages:
        front, found = frontmatter.parse(source.path, (root / source.path).read_bytes())
        problems += found
        if front is not None:
            fronts[source.path] = front

    def slug_of(source: SourcePage, front: frontmatter.FrontMatter) -> str:
        slug = _text(front, "slug", source.key != HOME, problems)
        if source.key == HOME and slug:
            line, column = front.position("slug")
            problems.append(Diagnostic(source.path, line, column, "error", "slug", "the home page has no slug"))
        return slug.strip("/")

    # Content pages first: listing pages give items their URL prefix.
    content_urls: dict[tuple[str, str], str] = {}
    pages: list[Page] = []
    for source in tree.pages:
        front = fronts.get(source.path)
        if source.kind != "content" or front is None:
            continue
        for key in front.data:
            if key not in CONTENT_FIELDS:
                line, column = front.position(key)
                allowed = ", ".join(CONTENT_FIELDS)
                problems.append(
                    Diagnostic(source.path, line, column, "error", key, f"unknown field (allowed: {allowed})")
                )
        title = _text(front, "title", True, problems)
        slug = slug_of(source, front)
        prefix = LANGUAGES[source.lang].prefix
        url = f"{prefix}{slug}/" if slug else prefix
        content_urls[(source.key, source.lang)] = url
        pages.append(
            Page(source, title, _text(front, "description", False, problems), url, front.data, front.body_line)
        )

    for source in tree.pages:
        front = fronts.get(source.path)
        if source.kind == "content" or front is None:
            continue
        title = _text(front, "title", True, problems)
        kind = "project"
        if source.kind == "announcement":
            kind = front.data.get("type", "news")
            if kind not in ANNOUNCEMENT_TYPES:
                line, column = front.position("type")
                allowed = ", ".join(ANNOUNCEMENT_TYPES)
                problems.append(Diagnostic(source.path, line, column, "error", "type", f"must be one of: {allowed}"))
                continue
        listing = LISTING_OF_TYPE[kind]
        base = content_urls.get((listing, source.lang))
        if base is None:
            problems.append(
                Diagnostic(
                    source.path,
                    1,
                    1,
                    "error",
                    "",
                    f"no listing page content/{listing}.{source.lang}.md to hold this item",
                )
            )
            continue
        slug = source.key.split("/", 1)[1]
        summary = front.data.get("summary")
        description = summary.strip() if isinstance(summary, str) else ""
        pages.append(Page(source, title, description, f"{base}{slug}/", front.data, front.body_line))

    problems += _check_urls(pages) + _check_translations(pages)
    return Catalog(root, pages, tree.assets, sorted(set(problems)))


def _check_urls(pages: list[Page]) -> list[Diagnostic]:
    seen: dict[str, Page] = {}
    problems = []
    for page in pages:
        other = seen.setdefault(page.url, page)
        if other is not page:
            problems.append(
                Diagnostic(page.path, 1, 1, "error", "slug", f"URL /{page.url} is already taken by {other.path}")
            )
    return problems


def _check_translations(pages: list[Page]) -> list[Diagnostic]:
    langs: dict[str, dict[str, Page]] = defaultdict(dict)
    for page in pages:
        langs[page.key][page.lang] = page
    problems = []
    for found in langs.values():
        any_page = next(iter(found.values()))
        for code in LANGUAGES:
            if code not in found:
                missing = any_page.path.replace(f".{any_page.lang}.md", f".{code}.md")
                problems.append(
                    Diagnostic(
                        any_page.path,
                        1,
                        1,
                        "warning",
                        "",
                        f"no {LANGUAGES[code].name} counterpart: {missing} is missing",
                    )
                )
    return problems
