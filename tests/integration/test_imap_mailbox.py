"""The IMAP mailbox against a real Dovecot on loopback (TLS with a throw-away certificate): what it
yields, where processed messages go, IDLE, interrupts, a server restart, a UIDVALIDITY change, and a
referral carried end to end by the real service to an SMTP server."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest
from imapclient import IMAPClient

from intake.imap import ImapMailbox, ImapRefused
from intake.network import MailboxUnavailable
from intake.mailbox import Incoming
from intake.settings import ImapMailbox as ImapSettings

from tests.conftest import LOCAL_CONFIG, PDF, invented_referral, referral_email
from tests.servers import Dovecot, SmtpRecorder, dovecot, imap_smtp_config, plain_dovecot, smtp_recorder  # noqa: F401 - fixtures

PROCESSED = "MARAC.Processed"  # Dovecot's Maildir++ separator is '.': the configured "MARAC/Processed"
GENEROUS = 30.0  # far longer than a wake-up takes, far shorter than poll_seconds
ENV = "MARAC_TEST_IMAP_PASSWORD"


def settings(server: Dovecot, **changes: Any) -> ImapSettings:
    values: dict[str, Any] = dict(backend="imap", host="127.0.0.1", port=server.tls_port, security="tls",
                                  username=server.user, password={"env": ENV}, ca_file=server.ca_file,
                                  poll_seconds=600)
    if changes.get("security") == "starttls":
        values["port"] = server.starttls_port
    values.update(changes)
    return ImapSettings(**values)


@pytest.fixture
def mailbox_for(dovecot: Dovecot) -> Iterator[Any]:
    opened: list[ImapMailbox] = []

    def make(**changes: Any) -> ImapMailbox:
        mailbox = ImapMailbox(settings(dovecot, **changes), dovecot.password, retry_seconds=20)
        opened.append(mailbox)
        return mailbox
    yield make
    for mailbox in opened:
        mailbox.close()


def message(n: int, subject: str = "MARAC referral") -> bytes:
    return (f"From: pc@exampleshire.police.uk\r\nTo: marac@exampleshire.gov.uk\r\nSubject: {subject} {n}\r\n"
            f"Message-ID: <test-{n}@exampleshire.police.uk>\r\n\r\nInvented message number {n}.\r\n").encode()


def drain(mailbox: ImapMailbox) -> list[Incoming]:
    items = list(mailbox.pending())
    for item in items:
        mailbox.mark_done(item)
    return items


def later(seconds: float, action: Any, *args: Any) -> threading.Timer:
    timer = threading.Timer(seconds, action, args)
    timer.start()
    return timer


def timed_wait(mailbox: ImapMailbox, timeout: float) -> float:
    start = time.monotonic()
    mailbox.wait(timeout)
    return time.monotonic() - start


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_appended_messages_come_out_oldest_first_with_their_internaldate(dovecot, mailbox_for, security):
    when = dt.datetime(2026, 3, 4, 9, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    for n in range(3):
        dovecot.append(message(n), when=when + dt.timedelta(minutes=n))
    items = list(mailbox_for(security=security).pending())
    assert [i.raw for i in items] == [message(n) for n in range(3)]
    assert [i.received for i in items] == [when + dt.timedelta(minutes=n) for n in range(3)]
    assert all(i.received.tzinfo == dt.timezone.utc for i in items)
    assert len({i.source_key for i in items}) == 3 and all(":" in i.source_key for i in items)


def test_done_messages_are_moved_to_the_processed_folder_and_nothing_is_deleted(dovecot, mailbox_for):
    for n in range(3):
        dovecot.append(message(n))
    mailbox = mailbox_for()
    assert len(drain(mailbox)) == 3
    assert list(mailbox.pending()) == []
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 3)
    with dovecot.client() as client:
        client.select_folder(PROCESSED, readonly=True)
        kept = client.fetch(client.search("ALL"), ["BODY.PEEK[]"])
    assert sorted(v[b"BODY[]"] for v in kept.values()) == [message(n) for n in range(3)]


def test_without_move_the_message_is_copied_before_it_leaves_the_folder(dovecot, mailbox_for, monkeypatch):
    offered = IMAPClient.has_capability
    monkeypatch.setattr(IMAPClient, "has_capability",
                        lambda self, name: name.upper() != "MOVE" and offered(self, name))
    dovecot.append(message(1))
    assert len(drain(mailbox_for())) == 1
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 1)


def test_a_backlog_is_read_and_moved_in_batches_only_after_each_is_marked(dovecot, mailbox_for, monkeypatch):
    with dovecot.client() as client:
        for n in range(60):
            client.append("INBOX", message(n))
    calls: Counter[str] = Counter()
    for name in ("fetch", "move"):
        original = getattr(IMAPClient, name)
        monkeypatch.setattr(IMAPClient, name, lambda self, *a, _o=original, _n=name, **k: (calls.update([_n]),
                                                                                           _o(self, *a, **k))[1])
    mailbox = mailbox_for()
    listing = mailbox.pending()
    first = [next(listing) for _ in range(30)]
    for item in first[:20]:
        mailbox.mark_done(item)
    assert dovecot.count(PROCESSED) == 0  # marked, waiting to go with others
    seen = first + list(listing)  # a pass over: what it marked goes now
    assert dovecot.count(PROCESSED) == 20
    for item in seen[20:]:
        mailbox.mark_done(item)  # after the listing: at once
    assert [i.raw for i in seen] == [message(n) for n in range(60)]
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 60)
    assert calls["fetch"] == 8  # 7 x 8 + 4, not 60 round trips
    assert calls["move"] == 1 + 40


def test_marks_not_yet_moved_go_before_a_wait_and_are_never_offered_twice(dovecot, mailbox_for):
    for n in range(3):
        dovecot.append(message(n))
    mailbox = mailbox_for()
    listing = mailbox.pending()
    item = next(listing)
    mailbox.mark_done(item)
    again = list(mailbox.pending())  # a new listing (the pipeline's refill) moves it first
    assert [i.raw for i in again] == [message(1), message(2)]
    assert dovecot.count(PROCESSED) == 1
    listing.close()
    mailbox.mark_done(again[0])  # no listing under way: moved at once
    assert dovecot.count(PROCESSED) == 2


def test_a_message_already_read_in_a_mail_client_is_still_processed(dovecot, mailbox_for):
    dovecot.append(message(1), flags=[b"\\Seen"])
    dovecot.append(message(2))
    assert [i.raw for i in drain(mailbox_for())] == [message(1), message(2)]


def test_flag_mode_marks_the_message_and_leaves_it_in_place(dovecot, mailbox_for):
    dovecot.append(message(1))
    mailbox = mailbox_for(processed_folder="")
    assert len(drain(mailbox)) == 1
    assert list(mailbox.pending()) == []
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (1, 0)


def test_idle_wakes_the_wait_when_mail_is_appended_from_another_connection(dovecot, mailbox_for):
    mailbox = mailbox_for()
    assert list(mailbox.pending()) == []
    appended = later(0.5, dovecot.append, message(1))
    assert timed_wait(mailbox, 120) < GENEROUS
    appended.join()
    assert [i.raw for i in mailbox.pending()] == [message(1)]


def test_mail_that_arrives_between_the_scan_and_the_wait_is_not_left_waiting(dovecot, mailbox_for):
    mailbox = mailbox_for()
    assert list(mailbox.pending()) == []
    dovecot.append(message(1))  # after the search, before IDLE starts
    assert timed_wait(mailbox, 120) < GENEROUS


def test_idle_is_renewed_before_the_server_limit_without_ending_the_wait(dovecot, mailbox_for):
    mailbox = mailbox_for(idle_renew_seconds=0.3)
    list(mailbox.pending())
    assert timed_wait(mailbox, 1.5) >= 1.4  # several IDLEs, no spurious wake
    later(0.5, dovecot.append, message(1))
    assert timed_wait(mailbox, 120) < GENEROUS


@pytest.mark.parametrize("use_idle", [True, False])
def test_interrupt_ends_a_wait_from_another_thread(mailbox_for, use_idle):
    mailbox = mailbox_for(use_idle=use_idle)
    list(mailbox.pending())
    later(0.3, mailbox.interrupt)
    assert timed_wait(mailbox, 120) < GENEROUS
    mailbox.interrupt()  # an interrupt that comes before the wait ends it at once
    assert timed_wait(mailbox, 120) < GENEROUS


def test_after_a_server_restart_the_mailbox_reconnects_and_carries_on(dovecot, mailbox_for):
    mailbox = mailbox_for()
    dovecot.append(message(1))
    assert len(drain(mailbox)) == 1
    dovecot.restart()
    dovecot.append(message(2))
    assert [i.raw for i in drain(mailbox)] == [message(2)]
    # Restarted while the mailbox is idling: the wait ends, and the next pass reconnects.
    restarted = later(0.5, dovecot.restart)
    assert timed_wait(mailbox, 120) < GENEROUS
    restarted.join()
    dovecot.append(message(3))
    assert [i.raw for i in drain(mailbox)] == [message(3)]
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 3)


def test_a_pass_waits_for_a_server_that_is_briefly_away(dovecot, mailbox_for):
    mailbox = mailbox_for()
    dovecot.append(message(1))
    list(mailbox.pending())
    dovecot.stop()
    started = later(1.5, dovecot.start)
    assert [i.raw for i in drain(mailbox)] == [message(1)]  # retried with backoff until it was back
    started.join()


def test_uidvalidity_change_skips_nothing_and_finds_the_old_message_again(dovecot, mailbox_for):
    mailbox = mailbox_for()
    for n in range(3):
        dovecot.append(message(n))
    first, second, third = list(mailbox.pending())
    mailbox.mark_done(first)
    old_validity = second.source_key.split(":")[0]
    dovecot.forget_uids()  # second and third not yet marked done (as after a crash)
    dovecot.append(message(4))
    again = list(mailbox.pending())
    assert [i.raw for i in again] == [message(1), message(2), message(4)]
    assert all(i.source_key.split(":")[0] != old_validity for i in again)
    mailbox.mark_done(second)  # a key from before the change: found again by Message-ID and content
    assert [i.raw for i in mailbox.pending()] == [message(2), message(4)]
    assert dovecot.count(PROCESSED) == 2


def test_a_server_without_tls_is_refused_and_never_sees_the_password(plain_dovecot):
    starttls = ImapMailbox(settings(plain_dovecot, security="starttls"), plain_dovecot.password)
    with pytest.raises(ImapRefused, match="STARTTLS"):
        starttls.check()
    tls = ImapMailbox(settings(plain_dovecot, port=plain_dovecot.starttls_port), plain_dovecot.password)
    with pytest.raises(OSError):
        tls.check()  # a TLS handshake with a server that speaks plain IMAP fails
    plain_dovecot.append(message(1))  # the test's own plain connection is the only login
    with pytest.raises(MailboxUnavailable, match="STARTTLS"):  # a pass ends, saying why; nothing is read
        list(starttls.pending())
    starttls.close()
    tls.close()
    assert plain_dovecot.log().count("Login: user=") == 1


def test_a_certificate_the_configuration_does_not_trust_is_refused(dovecot):
    mailbox = ImapMailbox(settings(dovecot, ca_file=None), dovecot.password)
    with pytest.raises(ImapRefused, match="certificate"):
        mailbox.check()
    mailbox.close()


# ----- end to end: the real service, Dovecot in, aiosmtpd out ----------------------------------------

def imap_config(tmp_path: Path, server: Dovecot, smtp: SmtpRecorder) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(imap_smtp_config(LOCAL_CONFIG.read_text(), server, smtp, ENV, processed_folder="MARAC/Processed"))
    return path


def test_a_referral_goes_from_the_imap_mailbox_to_the_idva_once(tmp_path, dovecot, smtp_recorder, monkeypatch,
                                                                 rng, pdf_referral):
    from marac import config as config_module
    from marac.daemon.service import Service
    monkeypatch.setenv(ENV, dovecot.password)
    config = config_module.load(imap_config(tmp_path, dovecot, smtp_recorder), tmp_path / "var")
    raw = referral_email("pc@exampleshire.police.uk", [("referral.pdf", pdf_referral(invented_referral(rng)), PDF)])
    arrived = dt.datetime(2026, 11, 20, 16, 45, tzinfo=dt.timezone.utc)
    dovecot.append(raw, flags=[b"\\Seen"], when=arrived)  # opened in Outlook before the service ran

    service = Service(config, tmp_path / "var")
    try:
        first = service.process_once()
        dovecot.append(raw)  # the same message delivered again
        second = service.process_once()
    finally:
        service.close()

    assert (first.referrals, first.sent, second.duplicates, second.sent) == (1, 1, 1, 0)
    assert len(smtp_recorder.received) == 1
    copy = smtp_recorder.received[0]
    assert copy.recipients == ["idva@idva.exampleshire.gov.uk"] and copy.over_tls
    assert "copy for the IDVA service" in email.message_from_bytes(copy.data, policy=email.policy.default)["Subject"]
    assert (dovecot.count("INBOX"), dovecot.count(PROCESSED)) == (0, 2)
    rows = sqlite3.connect(tmp_path / "var" / "marac.db").execute(
        "SELECT mailbox, source_key, received_at, outcome FROM messages ORDER BY id").fetchall()
    assert [r[3] for r in rows] == ["referral"]  # the second delivery was recognised, not recorded again
    assert rows[0][0] == "imap" and rows[0][2].startswith("2026-11-20T16:45")


def test_a_message_larger_than_allowed_is_not_downloaded_whole(dovecot, monkeypatch):
    monkeypatch.setenv(ENV, dovecot.password)
    big = message(1).replace(b"\r\n\r\n", b"\r\n\r\n" + b"x" * 3_000_000, 1)
    dovecot.append(big)
    dovecot.append(message(2))
    mailbox = ImapMailbox(settings(dovecot), dovecot.password, retry_seconds=20, max_message_bytes=1_000_000)
    try:
        first, second = mailbox.pending()
        assert first.truncated and first.stated_size == len(big) and len(first.raw) < 1000  # headers only
        assert first.raw.startswith(b"From: pc@exampleshire.police.uk")
        assert not second.truncated and second.raw == message(2)
    finally:
        mailbox.close()
