"""What checking the sources found in bodies that did not change since the last build: the
links of a body whose own checks (limits, HTML, headings...) passed, for the link checks,
which depend on the other pages, to run again. Kept in ``.cache/sources.json`` (JSON: nothing
in it can run) under the digest of the labsite package; an entry is found by its file's path,
the body's first line and the sha256 of its text, so an edited body is checked again whole. A
body with a problem is checked, and reported, every build. Each build keeps only the entries
it used.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from labsite.common import code, records

STORE = ".cache/sources.json"


class Store:
    """The entries of one build: those of the last build it found, and those it made."""

    def __init__(self, root: Path | None) -> None:
        self.path = root / STORE if root is not None else None
        self.version = code.package_digest().hex()
        self.found: dict[str, Any] = {}
        self.kept: dict[str, Any] = {}
        if self.path is None:
            return
        stamp = records.file_stamp(self.path)
        if _LAST is not None and _LAST[:3] == (str(self.path), stamp, self.version) and records.settled(stamp):
            self.found = dict(_LAST[3])
            return
        try:
            data = json.loads(self.path.read_bytes())
            if isinstance(data, dict) and data.get("version") == self.version and isinstance(data.get("entries"), dict):
                self.found = data["entries"]
        except (OSError, ValueError):
            pass  # no store, or a damaged one: every file is read
        self._remember(stamp, self.found)

    @staticmethod
    @lru_cache(maxsize=20_000)  # a preview's rebuild hashes the same bodies again (as bodies._own_problems)
    def key(kind: str, path: str, data: bytes | str) -> str:
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        return f"{kind}:{path}:{hashlib.sha256(raw).hexdigest()}"

    def get(self, key: str) -> Any | None:
        """What was kept under ``key`` (JSON data), None if nothing was."""
        if key in self.found:
            self.kept[key] = self.found[key]
        return self.kept.get(key)

    def put(self, key: str, value: Any) -> None:
        """Keep ``value``: JSON data."""
        self.kept[key] = value

    def save(self) -> None:
        if self.path is None or (self.kept == self.found and self.path.is_file()):
            return  # it holds these entries already (a preview's rebuild, a build with no change)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"version": self.version, "entries": self.kept}), encoding="utf-8")
            os.replace(temporary, self.path)
            self._remember(records.file_stamp(self.path), self.kept)
        except OSError:
            temporary.unlink(missing_ok=True)

    def _remember(self, stamp: tuple[int, int, int] | None, entries: dict[str, Any]) -> None:
        global _LAST
        assert self.path is not None
        _LAST = (str(self.path), stamp, self.version, dict(entries)) if stamp is not None else None


# The store as this process last read or wrote it (path, its file's stamp, version, entries): a
# preview's rebuild does not parse it again while its file keeps that stamp (1.7 MB on the
# benchmark's corpus: 0.02 s a rebuild).
_LAST: tuple[str, tuple[int, int, int] | None, str, dict[str, Any]] | None = None


current = Store(None)  # the build's, opened by labsite.sources.load.read
