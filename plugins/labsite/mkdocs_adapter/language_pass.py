"""Run one non-default language's MkDocs pass.

The default language's pass runs the others either at the same time, each in a process of
its own (``python -m labsite.mkdocs_adapter.language_pass``: separate cores, no shared
plugin state), or, held to one process, one after the other in its own process on the
catalog it has read already.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

LOG_FORMAT = "%(levelname)-7s -  %(message)s"


# A preview keeps each language's plugins from one rebuild to the next (as MkDocs does for
# the default language): Material's search merges the pages rebuilt with the others.
_SERVE_PLUGINS: dict[str, dict[str, Any]] = {}


def run(
    config_file: str,
    lang: str,
    site_dir: str,
    site_url: str,
    today: dt.date,
    catalog: Any = None,
    serve: tuple[str, bool] | None = None,
    rebuild: Any = None,
) -> int:
    """Build ``lang`` into ``site_dir``; returns the pages rendered; raises MkDocsException on failure."""
    own = _SERVE_PLUGINS.setdefault(lang, {}) if serve else {}
    first = serve is not None and not own
    with plugin_instances(own):
        config = load_config(config_file, site_dir=site_dir, site_url=site_url)
        plugin = config.plugins["labsite"]
        plugin.lang, plugin.today, plugin.preloaded, plugin.rebuild = lang, today, catalog, rebuild
        dirty = bool(serve and serve[1])
        if serve is None or first:
            config.plugins.on_startup(command="serve" if serve else "build", dirty=dirty)
        build(config, dirty=dirty)
        if serve is None:
            config.plugins.on_shutdown()
        return plugin.rendered


@contextmanager
def plugin_instances(cache: dict[str, Any]) -> Iterator[None]:
    """Use ``cache`` for MkDocs' plugin instances meanwhile. MkDocs keeps the instances of
    plugins with start-up hooks (Material's search, ours) in one cache for every config of
    the process; a build must not reuse another build's."""
    option = dict(MkDocsConfig._schema)["plugins"]
    saved, option.plugin_cache = option.plugin_cache, cache
    try:
        yield
    finally:
        option.plugin_cache = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config-file", required=True)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--site-dir", required=True)
    parser.add_argument("--site-url", required=True)
    parser.add_argument("--today", required=True, type=dt.date.fromisoformat, help="the default pass's day")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the default pass prints it once
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        run(args.config_file, args.lang, args.site_dir, args.site_url, args.today)
    except MkDocsException as exc:
        logging.getLogger("mkdocs").error(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
