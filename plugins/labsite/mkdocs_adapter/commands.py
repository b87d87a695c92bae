"""``labsite build`` and ``labsite serve`` through MkDocs."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from labsite.build.preview_server import ErrorLog, PreviewServer
from labsite.build.site import DRAFTS_VARIABLE
from labsite.common.messages import say, shown
from labsite.mkdocs_adapter.plugin import plugin_instances

log = logging.getLogger("mkdocs")
# MkDocs' messages meant for documentation sites, or said again by the preview's one line a rebuild
# ("The directory ... contains stale files": dirty builds keep the previous files on purpose).
_CHATTER = ("Building documentation", "Cleaning site directory", "Documentation built in", "The directory")
_CHATTER += ("A 'dirty' build is being performed", "The following pages exist in the docs directory")


def build(config_file: str, *, strict: bool = False, site_dir: str | None = None) -> None:
    """The same build as ``mkdocs build``: both languages, published only if all succeeds."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner: known, tracked
    with plugin_instances({}):
        config = load_config(config_file, strict=strict, **({"site_dir": site_dir} if site_dir else {}))
        # Dirty: MkDocs renders only the pages the build says are modified (not in the page cache).
        config.plugins.on_startup(command="build", dirty=True)
        try:
            mkdocs_build(config, dirty=True)
        finally:
            config.plugins.on_shutdown()


def serve(config_file: str, *, dev_addr: str | None = None, drafts: bool = False) -> None:
    """Preview with live reload: dirty builds, so a rebuild renders only what an edit shows on."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if drafts:
        os.environ[DRAFTS_VARIABLE] = "1"
    for handler in log.handlers:  # every record passes them, whichever logger made it
        handler.addFilter(lambda record: not str(record.msg).startswith(_CHATTER))
    # Stopped as by Ctrl-C (an editor's or a test's stop button sends SIGTERM): the folder goes too.
    signal.signal(signal.SIGTERM, _interrupt)
    site_dir = tempfile.mkdtemp(prefix="labsite-preview-")
    overrides = {"site_dir": site_dir, **({"dev_addr": dev_addr} if dev_addr else {})}
    config = load_config(config_file, **overrides)
    server = PreviewServer(Path(site_dir), *config.dev_addr, urlsplit(config.site_url or "/").path)
    config.plugins.on_startup(command="serve", dirty=True)

    def rebuild() -> str | None:
        fresh = load_config(config_file, **overrides)
        fresh.site_url = server.url
        with ErrorLog(log) as said:
            try:
                mkdocs_build(fresh, serve_url=server.url, dirty=True)
                return None
            except MkDocsException as exc:
                errors = "\n".join(said.messages) or str(exc)
        log.error(shown(say("serve.failed")))
        return errors

    try:  # stopped during the first build too: no traceback, and nothing left behind
        server.built(rebuild())
        for path in (config.docs_dir, config.config_file_path, *config.watch):
            server.watch(path)
        config.plugins.on_serve(server, config=config, builder=rebuild)
        server.serve(rebuild, log)
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
