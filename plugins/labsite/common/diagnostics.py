"""Problems found in the sources, reported as ``path:line:column: level: field: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from labsite.common.messages import shown

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based line in the file
    column: int  # 1-based
    level: Level
    field: str  # the front-matter field concerned, or "" for the file as a whole
    message: str

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str | None = None) -> str:
        """``path:line:column: level: field: message``, the message in ``lang`` (else the
        contributor's language); "error" and "warning" stay as editors and CI read them."""
        field = f"{self.field}: " if self.field else ""
        return _visible(f"{self.path}:{self.line}:{self.column}: {self.level}: {field}{shown(self.message, lang)}")

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's diff."""
        kind = "error" if self.level == "error" else "warning"
        field = f"{self.field}: " if self.field else ""
        text = _escape_data(_visible(f"{field}{shown(self.message)}"))
        return f"::{kind} file={_escape_property(self.path)},line={self.line},col={self.column}::{text}"


def _visible(text: str) -> str:
    """Control characters a message quotes from a source, written as escapes: a terminal must
    not run them (an ESC sequence in a link's text)."""
    return "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in text)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class SourceErrors(Exception):
    """Raised when the sources have errors: carries every one of them, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.level == "error"]
        lines = "\n".join(str(d) for d in errors)
        super().__init__(f"{len(errors)} error(s) in the sources:\n{lines}")
