"""Events as visitors and their calendars see them: the agenda and the home page, each event's
page with its Event JSON-LD and its own .ics, the calendars to subscribe to and the feeds of
upcoming events. The fixture site with five events is built twice: on the fixtures' day
(2026-11-29) and on 2026-12-11, after two of the events. Every .ics is read by icalendar; the
calendars of both languages are imported into khal, a calendar program from Debian."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest

from labsite.model.site import Site
from labsite.outputs import calendars
from tests.conftest import EVENT_FILES, FIXTURE_FILES, PEOPLE_FILES, build, write_site

FILES = {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES}
LATER = str(int(dt.datetime(2026, 12, 11, 8, 0, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site built on 2026-11-29, and the same sources built on 2026-12-11."""
    first = build(write_site(tmp_path_factory.mktemp("events"), FILES))
    kept = tmp_path_factory.mktemp("events-first") / "site"
    shutil.copytree(first, kept)
    later = build(first.parent / "mkdocs.yml", epoch=LATER)
    return kept, later


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def titles(fragment: str) -> list[str]:
    return re.findall(r'class="ls-event__title"><a href="[^"]*">([^<]*)</a>', fragment)


def calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_the_agenda_lists_upcoming_events_soonest_first_then_past_ones_by_year(sites: tuple[Path, Path]) -> None:
    first, later = sites
    page = read(first, "agenda")
    upcoming, _, past = page.partition('id="ls-agenda-past"')
    assert titles(upcoming) == ["Séminaire annulé", "Journée scientifique", "Webinaire", "Séminaire"]
    assert titles(past) == ["Atelier"] and 'id="ls-agenda-2025"' in past
    assert "Annulé" in upcoming and "10 décembre 2026" in upcoming
    # A day after their end, with the daily rebuild, two events have moved to the past.
    upcoming, _, past = read(later, "en/events").partition('id="ls-agenda-past"')
    assert titles(upcoming) == ["Webinar", "Seminar"]
    assert titles(past) == ["Scientific day", "Cancelled seminar", "Workshop"]
    home = read(first, "")
    # The next three that take place: the cancelled one stays on the agenda only.
    assert re.findall(r'<li><a href="agenda/[^"]*">([^<]*)</a>', home) == [
        "Journée scientifique",
        "Webinaire",
        "Séminaire",
    ]


def test_an_event_page_says_when_where_who_and_links_its_calendar_file(sites: tuple[Path, Path]) -> None:
    first, later = sites
    page = read(first, "agenda/seminar")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "27 mars 2027, 14 h 00 – 28 mars 2027, 10 h 30" in text
    assert "Amphi B" in text and "75012 Paris" in text and "en anglais" in text
    assert (
        '<a href="../../equipe/ada-martin/">Ada Martin</a>, Équipe Inria' in page
        and "Jo Doe, Université Exemple" in page
    )
    assert 'href="event.ics" type="text/calendar" download' in page
    assert "S’inscrire (jusqu’au 20 mars 2027)" in text
    cancelled = read(first, "agenda/cancelled")
    assert "Cet événement est annulé." in cancelled and "event.ics" not in cancelled.split('class="ls-panel"')[1]
    assert "This event has taken place." in read(later, "en/events/day")
    project = read(first, "en/projects/lung-scan")
    assert re.search(
        r'<h2 id="ls-events">Upcoming events</h2>\s*<ul>\s*<li><a href="../../events/webinar/">Webinar</a>', project
    )
    english = read(first, "en/events/seminar")
    assert "27 March 2027, 2:00 pm – 28 March 2027, 10:30 am" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", english))


def jsonld(page: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found[0])


def test_each_event_has_event_json_ld(sites: tuple[Path, Path]) -> None:
    first, _ = sites
    seminar = jsonld(read(first, "en/events/seminar"))
    assert seminar["@type"] == "Event"
    assert (seminar["startDate"], seminar["endDate"]) == ("2027-03-27T14:00:00+01:00", "2027-03-28T10:30:00+02:00")
    assert seminar["eventStatus"] == "https://schema.org/EventScheduled"
    assert seminar["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = seminar["location"]
    assert place["@type"] == "Place" and place["name"] == "Lecture hall B"
    assert place["address"]["addressLocality"] == "Paris" and place["address"]["postalCode"] == "75012"
    assert online == {"@type": "VirtualLocation", "url": "https://visio.example.org/seminar"}
    assert seminar["organizer"]["@type"] == "ResearchOrganization" and seminar["inLanguage"] == "en"
    assert seminar["performer"][0] == {
        "@type": "Person",
        "name": "Ada Martin",
        "url": "https://lab.example.org/en/people/ada-martin/",
    }
    cancelled = jsonld(read(first, "agenda/cancelled"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    webinar = jsonld(read(first, "agenda/webinar"))
    assert webinar["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert webinar["location"]["@type"] == "VirtualLocation"
    day = jsonld(read(first, "agenda/day"))
    assert (day["startDate"], day["endDate"]) == ("2026-12-10", "2026-12-10")


def test_the_calendars_are_rfc_5545_with_stable_uids_and_stamps(sites: tuple[Path, Path]) -> None:
    first, later = sites
    files = sorted(first.rglob("*.ics"))
    assert [f.relative_to(first).as_posix() for f in files if "event.ics" not in f.name] == [
        "agenda/agenda.ics",
        "en/events/events.ics",
    ]
    assert len(files) == 2 + 2 * 5
    for path in files:
        cal = calendar(path)
        assert cal["VERSION"] == "2.0" and cal["METHOD"] == "PUBLISH"
        zones = cal.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/Paris"], path
        for event in cal.walk("VEVENT"):
            for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS", "SEQUENCE"):
                assert name in event, (path, name)
            assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)
    # Every event of the last year and all upcoming ones; the workshop of June 2025 is older.
    french = calendar(first / "agenda/agenda.ics")
    events = {str(e["UID"]): e for e in french.walk("VEVENT")}
    assert sorted(events) == [f"{slug}@lab.example.org" for slug in ("cancelled", "day", "seminar", "webinar")]
    english = calendar(first / "en/events/events.ics")
    assert sorted(str(e["UID"]) for e in english.walk("VEVENT")) == sorted(events)  # one event, one UID
    cancelled = events["cancelled@lab.example.org"]
    assert cancelled["STATUS"] == "CANCELLED" and str(cancelled["SUMMARY"]) == "Annulé : Séminaire annulé"
    assert cancelled["SEQUENCE"] == 2 * 50 + 1  # updated 50 days after it was announced, and cancelled
    seminar = events["seminar@lab.example.org"]
    assert seminar["SEQUENCE"] == 0 and seminar["STATUS"] == "CONFIRMED"
    assert seminar["DTSTART"].dt == dt.datetime(2027, 3, 27, 14, 0, tzinfo=seminar["DTSTART"].dt.tzinfo)
    assert seminar["DTSTART"].dt.utcoffset() == dt.timedelta(hours=1) and seminar[
        "DTEND"
    ].dt.utcoffset() == dt.timedelta(hours=2)
    day = events["day@lab.example.org"]
    assert (day["DTSTART"].dt, day["DTEND"].dt) == (dt.date(2026, 12, 10), dt.date(2026, 12, 11))  # DTEND excluded
    assert str(day["LOCATION"]) == "Hôpital Exemple"
    assert str(events["webinar@lab.example.org"]["LOCATION"]) == "https://visio.example.org/webinar"
    # Built again twelve days later: each event's own file is the same to the byte (no clock in it).
    for path in first.rglob("event.ics"):
        assert (later / path.relative_to(first)).read_bytes() == path.read_bytes(), path


KHAL_CONFIG = """\
[calendars]
[[lab]]
path = {path}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}
"""


def khal(tmp_path: Path, ics: Path, zone: str) -> list[str]:
    """The events of ``ics`` as khal lists them in the time zone ``zone``, once imported."""
    if shutil.which("khal") is None:
        if os.environ.get("CI"):
            pytest.fail("khal is missing: CI must install Debian's khal package (scripts/test-tools.sh)")
        pytest.skip("khal is not installed (scripts/test-tools.sh installs it)")
    folder = tmp_path / zone.replace("/", "-")
    (folder / "cal").mkdir(parents=True)
    config = folder / "config"
    config.write_text(KHAL_CONFIG.format(path=folder / "cal", zone=zone), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8"}
    imported = subprocess.run(
        ["khal", "-c", str(config), "import", "--batch", "-a", "lab", str(ics)], env=env, capture_output=True, text=True
    )
    assert imported.returncode == 0, imported.stderr
    listed = subprocess.run(
        ["khal", "-c", str(config), "list", "--format", "{start}|{end}|{title}|{status}", "2026-11-01", "800d"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0, listed.stderr
    return sorted({line.strip() for line in listed.stdout.splitlines() if "|" in line})


def test_a_calendar_program_reads_the_events_back_with_their_local_times(
    sites: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = sites
    paris = khal(tmp_path, first / "agenda/agenda.ics", "Europe/Paris")
    assert paris == [
        "2026-12-03 11:00|2026-12-03 12:00|Annulé : Séminaire annulé|CANCELLED",
        "2026-12-10|2026-12-10|Journée scientifique|CONFIRMED",
        "2027-01-14 17:00|2027-01-14 18:00|Webinaire|CONFIRMED",
        # Across the change to summer time in the night of 27 to 28 March 2027.
        "2027-03-27 14:00|2027-03-28 10:30|Séminaire|CONFIRMED",
    ]
    utc = khal(tmp_path, first / "en/events/events.ics", "UTC")
    assert "2027-03-27 13:00|2027-03-28 08:30|Seminar|CONFIRMED" in utc
    assert "2027-01-14 16:00|2027-01-14 17:00|Webinar|CONFIRMED" in utc


def test_feeds_of_upcoming_events_and_every_page_links_the_calendar(sites: tuple[Path, Path]) -> None:
    first, later = sites
    feed = feedparser.parse((later / "agenda/rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert sorted(e.title for e in feed.entries) == ["Séminaire", "Webinaire"]
    atom = feedparser.parse((first / "en/events/atom.xml").read_bytes())
    assert not atom.bozo and len(atom.entries) == 4
    assert "Cancelled: Cancelled seminar" in [e.title for e in atom.entries]  # a reader sees it at once
    for url, calendar_url in (("", "agenda/agenda.ics"), ("en/projects", "en/events/events.ics")):
        page = read(first, url)
        assert '<link rel="alternate" type="text/calendar" title="' in page
        assert f'href="https://lab.example.org/{calendar_url}"' in page
    assert 'type="text/calendar">iCalendar</a>' in read(first, "agenda")


def test_a_calendars_name_is_escaped_text() -> None:
    """NAME and X-WR-CALNAME are TEXT (RFC 7986): a comma, a semicolon or a backslash of an
    agenda's title is escaped as in a SUMMARY."""
    site = Site("https://lab.example.org/", {"fr": "Labo", "en": "Lab"})
    written = calendars._calendar("Agenda, séminaires; C:\\new", site, "fr").to_ical()
    assert "NAME:Agenda\\, séminaires\\; C:\\\\new" in written.replace(b"\r\n ", b"").decode()
    # Read as TEXT, it is the title again (the same bytes a SUMMARY of that title would have).
    summary = icalendar.Event()
    summary.add("summary", "Agenda, séminaires; C:\\new")
    assert summary.to_ical().decode().split("SUMMARY:")[1].split("\r\n")[0] in written.decode()
    assert "NAME" not in calendars._calendar(None, site, "fr")  # an event's own file: no calendar of its own
