"""Build and serve through MkDocs: what ``labsite build`` and ``labsite serve`` run."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer, _serve_url, _timestamp

from labsite.build.preview import CHANGES, error_page
from labsite.build.site import DRAFTS_VARIABLE
from labsite.common.messages import say, shown
from labsite.mkdocs_adapter.plugin import plugin_instances

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


# MkDocs' messages meant for documentation sites, or said again by our one line a rebuild.
_CHATTER = (
    "Building documentation",
    "Cleaning site directory",
    "Documentation built in",
    "Detected file changes",
    "Reloading browsers",
    "A 'dirty' build is being performed",
    "The directory",  # "... contains stale files" (dirty builds keep the previous files on purpose)
    "The following pages exist in the docs directory",
    "Cards (",
    "An error happened during the rebuild",
)


RELOAD_SCRIPT = "/.labsite-livereload.js"


class _Quiet(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_CHATTER)


class _Errors(logging.Handler):
    """The error messages logged during a build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not str(record.msg).startswith("Aborted with"):
            self.messages.append(record.getMessage())


class _PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, which answers every page with the sources' errors while
    they have some (MkDocs' own server would leave the browser waiting), and loads its
    reloading script from a file: the pages' Content-Security-Policy refuses inline scripts."""

    errors: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # MkDocs polls every watched file twice a second: on thousands of item folders that
        # costs more than a rebuild. The system's own notifications (inotify...) say at once.
        self.observer = watchdog.observers.Observer()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As MkDocs' watch, but only writes, creations, deletions and moves ask for a rebuild:
        the system also reports files opened for reading, which every build does."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def changed(event: watchdog.events.FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in CHANGES:
                return
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        at = content.rfind(b"</body>")
        at = len(content) if at == -1 else at
        tag = f'<script src="{RELOAD_SCRIPT}?{epoch}-{_timestamp()}"></script>'.encode()
        return content[:at] + tag + content[at:]

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if path == RELOAD_SCRIPT:
            epoch, _, request = environ.get("QUERY_STRING", "").partition("-")
            script = _SCRIPT_TEMPLATE.substitute(epoch=int(epoch or 0), request_id=int(request or 0))
            start_response("200 OK", [("Content-Type", "text/javascript"), ("Cache-Control", "no-store")])
            return [script.encode()]
        if self.errors is None or path.startswith("/livereload/") or not (path.endswith("/") or path.endswith(".html")):
            return super()._serve_request(environ, start_response)
        page = self._inject_js_into_html(str(error_page(self.errors)).encode("utf-8"), self._visible_epoch)
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")])
        return [page]


def serve(config_file: str, *, dev_addr: str | None = None, drafts: bool = False) -> None:
    """Preview with live reload (MkDocs' server and dirty builds): after the first build, only
    the pages an edit shows on are rendered again; one line a rebuild; while the sources have
    errors, every page shows them, and the preview recovers by itself once they are fixed.
    ``drafts`` also shows drafts and items dated later, each with a banner saying so."""
    _quiet_material()
    if drafts:
        os.environ[DRAFTS_VARIABLE] = "1"
    quiet = _Quiet()
    for handler in logging.getLogger("mkdocs").handlers:  # every record passes them, whichever logger made it
        handler.addFilter(quiet)
    site_dir = tempfile.mkdtemp(prefix="labsite-preview-")
    overrides = {"site_dir": site_dir, **({"dev_addr": dev_addr} if dev_addr else {})}
    config = load_config(config_file, **overrides)
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        if config is None:
            config = load_config(config_file, **overrides)
        config.site_url = serve_url
        said = _Errors()  # MkDocs logs a plugin's error, then raises a bare "Aborted"
        logging.getLogger("mkdocs").addHandler(said)
        try:
            mkdocs_build(config, serve_url=serve_url, dirty=True)
        except MkDocsException as exc:
            server.errors = "\n".join(said.messages) or str(exc)
            log.error(shown(say("serve.failed")))
        else:
            server.errors = None
        finally:
            logging.getLogger("mkdocs").removeHandler(said)

    server = _PreviewServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    server.error_handler = lambda code: _page(site_dir, code)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


__all__ = ["MkDocsException", "build", "serve"]
