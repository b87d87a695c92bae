"""A file's sha256 is read once a process while the file stays as it was."""

from __future__ import annotations

import hashlib
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
