"""People and publications in Chromium, as a visitor sees them: the publications' filters and
their shareable URL, the pages per kind and per year without JavaScript, each entry's BibTeX
file, the people directory, a person's page (their name in bold in their publications, their
e-mail address out of the HTML source), no request leaving the site, and a phone's width.

One build a module: the fixture site with its people and .bib file (tests/conftest.py), a
second .bib file and two projects listing publications."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_FILES, PEOPLE_FILES, build, start_server, write_site

# Written in UTF-8 as Zotero and HAL export it (the conftest's entries use LaTeX accents).
MORE_BIB = (
    "@article{okafor2023scans,\n  title = {Reading chest scans at scale},\n"
    "  author = {Okafor, Chidi and Lefèvre, Zoé},\n  journal = {Radiology Today},\n  year = {2023},\n}\n\n"
    "@unpublished{roux2025notes,\n  title = {Notes on sepsis alerts},\n  author = {Roux, Léa},\n"
    "  note = {Preprint},\n  year = {2025},\n  month = jun,\n  url = {https://example.org/notes},\n}\n"
)
LUNG = "projects/lung-scan/index.yml"
HEART = "projects/heart-ai/index.yml"
FILES = {
    **FIXTURE_FILES,
    **PEOPLE_FILES,
    "publications/more.bib": MORE_BIB,
    LUNG: str(FIXTURE_FILES[LUNG]).replace(
        "draft: false", "publications: [martin2024deep, chen2022thesis]\ndraft: false"
    ),
    HEART: str(FIXTURE_FILES[HEART]).replace("draft: false", "publications: [wu2025triage]\ndraft: false", 1),
}
# Each entry by the title a visitor reads in its citation; newest first, as the list shows them.
TITLES = {
    "roux2025notes": "Notes on sepsis alerts",  # 2025-06
    "wu2025triage": "Triage with few labels",  # 2025
    "martin2024deep": "Deep learning for lung scans",
    "okafor2023scans": "Reading chest scans at scale",
    "chen2022thesis": "Apprentissage fédéré à l'hôpital",
}
EVERYTHING = list(TITLES)
YEARS = ["2025", "2024", "2023", "2022"]
# What each language's page calls things.
FR = {
    "path": "publications/",
    "filters": "Filtrer les publications",
    "search": "Rechercher",
    "project": "Projet",
    "reset": "Tout afficher",
    "theses": "Thèses",
    "lung": "Scanner pulmonaire",
    "one": "1 publication",
    "two": "2 publications",
    "all": "5 publications",
    "zero": "0 publication",  # French says "0 publication"
    "none": "Aucune publication ne correspond à ces filtres.",
    "project options": ["Tous (2)", "Cœur & IA <b> (0)", "Scanner pulmonaire (1)"],  # with the articles
    "kind options with lung": ["Tous (2)", "Articles (1)", "Communications (0)", "Thèses (1)", "Prépublications (0)"],
}
EN = {
    "path": "en/publications/",
    "filters": "Filter the publications",
    "search": "Search",
    "project": "Project",
    "reset": "Show all",
    "theses": "Theses",
    "lung": "Lung scans",
    "one": "1 publication",
    "two": "2 publications",
    "all": "5 publications",
    "zero": "0 publications",
    "none": "No publication matches these filters.",
    "project options": ["All (2)", "Heart & AI <b> (0)", "Lung scans (1)"],
    "kind options with lung": ["All (2)", "Articles (1)", "Conference papers (0)", "Theses (1)", "Preprints (0)"],
}


def entries(bib: str) -> dict[str, str]:
    """The entries of a .bib file as written: {key: text from its @ to its closing brace}."""
    return {m["key"]: m[0] for m in re.finditer(r"@\w+\{(?P<key>[^,]+),.*?\n\}\n", bib, re.S)}


SOURCES = {**entries(str(PEOPLE_FILES["publications/lab.bib"])), **entries(MORE_BIB)}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with people and publications, built once and served on 127.0.0.1."""
    site = build(write_site(tmp_path_factory.mktemp("people-browser"), FILES))
    server, url = start_server(site)
    yield url
    server.shutdown()


def shown(scope) -> list[str]:
    """The entries a visitor sees in a page (or a part of it), by key, top to bottom."""
    texts = scope.locator(".ls-publication:visible .ls-publication__citation").all_inner_texts()
    return [next((key for key, title in TITLES.items() if title in text), text) for text in texts]


def year_headings(tab) -> list[str]:
    return tab.locator("#ls-publications h2:visible").all_inner_texts()


@pytest.mark.parametrize("words", [FR, EN], ids=["fr", "en"])
def test_the_filters_narrow_the_list_count_it_and_keep_it_in_the_url(base: str, browser, words: dict) -> None:
    page_url = base + words["path"]
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(page_url)
    form = tab.get_by_role("form", name=words["filters"])
    assert form.is_visible()
    assert shown(tab) == EVERYTHING and year_headings(tab) == YEARS
    results = tab.locator("#ls-results")
    assert results.inner_text() == words["all"]

    # A type: only theses, the years without one gone, the count and the URL following.
    form.get_by_label("Type").select_option(label=f"{words['theses']} (1)")
    assert shown(tab) == ["chen2022thesis"]
    assert year_headings(tab) == ["2022"]
    assert results.inner_text() == words["one"]
    assert tab.url == page_url + "?type=thesis"

    # A year keeps its heading for what is left of it.
    form.get_by_label("Type").select_option("conference")
    assert shown(tab) == ["wu2025triage"] and year_headings(tab) == ["2025"]
    assert tab.url == page_url + "?type=conference"

    form.get_by_role("button", name=words["reset"]).click()
    tab.wait_for_url(page_url)
    assert shown(tab) == EVERYTHING and year_headings(tab) == YEARS
    assert results.inner_text() == words["all"]

    # A project: its publications; each type counts what it would leave of them.
    form.get_by_label(words["project"]).select_option(label=f"{words['lung']} (2)")
    assert shown(tab) == ["martin2024deep", "chen2022thesis"]
    assert year_headings(tab) == ["2024", "2022"]
    assert results.inner_text() == words["two"]
    assert tab.url == page_url + "?project=lung-scan"
    assert form.get_by_label("Type").locator("option").all_inner_texts() == words["kind options with lung"]
    form.get_by_label("Type").select_option("article")
    assert shown(tab) == ["martin2024deep"]
    assert tab.url == page_url + "?type=article&project=lung-scan"
    assert form.get_by_label(words["project"]).locator("option").all_inner_texts() == words["project options"]
    form.get_by_role("button", name=words["reset"]).click()
    tab.wait_for_url(page_url)

    # The search box: an author's name, not in any title (written OKAFOR in the citations).
    search = form.get_by_label(words["search"], exact=True)
    search.fill("okafor")
    assert shown(tab) == ["martin2024deep", "okafor2023scans"]
    assert year_headings(tab) == ["2024", "2023"]
    assert tab.url == page_url + "?q=okafor"
    search.fill("Lefèvre")  # an accented name, from the UTF-8 .bib file
    assert shown(tab) == ["okafor2023scans"]
    search.fill("zoe lefevre")  # as one types a name: given name first, no accents
    assert shown(tab) == ["okafor2023scans"]
    search.fill("Ada Martin")  # cited as "MARTIN, Ada"
    assert shown(tab) == ["wu2025triage", "martin2024deep"]
    search.fill("zzz")
    assert shown(tab) == [] and year_headings(tab) == []
    assert results.inner_text() == words["zero"]
    assert tab.get_by_text(words["none"]).is_visible()

    form.get_by_role("button", name=words["reset"]).click()
    tab.wait_for_url(page_url)
    assert search.input_value() == ""
    assert shown(tab) == EVERYTHING and year_headings(tab) == YEARS
    assert results.inner_text() == words["all"]
    assert not tab.get_by_text(words["none"]).is_visible()

    # A shared link opens on the same selection.
    tab.goto(page_url + "?type=thesis")
    assert form.get_by_label("Type").input_value() == "thesis"
    assert shown(tab) == ["chen2022thesis"] and year_headings(tab) == ["2022"]
    assert results.inner_text() == words["one"]
    tab.close()


def test_without_javascript_the_whole_list_and_the_pages_per_type_and_year(base: str, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "en/publications/?type=thesis")  # a shared link: without JavaScript, everything
    assert not tab.get_by_role("form", name="Filter the publications").is_visible()
    assert shown(tab) == EVERYTHING and year_headings(tab) == YEARS
    assert tab.locator("#ls-results").inner_text() == "5 publications"
    browse = tab.get_by_role("navigation", name="Browse without filters")
    assert browse.get_by_role("link").all_inner_texts() == [
        "Articles",
        "Conference papers",
        "Theses",
        "Preprints",
        *YEARS,
    ]
    browse.get_by_role("link", name="Theses").click()
    tab.wait_for_url(base + "en/publications/type/thesis/")
    assert tab.locator("h1").inner_text() == "Theses"
    assert shown(tab) == ["chen2022thesis"]
    tab.get_by_role("navigation", name="Browse without filters").get_by_role("link", name="2024").click()
    tab.wait_for_url(base + "en/publications/2024/")
    assert shown(tab) == ["martin2024deep"]
    tab.get_by_role("link", name="All publications").click()
    tab.wait_for_url(base + "en/publications/")

    tab.goto(base + "publications/")
    assert shown(tab) == EVERYTHING
    tab.get_by_role("navigation", name="Parcourir sans filtres").get_by_role("link", name="Articles").click()
    tab.wait_for_url(base + "publications/type/article/")
    assert tab.locator("h1").inner_text() == "Articles"
    assert shown(tab) == ["martin2024deep", "okafor2023scans"]
    assert tab.locator("#ls-results").inner_text() == "2 publications"
    context.close()


def fetch(tab, link) -> str:
    """What the browser gets at a link's address."""
    return tab.evaluate(
        "url => fetch(url).then(r => r.ok ? r.text() : 'HTTP ' + r.status)", link.evaluate("a => a.href")
    )


def test_each_bibtex_link_gives_the_entry_as_written(base: str, browser) -> None:
    tab = browser.new_page()
    tab.goto(base + "en/publications/")
    for key, title in TITLES.items():
        link = tab.get_by_role("link", name=f"BibTeX of “{title}”")
        assert link.inner_text() == "BibTeX"
        assert fetch(tab, link) == SOURCES[key], key
    # Clicking saves it as a file of its own.
    with tab.expect_download() as saving:
        tab.get_by_role("link", name=f"BibTeX of “{TITLES['okafor2023scans']}”").click()
    download = saving.value
    assert download.suggested_filename == "okafor2023scans.bib"
    assert Path(download.path()).read_text(encoding="utf-8") == SOURCES["okafor2023scans"]
    # The same file from a page deeper in the site (a person's, in French).
    tab.goto(base + "equipe/ada-martin/")
    link = tab.get_by_role("link", name=f"BibTeX de « {TITLES['martin2024deep']} »")
    assert fetch(tab, link) == SOURCES["martin2024deep"]
    tab.close()


def test_the_directory_lists_the_groups_in_order_and_links_only_people_with_a_page(base: str, browser) -> None:
    tab = browser.new_page()
    for path, groups in (
        ("equipe/", ["L’équipe du laboratoire", "Membres des projets", "Anciens membres"]),
        ("en/people/", ["The lab's team", "Project members", "Alumni"]),
    ):
        tab.goto(base + path)
        sections = tab.locator("article .ls-people-group")
        assert sections.locator("h2").all_inner_texts() == groups
        names = [section.locator(".ls-person__name").all_inner_texts() for section in sections.all()]
        assert names == [["Ada Martin"], ["Li Wu"], ["Bo Chen"]]
        article = tab.locator("article")
        assert article.get_by_role("link", name="Li Wu").count() == 0  # listed, no page of their own
        assert article.get_by_role("link", name="Bo Chen").count() == 0
        article.get_by_role("link", name="Ada Martin").click()
        tab.wait_for_url(base + path + "ada-martin/")
        assert tab.locator("h1").inner_text() == "Ada Martin"
    tab.close()


# A person's page in each language, and how their address reads without JavaScript.
PROFILES = {
    "equipe/ada-martin/": "ada.martin [arobase] example [point] org",
    "en/people/ada-martin/": "ada.martin [at] example [dot] org",
}


def test_a_persons_page_bolds_their_name_and_hides_their_address_until_javascript_runs(base: str, browser) -> None:
    tab = browser.new_page()
    for path in PROFILES:
        response = tab.goto(base + path)
        assert response is not None and response.ok
        source = response.text()
        assert "ada.martin@example.org" not in source and "mailto:" not in source
        works = tab.get_by_role("region", name="Publications")
        assert shown(works) == ["wu2025triage", "martin2024deep"]  # hers, newest first
        bold = works.locator("strong")
        assert bold.all_inner_texts() == ["MARTIN, Ada", "MARTIN, Ada"]  # not her co-authors
        assert all(int(w) >= 600 for w in bold.evaluate_all("els => els.map(e => getComputedStyle(e).fontWeight)"))
        mailto = tab.locator("a[href^='mailto:']").evaluate_all("as => as.map(a => [a.href, a.innerText])")
        assert mailto == [["mailto:ada.martin@example.org", "ada.martin@example.org"]]  # made by JavaScript
    tab.close()

    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    for path, readable in PROFILES.items():
        tab.goto(base + path)
        assert tab.locator("a[href^='mailto:']").count() == 0
        assert tab.locator(".ls-email__address").inner_text() == readable
    context.close()


def test_no_request_leaves_the_site(base: str, browser) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tabs = []
    for path in (
        "publications/",
        "en/publications/type/thesis/",
        "equipe/",
        "en/people/ada-martin/",
    ):
        tabs.append(context.new_page())
        tabs[-1].goto(base + path, wait_until="commit")
    for each in tabs:  # all loading at once: one quiet half-second for them all
        each.wait_for_load_state("networkidle")
    tabs[0].get_by_label("Type").select_option("thesis")
    # The DOI, HAL, PDF and ORCID addresses are there, as links to follow, not fetched.
    links = tabs[0].locator("#ls-publications a").evaluate_all("as => as.map(a => a.href)")
    assert "https://doi.org/10.5555/test.2024.001" in links and "https://hal.science/tel-09990001" in links
    assert "https://example.org/wu2025.pdf" in links
    assert tabs[3].get_by_role("link", name="0000-0000-0001-2344").get_attribute("href") == (
        "https://orcid.org/0000-0000-0001-2344"
    )
    assert requests and [url for url in requests if not url.startswith(base)] == []
    context.close()


def test_on_a_phone_the_publications_do_not_scroll_sideways(base: str, browser) -> None:
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    for path in ("publications/", "en/publications/", "equipe/ada-martin/"):
        tab.goto(base + path)
        assert tab.locator(".ls-publication").first.is_visible()
        width = tab.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} is {width[0]} px wide in a {width[1]} px window"
    tab.close()
