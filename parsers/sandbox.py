"""Parse files in child processes with a wall-clock limit and a memory limit.

A hostile or broken file (a zip bomb, a PDF that loops, a crash in a C extension) then costs one
child process, never the daemon: the parent kills and replaces the child and reports a problem.
Children are kept between files because starting one costs far more than parsing a form, and there
are as many as the machine has cores so a backlog is parsed in parallel. Each child caps its own
memory and drops the service's environment as it starts (parsers.child_limits).
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import signal
import time
from multiprocessing.connection import Connection, wait
from typing import Any

from .assemble import assemble
from .child_limits import child_env, enter_child
from .model import RawForm
from .problem import Problem

_PRELOAD = ["parsers", "parsers.pdf.reader", "parsers.docx.reader", "parsers.ole.reader", "parsers.labels"]
Job = tuple[bytes, str]


def _failed(data: bytes, filename: str, message: str) -> dict[str, Any]:
    return assemble(RawForm("unknown", problems=[Problem(message)]), filename,
                    hashlib.sha256(data).hexdigest())


def _child(conn: Connection, memory_mb: int) -> None:
    # Ctrl-C in a terminal reaches the whole process group; stopping is the service's decision, and it
    # closes the pipe when it has finished the item in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    enter_child(memory_mb)  # memory cap, bare environment, no logging
    from . import parse_bytes
    from .labels import load_table
    load_table()  # once per child, not once per file
    while True:
        try:
            data, filename = conn.recv()
        except (EOFError, OSError):
            return  # the service has gone (stopped or killed): nothing to report to anyone
        try:
            result = parse_bytes(data, filename)
        except MemoryError:
            result = _failed(data, filename, "the file is too complex to read within the memory "
                             "allowed; it may be damaged or deliberately oversized")
        except Exception as exc:  # noqa: BLE001 - any reader failure is a problem for a person
            result = _failed(data, filename, f"the file could not be read ({type(exc).__name__}); "
                             "it may be damaged")
        try:
            conn.send(result)
        except OSError:
            return


def _start_forkserver_bare() -> None:
    """Start the process every form reader is forked from with a bare environment, so no reader
    holds the service's secrets even in its initial environment (/proc/<pid>/environ). The forkserver
    copies the environment once, when it starts: the swap lasts only that moment."""
    from multiprocessing import forkserver
    if getattr(forkserver._forkserver, "_forkserver_pid", None) is not None:
        return  # running already: nothing to swap (the usual case, every later file)
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(child_env())
        forkserver.ensure_running()
    finally:
        os.environ.clear()
        os.environ.update(saved)


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int) -> None:
        self.ctx = ctx
        self.memory_mb = memory_mb
        self.proc: Any = None
        self.conn: Connection | None = None
        self.job: int | None = None  # index of the job in hand
        self.started = 0.0

    def ensure(self) -> Connection:
        if self.conn is None or self.proc is None or not self.proc.is_alive():
            _start_forkserver_bare()
            parent, child = self.ctx.Pipe()
            self.proc = self.ctx.Process(target=_child, args=(child, self.memory_mb), daemon=True)
            self.proc.start()
            child.close()
            self.conn = parent
        return self.conn

    def submit(self, index: int, job: Job) -> None:
        conn = self.ensure()
        self.job, self.started = index, time.monotonic()
        conn.send(job)

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join(5)
        if self.conn is not None:
            self.conn.close()
        self.proc = self.conn = None
        self.job = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.proc is not None:
            self.proc.join(2)
            if self.proc.is_alive():
                self.proc.kill()
        self.proc = self.conn = None


class ParserPool:
    def __init__(self, seconds: float = 30.0, memory_mb: int = 768, max_bytes: int = 20_000_000,
                 workers: int | None = None) -> None:
        self.seconds = seconds
        self.max_bytes = max_bytes
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        self._workers = [_Worker(ctx, memory_mb) for _ in range(workers or min(2, os.cpu_count() or 1))]

    def start(self) -> None:
        """Start the children now rather than on the first file."""
        for worker in self._workers:
            worker.ensure()

    def parse(self, data: bytes, filename: str) -> dict[str, Any]:
        return self.parse_many([(data, filename)])[0]

    def parse_many(self, jobs: list[Job]) -> list[dict[str, Any]]:
        """Results in the order of `jobs`, each within the time limit or replaced by a problem."""
        results: list[dict[str, Any] | None] = [None] * len(jobs)
        queue = []
        for index, (data, filename) in enumerate(jobs):
            if len(data) > self.max_bytes:
                results[index] = _failed(data, filename, f"the file is larger than the "
                                         f"{self.max_bytes // 1_000_000} MB allowed for a form, so it was not opened")
            else:
                queue.append(index)
        queue.reverse()
        while queue or any(w.job is not None for w in self._workers):
            for worker in self._workers:
                if worker.job is None and queue:
                    index = queue.pop()
                    try:
                        worker.submit(index, jobs[index])
                    except (OSError, BrokenPipeError):
                        worker.kill()
                        results[index] = _failed(*jobs[index], "the form reader could not be started")
            self._collect(jobs, results)
        return [r for r in results if r is not None]

    def scheduler(self, group_seconds: float) -> "Scheduler":
        """Parse the files of messages that keep arriving, each message within its own time budget."""
        return Scheduler(self, group_seconds)

    def _collect(self, jobs: list[Job], results: list[dict[str, Any] | None], limit: float | None = None) -> None:
        busy = [w for w in self._workers if w.job is not None]
        if not busy:
            return
        deadline = min(w.started for w in busy) + self.seconds
        if limit is not None:
            deadline = min(deadline, time.monotonic() + limit)
        ready = wait([w.conn for w in busy if w.conn is not None], timeout=max(0.0, deadline - time.monotonic()))
        for worker in busy:
            index = worker.job
            assert index is not None
            if worker.conn in ready:
                try:
                    results[index] = worker.conn.recv()  # type: ignore[union-attr]
                    worker.job = None
                except (EOFError, OSError):
                    worker.kill()
                    results[index] = _failed(*jobs[index], "the file made the form reader crash or run out "
                                             "of memory; it may be damaged or deliberately oversized")
            elif time.monotonic() - worker.started >= self.seconds:
                worker.kill()
                results[index] = _failed(*jobs[index], f"reading the file took longer than {self.seconds:g} "
                                         "seconds, so it was stopped; it may be damaged or deliberately oversized")

    def _kill(self) -> None:
        """Kill every child (tests use it to stand for a crash)."""
        for worker in self._workers:
            worker.kill()

    def close(self) -> None:
        for worker in self._workers:
            worker.close()

    def __enter__(self) -> "ParserPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Scheduler:
    """The files of several messages read by one pool, messages added while others are being read.

    `add` a message's files, then call `step` until `busy` is False: each step hands free readers the
    next files and returns the messages whose files are all read. The next file goes to the message
    with the fewest files, then the one that came first, so a referral with its form and checklist is
    read before the twentieth file of a message that carries twenty, and never waits for a slow message
    that arrived before it. A message whose files are not all read within `group_seconds` of its first
    file starting is over budget: its remaining files are stopped or never started.
    """

    def __init__(self, pool: ParserPool, group_seconds: float) -> None:
        self.pool = pool
        self.group_seconds = group_seconds
        self.jobs: list[Job] = []
        self.results: list[dict[str, Any] | None] = []
        self.owner: list[int] = []
        self.groups: list[list[int]] = []  # job indexes of each message
        self.waiting: list[int] = []  # job indexes not yet started
        self.began: dict[int, float] = {}
        self.over: set[int] = set()
        self.open: set[int] = set()  # messages not yet returned by `step`

    def add(self, files: list[Job]) -> int:
        group = len(self.groups)
        start = len(self.jobs)
        self.jobs += files
        self.results += [None] * len(files)
        self.owner += [group] * len(files)
        self.groups.append(list(range(start, start + len(files))))
        self.waiting += self.groups[group]
        self.open.add(group)
        return group

    @property
    def busy(self) -> bool:
        return bool(self.open)

    def _fail(self, index: int, message: str) -> None:
        self.results[index] = _failed(*self.jobs[index], message)

    def _out_of_time(self, group: int, now: float) -> bool:
        return group in self.over or (group in self.began and now - self.began[group] >= self.group_seconds)

    def _next(self) -> int:
        index = min(self.waiting, key=lambda i: (len(self.groups[self.owner[i]]), self.owner[i], i))
        self.waiting.remove(index)
        return index

    def step(self) -> list[tuple[int, list[dict[str, Any]], bool]]:
        pool, now = self.pool, time.monotonic()
        for worker in pool._workers:  # stop a file whose message has run out of time
            if worker.job is not None and self._out_of_time(self.owner[worker.job], now):
                self.over.add(self.owner[worker.job])
                self._fail(worker.job, "not read: the message's time budget ran out")
                worker.kill()
        for worker in pool._workers:
            while worker.job is None and self.waiting:
                index = self._next()
                group = self.owner[index]
                if self._out_of_time(group, now):
                    self.over.add(group)
                    self._fail(index, "not read: the message's time budget ran out")
                elif len(self.jobs[index][0]) > pool.max_bytes:
                    self._fail(index, f"the file is larger than the {pool.max_bytes // 1_000_000} MB allowed for a "
                                      "form, so it was not opened")
                else:
                    self.began.setdefault(group, now)
                    try:
                        worker.submit(index, self.jobs[index])
                    except (OSError, BrokenPipeError):
                        worker.kill()
                        self._fail(index, "the form reader could not be started")
        finished = [g for g in sorted(self.open) if all(self.results[i] is not None for i in self.groups[g])]
        if not finished:
            running = [self.group_seconds - (time.monotonic() - self.began[self.owner[w.job]])
                       for w in pool._workers if w.job is not None]
            pool._collect(self.jobs, self.results, limit=max(0.0, min([pool.seconds, *running])))
            finished = [g for g in sorted(self.open) if all(self.results[i] is not None for i in self.groups[g])]
        self.open.difference_update(finished)
        done = [(g, [self.results[i] for i in self.groups[g]], g in self.over) for g in finished]
        for g in finished:  # a long backlog must not keep every file it has read in memory
            for i in self.groups[g]:
                self.jobs[i], self.results[i] = (b"", self.jobs[i][1]), {}
        return done  # type: ignore[return-value]
