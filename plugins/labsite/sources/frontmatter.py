"""Split a Markdown source into its YAML front matter and body, keeping file line numbers.

MkDocs' own meta parser swallows YAML errors, and python-frontmatter reports lines
relative to the YAML chunk: this reader reports lines in the file itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labsite.common.diagnostics import Diagnostic
from labsite.common.messages import say
from labsite.sources import yamlsource

FENCE = "---"
BOM = b"\xef\xbb\xbf"


@dataclass
class FrontMatter:
    doc: yamlsource.YamlDoc  # the fields, with their positions
    body: str
    body_line: int  # line of the file where the body starts

    @property
    def data(self) -> dict:
        return self.doc.data


def decode(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text of a source; a BOM is reported (and skipped), invalid bytes are fatal."""
    problems = []
    if raw.startswith(BOM):
        problems.append(Diagnostic(path, 1, 1, "error", "", say("front.bom")))
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Diagnostic(path, line, 1, "error", "", say("front.utf8", byte=exc.start)))
        return None, problems


def parse(path: str, raw: bytes) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Parse a source; returns the front matter (None if unusable) and the problems found."""
    text, problems = decode(path, raw)
    if text is None:
        return None, problems

    def fatal(line: int, message: str) -> tuple[None, list[Diagnostic]]:
        problems.append(Diagnostic(path, line, 1, "error", "", message))
        return None, problems

    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return fatal(1, say("front.missing"))
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if end is None:
        return fatal(1, say("front.unclosed"))
    doc, found = yamlsource.load(path, "".join(lines[1:end]), first_line=2)
    problems += found
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        kind = say("front.empty") if doc.data is None else say("front.a_kind", kind=type(doc.data).__name__)
        return fatal(2, say("front.not_mapping", kind=kind))
    return FrontMatter(doc, "".join(lines[end + 1 :]), end + 2), problems


# While previewing, a rebuild reads again only the files that changed since the last one.
_REUSE: dict[str, tuple[tuple[int, int], Any]] = {}
reuse_between_builds = False  # the MkDocs adapter turns it on for `serve`


def _reused(file: Path, parse_file: Callable[[], Any]) -> Any:
    if not reuse_between_builds:
        return parse_file()
    stat = file.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _REUSE.get(str(file))
    if cached is None or cached[0] != stamp:
        cached = (stamp, parse_file())
        _REUSE[str(file)] = cached
    return cached[1]


def read(root: Path, path: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Parse the source at ``root / path`` (unchanged files are not parsed again in a preview)."""
    front, problems = _reused(root / path, lambda: parse(path, (root / path).read_bytes()))
    return front, list(problems)


def read_yaml(root: Path, path: str) -> tuple[yamlsource.YamlDoc | None, list[Diagnostic]]:
    """Parse a YAML file (an item's index.yml) the same way."""

    def parse_file() -> tuple[yamlsource.YamlDoc | None, list[Diagnostic]]:
        text, problems = decode(path, (root / path).read_bytes())
        if text is None:
            return None, problems
        doc, found = yamlsource.load(path, text)
        return doc, problems + found

    doc, problems = _reused(root / path, parse_file)
    return doc, list(problems)
