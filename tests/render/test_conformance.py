"""Every page kind of both languages is conforming HTML for the Nu Html Checker (the W3C's
checker), Material's own markup included, whatever a contributor writes in a field."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PAGE_KINDS, REPO
from tests.fixtures.hostile import PAYLOADS

VNU = REPO / ".cache" / "vnu" / "vnu.jar"  # put there by scripts/test-tools.sh
Checker = Callable[..., tuple[list[dict], set[Path]]]


@pytest.fixture(scope="session")
def nu_checker() -> Checker:
    """The Nu Html Checker on the JRE: folders -> its messages and the files it read (one JVM a call)."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        if os.environ.get("CI"):
            pytest.fail("the Nu Html Checker is missing: CI must run scripts/test-tools.sh")
        pytest.skip("the Nu Html Checker is not installed (scripts/test-tools.sh installs it)")

    def check(*folders: Path) -> tuple[list[dict], set[Path]]:
        args = [java, "-jar", str(VNU), "--format", "json", "--stdout", "--skip-non-html", "--verbose"]
        done = subprocess.run([*args, *map(str, folders)], capture_output=True, text=True, check=False)
        return json.loads(done.stdout)["messages"], {Path(line) for line in done.stderr.splitlines()}

    return check


def checker_artefact(message: dict) -> bool:
    """What the checker says of a file: URL that no browser would (or of a file not HTML): it applies the page's
    Content-Security-Policy with no origin for 'self' to match, and applies script-src to JSON
    data blocks, which CSP does not govern (Chromium reports no violation: tests/browser/test_trust)."""
    text = message.get("message", "")
    if text.startswith("File was not checked."):  # --verbose's word on feeds, images...
        return True
    if text.startswith("Resource violates Content Security Policy"):
        url = re.search(r"“([^”]*)”", text)
        return url is not None and not re.match(r"[a-z][a-z0-9+.-]*:|//", url.group(1))
    if text.startswith("Inline script violates Content Security Policy"):
        return re.search(r'<script[^>]* type="application/(ld\+)?json"', message.get("extract", "")) is not None
    return False


def problems(messages: list[dict]) -> list[str]:
    """Errors, warnings and failures to check a file, as ``file:line: message``."""
    return [
        f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['type']}: {m.get('message')}"
        for m in messages
        if m["type"] != "info" or (m.get("subType") == "warning" and not checker_artefact(m))
    ]


def test_every_page_of_both_languages_is_conforming_html(repo_site: Path, fixture_site: Path, nu_checker) -> None:
    messages, read = nu_checker(repo_site, fixture_site)
    pages = {p.relative_to(repo_site).as_posix() for p in repo_site.rglob("*.html")}
    for kind, paths in PAGE_KINDS.items():
        assert set(paths) <= pages, f"the example site has no {kind} page at {paths}"
    assert len(pages) > 100 and {repo_site / page for page in pages} <= read
    assert problems(messages) == []


def test_pages_showing_hostile_values_stay_conforming(hostile_site, nu_checker) -> None:
    messages, read = nu_checker(*(hostile_site(payload)[0] for payload in PAYLOADS))
    assert len(read) > 20 * len(PAYLOADS)
    assert problems(messages) == []


def test_the_checker_sees_what_material_gets_wrong(tmp_path: Path, nu_checker) -> None:
    """The two defects of Material's markup this site mends are errors for the checker: the test
    above would catch them back."""
    page = tmp_path / "material.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<input type="checkbox" id="__drawer" autocomplete="off"><label for="__toc">Contents</label>'
        "</body></html>",
        encoding="utf-8",
    )
    said = [m["message"] for m in nu_checker(tmp_path)[0] if m["type"] == "error"]
    assert any("autocomplete" in m for m in said) and any("“for” attribute" in m for m in said), said
