"""The recruitment board: job ads and calls, open until the end of their deadline day; their
own pages, the board and a page per kind of open position.

Whether an ad is open is the catalog's to say (labsite.model.timeline); the site is rebuilt
every morning, so an ad leaves the open list the day after its deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labsite.common.collation import folded
from labsite.common.dates import long_date
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.base import ITEM, dress, generated, item_card
from labsite.model.catalog import Catalog
from labsite.model.content import JOB_KINDS, Announcement
from labsite.model.page import Page, View

JOBS_PAGE = "jobs"
KIND_SEGMENT = {"fr": "type", "en": "type"}


@dataclass(frozen=True)
class JobRow(View):
    """A job ad or call as the board lists it; also the view of its own page."""

    slug: str
    url: str
    title: str
    summary: str
    type: str  # job | call
    kind: str
    kind_label: str
    projects: tuple[tuple[str, str], ...]  # (title, url)
    location: str
    start: str | None
    deadline: dt.date
    deadline_text: str
    hint: str  # "closes in 12 days", "closed since ..."
    is_open: bool


@dataclass(frozen=True)
class KindValue:
    id: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Board(View):
    open: tuple[JobRow, ...]
    closed: tuple[JobRow, ...]
    kinds: tuple[KindValue, ...]  # kinds with open positions


@dataclass(frozen=True)
class KindPage(View):
    kind: KindValue
    rows: tuple[JobRow, ...]


def closing_hint(days_left: int, deadline: dt.date, lang: str) -> str:
    if days_left < 0:
        return translate(lang, "jobs.closed_on", date=long_date(deadline + dt.timedelta(days=1), lang))
    if days_left == 0:
        return translate(lang, "jobs.closes_today")
    if days_left == 1:
        return translate(lang, "jobs.closes_tomorrow")
    return translate(lang, "jobs.closes_in", n=days_left)


def _row(catalog: Catalog, announcement: Announcement, page: Page) -> JobRow:
    lang = page.lang
    assert announcement.deadline is not None and announcement.kind is not None
    standing = catalog.standing(announcement)
    assert standing.days_left is not None
    projects = []
    for slug in announcement.projects:
        project_page = catalog.page(f"projects/{slug}", lang)
        if project_page is not None:
            projects.append((project_page.title, project_page.url))
    return JobRow(
        slug=announcement.slug,
        url=page.url,
        title=page.title,
        summary=page.description,
        type=announcement.type,
        kind=announcement.kind,
        kind_label=translate(lang, f"kind.{announcement.kind}"),
        projects=tuple(projects),
        location=announcement.location[lang] if announcement.location else "",
        start=long_date(announcement.start_date, lang) if announcement.start_date else None,
        deadline=announcement.deadline,
        deadline_text=long_date(announcement.deadline, lang),
        hint=closing_hint(standing.days_left, announcement.deadline, lang),
        is_open=standing.is_open,
    )


def board(catalog: Catalog, lang: str) -> Board:
    """The board a language's recruitment page shows (empty if the site has none)."""
    listing = catalog.page(JOBS_PAGE, lang)
    return listing.view if listing is not None and isinstance(listing.view, Board) else Board((), (), ())


def _shows(catalog: Catalog, rows: tuple[JobRow, ...]) -> frozenset[str]:
    """The ads listed, and the projects whose titles their rows show."""
    cited = {f"projects/{slug}" for r in rows for slug in catalog.announcements[r.slug].projects}
    return frozenset(f"news/{r.slug}" for r in rows) | cited


def reserves(kind: str, slug: str) -> bool:
    """Announcement folders may not take the kind pages' URL segment (/recrutement/type/)."""
    return kind == "announcement" and slug in KIND_SEGMENT.values()


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """The pages of the ads and calls, the board (open positions soonest deadline first, closed
    ones apart, most recently closed first) and a page per kind of open position, so the
    kind filter works without JavaScript."""
    made = []
    for lang in LANGUAGES:
        rows = []
        for announcement in catalog.announcements.values():
            page = catalog.page(f"news/{announcement.slug}", lang)
            if announcement.is_job and page is not None:
                row = _row(catalog, announcement, page)
                rows.append(row)
                assert announcement.deadline is not None
                kind = translate(lang, f"type.{announcement.type}")
                card = item_card(
                    catalog, page, announcement, kind, translate(lang, "card.deadline", date=row.deadline_text)
                )
                made.append(dress(page, "job.html", row, _shows(catalog, (row,)), ITEM, card))
        listing = catalog.page(JOBS_PAGE, lang)
        if listing is None:
            continue
        open_rows = tuple(sorted((r for r in rows if r.is_open), key=lambda r: (r.deadline, folded(r.title), r.title)))
        closed_rows = tuple(sorted((r for r in rows if not r.is_open), key=lambda r: r.deadline, reverse=True))
        kinds = tuple(
            KindValue(kind, translate(lang, f"kind.{kind}"), n, f"{listing.url}{KIND_SEGMENT[lang]}/{kind}/")
            for kind in JOB_KINDS
            if (n := sum(r.kind == kind for r in open_rows))
        )
        found = Board(open_rows, closed_rows, kinds)
        made.append(dress(listing, "jobs.html", found, _shows(catalog, open_rows + closed_rows)))
        for kind in kinds:
            shown = tuple(r for r in open_rows if r.kind == kind.id)
            title = translate(lang, "jobs.kind_title", value=kind.label)
            view = KindPage(kind, shown)
            made.append(
                generated(
                    f"jobs-kind/{kind.id}",
                    lang,
                    kind.url,
                    title,
                    view,
                    template="jobs-kind.html",
                    parent=listing,
                    shows=_shows(catalog, shown),
                )
            )
    return made
