"""Completed minutes back into the store: the real minutes template rendered, its per-case actions tables
filled in as a minute-taker would (python-docx), imported; good rows stored under stable ids, re-import
idempotent, every bad row reported in plain words and not stored, the incomplete-actions table ignored.
All names are invented."""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from generators.documents.model import Action, Agency, CaseEntry, Meeting, MeetingPack, Person
from generators.documents.render import render_minutes
from marac.config import Config, load
from marac.meetings.minutes_import import PROBLEMS_FILE, import_minutes, match_agency, read_deadline
from marac.store.db import Connection, Row, connect, utcnow
from parsers.minutes import read_minutes
from parsers.normalise import NotUnderstood

from tests.conftest import ROOT, write_config

D = dt.date
MEETING = D(2026, 12, 8)
EXTRA_AGENCIES = '''
[[agencies]]
name = "Exampleshire Probation"
email = "marac@probation.exampleshire.gov.uk"
'''


def make_config(tmp_path: Path, extra: str = "") -> Config:
    return load(write_config(tmp_path, append=EXTRA_AGENCIES + extra), home=tmp_path / "var")


def make_store(conn: Connection) -> Connection:
    conn.executemany("INSERT INTO meetings (date, status) VALUES (?, ?)",
                     [("2026-11-10", "held"), ("2026-12-08", "held"), ("2027-01-12", "planned")])
    for number, meeting, status in [("EXM-2025-0009", "2026-11-10", "heard"), ("EXM-2026-0001", "2026-12-08", "heard"),
                                    ("EXM-2026-0002", "2026-12-08", "heard"), ("EXM-2026-0003", "2026-12-08", "heard"),
                                    ("EXM-2026-0004", "2027-01-12", "listed")]:
        year, sequence = int(number[4:8]), int(number[9:])
        conn.execute("INSERT INTO cases (case_number, year, sequence, meeting, status, created_at)"
                     " VALUES (?,?,?,?,?,?)", (number, year, sequence, meeting, status, utcnow()))
    return conn


def case(number: str, victim: str, children: int = 0) -> CaseEntry:
    kids = tuple(Person(f"Kit Invented{k}", D(2018, 3, 1 + k)) for k in range(children))
    return CaseEntry(number, False, ("Exampleshire Police",), Person(victim, D(1990, 5, 17)),
                     (Person("Rex Madeup", D(1988, 2, 2)),), kids)


def skeleton(numbers: tuple[str, ...] = ("EXM-2026-0001", "EXM-2026-0002", "EXM-2026-0003")) -> DocumentObject:
    """The minutes skeleton the service circulates, with an incomplete action from the last meeting."""
    victims = {"EXM-2026-0001": "Zara Invented", "EXM-2026-0002": "Yasmin Fictional",
               "EXM-2026-0003": "Wendy Placeholder"}
    cases = tuple(case(n, victims.get(n, "Vera Madeup"), children=1 if n.endswith("1") else 0) for n in numbers)
    incomplete = (Action("EXM-2025-0009-A1", "EXM-2025-0009", "Review CCTV from the old address",
                         "Exampleshire Police", "DC Old Example", D(2026, 11, 20), "Open", D(2026, 11, 10)),)
    pack = MeetingPack(Meeting("Exampleshire", MEETING, "10:00", "Room 2, Civic Centre", "DI Sam Chair"), cases,
                       (Agency("Exampleshire Police", "marac@exampleshire.police.uk", "PC Rep"),), incomplete)
    data = render_minutes((ROOT / "templates" / "minutes.docx").read_bytes(), pack)
    return Document(io.BytesIO(data))


def actions_tables(doc: DocumentObject) -> dict[str, Table]:
    """Each case heading's actions table, found as a reader would: the next table after the heading."""
    found: dict[str, Table] = {}
    current = None
    tables = iter(doc.tables)
    table_of = {t._tbl: t for t in tables}
    for block in doc.element.body.iterchildren():
        if block.tag.endswith("}p"):
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            if text.startswith("Case "):
                current = text.removeprefix("Case ").strip()
        elif block.tag.endswith("}tbl") and current and current not in found:
            table = table_of[block]
            if [c.text for c in table.rows[0].cells] == ["Action", "Agency", "Owner", "Deadline"]:
                found[current] = table
    return found


def fill(table: Table, row: int, *values: str) -> None:
    while len(table.rows) <= row:
        table.add_row()  # Tab in the last cell, as a minute-taker adds a row
    for cell, value in zip(table.rows[row].cells, values):
        cell.text = value


def to_bytes(doc: DocumentObject) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def completed_minutes() -> bytes:
    doc = skeleton(("EXM-2026-0001", "EXM-2026-0002", "EXM-2026-0003", "EXM-2026-0004", "EXM-2026-0099"))
    tables = actions_tables(doc)
    one, two, three = tables["EXM-2026-0001"], tables["EXM-2026-0002"], tables["EXM-2026-0003"]
    fill(one, 1, "Share police call-out history with the IDVA", "Police", "PC Ash Example", "12/01/2027")
    # Row 2 left blank; row 3 filled.
    fill(one, 3, "Refer the children to the MASH", "Children's Social Care", "SW Bea Sample", "15th January 2027")
    fill(one, 4, "Flag the address on the housing system", "Exampleshire Housing", "", "20 Jan 2027")
    fill(one, 5, "Offer a home fire safety visit", "Exampleshire Fire and Rescue", "Cal Test", "22/01/2027")
    fill(two, 1, "GP to review medication", "Exampleshire Health", "Dr Dana Example", "")
    fill(two, 2, "Contact the victim before the hearing", "IDVA", "Eli Advocate", "1 December 2026")
    fill(two, 3, "Check the tenancy", "Housing", "Fay Officer", "next week")
    fill(two, 4, "Check bail conditions with the court", "Exampleshire Police", "DS Gus Example", "2027-01-19")
    fill(three, 1, "Share licence conditions", "Probation", "PO Hana Sample", "19/01/27")
    fill(tables["EXM-2026-0004"], 1, "Research records", "Police", "PC Ash Example", "20/01/2027")
    fill(tables["EXM-2026-0099"], 1, "Research records", "Police", "PC Ash Example", "20/01/2027")
    return to_bytes(doc)


def stored(conn: Connection) -> dict[str, Row]:
    return {r["action_ref"]: r for r in conn.execute(
        "SELECT a.*, c.case_number FROM actions a JOIN cases c ON c.id = a.case_id").fetchall()}


GOOD = {"EXM-2026-0001-A1", "EXM-2026-0001-A2", "EXM-2026-0002-A4", "EXM-2026-0003-A1"}


def test_good_rows_are_stored_with_stable_ids(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    report = import_minutes(conn, config, completed_minutes(), "MARAC-2026-12-08-minutes.docx")
    assert report.meeting == MEETING and set(report.stored) == GOOD
    rows = stored(conn)
    assert set(rows) == GOOD  # the "Outstanding action" row of EXM-2025-0009 is not a new action
    first = rows["EXM-2026-0001-A1"]
    assert (first["case_number"], first["meeting"], first["agency"], first["owner"], first["deadline"],
            first["status"]) == ("EXM-2026-0001", "2026-12-08", "Exampleshire Police", "PC Ash Example",
                                 "2027-01-12", "open")
    assert first["description"] == "Share police call-out history with the IDVA"
    # The blank row 2 is skipped: the next filled row is A2, with a fuzzy agency matched to its configured name.
    assert (rows["EXM-2026-0001-A2"]["agency"], rows["EXM-2026-0001-A2"]["deadline"]) == (
        "Exampleshire Children's Social Care", "2027-01-15")
    assert rows["EXM-2026-0003-A1"]["deadline"] == "2027-01-19"
    assert any("'19/01/27' was read as 19 January 2027" in n for n in report.notes)


def test_bad_rows_are_reported_plainly_and_not_stored(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    report = import_minutes(conn, config, completed_minutes(), "minutes.docx")
    reasons = {(r.case_number, r.row): "; ".join(r.reasons) for r in report.rejected}
    assert reasons.keys() == {("EXM-2026-0001", 3), ("EXM-2026-0001", 4), ("EXM-2026-0002", 1),
                              ("EXM-2026-0002", 2), ("EXM-2026-0002", 3), ("EXM-2026-0004", 1),
                              ("EXM-2026-0099", 1)}
    assert reasons[("EXM-2026-0001", 3)] == "no owner is named"
    assert "'Exampleshire Fire and Rescue' is not one of the agencies" in reasons[("EXM-2026-0001", 4)]
    assert reasons[("EXM-2026-0002", 1)] == "no deadline is given"
    assert reasons[("EXM-2026-0002", 2)] == ("the deadline 1 December 2026 is not after the meeting "
                                             "(8 December 2026)")
    assert "the deadline 'next week' cannot be read as a date" in reasons[("EXM-2026-0002", 3)]
    assert reasons[("EXM-2026-0004", 1)] == ("case EXM-2026-0004 is listed for the meeting on 12 January 2027, "
                                             "not this one (8 December 2026)")
    assert reasons[("EXM-2026-0099", 1)] == "case EXM-2026-0099 is not in the MARAC's records"
    assert not any(r.case_number == "EXM-2025-0009" for r in report.rejected)
    problems = tmp_path / "var" / "documents" / "2026-12-08" / PROBLEMS_FILE
    assert report.problems_file == problems
    text = problems.read_text()
    assert "Case EXM-2026-0001, action row 3 (Flag the address on the housing system): no owner is named" in text
    assert text.count("\n- Case ") == 7
    assert "Zara Invented" not in text  # the victim's name is not on an action row, so not in the list
    decision = conn.execute("SELECT * FROM audit WHERE event = 'decision'").fetchone()
    assert json.loads(decision["detail"]) == {"import": "minutes", "rows": 11, "added": 4, "updated": 0,
                                              "unchanged": 0, "rejected": 7, "problems": 0}
    assert decision["case_number"] is None


def test_reimport_updates_and_never_duplicates(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    data = completed_minutes()
    import_minutes(conn, config, data, "minutes.docx")
    conn.execute("UPDATE actions SET status = 'In progress', notes = 'Records requested'"
                 " WHERE action_ref = 'EXM-2026-0001-A1'")
    again = import_minutes(conn, config, data, "minutes.docx")
    assert (again.stored, again.updated, set(again.unchanged)) == ([], [], GOOD)
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 4
    # The coordinator corrects the minutes: an owner added, a deadline moved.
    doc = Document(io.BytesIO(data))
    tables = actions_tables(doc)
    fill(tables["EXM-2026-0001"], 1, "Share police call-out history with the IDVA", "Police", "PC Ash Example",
         "26 January 2027")
    fill(tables["EXM-2026-0001"], 4, "Flag the address on the housing system", "Exampleshire Housing",
         "Ivo Officer", "20 Jan 2027")
    fixed = import_minutes(conn, config, to_bytes(doc), "minutes-v2.docx")
    assert fixed.stored == ["EXM-2026-0001-A3"] and fixed.updated == ["EXM-2026-0001-A1"]
    rows = stored(conn)
    assert len(rows) == 5
    first = rows["EXM-2026-0001-A1"]
    # What people wrote in the tracker survives; what the minutes own is updated.
    assert (first["deadline"], first["status"], first["notes"]) == ("2027-01-26", "In progress", "Records requested")
    assert len(conn.execute("SELECT * FROM audit WHERE event = 'decision'").fetchall()) == 3


def test_problems_file_is_removed_once_the_minutes_are_clean(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    doc = skeleton(("EXM-2026-0001",))
    table = actions_tables(doc)["EXM-2026-0001"]
    fill(table, 1, "Share police call-out history with the IDVA", "Police", "TBC", "12/01/2027")
    report = import_minutes(conn, config, to_bytes(doc), "minutes.docx")
    assert [r.reasons for r in report.rejected] == [("no owner is named (only 'TBC')",)]
    assert report.problems_file is not None and report.problems_file.exists()
    fill(table, 1, "Share police call-out history with the IDVA", "Police", "PC Ash Example", "12/01/2027")
    clean = import_minutes(conn, config, to_bytes(doc), "minutes.docx")
    assert clean.ok and clean.stored == ["EXM-2026-0001-A1"] and clean.problems_file is None
    assert not report.problems_file.exists()
    assert "case EXM-2026-0002 is listed for this meeting but the minutes give it no actions" in clean.notes


@pytest.mark.parametrize("data", [b"", b"not a word file at all", b"PK\x03\x04broken zip",
                                  b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600])
def test_a_corrupt_file_is_a_problem_not_an_exception(tmp_path: Path, data: bytes) -> None:
    conn, config = make_store(connect(tmp_path / "var" / "marac.db")), make_config(tmp_path)
    report = import_minutes(conn, config, data, "minutes.docx")
    assert report.problems and not report.stored and report.meeting is None
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 0
    assert (tmp_path / "var" / "documents" / "undated" / PROBLEMS_FILE).exists()


def test_minutes_of_a_meeting_not_in_the_store_store_nothing(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    conn.execute("DELETE FROM cases WHERE meeting = '2026-12-08'")
    conn.execute("DELETE FROM meetings WHERE date = '2026-12-08'")
    report = import_minutes(conn, config, completed_minutes(), "minutes.docx")
    assert report.problems[0].startswith("there is no meeting on 8 December 2026")
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 0


def test_reader_handles_merged_cells_extra_rows_and_the_meeting_date() -> None:
    doc = skeleton(("EXM-2026-0001",))
    table = actions_tables(doc)["EXM-2026-0001"]
    fill(table, 1, "Share call-out history", "", "PC Ash Example", "Fri 15 January 2027")
    fill(table, 2, "Check bail conditions", "", "DS Gus Example", "15.01.2027")
    merged = table.cell(1, 1).merge(table.cell(2, 1))  # one agency for two actions
    merged.text = "Exampleshire Police"
    fill(table, 6, "Added at the end", "Exampleshire Police", "PC Ash Example", "22/1/2027")
    fill(table, 7, "Deleted with Track Changes on", "Exampleshire Police", "PC Ash Example", "22/1/2027")
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), "1")
    deletion.set(qn("w:author"), "Minute Taker")
    table.rows[7]._tr.get_or_add_trPr().append(deletion)
    read = read_minutes(to_bytes(doc))
    assert read.meeting_date == MEETING and read.cases == ["EXM-2026-0001"] and not read.problems
    assert [(r.row, r.agency, r.deadline) for r in read.rows] == [
        (1, "Exampleshire Police", "Fri 15 January 2027"), (2, "Exampleshire Police", "15.01.2027"),
        (3, "Exampleshire Police", "22/1/2027")]


@pytest.mark.parametrize("typed, expected", [
    ("12/01/2027", D(2027, 1, 12)), ("12 Jan 2027", D(2027, 1, 12)), ("Tuesday 12th January 2027", D(2027, 1, 12)),
    ("12.1.2027", D(2027, 1, 12)), ("2027-01-12", D(2027, 1, 12)), ("12/01/27", D(2027, 1, 12)),
    ("12 January", D(2027, 1, 12)), ("20 December", D(2026, 12, 20))])
def test_deadlines_in_any_uk_form(typed: str, expected: dt.date) -> None:
    assert read_deadline(typed, MEETING)[0] == expected


@pytest.mark.parametrize("typed", ["next week", "ASAP", "01/13/2027", "January 2027", "before next MARAC"])
def test_deadlines_that_cannot_be_read(typed: str) -> None:
    with pytest.raises(NotUnderstood):
        read_deadline(typed, MEETING)


def test_agency_names_as_minute_takers_type_them() -> None:
    names = ["Exampleshire Police", "Exampleshire Children's Social Care", "Exampleshire Housing",
             "Exampleshire Health", "Exampleshire Mental Health Trust", "Exampleshire IDVA service"]
    assert match_agency("police", names)[0] == "Exampleshire Police"
    assert match_agency("Polce", names)[0] == "Exampleshire Police"
    assert match_agency("Childrens Services", names)[0] == "Exampleshire Children's Social Care"
    assert match_agency("IDVA", names)[0] == "Exampleshire IDVA service"
    assert match_agency("Adult Social Care", names)[0] is None
    name, why = match_agency("Health", names)
    assert name is None and "could be any of" in (why or "")
    assert match_agency("Exampleshire", names)[0] is None


needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")


@needs_office
def test_minutes_resaved_by_libreoffice_read_the_same(tmp_path: Path) -> None:
    data = completed_minutes()
    source = tmp_path / "in" / "minutes.docx"
    source.parent.mkdir()
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(["soffice", "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                    f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=120, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    resaved = (out / "minutes.docx").read_bytes()
    assert resaved != data
    before, after = read_minutes(data), read_minutes(resaved)
    assert after.meeting_date == MEETING and after.problems == before.problems
    assert after.rows == before.rows


def date_cell(doc: DocumentObject):  # type: ignore[no-untyped-def]
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "Date").rows[0].cells[1]


def test_the_meeting_date_from_the_title_when_the_date_row_is_empty(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    doc = skeleton(("EXM-2026-0001",))
    fill(actions_tables(doc)["EXM-2026-0001"], 1, "Share records", "Police", "PC Ash Example", "12/01/2027")
    date_cell(doc).text = ""
    undated = import_minutes(conn, config, to_bytes(doc), "minutes.docx")
    assert undated.problems[0] == "the minutes do not give the meeting date: fill in the Date row at the top"
    assert not undated.stored and (tmp_path / "var" / "documents" / "undated" / PROBLEMS_FILE).exists()
    doc.paragraphs[0].text = "Exampleshire MARAC minutes: 8th December 2026"
    assert import_minutes(conn, config, to_bytes(doc), "minutes.docx").stored == ["EXM-2026-0001-A1"]
    date_cell(doc).text = "15/12/2026"  # the Date row and the title disagree: the Date row wins
    assert read_minutes(to_bytes(doc)).meeting_date == D(2026, 12, 15)


def test_an_actions_table_outside_any_case_is_reported(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    doc = skeleton(("EXM-2026-0001",))
    fill(actions_tables(doc)["EXM-2026-0001"], 1, "Share records", "Police", "PC Ash Example", "12/01/2027")
    stray = doc.add_table(rows=2, cols=4)  # typed under "6 Any other business"
    for cell, text in zip(stray.rows[0].cells, ("Action", "Agency", "Owner", "Deadline")):
        cell.text = text
    fill(stray, 1, "Review the MARAC's operating protocol", "Police", "DI Sam Chair", "12/01/2027")
    report = import_minutes(conn, config, to_bytes(doc), "minutes.docx")
    assert report.stored == ["EXM-2026-0001-A1"]
    assert [(r.case_number, r.reasons) for r in report.rejected] == [
        (None, ("the row is not under a case heading ('Case EXM-2026-0001'), so it belongs to no case",))]


def test_the_attendance_register_is_read_as_minute_takers_fill_it():
    from parsers.minutes_attendance import attendance_table
    rows = [["Agency", "Representative", "Present / apologies", "Information sent?"],
            ["Exampleshire Police", "DS Invented", "P", ""],
            ["Exampleshire Health", "", "Apologies", "Yes - received 7/12"],
            ["Exampleshire Housing", "", "DNA", ""],
            ["Exampleshire Probation", "", "", ""],
            ["Agency", "Representative", "Present / apologies", "Information sent?"]]  # header pasted again
    read = attendance_table(rows)
    assert read is not None
    assert [(r.agency, r.status, r.information_sent) for r in read] == [
        ("Exampleshire Police", "present", None), ("Exampleshire Health", "apologies", True),
        ("Exampleshire Housing", "absent", None), ("Exampleshire Probation", "unknown", None)]
    assert attendance_table([["Action", "Agency", "Owner", "Deadline"], ["Safety plan", "Police", "DC", "1/1"]]) is None
