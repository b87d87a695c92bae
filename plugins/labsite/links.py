"""Links and embeds in page bodies: every internal link must reach a published page or file,
and nothing may make a visitor's browser call another site.

MkDocs reports a broken link only at build time, without saying whether the target is a
typo or a draft; this check runs with ``labsite check`` and says which.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify

from .diagnostics import Diagnostic

_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"(?P<image>!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_EMBED = re.compile(
    r"<\s*(?P<tag>iframe|script|object|embed|frame|frameset|link|style|meta|base|form|svg|math)\b", re.IGNORECASE
)
_HANDLER = re.compile(r"<[^>]*?\s(?P<attr>on[a-z]+)\s*=", re.IGNORECASE)
_HTML_URL = re.compile(
    r"""<[^>]*?\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?P<url>[^"'\s>]+)""", re.IGNORECASE
)
_HTML_SRC = re.compile(r"<\s*(?:img|source|video|audio)\b[^>]*\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.IGNORECASE)
_SAFE_SCHEMES = ("http", "https", "mailto")


def body_lines(body: str, first_line: int) -> Iterable[tuple[int, str]]:
    """The body's lines with their file line numbers, code blocks left out."""
    in_code = False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code and not line.startswith(("    ", "\t")):
            yield first_line + offset, line


_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*(?:\{[^}]*#(?P<id>[\w-]+)[^}]*\})?\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"""\{[^}]*#(?P<id>[\w-]+)[^}]*\}|\bid\s*=\s*["'](?P<html>[^"']+)["']""")


def anchors(body: str) -> set[str]:
    """The ids a page's Markdown gives its headings (as Python-Markdown's toc does) and elements."""
    found: set[str] = set()
    for _, line in body_lines(body, 1):
        heading = _HEADING.match(line)
        if heading and not heading["id"]:
            base = slugify(re.sub(r"[*_`\[\]]|\(.*?\)", "", heading["text"]), "-")
            slug, n = base, 0
            while slug in found:
                n += 1
                slug = f"{base}_{n}"
            found.add(slug)
        for explicit in _EXPLICIT_ID.finditer(line):
            found.add(explicit["id"] or explicit["html"])
    return found


def check_links(
    path: str,
    body: str,
    first_line: int,
    root: Path,
    published: set[str],
    sources: set[str],
    anchors_of: Callable[[str], set[str] | None] = lambda _: None,
) -> list[Diagnostic]:
    """Problems of one page's body; ``published`` and ``sources`` are repository paths of pages,
    ``anchors_of`` gives a page's anchors (None: not checked)."""
    problems = []

    def error(line: int, column: int, message: str) -> None:
        problems.append(Diagnostic(path, line, column, "error", "", message))

    folder = posixpath.dirname(path)
    for line_number, line in body_lines(body, first_line):
        for match in _EMBED.finditer(line):
            error(
                line_number,
                match.start() + 1,
                f"<{match['tag'].lower()}> is not allowed in a page: no embedded code or content",
            )
        for match in _HANDLER.finditer(line):
            error(
                line_number,
                match.start("attr") + 1,
                f"the HTML attribute {match['attr']} runs code: not allowed in a page",
            )
        for match in _HTML_URL.finditer(line):
            scheme = urlsplit(match["url"]).scheme.lower()
            if scheme and scheme not in _SAFE_SCHEMES:
                error(
                    line_number,
                    match.start("url") + 1,
                    f"{scheme}: links are not allowed (only https://, http:// and mailto:)",
                )
        for match in _HTML_SRC.finditer(line):
            if urlsplit(match["src"]).scheme:
                error(
                    line_number,
                    match.start() + 1,
                    "images and media must be files beside the page, not from another site",
                )
        for match in _LINK.finditer(line):
            column = match.start("target") + 1
            target = match["target"]
            scheme = urlsplit(target).scheme.lower()
            if scheme:
                if scheme not in _SAFE_SCHEMES:
                    error(line_number, column, f"{scheme}: links are not allowed (only https://, http:// and mailto:)")
                elif match["image"]:
                    error(line_number, column, "images must be files beside the page, not from another site (privacy)")
                continue
            file_part, _, fragment = target.split("?", 1)[0].partition("#")
            resolved = posixpath.normpath(posixpath.join(folder, file_part)) if file_part else path
            known = anchors_of(resolved) if fragment and resolved.endswith(".md") else None
            if known is not None and fragment not in known:
                close = difflib.get_close_matches(fragment, known, n=1)
                hint = f" (did you mean #{close[0]}?)" if close else ""
                error(line_number, column, f"no heading or anchor #{fragment} in {resolved}{hint}")
            if not file_part:
                continue
            if resolved.startswith("../") or resolved == ".." or file_part.startswith("/"):
                error(
                    line_number,
                    column,
                    f"{target!r} leaves the site's sources: link by relative path, e.g. ../../content/contact.fr.md",
                )
            elif resolved.endswith(".md"):
                problem = _page_problem(path, resolved, published, sources)
                if problem:
                    error(line_number, column, problem)
            elif not (root / resolved).is_file():
                error(line_number, column, f"no file {resolved}")
    return problems


def _page_problem(path: str, resolved: str, published: set[str], sources: set[str]) -> str | None:
    if resolved in published:
        language = path.rsplit(".", 2)[-2]
        if resolved.rsplit(".", 2)[-2] != language:
            return f"links to {resolved}, a page in another language: link to the .{language}.md page"
        return None
    if resolved in sources:
        return f"links to {resolved}, which is not published (a draft, scheduled for later, or with errors)"
    close = difflib.get_close_matches(resolved, sources, n=1, cutoff=0.8)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"links to {resolved}, which does not exist{hint}"
