"""The local mailbox: a Maildir (new/, cur/, tmp/).

A message is taken from new/ and, once handled, moved to cur/ with the Seen flag; nothing is deleted.
Writers that follow Maildir rules rename a finished file into new/; people and scripts that copy a
file straight into new/ may still be writing, so a file is taken only when watchdog has seen it
closed, or its size and time have stayed the same for a settle period; a file that changed after it
was read is left in new/ and read again. watchdog gives prompt pick-up; a full rescan
every `rescan_seconds` catches whatever events were lost.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from watchdog.events import FileClosedEvent, FileMovedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .files import fsync_folder
from .mailbox import HEAD_BYTES, Incoming


@dataclass
class _Seen:
    size: int
    mtime: float
    first_seen: float = field(default_factory=time.monotonic)


class _Wake(FileSystemEventHandler):
    def __init__(self, mailbox: "MaildirMailbox") -> None:
        self.mailbox = mailbox

    def on_any_event(self, event: FileSystemEvent) -> None:
        new = self.mailbox.root / "new"
        if isinstance(event, FileMovedEvent):
            # A rename from tmp/ into new/ is how Maildir delivers a finished message.
            target = Path(str(event.dest_path))
        elif isinstance(event, FileClosedEvent):
            target = Path(str(event.src_path))
        else:
            target = Path(str(event.src_path))
            if target.parent == new:
                self.mailbox.wake.set()
            return
        if target.parent == new:
            self.mailbox.complete.add(target.name)
            self.mailbox.wake.set()


class MaildirMailbox:
    def __init__(self, root: Path, settle_seconds: float = 1.0, watch: bool = False,
                 max_message_bytes: int | None = None) -> None:
        self.root = root
        self.name = "maildir"
        self.settle_seconds = settle_seconds
        self.max_message_bytes = max_message_bytes
        for sub in ("new", "cur", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        self.wake = threading.Event()
        self.complete: set[str] = set()
        self._seen: dict[str, _Seen] = {}
        self._observer: Observer | None = None  # type: ignore[valid-type]
        if watch:
            self._observer = Observer()
            self._observer.schedule(_Wake(self), str(root), recursive=True)
            self._observer.start()

    def _settled(self, name: str, stat: os.stat_result) -> bool:
        if name in self.complete:
            return True
        # Untouched for long: complete (a backlog after a restart is taken at once). Anything newer must
        # be seen twice, a settle period apart, with the same size and time: a copy that pauses for a
        # moment is not taken half-written (and mark_done checks again before it is moved).
        if time.time() - stat.st_mtime >= max(30.0, 10 * self.settle_seconds):
            return True
        seen = self._seen.get(name)
        if seen is None or (seen.size, seen.mtime) != (stat.st_size, stat.st_mtime):
            self._seen[name] = _Seen(stat.st_size, stat.st_mtime)
            return False
        return time.monotonic() - seen.first_seen >= self.settle_seconds

    def ready(self) -> tuple[list[Path], int]:
        """Files in new/ that are complete, oldest first, and how many are still being written."""
        entries = []
        waiting = 0
        for entry in os.scandir(self.root / "new"):
            if not entry.is_file() or entry.name.startswith("."):
                continue
            stat = entry.stat()
            if self._settled(entry.name, stat):
                entries.append((stat.st_mtime, entry.name))
            else:
                waiting += 1
        return [self.root / "new" / name for _, name in sorted(entries)], waiting

    def pending(self) -> Iterator[Incoming]:
        files, _ = self.ready()
        for path in files:
            try:
                with open(path, "rb") as fh:
                    stat = os.fstat(fh.fileno())  # the size before the read: a huge file is not read whole
                    truncated = self.max_message_bytes is not None and stat.st_size > self.max_message_bytes
                    raw = fh.read(HEAD_BYTES if truncated else -1)
            except FileNotFoundError:
                continue  # taken by another pass meanwhile
            # A Maildir file's time is its delivery time.
            yield Incoming(source_key=path.name, raw=raw, size=stat.st_size, truncated=truncated,
                           received=dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc),
                           stamp=(stat.st_size, stat.st_mtime))

    def drain_wait(self) -> bool:
        """True if files are still settling, after giving them one settle period."""
        _, waiting = self.ready()
        if waiting:
            time.sleep(self.settle_seconds)
        return waiting > 0

    def mark_done(self, item: Incoming) -> None:
        src = self.root / "new" / item.source_key
        base = item.source_key.split(":2,", 1)[0]
        dst = self.root / "cur" / f"{base}:2,S"
        try:
            stat = src.stat()
        except FileNotFoundError:
            stat = None  # already moved (a retry after a crash between handling and moving)
        if stat is not None and item.stamp is not None and (stat.st_size, stat.st_mtime) != item.stamp:
            # Still being written when it was read: leave it in new/ to be read again whole. Its
            # content differs now, so the ledger takes it as the message it really is.
            self._seen.pop(item.source_key, None)
            self.complete.discard(item.source_key)
            return
        try:
            os.replace(src, dst)
        except FileNotFoundError:
            pass
        self.complete.discard(item.source_key)
        self._seen.pop(item.source_key, None)

    def wait(self, timeout: float) -> None:
        self.wake.wait(timeout)
        self.wake.clear()

    def interrupt(self) -> None:
        self.wake.set()

    def close(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)


def deliver(root: Path, raw: bytes, name_hint: str = "", received: dt.datetime | None = None,
            durable: bool = True) -> Path:
    """Put a message into a Maildir the way a mail delivery agent does: write in tmp/, rename to new/.

    `received`: the file's time, which this backend reads as the delivery time (a test or benchmark
    whose message arrived on another day). `durable=False` skips the fsyncs (thousands at once)."""
    for sub in ("new", "cur", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    unique = f"{time.time_ns()}.{os.getpid()}_{name_hint or 'm'}.{os.uname().nodename}"
    tmp = root / "tmp" / unique
    with open(tmp, "wb") as fh:
        fh.write(raw)
        if durable:
            fh.flush()
            os.fsync(fh.fileno())
    if received is not None:
        os.utime(tmp, (received.timestamp(), received.timestamp()))
    dst = root / "new" / unique
    os.replace(tmp, dst)
    if durable:
        fsync_folder(dst.parent)
    return dst
