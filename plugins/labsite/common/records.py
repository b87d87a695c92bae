"""Records kept in ``.cache/`` from one build to the next: a JSON object of entries, each named by
a path inside the record's folder (the stamps of the cache entries verified, the digests of the
sources hashed). ``.cache`` may come from elsewhere (a CI cache): a name that leaves the folder,
or a value of the wrong shape, is left out. A record is written whole, by a rename, and not at
all when it would hold what it holds already (a no-change rebuild's 14,000 stamps).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

RACY_NS = 2_000_000_000  # a file changed this recently may change again and keep its stamp
_LAST: dict[str, dict[str, Any]] = {}  # each record as this process last read or wrote it
# The stamp (inode, size, modification time) of each record's file when this process last read
# or wrote it: a preview's rebuild finds its records as it left them and parses none again,
# unless one changed too recently for its stamp to tell a later change.
_STAMPS: dict[str, tuple[int, int, int] | None] = {}


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def read(path: Path, valid: Callable[[Any], bool]) -> dict[str, Any]:
    """The entries of the record at ``path`` whose value is ``valid`` (lists as tuples); none if
    there is no record or a damaged one."""
    found: dict[str, Any] = {}
    stamp = file_stamp(path)
    if stamp is not None and _STAMPS.get(str(path)) == stamp and settled(stamp):
        return dict(_LAST[str(path)])
    try:
        for name, value in json.loads(path.read_bytes()).items():
            if ".." not in name.split("/") and not name.startswith("/") and valid(value):
                found[name] = _frozen(value)
    except (OSError, ValueError, AttributeError, TypeError):
        found = {}
    _LAST[str(path)] = found
    _STAMPS[str(path)] = stamp
    return dict(found)


def write(path: Path, entries: Mapping[str, Any]) -> None:
    """Make the record at ``path`` hold ``entries``; a failure to write only costs time next build."""
    frozen = {name: _frozen(value) for name, value in entries.items()}
    if _LAST.get(str(path)) == frozen and path.is_file():
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(frozen, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
        _LAST[str(path)] = frozen
        _STAMPS[str(path)] = file_stamp(path)
    except OSError:
        temporary.unlink(missing_ok=True)


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """A file's (inode, size, modification time), None if there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def settled(stamp: tuple[int, int, int] | None) -> bool:
    """Whether a file of that stamp was last changed long enough ago for any later change to
    give it another stamp (``RACY_NS``)."""
    return stamp is not None and time.time_ns() - stamp[2] >= RACY_NS
