"""What a project page shows above its text: the panel of facts, and its schema.org JSON-LD."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from labsite.common.dates import long_date
from labsite.common.strings import translate
from labsite.common.urls import absolute
from labsite.generators.directory import facet_url
from labsite.model.content import Project
from labsite.model.page import Page
from labsite.render.obfuscation import email_html

if TYPE_CHECKING:
    from labsite.model.catalog import Catalog


@dataclass(frozen=True, order=True)
class Position:
    closes: dt.date  # first, so positions sort soonest deadline first
    title: str
    url: str
    kind: str
    deadline: str


@dataclass(frozen=True)
class Panel:
    acronym: str | None
    status: tuple[str, str]  # (label, url)
    dates: str | None
    themes: tuple[tuple[str, str], ...]
    partners: tuple[tuple[str, str], ...]
    sources: tuple[tuple[str, str], ...]
    funding: tuple[str, ...]
    contacts: tuple[tuple[str, str | None, str], ...]  # (name, role, obfuscated e-mail HTML)
    links: tuple[tuple[str, str], ...]
    authorisation: str | None
    positions: tuple[Position, ...]
    news: tuple[tuple[str, str, str], ...]  # (title, url, date)


def _dates(project: Project, lang: str) -> str | None:
    if project.start and project.end:
        return translate(lang, "panel.range", start=long_date(project.start, lang), end=long_date(project.end, lang))
    if project.start:
        return translate(lang, "panel.since", date=long_date(project.start, lang))
    return None


def panel(catalog: Catalog, project: Project, lang: str) -> Panel:
    related = catalog.announcements_by_project.get(project.slug, [])
    positions, news = [], []
    for announcement in related:
        page = catalog.page(f"news/{announcement.slug}", lang)
        if page is None:
            continue
        if announcement.is_job and announcement.is_open(catalog.today) and announcement.deadline:
            kind = translate(lang, f"kind.{announcement.kind}")
            deadline = translate(lang, "panel.deadline", date=long_date(announcement.deadline, lang))
            positions.append(Position(announcement.deadline, page.title, page.url, kind, deadline))
        elif announcement.type == "news":
            news.append((page.title, page.url, long_date(announcement.date, lang)))
    positions.sort()
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
        contacts=tuple((c.name, c.role[lang] if c.role else None, email_html(c.email, lang)) for c in project.contacts),
        links=tuple((link.label[lang], link.url) for link in project.links),
        authorisation=project.authorisation,
        positions=tuple(positions),
        news=tuple(news),
    )


def research_project(catalog: Catalog, page: Page, base_url: str, site_name: str) -> dict[str, Any]:
    """schema.org ResearchProject: the project, its partners as members, its funders."""
    project = page.item
    assert isinstance(project, Project)
    lang = page.lang
    data: dict[str, Any] = {
        "@type": "ResearchProject",
        "name": page.title,
        "description": page.description,
        "url": absolute(base_url, page.url),
        "inLanguage": lang,
        "parentOrganization": {"@type": "ResearchOrganization", "name": site_name, "url": absolute(base_url, "")},
        "member": [
            {
                "@type": "Organization",
                "name": catalog.partners[p].name[lang],
                **({"url": catalog.partners[p].url} if catalog.partners[p].url else {}),
            }
            for p in project.partners
        ],
        "keywords": [catalog.taxonomy.themes[t][lang] for t in project.themes],
    }
    if project.acronym:
        data["alternateName"] = project.acronym
    if project.start:
        data["startDate"] = project.start.isoformat()
    if project.end:
        data["endDate"] = project.end.isoformat()
    if project.funding:
        data["funder"] = [{"@type": "Organization", "name": f[lang]} for f in project.funding]
    if project.image:
        data["image"] = absolute(base_url, page.url + project.image)
    return data
