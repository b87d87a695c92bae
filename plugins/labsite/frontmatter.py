"""Split a Markdown source into its YAML front matter and body, keeping file line numbers.

MkDocs' own meta parser swallows YAML errors, and python-frontmatter reports lines
relative to the YAML chunk: this reader reports lines in the file itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import yamlsource
from .diagnostics import Diagnostic

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
        problems.append(
            Diagnostic(
                path, 1, 1, "error", "", "the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM"
            )
        )
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Diagnostic(path, line, 1, "error", "", f"the file is not valid UTF-8 (byte {exc.start}): save it as UTF-8")
        )
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
        return fatal(1, "front matter missing: the file must start with a line '---', then the fields, then '---'")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if end is None:
        return fatal(1, "front matter not closed: add a line '---' after the last field")
    doc, found = yamlsource.load(path, "".join(lines[1:end]), first_line=2)
    problems += found
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return fatal(2, f"front matter must be a mapping of 'field: value' lines, not {kind}")
    return FrontMatter(doc, "".join(lines[end + 1 :]), end + 2), problems
