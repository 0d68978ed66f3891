"""Deliver what the outbox holds: secure recipients only, every disclosure recorded."""
from __future__ import annotations

from dataclasses import dataclass, field

from intake.senders.base import LocalSendError, PermanentSendError, Sender, TemporarySendError
from marac import logs
from marac.config import is_secure_address
from marac.store import audit, claims, outbox
from marac.store.db import Connection, transaction

MAX_DELAY_SECONDS = 15 * 60


@dataclass
class Delivery:
    sent: int = 0
    deferred: int = 0
    refused: list[tuple[outbox.Outgoing, str]] = field(default_factory=list)
    reason: str | None = None  # why messages were deferred, in plain words


def _refuse(conn: Connection, item: outbox.Outgoing, reason: str) -> None:
    with transaction(conn):
        outbox.mark_refused(conn, item.id, reason)
        for recipient in item.recipients:
            for case_number in item.cases or [None]:
                audit.record(conn, event="refused", case_number=case_number, document=item.document,
                             recipient=recipient, sha256=item.payload_sha256, detail=reason)
    logs.error("outbox.refused", outbox=item.id, case=item.case_number, purpose=item.purpose)


def deliver_due(conn: Connection, sender: Sender, envelope_from: str,
                secure_domains: list[str]) -> Delivery:
    result = Delivery()
    for item in outbox.due(conn):
        # Several daemons may share the store: each message is sent by the one that claims it, and only
        # if it is still unsent once claimed (the other may have sent it since the list was read).
        with claims.held(conn, f"outbox:{item.id}") as mine:
            if not mine or not outbox.is_pending(conn, item.id):
                continue
            if not _deliver_one(conn, sender, envelope_from, secure_domains, item, result):
                break
    return result


def _deliver_one(conn: Connection, sender: Sender, envelope_from: str, secure_domains: list[str],
                 item: outbox.Outgoing, result: Delivery) -> bool:
    """Send one message and record what became of it; False when nothing more can be sent this pass."""
    insecure = [r for r in item.recipients if not is_secure_address(r, secure_domains)]
    if insecure:
        reason = "a recipient is not on a secure domain"
        _refuse(conn, item, reason)
        result.refused.append((item, reason))
        return True
    try:
        sender.send(envelope_from, item.recipients, item.payload, item.header_message_id)
    except LocalSendError as exc:
        logs.error("local.failure", outbox=item.id, case=item.case_number, reason=str(exc))
        result.deferred += 1
        result.reason = str(exc)
        return False  # the same for every message: try again on the next pass, with no back-off
    except TemporarySendError as exc:
        delay = min(MAX_DELAY_SECONDS, 5 * 2 ** item.attempts)
        with transaction(conn):
            outbox.defer(conn, item.id, str(exc), delay)
        logs.warning("outbox.deferred", outbox=item.id, case=item.case_number, attempt=item.attempts + 1,
                     seconds=delay)
        result.deferred += 1
        result.reason = str(exc)
        return True
    except PermanentSendError as exc:
        _refuse(conn, item, str(exc))
        result.refused.append((item, str(exc)))
        return True
    with transaction(conn):
        outbox.mark_sent(conn, item.id)
        for recipient in item.recipients:
            for case_number in item.cases or [None]:
                audit.record(conn, event="disclosure", case_number=case_number, document=item.document,
                             recipient=recipient, sha256=item.payload_sha256)
    logs.event("outbox.sent", outbox=item.id, case=item.case_number, purpose=item.purpose)
    result.sent += 1
    return True
