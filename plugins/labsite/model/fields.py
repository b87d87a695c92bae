"""Typed fields: one declaration gives the check, the model's attribute, the JSON Schema, the
``labsite new`` template line and the contributor guide's table row.

A field is declared once, on the model's dataclass (``spec``); ``Record.of`` reads the
declarations back. Each type checks a value read from YAML and returns it normalised, or
``INVALID`` after reporting a problem at the value's line. Messages say what is allowed and,
for YAML 1.1 surprises (``no`` read as false, ``12:30`` as 750), what YAML made of the text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from labsite.common.collation import folded
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import Message, say
from labsite.common.when import When

Path = tuple[str | int, ...]  # where a value is in its document: ("contacts", 0, "email")


class YamlDoc(Protocol):
    """A document read with the positions of its keys and values (labsite.sources.yamlsource)."""

    path: str
    data: Any
    raw: Mapping[Path, str]  # scalars as written, for messages
    cut_by_comment: set[Path]  # unquoted texts followed by " #..."

    def key_at(self, where: Path) -> tuple[int, int]: ...

    def value_at(self, where: Path) -> tuple[int, int]: ...


INVALID: Any = object()
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EMAIL = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
# C0 controls but tab, newline and carriage return; DEL and the C1 controls; the noncharacters
# U+FFFE and U+FFFF; lone surrogates (reachable through YAML escapes): feeds, XML and browsers
# refuse them. Also the invisible bidirectional overrides and isolates (text that reads other
# than it is stored) and the line and paragraph separators (a line break no one sees).
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff\ud800-\udfff]"
)
# Private-use code points: each font shows them as it likes, or not at all (an icon font's glyph
# pasted with the text); HTML checkers refuse them.
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


@dataclass
class Checker:
    """Where values come from, and where problems go."""

    doc: YamlDoc
    problems: list[Diagnostic]
    references: list[tuple[str, str, Path]] = field(default_factory=list)  # (kind, id, where)

    def error(self, where: Path, message: str, *, at_key: bool = False, near: Path | None = None) -> Any:
        """Report a problem of the field ``where``, at its value (or key, or the field ``near``)."""
        if near is not None:
            line, column = self.doc.key_at(near)
        else:
            line, column = self.doc.key_at(where) if at_key else self.doc.value_at(where)
        self.problems.append(Diagnostic(self.doc.path, line, column, "error", field_name(where), message))
        return INVALID

    def raw(self, where: Path) -> str | None:
        return self.doc.raw.get(where)


def close_match(value: str, choices: Iterable[str]) -> str | None:
    """The one choice close enough to be what was meant (a typo, another case), else None: a
    suggestion that is merely the nearest ('neurology' for 'dermatology') misleads."""
    choices = list(choices)
    folded = {choice.casefold(): choice for choice in choices}
    if value.casefold() in folded:
        return folded[value.casefold()]
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.8)
    return close[0] if close else None


def as_id(text: str) -> str:
    """What a contributor most likely meant as an id: 'Oncologie Pédiatrique' -> 'oncologie-pediatrique'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


_MONTHS = {
    **dict.fromkeys(("janvier", "january", "jan"), 1),
    **dict.fromkeys(("février", "fevrier", "february", "feb", "fév", "fev"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("avril", "april", "apr", "avr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "june", "jun"), 6),
    **dict.fromkeys(("juillet", "july", "jul", "juil"), 7),
    **dict.fromkeys(("août", "aout", "august", "aug"), 8),
    **dict.fromkeys(("septembre", "september", "sep", "sept"), 9),
    **dict.fromkeys(("octobre", "october", "oct"), 10),
    **dict.fromkeys(("novembre", "november", "nov"), 11),
    **dict.fromkeys(("décembre", "decembre", "december", "dec", "déc"), 12),
}
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_WORDED_DATE = re.compile(r"(?:1er|(\d{1,2}))(?:er)? +([^\W\d_]+)\.? +(\d{4})")


def iso_date(text: str) -> str | None:
    """The YYYY-MM-DD form of a date written the French way (12/03/2027, 12 mars 2027), if valid."""
    text = text.strip().lower()
    if numeric := _NUMERIC_DATE.fullmatch(text):
        day, month, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
    elif (worded := _WORDED_DATE.fullmatch(text)) and worded[2] in _MONTHS:
        day, month, year = int(worded[1] or 1), _MONTHS[worded[2]], int(worded[3])
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def field_name(where: Path) -> str:
    """``contacts #1 email``: list items are counted from 1, as a person counts them."""
    return " ".join(f"#{part + 1}" if isinstance(part, int) else part for part in where)


def what_yaml_read(value: Any, raw: str | None) -> Message:
    """Say what YAML made of a value, so a contributor sees why quotes are needed."""
    written: str | Message = f"`{raw}`" if raw is not None else say("read.it")
    if value is None:
        return say("read.empty")
    if isinstance(value, bool):
        return say("read.bool", written=written, value=str(value).lower())
    if isinstance(value, int) and raw is not None and ":" in raw:
        return say("read.sexagesimal", written=written, value=value)
    if isinstance(value, int) and raw is not None and re.match(r"^0\d", raw):
        return say("read.octal", written=written, value=value)
    if isinstance(value, int | float):
        return say("read.number", written=written, value=value)
    if isinstance(value, dt.date):
        return say("read.date", written=written)
    if isinstance(value, list):
        return say("read.list")
    if isinstance(value, dict):
        return say("read.mapping")
    if isinstance(value, str):
        return say("read.text")
    return say("read.other", kind=type(value).__name__)


def _in(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def _listed(values: Iterable[str], lang: str, every: bool = False) -> str:
    """`a`, `b` or `c` (``every``: and)."""
    quoted = [f"`{v}`" for v in values]
    last = _in(lang, "et" if every else "ou", "and" if every else "or")
    return f" {last} ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else quoted[0]


class FieldType:
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self, lang: str) -> str:
        """What a value looks like, for the contributor guide's tables."""
        raise NotImplementedError

    def build(self, value: Any) -> Any:
        """The model's value from a checked one."""
        return value


@dataclass(frozen=True)
class Text(FieldType):
    max_length: int = 300
    multiline: bool = False
    pattern: str | None = None
    pattern_help: str = ""  # a message key
    min_length: int = 1

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if not isinstance(value, str):
            return ck.error(where, say("text.not_text", read=what_yaml_read(value, ck.raw(where))))
        if where in ck.doc.cut_by_comment:
            return ck.error(where, say("text.comment"))
        text = value.strip()
        if len(text) < self.min_length:
            return ck.error(where, say("text.empty"))
        if not text:
            return text
        if len(text) > self.max_length:
            return ck.error(where, say("text.too_long", length=len(text), maximum=self.max_length))
        if control := CONTROL.search(text):
            return ck.error(where, say("text.control", name=f"U+{ord(control[0]):04X}"))
        if private := PRIVATE_USE.search(text):
            return ck.error(where, say("text.private_use", name=f"U+{ord(private[0]):04X}"))
        if not self.multiline and "\n" in text:
            return ck.error(where, say("text.one_line"))
        if self.pattern and not re.match(self.pattern, text):
            return ck.error(where, say("text.pattern", text=text, help=say(self.pattern_help)))
        return text

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": self.min_length, "maxLength": self.max_length}
        if self.pattern:
            out["pattern"] = self.pattern
        return out

    def describe(self, lang: str) -> str:
        if self.pattern and self.pattern.startswith(SLUG):
            return _in(lang, "minuscules, chiffres et tirets", "lowercase letters, digits and hyphens")
        if self.pattern:
            return say(self.pattern_help).render(lang)
        if self.multiline:
            size = f"{self.max_length:,}".replace(",", " ")
            return _in(
                lang,
                f"texte de plusieurs lignes, {size} caractères au plus",
                f"text on several lines, at most {self.max_length:,} characters",
            )
        return _in(lang, f"texte, {self.max_length} caractères au plus", f"text, at most {self.max_length} characters")


@dataclass(frozen=True)
class LocalText(FieldType):
    """Text that is the same in every language, or a mapping with one text per language."""

    max_length: int = 200

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(self.max_length)
        if isinstance(value, dict):
            missing = [code for code in LANGUAGES if code not in value]
            extra = [str(key) for key in value if key not in LANGUAGES]
            if missing or extra:
                codes = ", ".join(LANGUAGES)
                return ck.error(where, say("local.both", codes=codes))
            checked = {code: text.check(value[code], (*where, code), ck) for code in LANGUAGES}
            return INVALID if INVALID in checked.values() else checked
        checked = text.check(value, where, ck)
        return INVALID if checked is INVALID else dict.fromkeys(LANGUAGES, checked)

    def schema(self) -> dict[str, Any]:
        one = Text(self.max_length).schema()
        per_language = {
            "type": "object",
            "properties": dict.fromkeys(LANGUAGES, one),
            "required": list(LANGUAGES),
            "additionalProperties": False,
        }
        return {"oneOf": [one, per_language]}

    def describe(self, lang: str) -> str:
        return _in(
            lang,
            f"texte de {self.max_length} caractères, un texte ou `fr:`/`en:`",
            f"text of {self.max_length} characters, one text or `fr:`/`en:`",
        )


@dataclass(frozen=True)
class Choice(FieldType):
    values: tuple[str, ...]
    words: tuple[tuple[str, str], ...] = ()  # (a word a contributor may write, the value it means): annulé -> cancelled

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if isinstance(value, str) and value in self.values:
            return value
        allowed = ", ".join(self.values)
        if isinstance(value, str):
            meant = dict(self.words).get(folded(value.strip()))
            close = meant or close_match(value, self.values)
            if close:
                return ck.error(where, say("choice.did_you_mean", value=value, close=close, allowed=allowed))
            return ck.error(where, say("choice.not_allowed", value=value, allowed=allowed))
        return ck.error(where, say("choice.not_text", allowed=allowed, read=what_yaml_read(value, ck.raw(where))))

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}

    def describe(self, lang: str) -> str:
        return _listed(self.values, lang)


@dataclass(frozen=True)
class Day(FieldType):
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if isinstance(value, dt.datetime):
            return ck.error(where, say("day.time"))
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
            if (iso := iso_date(value)) is not None:
                return ck.error(where, say("day.iso", value=value, iso=iso))
            return ck.error(where, say("day.not_date", value=value))
        return ck.error(where, say("day.not_text", read=what_yaml_read(value, ck.raw(where))))

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def describe(self, lang: str) -> str:
        return _in(lang, "date AAAA-MM-JJ", "date YYYY-MM-DD")


_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::00)?)?$")


@dataclass(frozen=True)
class Moment(FieldType):
    """A day (the whole day) or a day and a time in Paris: 2027-03-12 or 2027-03-12 14:00."""

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if isinstance(value, dt.datetime):  # YAML reads 2027-03-12T14:00:00 itself
            if value.tzinfo is not None:
                return ck.error(where, say("moment.offset"))
            if value.second or value.microsecond:
                return ck.error(where, say("moment.not_moment", value=value.isoformat()))
            return self._existing(When(value.date(), value.time()), where, ck)
        if isinstance(value, dt.date):
            return When(value)
        if not isinstance(value, str):
            return ck.error(where, say("moment.not_text", read=what_yaml_read(value, ck.raw(where))))
        match = _MOMENT.match(value.strip())
        try:
            if match is None:
                raise ValueError
            day = dt.date.fromisoformat(match[1])
            when = When(day, dt.time(int(match[2]), int(match[3])) if match[2] else None)
        except ValueError:
            return ck.error(where, say("moment.not_moment", value=value))
        return self._existing(when, where, ck)

    @staticmethod
    def _existing(when: When, where: Path, ck: Checker) -> Any:
        if not when.exists():
            return ck.error(where, say("moment.skipped", value=when.local().strftime("%H:%M")))
        return when

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _MOMENT.pattern}

    def describe(self, lang: str) -> str:
        return _in(
            lang,
            "date AAAA-MM-JJ, ou date et heure AAAA-MM-JJ HH:MM (Paris)",
            "date YYYY-MM-DD, or date and time YYYY-MM-DD HH:MM (Paris)",
        )


@dataclass(frozen=True)
class Email(FieldType):
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(254).check(value, where, ck)
        if text is not INVALID and not re.match(EMAIL, text):
            return ck.error(where, say("email.invalid", text=text))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "email", "pattern": EMAIL}

    def describe(self, lang: str) -> str:
        return _in(lang, "adresse électronique", "e-mail address")


_URL_UNSAFE = re.compile(r'[<>"{}|\\^`\[\]]')


@dataclass(frozen=True)
class Url(FieldType):
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(2000).check(value, where, ck)
        if text is INVALID:
            return text
        try:
            parts = urlsplit(text)
        except ValueError:  # "https://a[b.org/": brackets that are no IPv6 host
            return ck.error(where, say("url.invalid", text=text[:80]))
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", text):
            return ck.error(where, say("url.invalid", text=text[:80]))
        if _URL_UNSAFE.search(parts.netloc.strip("[]")):
            return ck.error(where, say("url.invalid", text=text[:80]))
        # Characters a URL may not hold as such, encoded as a browser's address bar does: every
        # page, feed and JSON-LD then carries a valid URL.
        host_end = text.find("//") + 2 + len(parts.netloc)  # brackets belong to an IPv6 host only
        encode = lambda unsafe: f"%{ord(unsafe.group()):02X}"  # noqa: E731
        return text[:host_end] + _URL_UNSAFE.sub(encode, text[host_end:])

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}

    def describe(self, lang: str) -> str:
        return _in(
            lang, "adresse commençant par `https://` (ou `http://`)", "address starting with `https://` (or `http://`)"
        )


@dataclass(frozen=True)
class Ref(FieldType):
    """The id of something defined elsewhere (a partner, a theme, a project): resolved later."""

    kind: str

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if isinstance(value, str) and not re.match(SLUG, value) and re.match(SLUG, as_id(value)):
            # 'Oncology', 'pédiatrie': unknown as written, so the catalog reports it, saying
            # which id was meant (it knows them all).
            ck.references.append((self.kind, value.strip(), where))
            return value.strip()
        text = Text(80, pattern=SLUG, pattern_help="help.id").check(value, where, ck)
        if text is not INVALID:
            ck.references.append((self.kind, text, where))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG, "description": f"the id of a {self.kind}"}  # JSON Schema: English

    def describe(self, lang: str) -> str:
        return _in(lang, "identifiant", "id")


ORCID = r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"
# A BibTeX citation key as HAL, Zotero and journals write them (dupont2024, Dupont:2024:DL).
CITATION_KEY = r"^[A-Za-z0-9_:.+/-]+$"


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID defines its last character: a mistyped digit fails it."""
    digits = orcid.replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


@dataclass(frozen=True)
class Orcid(FieldType):
    """An ORCID iD, bare (0000-0002-1825-0097): its check character verified."""

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(40).check(value, where, ck)
        if text is INVALID:
            return text
        bare = re.sub(r"^https?://orcid\.org/", "", text)
        if not re.match(ORCID, bare):
            return ck.error(where, say("orcid.shape", text=text))
        if not orcid_checksum_ok(bare):
            return ck.error(where, say("orcid.checksum", text=bare))
        return bare

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^(https?://orcid\.org/)?" + ORCID[1:]}

    def describe(self, lang: str) -> str:
        return _in(lang, "ORCID iD, 0000-0000-0000-0000", "ORCID iD, 0000-0000-0000-0000")


@dataclass(frozen=True)
class CitationKey(FieldType):
    """The key of a BibTeX entry of publications/: resolved later, like a Ref."""

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(100, pattern=CITATION_KEY, pattern_help="help.citation_key").check(value, where, ck)
        if text is not INVALID:
            ck.references.append(("publication", text, where))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": CITATION_KEY, "description": "the key of a BibTeX entry"}

    def describe(self, lang: str) -> str:
        return _in(lang, "clé BibTeX", "BibTeX key")


@dataclass(frozen=True)
class Either(FieldType):
    """An id (``ref``), or a record written in full: ``- marie-dupont`` or ``- {name: ..., email: ...}``."""

    ref: Ref
    record: Record

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if isinstance(value, str) and re.search(r"\s", value.strip()):  # a name, not an id
            fields = ", ".join(f"{f.name}: …" for f in self.record.fields if f.required)
            return ck.error(where, say("either.name", value=value, fields=fields))
        return self.ref.check(value, where, ck) if isinstance(value, str) else self.record.check(value, where, ck)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.ref.schema(), self.record.schema()]}

    def describe(self, lang: str) -> str:
        names = {"person": ("identifiant d’une personne de people/", "id of a person in people/")}[self.ref.kind]
        return f"{_in(lang, *names)} {_in(lang, 'ou', 'or')} {self.record.describe(lang)}"

    def build(self, value: Any) -> Any:
        return value if isinstance(value, str) else self.record.build(value)


@dataclass(frozen=True)
class Number(FieldType):
    minimum: int
    maximum: int

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return ck.error(where, say("number.not_number", read=what_yaml_read(value, ck.raw(where))))
        if not self.minimum <= value <= self.maximum:
            return ck.error(where, say("number.range", minimum=self.minimum, maximum=self.maximum))
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def describe(self, lang: str) -> str:
        return _in(
            lang,
            f"nombre entier de {self.minimum} à {self.maximum}",
            f"whole number from {self.minimum} to {self.maximum}",
        )


@dataclass(frozen=True)
class Flag(FieldType):
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        raw = ck.raw(where)
        if isinstance(value, bool) and raw is not None and raw not in ("true", "false"):
            return ck.error(where, say("flag.spelling", written=raw))  # yes/no/on/off/True: YAML 1.1 only
        if isinstance(value, bool):
            return value
        return ck.error(where, say("flag.not_bool", read=what_yaml_read(value, raw)))

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self, lang: str) -> str:
        return _in(lang, "`true` ou `false`", "`true` or `false`")


@dataclass(frozen=True)
class Image(FieldType):
    """A file name beside the page; existence and containment are checked by the loader."""

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(200).check(value, where, ck)
        if text is INVALID:
            return text
        if text.startswith("/") or "\\" in text or ".." in text.split("/") or "://" in text:
            return ck.error(where, say("image.outside", text=text))
        if not text.lower().endswith(IMAGE_SUFFIXES):
            return ck.error(where, say("image.kind", text=text, suffixes=", ".join(IMAGE_SUFFIXES)))
        return posixpath.normpath(text)  # "./photo.jpg" is "photo.jpg": one name for one file

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[^/\\].*\.(png|jpe?g|webp)$"}

    def describe(self, lang: str) -> str:
        kinds = ", ".join(s[1:] for s in IMAGE_SUFFIXES[:-1]) + _in(lang, " ou ", " or ") + IMAGE_SUFFIXES[-1][1:]
        return _in(lang, f"nom d’un fichier {kinds} du dossier", f"name of a {kinds} file in the folder")


@dataclass(frozen=True)
class Items(FieldType):
    of: FieldType
    min_items: int = 0
    max_items: int = 50

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if value is None and self.min_items == 0:
            return []
        if not isinstance(value, list):
            return ck.error(where, say("items.not_list", read=what_yaml_read(value, ck.raw(where))))
        if not self.min_items <= len(value) <= self.max_items:
            return ck.error(where, say("items.count", minimum=self.min_items, maximum=self.max_items))
        checked = [self.of.check(item, (*where, index), ck) for index, item in enumerate(value)]
        seen: set[str] = set()
        for index, item in enumerate(checked):
            if isinstance(item, str):
                if item in seen:
                    ck.error((*where, index), say("items.twice", item=item))
                seen.add(item)
        return INVALID if any(item is INVALID for item in checked) else checked

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.of.schema(), "minItems": self.min_items, "maxItems": self.max_items}

    def describe(self, lang: str) -> str:
        count = _in(
            lang, f"liste de {self.min_items} à {self.max_items}", f"list of {self.min_items} to {self.max_items}"
        )
        of = self.of
        if isinstance(of, Choice):
            return _in(lang, "liste parmi ", "list from ") + ", ".join(f"`{v}`" for v in of.values)
        if isinstance(of, Ref):
            names = {"project": ("noms de dossiers", "folder names")}.get(of.kind, ("identifiants", "ids"))
            return f"{count} {_in(lang, *names)}"
        if isinstance(of, Record):
            return f"{count} {_in(lang, *of.plural)} ({of.see(lang)})"
        if isinstance(of, CitationKey):
            return f"{count} {_in(lang, 'clés BibTeX', 'BibTeX keys')}"
        if isinstance(of, Either):
            return f"{count} : {of.describe(lang)}" if lang == "fr" else f"{count}: {of.describe(lang)}"
        if isinstance(of, LocalText):
            return f"{count} {_in(lang, 'textes', 'texts')} ({of.max_length} {_in(lang, 'caractères', 'characters')}, {_in(lang, 'un texte ou', 'one text or')} `fr:`/`en:`)"
        return count

    def build(self, value: Any) -> Any:
        return tuple(self.of.build(item) for item in value)


@dataclass(frozen=True)
class Order:
    """A date that may not come before (``after``) or after (not ``after``) another field's date."""

    other: str
    after: bool
    message: str  # key; {day} is this date, {<other>} the other one

    def describe(self, lang: str) -> str:
        return _in(lang, "pas avant" if self.after else "pas après", "not before" if self.after else "not after") + (
            f" `{self.other}`"
        )


@dataclass(frozen=True)
class RequiredIf:
    """Required when another field of the same file has one of ``values``."""

    field: str
    values: tuple[str, ...]
    message: str  # key; {<field>} is the other field's value

    def describe(self, lang: str) -> str:
        values = _listed(self.values, lang)
        return _in(lang, f"si `{self.field}` vaut {values}", f"if `{self.field}` is {values}")


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    help: tuple[str, str] = ("", "")  # (French, English): template comments, schema descriptions, guide tables
    example: Any = None  # what `labsite new` writes
    only_for: tuple[str, ...] = ()  # for an item's types only (announcements: job, call...)
    required_for: tuple[str, ...] = ()  # required for these types of item
    required_if: RequiredIf | None = None
    order: tuple[Order, ...] = ()
    describes: str = ""  # a text about this field of index.yml (image_alt: image): required with it, refused without
    required_except: str = ""  # required on every page but the one of this content key (slug: index)
    messages: tuple[tuple[str, str], ...] = ()  # message keys in place of the usual ones ("only_for": ...)

    def message(self, rule: str) -> str:
        return dict(self.messages).get(rule, f"item.{rule}")

    @property
    def sometimes(self) -> bool:
        """Required in some cases only."""
        return bool(self.required_for or self.required_if or self.describes or self.required_except)

    def need(self, lang: str, kind: str | None = None) -> str:
        """Whether the field must be written, as the guide and the templates say it."""
        yes, no = _in(lang, "**oui**", "**yes**"), _in(lang, "non", "no")
        if self.required or (kind and kind in self.required_for):
            return yes
        if self.required_for:
            kinds = _listed(self.required_for, lang, every=True)
            return _in(lang, f"{yes} pour {kinds}", f"{yes} for {kinds}")
        if self.required_if:
            return self.required_if.describe(lang)
        if self.describes:
            return _in(
                lang,
                f"si `{self.describes}` est renseigné dans `index.yml` (et interdit sinon)",
                f"if `{self.describes}` is set in `index.yml` (and refused otherwise)",
            )
        if self.required_except:
            return _in(
                lang,
                f"{yes}, sauf pour `{self.required_except}` (l’accueil)",
                f"{yes}, except for `{self.required_except}` (the home page)",
            )
        if isinstance(self.type, Flag):
            return _in(lang, "non (vaut `false` si absent)", "no (`false` if left out)")
        return no

    def describe(self, lang: str) -> str:
        return ", ".join([self.type.describe(lang), *(rule.describe(lang) for rule in self.order)])


_SPEC = "labsite.field"  # where a dataclass field keeps its declaration


def spec(
    type: FieldType,
    *,
    required: bool = False,
    help: tuple[str, str],
    example: Any = None,
    default: Any = None,
    **rules: Any,
) -> Any:
    """Declare a model attribute as a field of its file: the dataclass field, with its
    declaration (``Field``) as metadata. A required field has no default."""
    declared = Field("", type, required, help, example, **rules)
    if required:
        return dataclasses.field(metadata={_SPEC: declared})
    return dataclasses.field(default=default, metadata={_SPEC: declared})


@dataclass(frozen=True)
class Record(FieldType):
    fields: tuple[Field, ...]
    # Fields that belong to another file of the item, with a hint saying where.
    elsewhere: tuple[tuple[str, str], ...] = ()
    builds: type | None = None  # the model class its values make
    one: tuple[str, str] = ("un élément", "one item")  # what one of them is, for the guide
    plural: tuple[str, str] = ("éléments", "items")  # what a list of them holds
    anchor: tuple[str, str] = ("", "")  # the guide's section on it: (French, English) heading text

    @classmethod
    def of(
        cls,
        model: type,
        *,
        kind: str | None = None,
        elsewhere: tuple[tuple[str, str], ...] = (),
        one: tuple[str, str] = ("un élément", "one item"),
        plural: tuple[str, str] = ("éléments", "items"),
        anchor: tuple[str, str] = ("", ""),
    ) -> Record:
        """The record declared on a model dataclass (``spec``), in declaration order; with
        ``kind``, only the fields of that type of item."""
        found = []
        for attribute in dataclasses.fields(model):
            declared = attribute.metadata.get(_SPEC)
            if declared is not None and (kind is None or not declared.only_for or kind in declared.only_for):
                found.append(dataclasses.replace(declared, name=attribute.name))
        return cls(tuple(found), elsewhere, model, one, plural, anchor)

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        out, ok = self.check_fields(value, where, ck)
        return out if ok else INVALID

    def build(self, value: Any, **extra: Any) -> Any:
        """The model's object of checked values (``extra``: its attributes that are not fields)."""
        if self.builds is None:
            return value
        known = {f.name: f for f in self.fields}
        return self.builds(**extra, **{name: known[name].type.build(item) for name, item in value.items()})

    def describe(self, lang: str) -> str:
        return f"{_in(lang, *self.one)} ({self.see(lang)})"

    def see(self, lang: str) -> str:
        """A link to the guide's section on the record."""
        heading = self.anchor[0 if lang == "fr" else 1]
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-")
        return f"{_in(lang, 'voir', 'see')} [{heading.split(' (')[0]}](#{slug})"

    def check_fields(self, value: Any, where: Path, ck: Checker) -> tuple[dict[str, Any], bool]:
        """The valid fields, and whether all were: later checks still run on the valid ones."""
        if not isinstance(value, dict):
            ck.error(where, say("record.not_mapping", read=what_yaml_read(value, ck.raw(where))))
            return {}, False
        known = {f.name: f for f in self.fields}
        elsewhere = dict(self.elsewhere)
        out: dict[str, Any] = {}
        ok = True
        for key in value:
            if key in known:
                continue
            ok = False
            key = str(key)
            if key in elsewhere:
                ck.error((*where, key), say("record.elsewhere", where=say(elsewhere[key])), at_key=True)
                continue
            allowed = ", ".join(known)
            if close := close_match(key, known):
                ck.error((*where, key), say("record.unknown_close", close=close, allowed=allowed), at_key=True)
            else:
                ck.error((*where, key), say("record.unknown", allowed=allowed), at_key=True)
        for spec in self.fields:
            if spec.name not in value or (value[spec.name] is None and not isinstance(spec.type, Items)):
                if spec.required:
                    ok = False
                    ck.error(
                        (*where, spec.name),
                        say("record.missing" if spec.name not in value else "text.empty"),
                        at_key=True,
                    )
                continue
            checked = spec.type.check(value[spec.name], (*where, spec.name), ck)
            if checked is INVALID:
                ok = False
            else:
                out[spec.name] = checked
        return out, ok

    def schema(self) -> dict[str, Any]:
        properties = {}
        for spec in self.fields:
            prop = dict(spec.type.schema())
            if not spec.required:
                # An optional field may be left empty ("image:"), as the templates do.
                prop = {"anyOf": [prop, {"type": "null"}]}
            if spec.help[1]:
                prop["description"] = spec.help[1]
            properties[spec.name] = prop
        required = [f.name for f in self.fields if f.required]
        out = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
        if conditions := self._conditions():
            out["allOf"] = conditions
        return out

    def _conditions(self) -> list[dict[str, Any]]:
        """The declared conditional rules, as JSON Schema if/then (a type's fields, fields
        required along with another's value)."""
        found: list[dict[str, Any]] = []

        def when(name: str, values: tuple[str, ...], then: dict[str, Any], negate: bool = False) -> None:
            test: dict[str, Any] = {"enum": list(values)}
            if negate:
                test = {"not": test}
            found.append({"if": {"properties": {name: test}, "required": [name]}, "then": then})

        names = {f.name for f in self.fields}
        for spec in self.fields:
            if spec.required_if is not None:
                when(spec.required_if.field, spec.required_if.values, {"required": [spec.name]})
            if "type" in names and spec.required_for:
                when("type", spec.required_for, {"required": [spec.name]})
            if "type" in names and spec.only_for:
                when("type", spec.only_for, {"properties": {spec.name: False}}, negate=True)
        return found


@dataclass(frozen=True)
class MapOf(FieldType):
    """A mapping from ids to values (the themes of the taxonomy)."""

    of: FieldType

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if not isinstance(value, dict):
            return ck.error(where, say("map.not_mapping", read=what_yaml_read(value, ck.raw(where))))
        out = {}
        for key, item in value.items():
            if not isinstance(key, str) or not re.match(SLUG, key):
                ck.error((*where, str(key)), say("map.bad_id", key=key), at_key=True)
                continue
            out[key] = self.of.check(item, (*where, key), ck)
        return INVALID if INVALID in out.values() or len(out) != len(value) else out

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": {"pattern": SLUG}, "additionalProperties": self.of.schema()}
