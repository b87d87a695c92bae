"""What a publication is, once its BibTeX entry is read and checked (labsite.sources.bibtex):
the fields the site shows, cites and links, in plain Unicode (LaTeX already decoded)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from urllib.parse import quote

from labsite.common.collation import folded

# The kinds of publication a visitor filters by, and the BibTeX entry types of each (biblatex's
# and HAL's included). An entry type not listed here is "other".
KINDS: dict[str, tuple[str, ...]] = {
    "article": ("article",),
    "conference": ("inproceedings", "conference", "proceedings"),
    "thesis": ("phdthesis", "mastersthesis", "thesis", "habilitation"),
    "preprint": ("unpublished", "preprint"),
    "software": ("software", "codefragment", "softwareversion"),
    "dataset": ("dataset", "data"),
    "book": ("book", "inbook", "incollection", "booklet"),
    "report": ("techreport", "report"),
    "other": ("misc", "online", "electronic", "manual", "patent", "presentation"),
}
KIND_OF_TYPE = {entry_type: kind for kind, types in KINDS.items() for entry_type in types}


@functools.lru_cache(maxsize=100_000)
def _folded(text: str) -> tuple[str, ...]:
    """A name's words without accents, case or hyphens: "Jean-Pierre Lévêque" -> jean pierre leveque
    (kept: a name is compared on every page that cites its entries)."""
    return tuple(folded(text).replace("-", " ").replace(".", " ").split())


@dataclass(frozen=True)
class Author:
    family: str
    given: str = ""

    def likeness(self, full_name: str) -> int:
        """How surely this author is the person of that full name: 2 for the same family and first
        given name ("Dupont, Marie"), 1 for an initial or no given name ("Dupont, M."), 0 for another."""
        name, family = _folded(full_name), _folded(self.family)
        if not family or name[-len(family) :] != family:
            return 0
        given, first = _folded(self.given), name[: -len(family)][:1]
        if not given or not first:
            return 1
        if len(given[0]) > 1:  # a written-out name must be the same name: "Martin" is not "Marie"
            return 2 if given[0] == first[0] else 0
        return 1 if given[0] == first[0][:1] else 0


def lab_authors(authors: tuple[Author, ...], names: tuple[str, ...]) -> dict[int, int]:
    """Which authors the lab's people are: {author's position: person's position in names}. Each
    person is at most one author and the surest pairs come first, so of "Dupont, Marie" and
    "Dupont, Michel" only Marie Dupont's is hers."""
    pairs = sorted(
        (-score, at, who)
        for who, name in enumerate(names)
        for at, author in enumerate(authors)
        if (score := author.likeness(name))
    )
    found: dict[int, int] = {}
    for _, at, who in pairs:
        if at not in found and who not in found.values():
            found[at] = who
    return found


@dataclass(frozen=True, kw_only=True)
class Publication:
    key: str  # the BibTeX citation key, as written
    slug: str  # the key as a file name (its .bib, its anchor)
    kind: str  # one of KINDS
    entry_type: str  # the BibTeX type, lowercase
    title: str
    authors: tuple[Author, ...]
    year: int
    month: int | None = None
    day: int | None = None
    container: str | None = None  # journal, proceedings, or the book a chapter is in
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None  # publisher, school, institution, repository
    place: str | None = None
    genre: str | None = None  # "PhD thesis", "Preprint", the report's type
    number: str | None = None  # report or preprint number, software version
    doi: str | None = None  # 10.xxxx/..., without the resolver
    hal: str | None = None  # hal-01234567 or tel-..., without version
    url: str | None = None
    pdf: str | None = None  # an https URL of the full text
    language: str | None = None  # ISO 639-1 of the publication's text, when given
    orcids: frozenset[str] = frozenset()  # ORCID iDs of its authors, as the entry gives them
    halids: frozenset[str] = frozenset()  # HAL author ids (idHal) of its authors
    bibtex: str = ""  # the entry as written in its file, for its own .bib
    path: str = ""  # the .bib file it comes from, from the repository's root
    line: int = 1  # where the entry starts in that file

    @property
    def date(self) -> dt.date:
        """The day it came out, as precisely as the entry says (January 1st for a year)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def doi_url(self) -> str | None:
        # Every character a URL may not hold as such, encoded: DOIs may hold <, > or #.
        return f"https://doi.org/{quote(self.doi, safe='/:;()._-')}" if self.doi else None

    @property
    def hal_url(self) -> str | None:
        return f"https://hal.science/{self.hal}" if self.hal else None
