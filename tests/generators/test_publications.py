"""The publications list: whole years, newest first, up to a size; older years on their own pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from labsite.generators import publications
from tests.conftest import FIXTURE_FILES, PEOPLE_FILES, build_catalog, write_site


def test_a_long_list_shows_its_newest_whole_years_and_links_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES})
    monkeypatch.setattr(publications, "MAX_LISTED", 2)
    catalog = build_catalog(tmp_path, today=dt.date(2026, 11, 29))
    view = publications.of(catalog, "fr")
    assert view is not None
    assert [year for year, _ in view.years] == [2025, 2024] and view.count == 2
    assert [(year, url) for year, url, _ in view.older] == [(2022, "publications/2022/")]
    monkeypatch.setattr(publications, "MAX_LISTED", 1000)
    view = publications.of(build_catalog(tmp_path, today=dt.date(2026, 11, 29)), "en")
    assert view is not None and [year for year, _ in view.years] == [2025, 2024, 2022] and view.older == ()
