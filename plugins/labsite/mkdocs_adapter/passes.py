"""Start the other languages' MkDocs passes and collect their results."""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import MkDocsException, PluginError

log = logging.getLogger("mkdocs.plugins.labsite")
_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(?P<message>.*)$")
# MkDocs' own chatter of the pass, which the default pass already says once.
_PR_SET_PDEATHSIG = 1
_QUIET = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")


@dataclass
class LanguagePass:
    lang: str
    site_dir: Path
    process: subprocess.Popen[bytes]
    output: tempfile._TemporaryFileWrapper[bytes]

    def wait(self) -> None:
        """Wait for the pass; replay its log here; raise if it failed. Once is enough."""
        if self.output.closed:
            return
        code = self.process.wait()
        self.output.seek(0)
        text = self.output.read().decode("utf-8", "replace")
        self.output.close()
        errors = []
        for line in text.splitlines():
            match = _LINE.match(line)
            level = match["level"] if match else "ERROR" if code else "INFO"
            message = match["message"] if match else line
            if level == "INFO" and not message.startswith(_QUIET):
                log.info("[%s] %s", self.lang, message)
            if level in ("WARNING", "ERROR", "CRITICAL"):
                # Re-logged warnings count here too, so --strict fails on them once.
                if level == "WARNING":
                    log.warning("[%s] %s", self.lang, message)
                else:
                    errors.append(message)
        if code:
            detail = "\n".join(errors) or f"exit code {code}"
            raise PluginError(f"the '{self.lang}' language pass failed:\n{detail}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.output.close()


def _end_with_parent() -> None:
    """In the pass's process: end it if the build that started it dies (a killed build must
    not leave a pass writing into a folder the next build removes). Linux only."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def start(config_file: str, lang: str, site_dir: Path, site_url: str, today: dt.date) -> LanguagePass:
    """Start a language's pass in a process of its own."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 - lives until the pass is waited for
    command = [sys.executable, "-m", "labsite.mkdocs_adapter.language_pass", "--config-file", config_file]
    command += ["--lang", lang, "--site-dir", str(site_dir), "--site-url", site_url, "--today", today.isoformat()]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, preexec_fn=_end_with_parent
    )
    return LanguagePass(lang, site_dir, process, output)


def run_here(
    config_file: str,
    lang: str,
    site_dir: Path,
    site_url: str,
    today: dt.date,
    catalog: object,
    serve: tuple[str, bool] | None = None,
    rebuild: object = None,
) -> int:
    """Build a language's pass in this process, now, on a catalog read already (``serve``: the
    preview's (language, dirty), so the pass keeps its plugins from one rebuild to the next;
    ``rebuild``: what the preview renders again). Returns the pages it rendered."""
    from . import language_pass

    try:
        return language_pass.run(config_file, lang, str(site_dir), site_url, today, catalog, serve, rebuild)
    except MkDocsException as exc:
        raise PluginError(f"the '{lang}' language pass failed:\n{exc}") from exc
