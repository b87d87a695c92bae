"""What the theme's templates get besides the page: the UI strings, the Content-Security-Policy,
a cache of their compiled form, Material's markup mended where the HTML standard forbids it, and
parts made once for the pages that show them alike (labsite.render.shared_parts)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import jinja2
import jinja2.bccache

from labsite.common.strings import translate
from labsite.render import csp, images
from labsite.render.shared_parts import SharedParts


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the whole process: a preview's rebuilds (and
    the other languages' renders) do not compile the theme's templates again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the template's source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


CACHE = CompiledTemplates()


def _shared(part: str) -> str:
    """Material's include of ``part``, through ``ls_shared`` (its output byte for byte)."""
    include = f'{{% include "partials/{part}.html" %}}'
    return f'{{% macro ls_{part}() %}}{include}{{% endmacro %}}{{{{ ls_shared("{part}", page, nav, ls_{part}) }}}}'


def _shared_block(part: str, end: str) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """Material's block ``part`` of base.html, up to ``end`` (its last markup), through ``ls_shared``."""
    return (
        ("base.html", f"{{% block {part} %}}", f"{{% block {part} %}}{{% macro ls_{part}() %}}"),
        ("base.html", end, f'{end}{{% endmacro %}}{{{{ ls_shared("{part}", page, nav, ls_{part}) }}}}'),
    )


# Material markup mended in templates that have no block to override it by: each (template, what
# it says once, what it says once mended). `autocomplete` is not allowed on checkboxes (Material
# sets it so that Firefox does not restore an open drawer on reload: labsite.js closes them
# instead); parts are made once for many pages (SharedParts), the same markup.
MENDS = (
    ("base.html", 'type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ("base.html", 'type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    *(("base.html", f'{{% include "partials/{part}.html" %}}', _shared(part)) for part in ("tabs", "nav")),
    ("partials/header.html", '{% include "partials/search.html" %}', _shared("search")),
    *_shared_block("styles", '{% include "partials/icons.html" %}'),
    *_shared_block("config", "} | tojson -}}\n      </script>"),
    *_shared_block(
        "scripts", "{% for script in config.extra_javascript %}\n        {{ script | script_tag }}\n      {% endfor %}"
    ),
)


class MendedTheme(jinja2.BaseLoader):
    """The theme's loader, with ``MENDS`` applied to the sources it returns."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        for name, markup, mended in MENDS:
            if name == template:
                if source.count(markup) != 1:  # a new Material release: look at its markup again
                    raise jinja2.TemplateError(f"{filename}: no longer says {markup!r} once; update labsite's MENDS")
                source = source.replace(markup, mended)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        """The theme's files, without hidden ones or those in hidden folders (Material's 14,000
        icons): MkDocs lists them to publish the static ones, never hidden, twice a build."""
        if not isinstance(self.loader, jinja2.FileSystemLoader):
            return self.loader.list_templates()
        found: set[str] = set()
        for searchpath in self.loader.searchpath:
            for folder, folders, files in os.walk(searchpath, followlinks=self.loader.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                inside = os.path.relpath(folder, searchpath).replace(os.sep, "/")
                prefix = "" if inside == "." else inside + "/"
                found.update(prefix + name for name in files if not name.startswith("."))
        return sorted(found)


def prepare_theme(theme: Any) -> None:
    """Every environment ``theme`` makes (its ``get_env``) prepared: MkDocs' own, and the three
    Material's search plugin makes each pass to translate its labels, which compiled the theme's
    language templates every time."""
    make = theme.get_env
    theme.get_env = lambda: prepare(make())


def prepare(env: jinja2.Environment) -> jinja2.Environment:
    """The theme's environment, with the compiled-template cache and the mended markup."""
    env.bytecode_cache = CACHE  # MkDocs makes a new environment every (re)build
    if not isinstance(env.loader, MendedTheme) and env.loader is not None:
        env.loader = MendedTheme(env.loader)
    return env


def template_globals(lang: str) -> dict[str, Any]:
    say: Callable[[str], str] = lambda key: translate(lang, key)  # noqa: E731
    return {"ls_t": say, "ls_csp": csp.POLICY, "ls_sizes": images.SIZES, "ls_shared": SharedParts()}
