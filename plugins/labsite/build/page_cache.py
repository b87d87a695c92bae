"""Pages kept between builds: a page's rendered HTML (with what the feeds and the search index
take from it) under the digest of everything that shapes it (labsite.build.page_keys), in
``.cache/pages/<lang>/``. The language's 404 page and its search index are kept the same way
(labsite.build.site), each under a key of its own.

An entry is the page as published, ``<key>.html`` (a hard link to the file the renderer wrote,
written whole and renamed into place; a later build's site gets one to it), and a record in a
pack, ``<time>-<pid>.pack``, that one build appends its records to: a header line (the key,
the sha256 of the HTML and of the rest, the rest's size) then what the feeds and the search
index take. A file a record cost as much as writing the page on this project's machine (a new
inode each); a build's records go into one. A record is written after its page, whole records
only count, and two builds sharing the folder write packs of their own. A record that is
truncated, altered, or whose HTML is missing or altered, is ignored and the page rendered
again. The HTML is hashed once: later builds trust it while its (inode, size, modification
time) are those recorded (labsite.outputs.cache). Each build removes the pages it did not use,
the packs none of whose records it used, and moves the records it used into its own pack from
a pack that holds more than a quarter as much unused, and from the smallest packs beyond eight:
the folder holds about one site's pages a language.
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
from typing import IO

from labsite.outputs import cache as cache_files
from labsite.outputs import search_index

MAGIC = b"labsite-page 4 "
HTML = ".html"
PACK = ".pack"
HEADER = 512  # bytes: more than a record's header line
VERIFIED = "verified.json"  # the stamps of the HTML files verified by the last build
STALE_TEMPORARY = 3600.0  # seconds: a temporary file this old was left by a build that was killed
UNUSED = 4  # a pack's used records move into the build's own when its unused bytes pass 1/UNUSED of them
PACKS = 8  # the most packs kept besides the build's own: the smallest move beyond


# The records this process read of each pack (its inode, where the reading stopped, the records
# by key): packs only grow, so a preview's next rebuild reads only what was added (parsing every
# record's header again was 0.02 s a rebuild and language on the benchmark's corpus).
_READ: dict[str, tuple[int, int, dict[str, _Record]]] = {}


@dataclass(frozen=True)
class Entry:
    html: Path  # the page's file, as published
    content: str  # its content's HTML (what the feeds carry), "" if none is needed
    search: str  # the search index's entries of the page, as the index holds them


@dataclass(frozen=True)
class _Record:
    pack: Path
    begin: int  # of the header line
    start: int  # of the rest, after it
    header: dict  # key, html (sha256), content (its length in the rest), sha256 and size of the rest


class PageCache:
    """One language's entries. ``used`` collects the keys this build read or wrote."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._records: dict[str, _Record] | None = None  # read at the first ``get``
        self._files: dict[Path, IO[bytes]] = {}
        self._pack: tuple[Path, IO[bytes]] | None = None  # this build's, opened at the first record
        self._shards: set[str] = set()  # folders made: a mkdir a page took a hundredth of a full build
        cache_files.recall(folder, VERIFIED)

    def _html(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{HTML}"

    def get(self, key: str) -> Entry | None:
        """The entry of ``key`` if there is a sound one."""
        if self._records is None:
            self._records = self._read()
        if (record := self._records.get(key)) is None:
            return None
        header = record.header
        try:
            rest = os.pread(self._files[record.pack].fileno(), header["size"], record.start)
            if hashlib.sha256(rest).hexdigest() != header["sha256"]:
                return None
            html = self._html(key)
            if not cache_files.trusted(html, digest=header["html"]):
                return None
            content_end = header["content"]
            entry = Entry(html, rest[:content_end].decode("utf-8"), rest[content_end:].decode("ascii"))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, OSError):
            return None
        if not search_index.is_entries(entry.search):
            return None
        self.used.add(key)
        return entry

    def _read(self) -> dict[str, _Record]:
        """The records of the folder's packs, the latest of a key's (packs named by time)."""
        records: dict[str, _Record] = {}
        try:
            packs = sorted(p for p in self.folder.iterdir() if p.name.endswith(PACK))
        except OSError:
            return records
        for pack in packs:
            if pack in self._files:
                continue
            try:
                file = self._files[pack] = pack.open("rb")
                stat = os.fstat(file.fileno())
            except OSError:
                continue
            # What this process read of the pack before, while it is the same file and no shorter.
            inode, position, known = _READ.get(str(pack), (None, 0, {}))
            if inode != stat.st_ino or position > stat.st_size:
                position, known = 0, {}
            known = dict(known)
            while position < stat.st_size:  # up to the first record unsound (a pack being written ends so)
                try:
                    line = os.pread(file.fileno(), HEADER, position)
                    end = line.index(b"\n")
                    if not line.startswith(MAGIC):
                        break
                    header = json.loads(line[len(MAGIC) : end])
                    start, key = position + end + 1, header["key"]
                    if not isinstance(key, str) or start + header["size"] > stat.st_size:
                        break
                except (OSError, ValueError, KeyError, TypeError):
                    break
                known[key] = _Record(pack, position, start, header)
                position = start + header["size"]
            _READ[str(pack)] = (stat.st_ino, position, known)
            records.update(known)
        for gone in _READ.keys() - {str(pack) for pack in packs}:
            del _READ[gone]
        return records

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
        self.used.add(key)
        html = self._html(key)
        temporary = html.with_name(f"{html.name}.{os.getpid()}.tmp")
        try:
            if key[:2] not in self._shards:
                html.parent.mkdir(parents=True, exist_ok=True)
                self._shards.add(key[:2])
            try:
                temporary.unlink(missing_ok=True)  # left by a killed build of this process id
                make_html(temporary)
                os.replace(temporary, html)
                temporary.unlink(missing_ok=True)  # there still if both were links to one file
            except OSError:
                temporary.unlink(missing_ok=True)
                raise
            cache_files.noted(html)
            rest = encoded + search.encode("ascii")
            header = {"key": key, "html": digest, "content": len(encoded), "sha256": hashlib.sha256(rest).hexdigest()}
            self._append(header, rest)
        except OSError:
            self._shards.discard(key[:2])  # its folder may be gone (a cache removed meanwhile)

    def _append(self, header: dict, rest: bytes) -> None:
        """A record into this build's pack, after its page: a header is never there without it
        (``header``'s size is the rest's, whatever it said)."""
        if self._pack is None:
            path = self.folder / f"{time.time_ns():020d}-{os.getpid()}{PACK}"
            self._pack = path, path.open("ab", buffering=0)  # a record a write: others read whole ones
        self._pack[1].write(MAGIC + json.dumps({**header, "size": len(rest)}).encode() + b"\n" + rest)

    def prune(self) -> int:
        """Remove the pages this build did not use (and temporary files left by a killed build),
        the packs it used nothing of, the others too once their records are moved into this
        build's pack if they hold much it did not use; record the stamps of the HTML files
        verified; returns how many files went."""
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
                    elif name.endswith(HTML) and name.removesuffix(HTML) in self.used:
                        continue
                    try:
                        os.unlink(entry.path)
                        removed += 1
                    except OSError:
                        pass
        removed += self._prune_packs()
        folder = str(self.folder)  # the pages' paths as strings: pathlib's were most of a pruning
        cache_files.remember(self.folder, VERIFIED, (f"{folder}/{key[:2]}/{key}{HTML}" for key in self.used))
        return removed

    def _size(self, pack: Path) -> int:
        return self._files[pack].seek(0, os.SEEK_END)

    def _prune_packs(self) -> int:
        own = self._pack[0] if self._pack is not None else None
        records = {**(self._records or {}), **self._read()}  # with the packs other builds wrote meanwhile
        used = {key: record for key, record in records.items() if key in self.used}
        others = {pack for pack in self._files if pack != own}
        live = {pack: 0 for pack in others}
        for record in used.values():
            if record.pack in live:
                live[record.pack] += record.start - record.begin + record.header["size"]
        # Gone: the packs used nothing of, and those holding more than 1/UNUSED as much unused
        # as used; and the smallest ones while there are too many (the large one stays: moving
        # it is copying a site's records).
        gone = {pack for pack, size in live.items() if not size or (self._size(pack) - size) * UNUSED > size}
        left = sorted((pack for pack in others if pack not in gone), key=lambda pack: live[pack])
        gone.update(left[: max(0, len(left) - PACKS)])
        try:
            for record in used.values():
                if record.pack in gone:
                    rest = os.pread(self._files[record.pack].fileno(), record.header["size"], record.start)
                    # Its digest as written: a record damaged since (not read by this build) stays unsound.
                    self._append(record.header, rest)
        except OSError:
            gone = {pack for pack in gone if not live[pack]}  # the records could not all move
        finally:
            for file in [*self._files.values(), *([self._pack[1]] if self._pack is not None else [])]:
                file.close()
        self._files.clear()
        self._records, self._pack = None, None
        removed = 0
        for pack in gone:
            try:
                pack.unlink()
                removed += 1
            except OSError:
                pass
        return removed
