"""The renditions of the site's raster images (labsite.model.images), made with Pillow.

Each is drawn from the source turned upright (its EXIF orientation applied), converted to sRGB,
and saved with no metadata at all: no EXIF (GPS position, camera, author), XMP, IPTC or colour
profile goes online. They are cached under their key, like the cards, so an unchanged image
is made once; the missing ones are made in parallel, one process an image.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from labsite.model.images import Renditions
from labsite.outputs import cache
from labsite.sources.assets import transparent

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_OPTIONS = {
    "avif": {"quality": 55, "speed": 10},
    "webp": {"quality": 80, "method": 4},
    "jpeg": {"quality": 82, "progressive": True, "optimize": True},
    "png": {"optimize": True},
}


def prepared(source: Image.Image) -> Image.Image:
    """``source`` upright, in sRGB, as RGB (or RGBA if it has transparency), with no metadata."""
    image = ImageOps.exif_transpose(source)
    mode = "RGBA" if transparent(image) else "RGB"
    profile = image.info.get("icc_profile")
    converted = None
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):  # the modes a profile describes
        try:
            embedded = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, embedded, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: its pixels are taken as sRGB, as browsers do
    if converted is not None and mode == "RGBA":
        converted.putalpha(image.getchannel("A"))
    image = (converted or image).convert(mode)
    clean = Image.new(image.mode, image.size)
    clean.paste(image)  # a new image: no info, EXIF or profile carried over
    return clean


def _make(renditions: Renditions, source: str, folder: str) -> None:
    """Every file of ``renditions`` into the cache ``folder``, each written whole or not at all."""
    with Image.open(source) as opened:
        image = prepared(opened)
    resized: dict[int, Image.Image] = {}
    for rendition in renditions.files:
        if rendition.width not in resized:
            size = (rendition.width, rendition.height)
            resized[rendition.width] = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        resized[rendition.width].save(out, rendition.format.upper(), **_OPTIONS[rendition.format])
        cache.write(Path(folder) / cache_name(renditions, rendition.url), out.getvalue())


def cache_name(renditions: Renditions, url: str) -> str:
    return f"{renditions.key}-{url.rsplit('-', 1)[1]}"  # key-<width>.<ext>


VERIFIED = "verified.json"  # the stamps of the renditions verified by the last build


@dataclass
class ImageStats:
    made: int = 0  # images whose renditions were made
    reused: int = 0  # images whose renditions were all in the cache


def ensure(images: tuple[Renditions, ...], root: Path, cache_dir: Path, workers: int) -> ImageStats:
    """Make the renditions missing from the cache (sources are read from ``root``)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache.recall(cache_dir, VERIFIED)
    unique = list({r.key: r for r in images}.values())  # the same image in two folders is made once
    # Paths as strings: pathlib's were most of the time a rebuild spent here (thousands of renditions).
    folder = str(cache_dir)
    entries = {r.key: [f"{folder}/{cache_name(r, f.url)}" for f in r.files] for r in unique}
    missing = [r for r in unique if not all(cache.trusted(entry) for entry in entries[r.key])]
    stats = ImageStats(made=len(missing), reused=len(unique) - len(missing))
    jobs = [(r, str(root / r.source), folder) for r in missing]
    if len(jobs) > 1 and workers > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=get_context("spawn")) as pool:
            list(pool.map(_make, *zip(*jobs, strict=True)))
    else:
        for job in jobs:
            _make(*job)
    for made in missing:
        for entry in entries[made.key]:
            cache.noted(Path(entry))
    cache.remember(cache_dir, VERIFIED, (entry for r in unique for entry in entries[r.key]))
    return stats


def publish(images: tuple[Renditions, ...], cache_dir: Path, site_dir: Path) -> None:
    """Put every rendition into the site, once for both languages."""
    made: set[str] = set()
    for renditions in images:
        for rendition in renditions.files:
            target = os.path.join(site_dir, rendition.url)
            if not os.path.exists(target):
                if (parent := os.path.dirname(target)) not in made:
                    os.makedirs(parent, exist_ok=True)
                    made.add(parent)
                cache.place(cache_dir / cache_name(renditions, rendition.url), Path(target))
