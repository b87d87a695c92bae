"""Page bodies that once made the checker or the build run for minutes, or crash it.

Each is made by a function of its size; at the size given here (the one that did harm) it
must now be refused by `labsite check` with its line, or be harmless. `labsite bench
--hostile` times each one against a budget; the test suite counts the work at smaller sizes.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import markdown

from labsite.render import markdown_triggers
from labsite.sources.bodies import check_body

PATHOLOGICAL: dict[str, tuple[Callable[[int], str], int]] = {
    "heading with trailing spaces": (lambda n: "## Title" + " " * n + "x", 1_000),
    "a line of '<a '": (lambda n: "<a " * n, 10_000),
    "a line of '['": (lambda n: "[" * n, 10_000),
    "a line of '[x]('": (lambda n: "[x](" * n, 10_000),
    "a paragraph of '[' lines": (lambda n: "[\n" * n, 10_000),
    "a line of '{'": (lambda n: "{" * n + "}", 10_000),
    "backtick runs": (lambda n: " ".join("`" * (1 + i % 50) for i in range(n)), 10_000),
    "a list nested deep": (lambda n: "".join("    " * depth + "- x\n" for depth in range(n)), 2_000),
    "a list nested 200 deep": (lambda n: "".join("    " * depth + "- x\n" for depth in range(n)), 200),
    "quotes nested deep": (lambda n: ">" * n + " x", 1_000),
    "backtick runs of growing length": (lambda n: "\n".join("`" * k for k in range(1, n)), 625),
    "definitions without blank lines": (lambda n: "term\n: definition\n" * n, 1_000),
    "abbreviations": (lambda n: "\n\n".join("\n".join(f"*[A{i}]: x" for i in range(n)) for _ in range(12)), 490),
}
BUDGET = 1.0  # seconds to check one input, and to render it when it is accepted
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


def bench(out: TextIO = sys.stdout) -> bool:
    """Time each input at full size: the check; every scan of the check run on the whole input
    as if it were within the limits; and Markdown if the check accepts it. Prints a line each;
    True if every one is within the budget."""
    header = (
        f"{'hostile input':34} {'size':>9} {'check':>9} {'scans':>9} {'render':>9}  verdict (budget {BUDGET:.1f} s)"
    )
    print(header, file=out)
    within = True
    for name, (make, size) in PATHOLOGICAL.items():
        body = make(size)
        times = []
        for limits in (True, False):
            started = time.perf_counter()
            problems = check_body("content/page.fr.md", body, 1, Path("."), set(), set(), limits=limits)
            times.append(time.perf_counter() - started)
            if limits:
                refused = bool(problems)
        rendered = 0.0
        if not refused:
            started = time.perf_counter()
            converter = markdown.Markdown(extensions=EXTENSIONS)
            markdown_triggers.apply(converter)  # as the build's
            converter.convert(body)
            rendered = time.perf_counter() - started
        ok = max(*times, rendered) <= BUDGET
        within &= ok
        verdict = ("refused" if refused else "accepted") + ("" if ok else ", OVER BUDGET")
        print(f"{name:34} {len(body):9,d} {times[0]:8.3f}s {times[1]:8.3f}s {rendered:8.3f}s  {verdict}", file=out)
    return within
