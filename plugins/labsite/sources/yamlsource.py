"""Read YAML the strict way: every key's and value's line, no anchors, no duplicate keys.

PyYAML alone loses positions once the data is built, lets the last duplicate key win in
silence, and expands anchors (the "billion laughs" bomb). Here the node tree is walked once
to record where each value is written and to refuse what contributors never need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from labsite.common.diagnostics import Diagnostic
from labsite.common.messages import Message, say

Path = tuple[str | int, ...]  # ("contacts", 0, "email")
MAX_NODES = 20_000  # far above any real front matter; stops pathological files early


@dataclass
class YamlDoc:
    """Parsed YAML with positions in the file (1-based line, column)."""

    path: str
    data: Any
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)  # scalars as written, for messages
    cut_by_comment: set[Path] = field(default_factory=set)  # unquoted texts followed by " #..."

    def key_at(self, where: Path) -> tuple[int, int]:
        """Where the key of ``where`` is written; its parent's, or line 1, when it is missing."""
        while where:
            if where in self.keys:
                return self.keys[where]
            if where in self.values:
                return self.values[where]
            where = where[:-1]
        return self.values.get((), (1, 1))

    def value_at(self, where: Path) -> tuple[int, int]:
        return self.values.get(where) or self.key_at(where)


# libyaml's parser when PyYAML has it (the usual wheels do): several times faster.
_Base = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader whose impossible dates (2025-13-01) stay text, for the field check to report."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load(path: str, text: str, first_line: int = 1) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse ``text``, written in the file from line ``first_line`` on."""
    problems: list[Diagnostic] = []

    def error(line: int, column: int, message: str, key: str = "") -> None:
        problems.append(Diagnostic(path, line, column, "error", key, message))

    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        error(line, 1, say("yaml.character", code=exc.character))
        return None, problems
    try:
        # Anchors and aliases need & or *; most files have neither, and skip this second scan.
        for token in yaml.scan(text, Loader=_Loader) if "&" in text or "*" in text else ():
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                mark = token.start_mark
                error(
                    mark.line + first_line,
                    mark.column + 1,
                    say("yaml.anchor"),
                )
                return None, problems
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(path, None), problems
        doc = YamlDoc(path, None)
        if not _walk(node, (), doc, first_line, error, text.splitlines()):
            return None, problems
        doc.data = loader.construct_document(node)
        return doc, problems
    except yaml.MarkedYAMLError as exc:
        unclosed = "end of stream" in (exc.problem or "") and exc.context_mark is not None
        mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
        line, column = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
        if unclosed and "quoted" in (exc.context or ""):
            reason: str | Message = say("yaml.unclosed")
        else:
            reason = _reason(exc.problem or exc.context or "invalid YAML")
        source_lines = text.splitlines()
        written = source_lines[line - first_line] if mark and 0 <= line - first_line < len(source_lines) else ""
        hint = _hint(exc, written)
        error(
            line,
            column,
            say("yaml.syntax_hint", reason=reason, hint=hint) if hint else say("yaml.syntax", reason=reason),
        )
    except yaml.YAMLError as exc:
        error(first_line, 1, say("yaml.error", detail=str(exc)))
    except RecursionError:
        error(first_line, 1, say("yaml.deep"))
    finally:
        loader.dispose()
    return None, problems


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s+(?P<quote>['"])(?P<text>.*)$""")
# What PyYAML says, in words a contributor can act on.
_REASONS = {
    "did not find expected key": "yaml.reason.key",
    "could not find expected ':'": "yaml.reason.colon",
    "mapping values are not allowed": "yaml.reason.mapping",
    "found character '\\t' that cannot start any token": "yaml.reason.tab",
    "found character that cannot start any token": "yaml.reason.token",
    "expected <block end>": "yaml.reason.block_end",
    "found unexpected end of stream": "yaml.reason.end",
}


def _reason(problem: str) -> str | Message:
    key = next((key for start, key in _REASONS.items() if problem.startswith(start)), None)
    return say(key) if key else problem  # PyYAML's own words for the rare others


def _hint(exc: yaml.MarkedYAMLError, line: str) -> Message | None:
    problem = exc.problem or ""
    if quoted := _QUOTED_VALUE.match(line):
        # 'L'IA au service…' or "le projet "phare"": the quote inside closes the text early.
        inner = quoted["text"].rstrip()
        inner = inner[:-1] if inner.endswith(quoted["quote"]) else inner
        if quoted["quote"] in inner:
            if quoted["quote"] == "'":
                return say("hint.apostrophe", example=inner.replace("''", "'"))
            return say("hint.double_quotes", example=inner)
    if "\t" in line[: len(line) - len(line.lstrip())] or "found character '\\t'" in problem:
        return say("hint.tabs")
    if "mapping values are not allowed" in problem:
        return say("hint.colon")
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return say("hint.indent")
    if "expected alphabetic or numeric character" in problem or "found character that cannot start" in problem:
        return say("hint.special")
    return None


def _walk(node: yaml.Node, where: Path, doc: YamlDoc, first_line: int, error: Any, lines: list[str]) -> bool:
    """Record positions and report duplicate keys; False for what must not be built at all."""
    count = 0
    stack: list[tuple[yaml.Node, Path]] = [(node, where)]
    while stack:
        current, at = stack.pop()
        line, column = current.start_mark.line + first_line, current.start_mark.column + 1
        count += 1
        if count > MAX_NODES:
            error(first_line, 1, say("yaml.too_many", maximum=MAX_NODES))
            return False
        doc.values[at] = (line, column)
        if isinstance(current, yaml.ScalarNode):
            doc.raw[at] = current.value
            end = current.end_mark
            if not current.style and end.line < len(lines) and re.match(r"\s+#", lines[end.line][end.column :]):
                doc.cut_by_comment.add(at)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*at, index)) for index, item in enumerate(current.value))
        elif isinstance(current, yaml.MappingNode):
            names: set[str] = set()
            for key_node, value_node in current.value:
                name = str(key_node.value)
                key_line, key_column = key_node.start_mark.line + first_line, key_node.start_mark.column + 1
                if key_node.tag == "tag:yaml.org,2002:merge":
                    error(key_line, key_column, say("yaml.merge"))
                    return False
                if name in names:
                    error(key_line, key_column, say("yaml.twice"), name)
                names.add(name)
                doc.keys[(*at, name)] = (key_line, key_column)
                stack.append((value_node, (*at, name)))
    return True
