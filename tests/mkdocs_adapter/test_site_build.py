"""The bilingual build as a visitor and a crawler see it: languages, switch, hreflang, search, nav."""

from __future__ import annotations

import base64
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from labsite.model.site import Site
from labsite.outputs import sitemap
from tests.conftest import FIXTURE_EPOCH, FIXTURE_FILES, build, page, run_labsite, tree_digest, write_site

SITE_URL = "https://lab.example.org/"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def html_lang(text: str) -> str:
    match = re.search(r"<html lang=\"([^\"]+)\"", text)
    assert match
    return match[1]


def switch_target(text: str, page_url: str) -> str:
    match = re.search(r'class="ls-lang-switch__link" href="([^"]+)" hreflang="(\w+)"', text)
    assert match, "no language switch"
    return urljoin(SITE_URL + page_url, match[1])


def alternates(text: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', text))


def test_french_at_root_english_under_en(fixture_site: Path) -> None:
    assert html_lang(read(fixture_site, "")) == "fr"
    assert html_lang(read(fixture_site, "en")) == "en"
    assert html_lang(read(fixture_site, "a-propos")) == "fr"
    assert html_lang(read(fixture_site, "en/about")) == "en"
    # Material's own UI strings follow the page's language.
    assert 'placeholder="Rechercher"' in read(fixture_site, "a-propos")
    assert 'placeholder="Search"' in read(fixture_site, "en/about")


def test_switch_leads_to_the_counterpart_not_the_other_home(fixture_site: Path) -> None:
    assert switch_target(read(fixture_site, "a-propos"), "a-propos/") == SITE_URL + "en/about/"
    assert switch_target(read(fixture_site, "en/about"), "en/about/") == SITE_URL + "a-propos/"
    assert (
        switch_target(read(fixture_site, "projets/heart-ai"), "projets/heart-ai/") == SITE_URL + "en/projects/heart-ai/"
    )
    assert switch_target(read(fixture_site, "en"), "en/") == SITE_URL


def test_hreflang_alternates_and_x_default(fixture_site: Path) -> None:
    expected = {"fr": SITE_URL + "a-propos/", "en": SITE_URL + "en/about/", "x-default": SITE_URL + "a-propos/"}
    assert alternates(read(fixture_site, "a-propos")) == expected
    assert alternates(read(fixture_site, "en/about")) == expected
    assert f'<link rel="canonical" href="{SITE_URL}en/about/">' in read(fixture_site, "en/about")


def search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_one_search_index_per_language(fixture_site: Path) -> None:
    french, english = search_index(fixture_site), search_index(fixture_site / "en")
    assert french["config"]["lang"] == ["fr"]
    assert english["config"]["lang"] == ["en"]
    french_text = " ".join(doc["text"] for doc in french["docs"])
    english_text = " ".join(doc["text"] for doc in english["docs"])
    assert "ornithorynque" in french_text and "platypus" not in french_text
    assert "platypus" in english_text and "ornithorynque" not in english_text
    assert all(not doc["location"].startswith("en/") for doc in french["docs"])


def test_nav_holds_sections_not_items(fixture_site: Path) -> None:
    home = read(fixture_site, "")
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', home, re.S)
    assert tabs
    assert "a-propos/" in tabs[0] and "projets/" in tabs[0]
    # Items are linked from the page's own content (the home page's project cards), never from the navigation.
    assert "heart-ai" not in re.sub(r'<section class="ls-home-projects".*?</section>', "", home, flags=re.S)
    assert (fixture_site / "projets/heart-ai/index.html").is_file()
    assert (fixture_site / "en/news/first-news/index.html").is_file()


def test_item_images_and_links_resolve(fixture_site: Path) -> None:
    assert (fixture_site / "projets/heart-ai/diagram.svg").is_file()
    assert (fixture_site / "en/projects/heart-ai/diagram.svg").is_file()
    project = read(fixture_site, "projets/heart-ai")
    assert 'src="diagram.svg"' in project
    assert 'href="../../donnees/"' in project


def test_contributor_titles_are_escaped(fixture_site: Path) -> None:
    project = read(fixture_site, "projets/heart-ai")
    assert "<b>" not in project.split("<body", 1)[1].split('class="md-content"', 1)[1].split("</article>")[0]
    assert "<title>Cœur &amp; IA &lt;b&gt; - Laboratoire Test</title>" in project


def test_addresses_never_in_clear_text(fixture_site: Path) -> None:
    for path in fixture_site.rglob("*"):
        if path.suffix in {".html", ".json", ".xml"}:
            text = html.unescape(path.read_text(encoding="utf-8"))
            assert "contact@lab.example.org" not in text, path
            assert "secretariat@lab.example.org" not in text, path
    contact = read(fixture_site, "contact")
    encoded = re.findall(r'data-ls-email="([^"]+)"', contact)
    assert [base64.b64decode(e).decode()[::-1] for e in encoded] == [
        "contact@lab.example.org",
        "secretariat@lab.example.org",
    ]
    assert "contact [arobase] " in contact
    assert "contact [at] " in read(fixture_site, "en/contact")


def test_missing_counterpart_stops_the_build_naming_the_file(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["content/extra.fr.md"] = page("Seul", "seul", "Pas de traduction.")
    config = write_site(tmp_path, files)
    result = run_labsite(config, "build")
    assert result.returncode == 1
    assert "content/extra.fr.md:1:1: error: no English counterpart: write content/extra.en.md" in result.stderr
    assert not (tmp_path / "site").exists()


def test_broken_source_fails_and_leaves_the_previous_site(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    site = build(config)
    before = tree_digest(site)
    (tmp_path / "content/about.en.md").write_text('---\ntitle: "About\nslug: about\n---\n', encoding="utf-8")
    result = run_labsite(config, "build")
    assert result.returncode == 1
    assert "content/about.en.md:" in result.stderr and "YAML syntax error" in result.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_an_error_in_the_english_pages_only_leaves_the_previous_site(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    site = build(config)
    before = tree_digest(site)
    (tmp_path / "content/about.en.md").write_text(
        page("About", "about", "[broken](#no-such-heading)"), encoding="utf-8"
    )
    result = run_labsite(config, "build", "--strict")
    assert result.returncode == 1
    assert "content/about.en.md:6:10: error: no heading or anchor #no-such-heading" in result.stderr
    assert tree_digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_broken_mkdocs_yml_fails_clearly(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    site = build(config)
    before = tree_digest(site)
    config.write_text(config.read_text() + "\nplugins: [\n", encoding="utf-8")
    result = run_labsite(config, "build")
    assert result.returncode != 0
    assert "mkdocs.yml" in result.stderr or "YAML" in result.stderr
    assert tree_digest(site) == before


def test_material_tooltips_are_refused(tmp_path: Path) -> None:
    """Material's content.tooltips renders a title attribute as HTML: a contributor's link or
    abbreviation title would run as markup, so the build refuses the feature."""
    config = write_site(tmp_path)
    config.write_text(
        config.read_text().replace("features: [navigation.tabs]", "features: [navigation.tabs, content.tooltips]")
    )
    result = run_labsite(config, "build")
    assert result.returncode != 0 and "content.tooltips" in result.stderr
    assert not (tmp_path / "site").exists()


def test_every_page_carries_the_policy_and_no_inline_script(fixture_site: Path) -> None:
    """No page has an inline script to allow: the policy needs no hash and refuses them all."""
    pages = list(fixture_site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        assert head.index('http-equiv="Content-Security-Policy"') < head.index("<script"), path
        inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")[^>]*>", text)
        assert inline == [], (path, inline)


def test_mkdocs_build_and_labsite_build_give_the_same_site(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    ours = tree_digest(build(config))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "by-mkdocs")],
        cwd=tmp_path,
        env={**os.environ, "SOURCE_DATE_EPOCH": FIXTURE_EPOCH},  # the same day as build()'s
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    theirs = tree_digest(tmp_path / "by-mkdocs")
    assert theirs.keys() == ours.keys()
    differing = [name for name in ours if ours[name] != theirs[name] and not name.endswith("sitemap.xml.gz")]
    assert differing == []


def test_parallel_and_sequential_builds_give_the_same_site_reading_the_sources_once(tmp_path: Path) -> None:
    sites = {}
    for name, jobs in (("parallel", "2"), ("sequential", "1")):
        reports = tmp_path / f"{name}-reports"
        reports.mkdir()
        config = write_site(tmp_path / name)
        result = subprocess.run(
            [sys.executable, "-m", "labsite", "build"],
            cwd=config.parent,
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "LABSITE_JOBS": jobs,
                "SOURCE_DATE_EPOCH": FIXTURE_EPOCH,
                "LABSITE_REPORT_DIR": str(reports),
            },
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        sites[name] = tree_digest(config.parent / "site")
        # The sources are read and checked once a build, by the default language's pass.
        found = {path.stem: json.loads(path.read_text()) for path in reports.glob("*.json")}
        phases = {lang: report["phases"] for lang, report in found.items()}
        assert "load and check" in phases["fr"] and "load and check" not in phases["en"], phases
        assert found["fr"]["parallel"] is (name == "parallel")  # LABSITE_JOBS=2: forked, however busy
    assert sites["sequential"].keys() == sites["parallel"].keys()
    assert [name for name in sites["parallel"] if sites["parallel"][name] != sites["sequential"][name]] == []


def test_broken_links_stop_the_build_with_file_and_line(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["content/about.en.md"] = page(
        "About", "about", "## History\n\n[gone](missing.en.md), [anchor](#nowhere), ![x](gone.png)"
    )
    result = run_labsite(write_site(tmp_path, files), "build", "--strict")
    assert result.returncode == 1
    for fragment in (
        "content/about.en.md:8:8: error: links to content/missing.en.md, which does not exist",
        "content/about.en.md:8:33: error: no heading or anchor #nowhere",
        "content/about.en.md:8:49: error: no file content/gone.png",
    ):
        assert fragment in result.stderr, result.stderr
    assert not (tmp_path / "site").exists()


def test_the_custom_domain_is_written_for_github_pages(fixture_site: Path) -> None:
    """site_url's host goes into site/CNAME, which GitHub Pages reads (see DEPLOYING.md)."""
    assert (fixture_site / "CNAME").read_text() == "lab.example.org\n"

    assert sitemap.cname(Site("https://bernoulli-lab.github.io/site/", {})) is None


def test_each_language_has_its_404_page_in_the_sites_layout(fixture_site: Path) -> None:
    for path, lang, title, home, other in (
        ("404.html", "fr", "Page introuvable", "Retour à l’accueil", "/en/"),
        ("en/404.html", "en", "Page not found", "Back to the home page", "/"),
    ):
        page = (fixture_site / path).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page and f"<h1>{title}</h1>" in page and "404 - Not found" not in page
        assert f'href="{"/en/" if lang == "en" else "/"}">{home}</a>' in page  # from the host's root: any depth
        assert 'for="__search"' in page and f'class="ls-lang-switch__link" href="{other}"' in page
        assert '<meta name="robots" content="noindex">' in page and 'hreflang="x-default"' not in page
        assert f'content="{"en_US" if lang == "en" else "fr_FR"}"' in page  # its language's share metadata
    assert 'data-ls-prefix="/en/" data-ls-page="/en/404.html"' in " ".join(
        (fixture_site / "404.html").read_text().split()
    )
    assert "not-found.js" not in (fixture_site / "en/404.html").read_text()


def test_a_former_url_redirects_to_the_page_and_is_listed_nowhere(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/heart-ai/index.en.md"] = files["projects/heart-ai/index.en.md"].replace(
        "\ntitle:", "\nslug: heart-and-ai\ntitle:", 1
    )
    site = build(write_site(tmp_path, files))
    assert (site / "en/projects/heart-and-ai/index.html").is_file()
    redirect = (site / "en/projects/heart-ai/index.html").read_text(encoding="utf-8")
    new = "https://lab.example.org/en/projects/heart-and-ai/"
    assert (
        f'<meta http-equiv="refresh" content="0; url={new}">' in redirect
        and f'<link rel="canonical" href="{new}">' in redirect
    )
    assert '<meta name="robots" content="noindex">' in redirect and 'http-equiv="Content-Security-Policy"' in redirect
    assert "<title>Heart &amp; AI &lt;b&gt;</title>" in redirect  # the contributor's title, escaped
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert new in sitemap and "en/projects/heart-ai/" not in sitemap
    french = (site / "projets/heart-ai/index.html").read_text(encoding="utf-8")
    assert f'hreflang="en" href="{new}"' in french
