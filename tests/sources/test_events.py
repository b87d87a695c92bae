"""Events' facts: when (a whole day, or a day and a time in Paris), where, who speaks, in which
language, and their state; each problem at its line, all at once."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from labsite.common.when import When
from tests.conftest import EVENT_FILES, FIXTURE_FILES, PEOPLE_FILES, build_catalog, write_site

TODAY = dt.date(2026, 11, 29)
SEMINAR = "news/seminar/index.yml"
FACTS = str(EVENT_FILES[SEMINAR])
FILES = {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES}


def errors(tmp_path: Path, facts: str) -> list[str]:
    write_site(tmp_path, {**FILES, SEMINAR: facts})
    return [str(d) for d in build_catalog(tmp_path, today=TODAY).errors]


def test_an_event_is_read_with_its_local_times(tmp_path: Path) -> None:
    write_site(tmp_path, FILES)
    catalog = build_catalog(tmp_path, today=TODAY)
    assert catalog.errors == []
    event = catalog.announcements["seminar"]
    # The night of 27 to 28 March 2027 moves Paris from UTC+1 to UTC+2: each time keeps its offset.
    assert event.starts.isoformat() == "2027-03-27T14:00:00+01:00"
    assert event.ends.isoformat() == "2027-03-28T10:30:00+02:00"
    assert event.speakers[0] == "ada-martin" and event.speakers[1].name == "Jo Doe"
    assert event.status == "scheduled" and event.talk_language == "en" and event.address.city == "Paris"


def test_a_whole_day_event_and_the_times_paris_skips() -> None:
    day = When(dt.date(2027, 6, 18))
    assert day.whole_day and day.isoformat() == "2027-06-18" and day.exists()
    assert When(dt.date(2027, 6, 18), dt.time(0, 0)) != day  # midnight is not the whole day
    assert not When(dt.date(2027, 3, 28), dt.time(2, 30)).exists()  # the clocks go from 02:00 to 03:00
    assert When(dt.date(2027, 10, 31), dt.time(2, 30)).exists()  # twice that night: the first is meant


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("ends: 2027-03-28 10:30", "ends: 2027-03-27 12:00", "4:7: error: ends: the event ends (2027-03-27 12:00) no later than it starts (2027-03-27 14:00): the end comes after the start"),
        ("ends: 2027-03-28 10:30", "ends: 2027-03-27 14:00", "4:7: error: ends: the event ends (2027-03-27 14:00) no later than it starts (2027-03-27 14:00)"),
        ("ends: 2027-03-28 10:30", "ends: 2027-03-28", "4:7: error: ends: write both as dates (whole days) or both as dates and times: starts 2027-03-27 14:00, ends 2027-03-28 (for example"),
        ("starts: 2027-03-27 14:00", "starts: 2027-03-28 02:30", "3:9: error: starts: 02:30 does not exist that day in Paris (the clocks go forward from 02:00 to 03:00)"),
        ("starts: 2027-03-27 14:00", "starts: 2027-03-27T14:00:30", "3:9: error: starts: '2027-03-27T14:00:30' is not a date"),
        ("starts: 2027-03-27 14:00", "starts: 27/03/2027", "3:9: error: starts: '27/03/2027' is not a date, or a date and time: write 2027-03-12 (the whole day) or 2027-03-12 14:00 (Paris time)"),
        ("starts: 2027-03-27 14:00", "starts: 2027-03-27 25:00", "3:9: error: starts: '2027-03-27 25:00' is not a date"),
        ("starts: 2027-03-27 14:00", "starts: 2027-03-27T14:00:00+02:00", "3:9: error: starts: write the time in Paris without an offset: 2027-03-12 14:00"),
        ("registration_deadline: 2027-03-20", "registration_deadline: 2027-03-30", "10:24: error: registration_deadline: registration closes on 2027-03-30, after the first day of the event (2027-03-27)"),
        ("status: scheduled", "status: canceled", "5:9: error: status: 'canceled'"),
        ("status: scheduled", "status: annulé", "5:9: error: status: 'annulé' is not allowed (did you mean 'cancelled'?)"),
        ("speakers: [ada-martin,", "speakers: [Jean Dupont,", "12:12: error: speakers #1: 'Jean Dupont' looks like a name, not an id of people/: write it in full, {name: …}"),
        ("talk_language: en", "talk_language: de", "11:16: error: talk_language: 'de'"),
        ("speakers: [ada-martin,", "speakers: [ada-matrin,", "12:12: error: speakers #1: no person 'ada-matrin': did you mean 'ada-martin'?"),
        ("ends: 2027-03-28 10:30\n", "", "news/seminar/index.yml:1:1: error: ends:"),
        ("place: {fr: Amphi B, en: Lecture hall B}\naddress: {street: 2 rue Simone Iff, postcode: '75012', city: Paris}\nonline: https://visio.example.org/seminar\n", "", "1:1: error: place: an event needs a place (place, address) or a link to follow it online (online), or both"),
    ],
)  # fmt: skip
def test_an_events_facts_are_checked(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in FACTS
    found = errors(tmp_path, FACTS.replace(old, new))
    assert len(found) == 1 and expected in found[0], found


def test_event_fields_belong_to_events(tmp_path: Path) -> None:
    found = errors(tmp_path, FACTS.replace("type: event", "type: news"))
    fields = ["starts", "ends", "status", "place", "address", "online", "registration", "registration_deadline"]
    fields += ["talk_language", "speakers"]
    assert [e.split(": error: ")[1].split(":")[0] for e in found] == fields
    assert all("only for event announcements (this one is type 'news')" in e for e in found)


def _git(root: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args]
    subprocess.run(command, cwd=root, check=True, capture_output=True)


def test_a_published_event_edited_without_moving_updated_is_warned_about(tmp_path: Path) -> None:
    """Subscribed calendars take a change when SEQUENCE rises, and SEQUENCE follows `updated`."""
    write_site(tmp_path, FILES)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "site")
    assert build_catalog(tmp_path, today=TODAY).warnings == []
    facts = tmp_path / SEMINAR
    facts.write_text(FACTS.replace("starts: 2027-03-27 14:00", "starts: 2027-03-27 15:00"), encoding="utf-8")
    (tmp_path / "news/new-event").mkdir()  # added now, dated earlier: nothing to tell calendars yet
    for name in ("index.yml", "index.fr.md", "index.en.md"):
        (tmp_path / "news/new-event" / name).write_text((tmp_path / "news/seminar" / name).read_text("utf-8"), "utf-8")
    warnings = [str(w) for w in build_catalog(tmp_path, today=TODAY).warnings]
    assert warnings == [
        f"{SEMINAR}:1:1: warning: updated: this published event is edited: if its time, place or status "
        "changes, set updated: 2026-11-29, so that subscribed calendars take the change"
    ]
    facts.write_text(facts.read_text("utf-8").replace("type: event\n", "type: event\nupdated: 2026-11-29\n"), "utf-8")
    assert build_catalog(tmp_path, today=TODAY).warnings == []
