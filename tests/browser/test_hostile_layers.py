"""Each repro of the attack run is stopped by each wall on its own, in Chromium.

A built page of the fixture site gets the repro's Markdown, rendered as MkDocs renders it,
in its article, three ways:
- sanitized, with the page's Content-Security-Policy removed: the sanitizer alone;
- not sanitized, with the policy: the policy alone;
- neither (the control): most repros do run or call out, so the test can fail.
The page is then used: every element hovered, focused and clicked, javascript: links followed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from labsite.sources.sanitize import clean
from tests.conftest import REPO
from tests.fixtures.hostile import REPROS

ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective));
"""
USE = """() => {
  // Stay on the page, except for javascript: links, which must be followed to be tested.
  document.addEventListener("click", e => {
    const link = e.target.closest && e.target.closest("a");
    if (!link || !/^\\s*javascript:/i.test(link.getAttribute("href") || "")) e.preventDefault();
  }, true);
  for (const el of document.querySelectorAll("article *")) {
    for (const type of ["mouseover", "mouseenter", "focus", "click"]) {
      el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
    }
    if (el.tagName === "DETAILS") el.open = !el.open;
  }
}"""


def _markdown_extensions() -> tuple[list[str], dict]:
    """The site's own Markdown configuration (mkdocs.yml), so a repro renders as on the site."""
    names, options = [], {}
    for entry in yaml.safe_load((REPO / "mkdocs.yml").read_text())["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if config:
            options[name] = config
    return names, options


@pytest.fixture(scope="module")
def pages(fixture_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture site with a page per repro and way: <way>-<n>/index.html."""
    site = tmp_path_factory.mktemp("layers") / "site"
    shutil.copytree(fixture_site, site)
    template = (site / "a-propos" / "index.html").read_text(encoding="utf-8")
    names, options = _markdown_extensions()
    for n, body in enumerate(REPROS.values()):
        rendered = markdown.markdown(body, extensions=names, extension_configs=options)
        for way, content, keep_policy in (
            ("sanitized", clean(rendered), False),
            ("policy", rendered, True),
            ("control", rendered, False),
        ):
            page = ARTICLE.sub(lambda m, c=content: m[1] + c + m[3], template)
            page = page if keep_policy else CSP.sub("", page)
            (site / f"{way}-{n}").mkdir()
            (site / f"{way}-{n}" / "index.html").write_text(page, encoding="utf-8")
    return site


def _visit(browser, base: str, way: str) -> dict[str, dict]:
    """What each repro's page did: ran a script, called another site, was covered, violated."""
    found = {}
    context = browser.new_context()
    outside: list[str] = []

    def route(request_route, request) -> None:
        if request.url.startswith(base):
            request_route.continue_()
        else:
            outside.append(request.url)
            request_route.abort()

    context.route("**/*", route)
    context.add_init_script(RECORD)
    tab = context.new_page()
    for n, name in enumerate(REPROS):
        outside.clear()
        tab.goto(f"{base}{way}-{n}/")
        tab.wait_for_load_state("load")
        tab.evaluate(USE)
        tab.wait_for_timeout(50)
        if not tab.url.startswith(f"{base}{way}-{n}/"):  # a javascript: link navigated elsewhere
            tab.goto(f"{base}{way}-{n}/")
        found[name] = {
            "ran": tab.evaluate("() => window.__pwned === 1"),
            "outside": list(outside),
            "covered": tab.evaluate(
                "() => { const el = document.elementFromPoint(innerWidth / 2, innerHeight / 2);"
                " return !!el && el.textContent.trim() === 'covered'; }"
            ),
            "violations": tab.evaluate("() => window.__csp.length"),
        }
    context.close()
    return found


@pytest.fixture(scope="module")
def base(pages: Path) -> str:
    from tests.conftest import start_server

    server, url = start_server(pages)
    yield url
    server.shutdown()


def test_the_sanitizer_alone_stops_every_repro(browser, base: str) -> None:
    found = _visit(browser, base, "sanitized")
    failed = {name: what for name, what in found.items() if what["ran"] or what["outside"] or what["covered"]}
    assert failed == {}


def test_the_policy_alone_stops_every_script_and_request(browser, base: str) -> None:
    found = _visit(browser, base, "policy")
    failed = {name: what for name, what in found.items() if what["ran"] or what["outside"]}
    assert failed == {}
    assert sum(what["violations"] > 0 for what in found.values()) >= 20, "the policy reported too few violations"


def test_without_either_wall_the_repros_do_harm(browser, base: str) -> None:
    """The control: unprotected, the repros run or call out, so the two tests above can fail."""
    found = _visit(browser, base, "control")
    harmful = [name for name, what in found.items() if what["ran"] or what["outside"] or what["covered"]]
    assert len(harmful) >= 20, harmful
