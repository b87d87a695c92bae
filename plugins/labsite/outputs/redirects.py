"""Redirect pages: a page's former URLs (``Page.aliases``, the folder's name of an item that has
a slug of its own in a language) lead to it, listed nowhere and kept out of search engines."""

from __future__ import annotations

from markupsafe import Markup

from labsite.common.languages import LANGUAGES
from labsite.model.catalog import Catalog
from labsite.model.site import Site
from labsite.render import csp

_PAGE = Markup(
    '<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
    '<meta http-equiv="Content-Security-Policy" content="{policy}">'
    '<title>{title}</title><meta name="robots" content="noindex">'
    '<link rel="canonical" href="{url}"><meta http-equiv="refresh" content="0; url={url}">'
    '</head><body><p><a href="{url}">{title}</a></p></body></html>\n'
)


def redirect_pages(catalog: Catalog, site: Site, lang: str) -> dict[str, bytes]:
    """{path inside the language's build: the page that sends to its page's URL}."""
    prefix = LANGUAGES[lang].prefix
    found = {}
    for page in catalog.pages_in(lang):
        for alias in page.aliases:
            body = _PAGE.format(lang=lang, policy=csp.POLICY, title=page.title, url=site.url(page.url))
            found[alias[len(prefix) :] + "index.html"] = str(body).encode("utf-8")
    return found
