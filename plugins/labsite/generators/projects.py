"""The projects' own pages: the panel of facts above the team's text, their open positions
and their news."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labsite.common.dates import long_date, span
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators import people
from labsite.generators.base import ITEM, dress, item_card
from labsite.generators.directory import facet_url
from labsite.model.catalog import Catalog
from labsite.model.content import Contact, Project
from labsite.model.page import Page, View
from labsite.model.publications import Publication


@dataclass(frozen=True, order=True)
class Position:
    closes: dt.date  # first, so positions sort soonest deadline first
    title: str
    url: str
    kind: str
    deadline: str


@dataclass(frozen=True)
class Panel(View):
    acronym: str | None
    status: tuple[str, str]  # (label, url)
    dates: str | None
    themes: tuple[tuple[str, str], ...]
    partners: tuple[tuple[str, str], ...]
    sources: tuple[tuple[str, str], ...]
    funding: tuple[str, ...]
    contacts: tuple[tuple[str, str | None, str | None, str | None], ...]  # (name, role, e-mail address, page)
    people: tuple[people.PersonCard, ...]  # its members who are people of the lab
    publications: tuple[Publication, ...]  # newest first
    links: tuple[tuple[str, str], ...]
    authorisation: str | None
    positions: tuple[Position, ...]
    news: tuple[tuple[str, str, str], ...]  # (title, url, date)
    events: tuple[tuple[str, str, str], ...] = ()  # its upcoming events, soonest first: (title, url, when)


def _dates(project: Project, lang: str) -> str | None:
    if project.start and project.end:
        return translate(lang, "panel.range", start=long_date(project.start, lang), end=long_date(project.end, lang))
    if project.start:
        return translate(lang, "panel.since", date=long_date(project.start, lang))
    return None


def _contact(catalog: Catalog, contact: Contact | str, lang: str) -> tuple[str, str | None, str | None, str | None]:
    """A contact written in full, or a person of the lab named by id (linked to their page)."""
    if isinstance(contact, str):
        person = catalog.people[contact]
        page = catalog.page(f"people/{contact}", lang)
        return person.name, person.role[lang], person.email, page.url if page else None
    return contact.name, contact.role[lang] if contact.role else None, contact.email, None


def panel(catalog: Catalog, project: Project, lang: str) -> Panel:
    positions, news, events = [], [], []
    for announcement in catalog.citing(project.slug):
        page = catalog.page(f"news/{announcement.slug}", lang)
        if page is None:
            continue
        if catalog.standing(announcement).is_open and announcement.deadline:
            kind = translate(lang, f"kind.{announcement.kind}")
            deadline = translate(lang, "panel.deadline", date=long_date(announcement.deadline, lang))
            positions.append(Position(announcement.deadline, page.title, page.url, kind, deadline))
        elif announcement.type == "news":
            news.append((page.title, page.url, long_date(announcement.date, lang)))
        elif announcement.type == "event" and announcement.starts and announcement.ends:
            if catalog.standing(announcement).past:
                continue  # on the agenda's past; the project shows what is to come
            when = span(announcement.starts, announcement.ends, lang)
            events.append((announcement.starts.local(), page.title, page.url, when))
    positions.sort()
    events.sort(key=lambda e: (e[0], e[2]))
    return Panel(
        acronym=project.acronym,
        status=(translate(lang, f"status.{project.status}"), facet_url(catalog, "status", project.status, lang)),
        dates=_dates(project, lang),
        themes=tuple((catalog.taxonomy.themes[t][lang], facet_url(catalog, "theme", t, lang)) for t in project.themes),
        partners=tuple(
            (catalog.partners[p].name[lang], facet_url(catalog, "partner", p, lang)) for p in project.partners
        ),
        sources=tuple(
            (translate(lang, f"source.{s}"), facet_url(catalog, "source", s, lang)) for s in project.data_sources
        ),
        funding=tuple(f[lang] for f in project.funding),
        contacts=tuple(_contact(catalog, c, lang) for c in project.contacts),
        people=people.cards(catalog, catalog.members(project.slug), lang),
        publications=catalog.project_works(project),
        links=tuple((link.label[lang], link.url) for link in project.links),
        authorisation=project.authorisation,
        positions=tuple(positions),
        news=tuple(news),
        events=tuple(e[1:] for e in events),
    )


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """Each project's page, in each language, with its panel and card."""
    made = []
    for lang in LANGUAGES:
        for project in catalog.projects.values():
            page = catalog.page(f"projects/{project.slug}", lang)
            if page is None:
                continue
            status = translate(lang, f"status.{project.status}")
            subtitle = " · ".join([project.acronym, status] if project.acronym else [status])
            card = item_card(catalog, page, project, translate(lang, "type.project"), subtitle)
            shows = frozenset(
                {page.key, *(f"news/{a.slug}" for a in catalog.citing(project.slug))}
                | {f"people/{p.slug}" for p in catalog.members(project.slug)}
            )
            made.append(dress(page, "project.html", panel(catalog, project, lang), shows, ITEM, card))
    return made
