"""Images keep their room while they load: width and height from the files they show."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from labsite.render.images import sized
from labsite.sources.assets import image_size

SIZES = {"projets/x/figure.png": (640, 480), "img/logo.svg": (48, 48)}


def test_body_images_get_the_size_of_the_file_they_show() -> None:
    body = (
        '<p><img alt="Figure" src="figure.png"> <img alt="a" src="../../img/logo.svg" />'
        '<img alt="b" src="figure%2Epng?v=2#top"></p>'
    )
    assert sized(body, "projets/x", SIZES) == (
        '<p><img alt="Figure" src="figure.png" width="640" height="480">'
        ' <img alt="a" src="../../img/logo.svg" width="48" height="48">'
        '<img alt="b" src="figure%2Epng?v=2#top" width="640" height="480"></p>'
    )


def test_a_given_size_an_unknown_file_and_other_text_are_left_alone() -> None:
    body = (
        '<p><img alt="x" src="figure.png" width="100"><img alt="y" src="elsewhere.png">'
        '<code>&lt;img src="figure.png"&gt;</code></p>'
    )
    assert sized(body, "projets/x", SIZES) == body


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
