"""What images cost a visitor, measured in Chromium on the example site served as GitHub Pages
serves it (gzip): the pages' weight in all, and a file of the right width for each place."""

from __future__ import annotations

import re

import pytest

# (page, screen width) -> at most this many bytes transferred, HTML, CSS, JS, images and search index.
BUDGETS = {
    ("", 390): 200_000,
    ("", 1280): 200_000,
    ("projets/", 390): 350_000,
    ("projets/", 1280): 350_000,
    ("projets/vigisepsis/", 390): 300_000,
    ("projets/vigisepsis/", 1280): 300_000,
    ("en/projects/vigisepsis/", 1280): 300_000,
}
HEIGHT = {390: 844, 768: 1024, 1280: 800}


def transferred(browser, url: str, width: int) -> tuple[int, list[tuple[str, int]]]:
    """Bytes a first visit to ``url`` transfers (headers and bodies as sent), and each request's."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT[width]})
    tab = context.new_page()
    requests: list[tuple[str, int]] = []

    def finished(request) -> None:
        sizes = request.sizes()
        requests.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    tab.on("requestfinished", finished)
    tab.goto(url, wait_until="networkidle")
    context.close()
    return sum(size for _, size in requests), requests


@pytest.mark.parametrize(("page", "width"), BUDGETS)
def test_a_page_stays_within_its_budget(repo_url: str, browser, page: str, width: int) -> None:
    total, requests = transferred(browser, repo_url + page, width)
    heaviest = sorted(requests, key=lambda r: -r[1])[:5]
    assert total <= BUDGETS[page, width], (total, heaviest)
    assert any("/media/" in url and url.endswith(".avif") for url, _ in requests) or page == ""


CHOSEN = """() => Array.from(document.querySelectorAll("picture img")).filter(i => i.currentSrc).map(i => ({
  shown: i.getBoundingClientRect().width,
  chosen: Number(i.currentSrc.match(/-(\\d+)\\.\\w+$/)[1]),
  offered: Array.from(i.parentElement.querySelector("source").srcset.matchAll(/ (\\d+)w/g), m => Number(m[1])),
  lazy: i.loading === "lazy",
}))"""


@pytest.mark.parametrize("width", HEIGHT)
def test_each_image_gets_the_smallest_file_as_wide_as_its_place(repo_url: str, browser, width: int) -> None:
    """``sizes`` matches the layout: the browser picks the narrowest rendition that still fills
    the image's place (a fresh visit each time: no file in the cache to prefer)."""
    seen = 0
    for page in ("", "projets/", "projets/vigisepsis/", "en/projects/fedimmuno/"):
        context = browser.new_context(viewport={"width": width, "height": HEIGHT[width]})
        tab = context.new_page()
        tab.goto(repo_url + page, wait_until="networkidle")
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        tab.wait_for_load_state("networkidle")
        for image in tab.evaluate(CHOSEN):
            seen += 1
            smaller = [w for w in image["offered"] if w < image["chosen"]]
            assert image["chosen"] >= image["shown"] or image["chosen"] == max(image["offered"]), (page, image)
            assert not smaller or max(smaller) < image["shown"], (page, image)  # no narrower file would do
        context.close()
    assert seen >= 5


def test_only_the_first_row_of_cards_loads_at_once(repo_site, repo_url: str, browser) -> None:
    html = (repo_site / "projets/index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<a class="ls-project__media".*?</a>', html, re.S)
    with_image = [i for i, card in enumerate(cards) if "<picture>" in card]
    assert with_image, "the example has project covers"
    for i in with_image:
        assert ('loading="lazy"' in cards[i]) == (i >= 3), i
        assert 'decoding="async"' in cards[i] or i < 3
    project = (repo_site / "projets/vigisepsis/index.html").read_text(encoding="utf-8")
    # The cover comes first; its members' photos, further down, load as they come near.
    pictures = re.findall(r"<picture>.*?</picture>", project, re.S)
    assert len(pictures) == 4 and 'fetchpriority="high"' in pictures[0] and project.count("fetchpriority") == 1
    assert all('loading="lazy"' in picture for picture in pictures[1:])
