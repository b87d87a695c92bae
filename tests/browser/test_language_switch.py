"""In a real headless Chromium: the language switch, the e-mail links, and no request off-site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def test_switch_to_english_lands_on_the_counterpart_with_only_local_requests(
    repo_site: Path, serve: Callable[[Path], str], browser
) -> None:
    base = serve(repo_site)
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.goto(base)
    assert tab.locator("html").get_attribute("lang") == "fr"
    tab.get_by_role("link", name="Exploiter les données du soin").first.click()
    tab.wait_for_url(base + "exploiter-les-donnees/")
    tab.locator("[data-ls-switch=en]").click()
    tab.wait_for_url(base + "en/exploiting-data-from-care/")
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.locator("h1").first.inner_text() == "Exploiting data from care"
    tab.wait_for_load_state("networkidle")
    assert requests, "no request recorded"
    assert [url for url in requests if not url.startswith(base)] == []
    assert context.cookies() == []
    context.close()


def test_contact_address_is_a_working_link_with_javascript(
    repo_site: Path, serve: Callable[[Path], str], browser
) -> None:
    base = serve(repo_site)
    tab = browser.new_page()
    tab.goto(base + "contact/")
    link = tab.locator("article a[href^='mailto:']").first
    assert link.get_attribute("href") == "mailto:contact@bernoulli-lab.fr"
    assert link.inner_text() == "contact@bernoulli-lab.fr"
    tab.close()


def test_contact_address_is_readable_without_javascript(repo_site: Path, serve: Callable[[Path], str], browser) -> None:
    base = serve(repo_site)
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "en/contact/")
    assert tab.locator("a[href^='mailto:']").count() == 0
    shown = tab.locator(".ls-email__address").first.inner_text()
    assert shown == "contact [at] bernoulli-lab [dot] fr"
    context.close()


def test_a_missing_address_gets_the_404_page_of_its_language(
    repo_site: Path, serve: Callable[[Path], str], browser
) -> None:
    """The host serves only /404.html, as GitHub Pages does: under /en/ it turns English."""
    base = serve(repo_site)
    tab = browser.new_page()
    tab.goto(base + "projets/nulle-part/")
    assert tab.locator("h1").first.inner_text() == "Page introuvable"
    assert tab.locator("html").get_attribute("lang") == "fr"
    tab.goto(base + "en/projects/nowhere/")
    tab.wait_for_url(base + "en/404.html")
    assert (
        tab.locator("h1").first.inner_text() == "Page not found" and tab.locator("html").get_attribute("lang") == "en"
    )
    tab.get_by_role("link", name="Back to the home page").click()  # links work from any address
    tab.wait_for_url(base + "en/")
    tab.close()
