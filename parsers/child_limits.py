"""Limits and a bare environment for child processes that read hostile bytes.

Two kinds of child read files from outside: the form readers of parsers.sandbox (kept between files)
and the Outlook item / winmail.dat reader of intake.containers (one per item). Each caps its own
memory with setrlimit as it starts, so a file that balloons costs a MemoryError or the child, never
the machine; each is stopped by its parent when it takes too long (wall-clock time is the parent's
to measure: a child kept between files cannot carry a CPU-time limit of its own).

Neither needs the service's environment, where its secrets live (mailbox passwords, API keys): a
child started with a command gets `child_env()`, and a child forked from the service drops its
environment to the same as it starts (`enter_child`). LibreOffice, started by the .doc reader,
gets it too. Nothing here imports the rest of parsers, so intake can use it.
"""
from __future__ import annotations

import logging
import os
import resource


def child_env(**extra: str) -> dict[str, str]:
    """PATH, a UTF-8 locale, TMPDIR when the service has one, and `extra`: nothing else."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
    if os.environ.get("TMPDIR"):
        env["TMPDIR"] = os.environ["TMPDIR"]
    env.update(extra)
    return env


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space: beyond it an allocation fails with MemoryError."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def enter_child(memory_mb: int) -> None:
    """The first thing a child does: cap its memory, keep only child_env() of its environment, and
    silence logging (library chatter could quote file content)."""
    env = child_env()
    os.environ.clear()
    os.environ.update(env)
    limit_memory(memory_mb)
    logging.disable(logging.CRITICAL)
