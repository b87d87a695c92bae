"""A file's sha256 is read once a process while the file stays as it was."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from unittest import mock

from labsite.common import digests


def test_a_file_is_hashed_once_until_it_changes(tmp_path: Path) -> None:
    image = tmp_path / "cover.jpg"
    image.write_bytes(b"\xff\xd8first")
    real_open = open
    opened: list[str] = []

    def counting_open(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(name))
        return real_open(name, *args, **kwargs)

    with mock.patch("builtins.open", counting_open):
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
    real_open = open
    opened: list[str] = []

    def counting_open(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(name))
        return real_open(name, *args, **kwargs)

    with mock.patch("builtins.open", counting_open):
        assert digests.sha256(cover) == hashlib.sha256(b"\xff\xd8cover").hexdigest()
        assert opened == []
    digests.remember(tmp_path)  # the file not asked for this time is not recorded again
    assert list(json.loads((tmp_path / digests.RECORD).read_text())) == ["projects/p/cover.jpg"]

    digests._KNOWN.clear()
    stat = cover.stat()
    cover.write_bytes(b"\xff\xd8COVER")  # same size; its modification time put back
    os.utime(cover, ns=(stat.st_atime_ns, stat.st_mtime_ns))
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
