"""Every hostile or broken input is refused with a clear error, or kept as plain text: never a
crash or a hang (each `labsite check` run is cut off after 10 s)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from urllib.parse import quote

import markdown
import pytest

from labsite.commands.pathological import PATHOLOGICAL
from labsite.sources.bodies import _own_problems, check_body
from tests.conftest import FIXTURE_FILES, build_catalog, write_site
from tests.fixtures.hostile import (
    FIELD_CASES,
    FIELDS,
    PATHOLOGICAL_ACCEPTED,
    PAYLOADS,
    REPROS,
    REPROS_ACCEPTED,
    SOURCE_CASES,
    SourceCase,
    _body,
    with_payloads,
)


def test_there_are_at_least_sixty_cases() -> None:
    assert len(FIELD_CASES) + len(SOURCE_CASES) >= 60


@pytest.mark.parametrize("case", SOURCE_CASES, ids=[c.name for c in SOURCE_CASES])
def test_source_case_is_refused_with_file_and_line(tmp_path: Path, case: SourceCase) -> None:
    config = write_site(tmp_path, {**FIXTURE_FILES, **case.files})
    if case.setup:
        case.setup(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "labsite", "check"], cwd=config.parent, capture_output=True, text=True, timeout=10
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    # The error is on the file, or (a clash between two files) names it.
    assert re.search(rf"^(\S+:\d+:\d+: error: .*)?{re.escape(case.path)}", result.stdout, re.M), result.stdout
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize(("field", "payload"), FIELD_CASES)
def test_field_payload_is_refused_or_kept_as_text(tmp_path: Path, field: str, payload: str) -> None:
    write_site(tmp_path, with_payloads([(field, payload)]))
    catalog = build_catalog(tmp_path)
    path = FIELDS[field][0]
    if catalog.errors:  # refused: every error names the file it is in
        assert {e.path for e in catalog.errors} <= {path, path.replace(".fr.", ".en."), path.replace(".en.", ".fr.")}
        return
    texts = [p.title for p in catalog.pages] + [p.description for p in catalog.pages]
    items = [repr(p.item) for p in catalog.pages if p.item] + [repr(catalog.partners), repr(catalog.taxonomy)]
    # A URL keeps it percent-encoded, as a browser's address bar would (a valid URL everywhere).
    kept = quote(PAYLOADS[payload], safe="!#$%&'()*+,/:;=?@~") if field.endswith(" url") else PAYLOADS[payload]
    assert any(kept in t for t in texts + items), "the value was altered instead of kept as text"


@pytest.mark.parametrize("name", [n for n in REPROS if n not in REPROS_ACCEPTED])
def test_repro_is_refused_with_its_line(tmp_path: Path, name: str) -> None:
    """The friendly early errors catch each repro of the attack run, at its line (the
    sanitizer and the policy stop them regardless: tests/browser/test_hostile_layers.py)."""
    write_site(tmp_path, {**FIXTURE_FILES, **_body(REPROS[name])})
    errors = [e for e in build_catalog(tmp_path).errors if e.path == "content/about.fr.md"]
    body_line = 6  # page(): four lines of front matter, then a blank line
    assert errors and all(e.line >= body_line for e in errors), errors


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_is_refused_with_its_line_or_harmless(tmp_path: Path, name: str) -> None:
    make, size = PATHOLOGICAL[name]
    write_site(tmp_path, {**FIXTURE_FILES, **_body(make(size))})
    errors = [e for e in build_catalog(tmp_path).errors if e.path == "content/about.fr.md"]
    if name in PATHOLOGICAL_ACCEPTED:
        assert errors == []
        markdown.markdown(make(size), extensions=["attr_list", "md_in_html", "toc"])  # no crash
    else:
        assert errors and errors[0].line >= 5, "accepted: the build would run Python-Markdown on it"


def _lines_run(body: str) -> int:
    """Python lines the body check runs: a count of work that does not depend on the machine."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable | None:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    _own_problems.cache_clear()  # count the work, not a cached answer
    sys.settrace(trace)
    try:
        check_body("content/about.fr.md", body, 1, Path("."), set(), set(), limits=False)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_checking_pathological_input_is_linear(name: str) -> None:
    """Eight times the input, at most about eight times the work (a quadratic scan would do 64),
    every scan run as if the input were within the limits. The regular expressions' own steps
    are not counted here: `labsite bench --hostile` times every input at full size against a budget."""
    make, size = PATHOLOGICAL[name]
    small, large = _lines_run(make(size // 16)), _lines_run(make(size // 2))
    assert large <= 10 * max(small, 50), (small, large)
