"""Issue 16: the SafeLives data return and the steering group's report, from a store filled through the real
pipeline (the CLI on a real home) with invented referrals whose facts are known: repeats, agency types,
children, each equality fact, some not on the form. Two meetings with minutes read back, an action done
through the tracker; then `report quarter`, checked cell by cell, chart by chart, and opened in LibreOffice."""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from docx import Document

from generators.data_return.workbook import FIRST_ROW, HEADER_ROW, return_columns
from intake.maildir import deliver
from tests.conftest import LOCAL_CONFIG, PDF, invented_referral, referral_email, run_cli, write_config

LONDON = ZoneInfo("Europe/London")
TYPES = {"Exampleshire Police": "police", "Exampleshire Children's Social Care": "childrens_social_care",
         "Exampleshire Housing": "housing", "Exampleshire Health": "health"}


def _config(tmp_path: Path) -> Path:
    # The example configuration gives each agency its type; the test must not depend on that staying so.
    text = LOCAL_CONFIG.read_text()
    missing = {f'name = "{name}"\n': f'name = "{name}"\ntype = "{kind}"\n' for name, kind in TYPES.items()
               if f'name = "{name}"\ntype = "{kind}"\n' not in text}
    return write_config(tmp_path, {**missing, "# adult_female_population = ": "adult_female_population = "})


def _referral(rng: random.Random, agency: str, children: int, **facts: object) -> dict:
    values = invented_referral(rng, children=children)
    values["referral.referrer.agency"] = agency
    values["referral.victim.dob"] = "14/02/1990"
    values["referral.perpetrators.0.dob"] = "03/09/1985"
    for key, value in facts.items():
        path = "referral." + key.replace("__", ".")
        if value is None:
            values.pop(path, None)  # not on the form at all
        else:
            values[path] = value
    return values


# (day received, sender, values): meeting 2026-07-14 takes the first three, 2026-08-11 the next three.
def _referrals(rng: random.Random) -> list[tuple[str, str, dict]]:
    first = _referral(rng, "Exampleshire Police", 2, victim__bme=True)
    return [
        ("2026-06-29", "pc@exampleshire.police.uk", first),
        ("2026-06-30", "hv@nhs.net", _referral(rng, "Exampleshire Health", 1, victim__gender="Male",
                                               victim__bme=None, victim__disabled=True,
                                               perpetrators__0__dob="01/01/2009")),
        ("2026-07-01", "sw@childrens.exampleshire.gov.uk",
         _referral(rng, "Exampleshire Children's Social Care", 0, victim__dob="01/03/2010", victim__lgbt=True,
                   victim__gender=None)),
        # The first victim again, from the police: a repeat.
        ("2026-07-20", "pc@exampleshire.police.uk", {**first, "referral.referrer.name": "Another Referrer"}),
        # An agency name not in the configuration: counted as "Other", and said so.
        ("2026-07-21", "tenancy@housing.exampleshire.gov.uk",
         _referral(rng, "Exampleshire Housing & Support", 1, victim__disabled=None, victim__lgbt=None)),
        ("2026-07-22", "pc@exampleshire.police.uk",
         _referral(rng, "Exampleshire IDVA service", 1, perpetrators__0__dob=None)),
    ]


ATTENDED = {"2026-07-14": {"Exampleshire Police": ("Present", ""), "Exampleshire Health": ("Apologies", "Yes"),
                           "Exampleshire Housing": ("Absent", "")},
            "2026-08-11": {"Exampleshire Police": ("P", ""), "Exampleshire Health": ("Present", ""),
                           "Exampleshire Children's Social Care": ("Apols", "No")}}


def _fill_minutes(minutes: Path, rows: list[tuple[str, str, str, str]], attended: dict[str, tuple[str, str]]) -> Path:
    doc = Document(str(minutes))
    [register] = [t for t in doc.tables if t.rows[0].cells[0].text.strip() == "Agency"
                  and "Present" in t.rows[0].cells[2].text]
    for row in register.rows[1:]:
        status, information = attended.get(row.cells[0].text.strip(), ("", ""))
        row.cells[2].text, row.cells[3].text = status, information
    tables = [t for t in doc.tables if [c.text.strip() for c in t.rows[0].cells] == ["Action", "Agency", "Owner",
                                                                                     "Deadline"]]
    for table, row in zip(tables, rows):
        for cell, text in zip(table.rows[1].cells, row):
            cell.text = text
    filled = minutes.with_name("completed-minutes.docx")
    doc.save(str(filled))
    return filled


@pytest.fixture(scope="module")
def home(tmp_path_factory, blank_pdf) -> tuple[Path, Path]:
    from generators.forms.pdf_fill import fill_referral_pdf
    tmp = tmp_path_factory.mktemp("return")
    config, home = _config(tmp), tmp / "var"
    for day, sender, values in _referrals(random.Random(1616)):
        path = deliver(home / "inbox", referral_email(sender, [("referral.pdf", fill_referral_pdf(blank_pdf, values),
                                                                PDF)]))
        when = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), LONDON).timestamp()
        os.utime(path, (when, when))
    result = run_cli(home, "process-once", config=config)
    assert result.returncode == 0, result.stderr
    return home, config


def _minutes_and_tracker(home: Path, config: Path) -> None:
    """Both meetings' minutes read back with an action per case; two actions marked done in the tracker."""
    actions = {"2026-07-14": [("Safety plan", "Exampleshire Police", "DC Example", "28/07/2026"),
                              ("Health visitor contact", "Exampleshire Health", "HV Example", "01/08/2026")],
               "2026-08-11": [("Check school", "Exampleshire Children's Social Care", "SW Example", "31/12/2099"),
                              ("Flag the address", "Exampleshire Housing", "Housing officer", "25/08/2026")]}
    for day, rows in actions.items():
        built = run_cli(home, "minutes", "--meeting", day, config=config)
        assert built.returncode == 0, built.stderr
        filled = _fill_minutes(home / "documents" / day / f"MARAC-{day}-minutes.docx", rows, ATTENDED[day])
        result = run_cli(home, "minutes", "--import", str(filled), config=config)
        assert result.returncode == 0 and "2 action(s) added" in result.stdout, result.stdout + result.stderr
    assert run_cli(home, "tracker", "sync", config=config).returncode == 0
    wb = openpyxl.load_workbook(home / "tracker.xlsx")
    sheet = wb["Actions"]
    head = [c.value for c in sheet[1]]
    done = {"Exampleshire Police": dt.date(2026, 7, 25), "Exampleshire Housing": dt.date(2026, 9, 1)}
    for row in sheet.iter_rows(min_row=2):
        agency = row[head.index("Agency")].value
        if agency in done:
            row[head.index("Status")].value = "Done"
            row[head.index("Date status reported")].value = done[agency]
    wb.save(home / "tracker.xlsx")
    assert run_cli(home, "tracker", "sync", config=config).returncode == 0


@pytest.fixture(scope="module")
def reported(home) -> tuple[Path, Path, Path, Path]:
    home_dir, config = home
    _minutes_and_tracker(home_dir, config)
    result = run_cli(home_dir, "report", "quarter", "2026Q3", config=config)
    assert result.returncode == 0, result.stderr
    workbook = home_dir / "reports" / "MARAC-return-2026Q3.xlsx"
    pdf = home_dir / "reports" / "MARAC-return-2026Q3-steering-group.pdf"
    assert f"Wrote {workbook}" in result.stdout and f"Wrote {pdf}" in result.stdout
    return home_dir, config, workbook, pdf


def _row(sheet, label: str) -> list:
    return next([c.value for c in row] for row in sheet.iter_rows() if row[0].value == label)


def test_the_return_counts_each_meeting_and_the_totals_cell_by_cell(reported):
    _, _, workbook, _ = reported
    ws = openpyxl.load_workbook(workbook)["Return"]
    assert [c.value for c in ws[HEADER_ROW]] == return_columns()
    rows = [[c.value for c in ws[FIRST_ROW + n]] for n in range(3)]
    # date, cases, repeats | police, IDVA, health, CSC, ASC, housing, probation, education, substance, voluntary,
    # other | children | BAME, not known, LGBT+, nk, disabled, nk, male, nk, 16-17, nk, abuser <=17, nk
    assert rows[0] == [dt.datetime(2026, 7, 14), 3, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 3,
                       1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0]
    assert rows[1] == [dt.datetime(2026, 8, 11), 3, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4,
                       1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1]
    assert rows[2] == ["Total", 6, 1, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 7, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1]
    notes = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any("1 case(s) were referred by an agency that is not in the configuration" in n for n in notes)

    rates = openpyxl.load_workbook(workbook)["Rates"]
    # 6 cases in a quarter, scaled to a year, per 10,000 of 250,000 adult women: 0.96.
    per_10k = _row(rates, "Cases per 10,000 adult women")
    assert per_10k[1:4] == [pytest.approx(1.0), 40, 47]
    assert _row(rates, "Repeat cases (%)")[1:4] == [16.7, None, 31]
    assert _row(rates, "Referred by agencies other than the police (%)")[1:4] == [66.7, None, 36.1]
    assert _row(rates, "Cases this period")[1:4] == [6, None, 119985]
    assert _row(rates, "Children in the households")[1:4] == [7, None, 148270]


def test_the_service_figures_come_from_the_store(reported):
    home, _, workbook, _ = reported
    ws = openpyxl.load_workbook(workbook)["Service"]
    # Received 29 June to 1 July for 14 July, 20 to 22 July for 11 August: 15, 14, 13, 22, 21, 20 days.
    assert _row(ws, "Referral arrived to case heard")[1:5] == [6, 17.5, 22, "days"]
    assert _row(ws, "Cases heard within 6 weeks of the referral")[1] == 6
    assert _row(ws, "Share heard within 6 weeks (%)")[1] == 100
    conn = sqlite3.connect(home / "marac.db")
    waits = sorted((dt.datetime.fromisoformat(sent) - dt.datetime.fromisoformat(received)).total_seconds() / 60
                   for received, sent in conn.execute(
                       "SELECT r.received_at, o.sent_at FROM referrals r JOIN messages m ON m.id = r.message"
                       " JOIN outbox o ON o.dedupe_key = 'idva-copy:' || m.content_hash"))
    copy = _row(ws, "Referral arrived to IDVA copy sent")
    assert copy[1] == 6 and copy[2] == pytest.approx((waits[2] + waits[3]) / 2, abs=0.1)
    assert copy[3] == pytest.approx(waits[-1], abs=0.1) and copy[4] == "minutes"
    assert _row(ws, "Desk items opened in the period")[1] == 0
    assert _row(ws, "Agencies' attendance")[1] == ("from the attendance table of the minutes read back "
                                                   "(2 of 2 meetings)")
    rows = list(ws.iter_rows(values_only=True))
    register_at = rows.index(("Agency", "Meetings recorded", "Present", "Apologies", "of which sent information",
                              "Absent"))
    actions_at = next(n for n, r in enumerate(rows) if r[0] == "Agency" and r[1] == "Actions")
    attendance = {r[0]: r[1:6] for r in rows[register_at + 1:actions_at] if r[0] and r[1] is not None}
    assert attendance == {"Exampleshire Police": (2, 2, 0, 0, 0), "Exampleshire Health": (2, 1, 1, 1, 0),
                          "Exampleshire Housing": (1, 0, 0, 0, 1),
                          "Exampleshire Children's Social Care": (1, 0, 1, 0, 0)}
    actions = {r[0]: r[1:6] for r in rows[actions_at + 1:] if r[0] and str(r[0]).startswith("Exampleshire ")}
    assert actions == {"Exampleshire Police": (1, 1, 0, 0, 0), "Exampleshire Health": (1, 0, 0, 1, 0),
                       "Exampleshire Housing": (1, 0, 1, 0, 0),
                       "Exampleshire Children's Social Care": (1, 0, 0, 0, 1)}


CHART_NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
            "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def _charts(workbook: Path) -> dict[str, list[tuple[str, str]]]:
    """chart title -> [(values reference, categories reference)] per series, read from the file itself."""
    from lxml import etree
    found = {}
    with zipfile.ZipFile(workbook) as zf:
        for name in sorted(n for n in zf.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)):
            root = etree.fromstring(zf.read(name))
            title = "".join(root.xpath("//c:title//a:t/text()", namespaces=CHART_NS)[:1])
            found[title] = [(ser.xpath("string(c:val//c:f)", namespaces=CHART_NS),
                             ser.xpath("string(c:cat//c:f)", namespaces=CHART_NS))
                            for ser in root.xpath("//c:ser", namespaces=CHART_NS)]
        # All five drawn on the "Charts" sheet (the fourth).
        assert "drawings/drawing1.xml" in zf.read("xl/worksheets/_rels/sheet4.xml.rels").decode()
        assert zf.read("xl/drawings/drawing1.xml").decode().count("<c:chart ") == 5
    return found


def test_the_workbook_has_the_native_charts_with_their_series(reported):
    _, _, workbook, _ = reported
    charts = _charts(workbook)
    assert charts == {
        "Cases discussed per meeting": [("'Return'!$B$5:$B$6", "'Return'!$A$5:$A$6")],
        "Repeat cases per meeting": [("'Return'!$C$5:$C$6", "'Return'!$A$5:$A$6")],
        "Cases by referring agency type": [("'Return'!$D$7:$N$7", "'Return'!$D$4:$N$4")],
        "Equality: share of cases (%)": [("'Chart data'!$B$5:$B$10", "'Chart data'!$A$5:$A$10")],
        "Time from referral to hearing": [("'Chart data'!$B$13:$B$17", "'Chart data'!$A$13:$A$17")],
    }
    data = openpyxl.load_workbook(workbook)["Chart data"]
    assert [c.value for c in data["B"][4:10]] == [33.3, 16.7, 16.7, 16.7, 16.7, 16.7]
    assert [(a.value, b.value) for a, b in data["A13:B17"]] == [
        ("Up to 2 weeks", 2), ("2 to 4 weeks", 4), ("4 to 6 weeks", 0), ("6 to 8 weeks", 0), ("Over 8 weeks", 0)]


def test_no_one_is_named_and_every_page_is_marked(reported):
    home, _, workbook, pdf = reported
    conn = sqlite3.connect(home / "marac.db")
    people = [(name, dob) for name, dob in conn.execute("SELECT victim_name, victim_dob FROM referrals")]
    with zipfile.ZipFile(workbook) as zf:
        text = b"".join(zf.read(n) for n in zf.namelist()).decode("utf-8", "replace")
    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for name, dob in people:
        for part in name.split():
            assert part not in text and part.casefold() not in pdf_text.casefold()
        assert dob not in text and dob not in pdf_text
    wb = openpyxl.load_workbook(workbook)
    for ws in wb:
        assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE" and "&P" in ws.oddFooter.right.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make test installs it)")
def test_the_workbook_opens_in_libreoffice(reported, tmp_path):
    _, _, workbook, _ = reported
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook)],
                            capture_output=True, text=True, timeout=180)
    converted = tmp_path / "MARAC-return-2026Q3.pdf"
    assert converted.exists(), result.stderr
    text = subprocess.run(["pdftotext", str(converted), "-"], capture_output=True, text=True).stdout
    assert "OFFICIAL-SENSITIVE" in text and "Cases discussed" in text


def test_the_steering_group_pdf_has_each_heading_and_figure(reported):
    _, _, _, pdf = reported
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    from generators.data_return.pdf import HEADINGS
    for heading in HEADINGS:
        assert heading in text, heading
    for figure in ("Meetings held: 2", "Cases discussed: 6", "Repeat cases: fewer than 5",
                   "Children in the households: 7", "Cases per 10,000 adult women: 1.0; SafeLives recommends 40.0; "
                   "national 47.0", "Repeat cases (%): 16.7; national 31.0",
                   "Referred by agencies other than the police (%): 66.7; national 36.1",
                   "119,985 cases, 148,270 children", "Heard within 6 weeks of the referral: 100.0%",
                   "Exampleshire Police: fewer than 5 actions", "OFFICIAL-SENSITIVE", "page 4 of 4"):
        assert figure in text, figure
    # Six cases is not a small count, but each meeting's three are: never printed exactly.
    assert "fewer than 5" in text and not re.search(r"Cases discussed: [1-4]\b", text)


def test_the_daemon_sends_the_quarter_to_the_coordinator_once(reported):
    from marac.config import load
    from marac.reports.write import quarterly_return
    from marac.store import db
    home, config, _, _ = reported
    outbox = home / "outbox"
    result = run_cli(home, "process-once", config=config)
    assert result.returncode == 0 and "data-return.failed" not in result.stderr, result.stderr
    # The cases were opened today (the mail was back-dated), so the service was not running in Q3: no mail.
    assert not list(outbox.glob("data-return*.eml"))
    conn = db.connect(home / "marac.db")
    assert not quarterly_return(conn, load(config, home), home, dt.date(2026, 10, 5))
    with conn:
        conn.execute("UPDATE cases SET created_at = '2026-07-01T09:00:00.000+00:00'")  # as if it had been
    # The daemon's job, on a day after the quarter ended (the day is given, so the test holds in any year).
    assert quarterly_return(conn, load(config, home), home, dt.date(2026, 10, 5))
    assert not quarterly_return(conn, load(config, home), home, dt.date(2026, 10, 6))  # once a quarter
    conn.close()
    for _ in range(2):
        assert run_cli(home, "process-once", config=config).returncode == 0
    sent = list(outbox.glob("data-return*.eml"))
    assert len(sent) == 1
    import email
    from email import policy
    message = email.message_from_bytes(sent[0].read_bytes(), policy=policy.default)
    assert message["To"] == "marac.coordinator@exampleshire.gov.uk" and "Cc" not in message
    assert message["Subject"] == "MARAC data return 2026Q3"
    names = sorted(part.get_filename() for part in message.iter_attachments())
    assert names == ["MARAC-return-2026Q3-steering-group.pdf", "MARAC-return-2026Q3.xlsx"]
