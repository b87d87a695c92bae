"""The recruitment board: job ads and calls, open until the end of their deadline day.

"Today" is the catalog's (SOURCE_DATE_EPOCH or the clock, in Europe/Paris); the site is
rebuilt every morning, so an ad leaves the open list the day after its deadline.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import markdown

from labsite.common.clock import PARIS
from labsite.common.dates import long_date
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import count, translate
from labsite.common.urls import absolute, relative
from labsite.model.content import Announcement
from labsite.model.page import Page
from labsite.model.schemas import JOB_KINDS
from labsite.render.obfuscation import email_html, escaped_markdown
from labsite.sources import sanitize
from labsite.sources.tree import SourcePage

if TYPE_CHECKING:
    from labsite.model.catalog import Catalog

JOBS_PAGE = "jobs"
KIND_SEGMENT = {"fr": "type", "en": "type"}
# schema.org employmentType of each kind of position (all are fixed-term posts).
EMPLOYMENT = {
    "phd": ("FULL_TIME", "TEMPORARY"),
    "postdoc": ("FULL_TIME", "TEMPORARY"),
    "engineer": ("FULL_TIME", "TEMPORARY"),
    "internship": ("INTERN",),
    "hosting-position": ("FULL_TIME", "TEMPORARY"),
    "other": ("OTHER",),
}


@dataclass(frozen=True)
class JobRow:
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
class Board:
    open: tuple[JobRow, ...]
    closed: tuple[JobRow, ...]
    kinds: tuple[KindValue, ...]  # kinds with open positions


@dataclass(frozen=True)
class KindPage:
    kind: KindValue
    rows: tuple[JobRow, ...]


def closing_hint(deadline: dt.date, today: dt.date, lang: str) -> str:
    days = (deadline - today).days
    if days < 0:
        return translate(lang, "jobs.closed_on", date=long_date(deadline + dt.timedelta(days=1), lang))
    if days == 0:
        return translate(lang, "jobs.closes_today")
    if days == 1:
        return translate(lang, "jobs.closes_tomorrow")
    return translate(lang, "jobs.closes_in", n=days)


def _row(catalog: Catalog, announcement: Announcement, page: Page) -> JobRow:
    lang = page.lang
    assert announcement.deadline is not None and announcement.kind is not None
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
        hint=closing_hint(announcement.deadline, catalog.today, lang),
        is_open=announcement.is_open(catalog.today),
    )


def _kind_url(catalog: Catalog, kind: str, lang: str) -> str:
    listing = catalog.page(JOBS_PAGE, lang)
    return f"{listing.url}{KIND_SEGMENT[lang]}/{kind}/" if listing else ""


def board(catalog: Catalog, lang: str) -> Board:
    """Open positions soonest deadline first; closed ones apart, most recently closed first."""
    key = ("board", lang)
    if key in catalog.memo:
        return catalog.memo[key]
    rows = []
    for announcement in catalog.announcements.values():
        page = catalog.page(f"news/{announcement.slug}", lang)
        if announcement.is_job and page is not None:
            rows.append(_row(catalog, announcement, page))
    open_rows = sorted((r for r in rows if r.is_open), key=lambda r: (r.deadline, r.title.casefold()))
    closed_rows = sorted((r for r in rows if not r.is_open), key=lambda r: r.deadline, reverse=True)
    kinds = tuple(
        KindValue(kind, translate(lang, f"kind.{kind}"), n, _kind_url(catalog, kind, lang))
        for kind in JOB_KINDS
        if (n := sum(r.kind == kind for r in open_rows))
    )
    catalog.memo[key] = Board(tuple(open_rows), tuple(closed_rows), kinds)
    return catalog.memo[key]


def generated_pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """A page per kind of open position, so the kind filter works without JavaScript."""
    pages = []
    for lang in LANGUAGES:
        found = board(catalog, lang)
        for kind in found.kinds:
            view = KindPage(kind, tuple(r for r in found.open if r.kind == kind.id))
            title = translate(lang, "jobs.kind_title", value=kind.label)
            source = SourcePage(f"_generated/jobs/{kind.id}.{lang}.md", "generated", f"jobs-kind/{kind.id}", lang)
            pages.append(Page(source, title, title, kind.url, view=view))
    return pages


@dataclass(frozen=True)
class JobDetails:
    """What a job or call page shows about the position, every value also in its JSON-LD."""

    rows: tuple[tuple[str, str], ...]  # (label, HTML)
    apply_html: str
    is_open: bool
    closed_banner: str


def _apply_html(text: str, lang: str) -> str:
    # Contributor Markdown without raw HTML; e-mail addresses hidden as everywhere else.
    return sanitize.clean(markdown.markdown(escaped_markdown(text, lang)))


def details(catalog: Catalog, page: Page, site_name: str) -> JobDetails:
    announcement = page.item
    assert isinstance(announcement, Announcement) and announcement.deadline and announcement.kind
    lang, row = page.lang, _row(catalog, announcement, page)
    e = html.escape
    rows: list[tuple[str, str]] = [(translate(lang, "jobs.kind"), e(row.kind_label))]
    if row.projects:
        label = "jobs.project" if len(row.projects) == 1 else "jobs.projects"
        links = ", ".join(f'<a href="{e(relative(page.url, url))}">{e(title)}</a>' for title, url in row.projects)
        rows.append((translate(lang, label), links))
    rows.append((translate(lang, "jobs.location"), e(row.location)))
    if announcement.opens:
        rows.append((translate(lang, "jobs.opens"), e(long_date(announcement.opens, lang))))
    rows.append((translate(lang, "jobs.deadline"), f"<strong>{e(row.deadline_text)}</strong> ({e(row.hint)})"))
    if announcement.hearing:
        rows.append((translate(lang, "jobs.hearing"), e(long_date(announcement.hearing, lang))))
    if row.start:
        rows.append((translate(lang, "jobs.start"), e(row.start)))
    if announcement.duration_months:
        rows.append((translate(lang, "jobs.duration"), e(count(lang, "jobs.months", announcement.duration_months))))
    contract = ", ".join(translate(lang, f"contract.{c}") for c in EMPLOYMENT[announcement.kind])
    rows.append((translate(lang, "jobs.contract"), e(contract)))
    rows.append((translate(lang, "jobs.employer"), e(site_name)))
    if announcement.contact:
        contact = announcement.contact
        role = f", {e(contact.role[lang])}" if contact.role else ""
        rows.append((translate(lang, "jobs.contact"), f"{e(contact.name)}{role} — {email_html(contact.email, lang)}"))
    rows.append((translate(lang, "jobs.posted"), e(long_date(announcement.date, lang))))
    rows.append((translate(lang, "jobs.reference"), e(announcement.slug)))
    text = announcement.texts[lang]
    banner = "" if row.is_open else translate(lang, "jobs.closed_banner", date=row.deadline_text)
    return JobDetails(tuple(rows), _apply_html(text.apply or "", lang), row.is_open, banner)


def job_posting(catalog: Catalog, page: Page, base_url: str, site_name: str, description_html: str) -> dict[str, Any]:
    """schema.org JobPosting (Google for Jobs): only for an open position, on its own page."""
    announcement = page.item
    assert isinstance(announcement, Announcement) and announcement.deadline and announcement.kind
    lang = page.lang
    closes = dt.datetime.combine(announcement.deadline, dt.time(23, 59, 59), PARIS)
    location = announcement.location[lang] if announcement.location else ""
    return {
        "@type": "JobPosting",
        "title": page.title,
        "description": description_html,
        "datePosted": announcement.date.isoformat(),
        "validThrough": closes.isoformat(),
        "employmentType": list(EMPLOYMENT[announcement.kind]),
        "hiringOrganization": {"@type": "Organization", "name": site_name, "sameAs": absolute(base_url, "")},
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": location, "addressCountry": "FR"},
        },
        "identifier": {"@type": "PropertyValue", "name": site_name, "value": announcement.slug},
        "url": absolute(base_url, page.url),
        "inLanguage": lang,
    }
