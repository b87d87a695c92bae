"""Read and check every source once: the content pages, the items and the registries, as a
catalog of pages without their layout yet (labsite.generators gives it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from labsite.common import digests
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.model import timeline
from labsite.model.catalog import HOME, Catalog
from labsite.model.content import LISTING_OF_TYPE, Announcement, Project
from labsite.model.fields import INVALID, Checker, as_id, close_match
from labsite.model.page import Page, SourcePage
from labsite.model.people import Person
from labsite.model.schemas import CONTENT_PAGE
from labsite.sources import bodies, body_cache, frontmatter, halves, item_memo
from labsite.sources.assets import check_assets
from labsite.sources.bibtex import read_publications
from labsite.sources.bodies import MAX_BODY_CHARS, among, anchors, check_body
from labsite.sources.items import LoadedItem, load_item
from labsite.sources.people import load_person
from labsite.sources.registry import PARTNERS_FILE, TAXONOMY_FILE, load_partners, load_taxonomy
from labsite.sources.tree import (
    ITEM_DATA,
    ITEM_DIRS,
    PUBLICATIONS_DIR,
    changed_paths,
    committed_caches,
    discover,
    on_main,
)

Reserved = Callable[[str, str], bool]  # (item kind, slug) -> the slug is a listing's own URL segment


def read(
    root: Path,
    today: dt.date,
    reserved: Reserved,
    previews: bool = False,
    *,
    parallel: bool = False,
    files: item_memo.Stamps | None = None,
) -> Catalog:
    """Read and check every source under ``root``; problems are collected, never raised.
    ``previews`` (``labsite serve --drafts`` only) also lays out drafts and items dated later,
    each page marked as such: a build never publishes them. ``reserved`` says which slugs
    the generators' own pages use. ``parallel``: the items read in two processes
    (labsite.sources.halves). ``files``: a preview's stamps of the source files, read before
    this; an item whose files kept theirs is taken as the last rebuild checked it."""
    started = time.perf_counter()
    body_cache.current = body_cache.Store(root)
    bodies.found_links.clear()  # a preview's last rebuild's
    digests.recall(root)
    try:
        return _read(root, today, reserved, previews, parallel, files, started)
    finally:
        digests.remember(root)
        body_cache.current.save()
        body_cache.current = body_cache.Store(None)


def _read(
    root: Path,
    today: dt.date,
    reserved: Reserved,
    previews: bool,
    parallel: bool,
    files: item_memo.Stamps | None,
    started: float,
) -> Catalog:
    tree = discover(root, files)
    problems = tree.problems + committed_caches(root)
    partners = load_partners(root, problems)
    taxonomy = load_taxonomy(root, problems)
    publications = read_publications(root, tree.bibliographies, problems)

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
        kinds.setdefault(key, ITEM_DIRS[key.split("/", 1)[0]])

    folders = item_memo.by_folder(files) if files is not None else None

    def load_items(keys: list[str], problems: list[Diagnostic]) -> dict[str, LoadedItem]:
        loaded: dict[str, LoadedItem] = {}
        for key in keys:
            if reserved(kinds[key], key.split("/", 1)[1]):
                message = say(
                    f"catalog.reserved_{'project' if kinds[key] == 'project' else 'news'}", slug=key.split("/", 1)[1]
                )
                problems.append(Diagnostic(f"{key}/{ITEM_DATA}", 1, 1, "error", "", message))
                continue
            data = tree.item_data.get(key)
            inputs = (root, kinds[key], data, tuple(item_pages[key]), folders.get(key)) if folders is not None else None
            if inputs is not None and (known := item_memo.recall(key, inputs)) is not None:
                item, found = known
                problems += found
            else:
                before = len(problems)
                if kinds[key] == "person":
                    item = load_person(root, key, data, item_pages[key], problems)
                else:
                    item = load_item(root, key, kinds[key], data, item_pages[key], problems, reserved)
                if inputs is not None:
                    item_memo.keep(key, inputs, item, problems[before:])
            if item is not None:
                loaded[key] = item
        return loaded

    # Measured: reading and checking a project costs about twice an announcement.
    weight = {kind: 2.0 if kind == "project" else 1.0 for kind in set(kinds.values())}
    loaded = halves.run(load_items, sorted(kinds), problems, parallel=parallel, weight=lambda key: weight[kinds[key]])
    if folders is not None:
        item_memo.forget_others(set(kinds))

    project_slugs = {key.split("/", 1)[1] for key, kind in kinds.items() if kind == "project"}
    known = {
        "partner": set(partners),
        "theme": set(taxonomy.themes),
        "tag": set(taxonomy.tags),
        "project": project_slugs,
        "person": {key.split("/", 1)[1] for key, kind in kinds.items() if kind == "person"},
        "publication": set(publications),
    }
    broken = {d.path for d in problems if d.level == "error"}
    broken_registries = {
        kind
        for kind, name in (("partner", PARTNERS_FILE), ("theme", TAXONOMY_FILE), ("tag", TAXONOMY_FILE))
        if name in broken
    }
    if any(path.startswith(f"{PUBLICATIONS_DIR}/") for path in broken):
        broken_registries.add("publication")  # an entry it can't read may be the one cited
    where_defined = {
        "partner": PARTNERS_FILE,
        "theme": TAXONOMY_FILE,
        "tag": TAXONOMY_FILE,
        "project": "projects/",
        "person": "people/",
        "publication": f"{PUBLICATIONS_DIR}/",
    }
    projects: dict[str, Project] = {}
    announcements: dict[str, Announcement] = {}
    people: dict[str, Person] = {}
    identities: dict[tuple[str, str], str] = {}  # (field, value) -> the person's slug
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
        if isinstance(item, Person):
            # One folder per person: the same iD or address twice would split their works and ads.
            for name in ("orcid", "hal", "email"):
                if (value := getattr(item, name)) and (
                    other := identities.setdefault((name, value.lower()), item.slug)
                ) != item.slug:
                    ck.error((name,), say("catalog.person_twice", value=value, other=f"people/{other}/{ITEM_DATA}"))
            if len(problems) > before:
                continue
            people[item.slug] = item
            pages += _person_pages(key, item, listing_urls, problems)
            continue
        if isinstance(item, Announcement):
            for index, slug in enumerate(item.projects):
                cited = loaded.get(f"projects/{slug}")
                if cited is not None and cited.item is not None and cited.item.draft and not item.draft:
                    ck.error(("projects", index), say("catalog.draft_cited", slug=slug))
        preview = ""
        if item.draft:
            drafts.append(key)
            preview = "draft"
        elif timeline.standing(item, today).scheduled:
            scheduled.append((key, item.date))
            preview = "scheduled"
        if preview and not previews:
            unpublished.add(key)
            continue  # checked, but not published
        if (
            isinstance(item, Announcement)
            and item.type == "event"
            and key in changed
            and timeline.last_changed_before(item, today)
            and on_main(root, f"{key}/{ITEM_DATA}")
        ):
            # A published event edited without moving `updated`: calendars that subscribed keep
            # their copy (SEQUENCE and DTSTAMP follow `updated`).
            where = entry.doc.key_at(("updated",) if "updated" in entry.doc.data else ("type",))
            message = say("event.updated_stale", today=today.isoformat())
            problems.append(Diagnostic(entry.doc.path, *where, "warning", "updated", message))
        if timeline.standing(item, today).closed and key in changed:
            # Added or edited now with a deadline already past: it would never be shown open.
            where = entry.doc.key_at(("deadline",))
            message = say("item.deadline_passed", deadline=item.deadline.isoformat() if item.deadline else "")
            problems.append(Diagnostic(entry.doc.path, *where, "warning", "deadline", message))
        listing = LISTING_OF_TYPE[item.type]
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
            # A page of its own slug in a language: the folder's name leads to it still.
            url = f"{base}{text.slug or item.slug}/"
            aliases = (f"{base}{item.slug}/",) if text.slug and text.slug != item.slug else ()
            page = Page(source, text.title, text.summary, url, item, text.body, text.body_line, preview=preview)
            pages.append(dataclasses.replace(page, aliases=aliases) if aliases else page)
        if isinstance(item, Project):
            projects[item.slug] = item
        else:
            announcements[item.slug] = item

    assets, asset_problems = check_assets(root, tree.assets, files)  # drafts' too: they are published one day
    problems += asset_problems
    published, sources = {p.path for p in pages}, {s.path for s in tree.pages}
    # An item with errors of its own is not published either; links to it are not errors too.
    published |= {s.path for s in tree.pages if s.kind != "content" and s.key not in unpublished} - published
    bodies = {p.path: p.body for p in pages}
    found_anchors: dict[str, set[str]] = {}

    def anchors_of(path: str) -> set[str] | None:
        if path not in bodies or len(bodies[path]) > MAX_BODY_CHARS:
            return None  # not a page, or one refused for its size
        if path not in found_anchors:
            found_anchors[path] = anchors(bodies[path])
        return found_anchors[path]

    checked = among(published, sources) if files is not None else None  # a preview's
    for page in pages:
        problems += check_body(
            page.path, page.body, page.body_line, root, published, sources, anchors_of, among=checked
        )
        if isinstance(page.item, Announcement) and (text := page.item.texts[page.lang]).apply:
            problems += check_body(
                page.path, text.apply, text.apply_line, root, published, sources, anchors_of, among=checked
            )
    return Catalog(
        root=root,
        today=today,
        pages=tuple(pages),
        assets=assets,
        diagnostics=tuple(sorted(set(problems))),
        partners=partners,
        taxonomy=taxonomy,
        projects=projects,
        announcements=announcements,
        people=people,
        publications=publications,
        scheduled=tuple(scheduled),
        drafts=tuple(drafts),
        timings={"load and check": time.perf_counter() - started},
    )


def _person_pages(
    key: str, person: Person, listing_urls: dict[tuple[str, str], str], problems: list[Diagnostic]
) -> list[Page]:
    """A person's page in each language, under the people listing, if they have one."""
    made = []
    for code, text in person.texts.items():
        base = listing_urls.get((LISTING_OF_TYPE["person"], code))
        if base is None:
            message = say("catalog.no_listing", listing=LISTING_OF_TYPE["person"], code=code)
            problems.append(Diagnostic(text.path, 1, 1, "error", "", message))
            continue
        url = f"{base}{text.slug or person.slug}/"
        aliases = (f"{base}{person.slug}/",) if text.slug and text.slug != person.slug else ()
        source = SourcePage(text.path, "person", key, code)
        page = Page(source, person.name, text.summary or "", url, person, text.body, text.body_line, aliases=aliases)
        made.append(page)
    return made


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
