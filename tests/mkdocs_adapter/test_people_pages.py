"""People and publications as built HTML, feeds, .bib files and JSON-LD: one real build of the
fixture site with people, a BibTeX file, a project naming a person and listing publications."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import feedparser
import pytest

from tests.conftest import FIXTURE_FILES, PEOPLE_FILES, PEOPLE_PAGES, build, write_site

LUNG = "projects/lung-scan/index.yml"
FILES = {
    **FIXTURE_FILES,
    **PEOPLE_FILES,
    LUNG: str(FIXTURE_FILES[LUNG]).replace(
        "draft: false",
        "contacts: [ada-martin, {name: Jo Doe, email: jo.doe@example.org}]\n"
        "publications: [martin2024deep, chen2022thesis]\ndraft: false",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_site(tmp_path_factory.mktemp("people"), FILES))


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    flat = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()
    return re.sub(r" ([,.])", r"\1", flat)


def jsonld(page: str) -> list[dict]:
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


def test_the_directory_groups_people_in_each_language(site: Path) -> None:
    for url, headings in (
        ("equipe", ["L’équipe du laboratoire", "Membres des projets", "Anciens membres"]),
        ("en/people", ["The lab's team", "Project members", "Alumni"]),
    ):
        page = read(site, url)
        assert [html.unescape(h) for h in re.findall(r'<h2 id="ls-people-\w+">(.*?)</h2>', page)] == headings
        names = re.findall(r'class="ls-person__name">(.*?)</h3>', page)
        assert [text(n) for n in names] == ["Ada Martin", "Li Wu", "Bo Chen"]
        assert '<a href="ada-martin/">Ada Martin</a>' in page  # a page of her own
        assert ">Li Wu</h3>" in page and "li-wu/" not in page  # facts only: listed, no link


def test_a_persons_page_lists_projects_news_positions_and_publications(site: Path) -> None:
    page = read(site, "en/people/ada-martin")
    assert "<h1>Ada Martin</h1>" in page and '<p class="ls-lead">Researcher' in page
    assert 'href="https://orcid.org/0000-0000-0001-2344"' in page and 'href="https://cv.hal.science/ada-martin"' in page
    assert "ada.martin@example.org" not in page  # hidden from harvesters, revealed by labsite.js
    assert re.search(r'id="ls-person-projects">Projects</h2>\s*<ul><li><a href="../../projects/lung-scan/">', page)
    # The open job ad whose contact is her e-mail address (the fixture's heart-phd).
    jobs = re.search(r'id="ls-person-jobs">(.*?)</section>', page, re.S)
    assert jobs and "Heart PhD" in text(jobs[1])
    entries = re.findall(r'<li class="ls-publication" id="pub-([^"]+)"', page)
    assert entries == ["wu2025triage", "martin2024deep"]
    assert re.findall(r'<strong class="ls-lab-author">(.*?)</strong>', page) == ["MARTIN, Ada", "MARTIN, Ada"]
    (person,) = jsonld(page)
    assert person["@type"] == "Person" and person["name"] == "Ada Martin" and person["jobTitle"] == "Researcher"
    assert person["sameAs"] == ["https://orcid.org/0000-0000-0001-2344", "https://cv.hal.science/ada-martin"]
    assert person["affiliation"]["@type"] == "Organization" and "email" not in json.dumps(person)


def test_a_project_page_links_its_people_and_shows_its_publications(site: Path) -> None:
    page = read(site, "projets/lung-scan")
    contacts = re.search(r'<ul class="ls-contacts">(.*?)</ul>', page, re.S)
    assert contacts and '<a href="../../equipe/ada-martin/">Ada Martin</a></span>, Chercheuse' in contacts[1]
    assert "Jo Doe" in text(contacts[1])  # a contact written in full stays valid
    members = re.search(r'id="ls-members">(.*?)</section>', page, re.S)
    assert members and "Ada Martin" in text(members[1])
    assert re.findall(r'<li class="ls-publication" id="pub-([^"]+)"', page) == ["martin2024deep", "chen2022thesis"]


def test_the_publication_list_cites_each_entry_with_its_links(site: Path) -> None:
    page = read(site, "publications")
    years = re.findall(r'<h2 id="ls-pub-(\d{4})">', page)
    assert years == ["2025", "2024", "2022"]  # newest first
    entry = re.search(r'<li class="ls-publication" id="pub-martin2024deep".*?</li>', page, re.S)
    assert entry
    cited = text(entry[0])
    assert cited == (
        "Article MARTIN, Ada et OKAFOR, Chidi, 2024. Deep learning for lung scans. Journal of Imaging. mars 2024. "
        "Vol. 12, n° 3, pp. 45‑67. DOI BibTeX"
    )
    assert "<i>Journal of Imaging</i>" in entry[0]
    assert 'href="https://doi.org/10.5555/test.2024.001"' in entry[0] and 'href="../bib/martin2024deep.bib"' in entry[0]
    thesis = re.search(r'<li class="ls-publication" id="pub-chen2022thesis".*?</li>', page, re.S)
    assert thesis and "Apprentissage fédéré à l'hôpital" in text(thesis[0])  # a French title as written
    assert 'href="https://hal.science/tel-09990001"' in thesis[0]
    assert 'data-kind="thesis" data-project="lung-scan"' in thesis[0]
    conference = re.search(r'<li class="ls-publication" id="pub-wu2025triage".*?</li>', page, re.S)
    assert conference and 'href="https://example.org/wu2025.pdf"' in conference[0]
    # The filter's options, and the pages that do without JavaScript.
    assert '<option value="lung-scan" data-label="Scanner pulmonaire">Scanner pulmonaire (2)</option>' in page
    assert (site / "publications/2024/index.html").is_file() and (
        site / "en/publications/type/thesis/index.html"
    ).is_file()
    assert re.findall(r'id="pub-([^"]+)"', read(site, "en/publications/type/thesis")) == ["chen2022thesis"]
    # Each entry's JSON-LD once on the site: on its year's page, not on the list nor its type's page.
    assert jsonld(page) == [] and jsonld(read(site, "publications/type/thesis")) == []
    graphs = [g for year in ("2025", "2024", "2022") for g in jsonld(read(site, f"publications/{year}"))]
    types = {item["@id"].rsplit("#", 1)[1]: item["@type"] for g in graphs for item in g["@graph"]}
    assert types == {
        "pub-wu2025triage": "ScholarlyArticle",
        "pub-martin2024deep": "ScholarlyArticle",
        "pub-chen2022thesis": "Thesis",
    }
    article = next(i for g in graphs for i in g["@graph"] if i["@id"].endswith("martin2024deep"))
    assert article["identifier"]["value"] == "10.5555/test.2024.001" and article["datePublished"] == "2024-03"
    assert article["author"][0]["url"] == "https://lab.example.org/equipe/ada-martin/"


def test_each_entry_has_its_own_bib_file_once_for_the_site(site: Path) -> None:
    written = (site / "bib/chen2022thesis.bib").read_text(encoding="utf-8")
    assert written.startswith("@phdthesis{chen2022thesis,") and "hal_id = {tel-09990001}" in written
    assert not (site / "en/bib").exists()


def test_the_feeds_carry_the_newest_publications(site: Path) -> None:
    for path, words in (("publications/rss.xml", "Article"), ("en/publications/atom.xml", "Article")):
        feed = feedparser.parse((site / path).read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert [e.title for e in feed.entries] == [
            "Triage with few labels",
            "Deep learning for lung scans",
            "Apprentissage fédéré à l'hôpital",
        ]
        assert feed.entries[1].link == "https://doi.org/10.5555/test.2024.001"
        assert words in [t.term for t in feed.entries[1].tags]
        assert "MARTIN, Ada" in feed.entries[1].content[0].value
        for entry in feed.entries:  # each entry's id (and link, lacking another) is its place on its year's page
            page, anchor = entry.id.removeprefix("https://lab.example.org/").split("#")
            assert re.fullmatch(r"(en/)?publications/20\d\d/", page), entry.id
            assert f'id="{anchor}"' in (site / page / "index.html").read_text(encoding="utf-8")
        assert feed.entries[0].link == feed.entries[0].id  # no DOI, HAL id or address


def test_the_sitemap_lists_people_pages_without_dates(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    block = re.search(r"<url>\s*<loc>https://lab.example.org/equipe/ada-martin/</loc>(.*?)</url>", sitemap, re.S)
    assert block and "<lastmod>" not in block[1]


def test_with_no_one_and_nothing_published_the_listings_say_so(tmp_path: Path) -> None:
    site = build(write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_PAGES}))
    for url, words in (("publications", "Aucune publication pour le moment."), ("en/people", "No one listed yet.")):
        page = read(site, url)
        assert words in text(page)
        assert "ls-browse" not in page and "<h2" not in page.split('class="md-content"', 1)[1].split("</article>")[0]
