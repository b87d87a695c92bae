"""Where a content page is reachable from: the top navigation or the footer (mkdocs.yml).

A page in neither is published but found by no one; the warning says which line of
mkdocs.yml to add its key to.
"""

from __future__ import annotations

import re

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import DEFAULT_LANGUAGE
from labsite.common.messages import say
from labsite.generators.directory import PARTNERS_PAGE
from labsite.model.catalog import Catalog

# Content pages the site's own templates link to (the partners index, from the project directory).
LINKED_BY_TEMPLATES = frozenset({PARTNERS_PAGE})
_MENU_LINE = re.compile(r"^\s+nav:")


def menu_line(config_text: str) -> int:
    """The line of mkdocs.yml where the labsite plugin's nav: list is (1 if none is found)."""
    for number, line in enumerate(config_text.splitlines(), start=1):
        if _MENU_LINE.match(line):
            return number
    return 1


def unlisted_pages(catalog: Catalog, nav: list[str], footer: list[str], config_text: str) -> list[Diagnostic]:
    """A warning for each content page that no menu leads to."""
    listed = set(nav) | set(footer) | LINKED_BY_TEMPLATES
    line = menu_line(config_text)
    problems = []
    for page in catalog.pages_in(DEFAULT_LANGUAGE.code):
        if page.source.kind == "content" and page.key not in listed:
            message = say("catalog.not_in_menu", key=page.key, line=line)
            problems.append(Diagnostic(page.path, 1, 1, "warning", "", message))
    return problems
