from __future__ import annotations

import time
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


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() + ("/" if p.is_dir() else "") for p in folder.rglob("*"))


def _old_site(target: Path) -> None:
    for page in ("index.html", "projets/a/index.html", "projets/b/index.html", "en/projects/a/index.html"):
        (target / page).parent.mkdir(parents=True, exist_ok=True)
        (target / page).write_text(page)
    (target / "projets/link").symlink_to(target / "projets/a")  # a link to a folder is not a folder kept


def _wait_for(folders: Path) -> None:
    """The detached process's work: done once the folders are in place."""
    deadline = time.monotonic() + 30
    while not folders.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_old_sites_folders_are_kept_without_its_files(tmp_path: Path) -> None:
    """After the swap, a detached process deletes the old site's files and keeps its folders for
    the next build, which stages in them; a second set of folders is not kept."""
    target, folders = tmp_path / "site", tmp_path / ".cache/site-folders"
    _old_site(target)
    staging = publish.staging_dir(target)
    (staging / "new.html").write_text("new")
    publish.swap_in(staging, target, background=True, folders=folders)
    _wait_for(folders)
    assert _tree(folders) == ["en/", "en/projects/", "en/projects/a/", "projets/", "projets/a/", "projets/b/"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "site"]
    assert _tree(target) == ["new.html"]
    again = tmp_path / "again"
    _old_site(again)
    publish.keep_folders(again, folders)  # folders there already: this old site goes whole
    assert not again.exists() and _tree(folders)[0] == "en/"
    staging = publish.staging_dir(target)
    assert publish.reuse_folders(folders, staging) and not folders.exists()
    assert _tree(staging)[-1] == "projets/b/"
    assert not publish.reuse_folders(folders, publish.staging_dir(target))  # taken: a new build makes its own


def test_a_site_with_none_before_it_leaves_a_copy_of_its_folders(tmp_path: Path) -> None:
    """A first build (a CI run's fresh checkout) has no old site whose folders it could keep:
    its detached process copies the new site's, which the next build (or CI run) stages in."""
    target, folders = tmp_path / "site", tmp_path / ".cache/site-folders"
    staging = publish.staging_dir(target)
    _old_site(staging)
    publish.swap_in(staging, target, background=True, folders=folders)
    _wait_for(folders)
    assert _tree(folders) == ["en/", "en/projects/", "en/projects/a/", "projets/", "projets/a/", "projets/b/"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "site"]
    assert (target / "projets/b/index.html").read_text() == "projets/b/index.html"  # the site itself untouched
    assert (target / "projets/link").is_symlink()
    publish.copy_folders(target, publish.staging_dir(target, "folders"), folders)  # folders there: not kept
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "site"]


def test_folders_holding_a_file_are_not_used(tmp_path: Path) -> None:
    """The folders are in .cache/, which a CI run restores: a file or a link there (not the
    build's) would be published with the site. Such folders are emptied and not used."""
    for stray in ("file", "link"):
        folders = tmp_path / stray / ".cache/site-folders"
        (folders / "projets/a").mkdir(parents=True)
        if stray == "file":
            (folders / "projets/a/index.html").write_text("<script>alert(1)</script>")
        else:
            (folders / "projets/a/index.html").symlink_to("/etc/hostname")
        staging = publish.staging_dir(tmp_path / stray / "site")
        assert not publish.reuse_folders(folders, staging)
        assert list(staging.iterdir()) == [] and not folders.exists()


def test_folders_left_empty_are_removed(tmp_path: Path) -> None:
    for folder in ("projets/a", "projets/b/figures", "actualites/c"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "projets/b/index.html").write_text("b")
    (tmp_path / "index.html").write_text("home")
    publish.prune_empty(tmp_path)
    assert _tree(tmp_path) == ["index.html", "projets/", "projets/b/", "projets/b/index.html"]
