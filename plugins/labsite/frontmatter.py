"""Split a Markdown source into its YAML front matter and body, keeping line numbers.

MkDocs' own meta parser swallows YAML errors, and python-frontmatter reports lines
relative to the YAML chunk: this reader reports lines in the file itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic

FENCE = "---"


@dataclass
class FrontMatter:
    path: str
    data: dict[str, Any]
    body: str
    body_line: int  # line of the file where the body starts
    key_lines: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (line, column)

    def position(self, key: str) -> tuple[int, int]:
        """Where a key is written, or the opening fence when it is missing."""
        return self.key_lines.get(key, (1, 1))


def parse(path: str, raw: bytes) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Parse a source; returns the front matter (None if unusable) and the problems found."""
    problems: list[Diagnostic] = []

    def error(line: int, column: int, message: str, key: str = "") -> None:
        problems.append(Diagnostic(path, line, column, "error", key, message))

    if raw.startswith(b"\xef\xbb\xbf"):
        error(1, 1, "the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        error(line, 1, f"the file is not valid UTF-8 (byte {exc.start}): save it as UTF-8")
        return None, problems
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != FENCE:
        error(1, 1, "front matter missing: the file must start with a line '---', then the fields, then '---'")
        return None, problems
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip() == FENCE), None)
    if end is None:
        error(1, 1, "front matter not closed: add a line '---' after the last field")
        return None, problems
    chunk = "".join(lines[1:end])
    body = "".join(lines[end + 1 :])
    try:
        loader = yaml.SafeLoader(chunk)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        error(line, column, f"YAML syntax error: {reason}")
        return None, problems
    except yaml.YAMLError as exc:
        error(2, 1, f"YAML error: {exc}")
        return None, problems
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        error(2, 1, f"front matter must be a mapping of 'field: value' lines, not {kind}")
        return None, problems
    key_lines: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = (key_node.start_mark.line + 2, key_node.start_mark.column + 1)
    front = FrontMatter(path, {str(k): v for k, v in data.items()}, body, end + 2, key_lines)
    return front, problems
