"""iCalendar files (RFC 5545) of the events, made with the icalendar library: each event's own,
beside its page ("add to my calendar"), and a calendar per language that calendar applications
subscribe to (agenda/agenda.ics, en/events/events.ics): the events of the last year and all the
upcoming ones.

An unchanged site gives byte-identical files: DTSTAMP is the event's last change (``updated``,
else its publication date), not the clock. A calendar application keeps an event by its UID (its
folder's name at the site's host) and takes a new version of it when SEQUENCE rises. SEQUENCE is
twice the number of days from the event's publication to its ``updated`` date, plus one while it
is cancelled or postponed: it rises when ``updated`` moves to the day of a change (the check
reminds contributors), and when an event is cancelled on the day it was announced.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar

from labsite.common.clock import PARIS
from labsite.common.strings import translate
from labsite.common.when import When
from labsite.generators.events import AGENDA_PAGE, ICS, events
from labsite.model.catalog import Catalog
from labsite.model.content import Announcement
from labsite.model.page import Page
from labsite.model.site import Site
from labsite.render.feed_links import calendar_name

WINDOW = dt.timedelta(days=365)  # past events a subscribed calendar keeps
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def _moment(when: When, whole_days: bool, end: bool) -> dt.date | dt.datetime:
    if whole_days:  # DTEND of a whole-day event is the day after its last (RFC 5545, 3.6.1)
        return when.day + dt.timedelta(days=1) if end else when.day
    return when.local()


def _labelled(lang: str, label: str, text: str) -> str:
    return f"{label} : {text}" if lang == "fr" else f"{label}: {text}"  # French spaces its colons


def _stamp(event: Announcement) -> dt.datetime:
    return dt.datetime.combine(event.updated or event.date, dt.time(0, 0), PARIS).astimezone(dt.UTC)


def vevent(site: Site, event: Announcement, page: Page) -> icalendar.Event:
    """One event in a language, as a calendar application shows it."""
    assert event.starts is not None and event.ends is not None
    lang = page.lang
    whole_days = event.starts.whole_day  # and so is its end: the check refuses a mix
    found = icalendar.Event()
    found.add("uid", f"{event.slug}@{urlsplit(site.url('')).hostname or 'labsite'}")
    found.add("dtstamp", _stamp(event))
    days = ((event.updated or event.date) - event.date).days
    found.add("sequence", 2 * days + (event.status != "scheduled"))  # see the module's docstring
    found.add("dtstart", _moment(event.starts, whole_days, end=False))
    found.add("dtend", _moment(event.ends, whole_days, end=True))
    title = page.title
    if event.status != "scheduled":  # not every application shows STATUS
        title = translate(lang, "event.titled", status=translate(lang, f"event.status.{event.status}"), title=title)
    found.add("summary", title)
    found.add("status", STATUS[event.status])
    where = [(event.place or {}).get(lang, "")]
    if event.address:
        address = event.address
        where += [address.street or "", " ".join(filter(None, (address.postcode, address.city)))]
    location = ", ".join(part for part in where if part) or event.online
    if location:
        found.add("location", location)
    url = site.url(page.url)
    lines = [page.description]
    if event.online:
        lines.append(_labelled(lang, translate(lang, "event.online.link"), event.online))
    if event.registration and event.status != "cancelled":
        lines.append(_labelled(lang, translate(lang, "event.register"), event.registration))
    lines.append(url)
    found.add("description", "\n\n".join(lines))
    found.add("url", url)
    found.add("categories", [translate(lang, "type.event")])
    return found


def _calendar(name: str | None, site: Site, lang: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{site.name('en')}//labsite//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name is not None:  # a calendar to subscribe to; an event's own file adds to the reader's
        calendar.add("name", icalendar.vText(name))  # RFC 7986; X-WR-CALNAME for older applications
        calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("x-wr-timezone", "Europe/Paris")
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")  # the site is rebuilt every morning
    calendar.add_component(_paris())  # first, as applications write it: some read it before the events
    return calendar


def _paris() -> icalendar.Timezone:
    """Europe/Paris as the European Union's rule has set it since 1996 (last Sundays of March and
    October), as calendar applications write it: the generated alternative lists every change
    from 1970 and stops in 2038."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Paris")
    for name, kind, offsets, month, start in (
        ("CEST", icalendar.TimezoneDaylight, ("+0100", "+0200"), 3, dt.datetime(1996, 3, 31, 2, 0)),
        ("CET", icalendar.TimezoneStandard, ("+0200", "+0100"), 10, dt.datetime(1996, 10, 27, 3, 0)),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", dt.timedelta(hours=int(offsets[0][:3])))
        part.add("tzoffsetto", dt.timedelta(hours=int(offsets[1][:3])))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def files(catalog: Catalog, site: Site, lang: str) -> dict[str, bytes]:
    """Each event's .ics and the language's calendar: {path inside the language's build: bytes}."""
    out: dict[str, bytes] = {}
    listing = catalog.page(AGENDA_PAGE, lang)
    since = catalog.today - WINDOW
    subscribed = _calendar(f"{listing.title} – {site.name(lang)}" if listing else site.name(lang), site, lang)
    for event in events(catalog):
        page = catalog.page(f"news/{event.slug}", lang)
        if page is None or event.ends is None:
            continue
        one = _calendar(None, site, lang)
        entry = vevent(site, event, page)
        one.add_component(entry)
        out[page.pass_url + ICS] = one.to_ical()
        if event.ends.day >= since:
            subscribed.add_component(entry)  # the same event, in the calendar to subscribe to
    if listing is not None:
        out[listing.pass_url + calendar_name(listing.url)] = subscribed.to_ical()
    return out
