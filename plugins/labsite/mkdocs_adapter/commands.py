"""Build and serve through MkDocs: what ``labsite build`` and ``labsite serve`` run."""

from __future__ import annotations

import logging
import os

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .language_pass import plugin_instances

log = logging.getLogger("mkdocs")


def _quiet_material() -> None:
    # Material's end-of-life banner (May 2027) is known and tracked; don't print it every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build(config_file: str, *, strict: bool = False, site_dir: str | None = None) -> None:
    """The same build as ``mkdocs build``: both languages, published only if all succeeds."""
    _quiet_material()
    overrides = {"site_dir": site_dir} if site_dir else {}
    with plugin_instances({}):
        config = load_config(config_file, strict=strict, **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()


def serve(config_file: str, *, dev_addr: str | None = None) -> None:
    """Preview with live reload; after the first build, only the pages whose sources changed
    are rendered again (MkDocs' dirty builds), so an edit shows in seconds on a large site."""
    _quiet_material()
    mkdocs_serve(config_file, dev_addr=dev_addr, livereload=True, build_type="dirty")


__all__ = ["MkDocsException", "build", "serve"]
