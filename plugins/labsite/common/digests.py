"""The sha256 of a file, read and hashed once a process while its (inode, size, modification
time) stay the same. An image is checked, measured, and named by its digest (its renditions,
its share cards) in several steps of a build: the 250 covers of the benchmark's corpus were
read and hashed five times a build, 0.7 GB."""

from __future__ import annotations

import hashlib
import os

_KNOWN: dict[str, tuple[tuple[int, int, int], str]] = {}


def sha256(path: str | os.PathLike[str]) -> str:
    """The file's sha256, in hex; raises OSError if it can't be read."""
    name = os.fspath(path)
    found = os.stat(name)
    stamp = (found.st_ino, found.st_size, found.st_mtime_ns)
    known = _KNOWN.get(name)
    if known is not None and known[0] == stamp:
        return known[1]
    with open(name, "rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    _KNOWN[name] = (stamp, digest)
    return digest
