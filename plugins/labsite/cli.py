"""The ``labsite`` command: check, new, schema, build, serve."""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from pathlib import Path

from . import benchmark, clock, jsonschemas, pathological, scaffold
from .catalog import build_catalog
from .diagnostics import Diagnostic


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def _relative(root: Path, given: str) -> str:
    path = Path(given).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise SystemExit(f"labsite: {given} is not inside the site folder {root}") from None


def check(root: Path, paths: list[str], output: str) -> int:
    """Every problem of the sources at once (of the given files only, if any); 1 if any error."""
    catalog = build_catalog(root)
    wanted = [_relative(root, p) for p in paths]

    def selected(d: Diagnostic) -> bool:
        return not wanted or any(d.path == w or d.path.startswith(w.rstrip("/") + "/") or w == "." for w in wanted)

    found = [d for d in catalog.diagnostics if selected(d)]
    for key, day in catalog.scheduled:
        print(f"labsite check: {key} is scheduled: published from {day.isoformat()} on", file=sys.stderr)
    for diagnostic in found:
        print(diagnostic.github() if output == "github" else str(diagnostic))
    errors = sum(d.level == "error" for d in found)
    warnings = len(found) - errors
    files = len({d.path for d in found})
    if found:
        print(f"labsite check: {errors} error(s), {warnings} warning(s) in {files} file(s)", file=sys.stderr)
    else:
        print(f"labsite check: no problem in {len(catalog.pages)} published pages", file=sys.stderr)
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="labsite", description="The Bernoulli Lab website: check, create and build its content."
    )
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="check the content: every problem at once, with file and line")
    check_cmd.add_argument("paths", nargs="*", help="report only these files or folders (all are still read)")
    check_cmd.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: annotations on a pull request"
    )
    new = sub.add_parser("new", help="create a project, news item, job ad or call, in both languages")
    new.add_argument("kind", choices=scaffold.KINDS)
    new.add_argument("slug", help="the folder name and URL segment, e.g. sepsis-alert")
    schema = sub.add_parser("schema", help="write the JSON Schemas of the front matter into schemas/")
    schema.add_argument("--check", action="store_true", help="only say whether schemas/ is up to date")
    build = sub.add_parser("build", help="build the whole bilingual site (French at /, English at /en/)")
    build.add_argument("--strict", action="store_true", help="fail on warnings")
    build.add_argument("-d", "--site-dir", help="where to write the site (default: site_dir of mkdocs.yml)")
    bench = sub.add_parser("bench", help="build a synthetic corpus and print wall time, memory and phases")
    bench.add_argument("--projects", type=int, default=100)
    bench.add_argument("--news", type=int, default=200)
    bench.add_argument("--jobs", type=int, default=20)
    bench.add_argument("--baseline", action="store_true", help="also build the same Markdown with plain Material")
    bench.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    bench.add_argument(
        "--hostile", action="store_true", help="instead, time checking the pathological inputs against their budget"
    )
    serve = sub.add_parser("serve", help="serve the site with live reload while you edit")
    serve.add_argument("-a", "--dev-addr", help="IP:PORT to serve on (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)

    config = Path(args.config_file)
    if not config.is_file():
        print(f"labsite: no {args.config_file} here: run it from the site's folder or pass -f", file=sys.stderr)
        return 2
    root = config.resolve().parent
    if args.command == "check":
        return check(root, args.paths, args.format)
    if args.command == "new":
        try:
            written = scaffold.create(args.kind, args.slug, root, clock.today())
        except scaffold.ScaffoldError as exc:
            print(f"labsite new: {exc}", file=sys.stderr)
            return 1
        for path in written:
            print(f"created {path.relative_to(root)}")
        print("Fill in the fields, set draft: false when ready, then run: labsite check", file=sys.stderr)
        return 0
    if args.command == "bench" and args.hostile:
        return 0 if pathological.bench() else 1
    if args.command == "bench":
        benchmark.bench(root, args.projects, args.news, args.jobs, args.baseline, args.keep)
        return 0
    if args.command == "schema":
        changed = jsonschemas.write(root, check_only=args.check)
        if args.check and changed:
            print(
                f"labsite schema: out of date in {jsonschemas.SCHEMA_DIR}/: {', '.join(changed)} (run labsite schema)",
                file=sys.stderr,
            )
            return 1
        print(
            f"labsite schema: {len(changed)} file(s) {'would change' if args.check else 'written'} in {jsonschemas.SCHEMA_DIR}/",
            file=sys.stderr,
        )
        return 0

    # MkDocs is imported only by the commands that build.
    from .mkdocs_adapter import commands

    _setup_logging(args.verbose)
    try:
        if args.command == "build":
            commands.build(args.config_file, strict=args.strict, site_dir=args.site_dir)
        else:
            commands.serve(args.config_file, dev_addr=args.dev_addr)
    except commands.MkDocsException as exc:
        logging.getLogger("mkdocs").error(str(exc))
        return 1
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(
            "labsite serve: the address is already in use: stop the other server, or pass -a 127.0.0.1:8001",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
