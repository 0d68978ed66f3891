"""Inter-MARAC transfers through the real pipeline and command line: a case sent on to a neighbouring
MARAC by `transfer` and from the desk (the pack carries that case only; a MARAC whose ISP has expired or
whose address is not secure is refused and sent nothing; the disclosure is audited; the case is closed
here), and a case transferred in (marked, listed by `cases`, flagged on the agenda)."""
from __future__ import annotations

import email
import email.policy
import io
import json
import random
import shutil
import sqlite3
from pathlib import Path

import docx

from intake.maildir import deliver
from tests.conftest import PDF, invented_referral, referral_email, run_cli, write_config

NEIGHBOURS = """
[[marac_areas]]
name = "Torbay MARAC"
code = "TOR"
email = "marac@torbay.gov.uk"
postcode_districts = ["TQ1", "TQ2"]
isp_signed = 2025-01-01

[[marac_areas]]
name = "Plymouth MARAC"
code = "PLY"
email = "marac@plymouth.gov.uk"
postcode_districts = ["PL1"]
isp_signed = 2023-01-01
isp_expires = 2025-12-31

[[marac_areas]]
name = "Kernow MARAC"
code = "KER"
email = "marac@kernow-marac.org.uk"
isp_signed = 2025-01-01
"""
POLICE = "pc@exampleshire.police.uk"


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "var", write_config(tmp_path, append=NEIGHBOURS)


def _cli(home: Path, config: Path, *args: str, ok: bool = True):
    result = run_cli(home, *args, config=config)
    if ok:
        assert result.returncode == 0, result.stderr + result.stdout
    return result


def _person(seed: int, name: str, **changes) -> dict:
    values = invented_referral(random.Random(seed), children=0)
    values.update({"referral.victim.name": name, "referral.victim.postcode": "EX1 1AA", **changes})
    return values


def _cases(home: Path, config: Path) -> dict[str, dict]:
    return {c["case_number"]: c for c in json.loads(_cli(home, config, "cases", "--json").stdout)}


def _sent(home: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted((home / "outbox").glob("*.eml"))]


def _to(home: Path, address: str) -> list[email.message.EmailMessage]:
    return [m for m in _sent(home) if m["To"] == address]


def _files(message: email.message.EmailMessage) -> dict[str, bytes]:
    return {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}


def _desk(home: Path) -> list[Path]:
    return sorted(p for p in (home / "exceptions").iterdir() if p.is_dir()
                  and p.name not in {"approved", "rejected", "done"} and not p.name.startswith("."))


def _minutes(numbers: list[str], meeting: str) -> bytes:
    """Completed minutes as a minute-taker returns them: a section per case, actions in a table."""
    document = docx.Document()
    document.add_heading("Exampleshire MARAC minutes", 0)
    document.add_paragraph(f"Date: {meeting}")
    for number in numbers:
        document.add_heading(f"Case {number}", 2)
        document.add_paragraph(f"Information shared: invented detail only about {number}.")
        table = document.add_table(rows=2, cols=4)
        for cell, text in zip(table.rows[0].cells, ["Action", "Agency", "Owner", "Deadline"]):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, [f"Safety plan for {number}", "Exampleshire Police",
                                                     "PC Invented", "31/12/2099"]):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _two_cases_heard(home: Path, config: Path, pdf_referral) -> tuple[str, str, str, bytes]:
    """Two victims referred, listed and their minutes read back: (case A, case B, meeting, A's form)."""
    form_a = pdf_referral(_person(1, "Rowena TRELAWNEY"))
    deliver(home / "inbox", referral_email(POLICE, [("referral-a.pdf", form_a, PDF)]))
    deliver(home / "inbox", referral_email(POLICE, [("referral-b.pdf", pdf_referral(_person(2, "Idris PENHALLOW")),
                                                     PDF)]))
    _cli(home, config, "process-once")
    listed = _cases(home, config)
    # Which case is Rowena's: the two are read in parallel, so their case numbers come in either order.
    named = json.loads(_cli(home, config, "cases", "--json", "--identify").stdout)
    a = next(c["case_number"] for c in named if c["victims"][0]["victim_name"] == "Rowena TRELAWNEY")
    b = next(number for number in listed if number != a)
    meeting = listed[a]["meeting"]
    (home / "minutes").mkdir(exist_ok=True)  # dropped where the service reads minutes back, and keeps them
    (home / "minutes" / f"minutes-{meeting}.docx").write_bytes(_minutes([a, b], meeting))
    _cli(home, config, "process-once")
    assert (home / "minutes" / "imported" / f"minutes-{meeting}.docx").is_file()
    return a, b, meeting, form_a


def test_transfer_by_command_sends_that_case_only_to_a_signed_secure_marac(tmp_path, pdf_referral):
    home, config = _setup(tmp_path)
    a, b, meeting, form_a = _two_cases_heard(home, config, pdf_referral)
    before = len(_sent(home))

    dry = _cli(home, config, "transfer", "--case", a, "--to", "tor", "--dry-run")
    assert f"to be sent: the transfer pack for case {a} to Torbay MARAC marac@torbay.gov.uk" in dry.stdout
    assert "referral-a.pdf" in dry.stdout and "referral-b.pdf" not in dry.stdout
    assert len(_sent(home)) == before and _cases(home, config)[a]["status"] == "listed"

    expired = _cli(home, config, "transfer", "--case", a, "--to", "PLY", ok=False)
    assert expired.returncode == 1
    assert "Plymouth MARAC may not be sent case information because its Information Sharing Protocol expired " \
           "on 2025-12-31" in expired.stderr
    insecure = _cli(home, config, "transfer", "--case", a, "--to", "Kernow", ok=False)
    assert insecure.returncode == 1 and "marac@kernow-marac.org.uk is not on a secure domain" in insecure.stderr
    assert len(_sent(home)) == before and _cases(home, config)[a]["status"] == "listed"

    done = _cli(home, config, "transfer", "--case", a, "--to", "TOR")
    assert "1 message(s) sent" in done.stdout
    (pack,) = _to(home, "marac@torbay.gov.uk")
    assert a in pack["Subject"] and "TRELAWNEY" not in pack["Subject"].upper()
    files = _files(pack)
    assert files["referral-a.pdf"] == form_a and "referral-b.pdf" not in files
    summary = files[f"transfer-summary-{a}.txt"].decode()
    assert "Rowena TRELAWNEY" in summary and "PENHALLOW" not in summary and "DASH" in summary
    extracts = files[f"minutes-extracts-{a}.txt"].decode()
    assert f"invented detail only about {a}" in extracts and b not in extracts
    actions = files[f"open-actions-{a}.txt"].decode()
    assert f"Safety plan for {a}" in actions and b not in actions

    after = _cases(home, config)
    assert after[a]["status"] == "closed" and after[a]["transferred_to"] == "Torbay MARAC"
    assert after[a]["meeting"] is None  # not heard here: off the coming meeting and out of the data return
    assert after[b]["status"] == "listed" and after[b]["transferred_to"] is None
    assert "transferred to Torbay MARAC" in _cli(home, config, "cases").stdout
    trail = _cli(home, config, "audit", "--case", a).stdout
    assert f"disclosure transfer pack for case {a}  to marac@torbay.gov.uk" in trail
    assert "refused" in trail and "marac@plymouth.gov.uk" in trail  # the refusals are on record too
    assert "marac@plymouth.gov.uk" not in " ".join(m["To"] for m in _sent(home))

    again = _cli(home, config, "transfer", "--case", a, "--to", "TOR")
    assert "transferred to Torbay MARAC already; nothing sent again" in again.stdout
    assert len(_to(home, "marac@torbay.gov.uk")) == 1
    agenda = _cli(home, config, "agenda", "--meeting", meeting)
    text = _docx_text(next((home / "documents" / meeting).glob("*agenda*.docx")))
    assert agenda.returncode == 0 and b in text and a not in text


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_transfer_from_the_desk_refuses_an_expired_marac_then_sends_to_the_named_one(tmp_path, pdf_referral):
    home, config = _setup(tmp_path)
    form = pdf_referral(_person(3, "Morwenna CARVOSSA", **{"referral.victim.postcode": "TQ1 4AB"}))
    deliver(home / "inbox", referral_email(POLICE, [("referral.pdf", form, PDF)]))
    _cli(home, config, "process-once")
    (folder,) = _desk(home)
    readme = (folder / "README.txt").read_text()
    assert "postcode district TQ1 is covered by Torbay MARAC" in readme and "write TOR in transfer.txt" in readme

    (folder / "transfer.txt").write_text("Plymouth\n")
    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))
    _cli(home, config, "process-once")
    (back,) = _desk(home)
    assert "Plymouth MARAC may not be sent case information" in (back / "README.txt").read_text()
    assert _to(home, "marac@plymouth.gov.uk") == []

    (back / "transfer.txt").write_text("transfer to Torbay MARAC\n")
    shutil.move(str(back), str(home / "exceptions" / "approved" / back.name))
    _cli(home, config, "process-once")
    assert _desk(home) == [] and (home / "exceptions" / "done" / back.name).is_dir()
    (pack,) = _to(home, "marac@torbay.gov.uk")
    assert _files(pack)["referral.pdf"] == form
    (case,) = _cases(home, config).values()
    assert case["status"] == "closed" and case["transferred_to"] == "Torbay MARAC"
    trail = _cli(home, config, "audit", "--case", case["case_number"]).stdout
    assert "to marac@torbay.gov.uk" in trail and "transferred to Torbay MARAC (TOR)" in trail


def test_a_case_transferred_in_is_marked_and_flagged_on_the_agenda(tmp_path, pdf_referral):
    home, config = _setup(tmp_path)
    deliver(home / "inbox", referral_email("marac@torbay.gov.uk", [(
        "referral.pdf", pdf_referral(_person(4, "Jenifer ANGWIN")), PDF)], subject="Case transfer"))
    deliver(home / "inbox", referral_email(POLICE, [(
        "Inter-MARAC Referral Transfer Form.pdf", pdf_referral(_person(5, "Tamsin BOLITHO")), PDF)]))
    deliver(home / "inbox", referral_email(POLICE, [("referral.pdf", pdf_referral(_person(6, "Loveday HOCKING")),
                                                     PDF)]))
    _cli(home, config, "process-once")
    listed = _cases(home, config)
    origins = sorted(str(c["transferred_from"]) for c in listed.values())
    assert origins == ["None", "Torbay MARAC", "another MARAC (not named on the form)"]
    assert all(c["status"] == "listed" for c in listed.values())
    assert "transferred from Torbay MARAC" in _cli(home, config, "cases").stdout
    meeting = next(iter(listed.values()))["meeting"]
    _cli(home, config, "agenda", "--meeting", meeting)
    text = _docx_text(next((home / "documents" / meeting).glob("*agenda*.docx")))
    assert "Transferred from Torbay MARAC" in text
    with sqlite3.connect(home / "marac.db") as conn:  # what the agenda reads
        stored = dict(conn.execute("SELECT case_number, transferred_from FROM cases").fetchall())
    assert sorted(map(str, stored.values())) == origins
