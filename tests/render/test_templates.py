"""The theme's environments: every one the theme makes shares the compiled templates, and the
theme's files are listed without the hidden ones MkDocs would leave out anyway."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from labsite.render import templates


def test_the_themes_files_are_listed_without_hidden_ones(tmp_path: Path) -> None:
    files = ("main.html", "assets/site.css", ".icons/a/b.svg", "sub/.hidden", "sub/.git/x.css", "sub/page.html")
    for folder, names in (("theme", files), ("overrides", ("main.html", "extra.css", ".secret"))):
        for name in names:
            (tmp_path / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / folder / name).write_text("x")
    plain = jinja2.FileSystemLoader([str(tmp_path / "overrides"), str(tmp_path / "theme")])
    listed = templates.MendedTheme(plain).list_templates()
    visible = [name for name in plain.list_templates() if not any(part.startswith(".") for part in name.split("/"))]
    assert listed == visible == ["assets/site.css", "extra.css", "main.html", "sub/page.html"]


class _Theme:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_env(self) -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader(str(self.folder)))


def test_every_environment_the_theme_makes_shares_the_compiled_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's search plugin makes three environments a pass to translate its labels."""
    (tmp_path / "language.html").write_text("{% macro t(key) %}[{{ key }}]{% endmacro %}")
    compiled: list[str | None] = []
    real = jinja2.Environment.compile

    def compile(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    theme = _Theme(tmp_path)
    templates.prepare_theme(theme)
    said = [theme.get_env().get_template("language.html").module.t("search") for _ in range(3)]  # type: ignore[attr-defined]
    assert said == ["[search]"] * 3
    assert compiled.count("language.html") <= 1  # none if another test compiled it already
    env = theme.get_env()
    assert env.bytecode_cache is templates.CACHE and isinstance(env.loader, templates.MendedTheme)
    (tmp_path / "language.html").write_text("{% macro t(key) %}<{{ key }}>{% endmacro %}")
    assert theme.get_env().get_template("language.html").module.t("search") == "<search>"  # type: ignore[attr-defined]


def test_markup_to_mend_not_there_once_is_an_error_naming_it() -> None:
    """A Material release that changed the markup MENDS looks for, or says it twice: mending it
    blindly could share a part that now shows something of the page."""
    header = '<header>{% include "partials/search.html" %}</header>'
    env = jinja2.Environment()
    mended = templates.MendedTheme(jinja2.DictLoader({"partials/header.html": header}))
    assert 'ls_shared("search", page, nav, ls_search)' in mended.get_source(env, "partials/header.html")[0]
    for source in ("<header></header>", header + header):
        loader = templates.MendedTheme(jinja2.DictLoader({"partials/header.html": source}))
        with pytest.raises(jinja2.TemplateError, match=r"search\.html.*once; update labsite's MENDS"):
            loader.get_source(env, "partials/header.html")
