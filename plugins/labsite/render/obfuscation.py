"""Keep e-mail addresses out of the HTML source, in a form people can still read and use.

Contributors write addresses as usual in Markdown (``<a@b.fr>``, ``[text](mailto:a@b.fr)``
or bare). Each becomes a span: without JavaScript it reads "a [at] b [dot] fr" with a
hidden decoy inside; with JavaScript, labsite.js turns it into a working mailto link.
The address itself is stored reversed and base64-encoded, which harvesters don't decode.
"""

from __future__ import annotations

import base64
import html
import re

from markupsafe import Markup

_ADDRESS = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_MAILTO_LINK = re.compile(r"\[(?P<label>[^\]]*)\]\(\s*<?mailto:(?P<address>" + _ADDRESS + r")>?\s*\)")
_AUTOLINK = re.compile(r"<(?:mailto:)?(?P<address>" + _ADDRESS + r")>")
_BARE = re.compile(r"(?<![\w.+/-])(?P<address>" + _ADDRESS + r")")
_WORDS = {"fr": ("arobase", "point"), "en": ("at", "dot")}


def encode(address: str) -> str:
    return base64.b64encode(address[::-1].encode()).decode("ascii")


def readable(address: str, lang: str) -> Markup:
    """HTML for the no-JavaScript reading: user [at] domain [dot] tld, with a hidden decoy."""
    at, dot = _WORDS.get(lang, _WORDS["en"])
    user, domain = address.split("@", 1)
    decoy = Markup('<span class="ls-email__decoy" aria-hidden="true">nospam.</span>')
    return Markup("{} [{}] {}").format(user, at, decoy) + Markup(f" [{dot}] ").join(domain.split("."))


def email_html(address: str, lang: str, label: str = "") -> Markup:
    """An address as a span that shows it readable and that labsite.js makes a mailto link."""
    label_html = Markup('<span class="ls-email__label">{}</span> ').format(label) if label and label != address else ""
    return Markup(
        '<span class="ls-email" data-ls-email="{}">{}<span class="ls-email__address">{}</span></span>'
    ).format(encode(address), label_html, readable(address, lang))


def obfuscate_markdown(markdown: str, lang: str) -> str:
    """Replace every e-mail address written in a Markdown text by its obfuscated span."""
    if "@" not in markdown:  # every address has one; most texts none: three scans saved
        return markdown
    markdown = _MAILTO_LINK.sub(lambda m: str(email_html(m["address"], lang, m["label"].strip())), markdown)
    markdown = _AUTOLINK.sub(lambda m: str(email_html(m["address"], lang)), markdown)
    # Addresses already turned into spans are gone from the text, so only bare ones remain.
    return _BARE.sub(lambda m: str(email_html(m["address"], lang)), markdown)


_ANY = re.compile(
    "|".join(
        f"(?:{p.pattern})".replace("?P<address>", "").replace("?P<label>", "") for p in (_MAILTO_LINK, _AUTOLINK, _BARE)
    )
)


def escaped_markdown(markdown: str, lang: str) -> str:
    """Markdown from a front-matter field, where raw HTML must stay text: escape it, hide addresses."""
    out, position = [], 0
    for match in _ANY.finditer(markdown):
        out.append(html.escape(markdown[position : match.start()], quote=False))
        out.append(obfuscate_markdown(match.group(0), lang))
        position = match.end()
    out.append(html.escape(markdown[position:], quote=False))
    return "".join(out)
