"""Publications as the pages show them: each cited once per language and set of lab authors
(a publication appears on its list, its year, its kind, its projects' and its authors' pages)."""

from __future__ import annotations

import functools

from markupsafe import Markup

from labsite.model.catalog import Catalog
from labsite.model.publications import Publication, lab_authors
from labsite.render.citations import cite

BIB_FOLDER = "bib"  # each entry's own .bib, once for the whole site: /bib/<slug>.bib


def bib_url(work: Publication) -> str:
    """Where the entry's own .bib is published, from the site root."""
    return f"{BIB_FOLDER}/{work.slug}.bib"


def citation(catalog: Catalog, work: Publication, lang: str) -> Markup:
    """The entry in the site's citation style, the lab's authors highlighted."""
    return _cited(work, lang, tuple(person.name for person in catalog.authors(work.key)))


@functools.lru_cache(maxsize=200_000)  # every entry in both languages, for a site of many
def _cited(work: Publication, lang: str, lab: tuple[str, ...]) -> Markup:
    return Markup(cite(work, lang, frozenset(lab_authors(work.authors, lab))))


def files(catalog: Catalog) -> dict[str, bytes]:
    """Every entry's own .bib file: {path from the site root: bytes}."""
    return {bib_url(work): work.bibtex.encode() for work in catalog.publications.values()}
