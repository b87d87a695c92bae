"""A build killed at any step, the swap included, leaves ``site/`` either the old or the new
complete site; the next build clears what the killed one left (staging folders) and no
language pass outlives the build that started it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from labsite.build import publish
from tests.conftest import FIXTURE_EPOCH, build, tree_digest, write_site

# Run in a process of its own: patch one step of the build to kill the process (SIGKILL, as
# a runner's time-out or an out-of-memory kill would), then build as `labsite build` does.
KILLER = """
import os, signal, sys
from labsite.outputs import cards
from labsite.build import publish
from labsite.commands.cli import main

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

step = sys.argv[1]
if step == "while the English pass runs":
    cards.ensure = die
elif step == "before the swap":
    publish.swap_in = die
elif step == "right after the exchange":
    exchange = publish._exchange
    publish._exchange = lambda a, b: exchange(a, b) and die()
elif step == "between the two renames of the fallback":
    publish._exchange = lambda a, b: False
    rename = os.rename
    def rename_then_die(src, dst):
        rename(src, dst)
        if str(dst).endswith("/site") and ".old-" in str(dst):
            die()
    publish.os.rename = rename_then_die
sys.exit(main(["build"]))
"""
STEPS = [
    "while the English pass runs",
    "before the swap",
    "right after the exchange",
    "between the two renames of the fallback",
]
CHANGE = ("content/about.fr.md", "ornithorynque", "échidné")


@pytest.fixture(scope="module")
def digests(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """The old site's and the new site's files, each built whole once."""
    old = build(write_site(tmp_path_factory.mktemp("old")))
    new_root = tmp_path_factory.mktemp("new")
    write_site(new_root)
    _edit(new_root)
    return tree_digest(old), tree_digest(build(new_root / "mkdocs.yml"))


def _edit(root: Path) -> None:
    path, old, new = CHANGE
    (root / path).write_text((root / path).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _passes_of(root: Path) -> list[int]:
    """Language passes still running for this site: processes forked by the build, in its folder."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if Path(os.readlink(entry / "cwd")) == root and b"-c" in (entry / "cmdline").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the one-call swap and the pass's end are Linux's")
@pytest.mark.parametrize("step", STEPS)
def test_a_killed_build_leaves_a_whole_site_and_the_next_clears_up(
    tmp_path: Path, digests: tuple[dict[str, str], dict[str, str]], step: str
) -> None:
    old, new = digests
    config = write_site(tmp_path)
    build(config)
    _edit(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXTURE_EPOCH}
    killed = subprocess.run([sys.executable, "-c", KILLER, step], cwd=tmp_path, env=env, capture_output=True)
    assert killed.returncode == -9, killed.stderr.decode()[-2000:]
    if "fallback" in step:  # two renames: the one window, which the next build closes
        assert not (tmp_path / "site").exists()
        publish.clear_leftovers(tmp_path / "site")
    assert tree_digest(tmp_path / "site") in (old, new)
    deadline = time.monotonic() + 10
    while _passes_of(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _passes_of(tmp_path) == [], "a language pass outlived its build"

    assert tree_digest(build(config)) == new
    deadline = time.monotonic() + 10  # the old site's files are removed in the background
    while (left := [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left == []
    # Its folders are kept for the next build to stage in: not one file among them.
    assert [p for p in (tmp_path / ".cache/site-folders").rglob("*") if not p.is_dir()] == []


def test_a_running_builds_staging_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "site"
    mine = publish.staging_dir(target)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = tmp_path / f".site.staging-{sleeper.pid}-abcdefgh"
        theirs.mkdir()
        dead = tmp_path / ".site.en-999999999-abc_1234"
        dead.mkdir()
        others = [tmp_path / name for name in (".site.backup-2024-06-01", ".site.x-99999999999-y", "site.old")]
        for folder in others:
            folder.mkdir()
        assert publish.clear_leftovers(target) == [dead]
        assert all(folder.is_dir() for folder in others)
        assert mine.is_dir() and theirs.is_dir()
    finally:
        sleeper.kill()
        shutil.rmtree(mine)
