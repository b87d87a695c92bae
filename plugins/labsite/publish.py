"""Build into a staging folder, then swap it in: a failed build leaves the old site as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def staging_dir(target: Path, label: str = "staging") -> Path:
    """A new empty folder beside ``target`` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{label}-", dir=target.parent))


def swap_in(staging: Path, target: Path, background: bool = False) -> None:
    """Replace ``target`` by ``staging``; on any failure the old ``target`` is put back.

    With ``background``, the old site is deleted by a detached ``rm`` once the new one is in
    place: thousands of files need not hold the build up.
    """
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
            remove = shutil.which("rm") if background else None
            if remove:
                subprocess.Popen(
                    [remove, "-rf", str(old)],
                    start_new_session=True,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            else:
                shutil.rmtree(old, ignore_errors=True)


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
