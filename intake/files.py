"""Files that are either wholly there or not there at all, even across a crash or a power cut.

Every file the service writes for a person or for another program (a delivered message, an outgoing
.eml, a desk folder, a document, the tracker) goes through here: written under a temporary name in the
same folder, flushed to disk, renamed into place, and the folder itself flushed, because a rename is
only durable once the folder entry is. It lives in `intake/`, the lowest package that writes files, so
the adapters and the application share the one implementation.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

TEMP_PREFIX = ".tmp-"


# Failures of this machine rather than of a message: retried later, never blamed on the message.
LOCAL_ERRNOS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
                errno.EROFS: "the disk is read-only", errno.EACCES: "the service may not write there",
                errno.EIO: "the disk reported an input/output error"}


def local_failure(exc: BaseException, home: Path | None = None) -> str | None:
    """A plain reason when `exc` is this machine failing (a full disk, say), else None. It names at
    most the folder of `home` affected ("in exceptions"), never a file: file names carry names."""
    if isinstance(exc, OSError) and exc.errno in LOCAL_ERRNOS:
        where = ""
        if home is not None and exc.filename:
            try:
                where = f" in {Path(str(exc.filename)).resolve().relative_to(home.resolve()).parts[0]}"
            except (ValueError, IndexError, OSError):
                where = ""
        return f"{LOCAL_ERRNOS[exc.errno]}{where}"
    text = str(exc).lower()
    if type(exc).__name__ == "OperationalError" and ("disk is full" in text or "disk i/o error" in text):
        return "the disk is full (the database could not be written)"
    return None


def remove_leftovers(folder: Path, older_than_seconds: float = 0.0) -> int:
    """Delete this module's own half-written temporary files and folders (`.tmp-*`) below `folder`,
    left by a crash or a full disk; returns how many. Nothing else is touched.

    `older_than_seconds`: when another process may be writing into the same folder right now (two
    daemons sharing one home), only what nobody has touched for that long is a leftover."""
    removed = 0
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than_seconds
    for path in sorted(folder.rglob(f"{TEMP_PREFIX}*"), key=lambda p: len(p.parts), reverse=True):
        try:
            if older_than_seconds and path.lstat().st_mtime > cutoff:
                continue
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable. Some systems and network shares refuse to sync a folder; the
    write has still happened there, so that is not an error."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_temporary(path: Path, data: bytes) -> Path:
    """A finished, flushed temporary file beside `path` (same folder, so the later rename is atomic)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` atomically and durably; returns `path`. Text is written as UTF-8."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = write_temporary(path, payload)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return path


def fsync_tree(folder: Path) -> None:
    """Flush every file below `folder` and the folders themselves, before the folder is renamed into
    place (a desk folder is written whole under a temporary name, then renamed)."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        fsync_folder(path)
    fsync_folder(folder)
