"""The ``labsite`` command."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .mkdocs_adapter import commands


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="labsite", description="Build the Bernoulli Lab website.")
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the whole bilingual site (French at /, English at /en/)")
    build.add_argument("--strict", action="store_true", help="fail on warnings")
    build.add_argument("-d", "--site-dir", help="where to write the site (default: site_dir of mkdocs.yml)")
    serve = sub.add_parser("serve", help="serve the site with live reload while you edit")
    serve.add_argument("-a", "--dev-addr", help="IP:PORT to serve on (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)

    if not Path(args.config_file).is_file():
        print(f"labsite: no {args.config_file} here: run it from the site's folder or pass -f", file=sys.stderr)
        return 2
    _setup_logging(args.verbose)
    try:
        if args.command == "build":
            commands.build(args.config_file, strict=args.strict, site_dir=args.site_dir)
        else:
            commands.serve(args.config_file, dev_addr=args.dev_addr)
    except commands.MkDocsException as exc:
        logging.getLogger("mkdocs").error(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
