"""Images keep their room while they load: width and height from the files they show."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from labsite.model.images import plan, widths
from labsite.render.images import BODY_SIZES, responsive
from labsite.render.standalone import standalone_html
from labsite.sources.assets import image_size

PHOTO = plan("projects/x/Photo 1.JPG", "ab" * 32, 3000, 2000)
PICTURES = {"projets/x/photo.jpg": PHOTO}
SIZES = {"projets/x/figure.svg": (640, 480), "img/logo.svg": (48, 48)}


def test_renditions_never_upscale_and_are_named_by_content() -> None:
    assert widths(3000) == (480, 960, 1600) and widths(1200) == (480, 960, 1200) and widths(300) == (300,)
    assert [r.url for r in PHOTO.of("avif")] == [f"media/photo-1-{PHOTO.key[:10]}-{w}.avif" for w in (480, 960, 1600)]
    assert PHOTO.fallback == "jpeg" and PHOTO.largest.url.endswith("-1600.jpg") and PHOTO.largest.height == 1067
    assert plan("a/cover.png", "cd" * 32, 800, 400).fallback == "jpeg"  # no transparency: a JPEG will do
    assert plan("a/logo.png", "cd" * 32 + ":alpha", 800, 400).fallback == "png"
    assert plan("b/photo.jpg", "ab" * 32, 3000, 2000).key == PHOTO.key  # same bytes, same files


def test_a_body_image_becomes_a_picture_of_its_renditions() -> None:
    body = '<p><img alt="A &quot;photo&quot;" class="wide" src="photo.jpg" title="t"></p>'
    out = responsive(body, "projets/x", "projets/x/", PICTURES, SIZES)
    assert out.startswith('<p><picture><source type="image/avif" srcset="../../media/photo-1-')
    assert out.index('type="image/avif"') < out.index('type="image/webp"') < out.index("<img ")
    img = out[out.index("<img ") :]
    assert f'src="../../media/photo-1-{PHOTO.key[:10]}-960.jpg"' in img and f'sizes="{BODY_SIZES}"' in img
    assert ' alt="A &quot;photo&quot;" class="wide"' in img and ' title="t"' in img
    assert 'width="3000" height="2000" loading="lazy" decoding="async">' in img and img.endswith("</picture></p>")


def test_other_images_get_their_size_and_links_to_photos_their_largest_rendition() -> None:
    body = (
        '<p><img alt="Figure" src="figure.svg"> <img alt="a" src="../../img/logo.svg" />'
        '<a href="photo.jpg">full size</a> <a href="https://example.org/photo.jpg">elsewhere</a></p>'
    )
    assert responsive(body, "projets/x", "projets/x/", PICTURES, SIZES) == (
        '<p><img alt="Figure" src="figure.svg" width="640" height="480">'
        ' <img alt="a" src="../../img/logo.svg" width="48" height="48">'
        f'<a href="../../media/photo-1-{PHOTO.key[:10]}-1600.jpg">full size</a>'
        ' <a href="https://example.org/photo.jpg">elsewhere</a></p>'
    )


def test_a_given_size_an_unknown_file_and_other_text_are_left_alone() -> None:
    body = (
        '<p><img alt="x" src="figure.svg" width="100"><img alt="y" src="elsewhere.png">'
        '<code>&lt;img src="figure.svg"&gt;</code></p>'
    )
    assert responsive(body, "projets/x", "projets/x/", PICTURES, SIZES) == body


def test_image_sizes_are_read_from_the_files(tmp_path: Path) -> None:
    Image.new("RGB", (30, 20)).save(tmp_path / "a.png")
    files = {
        "sized.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="32" viewBox="0 0 8 4"/>',
        "box.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0, 0, 48.4, 24"/>',
        "bare.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        "doc.pdf": "%PDF-1.4\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert image_size(tmp_path / "a.png") == (30, 20)
    assert image_size(tmp_path / "sized.svg") == (64, 32)
    assert image_size(tmp_path / "box.svg") == (48, 24)
    assert image_size(tmp_path / "bare.svg") == (300, 150)  # as a browser draws it
    assert image_size(tmp_path / "doc.pdf") is None


def test_feeds_and_job_boards_get_a_plain_image_with_an_absolute_address() -> None:
    body = responsive('<p><img alt="A photo" src="photo.jpg"></p>', "projets/x", "projets/x/", PICTURES, SIZES)
    alone = standalone_html(body, "https://lab.example.org/projets/x/")
    assert alone == (
        f'<p><img src="https://lab.example.org/media/photo-1-{PHOTO.key[:10]}-960.jpg"'
        ' alt="A photo" width="3000" height="2000"></p>'
    )
