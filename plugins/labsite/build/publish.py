"""Build into a staging folder, then swap it in: ``site/`` is at every instant either the old
or the new complete site, and a killed build's leftovers are cleared by the next one.

The old site's files are deleted after the swap, by a detached process, and its folders kept
in ``.cache/site-folders`` for the next build to stage in: a rebuild that reuses most pages
then links them into folders that are there already. Making a folder costs a tenth of a
millisecond or more, as much as all the rest of placing a kept page, and a site has a folder a
page. Folders holding anything but folders are not used (``.cache`` may come from elsewhere: a
CI cache); those a build leaves empty (a page gone) are removed before the swap. A build with
no site before it (a CI run's fresh checkout) has none to keep: its detached process copies the
new site's folders instead, so that the next build (or CI run, which restores ``.cache``) has them.

On Linux the swap is one system call (``renameat2`` with ``RENAME_EXCHANGE``: the two
folders trade places atomically), so there is no instant without a ``site/``. Elsewhere it
falls back to two renames, with a short window between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from labsite.common.languages import LANGUAGES

_OURS = re.compile(r"\.[^.]+\.([a-z]+)-(\d{1,9})-[a-z0-9_]{8}")
_LABELS = ("staging", "old", "folders")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir(target: Path, label: str = "staging") -> Path:
    """A new empty folder beside ``target`` (same file system, so the swap is a rename), named
    after this process so that a later build knows whether its owner is still running."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{label}-{os.getpid()}-", dir=target.parent))


def reuse_folders(folders: Path, staging: Path) -> bool:
    """Put an earlier site's folders in place of ``staging`` (a new, empty folder) if they hold
    nothing but folders; False if there are none (or another build took them first)."""
    try:
        os.rename(folders, staging)  # onto an empty folder: replaces it in one step
    except OSError:
        return False
    if next(_not_folders(staging), None) is None:
        return True
    for inside in staging.iterdir():  # not ours: none of it is used
        if inside.is_dir() and not inside.is_symlink():
            shutil.rmtree(inside)
        else:
            inside.unlink()
    return False


def _entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    """Everything under ``folder``, each folder before what it holds; links are not followed."""
    todo = [folder]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                yield entry
                if entry.is_dir(follow_symlinks=False):
                    todo.append(Path(entry.path))


def _not_folders(folder: Path) -> Iterator[str]:
    """The paths of everything under ``folder`` that is not a folder (files, links)."""
    return (entry.path for entry in _entries(folder) if not entry.is_dir(follow_symlinks=False))


def prune_empty(folder: Path) -> None:
    """Remove the folders under ``folder`` that hold no file (an earlier site's, for pages gone)."""
    for parent, _, names in os.walk(folder, topdown=False):
        if not names and parent != str(folder):
            with contextlib.suppress(OSError):  # a folder under it holds a file
                os.rmdir(parent)


def keep_folders(old: Path, folders: Path) -> None:
    """Delete every file of an old site, keep its folders as ``folders``; on any failure (another
    build's folders there already), remove the old site whole."""
    try:
        for path in _not_folders(old):
            os.unlink(path)  # a file, or a link: nothing of it is kept
        folders.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, folders)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)


def copy_folders(site: Path, copy: Path, folders: Path) -> None:
    """Make ``folders`` a copy of the folders of ``site``, without its files (a site with none
    before it has no old folders to keep): made in ``copy`` (an empty folder beside ``site``),
    then renamed into place whole; not kept if ``folders`` is there already. A site swapped
    meanwhile may give another site's folders too: only folders, which the next build prunes
    if it leaves them empty."""
    try:
        start = len(str(site)) + 1
        for entry in _entries(site):
            if entry.is_dir(follow_symlinks=False):
                os.mkdir(copy / entry.path[start:])
        folders.parent.mkdir(parents=True, exist_ok=True)
        os.rename(copy, folders)
    except OSError:
        shutil.rmtree(copy, ignore_errors=True)


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
    label "staging", "old", "folders" or a language), None for any other folder."""
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


def swap_in(staging: Path, target: Path, background: bool = False, folders: Path | None = None) -> None:
    """Replace ``target`` by ``staging``; on any failure the old ``target`` stays (or is put back).

    With ``background``, the old site's files are deleted by a detached process once the new
    one is in place, and its folders kept as ``folders`` for the next build (``keep_folders``);
    with no old site, the process copies the new one's folders (``copy_folders``).
    """
    if not staging.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no staging folder", str(staging))
    if not target.exists():
        os.rename(staging, target)
        if background and folders is not None:
            copy = staging_dir(target, "folders")  # made now: whoever waits for this build sees it
            if not _detach(
                [sys.executable, "-m", "labsite.build.publish", "--copy", str(target), str(copy), str(folders)]
            ):
                discard(copy)
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
    if not background:
        shutil.rmtree(old, ignore_errors=True)
        return
    # Detached: thousands of files need not hold the build up. The folders are kept only when
    # the swap left the old site whole at one place (the fallback's is one level down).
    command = [shutil.which("rm") or "rm", "-rf", str(old)]
    if old == staging and folders is not None:
        command = [sys.executable, "-m", "labsite.build.publish", str(old), str(folders)]
    if not _detach(command):
        shutil.rmtree(old, ignore_errors=True)


def _detach(command: list[str]) -> bool:
    """Start ``command`` in a session of its own, which outlives this process."""
    try:
        subprocess.Popen(
            command,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return False
    return True


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":  # swap_in's detached process: OLD FOLDERS, or --copy SITE COPY FOLDERS
    if sys.argv[1] == "--copy":
        copy_folders(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        keep_folders(Path(sys.argv[1]), Path(sys.argv[2]))
