"""`labsite serve`: both languages served, and an edited page rebuilt (dirty builds)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import FIXTURE_EPOCH, FIXTURE_FILES, NEWS_YML, build, run_labsite, write_site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.2)
    return False


def test_an_edited_page_is_rebuilt_in_both_languages(tmp_path: Path) -> None:
    write_site(tmp_path)
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXTURE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "labsite.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "en/about/", "platypus", 120), "the preview never served the English page"
        assert "ornithorynque" in fetch(base + "a-propos/")
        assert '"lang":["en"]' in fetch(base + "en/search/search_index.json").replace(" ", "")
        about = tmp_path / "content/about.en.md"
        about.write_text(about.read_text(encoding="utf-8").replace("platypus", "echidna"), encoding="utf-8")
        assert wait_for(base + "en/about/", "echidna", 60), "the edit never showed"
        assert "ornithorynque" in fetch(base + "a-propos/")  # the other language still served
        project = tmp_path / "projects/heart-ai/index.fr.md"
        project.write_text(project.read_text(encoding="utf-8").replace("Voir", "Consulter"), encoding="utf-8")
        assert wait_for(base + "projets/heart-ai/", "Consulter", 60), "an item's edit never showed"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_drafts_are_previewed_with_a_banner_and_never_built(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/lung-scan/index.yml"] = str(files["projects/lung-scan/index.yml"]).replace(
        "draft: false", "draft: true"
    )
    files["news/first-news/index.yml"] = NEWS_YML.replace("date: 2026-05-04", "date: 2027-02-01")
    write_site(tmp_path, files)
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXTURE_EPOCH, "NO_MKDOCS_2_WARNING": "1", "LABSITE_LANG": "en"}
    server = subprocess.Popen(
        [sys.executable, "-m", "labsite.cli", "serve", "--drafts", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "projets/lung-scan/", "ls-preview-banner", 120), "the draft is not previewed"
        assert "Brouillon" in fetch(base + "projets/lung-scan/") and "noindex" in fetch(base + "projets/lung-scan/")
        assert "Draft: this page is not published" in fetch(base + "en/projects/lung-scan/")
        assert "paraîtra le 1er février 2027" in fetch(base + "actualites/first-news/")
        assert "ls-preview-banner" not in fetch(base + "projets/heart-ai/")  # published pages say nothing
    finally:
        server.terminate()
        server.wait(timeout=30)
    site = build(tmp_path / "mkdocs.yml")  # LABSITE_DRAFTS is the preview's alone
    assert not (site / "projets/lung-scan").exists() and not (site / "actualites/first-news").exists()
    result = run_labsite(tmp_path / "mkdocs.yml", "check")
    assert (
        "projects/lung-scan/: draft" in result.stderr and "news/first-news/: published from 2027-02-01" in result.stderr
    )
