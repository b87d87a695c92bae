"""A HAL document as a BibTeX entry's text, for ``labsite import hal``: its type and fields,
values LaTeX-escaped (names as BibTeX splits them, URLs and DOIs verbatim), and its key.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from labsite.commands.hal_api import EXPLICIT
from labsite.model.fields import orcid_checksum_ok

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
# Fixed fields some types get (the update removes the one of a type HAL no longer gives).
MARKS = {"HDR": ("type", "HDR"), "UNDEFINED": ("note", "Preprint"), "PREPRINT": ("note", "Preprint")}
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
    # An iD that fails its check digit (mistyped into HAL) would make the build refuse the entry.
    orcids = [m[0] for v in strings(doc, "authORCIDIdExt_s") if (m := ORCID.search(v)) and orcid_checksum_ok(m[0])]
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
