"""Typed fields: one declaration gives the check, the JSON Schema and the template line.

Each type checks a value read from YAML and returns it normalised, or ``INVALID`` after
reporting a problem at the value's line. Messages say what is allowed and, for YAML 1.1
surprises (``no`` read as false, ``12:30`` as 750), what YAML made of the text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import Message, say
from labsite.sources.yamlsource import Path, YamlDoc

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


class FieldType:
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


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


@dataclass(frozen=True)
class Choice(FieldType):
    values: tuple[str, ...]

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        if isinstance(value, str) and value in self.values:
            return value
        allowed = ", ".join(self.values)
        if isinstance(value, str):
            close = close_match(value, self.values)
            if close:
                return ck.error(where, say("choice.did_you_mean", value=value, close=close, allowed=allowed))
            return ck.error(where, say("choice.not_allowed", value=value, allowed=allowed))
        return ck.error(where, say("choice.not_text", allowed=allowed, read=what_yaml_read(value, ck.raw(where))))

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


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


@dataclass(frozen=True)
class Email(FieldType):
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(254).check(value, where, ck)
        if text is not INVALID and not re.match(EMAIL, text):
            return ck.error(where, say("email.invalid", text=text))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "email", "pattern": EMAIL}


@dataclass(frozen=True)
class Url(FieldType):
    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        text = Text(2000).check(value, where, ck)
        if text is INVALID:
            return text
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", text):
            return ck.error(where, say("url.invalid", text=text[:80]))
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


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
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[^/\\].*\.(png|jpe?g|webp)$"}


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


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    help: tuple[str, str] = ("", "")  # (French, English): template comments and schema descriptions
    example: Any = None  # what `labsite new` writes
    only_for: tuple[str, ...] = ()  # for announcements: the types this field applies to


@dataclass(frozen=True)
class Record(FieldType):
    fields: tuple[Field, ...]
    # Fields that belong to another file of the item, with a hint saying where.
    elsewhere: tuple[tuple[str, str], ...] = ()

    def check(self, value: Any, where: Path, ck: Checker) -> Any:
        out, ok = self.check_fields(value, where, ck)
        return out if ok else INVALID

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
        return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


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
