"""The record of the cache entries verified: trusted by the next build while the entries keep
their stamps, and written only when it would change."""

from __future__ import annotations

import hashlib
from pathlib import Path

from labsite.common import records
from labsite.outputs import cache


def test_a_record_is_written_only_when_it_changes(tmp_path: Path) -> None:
    entries = [tmp_path / f"card-{n}.png" for n in range(3)]
    for entry in entries:
        cache.write(entry, entry.name.encode())
        assert cache.trusted(entry)
    record = tmp_path / "verified.json"
    cache.remember(tmp_path, "verified.json", entries)
    written = record.stat().st_mtime_ns, record.stat().st_ino

    cache._VERIFIED.clear()  # the next build
    records._LAST.clear()
    cache.recall(tmp_path, "verified.json")
    assert all(cache.trusted(entry, digest="not read: trusted by its stamp") for entry in entries)
    cache.remember(tmp_path, "verified.json", entries)
    assert (record.stat().st_mtime_ns, record.stat().st_ino) == written  # the same: not written again

    cache.remember(tmp_path, "verified.json", entries[:2])  # an entry no longer used
    assert '"card-2.png"' not in record.read_text()
    record.unlink()
    cache.remember(tmp_path, "verified.json", entries[:2])  # removed meanwhile: written again
    assert '"card-1.png"' in record.read_text()

    entries[0].write_bytes(b"rewritten")  # other stamps: verified again, and found altered
    cache._VERIFIED.clear()
    cache.recall(tmp_path, "verified.json")
    assert not cache.trusted(entries[0]) and cache.trusted(entries[1])
    assert cache.trusted(entries[1], digest=hashlib.sha256(b"other").hexdigest())  # by its stamp


def test_a_file_written_into_a_site_never_changes_an_entry_linked_there(tmp_path: Path) -> None:
    """A preview's page kept from the cache (a hard link to its entry) whose address becomes a
    redirect: the redirect is a new file, and the entry keeps its page."""
    entry = tmp_path / "cache" / "entry.html"
    entry.parent.mkdir()
    entry.write_bytes(b"<html>the page</html>")
    page = tmp_path / "site" / "actualites" / "old" / "index.html"
    page.parent.mkdir(parents=True)
    cache.place(entry, page)
    cache.write_anew(page, b"<html>a redirect</html>")
    cache.write_anew(tmp_path / "site" / "feeds" / "new.xml", b"<rss/>")  # its folder made
    assert page.read_bytes() == b"<html>a redirect</html>" and not page.samefile(entry)
    assert entry.read_bytes() == b"<html>the page</html>"
    assert (tmp_path / "site" / "feeds" / "new.xml").read_bytes() == b"<rss/>"
