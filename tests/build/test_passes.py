"""A language pass forked from the build: what it shares stays out of the collector's sweeps."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from labsite.build import passes
from labsite.common import heap


def test_what_the_pass_shares_stays_frozen_in_the_build_too(tmp_path: Path) -> None:
    """The catalog is frozen out of the garbage collector once made (labsite.common.heap). Once
    the pass is forked, the build's own collections must still leave it alone: they would visit
    every object of it again (a cost that grew faster than the site) and copy the memory the
    pass shares."""
    log = logging.getLogger("labsite.test")
    try:
        with heap.lasting():
            catalog = [{"item": n} for n in range(10_000)]
        frozen = gc.get_freeze_count()
        assert frozen >= len(catalog)
        run = passes.fork("en", tmp_path, lambda lang, site_dir: 0, log)
        run.wait(log)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()  # the next tests' objects are collected as usual
