"""The JSON Schemas carry the declared conditional rules, as the check does."""

from __future__ import annotations

import jsonschema
import pytest
from markupsafe import Markup

from labsite.commands.schema import render
from labsite.model.schemas import ANNOUNCEMENT, PROJECT
from labsite.render.obfuscation import email_html

JOB = {
    "type": "job",
    "date": "2026-11-01",
    "kind": "phd",
    "deadline": "2027-01-31",
    "location": "Paris",
    "contact": {"name": "Ada", "email": "ada@example.org"},
}


def _valid(record: object, data: dict) -> bool:
    try:
        jsonschema.validate(data, record.schema())  # type: ignore[attr-defined]
    except jsonschema.ValidationError:
        return False
    return True


def test_a_job_needs_its_facts_and_news_may_not_have_them() -> None:
    assert _valid(ANNOUNCEMENT, JOB)
    assert not _valid(ANNOUNCEMENT, {k: v for k, v in JOB.items() if k != "deadline"})
    assert not _valid(ANNOUNCEMENT, {"type": "news", "date": "2026-11-01", "kind": "phd"})
    assert not _valid(ANNOUNCEMENT, {**JOB, "hearing": "2027-02-15"})  # a call's field on a job ad
    assert _valid(ANNOUNCEMENT, {**JOB, "type": "call", "hearing": "2027-02-15"})


def test_a_project_needs_dates_according_to_its_status() -> None:
    base = {"date": "2026-01-01", "themes": ["imaging"], "partners": ["aphp-eds"]}
    assert _valid(PROJECT, {**base, "status": "idea"})
    assert not _valid(PROJECT, {**base, "status": "ongoing"})
    assert _valid(PROJECT, {**base, "status": "ongoing", "start": "2026-01-01"})
    assert not _valid(PROJECT, {**base, "status": "completed", "start": "2026-01-01"})


def test_the_written_schemas_are_the_declared_ones() -> None:
    assert '"allOf"' in render()["announcement.schema.json"] and '"allOf"' in render()["project.schema.json"]


@pytest.mark.parametrize("label", ["Écrire à l'équipe <b>", 'a "quoted" & label'])
def test_html_made_in_python_is_markup_of_escaped_parts(label: str) -> None:
    span = email_html("ada@example.org", "en", label)
    assert isinstance(span, Markup) and "<b>" not in span and Markup.escape(label) in span
    assert Markup.escape(span) == span  # a template's |e leaves it as it is: escaped once


def test_json_ld_cannot_close_its_script() -> None:
    from labsite.render import jsonld

    element = jsonld.script({"name": "</script><script>alert(1)</script>"})
    assert isinstance(element, Markup) and element.count("</script>") == 1
