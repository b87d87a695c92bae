"""`labsite serve`: both languages served, and an edited page rebuilt (dirty builds)."""

from __future__ import annotations

import gc
import os
import re
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from labsite.build.preview import Preview
from labsite.build.preview_server import WAIT
from labsite.build.site import BuildError, LanguageBuild
from labsite.commands.bench import free_port, page_text
from labsite.common.cpus import JOBS_VARIABLE
from labsite.mkdocs_adapter.plugin import plugin_instances
from tests.conftest import FIXTURE_EPOCH, FIXTURE_FILES, NEWS_YML, PEOPLE_FILES, build, run_labsite, write_site


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in page_text(url):
            return True
        time.sleep(0.2)
    return False


@contextmanager
def preview(root: Path, *options: str, jobs: str | None = None) -> Iterator[str]:
    """`labsite serve` on the site in ``root``, as a contributor starts it; yields its address.
    Stopped as an editor stops it (SIGTERM), it leaves no folder in the temporary folder.
    ``jobs``: its LABSITE_JOBS (unset: the processes the machine allows)."""
    port = free_port()
    temporary = root.parent / f"{root.name}-tmp"
    temporary.mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXTURE_EPOCH, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    env.pop(JOBS_VARIABLE, None)
    if jobs is not None:
        env[JOBS_VARIABLE] = jobs
    command = [sys.executable, "-m", "labsite", "serve", *options, "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert list(temporary.iterdir()) == []
    assert server.stderr is not None and "Traceback" not in server.stderr.read().decode("utf-8", "replace")


def leave_waiting(base: str, page: str) -> None:
    """Ask for the page's reload as its script does, then close the tab: the connection is
    reset (no lingering), so the server's answer after the next rebuild meets a closed socket."""
    epoch = re.search(r"epoch=(\d+)", page_text(base + page)).group(1)  # type: ignore[union-attr]
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port)) as tab:
        tab.sendall(f"GET {WAIT}?epoch={epoch} HTTP/1.1\r\nHost: {address.netloc}\r\n\r\n".encode())
        time.sleep(0.2)  # the server is waiting for the next build
        tab.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_an_edited_page_is_rebuilt_in_both_languages(tmp_path: Path) -> None:
    write_site(tmp_path)
    with preview(tmp_path) as base:
        assert wait_for(base + "en/about/", "platypus", 120), "the preview never served the English page"
        assert "ornithorynque" in page_text(base + "a-propos/")
        assert '"lang":["en"]' in page_text(base + "en/search/search_index.json").replace(" ", "")
        leave_waiting(base, "a-propos/")
        about = tmp_path / "content/about.en.md"
        about.write_text(about.read_text(encoding="utf-8").replace("platypus", "echidna"), encoding="utf-8")
        assert wait_for(base + "en/about/", "echidna", 60), "the edit never showed"
        assert "ornithorynque" in page_text(base + "a-propos/")  # the other language still served
        project = tmp_path / "projects/heart-ai/index.fr.md"
        project.write_text(project.read_text(encoding="utf-8").replace("Voir", "Consulter"), encoding="utf-8")
        assert wait_for(base + "projets/heart-ai/", "Consulter", 60), "an item's edit never showed"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_edit_undone_shows_again_whether_the_languages_render_in_one_process_or_two(
    tmp_path: Path, jobs: str
) -> None:
    """Each edit shows in the folder served, an edit undone included (a page's key is then what
    it was before the edit), whether the English pass renders in the preview's process or in a
    process forked for each rebuild."""
    write_site(tmp_path)
    about = tmp_path / "content/about.en.md"
    original = about.read_text(encoding="utf-8")
    with preview(tmp_path, jobs=jobs) as base:
        assert wait_for(base + "en/about/", "platypus", 120), "the preview never served the English page"
        about.write_text(original.replace("platypus", "echidna"), encoding="utf-8")
        assert wait_for(base + "en/about/", "echidna", 60), "the edit never showed"
        time.sleep(0.05)  # another modification time, on file systems that count in coarse steps
        about.write_text(original, encoding="utf-8")
        assert wait_for(base + "en/about/", "platypus", 60), "the page undone never showed"
        assert "ornithorynque" in page_text(base + "a-propos/")


@contextmanager
def preview_here(root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Preview]]:
    """The preview's builds in this process, its English pass forked (LABSITE_JOBS=2), into
    ``root/served``: yields a function that builds and returns what the preview remembers."""
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    config_file, served = str(root / "mkdocs.yml"), str(root / "served")
    try:
        with plugin_instances({}):
            config = load_config(config_file, site_dir=served)
            config.plugins.on_startup(command="serve", dirty=True)

            def rebuild() -> Preview:
                mkdocs_build(load_config(config_file, site_dir=served), dirty=True)
                return config.plugins["labsite"].preview

            yield rebuild
    finally:
        gc.unfreeze()  # frozen for the fork (labsite.build.passes): the next tests' objects are collected


def test_a_preview_keeps_what_a_forked_pass_put_in_the_folder(tmp_path: Path, monkeypatch) -> None:
    """A forked English pass tells the preview which pages it put into the folder served, and
    as what: the next rebuild renders again only the pages whose key changed, the others stay.
    Forgotten, every rebuild would place every English page again."""
    write_site(tmp_path)
    about, english = tmp_path / "content/about.en.md", ("en", "content/about.en.md")
    unchanged = tmp_path / "served/en/projects/heart-ai/index.html"
    with preview_here(tmp_path, monkeypatch) as rebuild:
        first = dict(rebuild().pages)
        assert english in first and ("fr", "content/about.fr.md") in first
        assert {lang for lang, _ in first} == {"fr", "en"}
        placed = unchanged.stat().st_ctime_ns  # a page placed again is linked anew: its change time moves
        about.write_text(about.read_text(encoding="utf-8").replace("platypus", "echidna"), encoding="utf-8")
        pages = rebuild().pages
    assert pages.keys() == first.keys()
    changed = {where for where, page in pages.items() if page.key != first[where].key}
    assert english in changed and ("fr", "content/about.fr.md") not in changed
    assert "echidna" in (tmp_path / "served/en/about/index.html").read_text(encoding="utf-8")
    assert unchanged.stat().st_ctime_ns == placed


def test_a_previews_rebuild_puts_into_the_folder_only_the_cards_that_changed(tmp_path: Path, monkeypatch) -> None:
    """A page's share card is linked into the folder served again only when what it shows
    changed (its file in the card cache is another), in the preview's process and in the
    forked English pass alike; the new card is the one a build makes."""
    write_site(tmp_path)
    about = tmp_path / "content/about.en.md"
    served = tmp_path / "served"
    edited, unchanged = served / "en/assets/cards/about.png", served / "en/assets/cards/projects.png"
    french = served / "assets/cards/a-propos.png"
    with preview_here(tmp_path, monkeypatch) as rebuild:
        first = {lang: dict(cards) for lang, cards in rebuild().cards.items()}
        assert first.keys() == {"fr", "en"}
        placed = {card: card.stat().st_ctime_ns for card in (edited, unchanged, french)}  # a link made anew moves it
        about.write_text(about.read_text(encoding="utf-8").replace('title: "About"', 'title: "Our history"'))
        cards = rebuild().cards
    assert cards["en"]["assets/cards/about.png"] != first["en"]["assets/cards/about.png"]
    assert {name for name, path in cards["en"].items() if first["en"][name] != path} == {"assets/cards/about.png"}
    assert (
        edited.stat().st_ctime_ns != placed[edited]
        and edited.read_bytes() == cards["en"]["assets/cards/about.png"].read_bytes()
    )
    assert unchanged.stat().st_ctime_ns == placed[unchanged] and french.stat().st_ctime_ns == placed[french]


def test_a_failed_rebuild_makes_the_preview_forget_the_pages_it_was_writing(tmp_path: Path, monkeypatch) -> None:
    """The English pass may have written its pages when the French pass fails. The preview must
    not take them as the ones it remembers: an edit undone next would seem to be there already,
    and the edit would stay on show."""
    write_site(tmp_path)
    about = tmp_path / "content/about.en.md"
    original, page = about.read_text(encoding="utf-8"), tmp_path / "served/en/about/index.html"
    finish = LanguageBuild.finish

    def failing(self: LanguageBuild, site_dir: Path, *, reuse: bool) -> None:
        if self.lang == "fr":  # once the English pass has written the edit
            deadline = time.monotonic() + 60
            while "echidna" not in (page.read_text(encoding="utf-8") if page.is_file() else ""):
                assert time.monotonic() < deadline, "the English pass never wrote the edit"
                time.sleep(0.02)
            raise BuildError("the French pass failed")
        finish(self, site_dir, reuse=reuse)

    with preview_here(tmp_path, monkeypatch) as rebuild:
        rebuild()
        about.write_text(original.replace("platypus", "echidna"), encoding="utf-8")
        monkeypatch.setattr(LanguageBuild, "finish", failing)
        with pytest.raises(MkDocsException):
            rebuild()
        monkeypatch.setattr(LanguageBuild, "finish", finish)
        about.write_text(original, encoding="utf-8")
        rebuild()
    assert "platypus" in page.read_text(encoding="utf-8")


def test_a_preview_stopped_during_its_first_build_leaves_nothing_behind(tmp_path: Path) -> None:
    """Stopped while its English pass writes (the first build renders every page), the preview
    stops the pass before removing its folder, and says no traceback (``preview`` checks both)."""
    write_site(tmp_path)
    temporary = tmp_path.parent / f"{tmp_path.name}-tmp"
    with preview(tmp_path, jobs="2"):
        deadline = time.monotonic() + 120
        while not any(temporary.glob("labsite-preview-*/en/*")):
            assert time.monotonic() < deadline, "the English pass never started"
            time.sleep(0.01)


def test_drafts_are_previewed_with_a_banner_and_never_built(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/lung-scan/index.yml"] = str(files["projects/lung-scan/index.yml"]).replace(
        "draft: false", "draft: true"
    )
    files["news/first-news/index.yml"] = NEWS_YML.replace("date: 2026-05-04", "date: 2027-02-01")
    write_site(tmp_path, files)
    with preview(tmp_path, "--drafts") as base:
        assert wait_for(base + "projets/lung-scan/", "ls-preview-banner", 120), "the draft is not previewed"
        assert "Brouillon" in page_text(base + "projets/lung-scan/") and "noindex" in page_text(
            base + "projets/lung-scan/"
        )
        assert "Draft: this page is not published" in page_text(base + "en/projects/lung-scan/")
        assert "paraîtra le 1er février 2027" in page_text(base + "actualites/first-news/")
        assert "ls-preview-banner" not in page_text(base + "projets/heart-ai/")  # published pages say nothing
    site = build(tmp_path / "mkdocs.yml")  # LABSITE_DRAFTS is the preview's alone
    assert not (site / "projets/lung-scan").exists() and not (site / "actualites/first-news").exists()
    result = run_labsite(tmp_path / "mkdocs.yml", "check")
    assert (
        "projects/lung-scan/: draft" in result.stderr and "news/first-news/: published from 2027-02-01" in result.stderr
    )


def test_an_edited_bibliography_or_person_shows_on_every_page_that_shows_it(tmp_path: Path) -> None:
    lung = "projects/lung-scan/index.yml"
    files = {**FIXTURE_FILES, **PEOPLE_FILES}
    files[lung] = str(files[lung]).replace(
        "draft: false", "contacts: [ada-martin]\npublications: [martin2024deep]\ndraft: false"
    )
    write_site(tmp_path, files)
    with preview(tmp_path) as base:
        assert wait_for(base + "publications/", "Deep learning for lung scans", 120), "the preview never started"
        bib = tmp_path / "publications/lab.bib"
        bib.write_text(bib.read_text(encoding="utf-8").replace("for lung scans", "for chest scans"), encoding="utf-8")
        assert wait_for(base + "en/projects/lung-scan/", "Deep learning for chest scans", 60), "the entry never changed"
        assert "for chest scans" in page_text(base + "en/people/ada-martin/")
        person = tmp_path / "people/ada-martin/index.yml"
        person.write_text(person.read_text(encoding="utf-8").replace("Ada Martin", "Ada Lovelace"), encoding="utf-8")
        assert wait_for(base + "projets/lung-scan/", "Ada Lovelace", 60), "the person's new name never showed"
        assert "Ada Lovelace" in page_text(base + "equipe/")
