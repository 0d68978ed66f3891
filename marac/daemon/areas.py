"""Several areas' MARACs on one daemon: each area its own service (store, mailbox, desk, documents,
tracker), all of them sharing one set of form readers, one loop and one wait for mail.

A referral that reaches one area's mailbox for a victim living in another area served here is handed
to that area in the same pass, without email (`handover`): that area opens the case and sends the
IDVA copy to its own IDVA service; the area that received it records the handover in its audit trail.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from intake.mailbox import Mailbox
from marac import logs
from marac.config import Config
from marac.flow.pipeline import Outcome, Staged
from marac.store import audit
from marac.store.db import transaction
from parsers.sandbox import ParserPool

from .service import PassResult, Service

HANDOVER = "handover"  # the audit event in the area that received the message


def wait_any(mailboxes: list[Mailbox], timeout: float) -> None:
    """Until one of the mailboxes has mail (or `timeout` passes). Each waits in a thread of its own (an
    IMAP IDLE, a folder watch); as soon as one returns the others are interrupted, so no connection is
    used by two threads at once."""
    if len(mailboxes) == 1:
        mailboxes[0].wait(timeout)
        return
    woke = threading.Event()

    def watch(mailbox: Mailbox) -> None:
        try:
            mailbox.wait(timeout)
        except (ConnectionError, OSError) as exc:
            logs.warning("mailbox.unavailable", backend=mailbox.name, reason=type(exc).__name__)
        finally:
            woke.set()

    threads = [threading.Thread(target=watch, args=(m,), daemon=True) for m in mailboxes]
    for thread in threads:
        thread.start()
    woke.wait(timeout + 1.0)
    for mailbox in mailboxes:
        mailbox.interrupt()
    for thread in threads:
        thread.join(timeout=10.0)


@dataclass
class AreaServices:
    """The daemon for every area of one configuration (`marac.config.load_service`)."""
    configs: list[Config]
    watch: bool = False
    services: dict[str, Service] = field(default_factory=dict)

    def __post_init__(self) -> None:
        limits = self.configs[0].limits
        self.parsers = ParserPool(limits.parse_seconds, limits.parse_memory_mb, limits.max_attachment_bytes)
        try:
            for config in self.configs:
                service = Service(config, config.home, watch=self.watch, parsers=self.parsers)
                self.services[config.area.code] = service
                service.pipeline.handover = self._handover_from(service)
        except BaseException:
            self.close()
            raise

    def _handover_from(self, sender: Service) -> Any:
        def handover(code: str, staged: Staged, parses: list[dict[str, Any]]) -> Outcome:
            receiver = self.services.get(code)
            if receiver is None:  # configured as served here but not started: a person arranges it
                raise LookupError(code)
            outcome = receiver.pipeline.take_over(staged, parses, handed_from=sender.config.area.name)
            # Recorded after the receiving area has it: a crash in between hands it over again, which
            # the receiving area's ledger recognises, and this entry is written then.
            with transaction(sender.conn):
                if not audit.has_entry(sender.conn, HANDOVER, staged.key.content_hash):
                    audit.record(sender.conn, event=HANDOVER, case_number=None,
                                 document="referral (handed over within this service)",
                                 recipient=receiver.config.area.name, sha256=staged.key.content_hash,
                                 detail=f"the victim lives in {receiver.config.area.name}'s area")
            logs.event("referral.handed_over", msg=staged.key.short, area=code)
            try:
                receiver.deliver(PassResult())  # the IDVA copy goes at once, not on that area's next pass
            except Exception as exc:  # noqa: BLE001 - it is queued: that area's own pass sends it
                logs.warning("outbox.deferred", area=code, reason=type(exc).__name__)
            return outcome
        return handover

    def process_once(self) -> PassResult:
        total = PassResult()
        for service in self.services.values():
            result = service.process_once()
            for name, value in vars(result).items():
                if isinstance(value, int):
                    setattr(total, name, getattr(total, name) + value)
                elif value and not getattr(total, name):
                    setattr(total, name, value)
        return total

    def run(self, stop: threading.Event) -> None:
        services = list(self.services.values())
        if len(services) == 1:
            services[0].run(stop)
            return
        for service in services:
            service.started()
        self.parsers.start()
        while not stop.is_set():
            failed = False
            for service in services:
                if stop.is_set():
                    break
                failed |= not service.one_pass(stop)
            if stop.is_set():
                break
            if failed:
                stop.wait(5.0)
                continue
            wait_any([s.mailbox for s in services], min(s.wait_seconds() for s in services))
        logs.event("service.stopped")

    def interrupt(self) -> None:
        for service in self.services.values():
            service.interrupt()

    def close(self) -> None:
        for service in self.services.values():
            service.close()
        self.parsers.close()
