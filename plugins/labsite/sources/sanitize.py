"""The allowlist every contributor's HTML goes through once Markdown has rendered it.

Contributors may write raw HTML in Markdown, and Markdown extensions (attr_list) set any
attribute on any element: safety cannot rest on checks of the source. What reaches a page
is parsed as a browser parses it (html5ever, through nh3/ammonia) and only the elements,
attributes, classes and URL schemes that Markdown, its extensions and the site's own
markup (hidden e-mail addresses) write are kept. The same tables give ``labsite check`` its
friendly early errors (``htmlscan``), so the two never disagree on what is allowed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

# Elements that Markdown and its extensions write, and the harmless ones a text may need.
TAGS = frozenset(
    {
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp"),
        *("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "q", "cite"),
        *("abbr", "dfn", "time", "span", "div", "a", "img", "figure", "figcaption"),
        *("ul", "ol", "li", "dl", "dt", "dd", "details", "summary"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"),
    }
)
# Attributes per element ("*": every element). No event handler, no style but table
# alignment, no srcset/poster/ping/background: nothing that runs code or fetches elsewhere.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed"}),
    "li": frozenset({"value"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "span": frozenset({"data-ls-email", "aria-hidden"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
SCHEMES = frozenset({"http", "https", "mailto"})
STYLE_PROPERTIES = frozenset({"text-align"})  # what Python-Markdown's tables write
# Classes that Markdown's extensions, Material's styles and the e-mail spans use.
ADMONITIONS = frozenset(
    {
        *("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success"),
        *("check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure"),
        *("fail", "missing", "danger", "error", "bug", "example", "quote", "cite"),
    }
)
CLASSES = frozenset(
    {
        *("admonition", "admonition-title", "footnote", "footnote-ref", "footnote-backref", "headerlink", "toc"),
        *("ls-email", "ls-email__decoy", "ls-email__address", "ls-email__label", "md-button", "md-button--primary"),
        *ADMONITIONS,
    }
)
# Ids the theme's own elements and scripts rely on (#__drawer, #__search, #__config...).
RESERVED_ID_PREFIX = "__"
_IGNORED_BY_BROWSERS = dict.fromkeys(range(0x21), None) | {ord("\\"): "/"}


def url_allowed(value: str, *, embedded: bool) -> bool:
    """A link may go to http(s), mailto or a relative URL; an embedded resource (an image)
    only to a relative one: a visitor's browser fetches nothing from another site. The URL is
    read as a browser reads it: tabs, newlines and controls dropped, '\\' taken for '/'."""
    url = value.translate(_IGNORED_BY_BROWSERS)
    try:
        scheme = urlsplit(url).scheme
    except ValueError:  # not a URL a browser could follow either
        return False
    if scheme:
        return not embedded and scheme.lower() in SCHEMES
    return not (embedded and url.startswith("//"))


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith(RESERVED_ID_PREFIX):
        return None
    if attribute == "src" and not url_allowed(value, embedded=True):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(SCHEMES),
    allowed_classes={tag: set(CLASSES) for tag in TAGS},
    filter_style_properties=set(STYLE_PROPERTIES),
    attribute_filter=_filter,
    strip_comments=True,
    link_rel=None,
)


def clean(html: str) -> str:
    """Contributor HTML reduced to the allowlist (what is not allowed goes, its text stays)."""
    return _CLEANER.clean(html)
