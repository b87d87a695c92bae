"""The site reads on a phone and on a wide screen: no horizontal scrolling, no sidebars on landing pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

PAGES = ["", "exploiter-les-donnees/", "en/hosting-positions/", "projets/", "en/legal-notice/"]


@pytest.mark.parametrize("width", [360, 768, 1920])
def test_no_horizontal_scrolling(repo_site: Path, serve: Callable[[Path], str], browser, width: int) -> None:
    base = serve(repo_site)
    tab = browser.new_page(viewport={"width": width, "height": 800})
    for url in PAGES:
        tab.goto(base + url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
    tab.close()


def test_home_and_listings_have_no_documentation_sidebars(
    repo_site: Path, serve: Callable[[Path], str], browser
) -> None:
    base = serve(repo_site)
    tab = browser.new_page(viewport={"width": 1440, "height": 900})
    for url in ("", "projets/", "en/jobs/"):
        tab.goto(base + url)
        assert not tab.locator(".md-sidebar--primary").is_visible(), url
        assert not tab.locator(".md-sidebar--secondary").is_visible(), url
    tab.goto(base + "exploiter-les-donnees/")
    assert tab.locator(".md-sidebar--secondary").is_visible()
    tab.close()


def test_a_page_opens_with_drawer_and_search_closed_even_if_the_browser_restores_them(repo_url: str, browser) -> None:
    """Firefox restores checkboxes on reload; Material's toggles lost the `autocomplete="off"` that
    HTML forbids on checkboxes, so labsite.js closes them (here the page arrives with them checked)."""
    tab = browser.new_page(viewport={"width": 390, "height": 800})
    restored = lambda route: route.fulfill(  # noqa: E731
        response=(response := route.fetch()),
        body=response.text()
        .replace('id="__drawer">', 'id="__drawer" checked>')
        .replace('id="__search">', 'id="__search" checked>'),
    )
    tab.route(repo_url + "projets/", restored)
    tab.goto(repo_url + "projets/")
    assert tab.evaluate("document.getElementById('__drawer').checked") is False
    assert tab.evaluate("document.getElementById('__search').checked") is False
    tab.wait_for_timeout(500)  # the drawer's slide-out
    drawer = tab.locator(".md-sidebar--primary").bounding_box()
    assert drawer is not None and drawer["x"] + drawer["width"] <= 1, drawer  # off the screen
    # Nothing (drawer, overlay, search) covers the first project card.
    on_top = "e => { const r = e.getBoundingClientRect(); return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + 20)); }"
    assert tab.locator(".ls-project").first.evaluate(on_top)
    tab.close()
