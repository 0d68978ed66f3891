"""Files that are either wholly there or not there at all, even across a crash or a power cut.

Every file the service writes for a person or for another program (a delivered message, an outgoing
.eml, a desk folder, a document, the tracker) goes through here: written under a temporary name in the
same folder, flushed to disk, renamed into place, and the folder itself flushed, because a rename is
only durable once the folder entry is. It lives in `intake/`, the lowest package that writes files, so
the adapters and the application share the one implementation.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".tmp-"


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
