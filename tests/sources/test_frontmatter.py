from __future__ import annotations

import pytest

from labsite.sources.frontmatter import parse


def test_fields_and_their_lines() -> None:
    front, problems = parse("a.fr.md", b'---\ntitle: "T"\n\nslug: s\n---\nBody\n')
    assert problems == [] and front is not None
    assert front.data == {"title": "T", "slug": "s"}
    assert front.doc.key_at(("slug",)) == (4, 1)
    assert front.body == "Body\n" and front.body_line == 6


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        (b"title: x\n", 1, "front matter missing"),
        (b"---\ntitle: x\n", 1, "front matter not closed"),
        (b'---\ntitle: "x\nslug: y\n---\n', 2, "never closed"),
        (b"---\n- a\n- b\n---\n", 2, "not a list"),
        (b"---\n---\n", 2, "not empty"),
        (b"---\ntitle: \xff\n---\n", 2, "not valid UTF-8"),
    ],
)
def test_problems_point_at_the_file_line(raw: bytes, line: int, fragment: str) -> None:
    front, problems = parse("a.fr.md", raw)
    assert front is None
    assert problems[0].line == line
    assert fragment in problems[0].message


def test_a_bom_is_reported_but_the_rest_is_read() -> None:
    front, problems = parse("a.fr.md", b"\xef\xbb\xbf---\ntitle: x\n---\n")
    assert front is not None and front.data == {"title": "x"}
    assert "byte-order mark" in problems[0].message
