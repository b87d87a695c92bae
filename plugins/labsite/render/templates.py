"""What the theme's templates get besides the page: the UI strings, the Content-Security-Policy,
and a cache of their compiled form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
import jinja2.bccache

from labsite.common.strings import translate
from labsite.render import csp


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the whole process: a preview's rebuilds (and
    the other languages' renders) do not compile the theme's templates again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the template's source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


CACHE = CompiledTemplates()


def template_globals(lang: str) -> dict[str, Any]:
    say: Callable[[str], str] = lambda key: translate(lang, key)  # noqa: E731
    return {"ls_t": say, "ls_csp": csp.POLICY}
