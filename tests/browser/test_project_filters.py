"""The project directory in Chromium: two filters, a shareable URL, and the no-JavaScript path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def visible_titles(tab) -> list[str]:
    return tab.locator(".ls-project:visible .ls-project__title").all_inner_texts()


def test_two_filters_update_cards_counts_and_url_and_survive_a_reload(
    fixture_site: Path, serve: Callable[[Path], str], browser
) -> None:
    base = serve(fixture_site)
    tab = browser.new_page()
    tab.goto(base + "projets/")
    assert tab.locator("#ls-filters").is_visible()
    assert len(visible_titles(tab)) == 3
    tab.select_option("#ls-filter-theme", "imaging")
    assert visible_titles(tab) == ["Cœur & IA <b>", "Scanner pulmonaire"]
    tab.select_option("#ls-filter-status", "completed")
    assert visible_titles(tab) == ["Scanner pulmonaire"]
    assert tab.url == base + "projets/?theme=imaging&status=completed"
    assert tab.locator("#ls-results").inner_text() == "1 projet"
    # Each status option counts what it would show with the theme kept.
    options = tab.locator("#ls-filter-status option").all_inner_texts()
    assert options == ["Tous (2)", "Idée (0)", "En cours (1)", "Terminé (1)"]

    tab.reload()
    assert tab.locator("#ls-filter-theme").input_value() == "imaging"
    assert tab.locator("#ls-filter-status").input_value() == "completed"
    assert visible_titles(tab) == ["Scanner pulmonaire"]

    tab.get_by_role("button", name="Réinitialiser les filtres").click()
    tab.get_by_label("Rechercher un projet").fill("réanimation")
    assert visible_titles(tab) == ["Flux en réanimation"]
    assert tab.url == base + "projets/?q=r%C3%A9animation"
    tab.get_by_label("Rechercher un projet").fill("zzz")
    assert visible_titles(tab) == [] and tab.locator("#ls-none").is_visible()
    tab.close()


def test_without_javascript_the_list_and_facet_pages_work(
    fixture_site: Path, serve: Callable[[Path], str], browser
) -> None:
    base = serve(fixture_site)
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "en/projects/?theme=imaging")
    assert not tab.locator("#ls-filters").is_visible()
    assert visible_titles(tab) == ["Heart & AI <b>", "ICU flow", "Lung scans"]
    assert tab.locator("#ls-results").inner_text() == "3 projects"
    tab.get_by_role("link", name="Imaging").first.click()
    tab.wait_for_url(base + "en/projects/themes/imaging/")
    assert visible_titles(tab) == ["Heart & AI <b>", "Lung scans"]
    tab.get_by_role("link", name="Heart & AI <b>").click()
    tab.wait_for_url(base + "en/projects/heart-ai/")
    tab.get_by_role("link", name="Health data warehouse").first.click()
    tab.wait_for_url(base + "en/partners/aphp-eds/")
    assert visible_titles(tab) == ["Heart & AI <b>", "ICU flow"]
    context.close()


def test_on_a_phone_the_filters_fold_behind_one_button_and_a_card_shows_at_once(
    repo_site: Path, serve: Callable[[Path], str], browser
) -> None:
    base = serve(repo_site)
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(base + "projets/")
    toggle = tab.locator("[data-ls-toggle=ls-filters]")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Filtrer"
    assert not tab.locator("#ls-filters").is_visible()
    first = tab.locator(".ls-project").first.bounding_box()
    assert first is not None and first["y"] < 844, first  # the first card is on the first screen
    toggle.click()
    assert tab.locator("#ls-filters").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    tab.select_option("#ls-filter-status", "ongoing")
    assert toggle.inner_text().strip() == "Filtrer (1)"  # the filters in use, counted
    wide = browser.new_page(viewport={"width": 1280, "height": 800})
    wide.goto(base + "projets/")
    assert wide.locator("#ls-filters").is_visible() and not wide.locator("[data-ls-toggle=ls-filters]").is_visible()
    tab.close()
    wide.close()
