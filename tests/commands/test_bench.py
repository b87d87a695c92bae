"""`labsite bench` runs on a tiny corpus and prints well-formed figures (no timing is asserted)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml

from labsite.commands import bench, pathological
from labsite.model.publications import lab_authors
from tests.conftest import REPO, build_catalog


def test_the_corpus_is_a_valid_site_with_expired_jobs(tmp_path: Path) -> None:
    bench.make_corpus(tmp_path / "corpus", REPO, projects=12, news=15, jobs=10, seed=3, people=10, publications=40)
    catalog = build_catalog(tmp_path / "corpus", today=bench.TODAY)
    assert catalog.errors == [] and catalog.warnings == []
    assert len(catalog.projects) == 12
    jobs = [a for a in catalog.announcements.values() if a.is_job]
    assert len(jobs) == 10 and any(catalog.standing(j).closed for j in jobs)
    bench.make_plain(tmp_path / "corpus", tmp_path / "plain")
    config = yaml.safe_load((tmp_path / "plain/mkdocs.yml").read_text())
    assert config["plugins"] == ["search"] and all(entry.startswith("content/") for entry in config["nav"])
    assert len(list((tmp_path / "plain/docs").rglob("*.md"))) == len(list((tmp_path / "corpus").rglob("*.md")))


def test_the_corpus_has_people_and_publications_linked_as_a_lab_links_them(tmp_path: Path) -> None:
    """A third of the people have a page, a fifth a photo; the entries come as HAL (LaTeX accents)
    and Zotero (UTF-8) export them, of every kind, their lab authors found by ORCID, idHal or list."""
    corpus = tmp_path / "corpus"
    bench.make_corpus(corpus, REPO, projects=12, news=3, jobs=3, seed=3, people=30, publications=120)
    catalog = build_catalog(corpus, today=bench.TODAY)
    assert catalog.errors == [] and catalog.warnings == []
    people, entries = catalog.people, catalog.publications
    assert len(people) == 30 and sum(bool(p.texts) for p in people.values()) == 10
    assert sum(bool(p.image) for p in people.values()) == 6 and len(list(corpus.glob("people/*/photo.jpg"))) == 6
    assert len(entries) == 120 and {"hal-1.bib", "zotero-1.bib"} <= {f.name for f in corpus.glob("publications/*.bib")}
    assert (
        "{\\'e}" in (corpus / "publications/hal-1.bib").read_text()
        and "é" in (corpus / "publications/zotero-1.bib").read_text()
    )
    assert {e.entry_type for e in entries.values()} == {t for t, _ in bench.ENTRY_TYPES}
    assert {len(e.authors) for e in entries.values()} <= set(range(1, 13)) and max(
        len(e.authors) for e in entries.values()
    ) > 6
    assert all(e.doi.startswith("10.5555/") for e in entries.values() if e.doi)
    assert any("é" in a.family + a.given for e in entries.values() for a in e.authors)  # LaTeX decoded
    assert any(e.orcids for e in entries.values()) and any(e.halids for e in entries.values())
    assert any(p.publications for p in people.values())
    linked = [key for key in entries if catalog.authors(key)]
    assert len(linked) > len(entries) / 2
    for key in linked:  # every person linked to an entry is among its authors, by name
        names = tuple(p.name for p in catalog.authors(key))
        assert len(lab_authors(entries[key].authors, names)) == len(names), key
    cited = [key for project in catalog.projects.values() for key in project.publications]
    assert (
        cited
        and all(key in entries for key in cited)
        and max(len(p.publications) for p in catalog.projects.values()) <= 10
    )
    assert any(catalog.members(slug) for slug in catalog.projects)


def test_without_people_and_publications_the_corpus_is_as_it_was(tmp_path: Path) -> None:
    """People and publications draw from their own random numbers: the other items do not change."""
    bench.make_corpus(tmp_path / "before", REPO, projects=4, news=3, jobs=2)
    bench.make_corpus(tmp_path / "after", REPO, projects=4, news=3, jobs=2, people=5, publications=12)
    assert not (tmp_path / "before/people").exists() and not (tmp_path / "before/publications").exists()
    for page in (tmp_path / "before").glob("*/*/index.*.md"):
        assert page.read_bytes() == (tmp_path / "after" / page.relative_to(tmp_path / "before")).read_bytes()
    assert bench.scaled(3, None, None) == (3 * bench.PEOPLE_PER_PROJECT, 3 * bench.PUBLICATIONS_PER_PROJECT)
    assert bench.scaled(3, 0, 7) == (0, 7)


def test_texts_are_as_long_and_shaped_as_a_teams_unless_short(tmp_path: Path) -> None:
    """About 600 words a language: sections, a subsection, lists, a table, links to other items
    that resolve (the corpus is checked above); --short keeps the earlier texts of about 200."""
    bench.make_corpus(tmp_path / "long", REPO, projects=6, news=4, jobs=2)
    bench.make_corpus(tmp_path / "short", REPO, projects=6, news=4, jobs=2, short=True)
    for corpus, low, high in ((tmp_path / "long", 520, 680), (tmp_path / "short", 140, 260)):
        pages = list(corpus.glob("*/*/index.*.md"))
        words = [len(re.findall(r"\w+", page.read_text(encoding="utf-8").split("---", 2)[2])) for page in pages]
        assert len(pages) == 2 * 12 and low <= sum(words) / len(words) <= high, (corpus.name, words)
    text = (tmp_path / "long/news/actualite-00001/index.en.md").read_text(encoding="utf-8")
    assert "\n## Background\n" in text and "\n### Methods\n" in text and "\n- **" in text and "\n1. " in text
    assert "| Step | Duration | Data |\n| --- | ---: | --- |" in text
    assert re.search(r"\]\(\.\./\.\./projects/projet-0000\d/index\.en\.md\)", text)
    assert re.search(
        r"\]\(\.\./projet-0000\d/index\.fr\.md\)",
        (tmp_path / "long/projects/projet-00002/index.fr.md").read_text("utf-8"),
    )


def test_bench_prints_well_formed_figures(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "labsite",
            "-f",
            str(REPO / "mkdocs.yml"),
            "bench",
            "--projects",
            "3",
            "--news",
            "4",
            "--jobs",
            "2",
            "--baseline",
            "--hugo",
            "--keep",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # People and publications in proportion to the projects: 5 and 50 a project.
    assert re.match(
        r"corpus: 3 projects, 4 news, 2 job ads, 15 people, 150 publications; texts of about 600 words a language;"
        r" machine: \d+ cores, Python 3\.\d+",
        lines[0],
    )
    rows = {
        m["name"].strip(): m
        for m in (
            re.match(
                r"(?P<name>.{34}) +(?P<wall>\d+\.\d\d)s +(?P<pages>\d+) +(?P<reused>\d+|-) +(?P<rate>\d+\.\d)"
                r" +(?P<rss>[\d,]+) MiB +(?:(?P<pss>[\d,]+) MiB|-)"
                r" +(?P<cards>\d+/\d+|-) +(?P<images>\d+/\d+|-)$",
                line,
            )
            for line in lines[2:9]
        )
        if m
    }
    assert set(rows) == {
        "labsite, cold caches",
        "labsite, no change",
        "labsite, a project's text changed",
        "labsite, full",
        "labsite, full, one process",
        "plain Material (same Markdown)",
        "Hugo (same Markdown)",
    }
    cold, warm = rows["labsite, cold caches"], rows["labsite, full"]
    assert cold["cards"] == f"{cold['pages']}/0" and warm["cards"] == f"0/{warm['pages']}"
    assert cold["images"] == "4/0" and warm["images"] == "0/4"  # one project in four has a cover, a person in 5 a photo
    assert cold["reused"] == warm["reused"] == "0" and rows["labsite, no change"]["reused"] == cold["pages"]
    # The project's two pages, and those that show it (which a text does not change): rendered again.
    assert rows["labsite, a project's text changed"]["reused"] == str(int(cold["pages"]) - 1)
    assert "project directory: 3 cards, 1 with an image; HTML 0." in result.stdout
    assert re.search(
        r"^people directory: 15 people, 5 with a page, 3 with a photo; HTML \d+\.\d\d MB \(\d+ kB with gzip\)$",
        result.stdout,
        re.MULTILINE,
    )
    assert re.search(
        r"^publications list: 150 entries in \d+ years; HTML \d+\.\d\d MB \(\d+ kB with gzip\); 150 \.bib files$",
        result.stdout,
        re.MULTILINE,
    )
    assert re.search(r"at 390 px: filters respond after \d+\.\d\d s; 1 of 1 card images fetched", result.stdout)
    assert all(float(row["wall"]) > 0 and int(row["rss"].replace(",", "")) > 0 for row in rows.values())
    # Memory shared between processes counted once: never more than each process's resident set added up.
    # A build of a few hundredths of a second (Hugo's here) may end before it can be read: "-".
    mib = {
        name: (int(row["rss"].replace(",", "")), int((row["pss"] or "-1").replace(",", "")))
        for name, row in rows.items()
    }
    assert all(pss <= rss for rss, pss in mib.values())
    # Read while the build holds its memory, not only as it starts: at least a third of RSS, which counts a page
    # shared by the two language passes twice (a reading at the start alone gave 3 MiB against 137).
    assert all(rss <= 3 * pss for name, (rss, pss) in mib.items() if name.startswith("labsite")), mib
    assert re.search(
        r"^speed-up of the language passes \((in parallel|one process: processors busy or too few)\): \d+\.\d\d "
        r"\(one process / full\)$",
        result.stdout,
        re.MULTILINE,
    )
    ratios = [line for line in lines if line.startswith("ratio ")]
    assert len(ratios) == 10 and sum(line.startswith("ratio labsite, no change / Hugo: ") for line in ratios) == 1
    for phase in bench.PHASES:
        assert any(line.strip().startswith(phase) for line in lines), phase


def test_bench_hostile_prints_a_line_per_pathological_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "labsite", "-f", str(REPO / "mkdocs.yml"), "bench", "--hostile"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("hostile input") and "budget" in lines[0]
    rows = [
        re.match(r"(?P<name>.{34}) +[\d,]+ +(\d+\.\d{3}s +){3} (?P<verdict>refused|accepted)", line)
        for line in lines[1:]
    ]
    assert all(rows) and len(rows) == len(pathological.PATHOLOGICAL), lines
    assert result.returncode == (1 if "OVER BUDGET" in result.stdout else 0)


def test_bench_serve_prints_the_reload_times(tmp_path: Path) -> None:
    """The preview's reload time after an edit is measured on the example site and a corpus."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "labsite",
            "-f",
            str(REPO / "mkdocs.yml"),
            "bench",
            "--serve",
            "--projects",
            "4",
            "--news",
            "4",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("preview (labsite serve)")
    rows = [
        re.match(r"(?P<name>.{34}) +\d+\.\d\ds +(?P<median>\d+\.\d\d)s median \((\d+\.\d\d, ){2}\d+\.\d\d\)$", line)
        for line in lines[1:]
    ]
    assert [r["name"].strip() for r in rows if r] == ["example site", "corpus (4/4/2/20/200)"], lines


def test_settling_reads_the_inputs_and_never_the_outputs(tmp_path: Path) -> None:
    """Before each timed build the inputs are read once; the site a build replaces is not read,
    nor anything but regular files (a pipe there would hold the benchmark forever)."""
    (tmp_path / "projects/p").mkdir(parents=True)
    (tmp_path / "projects/p/index.fr.md").write_text("---\ntitle: P\n---\n", encoding="utf-8")
    for folder in ("site", "public", ".site.old"):
        (tmp_path / folder).mkdir()
        os.mkfifo(tmp_path / folder / "pipe")
        (tmp_path / folder / "index.html").write_text("<p>made by the last build</p>", encoding="utf-8")
    os.mkfifo(tmp_path / "projects/p/pipe")
    read: list[str] = []
    real_open = open

    def spying_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(os.path.relpath(path, tmp_path))
        return real_open(path, *args, **kwargs)

    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("settling waited on a pipe"))
    signal.alarm(10)
    try:
        with mock.patch("builtins.open", spying_open):
            bench._settle(tmp_path, wait=0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert read == ["projects/p/index.fr.md"]
