"""Bodies whose own checks passed are not checked again while unchanged; their links are, and
a body with a problem is reported every build."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from labsite.build.catalog import make_catalog
from labsite.sources.body_cache import STORE
from tests.conftest import FIXTURE_FILES, write_site

TODAY = dt.date(2026, 11, 29)


def _errors(root: Path) -> list[str]:
    return sorted(f"{d.path}:{d.line}:{d.column} {d.message}" for d in make_catalog(root, TODAY).errors)


def test_unchanged_bodies_keep_their_checks_and_their_links_are_checked_again(tmp_path: Path) -> None:
    bad = "Texte <script>alert(1)</script>."
    write_site(
        tmp_path,
        {
            **FIXTURE_FILES,
            "news/first-news/index.fr.md": FIXTURE_FILES["news/first-news/index.fr.md"].replace("Texte.", bad),
        },
    )  # type: ignore[union-attr]
    first = _errors(tmp_path)
    assert (tmp_path / STORE).is_file() and any("script" in e for e in first)
    assert _errors(tmp_path) == first  # the body with a problem: reported again
    # The award's body links to the project: unchanged, its link is still checked.
    shutil.rmtree(tmp_path / "projects/heart-ai")
    assert any(e.startswith("news/award/index.fr.md:") and "heart-ai" in e for e in _errors(tmp_path))


def test_a_damaged_store_is_ignored(tmp_path: Path) -> None:
    write_site(tmp_path)
    clean = make_catalog(tmp_path, TODAY)
    for damage in (b"", b"{not json", b'{"version": "x", "entries": {}}', b"[1, 2]"):
        (tmp_path / STORE).write_bytes(damage)
        again = make_catalog(tmp_path, TODAY)
        assert again.diagnostics == clean.diagnostics and [p.path for p in again.pages] == [p.path for p in clean.pages]
    # Entries of the right version but not the right shape: checked again as if absent.
    make_catalog(tmp_path, TODAY)  # a sound store again
    text = (tmp_path / STORE).read_text()
    assert '[["' in text
    (tmp_path / STORE).write_text(text.replace('[["', '[[1, "'))
    assert make_catalog(tmp_path, TODAY).diagnostics == clean.diagnostics


def test_the_store_is_written_only_when_its_entries_change(tmp_path: Path) -> None:
    write_site(tmp_path)
    make_catalog(tmp_path, TODAY)
    store = tmp_path / STORE

    def stamp() -> tuple[int, int]:
        return store.stat().st_ino, store.stat().st_mtime_ns

    written = stamp()
    make_catalog(tmp_path, TODAY)
    assert stamp() == written  # nothing changed: not written again
    body = tmp_path / "news/first-news/index.fr.md"
    body.write_text(body.read_text(encoding="utf-8").replace("Texte.", "Texte revu."), encoding="utf-8")
    make_catalog(tmp_path, TODAY)
    assert stamp() != written and "first-news/index.fr.md" in store.read_text()
    store.unlink()
    make_catalog(tmp_path, TODAY)
    assert store.is_file()  # removed meanwhile: written again
