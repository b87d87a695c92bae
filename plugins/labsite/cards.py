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
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, ImageOps

TEMPLATE_VERSION = "1"  # bump when the drawing below changes
WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent / "fonts"
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
        digest = hashlib.sha256()
        digest.update(json.dumps([TEMPLATE_VERSION, asdict(self) | {"image": None}], ensure_ascii=False).encode())
        digest.update(_fonts_digest())
        if self.image:
            digest.update(Path(self.image).read_bytes())
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


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; beyond ``max_lines`` the last line ends in an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        while font.getlength(word) > width:  # a word wider than the line: cut it
            cut = max([i for i in range(1, len(word)) if font.getlength(word[:i]) <= width] or [1])
            lines, word = _push(lines, word[:cut], font, width), word[cut:]
        lines = _push(lines, word, font, width)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    return [*lines[: max_lines - 1], last.rstrip(" ,;:.") + "…"]


def _push(lines: list[str], word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    if lines and font.getlength(f"{lines[-1]} {word}") <= width:
        return [*lines[:-1], f"{lines[-1]} {word}"]
    return [*lines, word]


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The lab's mark: a ring, a curve and a yellow point (as in theme_overrides' logo.svg)."""

    def at(*points: float) -> tuple[float, ...]:
        return tuple(x + p * size if i % 2 == 0 else y + p * size for i, p in enumerate(points))

    line = max(2, size // 15)
    draw.ellipse(at(0, 0, 1, 1), outline=WHITE, width=line)
    draw.arc(at(0.18, 0.32, 0.82, 1.0), 200, 340, fill=WHITE, width=line)
    draw.ellipse(at(0.41, 0.23, 0.59, 0.41), fill=YELLOW)


def logo(size: int = 256) -> bytes:
    """A square raster logo, for the Organization JSON-LD (search engines want a bitmap)."""
    image = Image.new("RGB", (size, size), BLUE)
    _mark(ImageDraw.Draw(image), size // 8, size // 8, size * 3 // 4)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def render(spec: CardSpec) -> bytes:
    """The card as PNG bytes."""
    card = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    draw = ImageDraw.Draw(card)
    text_right = WIDTH - MARGIN
    if spec.image:
        with Image.open(spec.image) as source:
            photo = ImageOps.fit(source.convert("RGB"), (420, HEIGHT), Image.Resampling.LANCZOS)
        card.paste(photo, (WIDTH - 420, 0))
        text_right = WIDTH - 420 - 60
    draw.rectangle((0, 0, 14, HEIGHT), fill=TERRACOTTA)
    _mark(draw, MARGIN, 60, 44)
    draw.text((MARGIN + 62, 64), drawable(spec.wordmark, TEXT_FONT), font=_font(TEXT_FONT, 32), fill=WHITE)
    y = 170
    if spec.kind:
        draw.text((MARGIN, y), drawable(spec.kind, TITLE_FONT).upper(), font=_font(TITLE_FONT, 28), fill=YELLOW)
        y += 56
    title_font = _font(TITLE_FONT, 62)
    for line in wrap(drawable(spec.title), title_font, text_right - MARGIN, MAX_TITLE_LINES):
        draw.text((MARGIN, y), line, font=title_font, fill=WHITE)
        y += 76
    if spec.subtitle:
        subtitle = wrap(drawable(spec.subtitle, TEXT_FONT), _font(TEXT_FONT, 32), text_right - MARGIN, 1)
        draw.text((MARGIN, y + 18), subtitle[0] if subtitle else "", font=_font(TEXT_FONT, 32), fill=SAND)
    draw.line((MARGIN, HEIGHT - 96, text_right, HEIGHT - 96), fill=BLUE_LIGHT, width=2)
    draw.text((MARGIN, HEIGHT - 78), drawable(spec.site, TEXT_FONT), font=_font(TEXT_FONT, 28), fill=SAND)
    out = io.BytesIO()
    card.save(out, "PNG", optimize=False)
    return out.getvalue()


def _render_to(spec: CardSpec, path: str) -> None:
    temporary = f"{path}.{os.getpid()}.tmp"
    Path(temporary).write_bytes(render(spec))
    os.replace(temporary, path)  # never a half-written card in the cache


@dataclass
class CardStats:
    rendered: int = 0
    reused: int = 0


def ensure(specs: dict[str, CardSpec], cache_dir: Path, workers: int) -> tuple[dict[str, Path], CardStats]:
    """Cached PNG of every card (name -> path in the cache), rendering the missing ones in parallel."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: cache_dir / f"{spec.key()}.png" for name, spec in specs.items()}
    missing = {str(paths[name]): spec for name, spec in specs.items() if not paths[name].is_file()}
    stats = CardStats(rendered=len(missing), reused=len(specs) - len(missing))
    if len(missing) > 1 and workers > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            list(pool.map(_render_to, missing.values(), missing.keys()))
    else:
        for path, spec in missing.items():
            _render_to(spec, path)
    return paths, stats


def copy(paths: dict[str, Path], destination: Path) -> None:
    """Put the cached cards into the site (name is the path inside ``destination``)."""
    for name, source in paths.items():
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
