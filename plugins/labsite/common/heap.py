"""The cyclic garbage collector around the catalog, which lasts the whole build.

Reading the sources makes millions of objects and almost no garbage cycles; the collector's
passes over them took a sixth of the load. While the catalog is made the collector waits;
then what exists is frozen (``gc.freeze``): later passes, in this process and in the
language passes forked from it, skip the catalog, and forked processes do not copy its pages
by marking them. The next catalog (a preview's rebuild) unfreezes the last one.

A preview's rebuild leaves garbage in cycles (the renderer's pages, navigation and templates)
that the next catalog would freeze with it, never to be collected: the preview grew by 40 MB a
rebuild. So the preview collects it once it has been quiet for a moment after a rebuild
(``collect``): a full collection takes a few tenths of a second, which a rebuild must not wait for.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def lasting() -> Iterator[None]:
    """Objects made inside stay until the end of the build: no collection while they are
    made, none of them visited by the collections after."""
    gc.unfreeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def collect() -> None:
    """Collect every garbage cycle, frozen ones included; freeze again what lives on."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
