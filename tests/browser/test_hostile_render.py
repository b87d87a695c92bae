"""Hostile values that `labsite check` lets through are shown as text: in Chromium, no script
runs and no dialog opens on any page that displays them; JSON-LD and feeds still parse."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest

from tests.fixtures.hostile import PAYLOADS

PAGES = [
    "",
    "projets/",
    "projets/heart-ai/",
    "projets/themes/imaging/",
    "partenaires/inria-team/",
    "partenaires/",
    "actualites/",
    "actualites/first-news/",
    "recrutement/",
    "recrutement/icu-engineer/",
    "recrutement/heart-phd/",
    "a-propos/",
    "en/",
    "en/projects/heart-ai/",
    "en/partners/inria-team/",
    "en/news/",
    "en/news/first-news/",
    "en/jobs/",
    "en/jobs/icu-engineer/",
    "en/about/",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_accepted_payloads_never_run(hostile_site, serve: Callable[[Path], str], browser, payload: str) -> None:
    site, cases = hostile_site(payload)
    assert cases, "every field refused this payload: nothing to render"
    base = serve(site)
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab = context.new_page()
    shown = 0
    for url in PAGES:
        tab.goto(base + url)
        tab.wait_for_load_state("load")
        assert tab.evaluate("() => window.__pwned") is None, f"a payload ran on /{url}"
        shown += PAYLOADS[payload] in tab.locator("body").inner_text()
        html = (site / url / "index.html").read_text(encoding="utf-8")
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            json.loads(script)
    assert dialogs == [] and shown > 0, (dialogs, shown)
    for feed in ("actualites/rss.xml", "en/news/atom.xml", "projets/rss.xml", "en/jobs/rss.xml"):
        parsed = feedparser.parse((site / feed).read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
    context.close()
