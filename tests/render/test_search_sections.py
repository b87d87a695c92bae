"""A page's sections for the search index, cut as Material's search plugin cuts them: the same
sections for the HTML our pages hold, and None (the plugin reads it) for any other."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from labsite.render.search_sections import sections
from labsite.sources import sanitize


def _material(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.depth, s.id, s.title, s.text) for s in parser.data]


def _ours(html: str) -> list[tuple] | None:
    found = sections(html)
    return None if found is None else [(s.heading, s.depth, s.id, s.title, s.text) for s in found]


WORDS = st.sampled_from(
    ["Santé", "a &amp; b", "x &lt; y", "«\u00a0cité\u00a0»", "&quot;q&quot;", "&#169;", "  ", "\n", " \n  ", "mot"]
)
INLINE = st.recursive(
    WORDS,
    lambda inner: st.one_of(
        st.tuples(
            st.sampled_from(["em", "strong", "code", "sub", "sup", "abbr", "span"]), st.lists(inner, max_size=3)
        ).map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
        st.lists(inner, max_size=3).map(lambda parts: f'<a href="../x/?a=1&amp;b=2" title="T">{"".join(parts)}</a>'),
        st.just("<br>"),
        st.just('<img src="a.png" alt="A &amp; B">'),
    ),
    max_leaves=6,
)
TEXT = st.lists(INLINE, max_size=4).map("".join)


def _heading(level: int, anchor: str | None, text: str, permalink: bool) -> str:
    attributes = f' id="{anchor}"' if anchor is not None else ""
    link = f'<a class="headerlink" href="#{anchor}" title="">¶</a>' if permalink else ""
    return f"<h{level}{attributes}>{text}{link}</h{level}>"


BLOCK = st.one_of(
    st.builds(
        _heading,
        st.integers(1, 6),
        st.one_of(st.none(), st.sampled_from(["intro", "methodes", "a-b"])),
        TEXT,
        st.booleans(),
    ),
    TEXT.map(lambda t: f"<p>{t}</p>"),
    st.lists(TEXT.map(lambda t: f"<li>{t}</li>"), max_size=3).map(lambda items: f"<ul>\n{''.join(items)}\n</ul>"),
    st.lists(TEXT.map(lambda t: f"<li><p>{t}</p></li>"), max_size=3).map(lambda items: f"<ol>{''.join(items)}</ol>"),
    st.sampled_from(
        [
            "<pre><code>a  b\n\n  c &amp; d\n</code></pre>",
            "<pre>\n</pre>",
            "<pre> <span>\n</span>  x</pre>",
            "<p></p>",
            "<p> </p>",
            "<hr>",
        ]
    ),
    TEXT.map(lambda t: f"<table><thead><tr><th>{t}</th></tr></thead><tbody><tr><td>{t}</td></tr></tbody></table>"),
    TEXT.map(lambda t: f'<details open=""><summary>{t}</summary><p>{t}</p></details>'),
    st.sampled_from(["\n", "\n\n", " ", "</p>", "</li>", "<DIV>x</DIV>", "<P>Up</P>"]),
)
# Read by Material's plugin itself: HTML our pages do not hold.
OTHER = st.sampled_from(
    [
        '<div><h2 id="inside">Nested</h2><p>x</p></div>',
        '<p data-search-exclude="">hidden</p>',
        "<!-- a comment -->",
        "<script>var a = '<p>';</script>",
        "<style>p { color: red }</style>",
        "a < b",
        "<br/>",
        "<p class=plain>unquoted</p>",
        "<object>o</object>",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(BLOCK, max_size=10))
def test_the_sections_of_html_our_pages_hold_are_materials(blocks: list[str]) -> None:
    html = "".join(blocks)
    assert _ours(html) == _material(html)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(BLOCK, OTHER), max_size=8))
def test_other_html_is_left_to_material_or_cut_as_it_cuts_it(blocks: list[str]) -> None:
    html = "".join(blocks)
    ours = _ours(html)
    assert ours is None or ours == _material(html)


def test_what_material_reads_itself() -> None:
    for html in (
        '<div><h2 id="inside">Nested</h2></div>',
        "<!-- c -->",
        "a < b",
        '<p data-search-exclude="">x</p>',
        "<br/>",
    ):
        assert sections(html) is None, html
    # Its quirks, kept: an empty paragraph goes, unless a paragraph before it had text (the
    # plugin looks back to the first one); a permalink is left out of the title.
    html = '<p> </p><h2 id="a">Title <code>x</code><a class="headerlink" href="#a">¶</a></h2><p>one</p><p></p>'
    assert (
        _ours(html)
        == _material(html)
        == [
            ("hx", 0, None, [], []),
            ("h2", 1, "a", ["Title ", "<code>", "x", "</code>"], ["<p>", "one", "</p>", "<p>", "</p>"]),
        ]
    )


def test_the_sanitizers_output_is_read_here() -> None:
    """What the sanitizer makes of a contributor's HTML is HTML this module reads."""
    dirty = (
        "<h2 id=x onclick='a()'>T<a class=headerlink href=#x>¶</a></h2><p>a<br/>b & c<script>x</script>"
        "<img src=a.png alt='A \"B\"'></p><!-- c --><ul><li>1<li>2</ul><pre><code>a\n  b</code></pre>"
    )
    clean = sanitize.clean(dirty)
    assert _ours(clean) == _material(clean)
    assert len(_ours(clean) or []) == 2
