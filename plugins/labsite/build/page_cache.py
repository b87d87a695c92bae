"""Pages kept between builds: a page's rendered HTML (with what the feeds and the search index
take from it) under the digest of everything that shapes it (labsite.build.page_keys), in
``.cache/pages/<lang>/``. The language's 404 page and its search index are kept the same way
(labsite.build.site), each under a key of its own.

An entry is two files, each written whole and renamed into place, so two builds sharing the
folder never see half an entry: ``<key>.html``, the page as published (a hard link to the file
the renderer wrote; a later build's site gets one to it), and ``<key>``, a header line (its
key, the sha256 of the HTML and of the rest) then what the feeds and the search index take.
One that is missing, truncated, altered or filed under another key's name is ignored and the
page rendered again. The HTML is hashed once: later builds trust it while its (inode, size,
modification time) are those recorded (labsite.outputs.cache). Each build removes the entries
it did not use: the folder holds about one site's pages a language.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from labsite.outputs import cache as cache_files
from labsite.outputs import search_index

MAGIC = b"labsite-page 3 "
HTML = ".html"
VERIFIED = "verified.json"  # the stamps of the HTML files verified by the last build
STALE_TEMPORARY = 3600.0  # seconds: a temporary file this old was left by a build that was killed


@dataclass(frozen=True)
class Entry:
    html: Path  # the page's file, as published
    content: str  # its content's HTML (what the feeds carry), "" if none is needed
    search: str  # the search index's entries of the page, as the index holds them


class PageCache:
    """One language's entries. ``used`` collects the keys this build read or wrote."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        cache_files.recall(folder, VERIFIED)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Entry | None:
        """The entry of ``key`` if there is a sound one."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except (OSError, ValueError):
            return None
        header, _, rest = data.partition(b"\n")
        try:
            if not header.startswith(MAGIC):
                return None
            found = json.loads(header[len(MAGIC) :])
            if found["key"] != key or found["sha256"] != hashlib.sha256(rest).hexdigest():
                return None
            html = Path(f"{path}{HTML}")
            if not cache_files.trusted(html, digest=found["html"]):
                return None
            content_end = found["content"]
            entry = Entry(html, rest[:content_end].decode("utf-8"), rest[content_end:].decode("ascii"))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, OSError):
            return None
        if not search_index.is_entries(entry.search):
            return None
        self.used.add(key)
        return entry

    def put(self, key: str, html: bytes, content: str, search: str) -> None:
        """Keep a page (``search``: its entries, as ``search_index.entries`` writes them); a
        failure to write (a full disk, a folder removed meanwhile) only costs a render next time."""
        self._keep(key, hashlib.sha256(html).hexdigest(), content, search, lambda target: target.write_bytes(html))

    def adopt(self, key: str, written: Path, digest: str, content: str, search: str) -> None:
        """Keep a page the renderer has written at ``written`` from HTML of sha256 ``digest``:
        the entry's HTML is a hard link to that file (writing the bytes a second time cost as
        much as writing the page; reading them back, a tenth of it), else a copy of it."""

        def link(target: Path) -> None:
            if hashlib.sha256(written.read_bytes()).hexdigest() != digest:
                raise OSError(f"{written} is not the page rendered")
            try:
                os.link(written, target)
            except OSError:
                shutil.copyfile(written, target)

        self._keep(key, digest, content, search, link)

    def _keep(self, key: str, digest: str, content: str, search: str, make_html: Callable[[Path], object]) -> None:
        encoded = content.encode("utf-8")
        rest = encoded + search.encode("ascii")
        header = {"key": key, "html": digest, "content": len(encoded), "sha256": hashlib.sha256(rest).hexdigest()}
        path = self._path(key)
        self.used.add(key)
        html = Path(f"{path}{HTML}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The HTML first: a header is never there without its page.
            for target, make in (
                (html, make_html),
                (path, lambda target: target.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + rest)),
            ):
                temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
                try:
                    temporary.unlink(missing_ok=True)  # left by a killed build of this process id
                    make(temporary)
                    os.replace(temporary, target)
                    temporary.unlink(missing_ok=True)  # there still if both were links to one file
                except OSError:
                    temporary.unlink(missing_ok=True)
                    raise
            cache_files.noted(html)
        except OSError:
            pass

    def prune(self) -> int:
        """Remove the entries this build did not use (and temporary files left by a killed
        build); record the stamps of the HTML files verified; returns how many files went."""
        removed = 0
        try:
            shards = [entry for entry in os.scandir(self.folder) if entry.is_dir(follow_symlinks=False)]
        except OSError:
            return 0
        now = time.time()
        for shard in shards:
            with os.scandir(shard.path) as entries:
                for entry in entries:
                    name = entry.name
                    if name.endswith(".tmp"):
                        try:
                            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMPORARY:
                                continue  # another build is writing it
                        except OSError:
                            continue
                    elif name.removesuffix(HTML) in self.used:
                        continue
                    try:
                        os.unlink(entry.path)
                        removed += 1
                    except OSError:
                        pass
        pages = (Path(f"{self._path(key)}{HTML}") for key in self.used)
        cache_files.remember(self.folder, VERIFIED, pages)
        return removed
