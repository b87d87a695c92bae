"""``labsite schema``: what is derived from the model's declarations and committed, written
again: the JSON Schemas of the front matter (for editors that validate as you type) and the
field tables of the contributor guides."""

from __future__ import annotations

import json
import re
from pathlib import Path

from labsite.model.fields import FieldType, Record
from labsite.model.schemas import (
    ADDRESS,
    ANNOUNCEMENT,
    ANNOUNCEMENT_PAGE,
    CONTACT,
    CONTENT_PAGE,
    LINK,
    PARTNER,
    PARTNERS,
    PERSON,
    PERSON_PAGE,
    PROJECT,
    PROJECT_PAGE,
    SPEAKER,
    TAXONOMY,
)

SCHEMA_DIR = "schemas"
SCHEMAS: dict[str, tuple[str, FieldType]] = {
    "content-page": ("Front matter of a page in content/", CONTENT_PAGE),
    "project": ("projects/<slug>/index.yml: a project's facts, the same in both languages", PROJECT),
    "project-page": ("projects/<slug>/index.<lang>.md: a project's texts in one language", PROJECT_PAGE),
    "announcement": ("news/<slug>/index.yml: an announcement's facts (news, job ad, call or event)", ANNOUNCEMENT),
    "announcement-page": ("news/<slug>/index.<lang>.md: an announcement's texts in one language", ANNOUNCEMENT_PAGE),
    "person": ("people/<slug>/index.yml: a person's facts, the same in both languages", PERSON),
    "person-page": ("people/<slug>/index.<lang>.md: a person's page in one language", PERSON_PAGE),
    "partners": ("data/partners.yml: the partners registry", PARTNERS),
    "taxonomy": ("data/taxonomy.yml: themes and tags", TAXONOMY),
}
GUIDES = {"fr": "CONTRIBUTING.md", "en": "CONTRIBUTING.en.md"}
# The field tables of the guides, each between <!-- fields: NAME --> and <!-- /fields -->.
TABLES: dict[str, Record] = {
    "project": PROJECT,
    "project-page": PROJECT_PAGE,
    "announcement": ANNOUNCEMENT,
    "announcement-page": ANNOUNCEMENT_PAGE,
    "contact": CONTACT,
    "address": ADDRESS,
    "link": LINK,
    "speaker": SPEAKER,
    "content-page": CONTENT_PAGE,
    "partner": PARTNER,
    "person": PERSON,
    "person-page": PERSON_PAGE,
}
_TABLE = re.compile(r"(<!-- fields: (?P<name>[\w-]+) -->\n)(?P<table>.*?)(<!-- /fields -->)", re.S)
_HEADER = {
    "fr": ("Champ", "Pour", "Obligatoire ?", "Format", "Aide"),
    "en": ("Field", "For", "Required?", "Format", "Help"),
}


def render() -> dict[str, str]:
    out = {}
    for name, (title, field_type) in SCHEMAS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **field_type.schema()}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, default=str) + "\n"
    return out


def table(record: Record, lang: str) -> str:
    """A record's fields as a guide's Markdown table: whether each is required, its format, its help."""
    kinds = any(spec.only_for for spec in record.fields)
    header = [cell for cell in _HEADER[lang] if kinds or cell not in ("Pour", "For")]
    rows = [header, ["---"] * len(header)]
    for spec in record.fields:
        cells = [f"`{spec.name}`"]
        if kinds:
            cells.append(", ".join(f"`{k}`" for k in spec.only_for) or ("tous" if lang == "fr" else "all"))
        cells += [spec.need(lang), spec.describe(lang), spec.help[0 if lang == "fr" else 1]]
        rows.append(cells)
    return "".join("| " + " | ".join(row) + " |\n" for row in rows)


def guide(text: str, lang: str) -> str:
    """The guide with its field tables made again from the declarations."""
    return _TABLE.sub(lambda m: m[1] + table(TABLES[m["name"]], lang) + m[4], text)


def write(root: Path, check_only: bool = False) -> list[str]:
    """Write the schemas and the guides' tables; returns the files that were (or, checking,
    would be) changed."""
    wanted = {f"{SCHEMA_DIR}/{name}": text for name, text in render().items()}
    for lang, name in GUIDES.items():
        if (root / name).is_file():
            wanted[name] = guide((root / name).read_text(encoding="utf-8"), lang)
    changed = []
    for name, text in wanted.items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check_only:
                path.parent.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed
