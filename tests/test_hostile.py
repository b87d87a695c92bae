"""Every hostile or broken input is refused with a clear error, or kept as plain text: never a
crash or a hang (each `labsite check` run is cut off after 10 s)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from labsite.catalog import build_catalog
from tests.conftest import FIXTURE_FILES, write_site
from tests.fixtures.hostile import FIELD_CASES, FIELDS, PAYLOADS, SOURCE_CASES, SourceCase, with_payloads


def test_there_are_at_least_sixty_cases() -> None:
    assert len(FIELD_CASES) + len(SOURCE_CASES) >= 60


@pytest.mark.parametrize("case", SOURCE_CASES, ids=[c.name for c in SOURCE_CASES])
def test_source_case_is_refused_with_file_and_line(tmp_path: Path, case: SourceCase) -> None:
    config = write_site(tmp_path, {**FIXTURE_FILES, **case.files})
    if case.setup:
        case.setup(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "labsite.cli", "check"], cwd=config.parent, capture_output=True, text=True, timeout=10
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
    assert any(PAYLOADS[payload] in t for t in texts + items), "the value was altered instead of kept as text"
