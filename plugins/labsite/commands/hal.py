"""``labsite import hal QUERY``: a lab's publications (a HAL collection) or a person's (an idHal)
from HAL, the French open archive, written into a BibTeX file of ``publications/``.

The file stays the contributors' own: an entry HAL returns again is found by its HAL id or its
DOI, and only the fields HAL gives are rewritten, so a field added by hand (keywords, a note, a
pdf) survives. Every other block (entries added by hand, comments, @string, @preamble) is kept
byte for byte: the file is spliced, not rewritten, so its diff shows only what HAL changed.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import logging
import os
import re
import socket
import stat
import string
import sys
import tempfile
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, Field, ParsingFailedBlock

from labsite.common.messages import Message, say, shown

API = "https://api.archives-ouvertes.fr/search/"
OUTPUT = "publications/hal.bib"
FOLDER = "publications"
# HAL's Solr fields; a document lacks those it has no value for. Unknown names are ignored by Solr.
FIELDS = (
    "halId_s",
    "version_i",
    "docType_s",
    "title_s",
    "authFirstName_s",
    "authLastName_s",
    "authIdHal_s",
    "authORCIDIdExt_s",
    "producedDate_s",
    "journalTitle_s",
    "volume_s",
    "issue_s",
    "page_s",
    "publisher_s",
    "conferenceTitle_s",
    "city_s",
    "bookTitle_s",
    "doiId_s",
    "fileMain_s",
    "uri_s",
    "language_s",
    "authorityInstitution_s",
    "number_s",
)
ROWS = 500
TIMEOUT = 30.0  # seconds, for each page
MAX_PAGES = 200  # 100,000 publications: a server that never stops paging cannot loop forever
MAX_BYTES = 64 * 2**20
USER_AGENT = "labsite-import-hal (a research lab's website generator)"

COLLECTION = re.compile(r"[A-Z0-9][A-Z0-9_-]*")
IDHAL = re.compile(r"[a-z0-9][a-z0-9._-]*")
EXPLICIT = {
    "collection": re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*"),
    "idhal": re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*"),
}
FILTER_FIELD = {"collection": "collCode_s", "idhal": "authIdHal_s"}

# HAL document types and their BibTeX entry types; any other type is @misc.
ENTRY_TYPES = {
    "ART": "article",
    "COMM": "inproceedings",
    "POSTER": "inproceedings",
    "THESE": "phdthesis",
    "HDR": "phdthesis",
    "COUV": "incollection",
    "OUV": "book",
    "UNDEFINED": "unpublished",
    "PREPRINT": "unpublished",
    "SOFTWARE": "software",
    "REPORT": "techreport",
}
# The field that says where the publication appeared, and the HAL field it comes from.
CONTAINERS = {
    "ART": ("journal", "journalTitle_s"),
    "COMM": ("booktitle", "conferenceTitle_s"),
    "POSTER": ("booktitle", "conferenceTitle_s"),
    "THESE": ("school", "authorityInstitution_s"),
    "HDR": ("school", "authorityInstitution_s"),
    "COUV": ("booktitle", "bookTitle_s"),
    "REPORT": ("institution", "authorityInstitution_s"),
}
# Fixed fields some types get. They are the import's own: when HAL changes a publication's type
# (a preprint published as an article), the one written for the old type is removed.
MARKS = {"HDR": ("type", "HDR"), "UNDEFINED": ("note", "Preprint"), "PREPRINT": ("note", "Preprint")}
STALE_MARKS = frozenset(MARKS.values())
HAND_FIRST = frozenset({"note"})  # a person's own note wins over the import's "Preprint"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Words a key skips to reach the title's first real one (English and French).
STOPWORDS = frozenset(
    "a an the of on in for and to with by from at as is are its into via using towards toward "  # noqa: SIM905
    "le la les l un une des du de d et en pour sur dans au aux par avec vers ou quel quelle".split()
)

# Characters LaTeX reads as commands, and what stands for them in text. Braces are apart: BibTeX
# counts every brace, escaped or not, so \{ \} are used only in pairs.
LATEX = {
    "\\": r"\textbackslash{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
LONE_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
# Pairs TeX fonts join into another character (-- is a dash, '' a quote): kept apart by {}.
LIGATURES = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=,)(?=,)|(?<=<)(?=<)|(?<=>)(?=>)|(?<=[!?])(?=`)")
SPACES = re.compile(r"[ \t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
# Control characters, bidirectional overrides (they reorder what a reader sees), lone surrogates.
INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
AND = re.compile(r"\band\b", re.IGNORECASE)
ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
HAL_ID = re.compile(r"[a-z][a-z0-9_]*-\d+")
VERSION = re.compile(r"v\d+$")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)
# Letters NFKD does not take apart, for keys in ASCII.
FOLD = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"})


class HalError(Exception):
    """A problem told to the contributor as it is; nothing was written."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Query:
    kind: str  # "collection" or "idhal"
    value: str

    @property
    def filter(self) -> str:
        return f'{FILTER_FIELD[self.kind]}:"{self.value}"'


@dataclass(frozen=True)
class Record:
    """A HAL document as a BibTeX entry: its type and fields (values as written in the file),
    and what its key and its place among the new entries are made of."""

    hal_id: str
    doi: str | None
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    family: str
    year: str
    title: str
    date: str


@dataclass
class Counts:
    found: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0


@dataclass
class Existing:
    """The output file as it is: its text, what bibtexparser read of it, its line endings."""

    text: str = ""
    library: bibtexparser.Library = field(default_factory=bibtexparser.Library)
    newline: str = "\n"
    exists: bool = False


# The query


def parse_query(text: str) -> Query:
    """A collection code is in capitals, an idHal in lowercase; a prefix says it outright."""
    prefix, colon, value = text.partition(":")
    if colon and prefix.lower() in EXPLICIT:
        if EXPLICIT[prefix.lower()].fullmatch(value):
            return Query(prefix.lower(), value)
    elif COLLECTION.fullmatch(text) and any(c.isalpha() for c in text):
        return Query("collection", text)
    elif IDHAL.fullmatch(text) and any(c.isalpha() for c in text):
        return Query("idhal", text)
    raise HalError(say("hal.bad_query", query=text))


def api_base() -> str:
    base = os.environ.get("LABSITE_HAL_API") or API
    if urllib.parse.urlsplit(base).scheme not in ("http", "https"):  # urllib would also open file://
        raise HalError(say("hal.bad_api", url=base))
    return base


def page_url(base: str, query: Query, cursor: str) -> str:
    """A page of results; Solr's cursor needs a sort on the unique key (docid)."""
    params = {
        "q": "*:*",
        "fq": query.filter,
        "fl": ",".join(FIELDS),
        "wt": "json",
        "rows": ROWS,
        "sort": "docid asc",
        "cursorMark": cursor,
    }
    parts = urllib.parse.urlsplit(base)
    encoded = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    return urllib.parse.urlunsplit(parts._replace(query=f"{parts.query}&{encoded}" if parts.query else encoded))


# Fetching


def _reason(error: BaseException) -> Message | str:
    cause = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(cause, TimeoutError):
        return say("hal.reason_timeout", seconds=TIMEOUT)
    if isinstance(cause, socket.gaierror):
        return say("hal.reason_dns")
    if isinstance(cause, ConnectionRefusedError):
        return say("hal.reason_refused")
    return " ".join(str(getattr(cause, "strerror", None) or cause).split())


def fetch_json(url: str) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            status, body = answer.status, answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        error.close()
        raise HalError(say("hal.http_error", status=error.code)) from None
    except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, TLS, cut connections
        raise HalError(say("hal.unreachable", reason=_reason(error))) from None
    try:
        data = json.loads(body) if len(body) <= MAX_BYTES else None
    except ValueError:
        raise HalError(say("hal.not_json", status=status)) from None
    response = data.get("response") if isinstance(data, dict) else None
    if not isinstance(response, dict) or not isinstance(response.get("docs"), list):
        raise HalError(say("hal.bad_answer", status=status))
    return data


def fetch_all(query: Query) -> list[dict[str, Any]]:
    """Every document, page after page, until HAL gives back the cursor it was sent."""
    base, cursor = api_base(), "*"
    docs: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        data = fetch_json(page_url(base, query, cursor))
        page = [doc for doc in data["response"]["docs"] if isinstance(doc, dict)]
        docs += page
        found, following = data["response"].get("numFound"), data.get("nextCursorMark")
        if not page or not isinstance(following, str) or following == cursor:
            break
        if isinstance(found, int) and len(docs) >= found:
            break
        cursor = following
    return docs


# Values as BibTeX and LaTeX read them


def clean(value: Any) -> str:
    """One line of text: no control characters, spaces collapsed."""
    return SPACES.sub(" ", INVISIBLE.sub("", str(value))).strip()


def _paired_braces(text: str) -> set[int]:
    opened: list[int] = []
    paired: set[int] = set()
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}" and opened:
            paired |= {opened.pop(), index}
    return paired


def latex_text(value: Any) -> str:
    """Text that LaTeX prints as it is and BibTeX reads as one value: no character is a command."""
    text = clean(value)
    paired = _paired_braces(text)
    out = [
        ("\\" + char if index in paired else LONE_BRACES[char]) if char in "{}" else LATEX.get(char, char)
        for index, char in enumerate(text)
    ]
    return LIGATURES.sub("{}", "".join(out))


def _one_name(text: str) -> str:
    """Braced when BibTeX would split it: a comma, or the word "and" that separates names."""
    return f"{{{text}}}" if "," in text or AND.search(text) else text


def person(family: str, given: str) -> str:
    """Last, First: the form where BibTeX never mistakes a compound family name for a given name."""
    family, given = _one_name(latex_text(family)), _one_name(latex_text(given))
    if given:
        return f"{family}, {given}"
    return f"{{{family}}}" if " " in family and not family.startswith("{") else family  # a group, one name


def names(values: list[str]) -> str:
    """Several institutions or publishers: a list, as biblatex reads school and publisher."""
    return " and ".join(_one_name(latex_text(v)) for v in values)


def verbatim(value: str, unsafe: str) -> str:
    """A URL or DOI as biblatex reads it, verbatim: not LaTeX-escaped (a URL's % and _ are its
    own); only what would end the value or break the address is percent-encoded."""
    return re.sub(unsafe, lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), clean(value))


URL_UNSAFE = r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
DOI_UNSAFE = r"[{}\\\s]"  # a DOI may hold almost any character, but not these


def url(value: str, schemes: tuple[str, ...]) -> str | None:
    text = clean(value)
    parts = urllib.parse.urlsplit(text)
    return verbatim(text, URL_UNSAFE) if parts.scheme.lower() in schemes and parts.netloc else None


def bare_doi(value: str) -> str | None:
    """10.xxxx/..., without the resolver."""
    text = DOI_PREFIX.sub("", clean(value))
    return verbatim(text, DOI_UNSAFE) if text.startswith("10.") else None


# HAL documents


def strings(doc: dict[str, Any], name: str) -> list[str]:
    """A field's values, whether HAL gives one or a list (title_s, publisher_s, issue_s...)."""
    value = doc.get(name)
    values = value if isinstance(value, list) else [value]
    return [text for v in values if isinstance(v, str | int) and not isinstance(v, bool) and (text := clean(v))]


def first(doc: dict[str, Any], name: str) -> str:
    return next(iter(strings(doc, name)), "")


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _authors(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(family, given) of each author, in order; a lone name counts as the family name."""
    families, givens = strings(doc, "authLastName_s"), strings(doc, "authFirstName_s")
    pairs = itertools.zip_longest(families, givens, fillvalue="")
    return [(family, given) if family else (given, "") for family, given in pairs if family or given]


def _pages(text: str) -> str:
    match = re.fullmatch(r"([A-Za-z]*\d+)\s*[-\u2010-\u2015]+\s*([A-Za-z]*\d+)", text)
    return f"{match[1]}--{match[2]}" if match else latex_text(text)


def _date(doc: dict[str, Any]) -> tuple[str, str | None]:
    """Year, and month as BibTeX's macro (jan...), which every style reads."""
    date = re.match(r"(\d{4})(?:-(\d{2}))?", first(doc, "producedDate_s"))
    if not date:
        return "", None
    month = int(date[2] or 0)
    return date[1], MONTHS[month - 1] if 1 <= month <= 12 else None


def _where(doc: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    """The journal, proceedings, book, school or institution, and what its type adds."""
    found = []
    if kind in CONTAINERS:
        name, source = CONTAINERS[kind]
        several = name in ("school", "institution")
        found.append((name, names(strings(doc, source)) if several else latex_text(first(doc, source))))
    if kind in MARKS:
        found.append(MARKS[kind])
    if kind in ("COMM", "POSTER"):
        found.append(("address", latex_text(first(doc, "city_s"))))
    return found


def _identifiers(doc: dict[str, Any], hal_id: str) -> list[tuple[str, str | None]]:
    """Where to find it, and who wrote it for the site to match lab members (idHal, ORCID):
    HAL's lists of these skip the authors without one, so they are not matched to positions."""
    version = doc.get("version_i")
    idhals = [i for i in strings(doc, "authIdHal_s") if EXPLICIT["idhal"].fullmatch(i)]
    orcids = [m[0] for v in strings(doc, "authORCIDIdExt_s") if (m := ORCID.search(v))]
    return [
        ("doi", bare_doi(first(doc, "doiId_s"))),
        ("hal_id", hal_id),
        ("hal_version", f"v{version}" if type(version) is int and version > 0 else None),
        ("url", url(first(doc, "uri_s"), ("https", "http"))),
        ("pdf", url(first(doc, "fileMain_s"), ("https",))),
        ("language", next((c for c in strings(doc, "language_s") if re.fullmatch(r"[a-z]{2}", c)), None)),
        ("idhal", " and ".join(_unique(idhals))),
        ("orcid", " and ".join(_unique(orcids))),
    ]


def record(doc: dict[str, Any]) -> Record | None:
    """The entry of a HAL document; None without a HAL id, which an update could not find again."""
    hal_id = VERSION.sub("", first(doc, "halId_s"))
    if not HAL_ID.fullmatch(hal_id):
        return None
    kind = first(doc, "docType_s").upper()
    authors = _authors(doc)
    title = first(doc, "title_s")
    year, month = _date(doc)
    values: list[tuple[str, str | None]] = [
        ("title", latex_text(title)),
        ("author", " and ".join(person(family, given) for family, given in authors)),
        ("year", year),
        *_where(doc, kind),
        ("volume", latex_text(first(doc, "volume_s"))),
        ("number", latex_text(first(doc, "issue_s") or first(doc, "number_s"))),
        ("pages", _pages(first(doc, "page_s"))),
        ("publisher", names(strings(doc, "publisher_s"))),
        *_identifiers(doc, hal_id),
    ]
    fields = [(name, f"{{{value}}}") for name, value in values if value]
    if month:
        fields.insert(3, ("month", month))  # a macro: not in braces
    return Record(
        hal_id=hal_id,
        doi=bare_doi(first(doc, "doiId_s")),
        entry_type=ENTRY_TYPES.get(kind, "misc"),
        fields=tuple(fields),
        family=authors[0][0] if authors else "",
        year=year,
        title=title,
        date=first(doc, "producedDate_s"),
    )


# Keys


def ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(FOLD))
    return "".join(c for c in folded if c.isascii()).lower()


def base_key(record: Record) -> str:
    """dupont2024deep: the first author's family name, the year, the title's first real word."""
    name = re.sub(r"[^a-z0-9]", "", ascii_word(record.family)) or "hal"
    words = re.findall(r"[a-z0-9]+", ascii_word(record.title))
    return name + record.year + next((w for w in words if w not in STOPWORDS and not w.isdigit()), "")


def _suffixes() -> Iterator[str]:
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=size):
            yield "".join(letters)


def unique_key(base: str, taken: set[str]) -> str:
    """The key, or with a, b, c... added; BibTeX tools differ on case, so keys differing only
    by it are taken as the same."""
    key = next(k for k in itertools.chain([base], (base + s for s in _suffixes())) if k.lower() not in taken)
    taken.add(key.lower())
    return key


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


def merge(existing: Existing, docs: list[dict[str, Any]], query_text: str) -> tuple[str, Counts]:
    """The new text of the file: its entries HAL returned updated, HAL's new ones appended,
    newest first, and everything else as it was."""
    entries = existing.library.entries
    by_hal = {_hal_key(f.value): e for e in entries for f in e.fields if f.key.lower() == "hal_id"}
    by_doi = {_doi_key(f.value): e for e in entries for f in e.fields if f.key.lower() == "doi"}
    # (an entry with neither is one added by hand: it stays as it is)
    taken = {e.key.lower() for e in entries}
    counts, claimed, replaced, new = Counts(found=len(docs)), set(), {}, []
    for found in _records(docs):
        entry = by_hal.get(found.hal_id) or (by_doi.get(_doi_key(found.doi)) if found.doi else None)
        if entry is None:
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
    if path.suffix != ".bib" or not path.is_relative_to(base / FOLDER) or path.is_dir():
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
        text, counts = merge(existing, docs, query_text)
        _say(say("hal.summary", **vars(counts)))
        if existing.exists and text == existing.text:
            _say(say("hal.up_to_date", path=shown_path))
            return 0
        write_atomically(path, text.replace("\n", existing.newline), shown_path)
    except HalError as error:
        _say(error.message)
        return 1
    print(shown(say("hal.written", path=shown_path)))
    return 0
