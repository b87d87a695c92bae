"""``labsite schema``: JSON Schemas of the front matter, for editors that validate as you type."""

from __future__ import annotations

import json
from pathlib import Path

from labsite.model.fields import FieldType
from labsite.model.schemas import (
    ANNOUNCEMENT,
    ANNOUNCEMENT_PAGE,
    CONTENT_PAGE,
    PARTNERS,
    PROJECT,
    PROJECT_PAGE,
    TAXONOMY,
)

SCHEMA_DIR = "schemas"
SCHEMAS: dict[str, tuple[str, FieldType]] = {
    "content-page": ("Front matter of a page in content/", CONTENT_PAGE),
    "project": ("projects/<slug>/index.yml: a project's facts, the same in both languages", PROJECT),
    "project-page": ("projects/<slug>/index.<lang>.md: a project's texts in one language", PROJECT_PAGE),
    "announcement": ("news/<slug>/index.yml: an announcement's facts (news, job ad or call)", ANNOUNCEMENT),
    "announcement-page": ("news/<slug>/index.<lang>.md: an announcement's texts in one language", ANNOUNCEMENT_PAGE),
    "partners": ("data/partners.yml: the partners registry", PARTNERS),
    "taxonomy": ("data/taxonomy.yml: themes and tags", TAXONOMY),
}


def render() -> dict[str, str]:
    out = {}
    for name, (title, field_type) in SCHEMAS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **field_type.schema()}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, default=str) + "\n"
    return out


def write(root: Path, check_only: bool = False) -> list[str]:
    """Write the schemas; returns the names that were (or, checking, would be) changed."""
    folder = root / SCHEMA_DIR
    changed = []
    for name, text in render().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check_only:
                folder.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed
