"""Files kept between builds under .cache/ (share cards, image renditions): each is written
whole, with the sha256 of its content beside it, and used again only while it still matches.
A file committed or planted under a cache entry's name is made again, never published."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

DIGEST_SUFFIX = ".sha256"

# Entries verified by this process, with the (inode, size, mtime) they had: a preview's
# rebuilds verify each file once, not once a rebuild.
_VERIFIED: dict[str, tuple[int, int, int]] = {}


def write(path: Path, data: bytes) -> None:
    """Write ``data`` and its digest, each by a rename: never a half-written entry."""
    for target, content in ((Path(f"{path}{DIGEST_SUFFIX}"), hashlib.sha256(data).hexdigest().encode()), (path, data)):
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)


def trusted(path: Path, looks_right: Callable[[bytes], bool] = lambda data: True) -> bool:
    """Whether an entry is a file this code wrote: a regular file (not a link) whose content
    hash is the one recorded beside it, and that ``looks_right``."""
    try:
        entry = os.lstat(path)
        if not stat.S_ISREG(entry.st_mode) or os.path.islink(f"{path}{DIGEST_SUFFIX}"):
            return False
        stamp = (entry.st_ino, entry.st_size, entry.st_mtime_ns)
        if _VERIFIED.get(str(path)) == stamp:
            return True
        data = path.read_bytes()
        recorded = Path(f"{path}{DIGEST_SUFFIX}").read_bytes()
    except OSError:
        return False
    verified = looks_right(data) and hashlib.sha256(data).hexdigest().encode() == recorded
    if verified:
        _VERIFIED[str(path)] = stamp
    return verified
