"""MkDocs publishes the same files of Material's theme through labsite's environment as
through its own."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from labsite.render import templates
from tests.conftest import write_site


def test_the_themes_files_published_are_materials_own(tmp_path: Path) -> None:
    write_site(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    found = []
    for env in (config.theme.get_env(), templates.prepare(config.theme.get_env())):
        files = Files([])
        files.add_files_from_theme(env, config)
        found.append(sorted((file.src_uri, file.abs_src_path) for file in files))
    assert found[0] == found[1] and any(uri.startswith("assets/javascripts/") for uri, _ in found[0])
