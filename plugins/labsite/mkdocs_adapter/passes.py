"""Start the other languages' MkDocs passes and collect their results."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.labsite")
_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(?P<message>.*)$")
# MkDocs' own chatter of the pass, which the default pass already says once.
_QUIET = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")


@dataclass
class LanguagePass:
    lang: str
    site_dir: Path
    process: subprocess.Popen[bytes]
    output: tempfile._TemporaryFileWrapper[bytes]

    def wait(self) -> None:
        """Wait for the pass; replay its warnings here; raise if it failed."""
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


def start(config_file: str, lang: str, site_dir: Path, site_url: str, strict: bool) -> LanguagePass:
    output = tempfile.TemporaryFile()  # noqa: SIM115 - lives until the pass is waited for
    command = [
        sys.executable,
        "-m",
        "labsite.mkdocs_adapter.language_pass",
        "--config-file",
        config_file,
        "--lang",
        lang,
        "--site-dir",
        str(site_dir),
        "--site-url",
        site_url,
    ]
    if strict:
        command.append("--strict")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
    return LanguagePass(lang, site_dir, process, output)
