"""``labsite import hal QUERY``: a lab's publications (a HAL collection) or a person's (an idHal)
from HAL, the French open archive, written into a BibTeX file of ``publications/``.

The file stays the contributors' own: an entry HAL returns again is found by its HAL id or its
DOI, and only the fields HAL gives are rewritten, so a field added by hand (keywords, a note, a
pdf) survives. Every other block (entries added by hand, comments, @string, @preamble) is kept
byte for byte: the file is spliced, not rewritten, so its diff shows only what HAL changed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, Field, ParsingFailedBlock

from labsite.commands.bibtex_write import DOI_PREFIX, MARKS, VERSION, Record, base_key, record, unique_key
from labsite.commands.hal_api import HalError, fetch_all, parse_query
from labsite.common.diagnostics import Diagnostic
from labsite.common.messages import Message, say, shown
from labsite.sources.bibtex import read_publications

FOLDER = "publications"
# The fixed fields are the import's own: when HAL changes a publication's type (a preprint
# published as an article), the one written for the old type is removed.
STALE_MARKS = frozenset(MARKS.values())
HAND_FIRST = frozenset({"note"})  # a person's own note wins over the import's "Preprint"


@dataclass
class Counts:
    found: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    elsewhere: int = 0  # already in another file of publications/: one entry per publication


@dataclass
class Existing:
    """The output file as it is: its text, what bibtexparser read of it, its line endings."""

    text: str = ""
    library: bibtexparser.Library = field(default_factory=bibtexparser.Library)
    newline: str = "\n"
    exists: bool = False


# The file as it is


@contextlib.contextmanager
def _quiet_parser() -> Iterator[None]:
    """bibtexparser logs each block it cannot read, in English: the command says it instead."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def parse(text: str) -> bibtexparser.Library:
    """Values as written (braces, quotes, @string names): compared, and written back, as they are."""
    with _quiet_parser():
        return bibtexparser.parse_string(text, parse_stack=[])


def _problem(block: ParsingFailedBlock) -> Message:
    if isinstance(block, DuplicateBlockKeyBlock):
        return say("hal.problem_key", key=block.key)
    if isinstance(block, DuplicateFieldKeyBlock):
        return say("hal.problem_field", key=block.ignore_error_block.key, field=", ".join(sorted(block.duplicate_keys)))
    return say("hal.problem_syntax")


def read_existing(path: Path, shown_path: str) -> Existing:
    """The output file, refused (and left alone) if it is not BibTeX bibtexparser reads whole."""
    if not path.exists():
        return Existing()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise HalError(say("hal.cannot_read", path=shown_path, reason=error.strerror or str(error))) from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise HalError(say("hal.encoding", path=shown_path, line=data[: error.start].count(b"\n") + 1)) from None
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    try:
        library = parse(text)
    except Exception:  # a bibtexparser bug on odd input: refuse as for any unreadable file
        raise HalError(say("hal.unreadable", path=shown_path, line=1, problem=say("hal.problem_syntax"))) from None
    if library.failed_blocks:
        block = min(library.failed_blocks, key=lambda b: b.start_line or 0)
        line = (block.start_line or 0) + 1  # bibtexparser counts lines from 0
        raise HalError(say("hal.unreadable", path=shown_path, line=line, problem=_problem(block)))
    return Existing(text, library, newline, exists=True)


def bare(value: str) -> str:
    """A value without the braces or quotes around it, spaces collapsed."""
    text = value.strip()
    if len(text) >= 2 and (text[0], text[-1]) in (("{", "}"), ('"', '"')):
        depth = 0
        for index, char in enumerate(text):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0 and index < len(text) - 1 and text[0] == "{":
                break  # {a} # {b}: two values, not one in braces
        else:
            text = text[1:-1]
    return " ".join(text.split())


def _hal_key(value: str) -> str:
    return VERSION.sub("", bare(value).lower())


def _doi_key(value: str) -> str:
    return DOI_PREFIX.sub("", re.sub(r"\\([_%&#])", r"\1", bare(value))).lower()


# Merging


def _updated(entry: Entry, record: Record) -> Entry | None:
    """The entry with HAL's fields put in, each in its place, the others kept; None if same."""
    ours = dict(record.fields)
    retyped = entry.entry_type.lower() != record.entry_type
    changed = retyped
    fields: list[Field] = []
    for old in entry.fields:
        name = old.key.lower()
        value = ours.pop(name, None)
        if value is None and retyped and (name, bare(old.value)) in STALE_MARKS:
            changed = True  # "Preprint" of what HAL now says is an article
        elif value is None or name in HAND_FIRST or bare(value) == bare(old.value):
            fields.append(old)
        else:
            fields.append(Field(old.key, value))
            changed = True
    fields += [Field(name, value) for name, value in ours.items()]
    if not changed and not ours:
        return None
    return Entry(record.entry_type if retyped else entry.entry_type, entry.key, fields)


def bibtex(entry: Entry) -> str:
    style = bibtexparser.BibtexFormat()
    style.indent = "  "
    style.trailing_comma = True  # a field added by hand below the last one leaves the line above alone
    return bibtexparser.write_string(bibtexparser.Library([entry]), unparse_stack=[], bibtex_format=style)


def _records(docs: list[dict[str, Any]]) -> list[Record]:
    """HAL's documents as entries, once each: a publication deposited twice comes once."""
    seen: set[str] = set()
    records = []
    for doc in docs:
        found = record(doc)
        if found is None:
            continue
        marks = {f"hal:{found.hal_id}"} | ({f"doi:{found.doi.lower()}"} if found.doi else set())
        if marks & seen:
            continue
        seen |= marks
        records.append(found)
    return records


def _splice(text: str, library: bibtexparser.Library, replaced: dict[int, str]) -> str:
    """The text with the replaced blocks rewritten and the rest as it was, byte for byte."""
    pieces, cursor = [], 0
    for block in library.blocks:  # each block's raw is the very slice of the text it was read from
        start = text.find(block.raw, cursor)
        end = start + len(block.raw)
        new = replaced.get(id(block))
        pieces.append(text[cursor:end] if new is None else text[cursor:start] + new.rstrip("\n"))
        cursor = end
    return "".join([*pieces, text[cursor:]])


def header(query_text: str) -> str:
    return (
        f"% Publications from HAL (https://hal.science), written by: labsite import hal {query_text}\n"
        "% Run it again to update them: entries and fields added by hand are kept.\n"
        f"% Publications issues de HAL, écrites par : labsite import hal {query_text}\n"
        "% Relancez la commande pour les mettre à jour : entrées et champs ajoutés à la main sont conservés.\n"
    )


def _marks(entries: list[Entry]) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """The entries by HAL id and by DOI (an entry with neither is one added by hand)."""
    by_hal = {_hal_key(f.value): e for e in entries for f in e.fields if f.key.lower() == "hal_id"}
    by_doi = {_doi_key(f.value): e for e in entries for f in e.fields if f.key.lower() == "doi"}
    return by_hal, by_doi


def merge(
    existing: Existing, docs: list[dict[str, Any]], query_text: str, others: list[Entry] | None = None
) -> tuple[str, Counts]:
    """The new text of the file: its entries HAL returned updated, HAL's new ones appended,
    newest first, and everything else as it was. A publication already in ``others`` (the
    other files of publications/) is left there: the build refuses one DOI twice."""
    entries = existing.library.entries
    by_hal, by_doi = _marks(entries)
    other_hal, other_doi = _marks(others or [])
    taken = {e.key.lower() for e in [*entries, *(others or [])]}
    counts, claimed, replaced, new = Counts(found=len(docs)), set(), {}, []
    for found in _records(docs):
        entry = by_hal.get(found.hal_id) or (by_doi.get(_doi_key(found.doi)) if found.doi else None)
        if entry is None and (found.hal_id in other_hal or (found.doi and _doi_key(found.doi) in other_doi)):
            counts.elsewhere += 1
        elif entry is None:
            new.append(found)
        elif id(entry) not in claimed:
            claimed.add(id(entry))
            update = _updated(entry, found)
            if update is None:
                counts.unchanged += 1
            else:
                counts.updated += 1
                replaced[id(entry)] = bibtex(update)
    counts.new, counts.kept = len(new), len(entries) - len(claimed)
    new.sort(key=lambda r: (r.date, r.hal_id), reverse=True)
    added = [bibtex(Entry(r.entry_type, unique_key(base_key(r), taken), [Field(*f) for f in r.fields])) for r in new]
    if existing.exists and not replaced and not added:
        return existing.text, counts  # as it is, down to its last line
    text = _splice(existing.text, existing.library, replaced) if existing.exists else header(query_text)
    if added:
        text = text.rstrip("\n") + "\n\n" + "\n".join(added)
    return text.rstrip("\n") + "\n", counts


# Writing


def output_path(root: Path, output: str) -> Path:
    """The output file, which must be a .bib file of the repository's publications/ folder."""
    base = root.resolve()
    if not base.is_dir():
        raise HalError(say("hal.no_root", root=str(root)))
    path = (base / output).resolve()  # .. and symbolic links followed: where it would really go
    # Only publications/<name>.bib is read by the build: not a subfolder's, not a hidden file's.
    if path.suffix != ".bib" or path.parent != base / FOLDER or path.name.startswith(".") or path.is_dir():
        raise HalError(say("hal.outside", path=output))
    return path


def write_atomically(path: Path, text: str, shown_path: str) -> None:
    """A temporary file beside it, then renamed over it: an interruption leaves the old file whole."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)  # mkstemp makes it private; the file keeps its own mode
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise HalError(say("hal.cannot_write", path=shown_path, reason=error.strerror or str(error))) from None


def _say(message: str) -> None:
    print(shown(message), file=sys.stderr)


def run(query_text: str, output: str, root: Path) -> int:
    """The command: 0 when the file is written or already up to date, 1 when nothing was done."""
    try:
        query = parse_query(query_text)
        path = output_path(root, output)
        shown_path = path.relative_to(root.resolve()).as_posix()
        existing = read_existing(path, shown_path)  # an unreadable file is refused before asking HAL
        if query.kind == "collection":
            _say(say("hal.collection", code=query.value))
        else:
            _say(say("hal.idhal", idhal=query.value))
        docs = fetch_all(query)
        if not docs:
            raise HalError(say("hal.no_results", query=query_text))
        text, counts = merge(existing, docs, query_text, _other_entries(path))
        _say(say("hal.summary", **vars(counts)))
        if counts.elsewhere:
            _say(say("hal.elsewhere", count=counts.elsewhere))
        if existing.exists and text == existing.text:
            _say(say("hal.up_to_date", path=shown_path))
            return 0
        write_atomically(path, text.replace("\n", existing.newline), shown_path)
    except HalError as error:
        _say(error.message)
        return 1
    print(shown(say("hal.written", path=shown_path)))
    # What HAL holds is not always what the site takes (a title left empty, an odd date): the
    # build's own check of the file, now rather than in the pull request.
    problems: list[Diagnostic] = []
    read_publications(root.resolve(), [shown_path], problems)
    for problem in problems:
        _say(str(problem))
    if problems:
        _say(say("hal.check_failed", path=shown_path, count=len(problems)))
    return 0  # the import is done; the check, in the pull request, holds the entries back


def _other_entries(path: Path) -> list[Entry]:
    """The entries of the other .bib files beside the output (those it can read: the check reports the rest)."""
    entries = []
    for other in sorted(path.parent.glob("*.bib")):
        if other != path and not other.name.startswith("."):
            with contextlib.suppress(Exception):  # unreadable, or odd enough to fail bibtexparser: the check says so
                entries += parse(other.read_text(encoding="utf-8")).entries
    return entries
