"""Reliability against real servers: the daemon (`run.py run`, a real process) reads a private Dovecot
(IMAP over TLS) and sends through aiosmtpd (STARTTLS), while it is killed with SIGKILL at random
moments, and while each server is restarted under it.

Every IDVA copy is matched to the message it copies exactly: its Message-ID is
`<idva-copy.{content_hash[:32]}@...>`, where content_hash is the ledger's hash of the original
(`intake.identity.key_of`), which this file computes from the bytes it appended.

The one window nobody can close: the SMTP server has accepted a copy (250 after DATA) but the
daemon dies (or the link drops) before it records the copy as sent. The restarted daemon must send it
again, and it sends the *same* message with the *same* Message-ID, which receiving servers and mail
clients treat as one message. That is the guarantee at the SMTP boundary: one copy per Message-ID.
These tests make their interruptions deterministic around that window without touching product code:
the SMTP server here holds back its answer to DATA while the test is about to interrupt, waits until
every copy it has already accepted is recorded as sent in var/marac.db, interrupts, and then answers
the held-back DATA (if any) with 451 and does not keep it, exactly as a server whose client vanished
mid-transaction. So a kill can land anywhere else (parsing, the ledger, the IMAP move, the middle of
an SMTP transaction) but not inside that window, and the tests assert no resend at all.
"""
from __future__ import annotations

import asyncio
import collections
import email
import email.policy
import os
import random
import re
import signal
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from aiosmtpd.controller import Controller

from generators.fake_referrals import PDF, invented_referral, referral_email
from intake.identity import key_of

from tests.conftest import LOCAL_CONFIG, ROOT
from tests.servers import (  # noqa: F401 - fixture
    Dovecot,
    Received,
    SmtpRecorder,
    _Record,
    dovecot,
    free_port,
    imap_smtp_config,
    make_ca,
)

ENV = "MARAC_TEST_RELIABILITY_PASSWORD"
PROCESSED = "MARAC.Processed"  # Dovecot's Maildir++ name for the configured "MARAC/Processed"
SENDER = "pc@exampleshire.police.uk"
IDVA = "idva@idva.exampleshire.gov.uk"
COPY_ID = re.compile(rb"^Message-ID:\s*<idva-copy\.([0-9a-f]+)@", re.IGNORECASE | re.MULTILINE)
FORMS = 6  # distinct filled PDFs, reused across messages that differ in Message-ID and subject


# ----- the SMTP server: aiosmtpd with STARTTLS, able to hold its answer to DATA ------------------------

class _Gated(_Record):
    """Keeps what it accepts, like servers._Record, but takes `gate` before it answers DATA, and refuses
    (451, not kept) a transaction begun before the last `interrupted()`: its client is gone."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Lock()
        self.epoch = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # type: ignore[no-untyped-def]
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        envelope.epoch = self.epoch  # type: ignore[attr-defined]
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        while not self.gate.acquire(blocking=False):
            await asyncio.sleep(0.005)  # cancelled here if the server is stopped: nothing kept
        try:
            if getattr(envelope, "epoch", None) != self.epoch:
                return "451 4.3.0 the sending client went away; not kept"
            self.received.append(Received(list(envelope.rcpt_tos), bytes(envelope.original_content),
                                          session.ssl is not None, time.time()))
            return "250 OK"
        finally:
            self.gate.release()

    def interrupted(self) -> None:
        """Called with the gate held, once the client is gone: its unanswered transactions are void."""
        self.epoch += 1


class Smtp:
    """One aiosmtpd on a fixed port that can be stopped and started again on the same port."""

    def __init__(self, folder: Path) -> None:
        ca, self.ca_file = make_ca(folder)
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("localhost", "127.0.0.1").configure_cert(self.context)
        self.handler = _Gated()
        self.port = free_port()
        self.controller: Controller | None = None
        self.start()

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, tls_context=self.context,
                                     require_starttls=True)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def recorder(self) -> SmtpRecorder:  # what imap_smtp_config wants: a port and a CA file
        return SmtpRecorder(self.port, self.ca_file, self.handler, self.controller)  # type: ignore[arg-type]

    @property
    def received(self) -> list[Received]:
        return list(self.handler.received)

    def copy_ids(self) -> list[str]:
        """The short hash in every IDVA copy's Message-ID, one entry per copy received (resends repeat)."""
        found = []
        for message in self.received:
            match = COPY_ID.search(message.data)
            if match:
                found.append(match.group(1).decode())
        return found

    def quiesced(self, home: Path, interrupt: Callable[[], None], limit: float = 60.0) -> None:
        """Hold DATA answers, wait until every accepted copy is recorded as sent, `interrupt()`, release."""
        with self.handler.gate:
            accepted = set(self.copy_ids())
            assert _wait_for(lambda: accepted <= _sent_short_ids(home), limit), \
                "a copy the SMTP server accepted was never recorded as sent"
            interrupt()
            self.handler.interrupted()


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[Smtp]:
    server = Smtp(tmp_path)
    yield server
    server.stop()


# ----- helpers ---------------------------------------------------------------------------------------

def _wait_for(predicate: Callable[[], bool], limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return bool(predicate())


def _db(home: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{home / 'marac.db'}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def _sent_short_ids(home: Path) -> set[str]:
    if not (home / "marac.db").exists():
        return set()
    conn = _db(home)
    try:
        rows = conn.execute("SELECT header_message_id FROM outbox WHERE state = 'sent'").fetchall()
    except sqlite3.OperationalError:  # not created yet
        return set()
    finally:
        conn.close()
    found = set()
    for (mid,) in rows:
        match = re.match(r"<idva-copy\.([0-9a-f]+)@", mid)
        if match:
            found.add(match.group(1))
    return found


def _messages(count: int, seed: int, blank_pdf: bytes) -> list[bytes]:
    """`count` invented referrals: FORMS filled PDFs (filling is slow), each email its own Message-ID and
    subject, so every message has its own content hash and so its own IDVA copy."""
    from generators.forms.pdf_fill import fill_referral_pdf
    rng = random.Random(seed)
    forms = [fill_referral_pdf(blank_pdf, invented_referral(rng, children=i % 3)) for i in range(FORMS)]
    raws = [referral_email(SENDER, [("referral.pdf", forms[i % FORMS], PDF)], subject=f"MARAC referral {seed}-{i}",
                           message_id=f"<reliability-{seed}-{i}@exampleshire.police.uk>")
            for i in range(count)]
    assert len({_short(raw) for raw in raws}) == count
    return raws


def _short(raw: bytes) -> str:
    return key_of(raw).content_hash[:32]


def _append_all(server: Dovecot, raws: list[bytes]) -> None:
    with server.client() as client:
        for raw in raws:
            client.append("INBOX", raw)


def _config(tmp_path: Path, server: Dovecot, smtp: Smtp) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(imap_smtp_config(LOCAL_CONFIG.read_text(), server, smtp.recorder, ENV,
                                     processed_folder="MARAC/Processed"))
    return path


class Daemon:
    def __init__(self, config: Path, home: Path, log: Path, password: str) -> None:
        self.log = log
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "run.py"), "--config", str(config), "--home", str(home), "run"],
                cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env={**os.environ, ENV: password})

    def kill(self) -> list[psutil.Process]:
        """SIGKILL the daemon alone (as the OOM killer or a power cut would); its helpers, now orphans."""
        try:
            helpers = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.Error:
            helpers = []
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        return helpers

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)

    def ensure_gone(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


def _processed_hashes(server: Dovecot) -> list[str]:
    with server.client() as client:
        if not client.folder_exists(PROCESSED):
            return []
        client.select_folder(PROCESSED, readonly=True)
        uids = client.search("ALL")
        kept = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
    return [_short(v[b"BODY[]"]) for v in kept.values()]


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _all_done(server: Dovecot, smtp: Smtp, home: Path, wanted: set[str]) -> bool:
    return (wanted <= set(smtp.copy_ids()) and server.count("INBOX") == 0
            and server.count(PROCESSED) == len(wanted) and wanted <= _sent_short_ids(home))


def _assert_outcomes(server: Dovecot, smtp: Smtp, home: Path, raws: list[bytes], log: Path) -> int:
    """Everything the tests prove at the end; returns the number of exact resends seen (asserted 0).
    `log` is the last daemon's own log: it ran to the end and stopped cleanly."""
    wanted = {_short(raw) for raw in raws}
    total = len(raws)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text and "service.stopped" in text, text[-4000:]

    # The mailbox: nothing left, every message moved once, nothing deleted, nothing moved twice.
    assert server.count("INBOX") == 0
    processed = _processed_hashes(server)
    assert len(processed) == total and set(processed) == wanted

    # The ledger: one row, one outcome, per message.
    conn = _db(home)
    try:
        rows = conn.execute("SELECT content_hash, outcome FROM messages").fetchall()
        assert len(rows) == total
        assert {h[:32] for h, _ in rows} == wanted and len({h for h, _ in rows}) == total
        assert {outcome for _, outcome in rows} == {"referral"}
        copies = conn.execute("SELECT state, count(*) FROM outbox WHERE purpose = 'idva-copy' GROUP BY state").fetchall()
        assert copies == [("sent", total)]
        assert conn.execute("SELECT count(*) FROM audit WHERE event = 'disclosure' AND recipient = ?",
                            (IDVA,)).fetchone()[0] == total
    finally:
        conn.close()

    # The SMTP server: one copy per original, to the IDVA, over TLS; the same Message-ID never twice.
    ids = smtp.copy_ids()
    counted = collections.Counter(ids)
    resends = sum(n - 1 for n in counted.values())
    print(f"\nIDVA copies received: {len(ids)}, distinct Message-IDs: {len(counted)}, exact resends: {resends}")
    assert set(counted) == wanted and len(counted) == total
    for message in smtp.received:
        if COPY_ID.search(message.data):
            assert message.recipients == [IDVA] and message.over_tls
            parsed = email.message_from_bytes(message.data, policy=email.policy.default)
            assert "copy for the IDVA service" in parsed["Subject"]
    return resends


# ----- the tests -------------------------------------------------------------------------------------

@pytest.mark.timeout(600)
def test_sigkill_at_random_moments_loses_and_doubles_nothing(tmp_path, dovecot, smtp, blank_pdf):
    """300 referrals in the IMAP INBOX; the daemon is SIGKILLed at random moments and restarted each time,
    then a last daemon finishes and stops on SIGTERM. Every message has exactly one outcome (moved to
    the processed folder, one ledger row), every referral has an IDVA copy, and no copy was delivered
    twice: the SMTP server received exactly 300 distinct Message-IDs, one per original, and no resend.

    At the SMTP boundary the guarantee is one copy per Message-ID (a copy accepted just before a kill,
    and not yet recorded as sent, goes again with the same Message-ID, which receiving servers
    deduplicate). The kills here are steered out of that window (see the module docstring), which is
    why the test can demand zero resends; every other moment is fair game."""
    total = 300
    raws = _messages(total, seed=300, blank_pdf=blank_pdf)
    wanted = {_short(raw) for raw in raws}
    _append_all(dovecot, raws)
    assert dovecot.count("INBOX") == total
    home = tmp_path / "var"
    config = _config(tmp_path, dovecot, smtp)
    rng = random.Random(20261122)

    kills = 0
    at_kill: list[int] = []
    orphans: list[psutil.Process] = []
    for _ in range(rng.randint(6, 7)):
        daemon = Daemon(config, home, tmp_path / f"daemon-{kills}.log", dovecot.password)
        try:
            time.sleep(rng.uniform(1.0, 4.0))
            smtp.quiesced(home, lambda d=daemon: orphans.extend(d.kill()))
        finally:
            daemon.ensure_gone()
        kills += 1
        at_kill.append(len(set(smtp.copy_ids())))
        if dovecot.count("INBOX") == 0:
            break

    log = tmp_path / "daemon-last.log"
    daemon = Daemon(config, home, log, dovecot.password)
    try:
        assert _wait_for(lambda: _all_done(dovecot, smtp, home, wanted), 400), \
            f"not finished: {len(set(smtp.copy_ids()))} copies, INBOX {dovecot.count('INBOX')}"
        assert daemon.terminate() == 0
    finally:
        daemon.ensure_gone()

    print(f"\nkills: {kills}; distinct copies received when each kill landed: {at_kill}")
    assert kills >= 6 and at_kill[-1] < total  # the kills landed while there was work in hand
    assert _assert_outcomes(dovecot, smtp, home, raws, log) == 0
    # A killed daemon's form readers do not linger once their parent is gone.
    assert _wait_for(lambda: not any(_alive(p) for p in orphans), 30), [p.pid for p in orphans if _alive(p)]


@pytest.mark.timeout(600)
def test_servers_restarted_mid_run(tmp_path, dovecot, smtp, blank_pdf):
    """100 referrals; while the daemon works through them the IMAP server is stopped and started again,
    then the SMTP server is (each down for about 2 s, back on the same port). The daemon reconnects and
    its outbox retries with back-off by itself: every message is handled once and every IDVA copy is
    delivered once (100 distinct Message-IDs, no resend: the SMTP stop is steered out of the
    accepted-but-not-yet-recorded window, as the module docstring explains)."""
    total = 100
    raws = _messages(total, seed=100, blank_pdf=blank_pdf)
    wanted = {_short(raw) for raw in raws}
    _append_all(dovecot, raws)
    home = tmp_path / "var"
    config = _config(tmp_path, dovecot, smtp)
    log = tmp_path / "daemon.log"

    daemon = Daemon(config, home, log, dovecot.password)
    try:
        assert _wait_for(lambda: len(set(smtp.copy_ids())) >= 10, 120), "the daemon did not get going"
        dovecot.restart(down_seconds=2.0)
        imap_restart_at = len(set(smtp.copy_ids()))
        assert _wait_for(lambda: len(set(smtp.copy_ids())) >= imap_restart_at + 10, 120), \
            "no progress after the IMAP server came back"
        smtp.quiesced(home, smtp.stop)
        smtp_restart_at = len(set(smtp.copy_ids()))
        time.sleep(2.0)
        smtp.start()
        assert _wait_for(lambda: _all_done(dovecot, smtp, home, wanted), 300), \
            f"not finished: {len(set(smtp.copy_ids()))} copies, INBOX {dovecot.count('INBOX')}"
        assert daemon.terminate() == 0
    finally:
        daemon.ensure_gone()

    print(f"\nIMAP restarted after {imap_restart_at} copies, SMTP after {smtp_restart_at}")
    assert imap_restart_at < total and smtp_restart_at < total  # both restarts hit a daemon with work to do
    text = log.read_text(errors="replace")
    assert text.count("imap.connected") >= 2  # the IMAP outage was felt: the daemon reconnected by itself
    assert "outbox.deferred" in text  # the SMTP outage was felt and ridden out by the outbox
    assert _assert_outcomes(dovecot, smtp, home, raws, log) == 0
