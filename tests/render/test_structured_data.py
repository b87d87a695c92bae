"""Every page's JSON-LD uses only the properties schema.org defines for each type (checked
against the vocabulary in tests/data/schemaorg.json, see tests/data/schemaorg_vocabulary.py)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from tests.conftest import REPO

VOCABULARY = json.loads((REPO / "tests/data/schemaorg.json").read_text(encoding="utf-8"))
KEYWORDS = {"@context", "@type", "@id"}


@cache
def properties(kind: str) -> frozenset[str]:
    """The properties of a schema.org type, its parents' included."""
    found: set[str] = set()
    pending = [VOCABULARY["types"][kind]]
    while pending:
        base = VOCABULARY["bases"].get(pending.pop())
        if base is not None:
            found.update(base["properties"])
            pending += base["extends"]
    return frozenset(found)


def undefined(data: object, where: str) -> list[str]:
    """Every property of ``data`` (and of what it holds) that its type does not define."""
    if isinstance(data, list):
        return [problem for item in data for problem in undefined(item, where)]
    if not isinstance(data, dict):
        return []
    problems = []
    if "@type" in data:
        kind = data["@type"]
        if kind not in VOCABULARY["types"]:
            return [f"{where}: no type {kind}"]
        problems += [f"{where}: {kind}.{key}" for key in data if key not in KEYWORDS | properties(kind)]
    for key, value in data.items():
        problems += undefined(value, f"{where} {key}")
    return problems


def _scripts(site: Path) -> list[tuple[str, object]]:
    found = []
    for page in site.rglob("*.html"):
        for text in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S
        ):
            found.append((page.relative_to(site).as_posix(), json.loads(text)))
    return found


def test_the_vocabulary_knows_the_site_types() -> None:
    assert {"foundingDate", "funder", "member"} <= properties("ResearchProject")
    assert "startDate" not in properties("ResearchProject") and "inLanguage" not in properties("JobPosting")


def test_every_json_ld_property_exists_for_its_type(fixture_site: Path, repo_site: Path) -> None:
    scripts = _scripts(fixture_site) + _scripts(repo_site)
    kinds = set()
    for _, data in scripts:
        assert isinstance(data, dict)
        kinds |= {item["@type"] for item in data["@graph"]} if "@graph" in data else {data["@type"]}
    assert {"ResearchOrganization", "NewsArticle", "ResearchProject", "JobPosting", "Person"} <= kinds
    assert {"ScholarlyArticle", "Thesis", "SoftwareSourceCode", "Dataset"} <= kinds
    assert [problem for path, data in scripts for problem in undefined(data, path)] == []
