"""The agenda: events' own pages, and the agenda page, upcoming events soonest first, then past
ones by year, newest first.

An event is upcoming to the end of its last day (labsite.model.timeline); the site is rebuilt
every morning, so it moves to the past the day after it ends, as an ad closes.
"""

from __future__ import annotations

from dataclasses import dataclass

from labsite.common.dates import long_date, span
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.common.when import When
from labsite.generators.base import ITEM, dress, item_card
from labsite.model.catalog import Catalog
from labsite.model.content import Announcement, Speaker
from labsite.model.page import Page, View

AGENDA_PAGE = "agenda"
ICS = "event.ics"  # each event's own calendar file, beside its page


@dataclass(frozen=True)
class EventRow(View):
    """An event as the agenda lists it; also the view of its own page."""

    slug: str
    url: str
    title: str
    summary: str
    starts: When
    ends: When
    when: str  # "12 mars 2027, 14 h 00 - 16 h 00" (an en dash)
    place: str  # the place and room, in the page's language; "" when online only
    city: str
    online: str | None
    registration: str | None
    registration_deadline: str | None  # as text
    registering: bool
    status: str  # scheduled | cancelled | postponed
    status_label: str  # "" when scheduled
    language: str | None  # the talks' language, named in the page's ("en anglais")
    speakers: tuple[tuple[str, str, str | None], ...]  # (name, affiliation, url of their page)
    past: bool
    ics_url: str


@dataclass(frozen=True)
class Agenda(View):
    upcoming: tuple[EventRow, ...]  # soonest first
    past: tuple[tuple[int, tuple[EventRow, ...]], ...]  # (year, events newest first), newest year first


def _speakers(catalog: Catalog, event: Announcement, lang: str) -> tuple[tuple[str, str, str | None], ...]:
    found = []
    for speaker in event.speakers:
        if isinstance(speaker, Speaker):
            found.append((speaker.name, (speaker.affiliation or {}).get(lang, ""), None))
        elif (person := catalog.people.get(speaker)) is not None:
            own = catalog.page(f"people/{person.slug}", lang)
            partner = catalog.partners.get(person.affiliation) if person.affiliation else None
            found.append((person.name, partner.name[lang] if partner else "", own.url if own else None))
    return tuple(found)


def row(catalog: Catalog, event: Announcement, page: Page) -> EventRow:
    lang = page.lang
    assert event.starts is not None and event.ends is not None
    standing = catalog.standing(event)
    deadline = event.registration_deadline
    return EventRow(
        slug=event.slug,
        url=page.url,
        title=page.title,
        summary=page.description,
        starts=event.starts,
        ends=event.ends,
        when=span(event.starts, event.ends, lang),
        place=(event.place or {}).get(lang, ""),
        city=event.address.city if event.address else "",
        online=event.online,
        registration=event.registration,
        registration_deadline=long_date(deadline, lang) if deadline else None,
        registering=standing.registering,
        status=event.status,
        status_label="" if event.status == "scheduled" else translate(lang, f"event.status.{event.status}"),
        language=translate(lang, f"event.language.{event.talk_language}") if event.talk_language else None,
        speakers=_speakers(catalog, event, lang),
        past=standing.past,
        ics_url=page.url + ICS,
    )


def agenda(catalog: Catalog, lang: str) -> Agenda:
    """The agenda a language's agenda page shows (empty if the site has none)."""
    listing = catalog.page(AGENDA_PAGE, lang)
    return listing.view if listing is not None and isinstance(listing.view, Agenda) else Agenda((), ())


def events(catalog: Catalog) -> list[Announcement]:
    """The published events, soonest first."""
    found = [a for a in catalog.announcements.values() if a.type == "event" and a.starts is not None]
    return sorted(found, key=lambda a: (a.starts.local(), a.slug))  # type: ignore[union-attr]


def pages(catalog: Catalog, problems: list[Diagnostic]) -> list[Page]:
    """The events' pages, and the agenda in each language."""
    made = []
    for lang in LANGUAGES:
        rows = []
        for event in events(catalog):
            page = catalog.page(f"news/{event.slug}", lang)
            if page is None:
                continue
            found = row(catalog, event, page)
            rows.append(found)
            subtitle = f"{found.status_label} · {found.when}" if found.status_label else found.when
            card = item_card(catalog, page, event, translate(lang, "type.event"), subtitle)
            speakers = {f"people/{s}" for s in event.speakers if isinstance(s, str)}
            shows = frozenset({page.key, *(f"projects/{slug}" for slug in event.projects), *speakers})
            made.append(dress(page, "event.html", found, shows, ITEM, card))
        listing = catalog.page(AGENDA_PAGE, lang)
        if listing is None:
            continue
        upcoming = tuple(r for r in rows if not r.past)
        years: dict[int, list[EventRow]] = {}
        for past in reversed([r for r in rows if r.past]):
            years.setdefault(past.starts.day.year, []).append(past)
        view = Agenda(upcoming, tuple((year, tuple(found)) for year, found in years.items()))
        shows = frozenset(f"news/{r.slug}" for r in rows)
        made.append(dress(listing, "agenda.html", view, shows))
    return made
