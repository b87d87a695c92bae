"""Python-Markdown's own patterns, each made to look first for a text it cannot match without.

Python-Markdown tries every inline pattern on every run of text, and most block patterns on
every paragraph. Many of those regular expressions begin with a look-behind or ``(?:^|\\n)``,
so the regex engine tries them at every character; ``str.find`` looks for a text much faster.
Where the text a pattern needs is absent, it cannot match: the HTML is the same, made in two
thirds to three quarters of the time (measured on the benchmark's bodies).

Patterns are known by the text of their regular expression, so that another version's pattern,
or another extension's, is left as it is (``apply`` says how many it changed).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

# A pattern's regular expression -> texts one of which any match holds.
NEEDS: dict[str, tuple[str, ...]] = {
    # inline patterns (markdown.inlinepatterns, and the footnotes extension's)
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),
    r"\\(.)": ("\\",),
    r"\[\^([^\]]*)\]": ("[^",),
    r"(?<!\!)\[": ("[",),
    r"\!\[": ("![",),
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("://",),
    r"<([^<> !]+@[^@<> ]+)>": ("@",),
    r"  \n": ("  \n",),
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),
    # block patterns (markdown.blockprocessors, and the extensions' in mkdocs.yml)
    r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)": ("#",),
    r"^.*?\n(?:=+|-+)[ ]*(\n|$)": ("\n=", "\n-"),
    r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$": (
        "-",
        "_",
        "*",
    ),
    r"(^|\n)[ ]{0,3}>[ ]?(.*)": (">",),
    r"(^|\n)[ ]{0,3}:[ ]{1,3}(.*?)(\n|$)": (": ",),
    r'(?:^|\n)!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *(?:\n|$)': ("!!!",),
    r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$": ("[^",),
    r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$": ("*[",),
}


class Needing:
    """A compiled pattern that runs only where one of the texts it needs is, from ``pos`` on
    (a match starts at ``pos`` or later and holds the text); anything else is the pattern's."""

    __slots__ = ("needs", "pattern")

    def __init__(self, pattern: re.Pattern[str], needs: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.needs = needs

    def _there(self, string: str, pos: int, endpos: int) -> bool:
        for text in self.needs:  # noqa: SIM110 - any() adds a frame, deep in Markdown's recursion
            if string.find(text, pos, endpos) >= 0:
                return True
        return False

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(string, pos, endpos) if self._there(string, pos, endpos) else None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(string, pos, endpos) if self._there(string, pos, endpos) else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(string, pos, endpos) if self._there(string, pos, endpos) else iter(())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def needing(pattern: Any) -> Any:
    """``pattern`` made to look first for what it needs, if it is one of those known."""
    if isinstance(pattern, re.Pattern) and not pattern.flags & re.IGNORECASE and pattern.pattern in NEEDS:
        return Needing(pattern, NEEDS[pattern.pattern])
    return pattern


def apply(md: Any) -> int:
    """Make a converter's inline and block patterns look first for what they need; returns how
    many it changed. Once a converter: what it changes stays through ``md.reset()``."""
    changed = 0
    for inline in md.inlinePatterns:
        if (found := needing(inline.compiled_re)) is not inline.compiled_re:
            inline.compiled_re = found
            changed += 1
    for block in md.parser.blockprocessors:
        for name in ("RE", "SEARCH_RE"):
            pattern = getattr(block, name, None)
            if (found := needing(pattern)) is not pattern:
                setattr(block, name, found)  # on the instance: the class keeps its own
                changed += 1
    return changed
