"""`labsite bench` runs on a tiny corpus and prints well-formed figures (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from labsite.commands import bench, pathological
from tests.conftest import REPO, build_catalog


def test_the_corpus_is_a_valid_site_with_expired_jobs(tmp_path: Path) -> None:
    bench.make_corpus(tmp_path / "corpus", REPO, projects=12, news=15, jobs=10, seed=3)
    catalog = build_catalog(tmp_path / "corpus", today=bench.TODAY)
    assert catalog.errors == []
    assert len(catalog.projects) == 12
    jobs = [a for a in catalog.announcements.values() if a.is_job]
    assert len(jobs) == 10 and any(catalog.standing(j).closed for j in jobs)
    bench.make_plain(tmp_path / "corpus", tmp_path / "plain")
    config = yaml.safe_load((tmp_path / "plain/mkdocs.yml").read_text())
    assert config["plugins"] == ["search"] and all(entry.startswith("content/") for entry in config["nav"])
    assert len(list((tmp_path / "plain/docs").rglob("*.md"))) == len(list((tmp_path / "corpus").rglob("*.md")))


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
            "--keep",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.match(r"corpus: 3 projects, 4 news, 2 job ads; machine: \d+ cores, Python 3\.\d+", lines[0])
    rows = {
        m["name"].strip(): m
        for m in (
            re.match(
                r"(?P<name>.{34}) +(?P<wall>\d+\.\d\d)s +(?P<pages>\d+) +(?P<rate>\d+\.\d) +(?P<rss>[\d,]+) MiB"
                r" +(?P<cards>\d+/\d+|-) +(?P<images>\d+/\d+|-)$",
                line,
            )
            for line in lines[2:6]
        )
        if m
    }
    assert set(rows) == {
        "labsite, cold caches",
        "labsite, warm",
        "labsite, warm, one process",
        "plain Material (same Markdown)",
    }
    cold, warm = rows["labsite, cold caches"], rows["labsite, warm"]
    assert cold["cards"] == f"{cold['pages']}/0" and warm["cards"] == f"0/{warm['pages']}"
    assert cold["images"] == "1/0" and warm["images"] == "0/1"  # one project in four has a cover
    assert "project directory: 3 cards, 1 with an image; HTML 0." in result.stdout
    assert re.search(r"at 390 px: filters respond after \d+\.\d\d s; 1 of 1 card images fetched", result.stdout)
    assert all(float(row["wall"]) > 0 and int(row["rss"].replace(",", "")) > 0 for row in rows.values())
    assert sum(line.startswith("ratio ") for line in lines) == 3
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
    assert [r["name"].strip() for r in rows if r] == ["example site", "corpus (4/4/2)"], lines
