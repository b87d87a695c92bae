"""Social-share cards: a 1200x630 PNG per page, drawn with Pillow from the committed Inter font.

No network, no cairo. A card is cached under a key made of exactly what it draws (its texts,
the template version, the font files and the image's bytes), so an unchanged page reuses
its PNG across builds, and the same input always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from multiprocessing import get_context
from pathlib import Path
from types import MappingProxyType

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, ImageOps

from labsite.common import digests
from labsite.outputs import cache as cache_files
from labsite.outputs.images import prepared
from labsite.render.share import CARD_HEIGHT, CARD_WIDTH

TEMPLATE_VERSION = "4"  # bump when the drawing below changes
WIDTH, HEIGHT = CARD_WIDTH, CARD_HEIGHT  # where pages announce them (og:image:width...)
FONTS = Path(__file__).parents[1] / "fonts"
TITLE_FONT, TEXT_FONT = FONTS / "InterDisplay-Bold.otf", FONTS / "Inter-Regular.otf"
MARGIN = 80
MAX_TITLE_LINES = 3
BLUE, BLUE_LIGHT, SAND, YELLOW, TERRACOTTA, WHITE = "#16324f", "#24507c", "#f6f1e9", "#f2b705", "#b4441c", "#ffffff"


@dataclass(frozen=True)
class CardSpec:
    """Everything a card shows; its key is the hash of exactly this (and the fonts, image bytes)."""

    wordmark: str
    kind: str  # "Projet", "Offre d'emploi"... or "" for a plain page
    title: str
    subtitle: str
    site: str  # the site's host, printed at the bottom
    image: str | None = None  # absolute path of the item's image, drawn on the right

    def key(self) -> str:
        image = Path(self.image).stat() if self.image else None
        return _key(self, (image.st_mtime_ns, image.st_size) if image else None)


_DRAWN = tuple(f.name for f in fields(CardSpec))  # texts only: asdict() would deep-copy them, a card a page


@lru_cache(maxsize=100_000)
def _key(spec: CardSpec, image_stamp: tuple[int, int] | None) -> str:
    """The hash of what a card draws; the image is hashed again only when it changed."""
    del image_stamp  # part of the cache key only
    digest = hashlib.sha256()
    drawn = {name: getattr(spec, name) for name in _DRAWN} | {"image": None}  # the image by its digest, below
    digest.update(json.dumps([TEMPLATE_VERSION, drawn], ensure_ascii=False).encode())
    digest.update(_fonts_digest())
    if spec.image:
        digest.update(digests.sha256(spec.image).encode())  # hashed once a build, with the image's other uses
    return digest.hexdigest()[:32]


@cache
def _fonts_digest() -> bytes:
    return hashlib.sha256(TITLE_FONT.read_bytes() + TEXT_FONT.read_bytes()).digest()


@cache
def _coverage(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def drawable(text: str, font: Path = TITLE_FONT) -> str:
    """The text without the characters the font lacks (emoji...), which would draw as boxes."""
    covered = _coverage(font)
    kept = "".join(c if ord(c) in covered or c in " \n" else " " for c in text)
    return " ".join(kept.split())


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@lru_cache(maxsize=50_000)
def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """Width of a text in pixels; titles share most of their words, so this is worth caching."""
    return font.getlength(text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; beyond ``max_lines`` the last line ends in an ellipsis
    after its last whole word that fits."""
    space = _length(font, " ")
    lines: list[tuple[str, float]] = []  # (text, width)
    for word in text.split():
        size = _length(font, word)
        while size > width:  # a word wider than the line: cut it
            cut = max([i for i in range(1, len(word)) if font.getlength(word[:i]) <= width] or [1])
            lines.append((word[:cut], font.getlength(word[:cut])))
            word = word[cut:]
            size = font.getlength(word)
        if lines and lines[-1][1] + space + size <= width:
            lines[-1] = (f"{lines[-1][0]} {word}", lines[-1][1] + space + size)
        else:
            lines.append((word, size))
    if len(lines) <= max_lines:
        return [line for line, _ in lines]
    last = lines[max_lines - 1][0]
    while font.getlength(last + "…") > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    while last and font.getlength(last + "…") > width:  # one word wider than the line
        last = last[:-1]
    return [line for line, _ in lines[: max_lines - 1]] + [last.rstrip(" ,;:.") + "…"]


def _mark(draw: ImageDraw.ImageDraw, dot: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The lab's mark: a ring, a curve (on ``draw``) and a point (on ``dot``), as in logo.svg."""

    def at(*points: float) -> tuple[float, ...]:
        return tuple(x + p * size if i % 2 == 0 else y + p * size for i, p in enumerate(points))

    line = max(2, size // 15)
    draw.ellipse(at(0, 0, 1, 1), outline=255, width=line)
    draw.arc(at(0.18, 0.32, 0.82, 1.0), 200, 340, fill=255, width=line)
    dot.ellipse(at(0.41, 0.23, 0.59, 0.41), fill=255)


def logo(size: int = 256) -> bytes:
    """A square raster logo, for the Organization JSON-LD (search engines want a bitmap)."""
    ink, dot = Image.new("L", (size, size), 0), Image.new("L", (size, size), 0)
    _mark(ImageDraw.Draw(ink), ImageDraw.Draw(dot), size // 8, size // 8, size * 3 // 4)
    image = Image.new("RGB", (size, size), BLUE)
    image.paste(WHITE, mask=ink)
    image.paste(YELLOW, mask=dot)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


# The card is drawn as palette indices, 1 byte a pixel: PNG encodes that several times faster
# than RGB (zlib dominates a card's cost) and the files are smaller. Each ink gets a ramp of
# 64 shades from the background to the ink, so text stays anti-aliased; then come plain
# colours, then the item's photo reduced to 60 colours.
RAMP = 64
INKS = (WHITE, YELLOW, SAND)
BAR, RULE = 3 * RAMP, 3 * RAMP + 1  # palette indices of the left bar and the bottom rule
PHOTO_BASE, PHOTO_COLOURS = 3 * RAMP + 4, 60


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@cache
def _palette() -> tuple[int, ...]:
    background = _rgb(BLUE)
    palette: list[int] = []
    for ink in map(_rgb, INKS):
        for shade in range(RAMP):
            palette += [round(b + (i - b) * shade / (RAMP - 1)) for b, i in zip(background, ink, strict=True)]
    palette += [*_rgb(TERRACOTTA), *_rgb(BLUE_LIGHT), 0, 0, 0, 0, 0, 0]
    return tuple(palette)


_INKED = tuple(255 if value else 0 for value in range(256))


@cache
def _ramp(ink: int) -> tuple[int, ...]:
    """Coverage 0-255 of an ink -> palette index of that shade."""
    return tuple(ink * RAMP + round(value * (RAMP - 1) / 255) for value in range(256))


def render(spec: CardSpec) -> bytes:
    """The card as PNG bytes."""
    layers = [Image.new("L", (WIDTH, HEIGHT), 0) for _ in INKS]  # coverage of each ink
    white, yellow, sand = (ImageDraw.Draw(layer) for layer in layers)
    text_right = WIDTH - MARGIN - (420 + 60 - MARGIN if spec.image else 0)
    _mark(white, yellow, MARGIN, 60, 44)
    white.text((MARGIN + 62, 64), drawable(spec.wordmark, TEXT_FONT), font=_font(TEXT_FONT, 32), fill=255)
    y = 170
    if spec.kind:
        yellow.text((MARGIN, y), drawable(spec.kind, TITLE_FONT).upper(), font=_font(TITLE_FONT, 28), fill=255)
        y += 56
    title_font = _font(TITLE_FONT, 62)
    for line in wrap(drawable(spec.title), title_font, text_right - MARGIN, MAX_TITLE_LINES):
        white.text((MARGIN, y), line, font=title_font, fill=255)
        y += 76
    if spec.subtitle:
        subtitle = wrap(drawable(spec.subtitle, TEXT_FONT), _font(TEXT_FONT, 32), text_right - MARGIN, 1)
        sand.text((MARGIN, y + 18), subtitle[0] if subtitle else "", font=_font(TEXT_FONT, 32), fill=255)
    sand.text((MARGIN, HEIGHT - 78), drawable(spec.site, TEXT_FONT), font=_font(TEXT_FONT, 28), fill=255)

    index = Image.new("L", (WIDTH, HEIGHT), 0)  # palette indices; 0 is the background
    for ink, layer in enumerate(layers):
        if box := layer.getbbox():  # only where that ink was drawn
            region = layer.crop(box)
            index.paste(region.point(_ramp(ink)), box, mask=region.point(_INKED))
    marks = ImageDraw.Draw(index)
    marks.rectangle((0, 0, 14, HEIGHT), fill=BAR)
    marks.line((MARGIN, HEIGHT - 96, text_right, HEIGHT - 96), fill=RULE, width=2)
    palette = list(_palette())
    if spec.image:
        with Image.open(spec.image) as source:  # upright and in sRGB, as on the pages
            photo = ImageOps.fit(prepared(source).convert("RGB"), (420, HEIGHT), Image.Resampling.LANCZOS)
        reduced = photo.quantize(PHOTO_COLOURS, method=Image.Quantize.FASTOCTREE)
        palette += reduced.getpalette()[: 3 * PHOTO_COLOURS]
        shifted = Image.frombytes("L", reduced.size, reduced.tobytes()).point(lambda i: i + PHOTO_BASE)
        index.paste(shifted, (WIDTH - 420, 0))
    card = Image.frombytes("P", (WIDTH, HEIGHT), index.tobytes())
    card.putpalette(palette)
    out = io.BytesIO()
    card.save(out, "PNG", compress_level=3)  # zlib is most of a card's cost: level 3 is the fast end
    return out.getvalue()


def _render_to(spec: CardSpec, path: str) -> None:
    cache_files.write(Path(path), render(spec))


_PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _is_card(data: bytes) -> bool:
    size = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return data.startswith(_PNG_HEADER) and size == (WIDTH, HEIGHT)


def trusted(path: Path) -> bool:
    """Whether a cache entry is a card this code wrote (labsite.outputs.cache), a PNG of a card's size."""
    return cache_files.trusted(path, _is_card)


@dataclass
class CardStats:
    rendered: int = 0
    reused: int = 0


def ensure(
    specs: dict[str, CardSpec],
    cache_dir: Path,
    workers: int,
    record: str = "verified.json",
    shown: Mapping[str, Path] = MappingProxyType({}),
) -> tuple[dict[str, Path], CardStats]:
    """Cached PNG of every card (name -> path in the cache), rendering the missing ones in
    parallel; ``record``: where the stamps of the cards verified are kept (a file a process);
    ``shown``: the files of the cards a preview's folder shows, by name (checked then)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache_files.recall(cache_dir, record)
    folder, paths = str(cache_dir), {}
    for name, spec in specs.items():
        # A card the preview shows already keeps its path: making thousands again was most of this.
        where, known = f"{folder}/{spec.key()}.png", shown.get(name)
        paths[name] = known if known is not None and str(known) == where else Path(where)
    missing = {
        str(paths[name]): spec
        for name, spec in specs.items()
        if shown.get(name) is not paths[name] and not trusted(paths[name])
    }
    stats = CardStats(rendered=len(missing), reused=len(specs) - len(missing))
    if len(missing) > 1 and workers > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            list(pool.map(_render_to, missing.values(), missing.keys()))
    else:
        for path, spec in missing.items():
            _render_to(spec, path)
    for path in missing:
        cache_files.noted(Path(path))
    cache_files.remember(cache_dir, record, paths.values())
    return paths, stats


def copy(paths: dict[str, Path], destination: Path, shown: Mapping[str, Path] = MappingProxyType({})) -> None:
    """Put the cached cards into the site (name is the path inside ``destination``); a card
    already there from the same cache file (a preview's rebuild: ``shown`` says which if known)
    is left as it is."""
    made: set[Path] = set()
    for name, source in paths.items():
        if shown.get(name) == source:
            continue
        target = destination / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        try:
            os.link(source, target)  # a new site: no card there yet
            continue
        except FileExistsError:
            there, ours = target.stat(), source.stat()
            if there.st_mtime_ns >= ours.st_mtime_ns and there.st_size == ours.st_size:
                continue
        except OSError:
            pass  # no hard links here: a copy
        cache_files.place(source, target)
