"""Build into a staging folder, then swap it in: ``site/`` is at every instant either the old
or the new complete site, and a killed build's leftovers are cleared by the next one.

On Linux the swap is one system call (``renameat2`` with ``RENAME_EXCHANGE``: the two
folders trade places atomically), so there is no instant without a ``site/``. Elsewhere it
falls back to two renames, with a short window between them.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from labsite.common.languages import LANGUAGES

_OURS = re.compile(r"\.[^.]+\.([a-z]+)-(\d{1,9})-[a-z0-9_]{8}")
_LABELS = ("staging", "old")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir(target: Path, label: str = "staging") -> Path:
    """A new empty folder beside ``target`` (same file system, so the swap is a rename), named
    after this process so that a later build knows whether its owner is still running."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{label}-{os.getpid()}-", dir=target.parent))


def clear_leftovers(target: Path) -> list[Path]:
    """Remove the staging and old-site folders of builds that were killed (their process is
    gone); those of running builds are left alone. A site that a killed fallback swap had
    moved aside is put back first. Returns what was removed."""
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    if not target.exists():
        for moved in sorted(target.parent.glob(f".{target.name}.old-*/site")):
            if (owner := _owner(moved.parent)) is not None and not _alive(owner):
                os.rename(moved, target)
                break
    for folder in sorted(target.parent.iterdir()):
        owner = _owner(folder)
        if owner is None or not folder.is_dir() or folder.is_symlink() or _alive(owner):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _owner(folder: Path) -> int | None:
    """The process that made a folder of ours (".site.<label>-<pid>-<mkdtemp's 8 characters>",
    label "staging", "old" or a language), None for any other folder."""
    found = _OURS.fullmatch(folder.name)
    return int(found[2]) if found and found[1] in (*_LABELS, *LANGUAGES) else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call; False where the system can't (not Linux, old kernel,
    a file system without it)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def swap_in(staging: Path, target: Path, background: bool = False) -> None:
    """Replace ``target`` by ``staging``; on any failure the old ``target`` stays (or is put back).

    With ``background``, the old site is deleted by a detached ``rm`` once the new one is in
    place: thousands of files need not hold the build up.
    """
    if not staging.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no staging folder", str(staging))
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        old = staging  # the old site now sits where the staging folder was
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-{os.getpid()}-", dir=target.parent))
        os.rename(target, old / "site")
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(old / "site", target)
            raise
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
