"""Parts made once for the pages that show them alike, and only for those: the navigation and the
tabs, and the parts that show only the depth of the page's folder."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from labsite.render.shared_parts import SharedParts


def _nav(*urls: str, active: str | None = None) -> Any:
    pages = [SimpleNamespace(url=url, active=url == active, children=None) for url in urls]
    section = SimpleNamespace(url=None, active=False, children=pages[1:])
    return SimpleNamespace(items=[pages[0], section], homepage=pages[0])


def _renders(parts: SharedParts, nav: Any, *urls: str) -> list[str]:
    """For each page at ``urls``: which render was shown (the one made for the first such page)."""
    shown = []
    for url in urls:
        page = next((p for p in nav.items[1].children if p.url == url), SimpleNamespace(url=url))
        shown.append(parts("nav", page, nav, lambda url=url: url))
    return shown


def test_pages_in_folders_of_one_parent_share_one_render() -> None:
    nav = _nav("", "projects/", "news/")
    shown = _renders(SharedParts(), nav, "projects/a/", "projects/b/", "news/c/", "news/d/", "projects/x/y/")
    assert shown == ["projects/a/", "projects/a/", "news/c/", "news/c/", "projects/x/y/"]


def test_files_in_one_folder_share_one_render_but_not_with_a_folder_below() -> None:
    nav = _nav("", "projects.html")
    shown = _renders(SharedParts(), nav, "projects/a.html", "projects/b.html", "projects/b/c.html", "index.html")
    assert shown == ["projects/a.html", "projects/a.html", "projects/b/c.html", "index.html"]


def test_a_page_of_the_navigation_or_holding_one_of_its_pages_has_its_own() -> None:
    nav = _nav("", "about/", "about/team/")
    shown = _renders(SharedParts(), nav, "about/", "about/", "about/team/", "x/", "about/z/")
    # about/ is in the navigation (its entry, its table of contents); about/z/ shares with x/'s
    # parent no more than it shares a parent with about/team/, which is in the navigation.
    assert shown == ["about/", "about/", "about/team/", "x/", "about/z/"]
    nav = _nav("", "news/", "projects/a/b/")  # a target inside projects/a/: links differ from b's
    assert _renders(SharedParts(), nav, "projects/a/", "projects/c/", "projects/d/") == [
        "projects/a/",
        "projects/c/",
        "projects/c/",
    ]


def test_other_active_entries_or_another_part_render_again() -> None:
    parts = SharedParts()
    assert _renders(parts, _nav("", "news/", active="news/"), "news/a/", "news/b/") == ["news/a/", "news/a/"]
    nav = _nav("", "news/")
    assert _renders(parts, nav, "news/b/", "news/c/") == ["news/b/", "news/b/"]
    assert _renders(parts, _nav("", "news/"), "news/c/") == ["news/c/"]  # another build's navigation
    page = SimpleNamespace(url="news/e/")
    assert [parts(part, page, nav, lambda part=part: part) for part in ("nav", "tabs", "nav")] == ["nav", "tabs", "nav"]
    assert parts("nav", None, nav, lambda: "404") == "404"


def test_parts_showing_only_the_depth_are_shared_by_the_pages_at_one_depth() -> None:
    nav = _nav("", "about/", "news/")
    urls = ("projects/a/", "about/", "news/b/", "x.html", "", "about/", "projects/a/b/", "assets/c/", "assets/c/")
    for part in ("search", "styles", "config", "scripts"):
        parts = SharedParts()
        shown = [parts(part, SimpleNamespace(url=url), nav, lambda url=url: url) for url in urls]
        # a page of the navigation shares them too; one in the theme's assets folder never does
        assert shown == [
            "projects/a/",
            "about/",
            "projects/a/",
            "x.html",
            "x.html",
            "about/",
            "projects/a/b/",
            "assets/c/",
            "assets/c/",
        ]
    assert _renders(SharedParts(), nav, "news/b/", "news/c/") == ["news/b/", "news/b/"]  # the others, as before
