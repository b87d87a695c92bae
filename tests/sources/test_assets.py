"""A preview's rebuild takes the assets whose files are unchanged as the last one checked them:
the same assets and problems as checking them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from labsite.build.catalog import make_catalog
from labsite.build.preview import stamps
from labsite.common import clock
from labsite.sources import assets
from tests.conftest import FIXTURE_FILES, write_site


def test_only_the_assets_whose_files_changed_are_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_site(tmp_path, FIXTURE_FILES)
    photo = tmp_path / "projects/lung-scan/scan.png"
    Image.new("RGB", (40, 20), "red").save(photo)
    checked: list[str] = []
    check = assets._check
    monkeypatch.setattr(assets, "_check", lambda root, asset: checked.append(asset.path) or check(root, asset))
    today = clock.today()

    def rebuild() -> list[str]:
        every = make_catalog(tmp_path, today)  # checking every asset
        checked.clear()
        catalog = make_catalog(tmp_path, today, files=stamps(tmp_path))
        assert (catalog.assets, catalog.diagnostics) == (every.assets, every.diagnostics)
        return sorted(checked)

    assert rebuild() == ["projects/heart-ai/diagram.svg", "projects/lung-scan/scan.png"]
    assert rebuild() == []
    Image.new("RGBA", (60, 20), (0, 0, 0, 0)).save(photo)  # another size, transparent now
    assert rebuild() == ["projects/lung-scan/scan.png"]
    svg = tmp_path / "projects/heart-ai/diagram.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    assert rebuild() == ["projects/heart-ai/diagram.svg"]  # refused now, as a full check says
    assert rebuild() == []
    photo.unlink()
    assert rebuild() == [] and not any("scan.png" in key[1].path for key in assets._CHECKED)
