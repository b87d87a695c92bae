"""The project directory computed from the catalog: cards, facets, counts, facet and partner pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from labsite.generators import directory
from labsite.model.catalog import Catalog
from tests.conftest import FIXTURE_FILES, build_catalog, item_page, write_site


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    write_site(tmp_path)
    found = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    assert found.errors == []
    return found


def test_cards_ongoing_first_then_by_title(catalog: Catalog) -> None:
    cards = directory.cards(catalog, "fr")
    assert [(c.slug, c.status) for c in cards] == [
        ("heart-ai", "ongoing"),
        ("icu-flow", "idea"),
        ("lung-scan", "completed"),
    ]
    heart = cards[0]
    assert heart.url == "projets/heart-ai/" and heart.status_label == "En cours"
    assert heart.themes == (("imaging", "Imagerie"),) and heart.image_url is None
    assert directory.cards(catalog, "en")[0].status_label == "Ongoing"


def test_facets_count_projects_and_link_to_their_pages(catalog: Catalog) -> None:
    facets = {f.name: f for f in directory.of(catalog, "en").facets}
    assert [(v.id, v.count) for v in facets["status"].values] == [("idea", 1), ("ongoing", 1), ("completed", 1)]
    assert {(v.id, v.count) for v in facets["theme"].values} == {("imaging", 2), ("critical-care", 1)}
    assert {(v.id, v.count) for v in facets["partner"].values} == {("aphp-eds", 2), ("inria-team", 2)}
    assert [(v.id, v.count) for v in facets["source"].values] == [
        ("eds", 1),
        ("pacs", 2),
        ("high-frequency-monitoring", 1),
        ("other", 1),
    ]
    assert facets["theme"].values[0].url.startswith("en/projects/themes/")
    assert facets["status"].values[0].url == "en/projects/status/idea/"
    # "Équipe Inria" before "Health data warehouse": accents do not send a name to the end
    assert facets["partner"].values[0].url == "en/partners/inria-team/"


def test_every_facet_value_and_partner_has_a_page_in_both_languages(catalog: Catalog) -> None:
    generated = {(p.key, p.lang): p for p in catalog.pages if p.source.kind == "generated"}
    assert generated[("facet/theme/imaging", "fr")].url == "projets/themes/imaging/"
    assert generated[("facet/source/pacs", "fr")].url == "projets/donnees/pacs/"
    assert [c.slug for c in generated[("facet/theme/imaging", "en")].view.cards] == ["heart-ai", "lung-scan"]
    for partner in ("aphp-eds", "inria-team"):
        for lang in ("fr", "en"):
            assert (f"partner/{partner}", lang) in generated
    assert [c.slug for c in generated[("partner/inria-team", "fr")].view.cards] == ["heart-ai", "lung-scan"]
    # The language switch of a generated page leads to its counterpart.
    page = generated[("facet/status/completed", "fr")]
    assert [p.url for p in catalog.translations(page)] == ["projets/statut/completed/", "en/projects/status/completed/"]


def test_partners_are_grouped_by_institution(catalog: Catalog) -> None:
    partners = catalog.page("partners", "fr")
    assert partners is not None and isinstance(partners.view, directory.PartnerIndex)
    groups = partners.view.groups
    assert [(g.institution, [row[1] for row in g.partners]) for g in groups] == [
        ("AP-HP", ["Entrepôt de données de santé"]),
        ("Inria", ["Équipe Inria"]),
    ]
    assert groups[0].partners[0][3] == 2  # projects with that partner


def test_the_directory_is_made_once_a_language_and_lives_on_its_page(catalog: Catalog) -> None:
    listing = catalog.page("projects", "fr")
    assert listing is not None and directory.of(catalog, "fr") is listing.view
    assert listing.template == "projects.html" and listing.hide == ("navigation", "toc")
    facet = catalog.page("facet/theme/imaging", "fr")
    assert facet is not None and facet.view.cards == tuple(c for c in listing.view.cards if c.slug != "icu-flow")
    assert (facet.template, facet.parent, facet.card.kind) == ("facet.html", "projects", listing.title)


def _with_projects(root: Path, n: int) -> Catalog:
    files = dict(FIXTURE_FILES)
    for i in range(n):
        theme = ("imaging", "critical-care")[i % 2]
        files[f"projects/p{i}/index.yml"] = (
            f"status: idea\ndate: 2026-01-01\nthemes: [{theme}]\npartners: [aphp-eds]\ndata_sources: [eds]\ndraft: false\n"
        )
        files[f"projects/p{i}/index.fr.md"] = item_page(f"Projet {i}", "Résumé.")
        files[f"projects/p{i}/index.en.md"] = item_page(f"Project {i}", "Summary.")
    write_site(root, files)
    return build_catalog(root, today=dt.date(2026, 11, 29))


def test_listing_work_grows_linearly_with_projects(tmp_path: Path) -> None:
    """Counted, not timed: cards shown over all generated pages, for N and 2N projects."""

    def work(catalog: Catalog) -> int:
        return sum(len(getattr(p.view, "cards", ())) for p in catalog.pages if p.source.kind == "generated")

    small, large = _with_projects(tmp_path / "small", 40), _with_projects(tmp_path / "large", 80)
    assert small.errors == [] and large.errors == []
    ratio = (work(large) - work(_with_projects(tmp_path / "none", 0))) / (
        work(small) - work(_with_projects(tmp_path / "zero", 0))
    )
    assert 1.9 <= ratio <= 2.1


def test_the_home_page_shows_the_featured_projects_else_the_latest(tmp_path: Path) -> None:
    write_site(tmp_path)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    home = catalog.page("index", "en")
    assert home is not None and [c.slug for c in home.view.projects] == ["icu-flow", "heart-ai", "lung-scan"]
    # Its share card: the lab's name and what it is, no sentence to cut.
    assert (home.card.kind, home.card.title, home.card.subtitle) == ("", "Test Lab", "Joint AP-HP · Inria lab")
    featured = tmp_path / "projects/lung-scan/index.yml"
    featured.write_text(featured.read_text(encoding="utf-8") + "featured: true\n", encoding="utf-8")
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    assert [c.slug for c in catalog.page("index", "fr").view.projects] == ["lung-scan"]
