"""The catalog of a build: the sources read and checked once, every page laid out."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from labsite import generators
from labsite.common import heap
from labsite.model.catalog import Catalog
from labsite.sources import item_memo, load, placement


def make_catalog(
    root: Path,
    today: dt.date,
    previews: bool = False,
    *,
    parallel: bool = False,
    files: item_memo.Stamps | None = None,
) -> Catalog:
    """Every problem of the sources is collected, never raised. Listings are made from valid
    content only (a build with errors stops anyway). ``previews``, ``parallel``, ``files``: see
    ``load.read``."""
    with heap.lasting():
        catalog = load.read(root, today, generators.reserved, previews, parallel=parallel, files=files)
        started = time.perf_counter()
        if not catalog.errors:
            catalog = generators.generate(catalog)
        diagnostics = tuple(sorted(set(catalog.diagnostics) | set(placement.check(catalog))))
        timings = {**catalog.timings, "catalog": time.perf_counter() - started}
        return catalog.amended(diagnostics, timings)
