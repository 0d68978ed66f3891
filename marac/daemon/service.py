"""The service: drain the mailbox through the pipeline, deliver the outbox, run the scheduled jobs
(`jobs.py`), and (as a daemon) wait for the next message."""
from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from intake.factory import make_mailbox, make_sender
from intake.files import local_failure, remove_leftovers
from intake.mailbox import Incoming, Mailbox
from intake.network import network_reason
from marac import logs
from marac.config import Config, findings
from marac.flow import desk_folder
from marac.flow.decisions import DeskLoop
from marac.flow.delivery import deliver_due
from marac.flow.desk_prints import DeskPrinter
from marac.flow.pipeline import Outcome, Pipeline
from marac.store import cases, claims, db, outbox
from marac.store.sync_state import SyncStateStore
from parsers.sandbox import ParserPool

from . import jobs
from .lock import take_lock

# Messages whose forms are read at once (in parallel, the next taken as each finishes); each is recorded on its own.
BATCH = 8
# A message that fails this many times in a row (an internal fault, not a bad form) goes to the desk.
MAX_FAILURES = 3
# With a shared store another daemon may be writing into the same home: only temporary files nobody has
# touched for this long are a crash's leftovers.
SHARED_LEFTOVER_SECONDS = 15 * 60


class _LocalFailure(Exception):
    """This machine failed (a full disk): the pass stops and is tried again, the message is not blamed."""


@dataclass
class PassResult:
    referrals: int = 0
    reviews: int = 0
    exceptions: int = 0
    duplicates: int = 0
    failed: int = 0
    sent: int = 0
    deferred: int = 0
    refused: int = 0
    decisions: int = 0
    # Why the mailbox or the mail server could not be used in this pass, in plain words (None: it could).
    unreachable: str | None = None
    unsent: str | None = None

    def count(self, outcome: str) -> None:
        if outcome in ("referral", "review"):
            self.referrals += 1
            self.reviews += outcome == "review"
        elif outcome == "exception":
            self.exceptions += 1
        else:
            self.duplicates += 1


@dataclass
class Service:
    """One area's service. Several areas share one daemon (`areas.AreaServices`), and then their form
    readers: `parsers` is that shared pool, closed by its owner, not here."""
    config: Config
    home: Path
    watch: bool = False
    parsers: ParserPool | None = None
    _failures: dict[str, int] = field(default_factory=dict)
    _claimed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        # A shared store (PostgreSQL) is meant for several daemons: messages, outgoing mail and jobs are
        # claimed in the store instead. A SQLite home is one daemon's alone.
        self.shared = self.config.store.url is not None
        self._lock = None if self.shared else take_lock(self.home / "marac.lock")
        try:
            self._open()
        except BaseException:
            # Started again later (a full disk waited out): the lock must not outlive this attempt.
            if self._lock is not None:
                self._lock.close()
            raise

    def _open(self) -> None:
        self.conn = db.open_store(self.config.store, self.home, self.config.area.code)
        self.mailbox: Mailbox = make_mailbox(self.config.mailbox, self.home, watch=self.watch,
                                             state=SyncStateStore(self.conn),
                                             max_message_bytes=self.config.limits.max_message_bytes)
        self.sender = make_sender(self.config.sender, self.config.mailbox, self.home)
        limits = self.config.limits
        self._own_parsers = self.parsers is None
        if self.parsers is None:
            self.parsers = ParserPool(limits.parse_seconds, limits.parse_memory_mb, limits.max_attachment_bytes)
        self.pipeline = Pipeline(self.conn, self.config, self.parsers, self.home / "exceptions", self.mailbox.name)
        self.desk = DeskLoop(self.pipeline)
        self.printer = DeskPrinter(self.home / "exceptions")
        self.jobs = jobs.schedule(self.conn, self.config, self.home, self.printer)
        for sub in ("approved", "rejected"):
            (self.home / "exceptions" / sub).mkdir(parents=True, exist_ok=True)
        # Half-written files and folders of ours from a crash or a full disk (never a person's files).
        for folder in ("exceptions", "outbox", "documents"):
            if removed := remove_leftovers(self.home / folder, SHARED_LEFTOVER_SECONDS if self.shared else 0.0):
                logs.event("start.cleaned", folder=folder, count=removed)
        self._desk_watch = self._watch_desk() if self.watch else None

    def drain(self, stop: threading.Event | None = None, result: PassResult | None = None) -> PassResult:
        result = result or PassResult()
        try:
            self._drain(stop, result)
        except _LocalFailure as failure:
            # This machine, not the message: nothing is marked handled; intake resumes by itself.
            logs.error("local.failure", reason=str(failure))
            result.failed += 1
        except (ConnectionError, OSError) as exc:
            if (reason := local_failure(exc, self.home)) is not None:
                logs.error("local.failure", reason=reason)
                result.failed += 1
            else:  # the server went away: what was recorded stays recorded; the next pass carries on
                logs.warning("mailbox.unavailable", backend=self.mailbox.name, reason=type(exc).__name__)
                result.unreachable = network_reason(exc)
        return result

    def _claim(self, items: Iterator[Incoming]) -> Iterator[Incoming]:
        """Only the messages no other daemon is handling; each stays claimed until it is settled."""
        for item in items:
            name = f"message:{self.mailbox.name}:{item.source_key}"
            if name in self._claimed:
                yield item  # offered again while in hand: the stream itself skips it
            elif claims.try_claim(self.conn, name):
                self._claimed.add(name)
                yield item

    def _unclaim(self, item: Incoming | None = None) -> None:
        names = [f"message:{self.mailbox.name}:{item.source_key}"] if item is not None else list(self._claimed)
        for name in names:
            if name in self._claimed:
                self._claimed.discard(name)
                claims.release(self.conn, name)

    def _drain(self, stop: threading.Event | None, result: PassResult) -> None:
        try:
            self._drain_claimed(stop, result)
        finally:
            self._unclaim()  # anything taken from the listing but not settled goes back for anyone

    def _drain_claimed(self, stop: threading.Event | None, result: PassResult) -> None:
        while True:
            handled = 0
            stopping = (lambda: stop.is_set()) if stop is not None else (lambda: False)
            for item, outcome in self.pipeline.handle_stream(self._claim(self.mailbox.pending()), BATCH, stopping,
                                                             refill=lambda: self._claim(self.mailbox.pending())):
                handled += 1
                try:
                    self._settle(item, outcome, result)
                finally:
                    self._unclaim(item)
                # The IDVA copy goes at once, not after the whole pass.
                self.deliver(result)
            if stopping():
                return
            # A local folder may hold files still being written; other backends deliver whole messages.
            settling = self.mailbox.drain_wait()
            if not handled and not settling:
                return

    def _settle(self, item: Incoming, outcome: Outcome | Exception, result: PassResult) -> None:
        if isinstance(outcome, Exception) and (reason := local_failure(outcome, self.home)) is not None:
            raise _LocalFailure(reason) from outcome  # not the message's fault: never set it aside for it
        if isinstance(outcome, Exception):
            count = self._failures.get(item.source_key, 0) + 1
            self._failures[item.source_key] = count
            logs.error("message.failed", reason=type(outcome).__name__, attempt=count)
            if count < MAX_FAILURES:
                result.failed += 1
                return
            outcome = self.pipeline.quarantine(item, f"internal-{type(outcome).__name__}")
        self._failures.pop(item.source_key, None)
        self.mailbox.mark_done(item)
        result.count(outcome)

    def deliver(self, result: PassResult) -> None:
        d = deliver_due(self.conn, self.sender, self.config.area.mailbox_address,
                        self.config.security.secure_domains)
        result.sent += d.sent
        result.deferred += d.deferred
        result.unsent = d.reason or result.unsent
        result.refused += len(d.refused)
        for item, reason in d.refused:
            # A message that will never go must reach a person, above all an IDVA copy.
            desk_folder.put(self.home / "exceptions", f"outbox-{item.id}", desk_folder.DeskNote(
                f"An outgoing message ({item.document}) could not be sent: {reason}.",
                "Check the recipient's address in the configuration, then send the attached message "
                "(message.eml) by hand from Outlook.", case_number=item.case_number),
                item.payload, sender=None, subject="", attachments=[], ignored=[], fields=None)

    def due_jobs(self, result: PassResult) -> None:
        """Work that is not a new message: cases whose meeting has passed, the coordinator's decisions."""
        with db.transaction(self.conn):
            cases.mark_heard(self.conn, dt.date.today().isoformat())
        # The desk is one folder tree: with two daemons, one reads the coordinator's decisions at a time.
        with claims.held(self.conn, "job:desk") as mine:
            if mine:
                result.decisions += self.desk.run()
        jobs.run_due(self.jobs, dt.date.today(), self.conn)
        self.deliver(result)

    def process_once(self) -> PassResult:
        result = self.drain()
        self.due_jobs(result)
        self.printer.wait()  # a one-off pass leaves the desk as the daemon would, prints included
        logs.event("pass.done", count=result.referrals + result.exceptions, exception=result.exceptions,
                   pending=outbox.pending_count(self.conn), problems=result.failed)
        return result

    def started(self) -> None:
        logs.event("service.started", backend=self.mailbox.name, pid=os.getpid(), area=self.config.area.code)
        # The service runs on (the send gates hold back from any agency these concern), but whoever
        # reads the log learns there is something to fix. Counts only: the findings quote addresses.
        found = findings(self.config)
        if found.errors or found.warnings:
            logs.warning("config.check", problems=len(found.errors), count=len(found.warnings),
                         reason="run check-config for the details")

    def one_pass(self, stop: threading.Event) -> bool:
        """Drain, deliver and run what is due; False when the pass failed (the caller waits, then retries)."""
        try:
            result = self.drain(stop)
            self.due_jobs(result)
        except Exception as exc:  # noqa: BLE001 - the daemon never stops on its own
            if (reason := local_failure(exc, self.home)) is not None:
                logs.error("local.failure", reason=reason)
            else:
                logs.error("pass.failed", reason=type(exc).__name__)
            return False
        return True

    def wait_seconds(self) -> float:
        """How long to wait for mail: a local folder is rescanned in case watch events were lost, a server
        is polled as configured, and sooner while mail waits to be retried."""
        rescan = self.config.mailbox.wait_seconds
        return min(rescan, 5.0) if outbox.pending_count(self.conn) else rescan

    def run(self, stop: threading.Event) -> None:
        self.started()
        assert self.parsers is not None
        self.parsers.start()  # so the first referral does not wait for the form readers to start
        while not stop.is_set():
            if not self.one_pass(stop):
                stop.wait(5.0)
                continue
            if stop.is_set():
                break
            # Wake at once on new mail; otherwise rescan, and retry deferred mail, on a timer.
            try:
                self.mailbox.wait(self.wait_seconds())
            except (ConnectionError, OSError) as exc:
                logs.warning("mailbox.unavailable", backend=self.mailbox.name, reason=type(exc).__name__)
                stop.wait(5.0)
        logs.event("service.stopped")

    def _watch_desk(self) -> Observer:  # type: ignore[valid-type]
        """A folder moved into approved/ or rejected/ wakes the daemon like new mail does."""
        service = self

        class _Wake(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                service.mailbox.interrupt()

        observer = Observer()
        for sub in ("approved", "rejected"):
            observer.schedule(_Wake(), str(self.home / "exceptions" / sub), recursive=False)
        observer.start()
        return observer

    def interrupt(self) -> None:
        """Called from a signal handler: end the current wait so `run` sees the stop at once."""
        self.mailbox.interrupt()

    def close(self) -> None:
        self.printer.stop()
        if self._desk_watch is not None:
            self._desk_watch.stop()
            self._desk_watch.join(timeout=5)
        self.mailbox.close()
        self.sender.close()
        if self._own_parsers and self.parsers is not None:
            self.parsers.close()
        self.conn.close()
        if self._lock is not None:
            self._lock.close()
