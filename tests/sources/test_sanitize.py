"""The allowlist sanitizer keeps what Markdown, its extensions and the site write, and nothing
that runs, calls another site or covers the page."""

from __future__ import annotations

import markdown

from labsite.render.obfuscation import email_html
from labsite.sources.sanitize import clean, url_allowed

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
RICH = """\
# Titre {: #titre .md-button }

!!! warning "Attention"
    Un avertissement.

| Gauche | Droite |
|:--|--:|
| 1 | 2 |

Une note[^1], une [page](../x/), une <abbr title="Assistance Publique">AP</abbr>, `code`.

Terme
: Définition

![Schéma](schema.png){ width=300 height=200 }

<details><summary>Plus</summary>Texte.</details>

[^1]: La note.
"""


def test_what_markdown_writes_is_kept() -> None:
    rendered = markdown.markdown(RICH, extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    cleaned = clean(rendered)
    for kept in (
        'id="titre"',
        'class="md-button"',
        'class="headerlink" href="#titre"',
        'class="admonition warning"',
        'class="admonition-title"',
        'style="text-align:left"',
        'style="text-align:right"',
        'class="footnote-ref" href="#fn:1"',
        'id="fn:1"',
        '<a href="../x/">page</a>',
        '<abbr title="Assistance Publique">AP</abbr>',
        "<dt>Terme</dt>",
        '<img alt="Schéma" height="200" src="schema.png" width="300">',
        "<details><summary>Plus</summary>Texte.</details>",
    ):
        assert kept in cleaned, kept


def test_hidden_addresses_survive() -> None:
    span = email_html("ada.martin@example.org", "fr", "Ada")
    assert clean(span) == span


def test_what_runs_calls_out_or_covers_goes() -> None:
    cases = {
        '<img src="x.png" onerror="alert(1)">': '<img src="x.png">',
        '<a href="&#x6A;avascript:alert(1)">x</a>': "<a>x</a>",
        '<a href="java&#9;script:alert(1)">x</a>': "<a>x</a>",
        '<a href="data:text/html,x">x</a>': "<a>x</a>",
        "<script>alert(1)</script>text": "text",
        '<img src="x.png" srcset="https://e.example/a.png 1x">': '<img src="x.png">',
        '<img src="https://e.example/t.png">': "<img>",
        '<img src="//e.example/t.png">': "<img>",
        '<p style="position:fixed;inset:0">x</p>': "<p>x</p>",
        '<td style="text-align: left; background: url(https://e.example/)">x</td>': "x",
        '<div id="__search" class="admonition note md-overlay">x</div>': '<div class="admonition note">x</div>',
        '<a href="https://example.org/" ping="https://e.example/">x</a>': '<a href="https://example.org/">x</a>',
        # Browsers drop tabs and newlines and read "\\" as "/": each of these is //evil.example/.
        '<img src="/&#9;/evil.example/x.png">': "<img>",
        '<img src="/\\evil.example/x.png">': "<img>",
        '<img src="\\\\evil.example\\x.png">': "<img>",
        '<a href="http://[a">x</a>': "<a>x</a>",
        "<!-- a comment --><svg onload=alert(1)></svg><iframe src=x></iframe>ok": "ok",
    }
    for dirty, expected in cases.items():
        assert clean(dirty) == expected, dirty


def test_headings_keep_their_ids_but_the_themes_stay_its_own() -> None:
    assert clean('<h2 id="ls-dyna">LS-DYNA</h2><h2 id="md-phd">MD-PhD</h2>') == (
        '<h2 id="ls-dyna">LS-DYNA</h2><h2 id="md-phd">MD-PhD</h2>'
    )
    assert clean('<p id="__config">x</p>') == "<p>x</p>"


def test_urls_allowed() -> None:
    assert url_allowed("https://example.org/", embedded=False)
    assert url_allowed("mailto:a@example.org", embedded=False)
    assert url_allowed("../page/", embedded=True)
    assert not url_allowed("https://example.org/a.png", embedded=True)
    assert not url_allowed("//example.org/a.png", embedded=True)
    assert not url_allowed("javascript:alert(1)", embedded=False)
