from __future__ import annotations

from pathlib import Path

import pytest

from labsite.build import publish


def test_swap_replaces_the_site_whole(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    staging = publish.staging_dir(target)
    (staging / "new.html").write_text("new")
    publish.swap_in(staging, target)
    assert [p.name for p in target.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_into_a_missing_site(tmp_path: Path) -> None:
    target = tmp_path / "out" / "site"
    staging = publish.staging_dir(target)
    publish.swap_in(staging, target)
    assert target.is_dir()


def test_failed_swap_puts_the_old_site_back(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    with pytest.raises(OSError):
        publish.swap_in(tmp_path / "does-not-exist", target)
    assert (target / "old.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
