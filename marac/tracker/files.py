"""The tracker's files: never write over a workbook someone has open, never leave a half-written one.

While Excel (`~$tracker.xlsx`) or LibreOffice (`.~lock.tracker.xlsx#`) has the workbook open, the sync
waits rather than write a file the person's next save would overwrite (their save would then undo the
service's changes). The new workbook is written to a flushed temporary file in the same folder and renamed
over the old one (`intake.files`, the project's one way of writing a file whole), after a last check that
nobody opened or saved it meanwhile; the old one is first kept as a timestamped backup. A workbook that
cannot be read is moved aside, never overwritten. The conflicts note beside the workbook is written the
same way.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from intake.files import atomic_write, fsync_folder, write_temporary

from ..config import Config


def tracker_path(config: Config, home: Path) -> Path:
    """Where the workbook lives: the configured path, relative to the service's home unless absolute."""
    path = config.tracker.path.expanduser()
    return path if path.is_absolute() else home / path


# ---------------------------------------------------------------------------------------------------------
# Who has the workbook open

def owner_file(path: Path) -> Path | None:
    """The file Excel (~$name) or LibreOffice (.~lock.name#) keeps beside a workbook while it is open."""
    for name in (f"~${path.name}", f".~lock.{path.name}#"):
        candidate = path.parent / name
        if candidate.exists():
            return candidate
    return None


def wait_while_open(path: Path, until: float, poll_seconds: float,
                    sleep: Callable[[float], None] = time.sleep) -> Path | None:
    """Poll until nobody has the workbook open, or the time (time.monotonic) is up: then who has it."""
    while True:
        owner = owner_file(path)
        if owner is None:
            return None
        left = until - time.monotonic()
        if left <= 0:
            return owner
        sleep(min(poll_seconds, left))


def sha256_of(path: Path) -> str | None:
    """The file's hash, None when there is no file: a different hash means someone saved it."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


# ---------------------------------------------------------------------------------------------------------
# Backups and files moved aside

def _stamped_name(path: Path, kind: str, now: dt.datetime) -> Path:
    stem = f"{path.stem}.{kind}-{now:%Y%m%d%H%M%S}"
    candidate, n = path.with_name(f"{stem}{path.suffix}"), 1
    while candidate.exists():  # two syncs in one second: keep both
        candidate, n = path.with_name(f"{stem}-{n}{path.suffix}"), n + 1
    return candidate


def _backup_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(path.stem)}\.backup-(\d{{14}})(?:-(\d+))?{re.escape(path.suffix)}$")


def backups_of(path: Path) -> list[Path]:
    """The workbook's backups, oldest first."""
    pattern = _backup_pattern(path)
    found = []
    for entry in path.parent.iterdir() if path.parent.exists() else ():
        match = pattern.match(entry.name)
        if match:
            found.append(((match[1], int(match[2] or 0)), entry))
    return [entry for _, entry in sorted(found)]


def _prune_backups(path: Path, keep: int) -> None:
    old = backups_of(path)
    for entry in old[:max(len(old) - keep, 0)]:
        entry.unlink(missing_ok=True)


def _copy_atomically(source: Path, target: Path) -> None:
    """A whole copy or none, with the source's times (when the person last saved it)."""
    tmp = write_temporary(target, source.read_bytes())
    try:
        shutil.copystat(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def move_aside(path: Path, now: dt.datetime) -> Path:
    """Move a workbook that cannot be read out of the way (tracker.unreadable-<time>.xlsx); returns where."""
    aside = _stamped_name(path, "unreadable", now)
    os.replace(path, aside)
    return aside


# ---------------------------------------------------------------------------------------------------------
# Writing

def replace_workbook(path: Path, data: bytes, keep: int, now: dt.datetime,
                     still_ours: Callable[[], bool] = lambda: True) -> tuple[bool, Path | None]:
    """Put `data` at `path` atomically, keeping the old file as a backup (the newest `keep` are kept).
    `still_ours` is asked at the last moment (nobody opened or saved the workbook since we read it); if
    not, nothing changes. Returns whether it was written, and the backup."""
    tmp = write_temporary(path, data)
    backup = None
    try:
        if not still_ours():
            tmp.unlink(missing_ok=True)
            return False, None
        if keep > 0 and path.exists():
            backup = _stamped_name(path, "backup", now)
            _copy_atomically(path, backup)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    _prune_backups(path, keep)
    return True, backup


def update_conflicts_file(path: Path, text: str | None) -> Path | None:
    """The conflicts note beside the workbook (tracker-conflicts.txt): removed when `text` is None,
    rewritten only when more than its first line (the time) changes, not on every sync."""
    target = path.with_name(f"{path.stem}-conflicts.txt")
    if text is None:
        target.unlink(missing_ok=True)
        return None
    try:
        unchanged = target.read_text(encoding="utf-8").split("\n", 1)[1:] == text.split("\n", 1)[1:]
    except (FileNotFoundError, UnicodeDecodeError):
        unchanged = False
    if not unchanged:
        atomic_write(target, text)
    return target
