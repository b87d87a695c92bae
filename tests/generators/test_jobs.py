"""The recruitment board around the deadline: open until the end of the day, in Paris."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from labsite.generators import jobs
from tests.conftest import build_catalog, write_site

PARIS = ZoneInfo("Europe/Paris")


def epoch(*when: int, tz: dt.tzinfo = PARIS) -> str:
    return str(int(dt.datetime(*when, tzinfo=tz).timestamp()))


# The fixture's engineer ad closes on 2026-12-10 (Paris).
@pytest.mark.parametrize(
    ("moment", "is_open", "hint"),
    [
        (epoch(2026, 12, 9, 12), True, "closes tomorrow"),
        (epoch(2026, 12, 10, 0, 0, 1), True, "closes today"),
        (epoch(2026, 12, 10, 23, 59, 59), True, "closes today"),
        (epoch(2026, 12, 11, 0, 0, 1), False, "closed since 11 December 2026"),
        # 23:30 UTC on the 10th is already the 11th in Paris: closed.
        (epoch(2026, 12, 10, 23, 30, tz=dt.UTC), False, "closed since 11 December 2026"),
        # 22:30 UTC on the 10th is 23:30 in Paris: still open.
        (epoch(2026, 12, 10, 22, 30, tz=dt.UTC), True, "closes today"),
        (epoch(2026, 11, 29, 12), True, "closes in 11 days"),
    ],
)
def test_open_until_the_end_of_the_deadline_day_in_paris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str, is_open: bool, hint: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", moment)
    write_site(tmp_path)
    board = jobs.board(build_catalog(tmp_path), "en")
    open_slugs, closed_slugs = [r.slug for r in board.open], [r.slug for r in board.closed]
    assert ("icu-engineer" in open_slugs) is is_open and ("icu-engineer" in closed_slugs) is not is_open
    row = next(r for r in (*board.open, *board.closed) if r.slug == "icu-engineer")
    assert row.hint == hint


def test_open_soonest_first_closed_apart(tmp_path: Path) -> None:
    write_site(tmp_path)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    board = jobs.board(catalog, "fr")
    assert [r.slug for r in board.open] == ["icu-engineer", "heart-phd"]
    assert [r.slug for r in board.closed] == ["old-internship"]
    engineer = board.open[0]
    assert (engineer.kind_label, engineer.location, engineer.deadline_text) == (
        "Poste d’ingénieur",
        "Hôpital X",
        "10 décembre 2026",
    )
    assert engineer.start == "4 janvier 2027" and engineer.projects == (("Flux en réanimation", "projets/icu-flow/"),)
    assert engineer.hint == "clôture dans 11 jours"
    assert [(k.id, k.count, k.url) for k in board.kinds] == [
        ("phd", 1, "recrutement/type/phd/"),
        ("engineer", 1, "recrutement/type/engineer/"),
    ]


def test_a_kind_page_for_each_kind_with_open_positions(tmp_path: Path) -> None:
    write_site(tmp_path)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    kinds = {p.url: p for p in catalog.pages if p.key.startswith("jobs-kind/")}
    assert sorted(kinds) == [
        "en/jobs/type/engineer/",
        "en/jobs/type/phd/",
        "recrutement/type/engineer/",
        "recrutement/type/phd/",
    ]
    assert [r.slug for r in kinds["en/jobs/type/phd/"].view.rows] == ["heart-phd"]
    assert "recrutement/type/internship/" not in kinds  # only closed internships
