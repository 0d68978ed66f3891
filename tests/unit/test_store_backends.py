"""Every store module on both backends (SQLite, and PostgreSQL in a schema of the session's private cluster):
the same calls give the same answers. Invented data only."""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from intake.identity import MessageKey
from intake.settings import Secret, SettingsError
from marac.config_sections import Store
from marac.store import (actions, audit, cases, chain, claims, db, desk_rows, ledger, meetings, outbox, records,
                         reporting, tracker, transfers, updates)
from marac.store.sync_state import SyncStateStore

from tests.pg import fresh_schema

DAY = dt.date(2026, 3, 10)
PARSED = {"referral": {"referrer": {"agency": "Police"},
                       "victim": {"name": "Alex Example", "dob": "1990-01-02"}, "children": [{"name": "C"}]}}


def _message(conn: Any, n: int, outcome: str = "referral") -> int:
    return ledger.record(conn, mailbox="maildir:inbox", source_key=f"m{n}", key=MessageKey(f"<m{n}@x>", f"h{n}"),
                         size=100 + n, outcome=outcome, received=f"2026-03-0{n}T09:00:00.000+00:00")


def _case(conn: Any, n: int, meeting: str | None = DAY.isoformat(), agency: str = "Police") -> tuple[int, str]:
    with db.transaction(conn):
        cases.ensure_meeting(conn, DAY.isoformat(), "Room 1", "Chair")
        case_id, number = cases.new_case(conn, "EXM", 2026, "listed", meeting=meeting)
        message = _message(conn, n)
        ledger.set_case(conn, message, case_id)
        parsed = {"referral": {**PARSED["referral"], "referrer": {"agency": agency}}}
        cases.add_referral(conn, case_id=case_id, message=message, parsed=parsed,
                           received=f"2026-03-0{n}T09:00:00.000+00:00")
    return case_id, number


def test_ledger_and_cases_with_sequence_numbers(store_conn: Any) -> None:
    conn = store_conn
    first, n1 = _case(conn, 1)
    second, n2 = _case(conn, 2, agency="Health")
    assert (n1, n2) == ("EXM-2026-0001", "EXM-2026-0002")
    assert isinstance(first, int) and second != first
    found = ledger.find(conn, MessageKey("<m1@x>", "h1"))
    assert found is not None and found["source_key"] == "m1" and found["case_id"] == first
    assert ledger.find(conn, MessageKey(None, "h1")) is None
    assert ledger.received_at(conn, found["id"]) == "2026-03-01T09:00:00.000+00:00"
    cases.add_warnings(conn, first, ["late", "late", "check"])
    cases.add_warnings(conn, first, ["check", "new"])
    cases.update(conn, second, repeat=True, previous_case=first)
    summaries = [s.as_dict() for s in cases.summaries(conn)]
    assert summaries == [
        {"case_number": n1, "meeting": DAY.isoformat(), "status": "listed", "repeat": False, "referrals": 1,
         "agencies": ["Police"], "children": True, "warnings": ["late", "check", "new"]},
        {"case_number": n2, "meeting": DAY.isoformat(), "status": "listed", "repeat": True, "referrals": 1,
         "agencies": ["Health"], "children": True, "warnings": []}]
    assert [s.case_number for s in cases.summaries(conn, meeting="2026-01-01")] == []
    assert [s.agencies for s in cases.summaries(conn, meeting=DAY.isoformat())] == [["Police"], ["Health"]]
    assert [tuple(r) for r in cases.victim_identity(conn, n1)] == [("Alex Example", "1990-01-02")]
    keys = ["n:alex", "d:1990-01-02"]
    assert sorted(r["case_number"] for r in cases.referrals_filed_under(conn, keys)) == [n1, n2]
    assert cases.number_of(conn, second) == n2
    assert dict(cases.find_by_year_and_sequence(conn, "EXM", 2026, 2)) == {
        "id": second, "case_number": n2, "meeting": DAY.isoformat()}
    assert [r["case_number"] for r in cases.for_meeting(conn, DAY)] == [n1, n2]
    assert cases.count_on_desk(conn, DAY) == 0
    assert cases.mark_heard(conn, "2026-04-01") == 2
    assert [tuple(r) for r in cases.heard_with_last_referral(conn)] == [
        (n1, "2026-03-01T09:00:00.000+00:00"), (n2, "2026-03-02T09:00:00.000+00:00")]
    assert [r["id"] for r in transfers.earlier_cases(conn, second)] == [second, first]


def test_sequence_numbers_stay_unique_with_writers_at_once(store_opener: Callable[[], Any]) -> None:
    """Read-then-write in a transaction: two connections allocating at once never take the same number."""
    conns = [store_opener() for _ in range(3)]
    with db.transaction(conns[0]):
        cases.ensure_meeting(conns[0], DAY.isoformat(), "Room 1", "Chair")
    numbers: list[str] = []
    errors: list[BaseException] = []

    def allocate(conn: Any) -> None:
        try:
            for _ in range(5):
                with db.transaction(conn):
                    numbers.append(cases.new_case(conn, "EXM", 2026, "listed")[1])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
    threads = [threading.Thread(target=allocate, args=(c,)) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(numbers) == [f"EXM-2026-{i:04d}" for i in range(1, 16)]


def test_a_failed_transaction_leaves_nothing(store_conn: Any) -> None:
    with pytest.raises(RuntimeError):
        with db.transaction(store_conn):
            cases.ensure_meeting(store_conn, DAY.isoformat(), "Room 1", "Chair")
            raise RuntimeError("crash before the commit")
    assert not meetings.exists(store_conn, DAY)
    assert not store_conn.in_transaction


def test_outbox_dedupe_due_and_sent(store_conn: Any) -> None:
    conn = store_conn
    args = dict(purpose="idva-copy", header_message_id="<a@x>", recipients=["idva@idva.example.gov.uk"],
                case_number="EXM-2026-0001", document="referral", payload=b"\x00binary\xffpayload")
    with db.transaction(conn):
        assert outbox.enqueue(conn, dedupe_key="k1", **args)
        assert not outbox.enqueue(conn, dedupe_key="k1", **args)  # the same key: nothing added
        assert outbox.enqueue(conn, dedupe_key="k2", **{**args, "header_message_id": "<b@x>"},
                              cases=["EXM-2026-0001", "EXM-2026-0002"])
    due = outbox.due(conn)
    assert [(d.header_message_id, d.payload, d.recipients, d.cases, d.attempts) for d in due] == [
        ("<a@x>", b"\x00binary\xffpayload", ["idva@idva.example.gov.uk"], ["EXM-2026-0001"], 0),
        ("<b@x>", b"\x00binary\xffpayload", ["idva@idva.example.gov.uk"], ["EXM-2026-0001", "EXM-2026-0002"], 0)]
    outbox.mark_sent(conn, due[0].id)
    outbox.defer(conn, due[1].id, "busy", 3600)
    assert outbox.due(conn) == [] and outbox.pending_count(conn) == 1
    assert outbox.is_pending(conn, due[1].id) and not outbox.is_pending(conn, due[0].id)
    assert outbox.has_key(conn, "k1") and not outbox.has_key(conn, "k3")
    assert [r["header_message_id"] for r in records.outgoing_of(conn, "EXM-2026-0002")] == ["<b@x>"]
    assert [r["header_message_id"] for r in records.outgoing_of(conn, "EXM-2026-0001")] == ["<a@x>", "<b@x>"]
    assert records.outgoing_of(conn, "exm-2026-0002") == []  # exact: SQLite's LIKE alone would ignore case
    assert [r["id"] for r in records.sent_before(conn, "9999")] == [due[0].id]


def test_audit_chain_verifies_and_catches_a_change(store_conn: Any) -> None:
    conn = store_conn
    for n in range(3):
        audit.record(conn, event="disclosure", case_number=f"EXM-2026-000{n}", document="agenda",
                     recipient="a@b.gov.uk", sha256=f"{n:064d}")
    audit.record(conn, event="refused", case_number="EXM-2026-0001", document="agenda")
    assert audit.was_refused(conn, "EXM-2026-0001", "agenda")
    assert audit.has_entry(conn, "disclosure", f"{1:064d}") and not audit.has_entry(conn, "refused", f"{1:064d}")
    assert [r["id"] for r in audit.for_case(conn, "EXM-2026-0001")] == [2, 4]
    assert chain.verify(conn) == (4, None)
    conn.execute("UPDATE audit SET recipient = 'x@y' WHERE id = 2")
    checked, broken = chain.verify(conn)
    assert (checked, broken.id if broken else None) == (2, 2)


def test_actions_tracker_and_updates(store_conn: Any) -> None:
    conn = store_conn
    case_id, number = _case(conn, 1)
    with db.transaction(conn):
        for ref in ("EXM-2026-0001-A2", "EXM-2026-0001-A10", "EXM-2026-0001-A1"):
            actions.add(conn, ref, case_id, DAY, "Do it", "Police", "PC Example", "2026-04-01",
                        "2026-03-10T10:00:00.000+00:00")
    assert [a.action_ref for a in actions.for_tracker(conn)] == [
        "EXM-2026-0001-A1", "EXM-2026-0001-A2", "EXM-2026-0001-A10"]
    assert actions.update_if_unchanged(conn, "EXM-2026-0001-A1", "notes", "typed", None, "t1")
    assert not actions.update_if_unchanged(conn, "EXM-2026-0001-A1", "notes", "again", None, "t2")
    assert actions.update_if_unchanged(conn, "EXM-2026-0001-A1", "notes", None, "typed", "t3")
    assert actions.find(conn, "EXM-2026-0001-A1")["notes"] is None
    assert actions.update_if_unchanged(conn, "EXM-2026-0001-A2", "status", "Done", "open", "t4")
    assert [r["action_ref"] for r in actions.incomplete_before(conn, dt.date(2026, 5, 1))] == [
        "EXM-2026-0001-A10", "EXM-2026-0001-A1"]
    assert actions.refs_at(conn, DAY) == ["EXM-2026-0001-A1", "EXM-2026-0001-A10", "EXM-2026-0001-A2"]
    assert len(actions.with_deadline(conn)) == 3 and len(actions.for_agency_at(conn, DAY, "Police")) == 3
    assert [r["action_ref"] for r in transfers.open_actions(conn, [case_id])] == [
        "EXM-2026-0001-A10", "EXM-2026-0001-A1"]

    tracker.put_ancestors(conn, [("EXM-2026-0001-A1", ("Open", None, None))], "s1")
    tracker.put_ancestors(conn, [("EXM-2026-0001-A1", ("Done", "2026-03-11", "n"))], "s2")
    assert tracker.ancestors(conn) == {"EXM-2026-0001-A1": ("Done", "2026-03-11", "n")}
    tracker.add_conflicts(conn, [tracker.NewConflict("EXM-2026-0001-A1", "status", "Done", "Open", "d1")])
    [conflict] = tracker.open_conflicts(conn)
    assert (conflict.case_number, conflict.workbook_value, conflict.store_value) == (number, "Done", "Open")
    tracker.update_conflicts(conn, [(conflict.id, "Cancelled", "Open")])
    tracker.resolve_conflicts(conn, [(conflict.id, "service")], "d2")
    assert tracker.open_conflicts(conn) == []
    tracker.drop_ancestors(conn, ["EXM-2026-0001-A1"])
    assert tracker.ancestors(conn) == {}
    assert tracker.written_state(conn, "t.xlsx") is None
    tracker.put_written_state(conn, "t.xlsx", "a" * 64, "f1", "w1")
    tracker.put_written_state(conn, "t.xlsx", "b" * 64, "f2", "w2")
    assert tracker.written_state(conn, "t.xlsx") == ("b" * 64, "f2")
    assert tracker.cases_per_meeting(conn) == {DAY.isoformat(): 1}
    assert tracker.meetings(conn) == [tracker.MeetingSummary(DAY.isoformat(), "planned", "Room 1", "Chair")]

    updates.record(conn, DAY, case_id, "Police", "first")
    updates.record(conn, DAY, case_id, "Police", "second copy replaces it")
    assert [tuple(r) for r in updates.of_case(conn, DAY, case_id)] == [("Police", "second copy replaces it")]
    assert updates.agency_refs(conn, DAY, case_id, "Police") == [
        "EXM-2026-0001-A1", "EXM-2026-0001-A2", "EXM-2026-0001-A10"]
    assert [tuple(r) for r in transfers.agency_information(conn, [case_id])] == [
        (DAY.isoformat(), "Police", "second copy replaces it")]


def test_meetings_transfers_desk_and_sync_state(store_conn: Any) -> None:
    conn = store_conn
    case_id, number = _case(conn, 1)
    assert meetings.exists(conn, DAY) and tuple(meetings.venue_and_chair(conn, DAY)) == ("Room 1", "Chair")
    assert meetings.awaiting_agenda(conn, dt.date(2026, 3, 1)) == [DAY]
    meetings.record_circulated(conn, DAY, "agenda")
    meetings.record_circulated(conn, DAY, "agenda")
    assert meetings.circulated(conn, DAY, "agenda") and meetings.awaiting_agenda(conn, dt.date(2026, 3, 1)) == []
    assert meetings.add_emergency(conn, dt.date(2026, 3, 20), "Room 2", "Chair")
    assert not meetings.add_emergency(conn, dt.date(2026, 3, 20), "Room 2", "Chair")
    assert meetings.kind(conn, dt.date(2026, 3, 20)) == "emergency"
    assert meetings.previous_date(conn, dt.date(2026, 3, 20)) == DAY.isoformat()
    assert meetings.held_between(conn, DAY, DAY) == [(DAY, 1)]
    assert meetings.dates_between(conn, DAY, dt.date(2026, 3, 31)) == [DAY, dt.date(2026, 3, 20)]

    transfers.mark_from(conn, case_id, "Northshire")
    transfers.mark_from(conn, case_id, "Elsewhere")
    transfers.close_as_transferred(conn, case_id, "Southshire", "2026-03-01")
    moved = transfers.of_id(conn, case_id)
    assert (moved["status"], moved["meeting"], moved["transferred_from"], moved["transferred_to"]) == (
        "closed", None, "Northshire", "Southshire")
    assert transfers.transfer_columns(conn) == {number: ("Northshire", "Southshire")}
    assert [r["id"] for r in transfers.messages_of(conn, case_id)] == [1]

    desk_rows.add(conn, "folder-1", "review", case_id=case_id, message=1)
    desk_rows.decide(conn, "folder-1", "resolved")
    assert desk_rows.get(conn, "folder-1")["status"] == "resolved"
    desk_rows.add(conn, "folder-1", "match", case_id=case_id, message=1, match_case=case_id)  # filed again
    again = desk_rows.get(conn, "folder-1")
    assert (again["kind"], again["status"], again["decided_at"]) == ("match", "open", None)
    rows = desk_rows.with_case_numbers(conn)
    assert list(rows) == ["folder-1"] and rows["folder-1"]["case_number"] == number

    state = SyncStateStore(conn)
    assert state.get("ews") is None
    state.put("ews", "s1")
    state.put("ews", "s2")
    assert state.get("ews") == "s2"
    state.clear("ews")
    assert state.get("ews") is None


def test_reporting_and_records(store_conn: Any) -> None:
    conn = store_conn
    case_id, number = _case(conn, 1)
    other_id, other = _case(conn, 2)
    with db.transaction(conn):
        meetings.record_attendance(conn, DAY, "Police", "PC Example", "apologies", True)
        meetings.record_attendance(conn, DAY, "Health", "", "present", None)
        meetings.record_attendance(conn, DAY, "Health", "Dr Example", "present", False)  # imported again
        outbox.enqueue(conn, purpose="idva-copy", dedupe_key="idva-copy:h1", header_message_id="<c@x>",
                       recipients=["i@idva.gov.uk"], case_number=number, document="copy", payload=b"p")
        desk_rows.add(conn, "f", "review", case_id=case_id, message=1)
        desk_rows.decide(conn, "f", "resolved")
    outbox.mark_sent(conn, outbox.due(conn)[0].id)
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    assert reporting.meeting_dates(conn, start, end) == [DAY.isoformat()]
    assert [dict(r) for r in reporting.attendance(conn, start, end)] == [
        {"agency": "Health", "recorded": 1, "present": 1, "apologies": 0, "apologies_with_information": 0,
         "absent": 0, "meetings": 1},
        {"agency": "Police", "recorded": 1, "present": 0, "apologies": 1, "apologies_with_information": 1,
         "absent": 0, "meetings": 1}]
    assert [r["id"] for r in reporting.listed_cases(conn, start, end)] == [case_id, other_id]
    referrals = reporting.case_referrals(conn, start, end)
    assert [(r["case_id"], r["copy_sent_at"] is not None) for r in referrals] == [(case_id, True), (other_id, False)]
    assert list(reporting.desk_decisions(conn)) == [case_id]
    assert [r["kind"] for r in reporting.desk_items(conn, dt.date(2000, 1, 1), dt.date(2999, 1, 1))] == ["review"]
    assert reporting.meeting_actions(conn, start, end) == []
    assert reporting.first_case_opened(conn) is not None

    records.hold(conn, number, "court")
    records.hold(conn, number, "court, extended")
    assert records.holds(conn)[number]["why"] == "court, extended"
    contents = records.case_contents(conn, case_id)
    assert contents["case"]["case_number"] == number and contents["hold"]["why"] == "court, extended"
    assert contents["referrals"][0]["parsed"]["referral"]["referrer"] == {"agency": "Police"}
    assert [r["id"] for r in records.case_activity(conn)] == [case_id, other_id]
    assert records.release(conn, number) and not records.release(conn, number)
    assert [r["id"] for r in records.messages_of(conn, case_id)] == [1]
    with db.transaction(conn):
        counts = records.purge_case(conn, case_id, number)
        records.log_purge(conn, number, "case", 1, "retention")
    assert counts == {"referrals": 1, "desk entries": 1, "stored messages": 1, "cases": 1}
    assert [r["case_number"] for r in records.all_parsed(conn)] == [other]
    records.secure_compact(conn)
    assert [s.case_number for s in cases.summaries(conn)] == [other]


def test_migrations_are_recorded_and_not_run_twice(store_opener: Callable[[], Any]) -> None:
    conn = store_opener()
    audit.record(conn, event="decision", case_number=None)
    again = store_opener()  # opening again finds every migration applied: nothing redone, nothing lost
    assert chain.verify(again) == (1, None)
    if db.is_shared(again):
        assert again.execute("SELECT version FROM schema_version").fetchone()[0] == 11
    else:
        assert again.execute("PRAGMA user_version").fetchone()[0] == 11


def test_open_store_defaults_to_sqlite_in_home(tmp_path: Path) -> None:
    conn = db.open_store(None, tmp_path, "EXM")
    assert (tmp_path / "marac.db").is_file() and not db.is_shared(conn)
    assert claims.try_claim(conn, "mailbox") and claims.try_claim(conn, "mailbox")
    conn.close()
    conn = db.open_store(Store(), tmp_path, "EXM")
    conn.close()


@pytest.mark.integration
def test_postgresql_areas_keep_apart_and_claims_pass_on_when_a_daemon_dies(
        pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    area = fresh_schema()[2:].upper()
    monkeypatch.setenv("MARAC_TEST_DATABASE_URL", pg_url)
    store = Store(url=Secret(env="MARAC_TEST_DATABASE_URL"))
    first = db.open_store(store, tmp_path, area)
    second = db.open_store(store, tmp_path, area)
    elsewhere = db.open_store(store, tmp_path, "OTHER" + area)
    try:
        assert db.is_shared(first) and not (tmp_path / "marac.db").exists()
        assert first.execute("SELECT current_schema()").fetchone()[0] == f"marac_{area.lower()}"
        _case(first, 1)
        assert [s.case_number for s in cases.summaries(second)] == ["EXM-2026-0001"]
        assert cases.summaries(elsewhere) == []
        assert claims.try_claim(first, "mailbox")
        assert not claims.try_claim(second, "mailbox")
        assert claims.try_claim(elsewhere, "mailbox")  # another area's claim of the same name
        with claims.held(second, "jobs") as mine:
            assert mine and not claims.try_claim(first, "jobs")
        assert claims.try_claim(first, "jobs")
        claims.release(first, "mailbox")
        assert claims.try_claim(second, "mailbox")
        claims.release(second, "mailbox")
        assert claims.try_claim(first, "mailbox")
        first.close()  # a killed daemon: its connection ends, the server drops its claims...
        deadline = time.monotonic() + 10
        while not claims.try_claim(second, "mailbox"):  # ...once its session has ended (a moment later)
            assert time.monotonic() < deadline, "the claim of a closed connection was never released"
            time.sleep(0.05)
    finally:
        for conn in (first, second, elsewhere):
            conn.close()


@pytest.mark.integration
def test_a_session_the_server_drops_is_opened_again_and_the_service_carries_on(
        pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PostgreSQL restart or failover ends the daemon's session: the statement that meets it fails (the
    daemon's pass is retried), and the next one runs on a new session in the same area's schema."""
    area = fresh_schema()[2:].upper()
    monkeypatch.setenv("MARAC_TEST_DATABASE_URL", pg_url)
    store = Store(url=Secret(env="MARAC_TEST_DATABASE_URL"))
    conn = db.open_store(store, tmp_path, area)
    admin = db.open_store(store, tmp_path, area)
    try:
        _case(conn, 1)
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        admin.execute("SELECT pg_terminate_backend(?)", (pid,))
        time.sleep(0.2)
        with pytest.raises(Exception):
            conn.execute("SELECT count(*) FROM cases").fetchone()
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
        assert conn.execute("SELECT current_schema()").fetchone()[0] == f"marac_{area.lower()}"
        _case(conn, 2)  # writing works again too
        assert [s.case_number for s in cases.summaries(admin)] == ["EXM-2026-0001", "EXM-2026-0002"]
    finally:
        conn.close()
        admin.close()


@pytest.mark.integration
def test_a_wrong_server_is_one_sentence_without_the_url(pg_url: str) -> None:
    port = int(pg_url.rsplit(":", 1)[1].split("/")[0])
    secret = "s3cret-not-real"
    with pytest.raises(SettingsError) as caught:
        db.connect_url(f"postgresql://nobody:{secret}@127.0.0.1:{port + 1}/postgres", "x")
    message = str(caught.value)
    assert secret not in message and "postgresql://" not in message and f"127.0.0.1:{port + 1}" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    with pytest.raises(SettingsError) as caught:
        db.connect_url(f"postgresql://nobody:{secret}@127.0.0.1:{port}/postgres?bogus_option=1", "x")
    assert secret not in str(caught.value)


def test_a_transaction_inside_a_transaction_is_refused(store_conn: Any) -> None:
    """As sqlite3 refuses it: a nested BEGIN would let the inner COMMIT end the outer transaction early."""
    with pytest.raises(Exception, match="within a transaction"):
        with db.transaction(store_conn):
            cases.ensure_meeting(store_conn, DAY.isoformat(), "Room 1", "Chair")
            with db.transaction(store_conn):
                pass
    assert not meetings.exists(store_conn, DAY) and not store_conn.in_transaction
