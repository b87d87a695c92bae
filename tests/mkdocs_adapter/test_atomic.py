"""A build that fails at any phase leaves the previous site exactly as it was; the same
sources and SOURCE_DATE_EPOCH always give the same bytes."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from labsite.build import site as site_build
from labsite.build.site import PAGE_CACHE
from labsite.generators import directory
from labsite.mkdocs_adapter import commands
from labsite.outputs import cards, feeds, sitemap
from labsite.render import pageview
from labsite.sources import load
from tests.conftest import FIXTURE_EPOCH, build, tree_digest, write_site


def fail(*args: object, **kwargs: object) -> None:
    raise RuntimeError("injected failure")


class FailingPageView(pageview.PageView):
    def __init__(self, *args: object, **kwargs: object) -> None:
        if args and getattr(args[1], "lang", "") == "en":  # only in the English pass
            raise RuntimeError("injected failure in the English templates")
        super().__init__(*args, **kwargs)


PHASES = {
    "load and check": (load, "discover", fail),
    "catalog (listings)": (directory, "pages", fail),
    "templates (English pass)": (pageview, "PageView", FailingPageView),
    "cards": (cards, "ensure", fail),
    "feeds": (feeds, "all_feeds", fail),
    "writing (sitemap)": (sitemap, "render", fail),
}


@pytest.mark.parametrize("phase", PHASES)
def test_a_failure_in_any_phase_leaves_the_previous_site(tmp_path: Path, phase: str) -> None:
    config = write_site(tmp_path)
    site = build(config)
    before = tree_digest(site)
    shutil.rmtree(tmp_path / PAGE_CACHE)  # every page rendered again: the templates run in each pass
    module, name, replacement = PHASES[phase]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, name, replacement)
        # The build imported some of these by name: patch it there too.
        if hasattr(site_build, name):
            patch.setattr(site_build, name, replacement)
        patch.setenv("LABSITE_JOBS", "1")  # every language in this process, where the patch is
        patch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
        patch.chdir(tmp_path)
        with pytest.raises(Exception, match="injected failure"):
            commands.build(str(config))
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_same_sources_same_epoch_same_bytes(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    first = tree_digest(build(config))
    second = tree_digest(build(config))
    assert first == second
    assert len(first) > 100


def test_a_warning_in_strict_mode_publishes_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Strict: one warning anywhere (here in the English pass's feeds) and the site stays as it was."""
    config = write_site(tmp_path)
    site = build(config)
    before = tree_digest(site)
    all_feeds = feeds.all_feeds

    def warn(catalog: object, site: object, lang: str, *args: object, **kwargs: object) -> dict[str, bytes]:
        if lang == "en":
            logging.getLogger("mkdocs.plugins.labsite").warning("a warning in the English pass")
        return all_feeds(catalog, site, lang, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feeds, "all_feeds", warn)
        patch.setenv("LABSITE_JOBS", "1")
        patch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
        patch.chdir(tmp_path)
        with pytest.raises(Exception, match="Aborted"):
            commands.build(str(config), strict=True)
    assert "aborted with 1 warning(s) in strict mode" in caplog.text
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
