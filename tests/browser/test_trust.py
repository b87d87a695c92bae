"""Privacy, security policy and accessibility of every kind of page, in a real Chromium, in both
languages.

Each page is visited with every request recorded (none may leave the local server, no
cookie may be set), every Content-Security-Policy violation counted (none: the site works
under its own policy), and checked with axe-core (no violation of impact serious or critical).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = [
    "",
    "en/",
    "projets/",
    "en/projects/",
    "projets/vigisepsis/",
    "en/projects/pathotext/",
    "projets/themes/oncology/",
    "en/projects/status/completed/",
    "en/projects/data/pacs/",
    "partenaires/",
    "en/partners/inria-soda/",
    "partenaires/aphp-eds/",
    "actualites/",
    "en/news/",
    "actualites/2026/",
    "en/news/tags/award/",
    "actualites/prix-poster-vigisepsis/",
    "recrutement/",
    "en/jobs/",
    "recrutement/type/phd/",
    "recrutement/these-emulfa/",
    "en/jobs/postdoc-vigisepsis/",  # open job ads
    "recrutement/stage-phenorare/",  # closed
    "en/jobs/hosting-positions-2027/",  # the call (an English slug of its own)
    "exploiter-les-donnees/",
    "en/hosting-positions/",
    "contact/",
    "en/legal-notice/",
    "accessibilite/",
    "en/privacy/",
    "projets/?theme=oncology&status=completed",
    "en/jobs/?kind=phd",  # listings with filters used
    "no-such-page/",  # the site's 404 page
]
axe = Axe()
# Runs before the page's own scripts: every CSP violation the page causes is recorded.
RECORD_CSP_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));
"""


@pytest.mark.parametrize("url", PAGES)
def test_page_calls_no_one_sets_no_cookie_and_passes_axe(repo_url: str, browser, url: str) -> None:
    site = repo_url
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    tab = context.new_page()
    response = tab.goto(site + url)
    assert response is not None and response.status == (404 if url.startswith("no-such") else 200)
    tab.wait_for_load_state("networkidle")
    assert requests and [r for r in requests if not r.startswith(site)] == []
    assert context.cookies() == []
    assert "default-src 'self'" in tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert tab.evaluate("() => window.__csp") == []
    results = axe.run(tab)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    context.close()


def tab_through(tab, presses: int = 80) -> list[dict]:
    """Press Tab from the top of the page; what got the focus, and how it shows."""
    reached = []
    for _ in range(presses):
        tab.keyboard.press("Tab")
        reached.append(
            tab.evaluate(
                """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {tag: el.tagName, id: el.id, name: el.getAttribute('name'),
                        cls: el.className && el.className.baseVal === undefined ? el.className : '',
                        switch: el.getAttribute('data-ls-switch'),
                        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                        shadow: style.boxShadow !== 'none'};
            }"""
            )
        )
    return reached


def test_keyboard_reaches_switch_filters_and_search_with_visible_focus(repo_url: str, browser) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(repo_url + "projets/")
    reached = tab_through(tab)
    switch = [r for r in reached if r["switch"] == "en"]
    filters = [r for r in reached if r["tag"] == "SELECT" and r["id"].startswith("ls-filter-")]
    search = [r for r in reached if r["tag"] == "INPUT" and r["name"] == "query"]
    assert switch, "the language switch is not reachable with Tab"
    assert {r["id"] for r in filters} == {
        "ls-filter-theme",
        "ls-filter-status",
        "ls-filter-partner",
        "ls-filter-source",
    }
    assert search, "the search field is not reachable with Tab"
    for element in switch + filters + [r for r in reached if r["tag"] == "A"][:10]:
        assert element["outline"] or element["shadow"], f"no visible focus on {element}"
    tab.keyboard.press("Shift+Tab")  # still works backwards
    tab.close()


def test_the_accessibility_statement_says_how_it_is_checked(repo_url: str, browser) -> None:
    tab = browser.new_page()
    tab.goto(repo_url + "accessibilite/")
    text = tab.locator("article").inner_text()
    assert "non conforme" in text.lower() and "axe" in text.lower()
    tab.goto(repo_url)
    assert "non conforme" in tab.locator("#ls-a11y-notice").inner_text()
    tab.close()


def test_search_filters_and_email_links_work_under_the_policy(repo_url: str, browser) -> None:
    """The scripts the site needs (Material's bundle and search worker, the filters, the e-mail
    links) run under the Content-Security-Policy without a single violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    tab = context.new_page()
    tab.goto(repo_url + "contact/")
    assert tab.locator("a.ls-email-link[href^='mailto:']").count() > 0
    tab.goto(repo_url + "projets/")
    tab.select_option("#ls-filter-status", "completed")
    assert "status=completed" in tab.url
    tab.locator("input[name=query]").click()
    tab.keyboard.type("sepsis")
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert tab.evaluate("() => window.__csp") == []
    context.close()
