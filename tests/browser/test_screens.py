"""Every kind of page of the example site, in both languages, on a phone (390 px), a tablet
(768 px) and a laptop (1280 px): failed on what a visitor would see wrong (sideways scrolling,
text over text, images that make the page jump as they load), and, when asked
(LABSITE_SCREENSHOTS=1), photographed into screenshots/ for a person to look at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import PAGE_KINDS, REPO

SCREENSHOTS = REPO / "screenshots"  # named in the README; not committed
# Asked for, not taken every run: a full-page photograph of each page is half of this test's time.
PHOTOGRAPH = os.environ.get("LABSITE_SCREENSHOTS") == "1"
SCREENS = {390: 844, 768: 1024, 1280: 800}  # width: height
LANGUAGES = ("fr", "en")

# Text boxes (one a line of each text node) drawn over another's: the pairs, with a few words of each.
OVERLAPS = """() => {
  const boxes = [], range = document.createRange(), width = document.documentElement.clientWidth;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element) continue;
    if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const own = element.getBoundingClientRect();
    if (own.width <= 1 || own.height <= 1) continue;  // visually hidden, for screen readers
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1 || r.right <= 0 || r.left >= width) continue;  // off screen (drawer)
      boxes.push({left: r.left, top: r.top + scrollY, right: r.right, bottom: r.bottom + scrollY, node});
    }
  }
  boxes.sort((a, b) => a.top - b.top);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].top < a.bottom; j++) {
      const b = boxes[j];
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // Lines of one paragraph may touch; text over text covers a third of a line or more.
      if (a.node !== b.node && across > 2 && down > 0.3 * Math.min(a.bottom - a.top, b.bottom - b.top)) {
        found.push(`"${a.node.textContent.trim().slice(0, 30)}" / "${b.node.textContent.trim().slice(0, 30)}"`);
      }
    }
  }
  return found;
}"""
UNSIZED = """() => Array.from(document.images)
  .filter(img => !img.getAttribute("width") || !img.getAttribute("height")
    || (img.loading !== "lazy" && img.complete && img.naturalWidth === 0))
  .map(img => img.getAttribute("src"))"""
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The section tabs (wide screens): a tab cut off at the edge is a section a visitor doesn't see.
TABS_CUT = "(() => { const l = document.querySelector('.md-tabs__list'); return l && l.offsetParent ? l.scrollWidth - l.clientWidth : 0 })()"


def defects(tab) -> list[str]:
    """What is wrong on the page the tab shows, in a visitor's words."""
    found = []
    if (overflow := tab.evaluate(SIDEWAYS)) > 0:
        found.append(f"scrolls sideways by {overflow}px")
    if (cut := tab.evaluate(TABS_CUT)) > 0:
        found.append(f"the section tabs are cut by {cut}px")
    found += [f"text over text: {pair}" for pair in tab.evaluate(OVERLAPS)]
    found += [f"image without width and height (or broken): {src}" for src in tab.evaluate(UNSIZED)]
    return found


@pytest.mark.parametrize("width", SCREENS)
def test_every_page_kind_reads_well_on_every_screen(repo_url: str, browser, width: int) -> None:
    folder = SCREENSHOTS / str(width)
    if PHOTOGRAPH:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    context = browser.new_context(viewport={"width": width, "height": SCREENS[width]})
    tab = context.new_page()
    problems, shots = [], 0
    for kind, paths in PAGE_KINDS.items():
        if kind == "redirect":
            continue  # it leaves at once for its page
        for lang, path in zip(LANGUAGES, paths, strict=True):
            tab.goto(repo_url + path.removesuffix("index.html"))
            problems += [f"{width}px {path}: {defect}" for defect in defects(tab)]
            if PHOTOGRAPH:
                tab.screenshot(path=folder / f"{lang}-{kind.replace(' ', '-')}.jpg", full_page=True, quality=80)
            shots += 1
    context.close()
    assert problems == []
    assert shots == 2 * (len(PAGE_KINDS) - 1)
    assert not PHOTOGRAPH or len(list(folder.glob("*.jpg"))) == shots


def test_the_checks_see_what_a_visitor_would(browser, tmp_path: Path) -> None:
    """A page with each defect: text over text, an image without size, a page too wide, tabs cut
    off. Text hidden for screen readers and text faded out (Material's header title) are not
    defects."""
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.set_content(
        "<style>.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>"
        '<p style="position:absolute;top:10px;left:10px;margin:0">Projets en cours</p>'
        '<p style="position:absolute;top:14px;left:20px;margin:0">Offres ouvertes</p>'
        '<p style="margin-top:80px">Seul <span class="sr">pour les lecteurs d’écran</span></p>'
        '<p style="opacity:0;margin-top:-1.2em">invisible</p>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">'
        '<div style="width:500px">large</div>'
        '<ul class="md-tabs__list" style="width:100px;overflow:hidden;white-space:nowrap">'
        "<li>Accueil Projets Agenda Recrutement Contact</li></ul>"
    )
    found = defects(tab)
    assert found == [
        "scrolls sideways by 118px",  # 500px and the body's 8px margins, on 390
        "the section tabs are cut by 191px",  # the tabs' text against their 100px
        'text over text: "Projets en cours" / "Offres ouvertes"',
        "image without width and height (or broken): data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    ], found
    tab.close()
