"""Load an item folder (index.yml + index.<lang>.md) into a Project or an Announcement.

Every rule runs on whatever fields are valid, so one run reports every problem of the
item; the item itself is built only when there are none.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.model.content import Item, ItemText
from labsite.model.examples import placeholders
from labsite.model.fields import IMAGE_SUFFIXES, Checker, Record
from labsite.model.page import SourcePage
from labsite.model.schemas import ANNOUNCEMENT, ANNOUNCEMENT_PAGE, PROJECT, PROJECT_PAGE
from labsite.sources import frontmatter, yamlsource
from labsite.sources.assets import DECODED, MAX_ASSET_BYTES, image_problem
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
    root: Path,
    key: str,
    kind: str,
    data_path: str | None,
    pages: list[SourcePage],
    problems: list[Diagnostic],
    reserved: Callable[[str, str], bool] = lambda kind, slug: False,
) -> LoadedItem | None:
    """Check every file of the item; None when its facts could not be read at all. ``reserved``:
    whether a slug is one of a listing's own URL segments."""
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
            if (own := fields.get("slug")) and reserved(kind, own):
                texts[source.lang].error(problems, "slug", say("catalog.reserved_slug", slug=own))
    for code in LANGUAGES:
        if code not in {p.lang for p in pages}:
            missing = say("item.text_missing", language=say(f"language.{code}"))
            problems.append(Diagnostic(f"{key}/index.{code}.md", 1, 1, "error", "", missing))

    if data_path is None:
        missing = say("item.facts_missing", file=ITEM_DATA)
        problems.append(Diagnostic(f"{key}/{ITEM_DATA}", 1, 1, "error", "", missing))
        return None
    facts = load_yaml(root, data_path, problems)
    if facts is None:
        return None
    ck = Checker(facts, problems)
    data, _ = schema.check_fields(facts.data, (), ck)
    kind_of_item = kind if kind == "project" else data.get("type")
    rules(schema, data, ck, kind_of_item)
    if kind_of_item == "event":
        event_rules(data, ck)
    for loaded in texts.values():
        _text_rules(page_schema, loaded, facts.data, kind_of_item, ck.problems)
    image_rules(root / section / slug, data.get("image"), ck)

    if data.get("draft") is False:
        placeholder_rules(facts, texts, ck)

    by_lang = {code: _text(pages, code, loaded) for code, loaded in texts.items()}
    item: Item | None = None
    if len(problems) == before:
        item = schema.build(data, slug=slug, texts=by_lang)
    return LoadedItem(item, by_lang, ck.references, facts)


def _text(pages: list[SourcePage], code: str, loaded: LoadedText) -> ItemText:
    path = next(p.path for p in pages if p.lang == code)
    fields = loaded.fields
    return ItemText(
        path=path,
        **{"title": "", "summary": "", **fields},  # the ones missing are reported
        body=loaded.front.body,
        body_line=loaded.front.body_line,
        apply_line=loaded.front.doc.value_at(("apply",))[0],
    )


def load_yaml(root: Path, path: str, problems: list[Diagnostic]) -> yamlsource.YamlDoc | None:
    doc, found = frontmatter.read_yaml(root, path)
    problems += found
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(Diagnostic(path, 1, 1, "error", "", say("item.not_mapping")))
        return None
    return doc


def rules(record: Record, data: dict[str, Any], ck: Checker, kind: str | None) -> None:
    """The rules declared on the fields of index.yml: fields of some types of item only, or
    required for some, or along with another field's value; dates in order."""
    raw = ck.doc.data
    for spec in record.fields:
        if kind is not None and spec.only_for and kind not in spec.only_for and spec.name in raw:
            allowed = " and ".join(spec.only_for)
            ck.error((spec.name,), say(spec.message("only_for"), allowed=allowed, kind=kind), at_key=True)
        if kind in spec.required_for and raw.get(spec.name) is None:
            ck.error((spec.name,), say(spec.message("required_for"), kind=kind), at_key=True)
        if (
            (rule := spec.required_if) is not None
            and data.get(rule.field) in rule.values
            and raw.get(spec.name) is None
        ):
            ck.error((spec.name,), say(rule.message, **{rule.field: data[rule.field]}), near=(rule.field,))
        day = data.get(spec.name)
        for order in spec.order:
            other = data.get(order.other)
            if day and other and (day < other if order.after else day > other):
                ck.error((spec.name,), say(order.message, day=day.isoformat(), **{order.other: other.isoformat()}))


def event_rules(data: dict[str, Any], ck: Checker) -> None:
    """Where to go (or how to follow it), and its dates in order: a timed event ends after it
    starts; whole days are both whole; registration closes by the first day."""
    if not any(data.get(name) for name in ("place", "address", "online")):
        ck.error(("place",), say("event.nowhere"), near=("type",))
    starts, ends, closes = data.get("starts"), data.get("ends"), data.get("registration_deadline")
    if starts and ends:
        if starts.whole_day != ends.whole_day:
            ck.error(("ends",), say("event.mixed", starts=starts.text(), ends=ends.text()))
        elif ends.day < starts.day or (not starts.whole_day and ends.local() <= starts.local()):
            ck.error(("ends",), say("event.before_start", day=ends.text(), starts=starts.text()))
    if starts and closes and closes > starts.day:
        ck.error(
            ("registration_deadline",),
            say("event.registration_after_start", day=closes.isoformat(), starts=starts.day.isoformat()),
        )


def _text_rules(
    record: Record, loaded: LoadedText, facts: dict[str, Any], kind: str | None, problems: list[Diagnostic]
) -> None:
    """The rules of an item's text that depend on its facts: a field for some types of item
    only, or required for some; a description required with what it describes, refused without."""
    written = loaded.front.data
    for spec in record.fields:
        has = written.get(spec.name) is not None if spec.describes else spec.name in written
        if kind is not None and spec.required_for and not has and kind in spec.required_for:
            loaded.error(problems, spec.name, say(spec.message("required_for"), kind=kind))
        if kind is not None and spec.only_for and has and kind not in spec.only_for:
            loaded.error(
                problems, spec.name, say(spec.message("only_for"), allowed=" and ".join(spec.only_for), kind=kind)
            )
        if spec.describes and facts.get(spec.describes) and not has:
            loaded.error(problems, spec.name, say("item.alt_required"))
        if spec.describes and not facts.get(spec.describes) and has:
            loaded.error(problems, spec.name, say("item.alt_without_image", file=ITEM_DATA))


def image_rules(folder: Path, image: str | None, ck: Checker) -> None:
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
    elif problem := image_problem(path, folder.parents[1] / DECODED):  # folder: <root>/<section>/<slug>
        ck.error(("image",), say("item.image_problem", image=image, problem=problem))


def _strings(value: Any, where: yamlsource.Path = ()) -> list[tuple[yamlsource.Path, str]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, (*where, str(key)))]
    if isinstance(value, list):
        return [pair for index, item in enumerate(value) for pair in _strings(item, (*where, index))]
    return [(where, value.strip())] if isinstance(value, str) else []


def placeholder_rules(facts: yamlsource.YamlDoc, texts: dict[str, LoadedText], ck: Checker, suffix: str = "") -> None:
    """A published item must not keep what `labsite new` wrote as an example (``suffix``: the
    messages' variant for a kind of item, "_person": people have no draft to keep)."""
    examples = placeholders()
    message = say(f"item.placeholder{suffix}")
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
            ck.problems.append(
                Diagnostic(path, loaded.front.body_line, 1, "error", "", say(f"item.placeholder_text{suffix}"))
            )
