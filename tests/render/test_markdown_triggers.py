"""Python-Markdown's patterns made to look first for what they need: the same matches, the same
HTML, and every entry still one of the installed Python-Markdown's patterns."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labsite.commands.pathological import EXTENSIONS, PATHOLOGICAL
from labsite.render import markdown_triggers
from labsite.render.markdown_triggers import NEEDS, Needing

ROOT = Path(__file__).resolve().parents[2]
# Characters and short texts the patterns look for, and a few others: texts made of them match
# the patterns often, and often nearly.
PIECES = [
    *"`\\[]^!<>:/@&#;=-_* \n\tab1",
    "!!!",
    "://",
    "[^",
    "![",
    "*[",
    "]:",
    ": ",
    "  \n",
    "&a;",
    "&#1;",
    "---",
    "___",
    "***",
]
FRAGMENTS = [
    "# ",
    "## Title ##",
    "Title\n===",
    "Title\n---",
    "- item\n",
    "1. item\n",
    "> quote",
    "term\n: definition\n",
    '!!! note "Title"\n    text\n',
    "!!!warning\n    text\n",
    "[^1]",
    "[^1]: note\n",
    "*[HTML]: Hypertext\n",
    "HTML",
    "[link](../x/)",
    "[ref][r]",
    "[r]: https://example.org\n",
    "![img](a.png)",
    "<https://example.org>",
    "<someone@example.org>",
    "<b>bold</b>",
    "&amp;",
    "&#169;",
    "`code`",
    "``co`de``",
    "\\*",
    "*em*",
    "**strong**",
    "_em_",
    "line  \n",
    "***",
    "___\n",
    "- - -\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "{ #id .class }",
    '<div markdown="1">*x*</div>',
    "text",
    " ",
    "\n",
    "\n\n",
    "    ",
]


def _converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = options
    plain = markdown.Markdown(extensions=extensions, extension_configs=configs)
    needing = markdown.Markdown(extensions=extensions, extension_configs=configs)
    markdown_triggers.apply(needing)
    return plain, needing


PLAIN, NEEDING = _converters()


def _convert(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


def test_every_entry_is_a_pattern_of_the_installed_python_markdown() -> None:
    """A pattern Python-Markdown changed is left as it is, and the time it saved lost: this
    says which entry to look at again."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    found = {p.compiled_re.pattern for p in md.inlinePatterns}
    found |= {
        pattern.pattern
        for block in md.parser.blockprocessors
        for name in ("RE", "SEARCH_RE")
        if isinstance(pattern := getattr(block, name, None), re.Pattern)
    }
    assert set(NEEDS) - found == set()
    assert markdown_triggers.apply(md) >= len(NEEDS)
    assert all(isinstance(p.compiled_re, Needing) for p in md.inlinePatterns if p.compiled_re.pattern in NEEDS)
    md.reset()  # what it changed stays
    assert isinstance(md.inlinePatterns["link"].compiled_re, Needing)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(min_value=0, max_value=45))
def test_a_pattern_finds_what_it_found_before(pieces: list[str], pos: int) -> None:
    text = "".join(pieces)
    for expression, needs in NEEDS.items():
        for flags in (0, re.MULTILINE, re.DOTALL):
            pattern = re.compile(expression, flags)
            needing = Needing(pattern, needs)
            assert [m.span() for m in needing.finditer(text, pos)] == [m.span() for m in pattern.finditer(text, pos)]
            assert _span(needing.search(text, pos)) == _span(pattern.search(text, pos))
            assert _span(needing.match(text, pos)) == _span(pattern.match(text, pos))
            assert _span(needing.search(text, 0, pos)) == _span(pattern.search(text, 0, pos))


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match is not None else None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
def test_the_html_is_the_same(fragments: list[str]) -> None:
    text = "".join(fragments)
    assert _convert(NEEDING, text) == _convert(PLAIN, text)


def test_the_html_of_the_example_site_and_the_hostile_inputs_is_the_same() -> None:
    sources = [p for folder in ("content", "projects", "news", "people") for p in sorted((ROOT / folder).rglob("*.md"))]
    assert len(sources) > 90
    for source in sources:
        body = source.read_text(encoding="utf-8")
        assert _convert(NEEDING, body) == _convert(PLAIN, body), source
    rendered = 0
    for make, size in PATHOLOGICAL.values():
        body = make(min(size, 300))
        plain, needing = _converters()  # fresh: a conversion that failed leaves a converter unusable
        try:
            expected = plain.convert(body)
        except RecursionError:
            continue  # refused by the check (nesting), never rendered
        assert needing.convert(body) == expected
        rendered += 1
    assert rendered >= 10
