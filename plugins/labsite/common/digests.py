"""The sha256 of a file, read and hashed once while its (inode, size, modification and change
times) stay the same: once a process, and across builds through ``.cache/digests.json``. An
image is checked, measured, and named by its digest (its renditions, its share cards) in
several steps of a build: the 250 covers of the benchmark's corpus were read and hashed five
times a build (0.7 GB), then once a build (0.14 GB, a tenth of a second), now when they change.

The change time (ctime) is set by the kernel on every write and can't be set back, and a
checkout elsewhere (a CI cache restored) has other inodes: a recorded digest is only trusted
for the very file it was made of, unchanged. A file changed less than ``RACY_NS`` before it was
read is hashed again next time: a second write within the time stamps' resolution (a few
milliseconds on some kernels) would leave its stamp as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

from labsite.common import records

RECORD = ".cache/digests.json"
RACY_NS = records.RACY_NS
_HEX = re.compile(r"[0-9a-f]{64}")
_KNOWN: dict[str, tuple[tuple[int, ...], str]] = {}
_USED: set[str] = set()  # the files asked for since the last recall: those recorded next


def sha256(path: str | os.PathLike[str]) -> str:
    """The file's sha256, in hex; raises OSError if it can't be read."""
    name = os.fspath(path)
    found = os.stat(name)
    stamp = (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
    _USED.add(name)
    known = _KNOWN.get(name)
    if known is not None and known[0] == stamp:
        return known[1]
    with open(name, "rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    if time.time_ns() - found.st_ctime_ns >= RACY_NS:
        _KNOWN[name] = (stamp, digest)
    return digest


def recall(root: Path) -> None:
    """Know the digests the last build under ``root`` recorded (each trusted while its file's
    stamp is the one recorded)."""
    _USED.clear()
    for relative, (*stamp, digest) in records.read(root / RECORD, _sound).items():
        _KNOWN.setdefault(os.path.join(root, relative), (tuple(stamp), digest))


def _sound(entry: object) -> bool:
    """An entry of the record: inode, size, modification and change times, sha256."""
    if not isinstance(entry, list) or len(entry) != 5:
        return False
    *stamp, digest = entry
    return all(type(part) is int for part in stamp) and isinstance(digest, str) and bool(_HEX.fullmatch(digest))


def remember(root: Path) -> None:
    """Record the digests of the files under ``root`` asked for since ``recall``."""
    prefix = os.path.join(root, "")
    found = {
        name[len(prefix) :]: [*_KNOWN[name][0], _KNOWN[name][1]]
        for name in _USED
        if name.startswith(prefix) and name in _KNOWN
    }
    records.write(root / RECORD, found)
