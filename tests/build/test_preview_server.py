"""The preview's web server: a page asked for during a rebuild is answered once it is done."""

from __future__ import annotations

import gc
import logging
import threading
import time
import urllib.request
import weakref
from collections.abc import Callable
from pathlib import Path

from labsite.build.preview_server import PreviewServer
from labsite.common import heap


def _edit_until_seen(source: Path, seen: Callable[[float], bool]) -> bool:
    """Write ``source`` until ``seen`` (given seconds to wait) says a rebuild started: the watch
    starts with the server's thread."""
    for attempt in range(50):
        source.write_text(f"edit {attempt}", encoding="utf-8")
        if seen(0.2):
            return True
    return False


def test_a_page_asked_for_during_a_rebuild_is_the_rebuilt_one(tmp_path: Path) -> None:
    site, sources = tmp_path / "site", tmp_path / "sources"
    (site / "about").mkdir(parents=True)
    sources.mkdir()
    page = site / "about/index.html"
    page.write_text("<body>before</body>", encoding="utf-8")
    removed, finish = threading.Event(), threading.Event()

    def rebuild() -> None:
        page.unlink()  # as a rebuild does with a page it renders again
        removed.set()
        finish.wait(10)
        page.write_text("<body>after</body>", encoding="utf-8")

    server = PreviewServer(site, "127.0.0.1", 0)
    server.watch(str(sources))
    serving = threading.Thread(target=server.serve, args=(rebuild, logging.getLogger("test")), daemon=True)
    serving.start()
    try:
        assert _edit_until_seen(sources / "about.md", removed.wait), "the edit started no rebuild"
        answers: list[bytes] = []
        asking = threading.Thread(target=lambda: answers.append(urllib.request.urlopen(server.url + "about/").read()))
        asking.start()
        asking.join(0.5)
        assert asking.is_alive() and not answers, "the page was answered while it was missing"
        finish.set()
        asking.join(10)
        assert answers and answers[0].startswith(b"<body>after<script")
    finally:
        finish.set()
        server.stop()
        serving.join(10)


def test_only_a_written_source_starts_a_rebuild(tmp_path: Path) -> None:
    """Every rebuild reads the sources: reading one must not start another rebuild, and a file
    written, created, moved or deleted must, and so must a folder moved out (put in the bin)."""
    site, sources = tmp_path / "site", tmp_path / "sources"
    site.mkdir()
    (sources / "item").mkdir(parents=True)
    source = sources / "item/index.md"
    source.write_text("text", encoding="utf-8")
    rebuilt = threading.Semaphore(0)
    server = PreviewServer(site, "127.0.0.1", 0)
    server.watch(str(sources))
    serving = threading.Thread(target=server.serve, args=(rebuilt.release, logging.getLogger("test")), daemon=True)
    serving.start()
    try:
        assert _edit_until_seen(sources / "probe.md", lambda seconds: rebuilt.acquire(timeout=seconds)), (
            "no write was seen"
        )
        while rebuilt.acquire(timeout=0.5):  # the probe's other writes
            pass
        for _ in range(20):
            source.read_text(encoding="utf-8")
            list(sources.rglob("*"))
        assert not rebuilt.acquire(timeout=0.5), "reading the sources started a rebuild"
        for change in (
            lambda: source.write_text("edited", encoding="utf-8"),
            lambda: (sources / "item/new.md").write_text("new", encoding="utf-8"),
            lambda: source.rename(sources / "item/moved.md"),
            lambda: (sources / "item/moved.md").unlink(),
            lambda: (sources / "item").rename(tmp_path / "bin"),
        ):
            change()
            assert rebuilt.acquire(timeout=5), "a change started no rebuild"
            while rebuilt.acquire(timeout=0.3):
                pass
    finally:
        server.stop()
        serving.join(10)


class _Node:
    """An object in a garbage cycle, as a rebuild's renderer leaves many."""

    def __init__(self) -> None:
        self.me = self


def test_a_rebuilds_garbage_is_collected_once_the_preview_is_quiet(tmp_path: Path) -> None:
    """A rebuild's garbage cycles, frozen with the next catalog (labsite.common.heap), were never
    collected: the preview grew by 40 MB a rebuild. Quiet after a rebuild, it collects them."""
    site, sources = tmp_path / "site", tmp_path / "sources"
    site.mkdir()
    sources.mkdir()
    left: list[weakref.ref[_Node]] = []
    rebuilt = threading.Semaphore(0)

    def rebuild() -> None:
        left.append(weakref.ref(_Node()))  # garbage, once made
        with heap.lasting():  # the next catalog, as each rebuild makes one: freezes what is there
            pass
        rebuilt.release()

    server = PreviewServer(site, "127.0.0.1", 0)
    server.watch(str(sources))
    serving = threading.Thread(target=server.serve, args=(rebuild, logging.getLogger("test")), daemon=True)
    serving.start()
    try:
        assert _edit_until_seen(sources / "about.md", lambda seconds: rebuilt.acquire(timeout=seconds)), (
            "the edit started no rebuild"
        )
        deadline = time.monotonic() + 10
        while any(ref() is not None for ref in left):
            assert time.monotonic() < deadline, "a rebuild's garbage was never collected"
            time.sleep(0.05)
    finally:
        server.stop()
        serving.join(10)
        gc.unfreeze()  # the next tests' objects are collected as usual
