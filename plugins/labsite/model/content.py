"""The typed content model: what a project, an announcement and a partner are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LocalText = dict[str, str]  # language code -> text


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    role: LocalText | None = None


@dataclass(frozen=True)
class Link:
    label: LocalText
    url: str


@dataclass(frozen=True)
class Partner:
    id: str
    name: LocalText
    institution: str  # AP-HP | Inria | other
    url: str | None = None


@dataclass(frozen=True)
class Taxonomy:
    themes: dict[str, LocalText]
    tags: dict[str, LocalText]


@dataclass(frozen=True)
class ItemText:
    """One language's texts of an item (its index.<lang>.md)."""

    path: str
    title: str
    summary: str
    image_alt: str | None = None
    apply: str | None = None  # how to apply (job ads and calls), Markdown
    body: str = ""  # the Markdown text of the page
    body_line: int = 1  # line of the file where the body starts
    apply_line: int = 1  # line of the file where `apply` is written


@dataclass(frozen=True)
class Project:
    slug: str
    date: dt.date  # when its page was published
    status: str  # idea | ongoing | completed
    themes: tuple[str, ...]
    partners: tuple[str, ...]
    texts: dict[str, ItemText] = field(hash=False)
    acronym: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    data_sources: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    funding: tuple[LocalText, ...] = field(default=(), hash=False)
    authorisation: str | None = None
    links: tuple[Link, ...] = field(default=(), hash=False)
    image: str | None = None
    draft: bool = False
    updated: dt.date | None = None

    @property
    def type(self) -> str:
        return "project"


@dataclass(frozen=True)
class Announcement:
    slug: str
    type: str  # news | job | call
    date: dt.date
    texts: dict[str, ItemText] = field(hash=False)
    tags: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    image: str | None = None
    draft: bool = False
    kind: str | None = None  # job and call: phd | postdoc | engineer | internship | hosting-position | other
    deadline: dt.date | None = None  # open until the end of that day, Europe/Paris
    opens: dt.date | None = None
    hearing: dt.date | None = None
    start_date: dt.date | None = None
    duration_months: int | None = None
    location: LocalText | None = field(default=None, hash=False)
    contact: Contact | None = None
    updated: dt.date | None = None

    @property
    def is_job(self) -> bool:
        return self.type in ("job", "call")


Item = Project | Announcement
# The content page that lists the items of each type, and so gives them their URL prefix.
LISTING_OF_TYPE = {"project": "projects", "news": "news", "job": "jobs", "call": "jobs"}
