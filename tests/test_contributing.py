"""The contributor guides cannot drift from the content model: every YAML and Markdown example
of CONTRIBUTING.md and CONTRIBUTING.en.md, pasted into a new item folder, passes the check, and
their field tables list every field of the model with whether it is required."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from labsite.commands import schema
from labsite.model.fields import CITATION_KEY
from tests.conftest import REPO, build_catalog

GUIDES = {"fr": REPO / "CONTRIBUTING.md", "en": REPO / "CONTRIBUTING.en.md"}
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```$", re.M | re.S)


def examples(lang: str) -> list[tuple[str, str]]:
    """The guide's fenced YAML and Markdown blocks, as a contributor would copy them."""
    text = GUIDES[lang].read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        if match["lang"] in ("yaml", "markdown"):
            found.append((match["lang"], textwrap.dedent(match["body"])))
    return found


def _site_from_examples(root: Path, lang: str) -> dict[str, list[str]]:
    """The repository's pages and registries, plus one item folder per example; returns the
    folders written for each kind of example."""
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    facts: dict[str, list[dict]] = {"project": [], "announcement": [], "person": []}
    pages: dict[str, list[str]] = {"project": [], "announcement": [], "person": []}
    locations = []
    for kind, body in examples(lang):
        if kind == "markdown":
            assert body.startswith("---\n"), body
            kind = "announcement" if "\napply:" in body else "project" if "\ntitle:" in body else "person"
            pages[kind].append(body)
            continue
        data = yaml.safe_load(body)
        if isinstance(data, list):  # a partner to add
            with (root / "data/partners.yml").open("a", encoding="utf-8") as registry:
                registry.write("\n" + body)
        elif isinstance(data, dict) and set(data) <= {"themes", "tags"}:  # themes and tags to add
            taxonomy = yaml.safe_load((root / "data/taxonomy.yml").read_text(encoding="utf-8"))
            for key, entries in data.items():
                taxonomy[key].update(entries)
            (root / "data/taxonomy.yml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
        elif isinstance(data, dict) and set(data) == {"location"}:
            locations.append(data["location"])
        elif isinstance(data, dict) and set(data) == {"publications"}:  # a line of a project's facts
            assert all(re.fullmatch(CITATION_KEY, key) for key in data["publications"])
        elif isinstance(data, dict) and "role" in data:
            facts["person"].append(data)
        elif isinstance(data, dict) and "status" in data:
            facts["project"].append(data)
        elif isinstance(data, dict) and "type" in data:
            facts["announcement"].append(data)
        else:
            pytest.fail(f"an example of {GUIDES[lang].name} that this test does not place:\n{body}")
    assert facts["project"] and facts["announcement"] and pages["project"] and pages["announcement"] and locations
    assert facts["person"] and pages["person"]
    assert any(data["type"] == "event" for data in facts["announcement"])
    written: dict[str, list[str]] = {"project": [], "announcement": [], "person": []}
    for n, data in enumerate(facts["person"]):
        folder = root / "people" / f"camille-martin-{n}"
        folder.mkdir(parents=True)
        (folder / "index.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for code in ("fr", "en"):
            (folder / f"index.{code}.md").write_text(pages["person"][0], encoding="utf-8")
        written["person"].append(folder.relative_to(root).as_posix())
    for kind, section, slug in (("project", "projects", "sepsis-alerte"), ("announcement", "news", "these-sepsis")):
        variants = facts[kind] if kind == "project" else [{**facts[kind][0], "location": loc} for loc in locations]
        variants += facts[kind][1:] if kind == "announcement" else []
        for n, data in enumerate(variants):
            folder = root / section / (slug if n == 0 else f"{slug}-{n}")
            folder.mkdir(parents=True)
            if data.get("type") == "event":  # its speakers by id: the guide's person, placed above
                data["speakers"] = [s if isinstance(s, dict) else "camille-martin-0" for s in data["speakers"]]
            (folder / "index.yml").write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
            # An event's texts have no apply: (a job's do); a project's title and summary fit.
            texts = pages["project"] if data.get("type") == "event" else pages[kind]
            for code, text in zip(("fr", "en"), [texts[0], texts[-1]], strict=True):
                (folder / f"index.{code}.md").write_text(text, encoding="utf-8")
            written[kind].append(folder.relative_to(root).as_posix())
    return written


@pytest.mark.parametrize("lang", GUIDES)
def test_every_example_of_the_guide_passes_the_check(tmp_path: Path, lang: str) -> None:
    written = _site_from_examples(tmp_path, lang)
    catalog = build_catalog(tmp_path)
    folders = written["project"] + written["announcement"] + written["person"]
    errors = [str(e) for e in catalog.errors if e.path.startswith(("data/", *folders))]
    assert errors == []
    # The control: the same folders with a required field removed are refused, so the check did run.
    project = tmp_path / written["project"][0] / "index.yml"
    project.write_text(re.sub(r"(?m)^date: .*\n", "", project.read_text(encoding="utf-8")), encoding="utf-8")
    assert any(
        e.path == f"{written['project'][0]}/index.yml" and e.field == "date" for e in build_catalog(tmp_path).errors
    )


@pytest.mark.parametrize("lang", GUIDES)
def test_field_tables_are_written_from_the_declarations(lang: str) -> None:
    """Every record a contributor writes has its table, as ``labsite schema`` makes it."""
    text = GUIDES[lang].read_text(encoding="utf-8")
    assert set(re.findall(r"<!-- fields: ([\w-]+) -->", text)) == set(schema.TABLES)
    assert schema.guide(text, lang) == text, "run labsite schema"


@pytest.mark.parametrize("lang", GUIDES)
def test_each_field_says_whether_it_is_required_always_sometimes_or_never(lang: str) -> None:
    for record in schema.TABLES.values():
        for spec in record.fields:
            said = spec.need(lang)
            if spec.required:
                assert said in ("**oui**", "**yes**"), spec.name
            elif spec.sometimes:
                assert said.startswith(
                    ("si ", "if ", "**oui** pour", "**yes** for", "**oui**, sauf", "**yes**, except")
                )
            else:
                assert re.match(r"(non|no)\b", said), spec.name
    table = schema.table(schema.TABLES["announcement"], lang)
    assert "| `kind` | `job`, `call` |" in table and "| `opens` | `call` |" in table
