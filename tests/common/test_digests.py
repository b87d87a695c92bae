"""A file's sha256 is read once while the file stays as it was: once a process, and once for
the builds that follow (.cache/digests.json)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest

from labsite.common import digests


@pytest.fixture(autouse=True)
def _not_racy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The files here are all just written: trusted at once (see the racy test)."""
    monkeypatch.setattr(digests, "RACY_NS", 0)


def _rewrite(path: Path, data: bytes) -> None:
    """Write ``data`` over ``path`` in place, its modification time put back: only its change
    time moves (written again until it does, on a kernel whose time stamps are coarse)."""
    stat = path.stat()
    for _ in range(100):
        path.write_bytes(data)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        if path.stat().st_ctime_ns != stat.st_ctime_ns:
            return
        time.sleep(0.01)
    raise AssertionError("the change time never moved")


@contextmanager
def _counting_opens(opened: list[str]) -> Iterator[None]:
    """Every file opened meanwhile, in ``opened``."""
    real_open = open

    def counting_open(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(name))
        return real_open(name, *args, **kwargs)

    with mock.patch("builtins.open", counting_open):
        yield


def test_a_file_is_hashed_once_until_it_changes(tmp_path: Path) -> None:
    image = tmp_path / "cover.jpg"
    image.write_bytes(b"\xff\xd8first")
    opened: list[str] = []
    with _counting_opens(opened):
        first = digests.sha256(image)
        assert digests.sha256(str(image)) == first == hashlib.sha256(b"\xff\xd8first").hexdigest()
        assert opened == [str(image)]
        image.write_bytes(b"\xff\xd8second, longer")  # another size, another modification time
        assert digests.sha256(image) == hashlib.sha256(b"\xff\xd8second, longer").hexdigest()
        assert len(opened) == 2
        replaced = tmp_path / "new.jpg"
        replaced.write_bytes(b"\xff\xd8third, longer!")
        stat = image.stat()
        os.utime(replaced, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        os.replace(replaced, image)  # same size and time, another file (inode)
        assert digests.sha256(image) == hashlib.sha256(b"\xff\xd8third, longer!").hexdigest()


def test_a_build_trusts_the_digests_recorded_by_the_last_one_only_for_the_same_files(tmp_path: Path) -> None:
    cover, gone = tmp_path / "projects/p/cover.jpg", tmp_path / "projects/q/cover.jpg"
    cover.parent.mkdir(parents=True)
    gone.parent.mkdir(parents=True)
    cover.write_bytes(b"\xff\xd8cover")
    gone.write_bytes(b"\xff\xd8gone")
    digests.recall(tmp_path)
    digests.sha256(cover), digests.sha256(gone)
    digests.remember(tmp_path)
    digests._KNOWN.clear()  # a new process

    digests.recall(tmp_path)
    opened: list[str] = []
    with _counting_opens(opened):
        assert digests.sha256(cover) == hashlib.sha256(b"\xff\xd8cover").hexdigest()
        assert opened == []
    digests.remember(tmp_path)  # the file not asked for this time is not recorded again
    assert list(json.loads((tmp_path / digests.RECORD).read_text())) == ["projects/p/cover.jpg"]

    digests._KNOWN.clear()
    _rewrite(cover, b"\xff\xd8COVER")  # same size, same modification time
    digests.recall(tmp_path)
    assert digests.sha256(cover) == hashlib.sha256(b"\xff\xd8COVER").hexdigest()  # its change time moved


def test_a_damaged_or_forged_record_is_ignored(tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"outside")
    site = tmp_path / "site"
    (site / ".cache").mkdir(parents=True)
    stat = outside.stat()
    stamp = [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
    forged = {"../outside.jpg": [*stamp, "0" * 64], str(outside): [*stamp, "0" * 64], "x.jpg": [1, 2, "3", 4, "0" * 64]}
    for record in ("not json", json.dumps([1, 2]), json.dumps(forged)):
        digests._KNOWN.clear()
        (site / digests.RECORD).write_text(record, encoding="utf-8")
        digests.recall(site)
        assert digests._KNOWN == {}
        assert digests.sha256(outside) == hashlib.sha256(b"outside").hexdigest()


def test_a_file_changed_a_moment_ago_is_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written again within its time stamps' resolution, it would keep its stamp: a file changed
    less than two seconds before it was read is not trusted by its stamp, nor recorded."""
    monkeypatch.setattr(digests, "RACY_NS", 2_000_000_000)
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(b"\xff\xd8fresh")
    digests.recall(tmp_path)
    assert digests.sha256(cover) == hashlib.sha256(b"\xff\xd8fresh").hexdigest()
    cover.write_bytes(b"\xff\xd8FRESH")  # same size, maybe the same time stamps
    assert digests.sha256(cover) == hashlib.sha256(b"\xff\xd8FRESH").hexdigest()
    digests.remember(tmp_path)
    assert json.loads((tmp_path / digests.RECORD).read_text()) == {}


def test_a_record_that_would_not_change_is_not_written_again(tmp_path: Path) -> None:
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(b"\xff\xd8cover")
    digests.recall(tmp_path)
    digests.sha256(cover)
    digests.remember(tmp_path)
    record = tmp_path / digests.RECORD
    written = record.stat().st_ino, record.stat().st_mtime_ns
    digests._KNOWN.clear()
    digests.recall(tmp_path)
    digests.sha256(cover)
    digests.remember(tmp_path)
    assert (record.stat().st_ino, record.stat().st_mtime_ns) == written
    record.unlink()
    digests.remember(tmp_path)
    assert "cover.jpg" in record.read_text()
