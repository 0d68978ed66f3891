"""Parse files in a child process with a wall-clock limit and a memory limit.

A hostile or broken file (a zip bomb, a PDF that loops, a crash in a C extension) then costs one
child process, never the daemon: the parent kills and replaces the child and reports a problem.
The child is kept between files because starting one costs far more than parsing a form.
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import resource
from multiprocessing.connection import Connection
from typing import Any

from .assemble import assemble
from .raw import Problem, RawForm

_PRELOAD = ["parsers", "parsers.pdf_reader", "parsers.docx_reader", "parsers.ole_reader"]


def _failed(data: bytes, filename: str, message: str) -> dict[str, Any]:
    return assemble(RawForm("unknown", problems=[Problem(message)]), filename,
                    hashlib.sha256(data).hexdigest())


def _child(conn: Connection, memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import logging
    logging.disable(logging.CRITICAL)  # library chatter could quote file content
    from . import parse_bytes
    while True:
        try:
            data, filename = conn.recv()
        except EOFError:
            return
        try:
            result = parse_bytes(data, filename)
        except MemoryError:
            result = _failed(data, filename, "the file is too complex to read within the memory "
                             "allowed; it may be damaged or deliberately oversized")
        except Exception as exc:  # noqa: BLE001 - any reader failure is a problem for a person
            result = _failed(data, filename, f"the file could not be read ({type(exc).__name__}); "
                             "it may be damaged")
        conn.send(result)


class ParserPool:
    def __init__(self, seconds: float = 30.0, memory_mb: int = 768, max_bytes: int = 20_000_000) -> None:
        self.seconds = seconds
        self.memory_mb = memory_mb
        self.max_bytes = max_bytes
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(_PRELOAD)
        self._proc: Any = None
        self._conn: Connection | None = None

    def _start(self) -> Connection:
        if self._conn is None or self._proc is None or not self._proc.is_alive():
            parent, child = self._ctx.Pipe()
            self._proc = self._ctx.Process(target=_child, args=(child, self.memory_mb), daemon=True)
            self._proc.start()
            child.close()
            self._conn = parent
        return self._conn

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def parse(self, data: bytes, filename: str) -> dict[str, Any]:
        if len(data) > self.max_bytes:
            return _failed(data, filename, f"the file is larger than the {self.max_bytes // 1_000_000} MB "
                           "allowed for a form, so it was not opened")
        conn = self._start()
        try:
            conn.send((data, filename))
            if conn.poll(self.seconds):
                return conn.recv()  # type: ignore[no-any-return]
            self._kill()
            return _failed(data, filename, f"reading the file took longer than {self.seconds:g} seconds, "
                           "so it was stopped; it may be damaged or deliberately oversized")
        except (EOFError, OSError, BrokenPipeError):
            self._kill()
            return _failed(data, filename, "the file made the form reader crash or run out of memory; "
                           "it may be damaged or deliberately oversized")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None:
            self._proc.join(2)
            if self._proc.is_alive():
                self._proc.kill()
        self._proc = self._conn = None

    def __enter__(self) -> "ParserPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
