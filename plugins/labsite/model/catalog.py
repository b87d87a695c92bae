"""The catalog: every page of every language, with its URL, its translations and its item.

Built once per build from the sources, with every check of the content model; every
output (pages, listings, feeds, cards) reads it instead of scanning files again.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from labsite.common import clock
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.generators import directory, jobs, news
from labsite.generators.directory import RESERVED_SLUGS
from labsite.model.content import Announcement, Partner, Project, Taxonomy
from labsite.model.fields import INVALID, Checker, as_id, close_match
from labsite.model.page import Page
from labsite.model.schemas import CONTENT_PAGE
from labsite.sources import frontmatter
from labsite.sources.assets import check_assets
from labsite.sources.bodies import MAX_BODY_CHARS, anchors, check_body
from labsite.sources.items import LoadedItem, load_item
from labsite.sources.registry import PARTNERS_FILE, TAXONOMY_FILE, load_partners, load_taxonomy
from labsite.sources.tree import ITEM_DATA, Asset, SourcePage, changed_paths, committed_caches, discover

HOME = "index"
# Which content page lists the items of a type, and so gives them their URL prefix.
LISTING_OF_TYPE = {"project": "projects", "news": "news", "job": "jobs", "call": "jobs"}


@dataclass
class Catalog:
    root: Path
    pages: list[Page]
    assets: list[Asset]
    diagnostics: list[Diagnostic]
    partners: dict[str, Partner] = field(default_factory=dict)
    taxonomy: Taxonomy = field(default_factory=lambda: Taxonomy({}, {}))
    projects: dict[str, Project] = field(default_factory=dict)  # published ones, by slug
    announcements: dict[str, Announcement] = field(default_factory=dict)  # published ones
    today: dt.date = field(default_factory=clock.today)
    scheduled: list[tuple[str, dt.date]] = field(default_factory=list)  # (item key, publication date)
    drafts: list[str] = field(default_factory=list)  # item keys
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase of building it
    # Views computed once per build and language by the output modules (cards, facets...).
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)
    _by_key: dict[str, dict[str, Page]] = field(default_factory=dict)
    _by_path: dict[str, Page] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index(self.pages)

    def _index(self, pages: list[Page]) -> None:
        for page in pages:
            self._by_key.setdefault(page.key, {})[page.lang] = page
            self._by_path[page.path] = page

    def add_pages(self, pages: list[Page]) -> None:
        """Pages made from the catalog itself (facet and partner pages)."""
        self.pages += pages
        self._index(pages)

    @cached_property
    def announcements_by_project(self) -> dict[str, list[Announcement]]:
        """Published announcements citing each project, newest first."""
        found: dict[str, list[Announcement]] = defaultdict(list)
        for announcement in sorted(self.announcements.values(), key=lambda a: a.date, reverse=True):
            for slug in announcement.projects:
                found[slug].append(announcement)
        return dict(found)

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
        """Where an asset goes inside a language's build; None if its page is not published."""
        if not asset.owner:
            return asset.path.removeprefix("content/")
        owner = self.page(asset.owner, lang)
        if owner is None:
            return None
        return owner.pass_url + asset.path.removeprefix(asset.owner + "/")


def build_catalog(root: Path, today: dt.date | None = None, previews: bool = False) -> Catalog:
    """Read and check every source under ``root``; problems are collected, never raised.
    ``previews`` (``labsite serve --drafts`` only) also lays out drafts and items dated later,
    each page marked as such: a build never publishes them."""
    today = today or clock.today()
    started = time.perf_counter()
    tree = discover(root)
    problems = tree.problems + committed_caches(root)
    partners = load_partners(root, problems)
    taxonomy = load_taxonomy(root, problems)

    pages: list[Page] = []
    listing_urls: dict[tuple[str, str], str] = {}
    for source in tree.pages:
        if source.kind == "content" and (page := _content_page(root, source, problems)) is not None:
            pages.append(page)
            listing_urls[(source.key, source.lang)] = page.url
    _check_counterparts([p.source for p in pages], problems)

    item_pages: dict[str, list[SourcePage]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for source in tree.pages:
        if source.kind != "content":
            item_pages[source.key].append(source)
            kinds[source.key] = source.kind
    for key in tree.item_data:
        kinds.setdefault(key, "project" if key.startswith("projects/") else "announcement")
    loaded: dict[str, LoadedItem] = {}
    for key in sorted(kinds):
        if reserved := _reserved(key, kinds[key]):
            problems.append(Diagnostic(f"{key}/{ITEM_DATA}", 1, 1, "error", "", reserved))
            continue
        item = load_item(root, key, kinds[key], tree.item_data.get(key), item_pages[key], problems)
        if item is not None:
            loaded[key] = item

    project_slugs = {key.split("/", 1)[1] for key, kind in kinds.items() if kind == "project"}
    known = {
        "partner": set(partners),
        "theme": set(taxonomy.themes),
        "tag": set(taxonomy.tags),
        "project": project_slugs,
    }
    broken = {d.path for d in problems if d.level == "error"}
    broken_registries = {
        kind
        for kind, name in (("partner", PARTNERS_FILE), ("theme", TAXONOMY_FILE), ("tag", TAXONOMY_FILE))
        if name in broken
    }
    where_defined = {"partner": PARTNERS_FILE, "theme": TAXONOMY_FILE, "tag": TAXONOMY_FILE, "project": "projects/"}
    projects: dict[str, Project] = {}
    announcements: dict[str, Announcement] = {}
    scheduled: list[tuple[str, dt.date]] = []
    drafts: list[str] = []
    unpublished: set[str] = set()  # drafts and scheduled items, on purpose
    changed = {path.rsplit("/", 1)[0] for path in changed_paths(root)}  # item keys with work not yet on main
    for key, entry in loaded.items():
        ck = Checker(entry.doc, problems)
        before = len(problems)
        for kind, ident, where in entry.references:
            if kind in broken_registries:
                continue  # its own errors are reported; don't add one per reference
            if ident not in known[kind]:
                names = {"kind": say(f"kind.{kind}"), "id": ident, "kinds": say(f"kind.{kind}s")}
                if (fixed := as_id(ident)) != ident and fixed in known[kind]:
                    ck.error(where, say("ref.case", value=ident, fixed=fixed))
                elif close := close_match(ident, known[kind]):
                    ck.error(where, say("catalog.unknown_ref_close", close=close, where=where_defined[kind], **names))
                else:
                    listed = ", ".join(sorted(known[kind])) or "-"
                    ck.error(where, say("catalog.unknown_ref_list", where=where_defined[kind], known=listed, **names))
        item = entry.item
        if item is None or len(problems) > before:
            continue  # its errors are reported
        if isinstance(item, Announcement):
            for index, slug in enumerate(item.projects):
                cited = loaded.get(f"projects/{slug}")
                if cited is not None and cited.item is not None and cited.item.draft and not item.draft:
                    ck.error(("projects", index), say("catalog.draft_cited", slug=slug))
        preview = ""
        if item.draft:
            drafts.append(key)
            preview = "draft"
        elif isinstance(item, Announcement) and item.date > today:
            scheduled.append((key, item.date))
            preview = "scheduled"
        if preview and not previews:
            unpublished.add(key)
            continue  # checked, but not published
        if isinstance(item, Announcement) and item.is_job and not item.is_open(today) and key in changed:
            # Added or edited now with a deadline already past: it would never be shown open.
            where = entry.doc.key_at(("deadline",))
            message = say("item.deadline_passed", deadline=item.deadline.isoformat() if item.deadline else "")
            problems.append(Diagnostic(entry.doc.path, *where, "warning", "deadline", message))
        listing = LISTING_OF_TYPE["project" if isinstance(item, Project) else item.type]
        for code, text in entry.texts.items():
            base = listing_urls.get((listing, code))
            if base is None:
                problems.append(
                    Diagnostic(
                        text.path,
                        1,
                        1,
                        "error",
                        "",
                        say("catalog.no_listing", listing=listing, code=code),
                    )
                )
                continue
            source = SourcePage(text.path, "project" if isinstance(item, Project) else "announcement", key, code)
            url = f"{base}{item.slug}/"
            pages.append(Page(source, text.title, text.summary, url, item, text.body, text.body_line, preview=preview))
        if isinstance(item, Project):
            projects[item.slug] = item
        else:
            announcements[item.slug] = item

    problems += check_assets(root, tree.assets)  # drafts' too: they are published one day
    catalog = Catalog(
        root, pages, tree.assets, [], partners, taxonomy, projects, announcements, today, scheduled, drafts
    )
    loaded_at = time.perf_counter()
    if not any(d.level == "error" for d in problems):
        # Listings are made from valid content only (a build with errors stops anyway).
        if projects:
            catalog.add_pages(directory.generated_pages(catalog, problems))
        catalog.add_pages(jobs.generated_pages(catalog, problems))
        catalog.add_pages(news.generated_pages(catalog, problems))
    problems += _check_urls(catalog.pages) + _check_asset_destinations(catalog)
    published, sources = {p.path for p in catalog.pages}, {s.path for s in tree.pages}
    # An item with errors of its own is not published either; links to it are not errors too.
    published |= {s.path for s in tree.pages if s.kind != "content" and s.key not in unpublished} - published
    bodies = {p.path: p.body for p in catalog.pages}
    found_anchors: dict[str, set[str]] = {}

    def anchors_of(path: str) -> set[str] | None:
        if path not in bodies or len(bodies[path]) > MAX_BODY_CHARS:
            return None  # not a page, or one refused for its size
        if path not in found_anchors:
            found_anchors[path] = anchors(bodies[path])
        return found_anchors[path]

    for page in catalog.pages:
        problems += check_body(page.path, page.body, page.body_line, root, published, sources, anchors_of)
        if isinstance(page.item, Announcement) and (text := page.item.texts[page.lang]).apply:
            problems += check_body(page.path, text.apply, text.apply_line, root, published, sources, anchors_of)
    catalog.diagnostics = sorted(set(problems))
    catalog.timings = {"load and check": loaded_at - started, "catalog": time.perf_counter() - loaded_at}
    return catalog


def _reserved(key: str, kind: str) -> str | None:
    """Folder names that would collide with a listing's own pages (/projets/themes/, /actualites/2026/...)."""
    slug = key.split("/", 1)[1]
    if kind == "project" and slug in RESERVED_SLUGS:
        return say("catalog.reserved_project", slug=slug)
    if kind == "announcement" and (
        slug in news.RESERVED_SLUGS | set(jobs.KIND_SEGMENT.values()) or re.fullmatch(r"\d{4}", slug)
    ):
        return say("catalog.reserved_news", slug=slug)
    return None


def _content_page(root: Path, source: SourcePage, problems: list[Diagnostic]) -> Page | None:
    front, found = frontmatter.read(root, source.path)
    problems += found
    if front is None:
        return None
    data: dict[str, Any] = dict(front.data)
    ck = Checker(front.doc, problems)
    if source.key == HOME:
        if data.pop("slug", "") not in ("", None):
            ck.error(("slug",), say("catalog.home_slug"))
    elif not data.get("slug"):
        ck.error(("slug",), say("catalog.slug_missing"), at_key=True)
        return None
    checked = CONTENT_PAGE.check(data, (), ck)
    if checked is INVALID:
        return None
    slug = checked.get("slug", "")
    prefix = LANGUAGES[source.lang].prefix
    url = f"{prefix}{slug}/" if slug else prefix
    return Page(source, checked["title"], checked.get("description", ""), url, None, front.body, front.body_line)


def _check_counterparts(sources: list[SourcePage], problems: list[Diagnostic]) -> None:
    langs: dict[str, dict[str, SourcePage]] = defaultdict(dict)
    for source in sources:
        langs[source.key][source.lang] = source
    for found in langs.values():
        any_source = next(iter(found.values()))
        for code in LANGUAGES:
            if code not in found:
                missing = any_source.path.replace(f".{any_source.lang}.md", f".{code}.md")
                problems.append(
                    Diagnostic(
                        any_source.path,
                        1,
                        1,
                        "error",
                        "",
                        say("catalog.counterpart", language=say(f"language.{code}"), missing=missing),
                    )
                )


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


def _check_urls(pages: list[Page]) -> list[Diagnostic]:
    seen: dict[str, Page] = {}
    problems = []
    for page in pages:
        other = seen.setdefault(page.url, page)
        if other is not page:
            problems.append(
                Diagnostic(page.path, 1, 1, "error", "slug", say("catalog.url_taken", url=page.url, other=other.path))
            )
    return problems
