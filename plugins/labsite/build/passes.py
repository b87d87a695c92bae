"""The other languages' renders, each in a process of its own, forked from the build once the
catalog is made: they share what the build has read and checked, and run on other cores.

A pass logs into a file of its own; the build replays that log once the pass is over (its
warnings count again there, so a strict build fails on them once) and raises if it failed.
What the render returns comes back to the build, pickled (a preview keeps what the pass's
pages are, for its next rebuild).
"""

from __future__ import annotations

import ctypes
import gc
import io
import logging
import os
import pickle
import re
import signal
import sys
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

LOG_FORMAT = "%(levelname)-7s -  %(message)s"
_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(?P<message>.*)$")
# The renderer's own chatter in a pass, which the build says once already.
_QUIET = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")
_PR_SET_PDEATHSIG = 1

Render = Callable[[str, Path], Any]  # (language, folder) -> what the build is told (picklable)


class PassFailed(Exception):
    pass


@dataclass
class Pass:
    lang: str
    site_dir: Path
    pid: int
    output: IO[bytes]
    result: IO[bytes]

    def wait(self, log: logging.Logger) -> Any:
        """Wait for the pass; replay its log into ``log``; return what its render returned;
        raise PassFailed if it failed. Once is enough."""
        if not self.running:
            return None
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        self.output.seek(0)
        text = self.output.read().decode("utf-8", "replace")
        self.output.close()
        self.result.seek(0)
        returned = self.result.read()
        self.result.close()
        errors = []
        for line in text.splitlines():
            match = _LINE.match(line)
            level = match["level"] if match else "ERROR" if code else "INFO"
            message = match["message"] if match else line
            if level == "INFO" and not message.startswith(_QUIET):
                log.info("[%s] %s", self.lang, message)
            elif level == "WARNING":
                log.warning("[%s] %s", self.lang, message)
            elif level in ("ERROR", "CRITICAL"):
                errors.append(message)
        if code:
            raise PassFailed(f"the '{self.lang}' language pass failed:\n" + ("\n".join(errors) or f"exit code {code}"))
        return pickle.loads(returned)

    @property
    def running(self) -> bool:
        """Not waited for yet."""
        return not self.output.closed

    def stop(self) -> None:
        if self.running:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.output.close()
            self.result.close()


def fork(lang: str, site_dir: Path, render: Render, log: logging.Logger) -> Pass:
    """Render ``lang`` into ``site_dir`` in a forked process; ``log``'s top logger is what it
    writes to its log file.

    A preview forks from a process with threads (its server's, its file watcher's). The pass
    runs only the forking thread's code, and takes none of the locks those threads may hold
    then: its ``sys.stdout`` and ``sys.stderr`` are new streams (a server's thread may have
    held the old ones' locks, for good in the pass), and logging's locks are made anew at a fork.
    """
    output = tempfile.TemporaryFile()  # noqa: SIM115 - lives until the pass is waited for
    result = tempfile.TemporaryFile()  # noqa: SIM115 - likewise
    sys.stdout.flush()
    sys.stderr.flush()
    # What exists now is shared with the pass: kept out of the garbage collector's sweeps, so
    # neither process writes to (and so copies) the memory pages it is in. In this process too,
    # until the next catalog (labsite.common.heap): its collections visited the whole catalog
    # again, a cost that grew faster than the site.
    gc.freeze()
    with warnings.catch_warnings():  # Python 3.12+ warns of forking with threads: see above
        warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
        pid = os.fork()
    if pid:
        return Pass(lang, site_dir, pid, output, result)
    code = 1
    try:
        _end_with_parent()
        os.dup2(output.fileno(), 1)
        os.dup2(output.fileno(), 2)
        sys.stdout = sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="replace")
        top = logging.getLogger(log.name.split(".")[0])
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        for old in list(top.handlers):
            top.removeHandler(old)
        top.addHandler(handler)
        try:
            result.write(pickle.dumps(render(lang, site_dir), pickle.HIGHEST_PROTOCOL))
            result.flush()
            code = 0
        except Exception as exc:  # the parent reports it, with the pass's log
            top.error(str(exc) or type(exc).__name__)
        handler.flush()
    finally:
        sys.stderr.flush()  # the pass's own stream, once made
        os._exit(code)


def _end_with_parent() -> None:
    """End the pass if the build that started it dies (a killed build must not leave a pass
    writing into a folder the next build removes). Linux only."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
