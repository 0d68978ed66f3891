"""Running a container reader in a child process: a bare environment (the service's secrets live in
environment variables, and the child reads hostile bytes), what is left of the message's time, and a
plain sentence when it is stopped. The child sets its own memory limit (parsers.child_limits)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from parsers.child_limits import child_env

from .limits import Budget, Refused

ROOT = str(Path(__file__).resolve().parents[2])


def seconds_text(value: float) -> str:
    whole = max(1, round(value))
    return "1 second" if whole == 1 else f"{whole} seconds"


def run_in_child(module_args: list[str], stdin: bytes, what: str, budget: Budget, spent: str, slow: str) -> bytes:
    """`python -m <module_args>` fed `stdin`; its output. `spent` (no time left for this message) and `slow`
    (stopped) are the sentences for the coordinator, with {what} and {seconds} filled in here (never by
    formatting a file name, which a sender chose, as a template)."""
    limits = budget.limits
    env = child_env(PYTHONPATH=os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH")) if p))
    allowed = min(limits.seconds, limits.total_seconds - budget.seconds)
    if allowed <= 0:
        raise Refused(spent.format(what=what, seconds=seconds_text(limits.total_seconds)))
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", *module_args], input=stdin, capture_output=True,
                              timeout=allowed, env=env, cwd=ROOT, check=False)
    except subprocess.TimeoutExpired:
        raise Refused(slow.format(what=what, seconds=seconds_text(allowed))) from None
    except OSError:
        raise Refused(f"{what} could not be opened (the reader could not be started)") from None
    finally:
        budget.seconds += time.monotonic() - started
    return done.stdout
