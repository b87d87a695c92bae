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
