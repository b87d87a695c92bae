"""Every date decision is the timeline's: an ad is open until the end of its deadline day, and
every output that shows it (its page, the board, its kind's page, the home page, the feeds,
its JSON-LD, the sitemap, its project's page) says the same, on the day before, on the day
itself and on the day after."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest

from labsite.model.content import Announcement, ItemText
from labsite.model.timeline import standing
from tests.conftest import REPO, build, write_site

PACKAGE = REPO / "plugins" / "labsite"
DEADLINE = dt.date(2026, 12, 10)  # the fixture's engineer ad (news/icu-engineer), of project icu-flow
NOON = dt.time(12)


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, NOON, dt.timezone(dt.timedelta(hours=1))).timestamp()))


def _what_shows(site: Path) -> dict[str, bool]:
    """Whether each output of the built site shows the ad as open."""
    job = (site / "en/jobs/icu-engineer/index.html").read_text(encoding="utf-8")
    ld = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', job, re.S)]
    board = (site / "en/jobs/index.html").read_text(encoding="utf-8")
    open_list = board.split('id="ls-jobs-open"', 1)[1].split("</ul>", 1)[0] if 'id="ls-jobs-open"' in board else ""
    home = (site / "en/index.html").read_text(encoding="utf-8")
    positions = home.split('id="ls-home-positions"', 1)[1].split("</section>", 1)[0]
    project = (site / "en/projects/icu-flow/index.html").read_text(encoding="utf-8")
    rss = feedparser.parse((site / "en/jobs/rss.xml").read_bytes())
    atom = feedparser.parse((site / "en/jobs/atom.xml").read_bytes())
    url = "https://lab.example.org/en/jobs/icu-engineer/"
    return {
        "page": "ls-closed-banner" not in job,
        "json-ld": any(item.get("@type") == "JobPosting" for item in ld),
        "board": "icu-engineer" in open_list,
        "kind page": (site / "en/jobs/type/engineer/index.html").is_file(),
        "home": "icu-engineer" in positions,
        "rss": any(entry.link == url for entry in rss.entries),
        "atom": any(entry.link == url for entry in atom.entries),
        "sitemap": url in (site / "sitemap.xml").read_text(encoding="utf-8"),
        "project page": "jobs/icu-engineer/" in project.split('id="ls-positions"', 1)[-1]
        if 'id="ls-positions"' in project
        else False,
    }


@pytest.mark.parametrize(
    ("day", "is_open"),
    [(DEADLINE - dt.timedelta(days=1), True), (DEADLINE, True), (DEADLINE + dt.timedelta(days=1), False)],
    ids=["the day before", "the deadline day", "the day after"],
)
def test_every_output_agrees_on_whether_the_ad_is_open(tmp_path: Path, day: dt.date, is_open: bool) -> None:
    site = build(write_site(tmp_path), epoch=_epoch(day))
    assert _what_shows(site) == dict.fromkeys(_what_shows(site), is_open)


def test_the_standing_of_an_ad() -> None:
    text = {"en": ItemText(path="x", title="t", summary="s")}
    ad = Announcement(slug="a", texts=text, type="job", date=dt.date(2026, 11, 1), deadline=DEADLINE)
    assert standing(ad, DEADLINE).is_open and standing(ad, DEADLINE).days_left == 0
    assert standing(ad, DEADLINE + dt.timedelta(days=1)).closed
    later = Announcement(slug="b", texts=text, type="news", date=dt.date(2026, 12, 1))
    assert standing(later, dt.date(2026, 11, 30)).scheduled and not standing(later, dt.date(2026, 12, 1)).scheduled


def test_no_module_but_the_timeline_compares_a_date_with_today() -> None:
    """ "Today" is passed around, never compared: the timeline alone decides."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "timeline.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare | ast.BinOp):
                names = {n.attr if isinstance(n, ast.Attribute) else getattr(n, "id", "") for n in ast.walk(node)}
                if "today" in names and names & {"deadline", "date", "start", "end", "opens", "hearing"}:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
