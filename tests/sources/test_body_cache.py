"""Bodies whose own checks passed are not checked again while unchanged; their links are, and
a body with a problem is reported every build."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from labsite.build.catalog import make_catalog
from labsite.common import records
from labsite.sources import body_cache
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


def test_the_store_is_parsed_again_only_when_its_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview's rebuilds parse the store once while its file keeps its stamp and that stamp
    is old enough; a store another process wrote (another inode) is parsed again."""
    write_site(tmp_path)
    make_catalog(tmp_path, TODAY)
    store = tmp_path / STORE
    parsed: list[int] = []
    loads = json.loads
    monkeypatch.setattr(body_cache.json, "loads", lambda data: parsed.append(1) or loads(data))
    monkeypatch.setattr(records, "RACY_NS", 0)  # its stamp trusted at once
    first = body_cache.Store(tmp_path)
    again = body_cache.Store(tmp_path)
    assert len(parsed) == 0 and again.found == first.found and again.found is not first.found
    elsewhere = tmp_path / "copy.json"
    shutil.copy(store, elsewhere)
    elsewhere.replace(store)  # the same bytes written anew by another process: another file
    assert body_cache.Store(tmp_path).found == first.found and len(parsed) == 1
    monkeypatch.setattr(records, "RACY_NS", 10**18)  # changed too recently for its stamp to tell
    body_cache.Store(tmp_path)
    assert len(parsed) == 2
