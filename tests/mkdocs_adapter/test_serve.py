"""`labsite serve`: both languages served, and an edited page rebuilt (dirty builds)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import FIXTURE_EPOCH, write_site


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
