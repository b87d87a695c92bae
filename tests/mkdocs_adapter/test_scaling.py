"""Build cost stays linear in the number of pages: counted (renders, catalog scans), never timed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2
import pytest

from labsite.mkdocs_adapter import commands
from labsite.model.catalog import Catalog
from tests.conftest import FIXTURE_EPOCH, FIXTURE_FILES, item_page, write_site


def site_with(root: Path, n: int) -> Path:
    files = dict(FIXTURE_FILES)
    for i in range(n):
        files[f"projects/p{i}/index.yml"] = (
            "status: idea\ndate: 2026-01-01\nthemes: [imaging]\npartners: [aphp-eds]\ndraft: false\n"
        )
        files[f"projects/p{i}/index.fr.md"] = item_page(f"Projet {i}", "Résumé.", "Texte.")
        files[f"projects/p{i}/index.en.md"] = item_page(f"Project {i}", "Summary.", "Text.")
        files[f"news/n{i}/index.yml"] = f"type: news\ndate: 2026-02-01\nprojects: [p{i}]\ndraft: false\n"
        files[f"news/n{i}/index.fr.md"] = item_page(f"Nouvelle {i}", "Résumé.", "Texte.")
        files[f"news/n{i}/index.en.md"] = item_page(f"News {i}", "Summary.", "Text.")
    return write_site(root, files)


def count_work(config: Path) -> Counter[str]:
    """Build in this process (both languages, one after the other) and count the work done."""
    work: Counter[str] = Counter()
    render, pages_in = jinja2.Template.render, Catalog.pages_in

    def counted_render(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        work["template renders"] += 1
        return render(self, *args, **kwargs)

    def counted_pages_in(self: Catalog, lang: str) -> list:
        work["full catalog scans"] += 1
        return pages_in(self, lang)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Template, "render", counted_render)
        patch.setattr(Catalog, "pages_in", counted_pages_in)
        patch.setenv("LABSITE_JOBS", "1")
        patch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
        patch.chdir(config.parent)
        commands.build(str(config))
    work["pages"] = sum(1 for _ in (config.parent / "site").rglob("index.html"))
    return work


def test_work_grows_linearly_with_the_pages(tmp_path: Path) -> None:
    small = count_work(site_with(tmp_path / "small", 20))
    large = count_work(site_with(tmp_path / "large", 40))
    base = count_work(site_with(tmp_path / "base", 0))
    added_pages = (large["pages"] - base["pages"]) / (small["pages"] - base["pages"])
    added_renders = (large["template renders"] - base["template renders"]) / (
        small["template renders"] - base["template renders"]
    )
    assert 1.9 <= added_pages <= 2.1
    assert abs(added_renders - added_pages) < 0.1  # a constant number of renders per page
    # Whole-catalog scans do not grow with the pages: nothing scans every page for each page.
    assert large["full catalog scans"] == small["full catalog scans"] == base["full catalog scans"]
