"""Reading the items in two processes gives the catalog one process gives, problems included
and in the same order; if the other process fails, its half is read here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from labsite.build.catalog import make_catalog
from labsite.common import clock
from labsite.common.diagnostics import Diagnostic
from labsite.sources import halves
from tests.conftest import EVENT_FILES, FIXTURE_FILES, PEOPLE_FILES, write_site


def test_two_processes_read_what_one_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES}
    # An error in an item of each half (the keys are sorted: news/... then people/... then projects/...;
    # the news are done here, and the projects, which weigh twice as much, in the other process).
    files["news/first-news/index.yml"] = str(files["news/first-news/index.yml"]) + "colour: blue\n"
    files["projects/lung-scan/index.yml"] = str(files["projects/lung-scan/index.yml"]).replace(
        "status: completed", "status: finished"
    )
    write_site(tmp_path, files)
    one = make_catalog(tmp_path, clock.today())
    monkeypatch.setattr(halves, "MIN_KEYS", 2)
    forks = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    two = make_catalog(tmp_path, clock.today(), parallel=True)
    assert forks == [1]
    assert {d.path for d in one.errors} == {"news/first-news/index.yml", "projects/lung-scan/index.yml"}
    assert two.diagnostics == one.diagnostics
    assert repr(two.pages) == repr(one.pages)
    assert (repr(two.projects), repr(two.announcements), repr(two.people)) == (
        repr(one.projects),
        repr(one.announcements),
        repr(one.people),
    )


def test_the_other_half_is_done_here_if_its_process_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()

    def work(keys: list[str], problems: list[Diagnostic]) -> dict[str, str]:
        if os.getpid() != here:
            os._exit(3)  # the other process dies
        problems += [Diagnostic(f"{key}.yml", 1, 1, "error", "", "bad") for key in keys if key.endswith("7")]
        return {key: key.upper() for key in keys}

    monkeypatch.setattr(halves, "MIN_KEYS", 2)
    keys = [f"item-{n}" for n in range(10)]
    problems: list[Diagnostic] = []
    assert halves.run(work, keys, problems, parallel=True) == {key: key.upper() for key in keys}
    assert list(halves.run(work, keys, [], parallel=True)) == keys  # in the keys' order
    assert [d.path for d in problems] == ["item-7.yml"]


def test_each_process_gets_its_share_of_the_weight() -> None:
    keys = [f"news/{n:04}" for n in range(2200)] + [f"projects/{n:04}" for n in range(1000)]
    middle = halves.split(keys, lambda key: 2.0 if key.startswith("projects/") else 1.0)
    assert middle == 2100  # half of 4,200 here: news items only
    assert halves.split(keys, lambda key: 1.0) == 1600
    assert halves.split(["a", "b"], lambda key: 1.0) == 1
    assert halves.split(["a", "b"], lambda key: 100.0 if key == "a" else 1.0) == 1  # one key each side at least
    assert halves.split(["a", "b"], lambda key: 100.0 if key == "b" else 1.0) == 1
