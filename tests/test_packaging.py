"""What pyproject.toml promises: the pinned engine, the MkDocs plugin and the labsite command."""

from __future__ import annotations

from importlib.metadata import entry_points, version


def test_engine_versions_are_the_pinned_ones() -> None:
    assert version("mkdocs") == "1.6.1"
    assert version("mkdocs-material").startswith("9.8.")


def test_plugin_and_command_are_registered() -> None:
    plugins = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert plugins["labsite"] == "labsite.mkdocs_adapter.plugin:LabsitePlugin"
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts["labsite"] == "labsite.commands.cli:run"
