"""Hostile values that `labsite check` lets through are shown as text: in Chromium, no script
runs and no dialog opens on any page that displays them; JSON-LD and feeds still parse. No page
links to a javascript: or data: URL, the search index holds them escaped, and each entry's .bib
download is the contributor's own text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import icalendar
import lxml.html
import pytest

from tests.fixtures.hostile import PAYLOADS, split_bib

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
    "equipe/",
    "equipe/ada-martin/",
    "publications/",
    "agenda/",
    "agenda/seminar/",
    "en/events/seminar/",
]
FEEDS = [
    "actualites/rss.xml",
    "en/news/atom.xml",
    "projets/rss.xml",
    "en/jobs/rss.xml",
    "publications/rss.xml",
    "en/publications/atom.xml",
    "agenda/rss.xml",
    "en/events/atom.xml",
]
CSP = r'<meta http-equiv="Content-Security-Policy"[^>]*>'
# Attributes a browser follows or loads as a URL.
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "ping", "xlink:href", "background"}


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
    for feed in FEEDS:
        parsed = feedparser.parse((site / feed).read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert all(re.match(r"https?://", link.href) for e in parsed.entries for link in e.links), feed
    context.close()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_page_keeps_the_policy_and_links_no_script_or_data(hostile_site, payload: str) -> None:
    """Every page of the site built with the payload in every field, and the hostile BibTeX
    entries (\\url{javascript:...}, addresses with quotes and angle brackets...): the site's
    Content-Security-Policy (the people and publications pages' too), no link, image or form to a
    javascript: or data: URL, no event handler attribute."""
    site, _ = hostile_site(payload)
    (policy,) = re.findall(CSP, (site / "a-propos/index.html").read_text(encoding="utf-8"))
    found = []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if re.findall(CSP, html) != [policy]:
            found.append(f"{path.relative_to(site)}: not the site's Content-Security-Policy")
        for element in lxml.html.fromstring(html).iter():
            for name, value in getattr(element, "attrib", {}).items():
                name = name.lower()
                if name.startswith("on") or (
                    name in URL_ATTRIBUTES and re.match(r"[\x00-\x20]*(javascript|data|vbscript):", value, re.I)
                ):
                    found.append(f"{path.relative_to(site)}: <{element.tag} {name}={value[:60]!r}>")
    assert found == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_downloads_indexes_and_sitemap_keep_payloads_as_text(hostile_site, payload: str) -> None:
    site, _ = hostile_site(payload)
    # Each entry's .bib is its text as the contributor wrote it in publications/.
    sources = "".join(p.read_text(encoding="utf-8") for p in (site.parent / "publications").glob("*.bib"))
    downloads = list((site / "bib").glob("*.bib"))
    assert len(downloads) > 10
    for download in downloads:
        strings, entry = split_bib(download.read_text(encoding="utf-8"))
        assert entry.startswith("@") and entry.strip() in sources, download.name
        assert all(line in sources for line in strings), download.name
    # Calendars: every .ics is read whole by icalendar, and a payload in the event's title,
    # place or address comes back as the text it was.
    calendars = sorted(site.rglob("*.ics"))
    assert len(calendars) == 4, calendars
    texts = []
    for path in calendars:
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            texts += [str(event.get(name, "")) for name in ("SUMMARY", "LOCATION", "DESCRIPTION")]
    assert any(PAYLOADS[payload] in text for text in texts), payload
    # The search index holds HTML: markup of a payload only escaped.
    for index in ("search/search_index.json", "en/search/search_index.json"):
        docs = json.loads((site / index).read_text(encoding="utf-8"))["docs"]
        if "<" in PAYLOADS[payload]:
            assert not [d["location"] for d in docs if PAYLOADS[payload] in d["title"] + d["text"]], index
    ElementTree.fromstring((site / "sitemap.xml").read_bytes())
