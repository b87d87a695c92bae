"""sitemap.xml (every published page with its hreflang alternates) and robots.txt."""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from labsite.common.languages import DEFAULT_LANGUAGE
from labsite.model.catalog import Catalog
from labsite.model.page import Page
from labsite.model.people import Person
from labsite.model.site import Site


def listed(catalog: Catalog, page: Page) -> bool:
    """Closed job ads stay online for people who have the link, but leave the sitemap."""
    return page.item is None or not catalog.standing(page.item).closed


def render(catalog: Catalog, site: Site) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    # Each page's address as an element's text and as an attribute, made once: a page is also
    # its translations' alternate (escaping was most of the sitemap's time).
    addresses = {page.path: site.url(page.url) for page in catalog.pages}
    attributes: dict[str, str] = {}
    for page in sorted(catalog.pages, key=lambda p: p.url):
        if not listed(catalog, page):
            continue
        lines += ["  <url>", f"    <loc>{escape(addresses[page.path])}</loc>"]
        item = page.item
        if item is not None and not isinstance(item, Person):  # a person's page has no date
            lines.append(f"    <lastmod>{(item.updated or item.date).isoformat()}</lastmod>")
        translations = catalog.translations(page)
        for other in translations:
            if (href := attributes.get(other.path)) is None:
                href = attributes[other.path] = quoteattr(addresses[other.path])
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.lang}" href={href}/>')
        default = next((p for p in translations if p.lang == DEFAULT_LANGUAGE.code), None)
        if default is not None:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={attributes[default.path]}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(site: Site) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.url('sitemap.xml')}\n".encode()


def cname(site: Site) -> bytes | None:
    """GitHub Pages' CNAME file: the custom domain of site_url (none for a *.github.io address)."""
    host = urlsplit(site.base_url).hostname or ""
    return None if not host or host.endswith(".github.io") else f"{host}\n".encode()
