"""Linear scans of a Markdown body: code regions, HTML tags, links, headings and ids.

Contributor text reaches these on every check, so every pass here reads each character a
bounded number of times: anchored regular expressions with no nested repetition, and
``str.find`` from a position that only moves forward. (The first checks were regular
expressions with backtracking: a heading with 1,000 trailing spaces took minutes.)
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_SPACE = "\t\n\f\r "
_TAG_NAME = re.compile(r"/?([A-Za-z][A-Za-z0-9-]*)(?=[\t\n\f\r />]|$)")
_ATTR_SEP = re.compile(r"[\t\n\f\r /]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />=][^\t\n\f\r />=]*")
_EQUALS = re.compile(r"[\t\n\f\r ]*=[\t\n\f\r ]*")
_VALUE = re.compile(r"\"[^\"]*\"?|'[^']*'?|[^\t\n\f\r >]*")
_BRACKET = re.compile(r"[\[\]\\]")
_BACKTICKS = re.compile(r"`+")
# Not "[^note]: text", a footnote (the footnotes extension: the site's mkdocs.yml has it).
_REFERENCE = re.compile(r" {0,3}\[([^\]\n^][^\]\n]{0,998})\]:[ \t]*(\S*)")


@dataclass(frozen=True)
class Lines:
    """A body and where each of its lines starts, to turn offsets into (line, column)."""

    text: str
    first_line: int
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str, first_line: int) -> Lines:
        starts = [0]
        position = text.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        return cls(text, first_line, tuple(starts))

    def where(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


def code_mask(lines: list[str]) -> list[bool]:
    """Which lines are an indented code block, as Python-Markdown reads them: indented lines
    after a blank line, outside a list. (Fences are not code blocks here: without fenced_code,
    backtick fences are code spans, handled with the others, and ``~~~`` is plain text.)"""
    mask = [False] * len(lines)
    index, in_list, after_blank = 0, False, True
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped and _LIST_ITEM.match(line):
            in_list = True
        elif stripped and not line.startswith((" ", "\t")):
            in_list = False
        if stripped and after_blank and not in_list and line.startswith(("    ", "\t")):
            while index < len(lines) and (not lines[index].strip() or lines[index].startswith(("    ", "\t"))):
                mask[index] = bool(lines[index].strip())
                index += 1
            continue
        after_blank = not stripped
        index += 1
    return mask


def prose(text: str) -> str:
    """The body with its code (indented blocks, and code spans inside each paragraph) blanked
    out, offsets and newlines kept."""
    lines = text.split("\n")
    mask = code_mask(lines)
    out: list[str] = []
    paragraph: list[str] = []
    for line, code in zip(lines, mask, strict=True):
        if code or not line.strip():
            if paragraph:
                out.append(_blank_code_spans("\n".join(paragraph)))
                paragraph = []
            out.append(" " * len(line))
        else:
            paragraph.append(line)
    if paragraph:
        out.append(_blank_code_spans("\n".join(paragraph)))
    return "\n".join(out)


def _blank_code_spans(text: str) -> str:
    """Blank each code span: a run of backticks up to the next run of the same length. Every
    run is listed once, and each length keeps a cursor that only moves forward."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    of_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        of_length.setdefault(end - start, []).append(index)
    cursor = dict.fromkeys(of_length, 0)
    out, position, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        same = of_length[end - start]
        at = cursor[end - start]
        while at < len(same) and same[at] <= index:
            at += 1
        cursor[end - start] = at
        if at == len(same):  # no closing run: the backticks are text
            index += 1
            continue
        close = runs[same[at]][1]
        out.append(text[position:start])
        out.append("".join(c if c == "\n" else " " for c in text[start:close]))
        position, index = close, same[at] + 1
    out.append(text[position:])
    return "".join(out)


@dataclass(frozen=True)
class Tag:
    name: str  # lower case
    closing: bool
    offset: int
    attributes: tuple[tuple[str, str, int], ...]  # (name lower case, value entity-decoded, offset)


def tags(text: str) -> Iterator[Tag]:
    """Raw HTML tags as a browser tokenizes them: attributes separated by any space or '/',
    across lines, '>' inside quoted values, values with their character references decoded."""
    position = 0
    while (start := text.find("<", position)) != -1:
        position = start + 1
        if text.startswith("!--", position):
            end = text.find("-->", position + 3)
            position = len(text) if end == -1 else end + 3
            continue
        name = _TAG_NAME.match(text, position)
        if name is None:  # not a tag: text, or an autolink (<name@example.org>, <https://...>)
            continue
        position = name.end()
        attributes = []
        while position < len(text):
            position = _ATTR_SEP.match(text, position).end()  # type: ignore[union-attr]
            if position >= len(text) or text[position] == ">":
                break
            attr = _ATTR_NAME.match(text, position)
            if attr is None:  # a stray '=': taken as part of a name by browsers
                position += 1
                continue
            position, value = attr.end(), ""
            if equals := _EQUALS.match(text, position):
                found = _VALUE.match(text, equals.end())
                assert found is not None  # the pattern matches the empty string
                value = found[0].strip("\"'") if found[0][:1] in "\"'" else found[0]
                position = found.end()
            attributes.append((attr[0].lower(), html.unescape(value), attr.start()))
        position += 1
        yield Tag(name[1].lower(), name[0].startswith("/"), start, tuple(attributes))


@dataclass(frozen=True)
class Link:
    target: str
    offset: int  # of the target
    image: bool


def links(text: str) -> Iterator[Link]:
    """Inline links and images ``[label](target)`` and reference definitions ``[id]: target``
    (a target may stand on the next line): one pass with a stack of open brackets."""
    opened: list[int] = []
    target_end = -1  # where the last target scan stopped: a later one starting before it stops there too
    for match in _BRACKET.finditer(text):
        char, offset = match[0], match.start()
        if char == "\\" or (offset and text[offset - 1] == "\\"):
            continue
        if char == "[":
            opened.append(offset)
            continue
        if not opened:
            continue
        start = opened.pop()
        if text.startswith("(", offset + 1):
            position = offset + 2
            while position < len(text) and text[position] in _SPACE:
                position += 1
            if text.startswith("<", position):
                position += 1
            end = max(position, target_end)
            while end < len(text) and text[end] not in _SPACE + ")>":
                end += 1
            target_end = end
            image = start > 0 and text[start - 1] == "!"
            yield Link(html.unescape(text[position:end]), position, image)
    for line_start in _line_starts(text):
        definition = _REFERENCE.match(text, line_start)
        if definition is None:
            continue
        target, offset = definition[2], definition.start(2)
        if not target:  # on the next line
            following = _REFERENCE_TARGET.match(text, definition.end())
            if following is None:
                continue
            target, offset = following[1], following.start(1)
        yield Link(html.unescape(target.strip("<>")), offset, False)


_REFERENCE_TARGET = re.compile(r"\n[ \t]*(\S+)")


def _line_starts(text: str) -> Iterator[int]:
    yield 0
    position = text.find("\n")
    while position != -1:
        yield position + 1
        position = text.find("\n", position + 1)


@dataclass(frozen=True)
class AttrList:
    offset: int
    items: tuple[tuple[str, int], ...]  # ("key=value" | ".class" | "#id", offset)


def attr_lists(text: str) -> Iterator[AttrList]:
    """The ``{ ... }`` blocks of the attr_list extension (where they can set attributes)."""
    position, end = 0, -1
    while (start := text.find("{", position)) != -1:
        if end < start:
            end = text.find("}", start)
            if end == -1:
                return  # no block can close after this one either
        position = start + 1
        following = text.find("{", position, end)
        if following != -1:
            continue  # only the innermost '{' before a '}' opens a block
        inner = text[start + 1 : end]
        if "\n" in inner or not inner.strip():
            continue
        items, offset = [], start + 1
        for token in inner.split(" "):
            if token and token != ":":
                items.append((token, offset))
            offset += len(token) + 1
        yield AttrList(start, tuple(items))


def heading_text(line: str) -> tuple[str, str | None] | None:
    """A '#' heading's text, and its explicit id if it has an attribute list (None if not a heading)."""
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes <= 6 or line[hashes : hashes + 1] not in (" ", "\t"):
        return None
    text = line[hashes:].strip().rstrip("#").rstrip()
    explicit = None
    if text.endswith("}") and (open_at := text.rfind("{")) != -1:
        tokens = text[open_at + 1 : -1].split()
        explicit = next((token[1:] for token in tokens if token.startswith("#") and len(token) > 1), None)
        text = text[:open_at].rstrip()
    return text, explicit


def without_link_targets(text: str) -> str:
    """Heading text as toc reads it for its slug: markup characters and '(...)' parts dropped."""
    out, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif not depth and char not in "*_`[]":
            out.append(char)
    return "".join(out)
