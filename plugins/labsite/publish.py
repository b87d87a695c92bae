"""Build into a staging folder, then swap it in: a failed build leaves the old site as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def staging_dir(target: Path, label: str = "staging") -> Path:
    """A new empty folder beside ``target`` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{label}-", dir=target.parent))


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging``; on any failure the old ``target`` is put back."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / "site")
    try:
        os.rename(staging, target)
    except BaseException:
        if old is not None:
            os.rename(old / "site", target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
