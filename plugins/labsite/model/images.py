"""The published forms of a raster image: resized copies at a few widths, in AVIF and WebP for
the browsers that read them and JPEG or PNG for any other, named after a hash of the source
and of these settings. Both languages share them: they lie once in the site's media folder.

Only the plan is here (names, widths, sizes); labsite.outputs.images makes the files."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

MEDIA_DIR = "media"  # at the site's root, for every language
WIDTHS = (480, 960, 1600)  # never more than the source's own width
MODERN = (("avif", "image/avif"), ("webp", "image/webp"))  # in the order a browser should prefer them
# What the files are made with: a change here names (and makes) every file anew.
SETTINGS = "2:avif q55 s10, webp q80 m4, jpeg q82 progressive, png optimize; exif transposed, srgb, no metadata"


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    format: str  # avif, webp, jpeg, png
    url: str  # from the site's root


@dataclass(frozen=True)
class Renditions:
    """Every published form of one source image."""

    source: str  # its path in the repository
    key: str  # hash of its bytes and SETTINGS: the cache's name for its files
    width: int  # the source's own size
    height: int
    fallback: str  # jpeg or png
    files: tuple[Rendition, ...]

    def of(self, fmt: str) -> tuple[Rendition, ...]:
        return tuple(r for r in self.files if r.format == fmt)

    @property
    def largest(self) -> Rendition:
        """The widest fallback: what a link to the image, a feed or JSON-LD gets."""
        return self.of(self.fallback)[-1]


def widths(width: int) -> tuple[int, ...]:
    """The widths to make of an image ``width`` pixels wide: the usual ones below it, and its own
    (or the largest usual one) at the top."""
    top = min(width, WIDTHS[-1])
    return (*(w for w in WIDTHS if w < top), top)


def plan(source: str, data_digest: str, width: int, height: int) -> Renditions:
    """The renditions of the image at ``source`` (repository path) whose bytes hash to
    ``data_digest`` (":alpha" after it: the image has transparency)."""
    key = hashlib.sha256(f"{data_digest}\n{SETTINGS}".encode()).hexdigest()[:20]
    path = PurePosixPath(source)
    fallback = "png" if data_digest.endswith(":alpha") else "jpeg"  # PNG only to keep transparency
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:40] or "image"
    files = []
    for fmt in (*(name for name, _ in MODERN), fallback):
        extension = "jpg" if fmt == "jpeg" else fmt
        for w in widths(width):
            h = max(1, round(height * w / width))
            files.append(Rendition(w, h, fmt, f"{MEDIA_DIR}/{stem}-{key[:10]}-{w}.{extension}"))
    return Renditions(source, key, width, height, fallback, tuple(files))
