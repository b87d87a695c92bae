"""The built site served as a static host serves it (GitHub Pages): its files, text compressed
with gzip for browsers that ask, and the site's own 404.html for an address with no file.
For the benchmark's browser and the tests'; not for the preview (labsite.build.preview_server)."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"})


class StaticHost(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=4096)
def compressed(path: str, mtime_ns: int) -> bytes:
    del mtime_ns  # part of the cache key only
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 in a thread; returns the server (to shut down) and its URL."""
    handler = functools.partial(StaticHost, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
