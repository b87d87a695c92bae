"""The shared registries: partners (data/partners.yml) and themes and tags (data/taxonomy.yml)."""

from __future__ import annotations

from pathlib import Path

from labsite.common.diagnostics import Diagnostic
from labsite.common.messages import say
from labsite.model.content import Partner, Taxonomy
from labsite.model.fields import INVALID, Checker
from labsite.model.schemas import PARTNER, PARTNERS, TAXONOMY
from labsite.sources import yamlsource
from labsite.sources.frontmatter import decode

PARTNERS_FILE = "data/partners.yml"
TAXONOMY_FILE = "data/taxonomy.yml"


def _load(root: Path, name: str, problems: list[Diagnostic]) -> tuple[yamlsource.YamlDoc | None, Checker | None]:
    path = root / name
    if path.is_symlink():
        return None, None  # reported by sources.discover; never read through
    if not path.is_file():
        problems.append(Diagnostic(name, 1, 1, "error", "", say("registry.missing")))
        return None, None
    text, found = decode(name, path.read_bytes())
    problems += found
    if text is None:
        return None, None
    doc, found = yamlsource.load(name, text)
    problems += found
    return (doc, Checker(doc, problems)) if doc is not None else (None, None)


def load_partners(root: Path, problems: list[Diagnostic]) -> dict[str, Partner]:
    doc, ck = _load(root, PARTNERS_FILE, problems)
    if doc is None or ck is None:
        return {}
    checked = PARTNERS.check(doc.data, (), ck)
    partners: dict[str, Partner] = {}
    if checked is INVALID:
        # Keep the valid entries, so projects citing them don't report errors of their own.
        checked = [
            PARTNERS.of.check(entry, (index,), Checker(doc, []))
            for index, entry in enumerate(doc.data if isinstance(doc.data, list) else [])
        ]
    for index, entry in enumerate(checked):
        if entry is INVALID:
            continue
        if entry["id"] in partners:
            ck.error((index, "id"), say("registry.twice", id=entry["id"]))
            continue
        partners[entry["id"]] = PARTNER.build(entry)
    return partners


def load_taxonomy(root: Path, problems: list[Diagnostic]) -> Taxonomy:
    doc, ck = _load(root, TAXONOMY_FILE, problems)
    if doc is None or ck is None:
        return Taxonomy(themes={}, tags={})
    checked = TAXONOMY.check(doc.data, (), ck)
    if checked is INVALID:
        return Taxonomy(themes={}, tags={})
    return TAXONOMY.build(checked)
