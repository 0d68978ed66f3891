"""The shared action tracker: a workbook people edit (in Excel, LibreOffice, or here openpyxl) and the
service keeps right. Real stores (SQLite, and PostgreSQL when installed), real workbooks, LibreOffice
headless for its saves. Invented data.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generators.tracker import ACTION_HEADERS, ActionRow, build_workbook, read_edits, read_workbook
from marac import tracker as tracker_sync
from marac.config import Config, Tracker, load
from marac.store import db
from marac.tracker import KEPT_NO_ID, KEPT_UNKNOWN, merge_field, sync, syncing
from marac.tracker import files as tracker_files

ROOT = Path(__file__).resolve().parents[2]
LOCAL_CONFIG = ROOT / "mailbox_config" / "local.toml"
TODAY = dt.date(2026, 3, 2)
MEETING = "2026-02-10"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

FORMULA_LOOKING = ['=HYPERLINK("http://x")', "+44 7700", "-1", "@SUM(A1)", "\tstarts with a tab",
                   "\rstarts with a carriage return", "=1+1", "#N/A"]


# ---------------------------------------------------------------------------------------------------------
# Fixtures and helpers

@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "var"


@pytest.fixture
def conn(store_opener: Callable[[], db.Connection]) -> db.Connection:
    """The store on each backend (tests/pg.py); closed by store_opener. A test that only waits on files or
    LibreOffice keeps to SQLite (`sqlite_only`): the store does the same there on both."""
    return store_opener()


sqlite_only = pytest.mark.parametrize("store_opener", ["sqlite"], indirect=True)


def config_for(home: Path, **tracker: Any) -> Config:
    settings = {"lock_wait_seconds": 10.0, **tracker}
    return load(LOCAL_CONFIG, home=home).model_copy(update={"tracker": Tracker(**settings)})


def add_case(conn: db.Connection, sequence: int, meeting: str = MEETING) -> int:
    conn.execute("INSERT OR IGNORE INTO meetings (date, venue, chair) VALUES (?, 'Room 2', 'DI Invented')",
                 (meeting,))
    cur = conn.execute("INSERT INTO cases (case_number, year, sequence, meeting, status, created_at)"
                       " VALUES (?, 2026, ?, ?, 'heard', ?)", (f"EXM-2026-{sequence:04d}", sequence, meeting, db.utcnow()))
    return int(cur.lastrowid or 0)


def add_action(conn: db.Connection, case_id: int, ref: str, *, description: str = "Share the safety plan",
               owner: str | None = "PC Invented", deadline: str | None = "2026-03-20", status: str = "open",
               notes: str | None = None, meeting: str = MEETING) -> str:
    conn.execute("INSERT INTO actions (action_ref, case_id, meeting, description, agency, owner, deadline, status,"
                 " notes, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (ref, case_id, meeting, description, "Exampleshire Police", owner, deadline, status, notes,
                  db.utcnow()))
    return ref


def seed(conn: db.Connection, cases: int = 2, per_case: int = 3) -> list[str]:
    refs = []
    for sequence in range(1, cases + 1):
        case_id = add_case(conn, sequence)
        for n in range(1, per_case + 1):
            refs.append(add_action(conn, case_id, f"EXM-2026-{sequence:04d}-A{n}", description=f"Invented action {n}"))
    return refs


def stored(conn: db.Connection, ref: str) -> db.Row:
    return conn.execute("SELECT * FROM actions WHERE action_ref = ?", (ref,)).fetchone()


def set_store(conn: db.Connection, ref: str, **values: Any) -> None:
    for name, value in values.items():
        conn.execute(f"UPDATE actions SET {name} = ? WHERE action_ref = ?", (value, ref))


def edit_book(path: Path, changes: dict[tuple[str, str], Any]) -> None:
    """A person edits cells with openpyxl, finding rows by action id as a person finds them by eye."""
    wb = load_workbook(path)
    ws = wb["Actions"]
    header = [c.value for c in ws[1]]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    for (ref, column), value in changes.items():
        ws.cell(row=rows[ref], column=header.index(column) + 1).value = value
    wb.save(path)


def book_rows(path: Path) -> dict[str, dict[str, Any]]:
    ws = load_workbook(path)["Actions"]
    values = list(ws.iter_rows(values_only=True))
    return {row[0]: dict(zip(values[0], row)) for row in values[1:] if row[0] is not None}


def sheet_xml(path: Path, sheet: str = "xl/worksheets/sheet1.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(sheet).decode()


def soffice_convert(source: Path, target_format: str, out: Path) -> Path:
    """LibreOffice headless, with a profile of its own (a running LibreOffice must not be disturbed)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--convert-to", target_format, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{source.stem}.{target_format.split(':')[0]}"


# ---------------------------------------------------------------------------------------------------------
# The merge rule itself

@pytest.mark.parametrize("base, book, store, decision, expected", [
    ("open", "open", "open", None, ("open", "open", "open", "same")),
    ("open", "done", "open", None, ("done", "done", "done", "book")),
    ("open", "open", "done", None, ("done", "done", "done", "store")),
    ("open", "done", "done", None, ("done", "done", "done", "same")),
    ("open", "done", "not done", None, ("done", "not done", "open", "conflict")),
    ("open", "done", "not done", "spreadsheet", ("done", "done", "done", "kept-spreadsheet")),
    ("open", "done", "not done", "service", ("not done", "not done", "not done", "kept-service")),
    (None, "a note", None, None, ("a note", "a note", "a note", "book")),
    (None, None, "a note", None, ("a note", "a note", "a note", "store")),
    (None, "mine", "theirs", None, ("mine", "theirs", None, "conflict")),
])
def test_merge_field(base: str | None, book: str | None, store: str | None, decision: str | None,
                     expected: tuple[Any, ...]) -> None:
    assert tuple(merge_field(base, book, store, decision)) == expected


# ---------------------------------------------------------------------------------------------------------
# The workbook

def test_first_sync_writes_the_workbook_people_need(home: Path, conn: db.Connection) -> None:
    refs = seed(conn)
    message = conn.execute("INSERT INTO messages (mailbox, source_key, content_hash, size, received_at, outcome,"
                           " case_id) VALUES ('maildir:inbox', 'k1', 'h1', 1, ?, 'referral', 1)", (db.utcnow(),))
    conn.execute("INSERT INTO referrals (case_id, message, agency, received_at, parsed, victim_name, victim_dob)"
                 " VALUES (1, ?, 'Exampleshire Police', ?, '{}', 'Zelphine Invented-Quarrow', '1990-01-02')",
                 (message.lastrowid, db.utcnow()))
    report = sync(conn, config_for(home), home, TODAY)

    assert report.written and report.actions == len(refs) and report.new_actions == len(refs)
    path = home / "tracker.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames[:4] == ["Actions", "Conflicts", "Cases", "Meetings"]
    ws = wb["Actions"]
    assert [c.value for c in ws[1]] == list(ACTION_HEADERS)
    assert ws.freeze_panes == "A2"
    table = ws.tables["Actions_table"]
    assert table.ref == f"A1:K{len(refs) + 1}" and table.autoFilter is not None
    [drop_down] = ws.data_validations.dataValidation
    assert drop_down.formula1 == '"Open,In progress,Done,Not done,Cancelled"' and "H2:H1048576" in str(drop_down.sqref)
    rules = [rule.formula[0] for cf in ws.conditional_formatting for rule in cf.rules]
    assert any("<TODAY()" in f and '<>"Done"' in f and '<>"Cancelled"' in f for f in rules)  # overdue
    assert any("<=TODAY()+3" in f for f in rules)  # due soon: remind_days_before
    row = book_rows(path)[refs[0]]
    assert row["Status"] == "Open" and row["Deadline"] == dt.datetime(2026, 3, 20)
    assert ws["G2"].number_format == "dd/mm/yyyy"

    cases = list(wb["Cases"].iter_rows(values_only=True))
    assert cases[0] == ("Case number", "MARAC date", "Status", "Repeat", "Referrals", "Referring agencies")
    assert cases[1][:6] == ("EXM-2026-0001", dt.datetime(2026, 2, 10), "heard", "No", 1, "Exampleshire Police")
    meetings = list(wb["Meetings"].iter_rows(values_only=True))
    assert meetings[1] == (dt.datetime(2026, 2, 10), "planned", "Room 2", "DI Invented", 2, 6, 6)
    # The workbook is shared with every agency: no victim's name or date of birth anywhere in it.
    with zipfile.ZipFile(path) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Zelphine" not in everything and b"Quarrow" not in everything and b"1990-01-02" not in everything


def test_a_second_sync_with_nothing_new_leaves_the_file_alone(home: Path, conn: db.Connection) -> None:
    seed(conn)
    config = config_for(home)
    sync(conn, config, home, TODAY)
    before = (home / "tracker.xlsx").read_bytes()
    report = sync(conn, config, home, TODAY)
    assert report.state == "unchanged" and report.backup is None
    assert (home / "tracker.xlsx").read_bytes() == before
    assert tracker_sync.backups_of(home / "tracker.xlsx") == []


# ---------------------------------------------------------------------------------------------------------
# The round trip: people's edits and the service's changes both kept, conflicts to the coordinator

def test_round_trip_keeps_both_sides_and_reports_conflicts(home: Path, conn: db.Connection) -> None:
    a1, a2, a3, a4, a5, _ = seed(conn)
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)

    # A person, in the workbook:
    edit_book(path, {(a1, "Status"): "Done",  # a status report
                     (a2, "Notes"): "Called twice, no answer; letter sent",  # a note
                     (a3, "Status"): "In progress",  # ...which the service changes too (conflict)
                     (a5, "Notes"): "Referred to housing", (a5, "Date status reported"): dt.datetime(2026, 2, 27)})
    # The service, in the store, meanwhile:
    set_store(conn, a3, status="not done")
    set_store(conn, a4, notes="Agency says done at the meeting", status="done")

    report = sync(conn, config, home, TODAY)

    assert report.written and report.from_workbook == 4 and report.to_workbook == 2
    assert stored(conn, a1)["status"] == "done"
    assert stored(conn, a1)["status_reported"] == TODAY.isoformat()  # reported today: nobody typed a date
    assert stored(conn, a2)["notes"] == "Called twice, no answer; letter sent"
    assert (stored(conn, a5)["notes"], stored(conn, a5)["status_reported"]) == ("Referred to housing", "2026-02-27")
    assert stored(conn, a3)["status"] == "not done"  # the store keeps its value...
    rows = book_rows(path)
    assert rows[a3]["Status"] == "In progress"  # ...and the person's cell is not overwritten
    assert rows[a3]["Conflict"] == 'Status: the service has "Not done" (see the Conflicts sheet)'
    assert (rows[a4]["Status"], rows[a4]["Notes"]) == ("Done", "Agency says done at the meeting")
    assert rows[a1]["Date status reported"] == dt.datetime.combine(TODAY, dt.time())

    [conflict] = report.conflicts
    assert (conflict.action_ref, conflict.field, conflict.workbook_value, conflict.store_value) == (
        a3, "status", "in progress", "not done")
    assert tracker_sync.open_conflicts(conn) == [conflict]  # what the CLI or the daemon can show
    text = (home / "tracker-conflicts.txt").read_text()
    assert report.conflicts_file == home / "tracker-conflicts.txt"
    assert f"{a3} (case EXM-2026-0001), Status" in text and "spreadsheet: In progress" in text
    assert "service:     Not done" in text
    sheet = list(load_workbook(path)["Conflicts"].iter_rows(values_only=True))
    assert sheet[1][:5] == (a3, "EXM-2026-0001", "Status", "In progress", "Not done")

    # The next sync, nobody having decided: still a conflict, the person's value still there.
    report = sync(conn, config, home, TODAY)
    assert [c.action_ref for c in report.conflicts] == [a3] and book_rows(path)[a3]["Status"] == "In progress"
    assert stored(conn, a3)["status"] == "not done"

    # The coordinator decides on the Conflicts sheet: keep the spreadsheet's value.
    wb = load_workbook(path)
    wb["Conflicts"]["G2"] = "Keep spreadsheet"
    wb.save(path)
    report = sync(conn, config, home, TODAY)
    assert report.conflicts == [] and report.resolved == 1
    assert stored(conn, a3)["status"] == "in progress"
    assert book_rows(path)[a3]["Conflict"] is None
    assert not (home / "tracker-conflicts.txt").exists()
    assert conn.execute("SELECT resolution FROM tracker_conflicts WHERE action_ref = ?", (a3,)).fetchone()[0] == \
        "spreadsheet"


def test_keep_service_and_agreement_close_conflicts(home: Path, conn: db.Connection) -> None:
    a1, a2, *_ = seed(conn)
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    edit_book(path, {(a1, "Notes"): "Person's note", (a2, "Notes"): "Person's other note"})
    set_store(conn, a1, notes="Service note")
    set_store(conn, a2, notes="Service other note")
    assert len(sync(conn, config, home, TODAY).conflicts) == 2

    wb = load_workbook(path)
    ws = wb["Conflicts"]
    for row in range(2, 4):
        if ws.cell(row=row, column=1).value == a1:
            ws.cell(row=row, column=7).value = "Keep service"
    wb.save(path)
    edit_book(path, {(a2, "Notes"): "Service other note"})  # the person agrees with the service
    report = sync(conn, config, home, TODAY)
    assert report.conflicts == [] and report.resolved == 2
    rows = book_rows(path)
    assert rows[a1]["Notes"] == "Service note" and stored(conn, a1)["notes"] == "Service note"
    assert rows[a2]["Notes"] == "Service other note"
    resolutions = dict(conn.execute("SELECT action_ref, resolution FROM tracker_conflicts").fetchall())
    assert resolutions == {a1: "service", a2: "merged"}


def test_a_decision_on_a_conflict_that_moved_since_is_not_applied(home: Path, conn: db.Connection) -> None:
    a1, *_ = seed(conn)
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    edit_book(path, {(a1, "Notes"): "Person"})
    set_store(conn, a1, notes="Service")
    sync(conn, config, home, TODAY)
    wb = load_workbook(path)
    wb["Conflicts"]["G2"] = "Keep spreadsheet"
    wb.save(path)
    set_store(conn, a1, notes="Service, later")  # the service moved after the coordinator looked
    report = sync(conn, config, home, TODAY)
    [conflict] = report.conflicts
    assert (conflict.workbook_value, conflict.store_value) == ("Person", "Service, later")
    assert stored(conn, a1)["notes"] == "Service, later" and book_rows(path)[a1]["Notes"] == "Person"


def test_sorting_rows_and_moving_columns_do_not_confuse_the_merge(home: Path, conn: db.Connection) -> None:
    refs = seed(conn, cases=3, per_case=4)
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)

    # A person sorts the rows (descending id), swaps the Status and Notes columns, adds a column of their
    # own, and edits two rows.
    wb = load_workbook(path)
    ws = wb["Actions"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header, body = rows[0], sorted(rows[1:], key=lambda r: r[0], reverse=True)
    order = list(range(len(header)))
    s, n = header.index("Status"), header.index("Notes")
    order[s], order[n] = n, s
    ws.tables.clear()  # the table would not survive its columns being renamed under it
    for r, values in enumerate([header] + body, start=1):
        for c, source in enumerate(order, start=1):
            ws.cell(row=r, column=c).value = values[source]
        ws.cell(row=r, column=len(header) + 1).value = "RAG" if r == 1 else f"amber-{values[0][-6:]}"
    wb.save(path)
    edit_book(path, {(refs[0], "Status"): "Done", (refs[-1], "Notes"): "Sorted and edited"})
    before_first_case = {r: stored(conn, r)["status"] for r in refs}

    report = sync(conn, config, home, TODAY)

    assert report.from_workbook == 2 and report.conflicts == [] and report.kept_rows == 0
    assert stored(conn, refs[0])["status"] == "done" and stored(conn, refs[-1])["notes"] == "Sorted and edited"
    assert all(stored(conn, r)["status"] == before_first_case[r] for r in refs[1:])
    rows_after = book_rows(path)
    assert list(rows_after) == refs  # the service's order again
    assert [k for k in rows_after[refs[0]]] == [*ACTION_HEADERS, "RAG"]  # the person's column kept...
    assert rows_after[refs[5]]["RAG"] == f"amber-{refs[5][-6:]}"  # ...with each row's value


def test_rows_people_add_are_kept_and_removed_actions_go(home: Path, conn: db.Connection) -> None:
    a1, a2, a3, *_ = seed(conn)
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    wb = load_workbook(path)
    ws = wb["Actions"]
    ws.append([None, None, "EXM-2026-0002", "Extra action typed by a person", "Exampleshire Housing", None, None,
               "Open", None, "Please add"])
    ws.append(["EXM-2026-9999-A1", None, None, "Someone's own id", None, None, None, "Open"])
    wb.save(path)
    edit_book(path, {(a2, "Notes"): "Edited before the action was removed"})
    conn.execute("DELETE FROM actions WHERE action_ref IN (?, ?)", (a1, a2))  # e.g. minutes imported again

    report = sync(conn, config, home, TODAY)

    rows = list(load_workbook(path)["Actions"].iter_rows(values_only=True))
    ids = [r[0] for r in rows[1:]]
    assert a1 not in ids  # the service wrote it and nobody touched it: gone with the action
    kept = {r[3]: r for r in rows[1:] if r[10]}
    assert kept["Extra action typed by a person"][9] == "Please add"
    assert kept["Extra action typed by a person"][10] == KEPT_NO_ID
    assert kept["Someone's own id"][10] == KEPT_UNKNOWN
    assert kept["Invented action 2"][0] == a2 and kept["Invented action 2"][9] == \
        "Edited before the action was removed"
    assert report.kept_rows == 3 and ids[0] == a3  # kept rows come after the service's rows
    assert sync(conn, config, home, TODAY).kept_rows == 3  # and stay


def test_a_deleted_row_comes_back_unchanged(home: Path, conn: db.Connection) -> None:
    _, a2, *_ = seed(conn)
    set_store(conn, a2, notes="Kept by the service")
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    wb = load_workbook(path)
    ws = wb["Actions"]
    ws.delete_rows(3)  # a2's row
    wb.save(path)
    report = sync(conn, config, home, TODAY)
    assert report.from_workbook == 0 and stored(conn, a2)["notes"] == "Kept by the service"
    assert book_rows(path)[a2]["Notes"] == "Kept by the service"


# ---------------------------------------------------------------------------------------------------------
# No value becomes a formula

def test_formula_looking_values_stay_text_both_ways(home: Path, conn: db.Connection) -> None:
    case_id = add_case(conn, 1)
    refs = [add_action(conn, case_id, f"EXM-2026-0001-A{i}", description=v, owner=v, notes=v)
            for i, v in enumerate(FORMULA_LOOKING, start=1)]
    plain = add_action(conn, case_id, "EXM-2026-0001-A99")
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)

    assert "<f>" not in sheet_xml(path) and "<f " not in sheet_xml(path)  # not one formula in the sheet
    ws = load_workbook(path)["Actions"]
    for row in range(2, 2 + len(FORMULA_LOOKING)):
        for column in ("D", "F", "J"):
            cell = ws[f"{column}{row}"]
            assert cell.data_type == "s" and cell.value == FORMULA_LOOKING[row - 2]
            if cell.value[0] in "=+-@\t\r":
                assert cell.quotePrefix  # Excel keeps it text even when a person re-enters the cell
    edits = read_edits(path.read_bytes())
    assert [edits[r].notes for r in refs] == FORMULA_LOOKING

    # A person types a real formula and a phone number into Notes: both arrive as the text typed.
    edit_book(path, {(plain, "Notes"): "=SUM(1,2)", (refs[0], "Notes"): "+44 7700 900123"})
    assert "<f>SUM(1,2)</f>" in sheet_xml(path)  # openpyxl made it a formula
    report = sync(conn, config, home, TODAY)
    assert report.from_workbook == 2
    assert stored(conn, plain)["notes"] == "=SUM(1,2)" and stored(conn, refs[0])["notes"] == "+44 7700 900123"
    assert "<f>" not in sheet_xml(path)
    assert read_edits(path.read_bytes())[plain].notes == "=SUM(1,2)"
    assert [stored(conn, r)["notes"] for r in refs[1:]] == FORMULA_LOOKING[1:]
    assert sync(conn, config, home, TODAY).from_workbook == 0  # and it reads back the same: no phantom edits


def test_odd_text_round_trips(home: Path, conn: db.Connection) -> None:
    odd = ["a & b < c > d", "literal _x0041_ in text", "line one\nline two", "  spaces kept  ", "Ünïcödé ✓ 🙂",
           "word\x0bsoft break", "0012", "TRUE", "1e5"]
    case_id = add_case(conn, 1)
    refs = [add_action(conn, case_id, f"EXM-2026-0001-A{i}", notes=v) for i, v in enumerate(odd, start=1)]
    sync(conn, config_for(home), home, TODAY)
    edits = read_edits((home / "tracker.xlsx").read_bytes())
    expected = [v.replace("\x0b", "\n") for v in odd]  # Word's soft break: XML cannot carry it
    assert [edits[r].notes for r in refs] == expected
    assert sync(conn, config_for(home), home, TODAY).from_workbook == 0  # read back as written: no phantom edits
    assert [stored(conn, r)["notes"] for r in refs] == odd


def test_a_status_list_with_a_comma_uses_a_hidden_list_sheet() -> None:
    data = build_workbook([ActionRow("A-1", None, "EXM-2026-0001", "x", "Police", None, None, "Open", None, None)],
                          [], [], ["Open", "Done, checked", "Cancelled"])
    wb = load_workbook(io.BytesIO(data))
    assert wb["Lists"].sheet_state == "hidden"
    assert [r[0] for r in wb["Lists"].iter_rows(values_only=True)] == ["Open", "Done, checked", "Cancelled"]
    assert wb["Actions"].data_validations.dataValidation[0].formula1 == "'Lists'!$A$1:$A$3"


# ---------------------------------------------------------------------------------------------------------
# LibreOffice's saves

@needs_soffice
@sqlite_only
def test_a_workbook_saved_by_libreoffice_is_read_right(home: Path, conn: db.Connection, tmp_path: Path) -> None:
    a1, a2, a3, a4, *_ = seed(conn)
    set_store(conn, a4, notes='=HYPERLINK("http://x")')
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    edit_book(path, {(a1, "Status"): "Done", (a2, "Notes"): "+44 7700 900123 rang back",
                     (a2, "Date status reported"): dt.datetime(2026, 2, 28)})
    saved = soffice_convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    shutil.copyfile(saved, path)  # the person saved it from LibreOffice
    set_store(conn, a3, status="in progress")  # and the service changed something meanwhile

    report = sync(conn, config, home, TODAY)

    assert report.from_workbook == 3 and report.to_workbook == 1 and report.conflicts == []  # no phantom edits
    assert stored(conn, a1)["status"] == "done"
    assert (stored(conn, a2)["notes"], stored(conn, a2)["status_reported"]) == ("+44 7700 900123 rang back",
                                                                               "2026-02-28")
    assert stored(conn, a4)["notes"] == '=HYPERLINK("http://x")'
    rows = book_rows(path)
    assert rows[a3]["Status"] == "In progress" and rows[a4]["Notes"] == '=HYPERLINK("http://x")'
    assert "<f>" not in sheet_xml(path)


@needs_soffice
@sqlite_only
def test_an_edit_made_in_libreoffice_is_taken(home: Path, conn: db.Connection, tmp_path: Path) -> None:
    a1, *_ = seed(conn)
    set_store(conn, a1, notes="Marker note 7f3")
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    # Edit the cell in LibreOffice's own format: xlsx -> ods, change the text in content.xml, ods -> xlsx.
    ods = soffice_convert(path, "ods", tmp_path / "to-ods")
    edited = tmp_path / "edited" / "tracker.ods"
    edited.parent.mkdir()
    with zipfile.ZipFile(ods) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                assert data.count(b"Marker note 7f3") == 1
                data = data.replace(b"Marker note 7f3", b"Edited in LibreOffice: -5 &amp; =done")
            target.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype"
                            else zipfile.ZIP_DEFLATED)
    saved = soffice_convert(edited, "xlsx:Calc MS Excel 2007 XML", tmp_path / "to-xlsx")
    shutil.copyfile(saved, path)

    report = sync(conn, config, home, TODAY)

    assert report.from_workbook == 1 and report.conflicts == []
    assert stored(conn, a1)["notes"] == "Edited in LibreOffice: -5 & =done"
    assert book_rows(path)[a1]["Notes"] == "Edited in LibreOffice: -5 & =done"


# ---------------------------------------------------------------------------------------------------------
# Open in Excel or LibreOffice: wait, never clobber

@pytest.mark.parametrize("owner", ["~$tracker.xlsx", ".~lock.tracker.xlsx#"])
@sqlite_only
def test_an_open_workbook_delays_the_write_until_it_is_closed(home: Path, conn: db.Connection,
                                                               owner: str) -> None:
    a1, *_ = seed(conn)
    config = config_for(home, lock_wait_seconds=60)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    original = hashlib.sha256(path.read_bytes()).hexdigest()
    set_store(conn, a1, notes="Changed while the workbook was open")
    lock = home / owner
    lock.write_text("invented-user,host,2026-03-02")
    seen_at_close: list[str] = []

    def close_it() -> None:
        time.sleep(1.0)
        seen_at_close.append(hashlib.sha256(path.read_bytes()).hexdigest())  # still untouched?
        lock.unlink()

    closer = threading.Thread(target=close_it)
    closer.start()
    report = sync(conn, config, home, TODAY, poll_seconds=0.1)
    closer.join()

    assert seen_at_close == [original]  # nothing was written while it was open...
    assert report.written and report.waited_seconds > 0  # ...and it was written once it closed
    assert book_rows(path)[a1]["Notes"] == "Changed while the workbook was open"


def test_still_open_after_the_wait_writes_nothing_and_loses_nothing(home: Path, conn: db.Connection) -> None:
    a1, a2, *_ = seed(conn)
    config = config_for(home, lock_wait_seconds=0.3)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    edit_book(path, {(a1, "Status"): "Done"})
    set_store(conn, a2, notes="Service change")
    before = path.read_bytes()
    (home / "~$tracker.xlsx").write_text("invented")

    report = sync(conn, config, home, TODAY, poll_seconds=0.05)

    assert report.state == "locked" and report.locked_by == "~$tracker.xlsx" and not report.written
    assert "~$tracker.xlsx" in report.summary() and "wrote nothing" in report.summary()
    assert path.read_bytes() == before and tracker_sync.backups_of(path) == []
    assert stored(conn, a1)["status"] == "open"  # not taken yet...
    (home / "~$tracker.xlsx").unlink()
    report = sync(conn, config, home, TODAY)
    assert report.written and stored(conn, a1)["status"] == "done"  # ...nor lost
    assert book_rows(path)[a2]["Notes"] == "Service change"


def test_a_store_change_during_the_write_is_not_overwritten(home: Path, conn: db.Connection,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             store_opener: Callable[[], db.Connection]) -> None:
    a1, *_ = seed(conn)
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    edit_book(path, {(a1, "Notes"): "Person's note"})
    real_build = syncing.build_workbook

    def build_while_the_store_changes(*args: Any, **kwargs: Any) -> bytes:
        other = store_opener()  # e.g. minutes imported by another process meanwhile
        other.execute("UPDATE actions SET notes = 'Service note' WHERE action_ref = ?", (a1,))
        other.close()
        return real_build(*args, **kwargs)

    monkeypatch.setattr(syncing, "build_workbook", build_while_the_store_changes)
    sync(conn, config, home, TODAY)
    assert stored(conn, a1)["notes"] == "Service note"  # the conditional update did not overwrite it
    monkeypatch.setattr(syncing, "build_workbook", real_build)
    [conflict] = sync(conn, config, home, TODAY).conflicts  # and the next sync sees both changes
    assert (conflict.workbook_value, conflict.store_value) == ("Person's note", "Service note")


# ---------------------------------------------------------------------------------------------------------
# Backups, and files that are not workbooks

def test_backups_are_kept_and_pruned(home: Path, conn: db.Connection) -> None:
    a1, *_ = seed(conn)
    config = config_for(home, backups=2)
    path = home / "tracker.xlsx"
    moments = iter(dt.datetime(2026, 3, 2, 9, 0, s) for s in range(60))

    def clock() -> dt.datetime:
        return next(moments)

    for n in range(5):
        set_store(conn, a1, notes=f"Version {n}")
        assert sync(conn, config, home, TODAY, clock=clock).written

    backups = tracker_sync.backups_of(path)
    assert [b.name for b in backups] == ["tracker.backup-20260302090003.xlsx", "tracker.backup-20260302090004.xlsx"]
    # Each backup is the workbook as it was before that write.
    assert [read_edits(b.read_bytes())[a1].notes for b in backups] == ["Version 2", "Version 3"]
    assert read_edits(path.read_bytes())[a1].notes == "Version 4"
    assert not list(home.glob(".tracker-*.tmp"))  # no temporary file left behind

    # Two writes in the same second keep both.
    same = dt.datetime(2026, 3, 2, 10, 0, 0)
    for n in range(2):
        set_store(conn, a1, notes=f"Same second {n}")
        sync(conn, config, home, TODAY, clock=lambda: same)
    assert [b.name for b in tracker_sync.backups_of(path)] == ["tracker.backup-20260302100000.xlsx",
                                                               "tracker.backup-20260302100000-1.xlsx"]


def test_no_backups_when_none_are_wanted(home: Path, conn: db.Connection) -> None:
    a1, *_ = seed(conn)
    config = config_for(home, backups=0)
    for n in range(3):
        set_store(conn, a1, notes=f"Version {n}")
        sync(conn, config, home, TODAY)
    assert tracker_sync.backups_of(home / "tracker.xlsx") == []


def test_an_unreadable_workbook_is_moved_aside_not_overwritten(home: Path, conn: db.Connection) -> None:
    seed(conn)
    home.mkdir(parents=True, exist_ok=True)
    path = home / "tracker.xlsx"
    path.write_bytes(b"not a workbook at all")
    report = sync(conn, config_for(home), home, TODAY)
    [aside] = list(home.glob("tracker.unreadable-*.xlsx"))
    assert aside.read_bytes() == b"not a workbook at all"
    assert report.written and aside.name in report.problems[0]
    assert read_workbook(path.read_bytes()).edits  # a good one in its place


def test_a_workbook_without_the_actions_sheet_is_moved_aside(home: Path, conn: db.Connection) -> None:
    seed(conn)
    config = config_for(home)
    path = home / "tracker.xlsx"
    sync(conn, config, home, TODAY)
    wb = load_workbook(path)
    wb["Actions"].title = "Renamed by someone"
    wb.save(path)
    report = sync(conn, config, home, TODAY)
    assert report.written and len(list(home.glob("tracker.unreadable-*.xlsx"))) == 1
    assert "no Actions sheet" in report.problems[0]


def test_the_path_may_be_a_shared_folder_outside_home(home: Path, conn: db.Connection, tmp_path: Path) -> None:
    seed(conn)
    shared = tmp_path / "shared drive" / "MARAC tracker.xlsx"
    shared.parent.mkdir()
    config = config_for(home, path=shared)
    report = sync(conn, config, home, TODAY)
    assert report.written and shared.exists() and report.path == shared
    assert re.search(r"MARAC tracker\.xlsx written", report.summary())


def test_a_missing_shared_folder_is_reported_not_created(home: Path, conn: db.Connection, tmp_path: Path) -> None:
    seed(conn)
    shared = tmp_path / "not mounted" / "tracker.xlsx"
    report = sync(conn, config_for(home, path=shared), home, TODAY)
    assert report.state == "failed" and "is the shared drive connected?" in report.summary()
    assert not shared.parent.exists()


def test_a_folder_that_cannot_be_written_fails_plainly(home: Path, conn: db.Connection,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    a1, *_ = seed(conn)
    config = config_for(home)
    sync(conn, config, home, TODAY)
    edit_book(home / "tracker.xlsx", {(a1, "Status"): "Done"})

    def refuse(*_: Any, **__: Any) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tracker_files, "write_temporary", refuse)
    report = sync(conn, config, home, TODAY)
    assert report.state == "failed" and "Permission denied" in report.summary()
    assert stored(conn, a1)["status"] == "open"  # nothing committed: the edit is taken next time
    monkeypatch.undo()
    assert sync(conn, config, home, TODAY).written and stored(conn, a1)["status"] == "done"
