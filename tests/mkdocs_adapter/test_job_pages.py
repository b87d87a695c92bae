"""Job pages as search engines and candidates see them, on the fixtures' day (2026-11-29)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.conftest import FIXTURE_FILES, build, run_labsite, write_site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def jsonld(text: str) -> list[dict]:
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)]


def visible(text: str) -> str:
    # The page's content: an article, or the home page's sections; up to the end of <main>.
    body = re.split(r'<(?:article|div) class="md-content__inner md-typeset">', text, maxsplit=1)[1]
    body = body.split("</main>", 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_open_job_posting_field_by_field_and_visible(fixture_site: Path) -> None:
    page = read(fixture_site, "en/jobs/icu-engineer")
    [posting] = jsonld(page)
    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    assert posting["title"] == "Data engineer"
    assert (
        posting["description"].startswith("<p>An engineer position.</p>") and "The position" in posting["description"]
    )
    assert posting["datePosted"] == "2026-11-02"
    assert posting["validThrough"] == "2026-12-10T23:59:59+01:00"
    assert posting["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    assert posting["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Test Lab",
        "sameAs": "https://lab.example.org/",
    }
    assert posting["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "X Hospital",
        "addressCountry": "FR",
    }
    assert posting["identifier"] == {"@type": "PropertyValue", "name": "Test Lab", "value": "icu-engineer"}
    assert posting["url"] == "https://lab.example.org/en/jobs/icu-engineer/" and posting["directApply"] is False
    # Clean HTML for job boards: no heading anchors, absolute links, no address-hiding markup.
    description = posting["description"]
    assert "¶" not in description and "headerlink" not in description and "ls-email" not in description
    assert "[at]" not in description and "nospam" not in description
    assert all(url.startswith("https://") for url in re.findall(r'href="([^"]+)"', description))
    assert description.endswith(
        'To apply, see the ad: <a href="https://lab.example.org/en/jobs/icu-engineer/">https://lab.example.org/en/jobs/icu-engineer/</a></p>'
    )
    shown = visible(page)
    for value in (
        "Data engineer",
        "2 November 2026",
        "10 December 2026",
        "full-time, fixed-term",
        "Test Lab",
        "X Hospital",
        "An engineer position.",
    ):
        assert value in shown, value
    assert "icu-engineer" not in shown and "Reference" not in shown  # no internal slug shown to visitors
    assert "noindex" not in page and "ls-closed-banner" not in page


def test_job_page_shows_every_fact_and_how_to_apply(fixture_site: Path) -> None:
    shown = visible(read(fixture_site, "recrutement/icu-engineer"))
    for fact in (
        "Poste d’ingénieur",
        "Flux en réanimation",
        "Hôpital X",
        "10 décembre 2026",
        "clôture dans 11 jours",
        "4 janvier 2027",
        "18 mois",
        "Léa Roux",
    ):
        assert fact in shown, fact
    assert "Comment candidater" in shown and "Écrire à lea.roux [arobase]" in shown
    assert "lea.roux@example.org" not in html.unescape(read(fixture_site, "recrutement/icu-engineer"))


def test_closed_job_has_a_banner_noindex_and_no_job_posting(fixture_site: Path) -> None:
    page = read(fixture_site, "en/jobs/old-internship")
    assert '<meta name="robots" content="noindex">' in page
    assert jsonld(page) == [] and "JobPosting" not in page
    assert "This position is closed: the application deadline was 15 October 2026." in visible(page)


def test_board_open_soonest_first_with_closed_apart(fixture_site: Path) -> None:
    page = read(fixture_site, "recrutement")
    open_part, closed_part = page.split('id="ls-closed-title"', 1)
    titles = re.findall(r'class="ls-job__title"><a href="[^"]*">([^<]*)</a>', open_part)
    assert titles == ["Ingénieur·e données", "Thèse cœur"]
    assert "Stage ancien" not in open_part and "Stage ancien" in closed_part
    assert "2 offres ouvertes" in open_part and "clôture dans 11 jours" in open_part
    assert '<a href="type/phd/">Thèse</a> <span class="ls-count">(1)</span>' in open_part
    assert jsonld(page) == []  # JobPosting only on the job's own page


def test_home_lists_open_positions_and_latest_news(fixture_site: Path) -> None:
    home = visible(read(fixture_site, "en"))
    positions = home.split("Open positions", 1)[1].split("All positions", 1)[0]
    assert "Data engineer" in positions and "Heart PhD" in positions and "Old internship" not in positions
    assert "First news" in home.split("Latest news", 1)[1]


def test_closed_ad_absent_from_the_project_page(fixture_site: Path) -> None:
    project = visible(read(fixture_site, "projets/heart-ai"))
    assert "Thèse cœur" in project and "Stage ancien" not in project


def test_when_every_position_is_closed_the_board_and_home_say_so(tmp_path: Path) -> None:
    site = build(write_site(tmp_path), epoch="1830000000")  # 2027-12-27
    assert "No position is open at the moment." in visible(read(site, "en/jobs"))
    assert "Aucune offre n’est ouverte pour le moment." in visible(read(site, ""))
    assert not (site / "recrutement/type").exists()


def test_addresses_are_shown_and_given_to_job_search_engines(tmp_path: Path) -> None:
    places = (
        "addresses:\n"
        "  - {street: 2 rue Simone Iff, postcode: '75012', city: Paris}\n"
        "  - {street: Bâtiment <B> & C, city: Genève, country: CH}\n"
    )
    files = {**FIXTURE_FILES, "news/heart-phd/index.yml": str(FIXTURE_FILES["news/heart-phd/index.yml"]) + places}
    site = build(write_site(tmp_path, files))
    page = read(site, "en/jobs/heart-phd")
    [posting] = jsonld(page)
    assert posting["jobLocation"] == [
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "2 rue Simone Iff",
                "postalCode": "75012",
                "addressLocality": "Paris",
                "addressCountry": "FR",
            },
        },
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Bâtiment <B> & C",
                "addressLocality": "Genève",
                "addressCountry": "CH",
            },
        },
    ]
    assert "2 rue Simone Iff 75012 Paris Bâtiment <B> & C Genève Switzerland" in visible(page)
    assert "Bâtiment &lt;B&gt; &amp; C<br>Genève<br>Suisse" in read(site, "recrutement/heart-phd")


def test_an_address_is_checked_like_any_field(tmp_path: Path) -> None:
    places = "addresses:\n  - {postcode: 75012, city: Paris, country: fr}\n  - {street: 1 rue X}\n"
    files = {**FIXTURE_FILES, "news/heart-phd/index.yml": str(FIXTURE_FILES["news/heart-phd/index.yml"]) + places}
    said = run_labsite(write_site(tmp_path, files), "check").stdout
    assert "index.yml:10:16: error: addresses #1 postcode: must be text, but YAML reads `75012` as the number" in said
    assert "put it in quotes" in said
    assert "index.yml:10:45: error: addresses #1 country: 'fr' is not valid: the two-letter ISO code" in said
    assert "index.yml:11:5: error: addresses #2 city: missing required field" in said
