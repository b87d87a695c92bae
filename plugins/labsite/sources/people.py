"""Load a person's folder (index.yml, and index.<lang>.md when they have a page of their own)
into a Person: every problem of the folder reported at once, the person built only when there
is none."""

from __future__ import annotations

from pathlib import Path

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import say
from labsite.model.fields import Checker
from labsite.model.page import SourcePage
from labsite.model.people import PersonText
from labsite.model.schemas import PERSON, PERSON_PAGE
from labsite.sources import frontmatter
from labsite.sources.items import LoadedItem, LoadedText, image_rules, load_yaml, placeholder_rules, rules
from labsite.sources.tree import ITEM_DATA


def load_person(
    root: Path, key: str, data_path: str | None, pages: list[SourcePage], problems: list[Diagnostic]
) -> LoadedItem | None:
    """Check the person's files; None when their facts could not be read at all."""
    slug = key.split("/", 1)[1]
    before = len(problems)
    texts: dict[str, PersonText] = {}
    loaded: dict[str, LoadedText] = {}
    for source in pages:
        front, found = frontmatter.read(root, source.path)
        problems += found
        if front is None:
            continue
        fields, _ = PERSON_PAGE.check_fields(front.data, (), Checker(front.doc, problems))
        loaded[source.lang] = LoadedText(fields, front)
        texts[source.lang] = PersonText(path=source.path, **fields, body=front.body, body_line=front.body_line)
    if pages:
        for code in LANGUAGES:
            if code not in {p.lang for p in pages}:
                missing = f"{key}/index.{code}.md"
                problems.append(
                    Diagnostic(missing, 1, 1, "error", "", say("catalog.person_page_pair", missing=missing))
                )
    if data_path is None:
        missing = say("item.facts_missing", file=ITEM_DATA)
        problems.append(Diagnostic(f"{key}/{ITEM_DATA}", 1, 1, "error", "", missing))
        return None
    facts = load_yaml(root, data_path, problems)
    if facts is None:
        return None
    ck = Checker(facts, problems)
    data, _ = PERSON.check_fields(facts.data, (), ck)
    rules(PERSON, data, ck, "person")
    image_rules(root / key, data.get("image"), ck)
    placeholder_rules(facts, loaded, ck, "_person")  # a person is published as soon as merged: no draft
    person = PERSON.build(data, slug=slug, texts=texts) if len(problems) == before else None
    return LoadedItem(person, {}, ck.references, facts)
