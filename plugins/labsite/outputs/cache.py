"""Files kept between builds under .cache/ (share cards, image renditions): each is written
whole, with the sha256 of its content beside it, and used again only while it still matches.
A file committed or planted under a cache entry's name is made again, never published.

Hashing every entry is most of a rebuild's cost for them, so a build records the (inode, size,
modification time) of the entries it verified (``remember``) and the next one trusts an entry
that still has them (``recall``): a file rewritten, truncated or replaced has other ones.
Published files are hard links to the entries where the file system allows it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from labsite.common import records

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


def trusted(
    path: Path | str, looks_right: Callable[[bytes], bool] = lambda data: True, digest: str | None = None
) -> bool:
    """Whether an entry is a file this code wrote: a regular file (not a link) whose content
    hash is ``digest``, else the one recorded beside it, and that ``looks_right``."""
    try:
        entry = os.lstat(path)
        if not stat.S_ISREG(entry.st_mode) or (digest is None and os.path.islink(f"{path}{DIGEST_SUFFIX}")):
            return False
        stamp = (entry.st_ino, entry.st_size, entry.st_mtime_ns)
        if _VERIFIED.get(str(path)) == stamp:
            return True
        data = Path(path).read_bytes()
        recorded = digest.encode() if digest is not None else Path(f"{path}{DIGEST_SUFFIX}").read_bytes()
    except OSError:
        return False
    verified = looks_right(data) and hashlib.sha256(data).hexdigest().encode() == recorded
    if verified:
        _VERIFIED[str(path)] = stamp
    return verified


def noted(path: Path) -> None:
    """Trust a file this build has just written whole (by a rename): no need to hash it again."""
    try:
        entry = os.lstat(path)
    except OSError:
        return
    if stat.S_ISREG(entry.st_mode):
        _VERIFIED[str(path)] = (entry.st_ino, entry.st_size, entry.st_mtime_ns)


def recall(folder: Path, name: str) -> None:
    """Trust the entries of ``folder`` a build recorded in ``name`` while they are unchanged."""
    stamps = records.read(folder / name, lambda stamp: isinstance(stamp, list) and len(stamp) == 3)
    prefix = f"{folder}/"  # as remember wrote them: pathlib's joins were most of a recall
    for entry, stamp in stamps.items():
        _VERIFIED.setdefault(prefix + entry, stamp)


def remember(folder: Path, name: str, paths: Iterable[Path | str]) -> None:
    """Record in ``name`` the stamps of those of ``paths`` (entries of ``folder``) verified."""
    start = len(str(folder)) + 1  # the paths are folder's: their names inside it, without pathlib's cost
    records.write(folder / name, {name[start:]: _VERIFIED[name] for name in map(str, paths) if name in _VERIFIED})


def place(source: Path, target: Path) -> None:
    """Publish an entry at ``target``: a hard link to it, else a copy."""
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        place(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_anew(target: Path, data: bytes) -> None:
    """Write a file of a site as a new file: a preview's folder holds hard links to entries (a
    page there may become a redirect), and writing into one would change the entry and every
    site linked to it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.write_bytes(data)
