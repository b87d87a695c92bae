"""Generators: one module a kind of page (Pelican's model). Each gives the pages of its kind
their layout (template, parent listing, card, view) and makes the pages that come from the
catalog alone (facet values, partners, kinds of positions, years and tags of news).

A generator is a module of this package with ``pages(catalog, problems) -> list[Page]`` and,
when its pages take URL segments under a listing, ``reserves(kind, slug) -> bool``: adding a
kind of listing means adding a module and its template.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from types import ModuleType

from labsite.common.diagnostics import Diagnostic
from labsite.generators.base import plain
from labsite.model.catalog import Catalog
from labsite.model.page import Page


def _generators() -> tuple[ModuleType, ...]:
    """The modules of this package that make pages, by name (their generated pages in that order)."""
    found = (importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__))
    return tuple(module for module in found if hasattr(module, "pages"))


GENERATORS = _generators()


def reserved(kind: str, slug: str) -> bool:
    """Whether an item folder's name is a URL segment of a generator's own pages."""
    return any(module.reserves(kind, slug) for module in GENERATORS if hasattr(module, "reserves"))


def generate(catalog: Catalog) -> Catalog:
    """The catalog with every page laid out and the generated pages added after the others."""
    problems: list[Diagnostic] = list(catalog.diagnostics)
    dressed: dict[str, Page] = {}
    added: list[Page] = []
    for module in GENERATORS:
        for page in module.pages(catalog, problems):
            if page.source.kind == "generated":
                added.append(page)
            else:
                assert page.path not in dressed, f"{page.path} laid out twice"
                dressed[page.path] = page
    pages = tuple(dressed.get(page.path) or plain(page) for page in catalog.pages) + tuple(added)
    return dataclasses.replace(catalog, pages=pages, diagnostics=tuple(problems))
