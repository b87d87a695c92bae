"""The checks of a page body (and of a job ad's ``apply`` text): size and nesting limits,
control characters, raw HTML against the sanitizer's allowlist, and every link and embed.

These are friendly early errors, with file, line and column; what keeps visitors safe is
the sanitizer (``sanitize``) and the pages' Content-Security-Policy, which see the rendered
HTML. MkDocs reports a broken link only at build time, without saying whether the target is
a typo or a draft; this check runs with ``labsite check`` and says which. Every scan is
linear in the body's length (``scan``), and the limits keep Python-Markdown, whose own
inline patterns are quadratic in a paragraph's brackets, within a second a page.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify

from labsite.common.diagnostics import Diagnostic
from labsite.common.messages import Message, say
from labsite.model.fields import CONTROL
from labsite.sources import body_cache, scan
from labsite.sources.sanitize import ATTRIBUTES, SCHEMES, STYLE_PROPERTIES, TAGS, URL_ATTRIBUTES, url_allowed

MAX_BODY_CHARS = 200_000  # a long project page is about 10,000
MAX_LINE_CHARS = 10_000
MAX_NESTING = 8  # lists and quotes inside each other
MAX_BRACKETS = 500  # '[', '<' and '`' in one paragraph: Python-Markdown's inline patterns are quadratic in them
MAX_HEADINGS = 300
MAX_LINKS = 2_000
MAX_TARGET_CHARS = 1_000  # a link's address; file systems refuse longer names anyway
MAX_DEFINITIONS = 200  # ': ' definitions in one block: def_list recurses once for each
MAX_ABBREVIATIONS = 100  # '*[ABBR]: ' lines: the abbr extension scans the text once for each
MAX_ERRORS = 50  # a file's errors shown: past that, one more line says how many were left out
_EMBEDS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "link", "style", "meta", "base"})
_ATTR_LIST_KEYS = (ATTRIBUTES["*"] | ATTRIBUTES["img"] | ATTRIBUTES["td"]) - URL_ATTRIBUTES - {"style"}
_SAFE = ", ".join(f"{scheme}:" for scheme in sorted(SCHEMES))


def control_character(text: str) -> tuple[int, str] | None:
    """The offset and name of the first control character in a text, if any."""
    found = CONTROL.search(text)
    return (found.start(), f"U+{ord(found[0]):04X}") if found else None


def anchors(body: str) -> set[str]:
    """The ids a page's Markdown gives its headings (as Python-Markdown's toc does) and elements."""
    text = scan.prose(body)
    found: set[str] = set()
    for line in text.split("\n"):
        heading = scan.heading_text(line)
        if heading and not heading[1]:
            base = slugify(scan.without_link_targets(heading[0]), "-")
            slug, n = base, 0
            while slug in found:
                n += 1
                slug = f"{base}_{n}"
            found.add(slug)
    for block in scan.attr_lists(text):
        found |= {item[1:] for item, _ in block.items if item.startswith("#") and len(item) > 1}
    for tag in scan.tags(text):
        found |= {value for name, value, _ in tag.attributes if name == "id" and value}
    return found


# The links of each body the last load checked, by its text: the page cache's keys resolve them
# again (labsite.build.page_keys) without a second scan of every body.
found_links: dict[str, list[scan.Link]] = {}

# A preview's bodies as its last rebuild checked them, with their links. A body's problems come
# from its text, the pages published and the sources, and for some links from another page's
# anchors or from whether a file exists: a body whose check looked at neither is taken as it
# was while the pages published and the sources are the same (checking every body's links each
# rebuild cost 0.1 s on the benchmark's corpus).
_CHECKED: dict[tuple[str, str, int], tuple[tuple[Diagnostic, ...], list[scan.Link]]] = {}
_USED: set[tuple[str, str, int]] = set()  # those the last rebuild checked or took: the others go
_AMONG: list[tuple[frozenset[str], frozenset[str]]] = []


def among(published: set[str], sources: set[str]) -> object:
    """For ``check_body``'s ``among``: the same token while the pages published and the
    sources are the same; a new one (and nothing kept from before) when they change."""
    pages = (frozenset(published), frozenset(sources))
    if not _AMONG or _AMONG[0] != pages:
        _CHECKED.clear()
        _AMONG[:] = [pages]
    for gone in _CHECKED.keys() - _USED:  # an edited body's text as it was
        del _CHECKED[gone]
    _USED.clear()
    return _AMONG[0]


def check_body(
    path: str,
    body: str,
    first_line: int,
    root: Path,
    published: set[str],
    sources: set[str],
    anchors_of: Callable[[str], set[str] | None] = lambda _: None,
    *,
    limits: bool = True,
    among: object = None,
) -> list[Diagnostic]:
    """Problems of one page's body; ``published`` and ``sources`` are repository paths of pages,
    ``anchors_of`` gives a page's anchors (None: not checked). ``limits=False`` runs every scan
    even on a body over the limits (the benchmark's hostile inputs: each scan is linear anyway).
    ``among``: the token ``among`` gave for ``published`` and ``sources`` (a preview's)."""
    key = body_cache.Store.key(f"body{first_line}", path, body)
    kept = body_cache.current.get(key) if limits else None  # used: the store keeps it
    remembered = (path, body, first_line) if limits and _AMONG and among is _AMONG[0] else None
    if remembered is not None and (checked := _CHECKED.get(remembered)) is not None:
        _USED.add(remembered)
        found_links[body] = checked[1]
        return list(checked[0])
    links = _links(kept)
    if links is not None:  # its own checks passed in an earlier build: its links, as found then
        problems: list[Diagnostic] = []
        found, lines = links, None
    else:
        own, text, lines = _own_problems(path, body, first_line, limits)
        problems = list(own)
        if text is None:
            return problems  # too big: the other scans would only repeat it
        found = list(scan.links(text))
        if not problems and limits:
            body_cache.current.put(key, [[link.target, link.offset, link.image] for link in found])
    found_links[body] = found

    def error(offset: int, message: Message) -> None:
        line, column = (lines or scan.Lines.of(body, first_line)).where(offset)
        problems.append(Diagnostic(path, line, column, "error", "", message))

    looked_further = _check_links(path, found, root, published, sources, anchors_of, error)
    if not limits:
        anchors(body)
    if len(problems) > MAX_ERRORS:
        left_out = len(problems) - MAX_ERRORS
        last = problems[MAX_ERRORS - 1]
        more = Diagnostic(path, last.line, last.column, "error", "", say("body.more", count=left_out))
        problems = [*problems[:MAX_ERRORS], more]
    if remembered is not None and not looked_further:
        _CHECKED[remembered] = (tuple(problems), found)
        _USED.add(remembered)
    return problems


def _links(kept: object) -> list[scan.Link] | None:
    """The links kept for a body, if what was kept is a list of [target, offset, image]."""
    if not isinstance(kept, list):
        return None
    found = []
    for row in kept:
        if not (isinstance(row, list) and len(row) == 3):
            return None
        target, offset, image = row
        if not (isinstance(target, str) and type(offset) is int and isinstance(image, bool)):
            return None
        found.append(scan.Link(target, offset, image))
    return found


@lru_cache(maxsize=20_000)
def _own_problems(
    path: str, body: str, first_line: int, limits: bool
) -> tuple[tuple[Diagnostic, ...], str | None, scan.Lines]:
    """What a body alone can get wrong (no other page involved), and its prose for the link
    checks (None when it is over the limits). Cached: a preview's rebuilds check again only
    the bodies that changed."""
    problems: list[Diagnostic] = []
    lines = scan.Lines.of(body, first_line)

    def error(offset: int, message: Message) -> None:
        line, column = lines.where(offset)
        problems.append(Diagnostic(path, line, column, "error", "", message))

    if limits and len(body) > MAX_BODY_CHARS:
        error(0, say("body.too_long", length=len(body), maximum=MAX_BODY_CHARS))
        return tuple(problems), None, lines
    if found := control_character(body):
        error(found[0], say("body.control", name=found[1]))
    if _limits(body, lines, error) and limits:
        return tuple(problems), None, lines
    text = scan.prose(body)
    _check_headings(text, lines, error)
    _check_html(text, error)
    _check_attr_lists(text, error)
    return tuple(problems), text, lines


def _limits(body: str, lines: scan.Lines, error: Callable[[int, Message], None]) -> bool:
    """Report what is too long or too deep; True if anything was."""
    before = []
    headings = abbreviations = 0
    paragraph_start, brackets, definitions = 0, 0, 0
    for index, start in enumerate(lines.starts):
        end = lines.starts[index + 1] - 1 if index + 1 < len(lines.starts) else len(body)
        line = body[start:end]
        if len(line) > MAX_LINE_CHARS:
            before.append((start, say("body.line", length=len(line), maximum=MAX_LINE_CHARS)))
            continue
        stripped = line.lstrip(" \t>")
        quotes = line[: len(line) - len(stripped)].count(">")
        indent = len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4)) // 4
        if quotes + indent > MAX_NESTING:
            before.append((start, say("body.nesting", depth=quotes + indent, maximum=MAX_NESTING)))
        headings += line.startswith("#")
        abbreviations += line.startswith("*[")
        if not line.strip():
            paragraph_start, brackets, definitions = end + 1, 0, 0
            continue
        definitions += line.startswith(": ")
        if definitions == MAX_DEFINITIONS + 1 and line.startswith(": "):
            before.append((start, say("body.definitions", maximum=MAX_DEFINITIONS)))
        brackets += line.count("[") + line.count("<") + line.count("`")
        if brackets > MAX_BRACKETS:
            before.append((paragraph_start, say("body.brackets", maximum=MAX_BRACKETS)))
            brackets = -len(body)  # once a paragraph
    if abbreviations > MAX_ABBREVIATIONS:
        before.append((0, say("body.abbreviations", count=abbreviations, maximum=MAX_ABBREVIATIONS)))
    if headings > MAX_HEADINGS:
        before.append((0, say("body.headings", count=headings, maximum=MAX_HEADINGS)))
    for offset, message in before:
        error(offset, message)
    return bool(before)


def _check_headings(text: str, lines: scan.Lines, error: Callable[[int, Message], None]) -> None:
    """The page's title is its only <h1>: a '# ' heading in the body would be a second one."""
    for start in lines.starts:
        end = text.find("\n", start)
        line = text[start : end if end != -1 else len(text)]
        if line.startswith("# ") and scan.heading_text(line) is not None:
            error(start, say("body.h1"))


def _check_html(text: str, error: Callable[[int, Message], None]) -> None:
    for tag in scan.tags(text):
        if tag.closing:
            continue
        if tag.name not in TAGS:
            error(tag.offset, say("html.embed" if tag.name in _EMBEDS else "html.element", tag=tag.name))
            continue
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag.name, frozenset()) | {"class"}
        for name, value, offset in tag.attributes:
            if name.startswith("on"):
                error(offset, say("html.handler", name=name))
            elif name not in allowed:
                error(offset, say("html.attribute", name=name, tag=tag.name))
            elif name == "style" and not _alignment_only(value):
                error(offset, say("html.style", properties=", ".join(sorted(STYLE_PROPERTIES))))
            elif name in URL_ATTRIBUTES and not url_allowed(value, embedded=name == "src"):
                error(offset, _url_problem(value, embedded=name == "src"))


def _alignment_only(style: str) -> bool:
    declarations = [part for part in style.split(";") if part.strip()]
    return all(part.partition(":")[0].strip().lower() in STYLE_PROPERTIES for part in declarations)


def _scheme(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:  # "http://[a": not a URL at all
        return "invalid"


def _url_problem(url: str, *, embedded: bool) -> Message:
    scheme = _scheme(url)
    if scheme == "invalid":
        return say("url.not_url")
    if scheme and scheme not in SCHEMES:
        return say("url.scheme", scheme=scheme, safe=_SAFE)
    return say("url.embedded")


def _check_attr_lists(text: str, error: Callable[[int, Message], None]) -> None:
    for block in scan.attr_lists(text):
        for item, offset in block.items:
            key = item.partition("=")[0].lower()
            if "=" in item and key not in _ATTR_LIST_KEYS:
                allowed = ", ".join(sorted(_ATTR_LIST_KEYS))
                error(offset, say("attr_list.key", key=key, allowed=allowed))


def _check_links(
    path: str,
    links: list[scan.Link],
    root: Path,
    published: set[str],
    sources: set[str],
    anchors_of: Callable[[str], set[str] | None],
    error: Callable[[int, Message], None],
) -> bool:
    """Report the links' problems; returns whether that took more than the links, ``published``
    and ``sources``: another page's anchors, or the files there are."""
    folder, looked_further = posixpath.dirname(path), False
    for count, link in enumerate(links, start=1):
        if count > MAX_LINKS:
            error(link.offset, say("link.too_many", maximum=MAX_LINKS))
            return looked_further
        target, offset = link.target, link.offset
        if len(target) > MAX_TARGET_CHARS:
            error(offset, say("link.too_long", length=len(target), maximum=MAX_TARGET_CHARS))
            continue
        elsewhere, problem = _elsewhere(target, link.image)
        if elsewhere:
            if problem is not None:
                error(offset, problem)
            continue
        file_part, _, fragment = target.split("?", 1)[0].partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, file_part)) if file_part else path
        known = None
        if fragment and resolved.endswith(".md"):
            known, looked_further = anchors_of(resolved), True
        if known is not None and fragment not in known:
            if close := difflib.get_close_matches(fragment, known, n=1):
                error(offset, say("link.anchor_close", fragment=fragment, path=resolved, close=close[0]))
            else:
                error(offset, say("link.anchor", fragment=fragment, path=resolved))
        if not file_part:
            continue
        from_root = file_part.lstrip("/")
        if resolved not in sources:
            looked_further = True  # whether a file or a folder is there
        elsewhere = resolved not in sources and not _is_file(root / resolved)
        if elsewhere and from_root and (from_root in sources or _is_file(root / from_root)):
            # Written from the repository's root ("content/data.fr.md"), as GitHub shows paths.
            error(offset, say("link.from_root", target=target, relative=posixpath.relpath(from_root, folder)))
        elif resolved.startswith("../") or resolved == ".." or file_part.startswith("/"):
            error(offset, say("link.outside", target=target))
        elif resolved not in sources and _is_folder(root / resolved):  # a source is a file: no stat
            language = path.rsplit(".", 2)[-2]
            page = f"{file_part.rstrip('/')}/index.{language}.md"
            error(offset, say("link.folder", target=target, page=page))
        elif resolved.endswith(".md"):
            if problem := _page_problem(path, resolved, published, sources):
                error(offset, problem)
        elif not _is_file(root / resolved):
            error(offset, say("link.no_file", path=resolved))
    return looked_further


@lru_cache(maxsize=50_000)
def _elsewhere(target: str, image: bool) -> tuple[bool, Message | None]:
    """Whether a link leads out of the site's files (a scheme, '//', or an address refused),
    and why it is refused if it is. Cached: a preview checks every body's links each rebuild."""
    if _scheme(target) or target.startswith("//") or not url_allowed(target, embedded=image):
        return True, None if url_allowed(target, embedded=image) else _url_problem(target, embedded=image)
    return False, None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the file system refuses (too long, a NUL byte)
        return False


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _page_problem(path: str, resolved: str, published: set[str], sources: set[str]) -> Message | None:
    if resolved in published:
        language = path.rsplit(".", 2)[-2]
        if resolved.rsplit(".", 2)[-2] != language:
            return say("link.other_language", path=resolved, language=language)
        return None
    if resolved in sources:
        return say("link.unpublished", path=resolved)
    if close := difflib.get_close_matches(resolved, sources, n=1, cutoff=0.8):
        return say("link.missing_close", path=resolved, close=close[0])
    return say("link.missing", path=resolved)
