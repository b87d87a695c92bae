"""Project pages, the directory, facet and partner pages as built HTML."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.conftest import FIXTURE_FILES, PROJECT_YML, build, item_page, write_site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def cards(text: str) -> list[str]:
    return re.findall(
        r'<li class="ls-project"[^>]*>.*?class="ls-project__title"><a href="[^"]*">([^<]*)</a>', text, re.S
    )


def panel(text: str) -> dict[str, str]:
    block = re.search(r'<dl class="ls-panel__list">(.*?)</dl>', text, re.S)
    assert block
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block[1], re.S)

    def text(fragment: str) -> str:
        flat = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()
        return re.sub(r" ([,.])", r"\1", flat)

    return {html.unescape(dt): text(dd) for dt, dd in pairs}


def jsonld(text: str) -> list[dict]:
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)]


def test_project_panel_in_the_page_language(fixture_site: Path) -> None:
    fr = panel(read(fixture_site, "projets/heart-ai"))
    assert fr["Acronyme"] == "HAI" and fr["État"] == "En cours" and fr["Dates"] == "depuis le 1er janvier 2025"
    assert fr["Thèmes"] == "Imagerie" and fr["Partenaires"] == "Entrepôt de données de santé Équipe Inria"
    assert fr["Données"] == "Entrepôt de données de santé (EDS) Imagerie (PACS)"
    assert fr["Contacts"].startswith("Ada Martin, Coordinatrice — ada.martin [arobase]")
    en = panel(read(fixture_site, "en/projects/lung-scan"))
    assert (
        en["Status"] == "Completed"
        and en["Dates"] == "from 1 March 2021 to 30 June 2024"
        and en["Funding"] == "X Foundation"
    )


def test_panel_links_to_partner_and_facet_pages(fixture_site: Path) -> None:
    page = read(fixture_site, "projets/heart-ai")
    assert 'href="../../partenaires/aphp-eds/"' in page and 'href="../../partenaires/inria-team/"' in page
    assert (
        'href="../statut/ongoing/"' in page
        and 'href="../themes/imaging/"' in page
        and 'href="../donnees/pacs/"' in page
    )
    assert "ada.martin@example.org" not in html.unescape(page)


def test_open_positions_and_news_of_the_project(fixture_site: Path) -> None:
    page = read(fixture_site, "en/projects/heart-ai")
    positions = re.search(r'id="ls-positions".*?</ul>', page, re.S)
    assert positions and "Heart PhD" in positions[0] and "apply by 31 January 2027" in positions[0]
    assert "Old internship" not in page  # closed on 2026-10-15
    news = re.search(r'id="ls-news".*?</ul>', page, re.S)
    assert news and "First news" in news[0] and "4 May 2026" in news[0]


def test_research_project_json_ld(fixture_site: Path) -> None:
    [data] = jsonld(read(fixture_site, "en/projects/lung-scan"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "ResearchProject"
    assert (
        data["name"] == "Lung scans"
        and data["description"] == "Reading lung scans."
        and data["alternateName"] == "LUNG"
    )
    assert data["url"] == "https://lab.example.org/en/projects/lung-scan/"
    # A ResearchProject is an Organization: its dates are a founding and a dissolution.
    assert (data["foundingDate"], data["dissolutionDate"]) == ("2021-03-01", "2024-06-30")
    assert "startDate" not in data and "inLanguage" not in data
    assert data["member"] == [{"@type": "Organization", "name": "Équipe Inria"}]
    assert data["funder"] == [{"@type": "Organization", "name": "X Foundation"}]
    assert data["parentOrganization"]["name"] == "Test Lab"


def test_directory_lists_every_project_with_facets_and_counts(fixture_site: Path) -> None:
    page = read(fixture_site, "projets")
    assert cards(page) == ["Cœur &amp; IA &lt;b&gt;", "Flux en réanimation", "Scanner pulmonaire"]
    assert '<p class="ls-results" id="ls-results" role="status">3 projets</p>' in page
    assert '<option value="imaging" data-label="Imagerie">Imagerie (2)</option>' in page
    assert '<a href="themes/imaging/">Imagerie</a> <span class="ls-count">(2)</span>' in page
    assert '<a href="../partenaires/inria-team/">Équipe Inria</a> <span class="ls-count">(2)</span>' in page
    heart = re.search(r'<li class="ls-project" data-ls-item data-status="ongoing"(.*?)>', page, re.S)
    assert heart and re.split(r"\s+", heart[1].strip())[:3] == [
        'data-theme="imaging"',
        'data-partner="aphp-eds',
        'inria-team"',
    ]
    assert 'data-source="eds pacs"' in heart[1]


def test_facet_and_partner_pages(fixture_site: Path) -> None:
    imaging = read(fixture_site, "en/projects/themes/imaging")
    assert "<h1>Projects: Imaging</h1>" in imaging and cards(imaging) == ["Heart &amp; AI &lt;b&gt;", "Lung scans"]
    assert '<link rel="alternate" hreflang="fr" href="https://lab.example.org/projets/themes/imaging/">' in imaging
    assert cards(read(fixture_site, "projets/statut/idea")) == ["Flux en réanimation"]
    assert cards(read(fixture_site, "en/projects/data/high-frequency-monitoring")) == ["ICU flow"]
    partner = read(fixture_site, "en/partners/aphp-eds")
    assert "<h1>Health data warehouse</h1>" in partner and cards(partner) == ["Heart &amp; AI &lt;b&gt;", "ICU flow"]
    index = read(fixture_site, "partenaires")
    assert re.findall(r"<h2>(.*?)</h2>", index) == ["AP-HP", "Inria"]
    assert '<a href="aphp-eds/">Entrepôt de données de santé</a> <span class="ls-count">2 projets</span>' in index


def test_contributor_text_cannot_break_out_of_json_ld(tmp_path: Path) -> None:
    hostile = '</script><script>alert("x")</script> & <!--'
    files = dict(FIXTURE_FILES)
    files["projects/heart-ai/index.yml"] = PROJECT_YML.replace("acronym: HAI", f"acronym: '{hostile[:30]}'")
    files["projects/heart-ai/index.en.md"] = item_page(hostile.replace('"', "'"), "Summary </script>")
    site = build(write_site(tmp_path, files))
    page = read(site, "en/projects/heart-ai")
    assert "<script>alert" not in page
    [data] = jsonld(page)
    assert data["name"] == hostile.replace('"', "'") and data["description"] == "Summary </script>"
    assert data["alternateName"] == hostile[:30]


def test_pages_read_as_a_labs_not_as_documentation(fixture_site: Path) -> None:
    """No documentation table of contents on item pages, no collapsible boxes on listings, a
    card names its project's acronym once."""
    for item in ("en/projects/heart-ai", "projets/heart-ai", "en/jobs/icu-engineer", "en/news/award"):
        # Material keeps the sidebar in the markup, hidden, for its instant navigation.
        sidebar = re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*>', read(fixture_site, item))
        assert sidebar is None or " hidden" in sidebar[0], item
    for listing in ("projets", "en/projects", "recrutement", "en/jobs"):
        assert "<details" not in read(fixture_site, listing), listing
    page = read(fixture_site, "en/projects")
    for card in re.findall(r'<li class="ls-project".*?</li>\s*(?=<li class="ls-project"|</ul>)', page, re.S):
        text = re.sub(r"<[^>]+>", " ", card)
        for acronym in ("HAI", "LUNG", "ICU"):
            assert len(re.findall(rf"\b{acronym}\b", text)) <= 1, (acronym, text)
