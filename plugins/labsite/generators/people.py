"""The people of the lab: the directory (/equipe/, /en/people/), grouped into the lab's own
team, the members of projects and the alumni, and each person's own page with their projects,
the news of those projects, the job ads they answer for and their publications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labsite.common.collation import folded
from labsite.common.dates import long_date
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.base import ITEM, dress
from labsite.generators.directory import facet_url
from labsite.model.catalog import Catalog
from labsite.model.content import JOB_TYPES, Announcement
from labsite.model.page import CardText, Page, View
from labsite.model.people import Person
from labsite.model.publications import Publication

PEOPLE_PAGE = "people"
GROUPS = ("lab", "projects", "alumni")


@dataclass(frozen=True)
class PersonCard:
    """A person as the directory and a project's page show them."""

    slug: str
    name: str
    role: str
    affiliation: tuple[str, str] | None  # (name, partner page url)
    url: str | None  # their own page, if they have one
    photo: str | None  # the photo's path in the repository
    photo_url: str | None  # where the original would be published (for an SVG)


@dataclass(frozen=True)
class PeopleDirectory(View):
    groups: tuple[tuple[str, str, tuple[PersonCard, ...]], ...]  # (group id, heading, cards)


@dataclass(frozen=True)
class PersonView(View):
    card: PersonCard
    person: Person
    dates: str | None
    projects: tuple[tuple[str, str], ...]  # (title, url)
    news: tuple[tuple[str, str, str], ...]  # (title, url, date)
    jobs: tuple[tuple[str, str, str], ...]  # (title, url, deadline)
    publications: tuple[Publication, ...]  # newest first


def group(person: Person) -> str:
    return "alumni" if person.status == "alumni" else person.team


def card(catalog: Catalog, person: Person, lang: str) -> PersonCard:
    page = catalog.page(f"people/{person.slug}", lang)
    affiliation = None
    if person.affiliation and person.affiliation in catalog.partners:
        partner = catalog.partners[person.affiliation]
        affiliation = (partner.name[lang], facet_url(catalog, "partner", partner.id, lang))
    photo = f"people/{person.slug}/{person.image}" if person.image else None
    listing = catalog.page(PEOPLE_PAGE, lang)
    photo_url = f"{(page or listing).url}{person.image}" if person.image and (page or listing) else None  # type: ignore[union-attr]
    return PersonCard(
        person.slug, person.name, person.role[lang], affiliation, page.url if page else None, photo, photo_url
    )


def cards(catalog: Catalog, people: tuple[Person, ...], lang: str) -> tuple[PersonCard, ...]:
    return tuple(card(catalog, person, lang) for person in people)


def _dates(person: Person, lang: str) -> str | None:
    if person.start and person.end:
        return translate(lang, "panel.range", start=long_date(person.start, lang), end=long_date(person.end, lang))
    if person.start:
        return translate(lang, "panel.since", date=long_date(person.start, lang))
    return None


def positions(catalog: Catalog) -> dict[str, list[Announcement]]:
    """The open job ads and calls whose contact is a person of the lab (their e-mail address):
    made once, not once a person."""
    by_email = {p.email.lower(): p.slug for p in catalog.people.values() if p.email}
    found: dict[str, list[Announcement]] = {}
    for announcement in catalog.announcements.values():
        contact = announcement.contact
        if announcement.type not in JOB_TYPES or contact is None or not catalog.standing(announcement).is_open:
            continue
        if (slug := by_email.get(contact.email.lower())) is not None:
            found.setdefault(slug, []).append(announcement)
    return found


def view(catalog: Catalog, person: Person, lang: str, open_positions: list[Announcement]) -> PersonView:
    projects = catalog.projects_of(person.slug)
    project_links = []
    news: dict[str, tuple[dt.date, str, str]] = {}
    for project in projects:
        if (page := catalog.page(f"projects/{project.slug}", lang)) is not None:
            project_links.append((page.title, page.url))
        for announcement in catalog.citing(project.slug):
            found = catalog.page(f"news/{announcement.slug}", lang)
            if announcement.type == "news" and found is not None:
                news[announcement.slug] = (announcement.date, found.title, found.url)
    jobs = []
    for announcement in sorted(open_positions, key=lambda a: (a.deadline or dt.date.max, a.slug)):  # soonest first
        if (found := catalog.page(f"news/{announcement.slug}", lang)) is not None:
            deadline = long_date(announcement.deadline, lang) if announcement.deadline else ""
            jobs.append((found.title, found.url, deadline))
    newest = sorted(news.values(), reverse=True)
    return PersonView(
        card=card(catalog, person, lang),
        person=person,
        dates=_dates(person, lang),
        projects=tuple(project_links),
        news=tuple((title, url, long_date(day, lang)) for day, title, url in newest),
        jobs=tuple(jobs),
        publications=catalog.works(person.slug),
    )


def of(catalog: Catalog, lang: str) -> PeopleDirectory:
    listing = catalog.page(PEOPLE_PAGE, lang)
    return listing.view if listing is not None and isinstance(listing.view, PeopleDirectory) else PeopleDirectory(())


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """The people directory and each person's page, in each language."""
    made = []
    everyone = sorted(catalog.people.values(), key=lambda p: (folded(p.name.split()[-1]), folded(p.name), p.name))
    answered = positions(catalog)
    for lang in LANGUAGES:
        for person in everyone:
            page = catalog.page(f"people/{person.slug}", lang)
            if page is None:
                continue
            shows = frozenset(
                {page.key, *(f"projects/{p.slug}" for p in catalog.projects_of(person.slug))}
                | {f"news/{a.slug}" for p in catalog.projects_of(person.slug) for a in catalog.citing(p.slug)}
                | {f"news/{a.slug}" for a in answered.get(person.slug, [])}
            )
            kind = translate(lang, "type.person")
            image = str(catalog.root / "people" / person.slug / person.image) if person.image else None
            card_text = CardText(kind, person.name, person.role[lang], image)
            made.append(
                dress(
                    page,
                    "person.html",
                    view(catalog, person, lang, answered.get(person.slug, [])),
                    shows,
                    ITEM,
                    card_text,
                )
            )
        listing = catalog.page(PEOPLE_PAGE, lang)
        if listing is None:
            continue
        groups = []
        for name in GROUPS:
            members = tuple(p for p in everyone if group(p) == name)
            if members:
                groups.append((name, translate(lang, f"people.group.{name}"), cards(catalog, members, lang)))
        every = frozenset(f"people/{p.slug}" for p in everyone)
        made.append(dress(listing, "people.html", PeopleDirectory(tuple(groups)), every))
    return made
