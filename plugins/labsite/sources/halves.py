"""Work over many sources done in two processes: the first part here, the rest in a process
forked for it, its results sent back pickled (by a copy of this very process: nothing foreign
is unpickled). Reading and checking the items is most of a rebuild's load (2 s of 3.5 on
6,900 pages), and each item is read on its own. The keys are split by their weight, so that
both parts take about as long (split in two by number, the benchmark's corpus gave one part
the 600 last news and its 1,000 projects, which cost twice as much each).

The results come back in the keys' order, with the problems in the order one process would
have found them. If the other process fails, its half is done here.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import TypeVar

from labsite.common.diagnostics import Diagnostic

T = TypeVar("T")
MIN_KEYS = 400  # below, forking and pickling cost more than they save
Work = Callable[[list[str], list[Diagnostic]], dict[str, T]]  # keys, problems -> results by key


def run(
    work: Work[T],
    keys: list[str],
    problems: list[Diagnostic],
    *,
    parallel: bool,
    weight: Callable[[str], float] = lambda key: 1.0,
) -> dict[str, T]:
    """``work`` over ``keys``, in two processes when ``parallel`` and there are enough keys;
    ``weight``: what a key costs, relative to the others."""
    if not parallel or len(keys) < MIN_KEYS:
        return work(keys, problems)
    middle = split(keys, weight)
    first, second = keys[:middle], keys[middle:]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the other process: never returns
        status = 1
        try:
            os.close(read_end)
            found: list[Diagnostic] = []
            data = pickle.dumps((work(second, found), found), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    incoming = os.fdopen(read_end, "rb")
    try:
        results = work(first, problems)
        data = incoming.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        incoming.close()
        _, status = os.waitpid(pid, 0)
    theirs: dict[str, T] | None = None
    if os.waitstatus_to_exitcode(status) == 0:
        try:
            theirs, found = pickle.loads(data)
        except Exception:  # whatever went wrong there, the half is done here
            theirs = None
    if theirs is None:
        return {**results, **work(second, problems)}
    problems += found
    return {**results, **theirs}


def split(keys: list[str], weight: Callable[[str], float]) -> int:
    """Where the keys done here end: half of their weight, at least one key each side."""
    weights = [weight(key) for key in keys]
    goal, done = sum(weights) / 2, 0.0
    for index, each in enumerate(weights):
        if done + each / 2 > goal:
            return min(max(index, 1), len(keys) - 1)
        done += each
    return len(keys) - 1
