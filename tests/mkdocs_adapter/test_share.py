"""What link previews, search engines and feed readers get: meta tags, cards, sitemap, enclosures."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from PIL import Image

from tests.conftest import build, run_labsite, write_site

SITE = "https://lab.example.org/"
PAGES = {  # url: (og:type, language)
    "": ("website", "fr"),
    "en/about/": ("website", "en"),
    "projets/heart-ai/": ("article", "fr"),
    "en/news/first-news/": ("article", "en"),
    "recrutement/icu-engineer/": ("article", "fr"),
    "en/projects/themes/imaging/": ("website", "en"),
}


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def metas(page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for attribute, name, content in re.findall(r'<meta (property|name)="([^"]+)" content="([^"]*)">', page):
        found.setdefault(f"{attribute}:{name}", []).append(html.unescape(content))
    return found


@pytest.mark.parametrize("url", PAGES)
def test_share_metadata_of_each_page_kind(fixture_site: Path, url: str) -> None:
    og_type, lang = PAGES[url]
    page = read(fixture_site, url)
    m = metas(page)
    title = html.unescape(re.search(r"<title>(.*?)( - [^<]*)?</title>", page)[1])
    assert m["property:og:type"] == [og_type]
    assert m["property:og:title"][0] in (title, "Laboratoire Test")
    assert m["property:og:url"] == [SITE + url] and f'<link rel="canonical" href="{SITE + url}">' in page
    assert m["property:og:site_name"] == ["Laboratoire Test" if lang == "fr" else "Test Lab"]
    assert m["property:og:locale"] == ["fr_FR" if lang == "fr" else "en_US"]
    assert m["property:og:locale:alternate"] == ["en_US" if lang == "fr" else "fr_FR"]
    assert m["property:og:description"] == m["name:description"] and m["name:description"][0]
    image = m["property:og:image"][0]
    assert image.startswith(SITE) and image.endswith(".png")
    assert (m["property:og:image:width"], m["property:og:image:height"]) == (["1200"], ["630"])
    assert m["property:og:image:alt"][0]
    card = Image.open(fixture_site / image.removeprefix(SITE))
    assert card.size == (1200, 630) and card.format == "PNG"
    assert m["name:twitter:card"] == ["summary_large_image"] and m["name:twitter:image"] == [image]
    assert 'property="twitter:' not in page


def jsonld(page: str) -> list[dict]:
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


def test_home_carries_the_organization(fixture_site: Path) -> None:
    [org] = jsonld(read(fixture_site, "en/"))
    assert org["@type"] == "ResearchOrganization" and org["name"] == "Test Lab" and org["url"] == SITE + "en/"
    assert [p["name"] for p in org["parentOrganization"]] == [
        "Assistance Publique – Hôpitaux de Paris (AP-HP)",
        "Inria",
    ]
    assert (fixture_site / org["logo"].removeprefix(SITE)).is_file()


def test_news_pages_carry_a_news_article(fixture_site: Path) -> None:
    [article] = jsonld(read(fixture_site, "en/news/award/"))
    assert (
        article["@type"] == "NewsArticle"
        and article["headline"] == 'Award “AI & health”: team <HAI> wins 🏆 "Best" paper'
    )
    assert (article["datePublished"], article["dateModified"]) == ("2026-06-20", "2026-06-22")
    assert article["image"] == [SITE + "en/assets/cards/news/award.png"]
    for who in ("author", "publisher"):  # the lab, with its logo
        assert article[who]["name"] == "Test Lab" and article[who]["url"] == SITE + "en/"
        assert (fixture_site / article[who]["logo"]["url"].removeprefix(SITE)).is_file()


def test_every_page_has_its_card(fixture_site: Path) -> None:
    for index in fixture_site.rglob("index.html"):
        image = metas(index.read_text(encoding="utf-8"))["property:og:image"][0]
        assert (fixture_site / image.removeprefix(SITE)).is_file(), index


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_lists_published_pages_with_alternates(fixture_site: Path) -> None:
    root = etree.parse(str(fixture_site / "sitemap.xml")).getroot()
    urls = {u.findtext(SITEMAP + "loc"): u for u in root.findall(SITEMAP + "url")}
    assert SITE in urls and SITE + "en/about/" in urls and SITE + "en/projects/themes/imaging/" in urls
    about = urls[SITE + "a-propos/"]
    alternates = {link.get("hreflang"): link.get("href") for link in about.findall(XHTML + "link")}
    assert alternates == {"fr": SITE + "a-propos/", "en": SITE + "en/about/", "x-default": SITE + "a-propos/"}
    assert urls[SITE + "en/news/award/"].findtext(SITEMAP + "lastmod") == "2026-06-22"
    assert urls[SITE + "projets/heart-ai/"].findtext(SITEMAP + "lastmod") == "2025-01-15"
    assert SITE + "en/jobs/old-internship/" not in urls  # closed
    assert SITE + "en/jobs/icu-engineer/" in urls
    assert not (fixture_site / "en/sitemap.xml").exists() and not (fixture_site / "sitemap.xml.gz").exists()
    robots = (fixture_site / "robots.txt").read_text()
    assert robots.splitlines()[-1] == "Sitemap: https://lab.example.org/sitemap.xml"


def test_drafts_are_not_in_the_sitemap(tmp_path: Path) -> None:
    from tests.conftest import FIXTURE_FILES

    files = dict(FIXTURE_FILES)
    files["news/first-news/index.yml"] = str(files["news/first-news/index.yml"]).replace("draft: false", "draft: true")
    site = build(write_site(tmp_path, files))
    assert "first-news" not in (site / "sitemap.xml").read_text()


def test_rss_enclosures_are_the_cards_with_their_real_size(fixture_site: Path) -> None:
    for folder in ("actualites", "en/jobs", "projets"):
        entries = feedparser.parse((fixture_site / folder / "rss.xml").read_bytes()).entries
        assert entries
        for entry in entries:
            [enclosure] = entry.enclosures
            assert enclosure.type == "image/png"
            card = fixture_site / enclosure.href.removeprefix(SITE)
            assert int(enclosure.length) == card.stat().st_size


def test_a_second_build_reuses_every_card(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    first = run_labsite(config, "build")
    assert re.search(r"Cards \(fr\): [1-9]\d* rendered, 0 reused", first.stderr)
    second = run_labsite(config, "build")
    counts = re.findall(r"Cards \(\w+\): (\d+) rendered, (\d+) reused", second.stderr)
    assert len(counts) == 2 and all(rendered == "0" and int(reused) > 0 for rendered, reused in counts), second.stderr


def test_every_pages_hreflang_set_is_absolute_reciprocal_with_x_default(fixture_site: Path) -> None:
    """What search engines require of hreflang: absolute alternates, the page itself among them,
    an x-default, and the same set on every page of the set."""
    base = "https://lab.example.org/"
    sets = {}
    for path in fixture_site.rglob("index.html"):
        links = re.findall(
            r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', path.read_text(encoding="utf-8")
        )
        url = base + path.parent.relative_to(fixture_site).as_posix() + "/"
        sets[url.replace(base + "./", base)] = dict(links)
    assert len(sets) > 40
    for url, alternates in sets.items():
        assert url in alternates.values() and "x-default" in alternates, url
        assert all(href.startswith(base) for href in alternates.values()), url
        for href in alternates.values():
            assert sets[href] == alternates, (url, href)
