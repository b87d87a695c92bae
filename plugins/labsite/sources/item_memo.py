"""A preview's items as its last rebuild read and checked them. Checking every item again was
most of a preview's rebuild on the benchmark's corpus (1.4 s of 3.5, for one file edited): an
item whose files are all as they were (the same modification times and sizes, as the preview
reads them before each rebuild) is taken as it was, with its problems. What an item's check
reads is its folder's files and nothing else (the references to other items are checked
after, every rebuild), so its folder's stamps are all its inputs.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from labsite.common.diagnostics import Diagnostic
from labsite.sources.items import LoadedItem
from labsite.sources.tree import ITEM_DIRS

Stamps = Mapping[str, tuple[int, int, int]]  # repository path -> (modification time ns, size, kind)

_KEPT: dict[str, tuple[Hashable, LoadedItem | None, tuple[Diagnostic, ...]]] = {}


def by_folder(files: Stamps) -> dict[str, tuple[tuple[str, tuple[int, int, int]], ...]]:
    """The files of each item folder (subfolders' too) with their stamps, by item key."""
    found: dict[str, list[tuple[str, tuple[int, int, int]]]] = {}
    for path, stamp in files.items():
        section, _, rest = path.partition("/")
        slug, inside, _ = rest.partition("/")
        if section in ITEM_DIRS and inside:
            found.setdefault(f"{section}/{slug}", []).append((path, stamp))
    return {key: tuple(sorted(entries)) for key, entries in found.items()}


def recall(key: str, inputs: Hashable) -> tuple[LoadedItem | None, tuple[Diagnostic, ...]] | None:
    """The item and its problems as last read from the same ``inputs``, or None."""
    kept = _KEPT.get(key)
    return (kept[1], kept[2]) if kept is not None and kept[0] == inputs else None


def keep(key: str, inputs: Hashable, item: LoadedItem | None, problems: list[Diagnostic]) -> None:
    _KEPT[key] = (inputs, item, tuple(problems))


def forget_others(keys: set[str]) -> None:
    """Drop the items no longer there."""
    for key in _KEPT.keys() - keys:
        del _KEPT[key]
