"""Rendering shortcuts change no byte of the site: one Markdown converter a language pass, its
patterns looking first for what they need (labsite.render.markdown_triggers), parts of the pages
made once for the pages that show them alike (labsite.render.shared_parts), and the search
index's sections cut by labsite (labsite.render.search_sections)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
from material.plugins.search import plugin as search_plugin

from labsite.build.site import PAGE_CACHE
from labsite.mkdocs_adapter import commands
from labsite.mkdocs_adapter.plugin import LabsitePlugin
from labsite.render.shared_parts import SharedParts
from tests.conftest import EVENT_FILES, FIXTURE_EPOCH, FIXTURE_FILES, PEOPLE_FILES, item_page, tree_digest, write_site

# Markdown whose converter keeps state between pages unless reset: abbreviations, footnotes, ids.
NOTES = "\n\n## Results\n\nThe HDH[^1] holds it.\n\n[^1]: The Health Data Hub.\n\n*[HDH]: Health Data Hub\n"


def _build(config: Path, site: Path) -> None:
    shutil.rmtree(config.parent / PAGE_CACHE, ignore_errors=True)  # every page rendered
    commands.build(str(config), site_dir=str(site))


def test_a_converter_a_pass_and_the_shared_parts_change_no_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES}
    files["projects/heart-ai/index.en.md"] = item_page("Heart AI", "Hearts.", "## Results\n\nAn HDH report." + NOTES)
    files["projects/lung-scan/index.en.md"] = item_page("Lung scans", "Lungs.", "The HDH[^1] again.\n\n[^1]: A note.")
    config = write_site(tmp_path / "src", files)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "[attr_list, md_in_html, toc]",
            "[abbr, admonition, attr_list, def_list, footnotes, md_in_html, tables, toc]",
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("LABSITE_JOBS", "1")  # both languages in this process, whatever the machine's load
    made: list[str] = []
    share = SharedParts.__call__

    def counted(self: SharedParts, part: str, page: Any, nav: Any, render: Any) -> str:
        return share(self, part, page, nav, lambda: made.append(part) or render())

    converters = []
    convert = markdown.Markdown.__init__
    monkeypatch.setattr(markdown.Markdown, "__init__", lambda self, **kw: converters.append(1) or convert(self, **kw))
    monkeypatch.setattr(SharedParts, "__call__", counted)
    parsed = []  # pages Material's search plugin read itself
    feed = search_plugin.Parser.feed
    monkeypatch.setattr(search_plugin.Parser, "feed", lambda self, html: parsed.append(1) or feed(self, html))
    _build(config, tmp_path / "fast")
    pages = len(list((tmp_path / "fast").glob("**/index.html"))) // 2  # a language's
    # Each page of the navigation has its own parts; the others, one a folder's parent: 22 a language.
    assert pages == 48 and made.count("nav") == made.count("tabs") == 2 * 22
    # Those that show only how deep the page's folder is: one for each depth of a language's pages,
    # and the not-found page's (not a page of the site: its own).
    shown = [p.relative_to(tmp_path / "fast").parts for p in (tmp_path / "fast").glob("**/index.html")]
    depths = {(parts[0] == "en", len(parts)) for parts in shown}
    assert len(depths) == 8
    assert all(made.count(part) == len(depths) + 2 for part in ("search", "styles", "config", "scripts"))
    assert len(converters) < pages // 4  # a pass's, and a few of labsite's own (summaries): not one a page
    assert parsed == []  # every page's search sections cut by labsite.render.search_sections

    monkeypatch.setattr(SharedParts, "__call__", lambda self, part, page, nav, render: render())
    monkeypatch.setattr(LabsitePlugin, "on_pre_page", lambda self, page, **kw: page)  # MkDocs' converter a page
    converters.clear()
    _build(config, tmp_path / "plain")
    assert len(converters) > pages and len(parsed) > pages  # and Material's own reading of each page
    assert tree_digest(tmp_path / "fast") == tree_digest(tmp_path / "plain")
    heart = (tmp_path / "plain/en/projects/heart-ai/index.html").read_text(encoding="utf-8")
    lung = (tmp_path / "plain/en/projects/lung-scan/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Health Data Hub">HDH</abbr>' in heart and "The Health Data Hub." in heart
    assert "<abbr" not in lung and "A note." in lung and "Health Data Hub" not in lung
