"""Images in pages: a raster image is a <picture> of its renditions (labsite.model.images), AVIF
and WebP first, sized for the layout by ``sizes``; every <img> gets the width and height of the
file it shows, so a browser keeps its room while it loads and nothing below it moves."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from markupsafe import Markup

from labsite.common.urls import relative
from labsite.model.images import MODERN, Renditions

# Widths an image takes in each place of the layout (labsite.css), for the browser to pick a file.
BODY_SIZES = "(min-width: 76.25em) 42rem, (min-width: 45em) calc(100vw - 4rem), calc(100vw - 2.4rem)"
COVER_SIZES = BODY_SIZES
# A person's photo: 96 px in lists, 192 px on their own page (labsite.css; sizes reads rem as 16 px).
PHOTO_SIZES = "6rem"
PORTRAIT_SIZES = "12rem"


@dataclass(frozen=True)
class Sizes:
    """The ``sizes`` of the templates' images (``ls_sizes``)."""

    card: str = "(min-width: 76.25em) 20rem, (min-width: 45em) 50vw, 100vw"  # a project card's image
    thumb: str = "(min-width: 45em) 12rem, 100vw"  # a news row's image


SIZES = Sizes()

# An <img> as the sanitizer writes it: attributes in double quotes, values escaped.
_IMG = re.compile(r"<img\b[^>]*>")
_LINK = re.compile(r'(<a\b[^>]*\shref=")([^"]*)(")')
_ATTRIBUTE = re.compile(r'\s(src|width|height|loading|decoding|srcset|sizes)="[^"]*"')
_REPLACED = re.compile(r'\s(src|loading|decoding|srcset|sizes)="[^"]*"')
_SIZE = re.compile(r'\s(?:width|height)="')  # a quote inside a value is &quot;
_SRC = re.compile(r'\ssrc="([^"]*)"')
_ALT = re.compile(r'\salt="([^"]*)"')


def picture(
    renditions: Renditions, page_url: str, alt: str, sizes: str, *, lazy: bool = True, main: bool = False
) -> Markup:
    """The <picture> of an image on the page at ``page_url``. ``lazy``: it loads when scrolled
    near (below the first screen); ``main``: the page's own image, fetched first."""
    return Markup(_picture(renditions, page_url, Markup(' alt="{}"').format(alt), sizes, lazy, main))


def _srcset(renditions: Renditions, fmt: str, page_url: str) -> str:
    return ", ".join(f"{relative(page_url, r.url)} {r.width}w" for r in renditions.of(fmt))


def _picture(
    renditions: Renditions, page_url: str, attributes: str, sizes: str, lazy: bool, main: bool, sized: bool = True
) -> str:
    sources = "".join(
        f'<source type="{mime}" srcset="{_srcset(renditions, fmt, page_url)}" sizes="{sizes}">' for fmt, mime in MODERN
    )
    fallback = renditions.of(renditions.fallback)
    middle = fallback[min(1, len(fallback) - 1)]  # for the rare browser without srcset
    loading = ' loading="lazy" decoding="async"' if lazy and not main else ""
    priority = ' fetchpriority="high"' if main else ""
    dimensions = f' width="{renditions.width}" height="{renditions.height}"' if sized else ""
    img = (
        f'<img src="{relative(page_url, middle.url)}" srcset="{_srcset(renditions, renditions.fallback, page_url)}"'
        f' sizes="{sizes}"{attributes}{dimensions}{loading}{priority}>'
    )
    return f"<picture>{sources}{img}</picture>"


def responsive(
    body: str,
    folder: str,
    page_url: str,
    pictures: Mapping[str, Renditions],
    sizes: Mapping[str, tuple[int, int]],
) -> str:
    """``body`` (sanitized HTML of a page published in ``folder`` of its language's pass, at
    ``page_url``) with each raster image (``pictures``, by published path) as a <picture>,
    each other image (``sizes``) with its width and height, and links to a raster image
    leading to its largest rendition (the original is not published)."""
    if "<img" not in body and "<a" not in body:
        return body

    def target(url: str) -> str:
        path = unquote(html.unescape(url).split("#", 1)[0].split("?", 1)[0])
        return posixpath.normpath(posixpath.join(folder, path))

    def image(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if src is None:
            return tag
        found = target(src.group(1))
        if (renditions := pictures.get(found)) is not None:
            given = _SIZE.search(tag) is not None  # the contributor's width or height stays
            rest = (_REPLACED if given else _ATTRIBUTE).sub("", tag[4:].rstrip(">").rstrip("/").rstrip())
            rest += "" if _ALT.search(rest) else ' alt=""'
            return _picture(renditions, page_url, rest, BODY_SIZES, lazy=True, main=False, sized=not given)
        if (size := sizes.get(found)) is None or _SIZE.search(tag):
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} width="{size[0]}" height="{size[1]}">'

    def link(match: re.Match[str]) -> str:
        renditions = pictures.get(target(match.group(2)))
        if renditions is None or re.match(r"[a-z][a-z0-9+.-]*:|/", match.group(2)):
            return match.group(0)
        return f"{match.group(1)}{relative(page_url, renditions.largest.url)}{match.group(3)}"

    return _LINK.sub(link, _IMG.sub(image, body))
