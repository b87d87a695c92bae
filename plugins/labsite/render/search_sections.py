"""A page's content cut into the sections Material's search index lists, as its search plugin
cuts it, in a third of the time, for the HTML the site's pages hold.

Material reads each page with Python's ``html.parser`` (a tenth of a full build's time) and
keeps, for each heading with an id, its title and the text up to the next one, with a few
tags (paragraphs, lists, code). The HTML our pages hold went through the sanitizer
(labsite.sources.sanitize): tags and quoted attributes only, no comment, no script, no style.
For such HTML, ``sections`` reads the same tokens ``html.parser`` reads with one regular
expression and does what Material's plugin does with them; for any other (a tag it does not
read the same way, a heading inside another element, a part excluded from search), it says
None and the plugin reads the page itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from typing import Any

# A start tag with double-quoted attributes, an end tag, or text: what html.parser reads as one
# event each, the same way, when every "<" of the HTML begins one of these tags.
TOKEN = re.compile(
    r'<([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"<]*")*)[ \t\n\r\f]*>'
    r"|</([a-zA-Z][a-zA-Z0-9]*)>"
    r"|[^<]+"
)
ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')
# Read by the plugin itself: elements html.parser reads the content of as raw text (in one
# Python version or another), and "object", whose content the plugin leaves out.
NOT_READ = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "object"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # written into the text, bare
PERMALINK = "headerlink"  # the class of a heading's permalink, left out of its title
PREFACE = "hx"  # the heading of the text before the first heading


@dataclass
class Section:
    heading: str  # the heading's tag (PREFACE for the text before the first one)
    depth: int  # how many elements were open at its heading
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Unread(Exception):
    """HTML this module does not read as Material's plugin does."""


def install(index: Any) -> None:
    """Material's search index ``index`` (None: search is off) cutting pages into sections here
    when it can, else as it did: its ``add_entry_from_context``, with its own
    ``create_entry_for_section`` making an entry of each section (it reads a section's id,
    title and text)."""
    if index is None:
        return
    read = index.add_entry_from_context

    def add_entries(page: Any) -> None:
        found = None if (page.meta.get("search") or {}).get("exclude") else sections(page.content)
        if found is None:
            read(page)
            return
        for section in found:
            index.create_entry_for_section(section, page.toc, page.url, page)

    index.add_entry_from_context = add_entries


def sections(html: str) -> list[Section] | None:
    """The sections of ``html`` as Material's search plugin makes them (its ``Parser``'s), or
    None if the plugin must read this HTML itself."""
    try:
        return _read(html)
    except _Unread:
        return None


def _read(html: str) -> list[Section]:
    found: list[Section] = []
    current: Section | None = None
    open_tags: list[str] = []  # the elements open, by tag
    permalinks: list[int] = []  # where in open_tags a heading's permalink is
    end = 0
    for token in TOKEN.finditer(html):
        if token.start() != end:
            raise _Unread  # a "<" that begins no tag read here
        end = token.end()
        tag = token.group(1)
        if tag is not None:  # a start tag
            tag = tag.lower()
            if tag in NOT_READ:
                raise _Unread
            if tag in VOID:
                continue
            written = token.group(2)  # the last of a repeated attribute counts, as in dict()
            attributes = {n.lower(): unescape(v) for n, v in ATTRIBUTE.findall(written)} if written else {}
            if "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
                raise _Unread
            open_tags.append(tag)
            if tag == "a" and attributes.get("class") == PERMALINK:
                permalinks.append(len(open_tags))
            if tag in HEADINGS and "id" in attributes:
                if len(open_tags) != 1:
                    raise _Unread  # a heading inside another element: the plugin's sections nest
                if tag != "h1" and not found:
                    found.append(Section(PREFACE, 1))
                current = Section(tag, 1, attributes["id"] if found else None)
                found.append(current)
            if current is None:
                current = Section(PREFACE, 0)
                found.append(current)
            if tag in KEPT:
                (current.title if current.heading in open_tags else current.text).append(f"<{tag}>")
        elif (tag := token.group(3)) is not None:  # an end tag
            tag = tag.lower()
            if not open_tags or open_tags[-1] != tag:
                continue  # not the last element opened: the plugin passes it by
            if permalinks and permalinks[-1] == len(open_tags):
                permalinks.pop()
            open_tags.pop()
            if tag in KEPT:
                assert current is not None  # opened after a section began
                _close(current.title if current.heading in open_tags else current.text, tag)
        else:  # text
            data = token.group(0)
            if "&" in data:
                data = unescape(data)
            if "pre" not in open_tags:
                data = " " if data.isspace() else data.replace("\n", " ")
            if current is None:
                current = Section(PREFACE, 0)
                found.append(current)
            if current.heading in open_tags:
                if not permalinks:
                    current.title.append(escape(data, quote=False))
            elif data.isspace():
                if not current.text or not current.text[-1].isspace() or "pre" in open_tags:
                    current.text.append(data)
            else:
                current.text.append(escape(data, quote=False))
    if end != len(html):
        raise _Unread
    return found


def _close(parts: list[str], tag: str) -> None:
    """The end of a kept element: written, or the element taken out if nothing but white space
    follows its tag (the first such tag in ``parts``, as the plugin looks for it)."""
    try:
        start = parts.index(f"<{tag}>")
    except ValueError:
        raise _Unread from None  # the plugin fails on this page: let it say so
    if all(part.isspace() for part in parts[start + 1 :]):
        del parts[start:]
    else:
        parts.append(f"</{tag}>")
