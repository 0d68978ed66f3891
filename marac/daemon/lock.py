"""One service per home folder: two would race for the same messages and the same outbox."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from marac.config import ConfigError


def take_lock(path: Path) -> IO[str]:
    """The kernel drops the lock when the process dies, so a killed daemon never blocks its successor."""
    handle = open(path, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise ConfigError([f"another instance of the service is already running on {path.parent}"]) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
    except OSError:
        handle.close()  # a full disk: the caller waits and tries again, and must find the lock free
        raise
    return handle
