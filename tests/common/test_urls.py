from __future__ import annotations

import pytest

from labsite.common.urls import absolute, relative


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("", "en/", "en/"),
        ("en/", "", "../"),
        ("a-propos/", "en/about/", "../en/about/"),
        ("en/projects/x/", "projets/x/", "../../../projets/x/"),
        ("contact/", "contact/", "./"),
        ("projets/x/", "projets/x/image.png", "image.png"),
    ],
)
def test_relative(source: str, target: str, link: str) -> None:
    assert relative(source, target) == link


def test_absolute() -> None:
    assert absolute("https://lab.example.org/", "en/about/") == "https://lab.example.org/en/about/"
    assert absolute("https://lab.example.org", "") == "https://lab.example.org/"
