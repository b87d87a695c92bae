"""``labsite new``: an item's three files, every field present and explained, ready to fill.

The templates are written from the field declarations of ``schemas``, so they never
drift from what ``labsite check`` accepts. A new item starts as a draft, so an unfinished
one can be merged without being published.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.model.examples import APPLY_TEXT, KINDS, PAGE_TEXT
from labsite.model.fields import Either, Field, Items, Record
from labsite.model.schemas import ANNOUNCEMENT, ANNOUNCEMENT_PAGE, PERSON, PERSON_PAGE, PROJECT, PROJECT_PAGE
from labsite.sources.registry import load_partners, load_taxonomy
from labsite.sources.tree import ITEM_DATA, SLUG


class ScaffoldError(Exception):
    pass


def _examples(kind: str, root: Path, today: dt.date) -> dict[str, Any]:
    """Values that pass ``labsite check`` as they are, taken from the registries where needed."""
    problems: list = []
    partners = list(load_partners(root, problems))[:2]
    taxonomy = load_taxonomy(root, problems)
    values: dict[str, Any] = {"partners": partners, "themes": list(taxonomy.themes)[:1]}
    values["date"] = today
    if kind == "news":
        values["tags"] = list(taxonomy.tags)[:1]
    if kind in ("job", "call"):
        values.update(deadline=today + dt.timedelta(days=60), start_date=today + dt.timedelta(days=180))
        preferred = "hosting-positions" if kind == "call" else "recruitment"
        values["tags"] = [preferred] if preferred in taxonomy.tags else []
    if kind == "call":
        values.update(kind="hosting-position", opens=today, hearing=today + dt.timedelta(days=90), duration_months=12)
    if kind == "event":
        day = today + dt.timedelta(days=30)
        values.update(starts=f"{day} 14:00", ends=f"{day} 16:00", registration_deadline=day - dt.timedelta(days=7))
        values["tags"] = ["event"] if "event" in taxonomy.tags else []
    return values


def _example_of(spec: Field, values: dict[str, Any]) -> Any:
    if spec.name in values:
        return values[spec.name]
    example = spec.example
    of = spec.type.of if isinstance(spec.type, Items) else None
    record = of.record if isinstance(of, Either) else of  # a contact: written in full, as an example
    if isinstance(record, Record) and example:
        return [{f.name: f.example for f in record.fields}]
    if isinstance(spec.type, Record):
        return {f.name: f.example for f in spec.type.fields}
    return example


def _yaml_lines(record: Record, values: dict[str, Any], kind: str | None = None) -> list[str]:
    lines: list[str] = []
    for spec in record.fields:
        if kind and spec.only_for and kind not in spec.only_for:
            continue
        fr, en = spec.help
        if spec.required or (kind and kind in spec.required_for):
            need = "obligatoire / required"
        elif spec.sometimes:
            need = "obligatoire selon le cas / required in some cases, see above"
        else:
            need = "facultatif / optional"
        lines += ["", f"# {fr}", f"# {en} ({need})"]
        value = _example_of(spec, values)
        if value is None:
            lines.append(f"{spec.name}:")
        else:
            lines += (
                yaml.safe_dump({spec.name: value}, allow_unicode=True, sort_keys=False, width=100)
                .rstrip("\n")
                .split("\n")
            )
    return lines


def _person(root: Path) -> dict[str, str]:
    """A person's folder: their facts, and the two pages of those who have one (delete both
    for a person listed without a page)."""
    problems: list = []
    values: dict[str, Any] = {"affiliation": next(iter(load_partners(root, problems)), None)}
    head = ["# yaml-language-server: $schema=../../schemas/person.schema.json"]
    head += ["# Ce qui est pareil dans les deux langues. / What is the same in both languages."]
    files = {ITEM_DATA: "\n".join(head + _yaml_lines(PERSON, values)) + "\n"}
    for code in LANGUAGES:
        _, summary, body = PAGE_TEXT["person"][code]
        lines = ["---", "# yaml-language-server: $schema=../../schemas/person-page.schema.json"]
        lines += _yaml_lines(PERSON_PAGE, {"summary": summary})
        files[f"index.{code}.md"] = "\n".join([*lines, "---", "", body, ""])
    return files


def render(kind: str, root: Path, today: dt.date) -> dict[str, str]:
    """The files of a new item: name -> text."""
    if kind == "person":
        return _person(root)
    values = _examples(kind, root, today)
    is_project = kind == "project"
    facts, page = (PROJECT, PROJECT_PAGE) if is_project else (ANNOUNCEMENT, ANNOUNCEMENT_PAGE)
    schema = "project" if is_project else "announcement"
    if not is_project:
        values["type"] = kind
    head = [f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json"]
    head += ["# Ce qui est pareil dans les deux langues. / What is the same in both languages."]
    files = {ITEM_DATA: "\n".join(head + _yaml_lines(facts, values, None if is_project else kind)) + "\n"}
    for code in LANGUAGES:
        title, summary, body = PAGE_TEXT[kind][code]
        texts: dict[str, Any] = {"title": title, "summary": summary}
        if kind in ("job", "call"):
            texts["apply"] = APPLY_TEXT[code]
        page_fields = Record(tuple(f for f in page.fields if not f.only_for or kind in f.only_for))
        lines = ["---", f"# yaml-language-server: $schema=../../schemas/{schema}-page.schema.json"]
        lines += _yaml_lines(page_fields, texts, None if is_project else kind)
        files[f"index.{code}.md"] = "\n".join([*lines, "---", "", body, ""])
    return files


def create(kind: str, slug: str, root: Path, today: dt.date) -> list[Path]:
    """Write the item's folder; refuses to touch an existing one."""
    if kind not in KINDS:
        raise ScaffoldError(say("new.kind", kind=kind, kinds=", ".join(KINDS)))
    if not SLUG.match(slug):
        raise ScaffoldError(say("new.slug", slug=slug))
    folder = root / {"project": "projects", "person": "people"}.get(kind, "news") / slug
    if folder.exists():
        raise ScaffoldError(say("new.exists", folder=str(folder.relative_to(root))))
    files = render(kind, root, today)
    folder.mkdir(parents=True)
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
