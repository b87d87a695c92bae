"""Run one non-default language's MkDocs pass: ``python -m labsite.mkdocs_adapter.language_pass``.

The default language's pass starts one of these per other language, in a process of its
own so the passes run on separate cores and share no plugin state.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

LOG_FORMAT = "%(levelname)-7s -  %(message)s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config-file", required=True)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--site-dir", required=True)
    parser.add_argument("--site-url", required=True)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the default pass prints it once
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        config = load_config(args.config_file, site_dir=args.site_dir, site_url=args.site_url, strict=args.strict)
        config.plugins["labsite"].lang = args.lang
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        logging.getLogger("mkdocs").error(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
