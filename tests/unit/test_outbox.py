"""The outbox never sends case information off the secure domains, and says so to a person."""
from __future__ import annotations

from pathlib import Path

from intake.senders.local import LocalFolderSender
from marac.config import load
from marac.daemon.service import Service
from marac.flow.delivery import deliver_due
from marac.store import db, outbox

from tests.conftest import LOCAL_CONFIG


def test_an_off_domain_recipient_is_refused_recorded_and_put_on_the_desk(tmp_path: Path):
    home = tmp_path / "var"
    service = Service(load(LOCAL_CONFIG, home), home)
    try:
        with db.transaction(service.conn):
            outbox.enqueue(service.conn, purpose="idva-copy", dedupe_key="k1", header_message_id="<k1@x>",
                           recipients=["someone@gmail.com"], case_number="EXM-2026-0009",
                           document="referral (IDVA copy)", payload=b"Subject: case\r\n\r\nbody\r\n")
        result = service.process_once()
    finally:
        service.close()
    assert result.sent == 0 and result.refused == 1
    assert not list((home / "outbox").glob("*.eml"))
    conn = db.connect(home / "marac.db")
    assert [tuple(r) for r in conn.execute("SELECT event, recipient, case_number FROM audit")] == [
        ("refused", "someone@gmail.com", "EXM-2026-0009")]
    readme = next((home / "exceptions").glob("*/README.txt")).read_text()
    assert "could not be sent" in readme and "EXM-2026-0009" in readme


def test_local_sender_writes_one_file_however_often_a_message_is_sent(tmp_path: Path, store_conn: db.Connection):
    conn = store_conn
    sender = LocalFolderSender(tmp_path / "out")
    with db.transaction(conn):
        outbox.enqueue(conn, purpose="p", dedupe_key="k", header_message_id="<same@x>",
                       recipients=["idva@idva.exampleshire.gov.uk"], case_number="C", document="d", payload=b"x")
        # Enqueuing the same thing again (a retried step) adds nothing.
        assert not outbox.enqueue(conn, purpose="p", dedupe_key="k", header_message_id="<same@x>",
                                  recipients=["idva@idva.exampleshire.gov.uk"], case_number="C", document="d",
                                  payload=b"x")
    sender.send("a@b", ["idva@idva.exampleshire.gov.uk"], b"x", "<same@x>")  # as if a crash followed the write
    assert deliver_due(conn, sender, "a@b", ["gov.uk"]).sent == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["same@x.eml"]
