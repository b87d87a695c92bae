"""The feeds as readers and aggregators see them: parsed by feedparser and checked with lxml."""

from __future__ import annotations

import email.utils
import html
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.conftest import FIXTURE_EPOCH, build, write_site

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = [
    ("actualites", "fr"),
    ("recrutement", "fr"),
    ("projets", "fr"),
    ("en/news", "en"),
    ("en/jobs", "en"),
    ("en/projects", "en"),
]
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


@pytest.mark.parametrize(("folder", "lang"), FEEDS)
def test_rss_is_valid_and_complete(fixture_site: Path, folder: str, lang: str) -> None:
    path = fixture_site / folder / "rss.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == lang and parsed.entries
    channel = etree.parse(str(path)).getroot().find("channel")
    for tag in ("title", "link", "description", "language", "lastBuildDate"):
        assert channel.findtext(tag), tag
    assert channel.findtext("link") == f"https://lab.example.org/{folder}/"
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"https://lab.example.org/{folder}/rss.xml"
    assert self_link.get("type") == "application/rss+xml"
    guids = []
    newest = None
    for item in channel.findall("item"):
        for tag in ("title", "link", "guid", "pubDate", "description"):
            assert item.findtext(tag), tag
        assert item.find("guid").get("isPermaLink") == "true" and item.findtext("guid") == item.findtext("link")
        assert item.findtext("link").startswith("https://lab.example.org/" + ("en/" if lang == "en" else ""))
        published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))  # RFC 822
        assert published.tzinfo is not None
        newest = max(newest or published, published)
        content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""
        for url in re.findall(r'(?:href|src)="([^"]+)"', content):
            assert url.startswith(("https://", "mailto:", "#")), url
        # RSS's <author> must be an e-mail address: the lab is the items' dc:creator.
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == (
            "Test Lab" if lang == "en" else "Laboratoire Test"
        )
        for category in item.findall("category"):  # its domain: the page listing that category
            assert _page_of(fixture_site, category.get("domain")), category.get("domain")
        for enclosure in item.findall("enclosure"):
            assert enclosure.get("type") == "image/png" and int(enclosure.get("length")) > 0
            assert _page_of(fixture_site, enclosure.get("url"), "")
        guids.append(item.findtext("guid"))
    assert len(guids) == len(set(guids))
    assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")) >= newest


@pytest.mark.parametrize(("folder", "lang"), FEEDS)
def test_atom_is_valid_and_complete(fixture_site: Path, folder: str, lang: str) -> None:
    path = fixture_site / folder / "atom.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    root = etree.parse(str(path)).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for tag in ("id", "title", "updated"):
        assert root.findtext(ATOM + tag), tag
    assert RFC3339.match(root.findtext(ATOM + "updated"))
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"https://lab.example.org/{folder}/atom.xml"
    # RFC 4287: an author in every entry, or in the feed: the lab.
    assert root.findtext(f"{ATOM}author/{ATOM}name") == ("Test Lab" if lang == "en" else "Laboratoire Test")
    ids = []
    for entry in root.findall(ATOM + "entry"):
        for tag in ("id", "title", "updated", "published", "summary", "content"):
            assert entry.findtext(ATOM + tag) is not None, tag
        assert RFC3339.match(entry.findtext(ATOM + "updated")) and RFC3339.match(entry.findtext(ATOM + "published"))
        assert entry.find(ATOM + "content").get("type") == "html"
        # One link, the alternate (Atom's default rel): no enclosure in Atom.
        assert [link.get("rel", "alternate") for link in entry.findall(ATOM + "link")] == ["alternate"]
        for category in entry.findall(ATOM + "category"):
            assert _page_of(fixture_site, category.get("scheme")), category.get("scheme")
        ids.append(entry.findtext(ATOM + "id"))
    assert len(ids) == len(set(ids))


def _page_of(site: Path, url: str | None, index: str = "index.html") -> bool:
    """Whether an absolute URL of the site is one of its built files (a page, by default)."""
    base = "https://lab.example.org/"
    return bool(url) and url.startswith(base) and (site / url[len(base) :] / index).is_file()  # type: ignore[union-attr]


def entries(site: Path, folder: str, fmt: str = "rss") -> list:
    return feedparser.parse((site / folder / f"{fmt}.xml").read_bytes()).entries


def test_what_each_feed_carries(fixture_site: Path) -> None:
    assert [e.title for e in entries(fixture_site, "en/jobs")] == ["Data engineer", "Heart PhD"]  # closed ad left out
    assert [e.link for e in entries(fixture_site, "projets")] == [
        "https://lab.example.org/projets/icu-flow/",
        "https://lab.example.org/projets/heart-ai/",
        "https://lab.example.org/projets/lung-scan/",
    ]
    french = entries(fixture_site, "actualites")
    assert all("/en/" not in e.link for e in french) and [e.title[:4] for e in french] == ["Prix", "Prem"]
    award = french[0]
    assert award.title == 'Prix « IA & santé » : l’équipe <HAI> reçoit 🏆 "Best" paper'
    assert html.unescape(award.summary) == "Un prix & des <balises>."  # RSS descriptions are HTML
    assert [t.term for t in award.tags] == ["Événement"]
    assert award.published_parsed[:3] == (2026, 6, 19)  # 2026-06-20 00:00 Paris is the 19th in UTC
    # RSS items have no update date; Atom entries carry both.
    atom_fr = entries(fixture_site, "actualites", "atom")[0]
    assert atom_fr.published.startswith("2026-06-20T00:00:00+02:00") and atom_fr.updated.startswith("2026-06-22")
    content = award.content[0].value
    assert 'href="https://lab.example.org/projets/heart-ai/"' in content
    assert 'src="https://lab.example.org/projets/heart-ai/diagram.svg"' in content
    atom_award = entries(fixture_site, "en/news", "atom")[0]
    assert atom_award.title == 'Award “AI & health”: team <HAI> wins 🏆 "Best" paper'


def test_feed_dates_come_from_the_content(fixture_site: Path) -> None:
    root = etree.parse(str(fixture_site / "en/news/atom.xml")).getroot()
    assert root.findtext(ATOM + "updated") == "2026-06-22T00:00:00+02:00"  # the newest item's update


def test_unchanged_sources_give_byte_identical_feeds(tmp_path: Path) -> None:
    first = build(write_site(tmp_path / "a"))
    second = build(write_site(tmp_path / "b"), epoch=str(int(FIXTURE_EPOCH) + 5 * 3600))  # five hours later
    for folder, _ in FEEDS:
        for name in ("rss.xml", "atom.xml"):
            assert (first / folder / name).read_bytes() == (second / folder / name).read_bytes(), folder + name


def test_every_page_links_its_language_feeds(fixture_site: Path) -> None:
    page = (fixture_site / "en/about/index.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<link rel="alternate" type="(application/(?:rss|atom)\+xml)" title="[^"]+" href="([^"]+)">', page
    )
    assert sorted(href for _, href in links) == sorted(
        f"https://lab.example.org/en/{folder}/{name}"
        for folder in ("news", "jobs", "projects")
        for name in ("rss.xml", "atom.xml")
    )
    # A page's hreflang set is its translations and x-default only, all absolute: no feed in it.
    hreflangs = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', page)
    assert hreflangs == [
        ("fr", "https://lab.example.org/a-propos/"),
        ("en", "https://lab.example.org/en/about/"),
        ("x-default", "https://lab.example.org/a-propos/"),
    ]
    news = (fixture_site / "actualites/index.html").read_text(encoding="utf-8")
    assert re.search(r'S’abonner\xa0:</span>\s*<a href="rss.xml" type="application/rss\+xml">flux RSS</a>', news)
    # Each language's typography: a no-break space before the colon in French, none in English.
    english = (fixture_site / "en/news/index.html").read_text(encoding="utf-8")
    assert "Subscribe:</span>" in english and "Subscribe :" not in english


def test_feeds_follow_the_build_with_mkdocs_too(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/en/news/atom.xml").is_file() and (tmp_path / "site/actualites/rss.xml").is_file()
    del config


def test_atom_summary_is_plain_text(fixture_site: Path) -> None:
    root = etree.parse(str(fixture_site / "actualites/atom.xml")).getroot()
    assert root.find(ATOM + "entry").findtext(ATOM + "summary") == "Un prix & des <balises>."
