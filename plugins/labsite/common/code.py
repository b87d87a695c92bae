"""The digest of the labsite package's own files: what a cache made by this code is keyed by
(its code changes without its version changing)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parents[1]


def files(folder: Path) -> Iterable[Path]:
    """The files under ``folder``, in a stable order (compiled files and hidden folders left out)."""
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(names):
            if not name.endswith((".pyc", ".tmp")):
                yield Path(base, name)


@cache
def package_digest() -> bytes:
    digest = hashlib.blake2b(digest_size=32)
    for path in files(PACKAGE):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()
