"""The preview's web server (``labsite serve``): the built folder as a site, rebuilt when a
source changes, and every open page reloaded once the rebuild is done.

While the sources have errors, every page answers with them (in the contributor's language)
and reloads by itself once they are fixed. The reload script is a file of its own: the
pages' Content-Security-Policy refuses inline scripts. Only the standard library and
watchdog (the system's file notifications: polling thousands of item folders costs more than
a rebuild).
"""

from __future__ import annotations

import http.server
import logging
import mimetypes
import posixpath
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import watchdog.events
import watchdog.observers

from labsite.build.preview import error_page
from labsite.common import heap

RELOAD_SCRIPT = "/.labsite-livereload.js"
WAIT = "/.labsite-livereload/wait"
_SCRIPT = b"""(() => {
  const epoch = new URL(document.currentScript.src).searchParams.get("epoch");
  const wait = () => fetch("/.labsite-livereload/wait?epoch=" + epoch, { cache: "no-store" })
    .then((answer) => answer.text())
    .then((now) => (now === epoch ? wait() : location.reload()))
    .catch(() => setTimeout(wait, 1000));
  wait();
})();
"""
# What asks for a rebuild ("closed": after a write), a folder moved out of the sources (an
# item put in the bin: no event for its files) included. Only these are asked of the system:
# a rebuild opens thousands of sources, and handling those events held it up (one interpreter).
_CHANGES = (
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.FileClosedEvent,
    watchdog.events.DirDeletedEvent,
    watchdog.events.DirMovedEvent,
)
_QUIET_SECONDS = 0.1  # an editor's save is often several writes: rebuild once they are done
_SETTLED_SECONDS = 0.5  # after a rebuild: the browsers have reloaded, its garbage can go (heap.collect)

Build = Callable[[], "str | None"]  # builds the site; returns the errors' text, or None


class PreviewServer:
    def __init__(self, site_dir: Path, host: str, port: int, mount: str = "/") -> None:
        self.site_dir = site_dir.resolve()
        self.mount = mount if mount.endswith("/") else mount + "/"
        self.errors: str | None = None
        self.epoch = 0
        self._changed = threading.Condition()
        self._pending = False
        self._building = threading.Lock()  # held by a rebuild, and by a request reading the folder
        self._stopped = False
        self._observer = watchdog.observers.Observer()
        self._httpd = _Server((host, port), _handler(self))  # fails now if the port is taken
        self._httpd.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{self.mount}"

    def watch(self, path: str, func: object = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under ``path`` is written, created, deleted or moved, or a folder
        deleted or moved."""

        def changed(event: watchdog.events.FileSystemEvent) -> None:
            with self._changed:
                self._pending = True
                self._changed.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        self._observer.schedule(handler, path, recursive=recursive and Path(path).is_dir(), event_filter=list(_CHANGES))

    def built(self, errors: str | None) -> None:
        """A build is over: open pages reload (to the errors, if any)."""
        with self._changed:
            self.errors = errors
            self.epoch += 1
            self._changed.notify_all()

    def serve(self, build: Build, log: logging.Logger) -> None:
        """Serve until interrupted, rebuilding after each change (the first build is done)."""
        self._observer.start()
        threading.Thread(target=self._rebuilds, args=(build,), daemon=True).start()
        log.info("Serving on %s", self.url)
        try:
            self._httpd.serve_forever()
        finally:
            self._observer.stop()
            self._httpd.server_close()
            with self._building:  # a rebuild under way ends first; none starts after
                self._stopped = True

    def stop(self) -> None:
        self._httpd.shutdown()

    def _rebuilds(self, build: Build) -> None:
        collected = False
        while True:
            with self._changed:
                changed = self._changed.wait_for(lambda: self._pending, None if collected else _SETTLED_SECONDS)
                self._pending = False
            collected = not changed
            if not changed:
                heap.collect()
                continue
            time.sleep(_QUIET_SECONDS)
            with self._changed:
                self._pending = False
            with self._building:
                if self._stopped:
                    return
                self.built(build())

    def wait(self, epoch: str) -> bytes:
        """The build's number, once it is not ``epoch`` any more (or after a while)."""
        with self._changed:
            self._changed.wait_for(lambda: str(self.epoch) != epoch, timeout=30)
            return str(self.epoch).encode()

    def page(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of a request's path. A request that comes during a
        rebuild waits for its end: the rebuild rewrites the folder in place, and a page it
        renders again is missing for a moment."""
        if not path.startswith(self.mount):
            return 302, self.mount, b""
        with self._building:
            return self._file(path)

    def _file(self, path: str) -> tuple[int, str, bytes]:
        relative = posixpath.normpath("/" + unquote(path[len(self.mount) :])).lstrip("/")
        file = self.site_dir / relative
        if file.is_dir():
            if not path.endswith("/"):
                return 302, path + "/", b""
            file = file / "index.html"
        html = file.suffix == ".html"
        if self.errors is not None and html:
            return 500, "text/html; charset=utf-8", self._reloading(str(error_page(self.errors)).encode())
        if not file.is_file() or self.site_dir not in file.resolve().parents:
            missing = self.site_dir / "404.html"
            return 404, "text/html; charset=utf-8", self._reloading(missing.read_bytes() if missing.is_file() else b"")
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return (
            200,
            kind + ("; charset=utf-8" if kind.startswith("text/") else ""),
            self._reloading(body) if html else body,
        )

    def _reloading(self, page: bytes) -> bytes:
        at = page.rfind(b"</body>")
        at = len(page) if at == -1 else at
        return page[:at] + f'<script src="{RELOAD_SCRIPT}?epoch={self.epoch}"></script>'.encode() + page[at:]


class ErrorLog(logging.Handler):
    """The error messages logged meanwhile: what a failed build says, for the error page."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__(logging.ERROR)
        self.logger, self.messages = logger, []

    def __enter__(self) -> ErrorLog:
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a tab closed while its page or its reload's wait was answered: no one to tell
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def _handler(server: PreviewServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == RELOAD_SCRIPT:
                self._answer(200, "text/javascript", _SCRIPT)
            elif parts.path == WAIT:
                self._answer(200, "text/plain", server.wait(parse_qs(parts.query).get("epoch", [""])[0]))
            else:
                self._answer(*server.page(parts.path))

        def _answer(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            if status == 302:
                self.send_header("Location", kind)
            else:
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")  # a replaced image shows at once
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # one line a rebuild is enough

    return Handler
