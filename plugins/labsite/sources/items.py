"""Load an item folder (index.yml + index.<lang>.md) into a Project or an Announcement.

Every rule runs on whatever fields are valid, so one run reports every problem of the
item; the item itself is built only when there are none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labsite.commands.new import placeholders
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.model.content import Announcement, Contact, Item, ItemText, Link, Project
from labsite.model.fields import IMAGE_SUFFIXES, Checker, Record
from labsite.model.page import SourcePage
from labsite.model.schemas import ANNOUNCEMENT, ANNOUNCEMENT_PAGE, JOB_TYPES, PROJECT, PROJECT_PAGE, REQUIRED_FOR_JOBS
from labsite.sources import frontmatter, yamlsource
from labsite.sources.assets import MAX_ASSET_BYTES, image_problem
from labsite.sources.tree import ITEM_DATA


@dataclass
class LoadedText:
    fields: dict[str, Any]  # the valid fields of the front matter
    front: frontmatter.FrontMatter

    def error(self, problems: list[Diagnostic], field: str, message: str) -> None:
        Checker(self.front.doc, problems).error((field,), message, at_key=True)


@dataclass
class LoadedItem:
    item: Item | None  # None when the item has errors
    texts: dict[str, ItemText]
    references: list[tuple[str, str, yamlsource.Path]]
    doc: yamlsource.YamlDoc


def load_item(
    root: Path, key: str, kind: str, data_path: str | None, pages: list[SourcePage], problems: list[Diagnostic]
) -> LoadedItem | None:
    """Check every file of the item; None when its facts could not be read at all."""
    section, slug = key.split("/", 1)
    before = len(problems)
    schema, page_schema = (PROJECT, PROJECT_PAGE) if kind == "project" else (ANNOUNCEMENT, ANNOUNCEMENT_PAGE)

    texts: dict[str, LoadedText] = {}
    for source in pages:
        front, found = frontmatter.read(root, source.path)
        problems += found
        if front is not None:
            fields, _ = page_schema.check_fields(front.data, (), Checker(front.doc, problems))
            texts[source.lang] = LoadedText(fields, front)
    for code in LANGUAGES:
        if code not in {p.lang for p in pages}:
            missing = say("item.text_missing", language=say(f"language.{code}"))
            problems.append(Diagnostic(f"{key}/index.{code}.md", 1, 1, "error", "", missing))

    if data_path is None:
        missing = say("item.facts_missing", file=ITEM_DATA)
        problems.append(Diagnostic(f"{key}/{ITEM_DATA}", 1, 1, "error", "", missing))
        return None
    facts = _load_yaml(root, data_path, problems)
    if facts is None:
        return None
    ck = Checker(facts, problems)
    data, _ = schema.check_fields(facts.data, (), ck)
    _updated_rule(data, ck)
    if kind == "project":
        _project_rules(data, ck)
    else:
        _announcement_rules(data, schema, texts, ck)
    _image_rules(root / section / slug, facts.data.get("image"), data.get("image"), texts, ck)

    if data.get("draft") is False:
        _placeholder_rules(facts, texts, ck)

    by_lang = {code: _text(pages, code, loaded) for code, loaded in texts.items()}
    item: Item | None = None
    if len(problems) == before:
        item = _project(slug, data, by_lang) if kind == "project" else _announcement(slug, data, by_lang)
    return LoadedItem(item, by_lang, ck.references, facts)


def _text(pages: list[SourcePage], code: str, loaded: LoadedText) -> ItemText:
    path = next(p.path for p in pages if p.lang == code)
    fields = loaded.fields
    return ItemText(
        path,
        fields.get("title", ""),
        fields.get("summary", ""),
        fields.get("image_alt"),
        fields.get("apply"),
        loaded.front.body,
        loaded.front.body_line,
        loaded.front.doc.value_at(("apply",))[0],
    )


def _load_yaml(root: Path, path: str, problems: list[Diagnostic]) -> yamlsource.YamlDoc | None:
    doc, found = frontmatter.read_yaml(root, path)
    problems += found
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(Diagnostic(path, 1, 1, "error", "", say("item.not_mapping")))
        return None
    return doc


def _updated_rule(data: dict[str, Any], ck: Checker) -> None:
    date, updated = data.get("date"), data.get("updated")
    if date and updated and updated < date:
        ck.error(("updated",), say("item.before_date", day=updated.isoformat(), date=date.isoformat()))


def _project_rules(data: dict[str, Any], ck: Checker) -> None:
    status, start, end = data.get("status"), data.get("start"), data.get("end")
    raw = ck.doc.data
    if status not in (None, "idea") and raw.get("start") is None:
        ck.error(("start",), say("item.start_required", status=status), near=("status",))
    if status == "completed" and raw.get("end") is None:
        ck.error(("end",), say("item.end_required"), near=("status",))
    if start and end and end < start:
        ck.error(("end",), say("item.end_before_start", end=end.isoformat(), start=start.isoformat()))


def _announcement_rules(data: dict[str, Any], schema: Record, texts: dict[str, LoadedText], ck: Checker) -> None:
    kind, raw = data.get("type"), ck.doc.data
    if kind is None:
        return
    for spec in schema.fields:
        if spec.only_for and kind not in spec.only_for and spec.name in raw:
            allowed = " and ".join(spec.only_for)
            ck.error((spec.name,), say("item.only_for", allowed=allowed, kind=kind), at_key=True)
    for loaded in texts.values():
        has_apply = "apply" in loaded.front.data
        if kind in JOB_TYPES and not has_apply:
            loaded.error(ck.problems, "apply", say("item.apply_required", kind=kind))
        if kind not in JOB_TYPES and has_apply:
            loaded.error(ck.problems, "apply", say("item.apply_only_jobs", kind=kind))
    if kind in JOB_TYPES:
        for name in REQUIRED_FOR_JOBS:
            if raw.get(name) is None:
                ck.error((name,), say("item.required_for", kind=kind), at_key=True)
    date, deadline = data.get("date"), data.get("deadline")
    opens, hearing, start_date = data.get("opens"), data.get("hearing"), data.get("start_date")
    if deadline and date and deadline < date:
        ck.error(("deadline",), say("item.before_date", day=deadline.isoformat(), date=date.isoformat()))
    if opens and deadline and opens > deadline:
        ck.error(("opens",), say("item.after_deadline", day=opens.isoformat(), deadline=deadline.isoformat()))
    if hearing and deadline and hearing < deadline:
        ck.error(("hearing",), say("item.before_deadline", day=hearing.isoformat(), deadline=deadline.isoformat()))
    if start_date and deadline and start_date < deadline:
        ck.error(
            ("start_date",), say("item.before_deadline", day=start_date.isoformat(), deadline=deadline.isoformat())
        )


def _image_rules(folder: Path, written: Any, image: str | None, texts: dict[str, LoadedText], ck: Checker) -> None:
    for loaded in texts.values():
        has_alt = loaded.front.data.get("image_alt") is not None
        if written and not has_alt:
            loaded.error(ck.problems, "image_alt", say("item.alt_required"))
        if not written and has_alt:
            loaded.error(ck.problems, "image_alt", say("item.alt_without_image", file=ITEM_DATA))
    if not image:
        return
    path = folder / image
    real_folder = os.path.realpath(folder)
    if os.path.commonpath([os.path.realpath(path), real_folder]) != real_folder:
        ck.error(("image",), say("item.image_outside", image=image))
    elif not path.is_file():
        present = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if present:
            ck.error(("image",), say("item.image_missing_here", image=image, present=", ".join(present)))
        else:
            ck.error(("image",), say("item.image_missing", image=image))
    elif path.stat().st_size > MAX_ASSET_BYTES:
        size = path.stat().st_size // 1_000_000
        ck.error(("image",), say("item.image_size", image=image, size=size, maximum=MAX_ASSET_BYTES // 1_000_000))
    elif problem := image_problem(path):
        ck.error(("image",), say("item.image_problem", image=image, problem=problem))


def _strings(value: Any, where: yamlsource.Path = ()) -> list[tuple[yamlsource.Path, str]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, (*where, str(key)))]
    if isinstance(value, list):
        return [pair for index, item in enumerate(value) for pair in _strings(item, (*where, index))]
    return [(where, value.strip())] if isinstance(value, str) else []


def _placeholder_rules(facts: yamlsource.YamlDoc, texts: dict[str, LoadedText], ck: Checker) -> None:
    """A published item must not keep what `labsite new` wrote as an example."""
    examples = placeholders()
    message = say("item.placeholder")
    for where, value in _strings(facts.data):
        if value in examples:
            ck.error(where, message)
    for loaded in texts.values():
        page_ck = Checker(loaded.front.doc, ck.problems)
        for where, value in _strings(loaded.front.data):
            if value in examples:
                page_ck.error(where, message)
        if loaded.front.body.strip() in examples:
            path = loaded.front.doc.path
            ck.problems.append(Diagnostic(path, loaded.front.body_line, 1, "error", "", say("item.placeholder_text")))


def _contact(data: dict[str, Any]) -> Contact:
    return Contact(data["name"], data["email"], data.get("role"))


def _project(slug: str, data: dict[str, Any], texts: dict[str, ItemText]) -> Project:
    return Project(
        slug=slug,
        date=data["date"],
        updated=data.get("updated"),
        status=data["status"],
        themes=tuple(data["themes"]),
        partners=tuple(data["partners"]),
        texts=texts,
        acronym=data.get("acronym"),
        start=data.get("start"),
        end=data.get("end"),
        data_sources=tuple(data.get("data_sources", [])),
        contacts=tuple(_contact(c) for c in data.get("contacts", [])),
        funding=tuple(data.get("funding", [])),
        authorisation=data.get("authorisation"),
        links=tuple(Link(x["label"], x["url"]) for x in data.get("links", [])),
        image=data.get("image"),
        draft=data.get("draft", False),
    )


def _announcement(slug: str, data: dict[str, Any], texts: dict[str, ItemText]) -> Announcement:
    contact = data.get("contact")
    return Announcement(
        slug=slug,
        type=data["type"],
        date=data["date"],
        texts=texts,
        tags=tuple(data.get("tags", [])),
        projects=tuple(data.get("projects", [])),
        image=data.get("image"),
        draft=data.get("draft", False),
        kind=data.get("kind"),
        deadline=data.get("deadline"),
        opens=data.get("opens"),
        hearing=data.get("hearing"),
        start_date=data.get("start_date"),
        duration_months=data.get("duration_months"),
        location=data.get("location"),
        contact=_contact(contact) if contact else None,
        updated=data.get("updated"),
    )
