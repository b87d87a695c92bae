"""Read and check the BibTeX files of publications/ (as HAL, Zotero or a journal export them)
with bibtexparser: every problem of every entry reported at its file, line and key; LaTeX
decoded to plain Unicode (pylatexenc), so a title's ``\\url{javascript:...}`` is text, never a
link; duplicate keys and DOIs across files refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ImplicitComment
from pylatexenc.latex2text import LatexNodes2Text

from labsite.common.diagnostics import Diagnostic
from labsite.common.messages import say
from labsite.model.fields import CITATION_KEY, CONTROL, INVALID, ORCID, PRIVATE_USE, Checker, Url, orcid_checksum_ok
from labsite.model.publications import KIND_OF_TYPE, Author, Publication

MAX_BIB_BYTES = 5_000_000  # about 10,000 entries, read in about 10 s: more goes in another file
MAX_FIELD_CHARS = 5_000
MAX_AUTHORS = 1_000  # consortium papers list hundreds
MAX_AUTHOR_CHARS = 100_000  # all the names of an entry together
MAX_BRACE_DEPTH = 12  # deeper is no bibliography: LaTeX decoding recurses on it
# What each kind of publication needs besides title, author and year (or their stand-ins).
NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("journal", "journaltitle"),),
    "conference": (("booktitle", "eventtitle", "journal"),),
    "thesis": (("school", "institution"),),
}
_LATEX = re.compile(r"[\\{}$~^_%&]")
VERBATIM = frozenset({"url", "pdf", "doi", "eprint", "hal_id", "orcid", "idhal", "file"})
_UNSEEN = re.compile(f"{CONTROL.pattern}|{PRIVATE_USE.pattern}")
_STRAY_FIELDS = re.compile(r"^\s*,?\s*[A-Za-z][\w-]*\s*=")
_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*\{")
_BARE = re.compile(r"(?<!\\)[&%#]")
_BARE_WORD = re.compile(r"(?:=|#)\s*([A-Za-z][^\s,#{}\"=()]*)")  # a field's value written as an @string name
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "janv", "janvier", "january"), ("feb", "fev", "févr", "février", "february"),
         ("mar", "mars", "march"), ("apr", "avr", "avril", "april"), ("may", "mai"), ("jun", "juin", "june"),
         ("jul", "juil", "juillet", "july"), ("aug", "aout", "août", "august"), ("sep", "sept", "septembre", "september"),
         ("oct", "octobre", "october"), ("nov", "novembre", "november"), ("dec", "déc", "décembre", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_HAL = re.compile(r"^([a-z]+-\d{6,10})(?:v\d+)?$")
_LANGUAGES = {"english": "en", "en": "en", "french": "fr", "francais": "fr", "français": "fr", "fr": "fr"}
_decoder = LatexNodes2Text(math_mode="verbatim", keep_braced_groups=False)
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its problems are ours to report


@dataclass
class _EntryDoc:
    """Where the fields of one entry are in its file, as a Checker reads a YAML file's."""

    path: str
    lines: dict[str, int]
    line: int
    data: dict[str, Any] = field(default_factory=dict)
    raw: dict = field(default_factory=dict)
    cut_by_comment: frozenset = frozenset()

    def key_at(self, where: tuple) -> tuple[int, int]:
        return self.lines.get(str(where[0]) if where else "", self.line), 1

    value_at = key_at


def read_publications(root: Path, files: list[str], problems: list[Diagnostic]) -> dict[str, Publication]:
    """Every valid entry of ``files`` (paths from ``root``), by key."""
    found: dict[str, Publication] = {}
    dois: dict[str, Publication] = {}
    slugs: set[str] = set()
    for path in files:
        for publication in _read_file(root, path, problems):
            if (first := found.get(publication.key)) is not None:
                where = f"{first.path}:{first.line}"
                problems.append(
                    _problem(path, publication.line, "", say("bib.duplicate_key", key=publication.key, where=where))
                )
                continue
            if publication.doi and (same := dois.get(publication.doi.lower())) is not None:
                message = say("bib.duplicate_doi", doi=publication.doi, key=same.key, where=f"{same.path}:{same.line}")
                problems.append(_problem(path, publication.line, "doi", message))
                continue
            if publication.slug in slugs:  # "a:b" and "a-b" would share a file name: the second gets its own
                digest = hashlib.sha256(publication.key.encode()).hexdigest()[:8]
                publication = dataclasses.replace(publication, slug=f"{publication.slug}-{digest}")
            slugs.add(publication.slug)
            found[publication.key] = publication
            if publication.doi:
                dois[publication.doi.lower()] = publication
    return found


def _problem(path: str, line: int, name: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, 1, "error", name, message)


def _read_file(root: Path, path: str, problems: list[Diagnostic]) -> list[Publication]:
    file = root / path
    size = file.stat().st_size
    if size > MAX_BIB_BYTES:
        problems.append(
            _problem(path, 1, "", say("bib.too_big", size=size // 1_000_000, maximum=MAX_BIB_BYTES // 1_000_000))
        )
        return []
    try:
        text = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = file.read_bytes()[: error.start].count(b"\n") + 1
        problems.append(_problem(path, line, "", say("bib.not_utf8")))
        return []
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    )
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(_problem(path, line, "", say("bib.duplicate_key", key=block.key, where=path)))
        else:
            head = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
            problems.append(_problem(path, line, "", say("bib.broken", head=head)))
    for block in library.comments:
        # Fields after an entry's end: a "}" too many closed it early, and bibtexparser keeps the
        # rest as a comment. Said, not dropped.
        if isinstance(block, ImplicitComment) and _STRAY_FIELDS.match(block.comment):
            before = [e.key for e in library.entries if e.start_line <= block.start_line]
            key = before[-1] if before else "?"
            problems.append(_problem(path, block.start_line + 1, "", say("bib.stray", key=key)))
    macros = {string.key.lower(): str(string.value) for string in library.strings}
    definitions = {string.key.lower(): string.raw.strip() for string in library.strings}
    found = []
    for entry in library.entries:
        if (publication := _publication(path, entry, problems, macros)) is not None:
            # Its own .bib carries the @string definitions it uses: it is read alone.
            used = sorted({name.lower() for name in _BARE_WORD.findall(entry.raw)} & definitions.keys())
            if used:
                head = "".join(definitions[name] + "\n" for name in used)
                publication = dataclasses.replace(publication, bibtex=head + "\n" + publication.bibtex)
            found.append(publication)
    return found


def _publication(path: str, entry: Entry, problems: list[Diagnostic], macros: dict[str, str]) -> Publication | None:
    line = entry.start_line + 1
    # Invisible or private characters anywhere in the entry (a field's name, an editor...): its
    # .bib is published as written.
    if found := _UNSEEN.search(entry.raw):
        where = line + entry.raw[: found.start()].count("\n")
        problem = say("text.control", name=f"U+{ord(found[0]):04X}")
        if PRIVATE_USE.match(found[0]):
            problem = say("text.private_use", name=f"U+{ord(found[0]):04X}")
        problems.append(_problem(path, where, "", say("bib.in_entry", key=entry.key, problem=problem)))
        return None
    fields = {name.lower(): f for name, f in entry.fields_dict.items()}
    # The fields' lines, as a Checker reads a YAML file's: field types check them as they do YAML.
    doc = _EntryDoc(path, {name: f.start_line + 1 for name, f in fields.items()}, line)
    before = len(problems)

    def bad(name: str, message: str) -> None:
        problems.append(
            _problem(path, doc.lines.get(name, line), name, say("bib.in_entry", key=entry.key, problem=message))
        )

    if not re.match(CITATION_KEY, entry.key):
        bad("", say("bib.key", key=entry.key))
    values: dict[str, str] = {}
    for name, found in fields.items():
        if name in ("author", "editor"):
            continue
        value = found.value
        if getattr(found, "enclosing", None) == "no-enclosing" and "#" in str(value):
            value = _joined(str(value), macros)
            if value is None:
                bad(name, say("bib.concatenation"))
                continue
        text = _plain(value, name, bad)
        if text is not None:
            values[name] = text
    crossref = values.get("crossref")
    if crossref is not None:
        bad("crossref", say("bib.crossref", target=crossref))
    authors = _names(fields.get("author") or fields.get("editor"), bad)
    entry_type = entry.entry_type.lower()
    kind = KIND_OF_TYPE.get(entry_type, "other")
    if entry_type == "misc" and values.get("type", "").lower() in ("dataset", "software", "preprint"):
        kind = values["type"].lower()
    said = f"{values.get('note', '')} {values.get('howpublished', '')}".lower()
    if entry_type in ("misc", "online") and ("eprint" in values or "preprint" in said):
        kind = "preprint"  # arXiv, medRxiv, HAL's "preprints" exported as @misc
    year, month, day = _date(values, bad, entry_type)
    # An empty title ("{ }") is as missing as none: citations and feeds need one.
    if "title" not in fields or ("title" in values and not values["title"].strip()):
        bad("title", say("bib.missing", field="title", type=entry_type))
    if authors is not None and not authors:
        bad("author", say("bib.missing", field="author", type=entry_type))
    for choices in NEEDS.get(kind, ()) if entry_type != "proceedings" else ():  # a whole volume has no container
        if not any(values.get(c) for c in choices):
            bad(choices[0], say("bib.missing", field=choices[0], type=entry_type))
    doi = _doi(values.get("doi"), bad)
    hal = None
    if raw_hal := values.get("hal_id"):
        if match := _HAL.match(raw_hal.strip()):
            hal = match[1]
        else:
            bad("hal_id", say("bib.hal_id", value=raw_hal))
    links = {}
    for name in ("url", "pdf"):
        if values.get(name):
            found: list[Diagnostic] = []
            checked = Url().check(values[name], (name,), Checker(doc, found))  # type: ignore[arg-type]
            links[name] = None if checked is INVALID else checked
            for problem in found:
                bad(name, problem.message)
    orcids = set()
    for orcid in re.split(r"[\s,;]+|\band\b", values.get("orcid", "")):
        orcid = re.sub(r"^https?://orcid\.org/", "", orcid.strip())
        if orcid and not re.match(ORCID, orcid):
            bad("orcid", say("orcid.shape", text=orcid))
        elif orcid and not orcid_checksum_ok(orcid):
            bad("orcid", say("orcid.checksum", text=orcid))
        elif orcid:
            orcids.add(orcid)
    halids = {h for h in re.split(r"[\s,;]+|\band\b", values.get("idhal", "")) if h}
    if len(problems) > before or authors is None or year is None:
        return None
    container = next((values[n] for n in ("journal", "journaltitle", "booktitle", "eventtitle") if values.get(n)), None)
    publisher = next((values[n] for n in ("publisher", "school", "institution", "organization") if values.get(n)), None)
    return Publication(
        key=entry.key,
        slug=_slug(entry.key),
        kind=kind,
        entry_type=entry_type,
        title=values["title"],
        authors=tuple(authors),
        year=year,
        month=month,
        day=day,
        container=container,
        volume=values.get("volume"),
        issue=values.get("number") if kind != "report" else None,
        pages=values.get("pages", "").replace("--", "–") or None,
        publisher=publisher,
        place=values.get("address") or values.get("location"),
        genre=values.get("type"),
        number=values.get("version") or (values.get("number") if kind == "report" else None),
        doi=doi,
        hal=hal,
        url=links.get("url"),
        pdf=links.get("pdf"),
        language=_LANGUAGES.get(values.get("language", "").lower()),
        orcids=frozenset(orcids),
        halids=frozenset(halids),
        bibtex=entry.raw.strip() + "\n",
        path=path,
        line=line,
    )


def _joined(value: str, macros: dict[str, str]) -> str | None:
    """BibTeX's "#": {text}, "text", numbers and @string names joined; None if a part is none of these."""
    parts, depth, quoted, current = [], 0, False, ""
    for char in value:
        if char == "#" and depth == 0 and not quoted:
            parts.append(current.strip())
            current = ""
            continue
        depth += (char == "{") - (char == "}")
        quoted ^= char == '"' and depth == 0
        current += char
    parts.append(current.strip())
    joined = []
    for part in parts:
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            joined.append(part[1:-1])
        elif part.isdigit():
            joined.append(part)
        elif part.lower() in macros:
            joined.append(macros[part.lower()])
        else:
            return None
    return "".join(joined)


def _slug(key: str) -> str:
    """The key as a file name and an anchor: what a URL path may hold as it is."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-") or "entry"


def _plain(value: Any, name: str, bad: Any) -> str | None:
    """A field's LaTeX as plain text on one line; None (reported) when it can't be."""
    text = str(value)
    if len(text) > MAX_FIELD_CHARS:
        bad(name, say("bib.too_long", length=len(text), maximum=MAX_FIELD_CHARS))
        return None
    if name in VERBATIM:
        # Addresses are read as biblatex reads them, not as LaTeX ("~" is a tilde, not a space);
        # the escapes exports write in DOIs ("\_") are undone.
        text = re.sub(r"\\([_%&#$~])", r"\1", text)
    elif _LATEX.search(text):
        depth = deepest = 0
        for char in text:
            depth += (char == "{") - (char == "}")
            deepest = max(deepest, depth)
        if deepest > MAX_BRACE_DEPTH:
            bad(name, say("bib.nesting", maximum=MAX_BRACE_DEPTH))
            return None
        # Exports write "&", "%" and "#" as text more often than as LaTeX (where they would
        # align, comment out the rest, or stand for a parameter): read them as the text they are.
        text = _BARE.sub(lambda found: "\\" + found[0], text)
        text = _HREF.sub("{", text)  # \href{address}{text}: the text (pylatexenc fails on it)
        try:
            text = _decoded(text)
        except Exception:  # pylatexenc refuses some malformed LaTeX: the entry's own problem
            bad(name, say("bib.latex"))
            return None
    text = " ".join(text.split())
    if control := CONTROL.search(text):
        bad(name, say("text.control", name=f"U+{ord(control[0]):04X}"))
        return None
    return text


@functools.lru_cache(maxsize=100_000)
def _decoded(latex: str) -> str:
    """LaTeX as text, each string once: names and journals come back entry after entry."""
    return _decoder.latex_to_text(latex)


def _names(found: Any, bad: Any) -> list[Author] | None:
    if found is None:
        return []
    names = found.value if isinstance(found.value, list) else []
    if len(names) > MAX_AUTHORS:
        bad(found.key, say("bib.too_many_authors", count=len(names), maximum=MAX_AUTHORS))
        return None
    if (length := sum(len(str(parts)) for parts in names)) > MAX_AUTHOR_CHARS:
        bad(found.key, say("bib.too_long", length=length, maximum=MAX_AUTHOR_CHARS))
        return None
    authors = []
    for parts in names:
        if not hasattr(parts, "last"):
            bad(found.key, say("bib.name", name=str(parts)[:80]))
            return None
        family = _plain(
            " ".join([*parts.von, *parts.last, *([", " + " ".join(parts.jr)] if parts.jr else [])]), found.key, bad
        )
        given = _plain(" ".join(parts.first), found.key, bad)
        if family is None or given is None:
            return None
        if family.lower() != "others":  # "and others": et al.
            authors.append(Author(family.replace(" ,", ","), given))
    return authors


def _date(values: dict[str, str], bad: Any, entry_type: str) -> tuple[int | None, int | None, int | None]:
    if date := values.get("date"):
        match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date)
        if not match:
            bad("date", say("bib.date", value=date))
            return None, None, None
        year, month, day = (int(g) if g else None for g in match.groups())
    elif year_text := values.get("year"):
        if not re.fullmatch(r"\d{4}", year_text):
            bad("year", say("bib.year", value=year_text))
            return None, None, None
        year, day = int(year_text), None
        month = _month(values.get("month"), bad)
    else:
        bad("year", say("bib.missing", field="year", type=entry_type))
        return None, None, None
    try:
        if year is None or year < 1000:  # "0000" is a placeholder, and dates before 1000 are no lab's publications
            raise ValueError
        dt.date(year, month or 1, day or 1)
    except ValueError:
        name = "date" if values.get("date") else "year"
        bad(name, say("bib.date", value=values[name]))
        return None, None, None
    return year, month, day


def _month(text: str | None, bad: Any) -> int | None:
    if not text:
        return None
    key = text.strip().lower().rstrip(".")
    if key.isdigit() and 1 <= int(key) <= 12:
        return int(key)
    if key in _MONTHS:
        return _MONTHS[key]
    bad("month", say("bib.month", value=text))
    return None


def _doi(text: str | None, bad: Any) -> str | None:
    if not text:
        return None
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", text.strip(), flags=re.IGNORECASE)
    if not _DOI.match(doi):
        bad("doi", say("bib.doi", value=text[:80]))
        return None
    return doi
