"""Images go online as renditions made once for the site: upright, in sRGB, with no metadata,
at widths that fit the layout, cached and shared by both languages."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image, ImageCms

from labsite.model.images import plan
from labsite.outputs import images
from labsite.sources.assets import transparent
from tests.conftest import FIXTURE_FILES, REPO, build, item_page, page, run_labsite, write_site

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
    for path in ("projets/heart-ai/index.html", "en/projects/heart-ai/index.html"):
        cover = re.search(r'<figure class="ls-cover"><picture>.*?</picture></figure>', (site / path).read_text())
        assert cover and 'width="20" height="40"' in cover[0] and 'fetchpriority="high"' in cover[0], path
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
    assert (stats.made, stats.reused) == (2, 0)
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


def test_images_in_a_text_and_links_to_them_pass_a_strict_build(tmp_path: Path) -> None:
    """A content page's image and a link to it: MkDocs still resolves them (no warning, so
    `--strict` passes), the page shows renditions, and a size the contributor gave stays."""
    png, gif = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (50, 30), "red").save(png, "PNG")
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:])
    body = '![Un schéma](img/x.png)\n\n![Petit](img/x.png){ width="20" }\n\n[en grand](img/x.png) ![anim](img/a.gif)'
    files = {
        **FIXTURE_FILES,
        "content/img/x.png": png.getvalue(),
        "content/img/a.gif": gif.getvalue(),
        "content/about.fr.md": page("À propos", "a-propos", body),
    }
    site = build(write_site(tmp_path, files), "--strict")
    html = (site / "a-propos/index.html").read_text(encoding="utf-8")
    pictures = re.findall(r"<picture>.*?</picture>", html)
    assert len(pictures) == 2 and 'width="50" height="30"' in pictures[0] and 'alt="Un schéma"' in pictures[0]
    assert 'width="20"' in pictures[1] and 'height="30"' not in pictures[1]  # the contributor's size
    assert re.search(r'<a href="\.\./media/x-\w+-50\.jpg">en grand</a>', html)
    assert '<img alt="anim" src="../img/a.gif" width="8" height="8"' in html  # an animation stays as it is
    assert (site / "img/a.gif").is_file() and not (site / "img/x.png").exists()


def test_the_same_image_in_two_folders_is_made_once(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    Image.new("RGB", (60, 30), "teal").save(source)
    (tmp_path / "b.jpg").write_bytes(source.read_bytes())
    twins = (plan("a.jpg", "33" * 32, 60, 30), plan("b.jpg", "33" * 32, 60, 30))
    assert images.ensure(twins, tmp_path, tmp_path / "cache", workers=2).made == 1


def test_only_an_image_with_a_see_through_pixel_keeps_a_png_fallback() -> None:
    opaque, clear = Image.new("RGBA", (4, 4), (1, 2, 3, 255)), Image.new("RGBA", (4, 4), (1, 2, 3, 255))
    clear.putpixel((0, 0), (0, 0, 0, 0))
    assert not transparent(opaque) and transparent(clear) and not transparent(Image.new("RGB", (4, 4)))
    assert images.prepared(opaque).mode == "RGB" and images.prepared(clear).mode == "RGBA"
