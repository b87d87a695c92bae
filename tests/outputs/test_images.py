"""Images go online as renditions made once for the site: upright, in sRGB, with no metadata,
at widths that fit the layout, cached and shared by both languages."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image, ImageCms

from labsite.model.images import plan
from labsite.outputs import images
from tests.conftest import FIXTURE_FILES, REPO, build, item_page, run_labsite, write_site

PHONE_PHOTO = REPO / "tests" / "data" / "gps-rotated.jpg"  # 40x20, EXIF orientation 6, GPS, camera, artist, XMP
PRIVATE = (b"Camille Martin", b"PhoneMaker", b"Model X", b"xmpmeta")


def site_with_photo(root: Path) -> Path:
    files = {
        **FIXTURE_FILES,
        "projects/heart-ai/index.yml": f"{FIXTURE_FILES['projects/heart-ai/index.yml']}image: photo.jpg\n",
        "projects/heart-ai/photo.jpg": PHONE_PHOTO.read_bytes(),
        "projects/heart-ai/index.fr.md": item_page("Cœur & IA", "Un projet.", "Texte.", image_alt="Une photo"),
        "projects/heart-ai/index.en.md": item_page("Heart & AI", "A project.", "Text.", image_alt="A photo"),
    }
    return write_site(root, files)


def test_a_phone_photo_goes_online_upright_and_without_its_metadata(tmp_path: Path) -> None:
    site = build(site_with_photo(tmp_path))
    published = sorted((site / "media").glob("photo-*"))
    assert {p.suffix for p in published} == {".avif", ".webp", ".jpg"}, published
    for path in published:
        data = path.read_bytes()
        assert not any(secret in data for secret in PRIVATE), path.name
        with Image.open(path) as image:
            assert image.size == (20, 40), path.name  # the orientation applied: a portrait
            assert not image.getexif() and "icc_profile" not in image.info and "xmp" not in image.info, path.name
            rgb = image.convert("RGB")
            top, bottom = rgb.getpixel((10, 8)), rgb.getpixel((10, 32))
            assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0], (path.name, top, bottom)  # red above blue
    # The original is published nowhere; each page shows the renditions at the portrait's size.
    assert not list(site.rglob("photo.jpg"))
    for page in ("projets/heart-ai/index.html", "en/projects/heart-ai/index.html"):
        cover = re.search(r'<figure class="ls-cover"><picture>.*?</picture></figure>', (site / page).read_text())
        assert cover and 'width="20" height="40"' in cover[0] and 'fetchpriority="high"' in cover[0], page
        assert "loading=" not in cover[0]  # the page's main image is not deferred


def test_renditions_are_made_once_and_shared_by_both_languages(tmp_path: Path) -> None:
    config = site_with_photo(tmp_path)
    first = run_labsite(config, "build")
    assert "Images: 1 made, 0 reused" in first.stderr, first.stderr
    site = tmp_path / "site"
    assert not (site / "en" / "media").exists() and len(list((site / "media").glob("photo-*"))) == 3
    assert "../../../media/photo-" in (site / "en/projects/heart-ai/index.html").read_text()
    again = run_labsite(config, "build")
    assert "Images: 0 made, 1 reused" in again.stderr, again.stderr


def test_a_planted_cache_entry_is_made_again(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    Image.new("RGB", (600, 300), "teal").save(source)
    other = tmp_path / "other.png"
    Image.new("RGB", (300, 600), "navy").save(other)
    renditions = (plan("photo.jpg", "11" * 32, 600, 300), plan("other.png", "22" * 32 + ":alpha", 300, 600))
    cache = tmp_path / "cache"
    stats = images.ensure(renditions, tmp_path, cache, workers=2)  # two images: made in parallel
    assert (stats.made, stats.reused, stats.files) == (2, 0, 9)
    planted = cache / images.cache_name(renditions[0], renditions[0].files[0].url)
    planted.write_bytes(b"<script>")  # a file under the cache's name, not what was made
    assert images.ensure(renditions, tmp_path, cache, workers=1).made == 1
    assert planted.read_bytes().startswith(b"\x00\x00\x00")  # an AVIF box again
    images.publish(renditions, cache, tmp_path / "site")
    with Image.open(tmp_path / "site" / renditions[1].largest.url) as largest:
        assert largest.size == (300, 600) and largest.format == "PNG"


def test_an_embedded_colour_profile_is_applied_then_dropped() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = Image.new("RGB", (8, 8), (200, 120, 40))
    encoded = io.BytesIO()
    source.save(encoded, "PNG", icc_profile=profile)
    with Image.open(encoded) as opened:
        assert opened.info.get("icc_profile")
        clean = images.prepared(opened)
    assert "icc_profile" not in clean.info and clean.mode == "RGB"
    assert all(abs(a - b) <= 2 for a, b in zip(clean.getpixel((4, 4)), (200, 120, 40), strict=True))
