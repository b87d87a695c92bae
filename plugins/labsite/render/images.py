"""Images in page bodies, given the size of the file they show: a browser then keeps their
room while they load, and nothing below them moves."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from urllib.parse import unquote

# An <img> as the sanitizer writes it: attributes in double quotes, values escaped.
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')
_SIZED = re.compile(r"\s(?:width|height)=")


def sized(body: str, folder: str, sizes: Mapping[str, tuple[int, int]]) -> str:
    """``body`` (sanitized HTML of a page published in ``folder``) with width and height on each
    <img> showing an image of ``sizes`` (by published path) that has neither yet."""

    def size(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if src is None or _SIZED.search(tag):
            return tag
        target = unquote(html.unescape(src.group(1)).split("#", 1)[0].split("?", 1)[0])
        found = sizes.get(posixpath.normpath(posixpath.join(folder, target)))
        if found is None:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} width="{found[0]}" height="{found[1]}">'

    return _IMG.sub(size, body) if "<img" in body else body
