"""A children's form that lists the household only by what each adult is to the child ("Mother", "Mother's
boyfriend"), through the real command line: the mother is presumed the victim and her boyfriend the alleged
perpetrator, the case waits on the desk with the reason at the top of review.xlsx and the values there to confirm,
the IDVA copy goes at once and names no one, and the coordinator's approval lists it. All people are invented."""
from __future__ import annotations

import email
import email.policy
import io
import json
import shutil

import openpyxl
from docx import Document

from intake.maildir import deliver
from tests.conftest import DOCX, referral_email, run_cli
from tests.corpus.docx_parts import full_width_row
from tests.integration.test_desk_walkthrough import desk, process_once
from tests.word_forms import grid, label_pairs, label_row, value_row

POLICE = "pc@exampleshire.police.uk"


def _childrens_form() -> bytes:
    doc = Document()
    doc.add_heading("Children's Services Referral Form", level=1)
    t = grid(doc, 2)
    full_width_row(t, "Referrer details")
    label_pairs(t, ("Name of referrer", "Alex EXAMPLE"))
    label_pairs(t, ("Agency", "Exampleshire Police"))
    label_pairs(t, ("Email", "alex.example@exampleshire.police.uk"))
    label_pairs(t, ("Date of referral", "30/11/2026"))
    t = grid(doc, 4)
    full_width_row(t, "Household members")
    label_row(t, "Name", "Date of birth", "Address", "Relationship to child")
    value_row(t, "Jo TESTWOMAN", "14/02/1990", "4 Test Lane, Exampletown, EX1 1AA", "Mother")
    value_row(t, "Sam TESTMAN", "02/06/1988", "9 Sample Road, Exampletown, EX2 2BB", "Mother's boyfriend")
    value_row(t, "Mia TESTWOMAN", "03/04/2019", "4 Test Lane, Exampletown, EX1 1AA", "Daughter")
    t = grid(doc, 2)
    full_width_row(t, "Reason for referral")
    label_pairs(t, ("What are you worried about?", "Strangled during an argument; threats to kill"))
    label_pairs(t, ("Is it safe to call the victim?", "Yes"))
    label_pairs(t, ("Is the victim aware of the referral?", "Yes"))
    label_pairs(t, ("Referred on professional judgement?", "Yes"))
    label_pairs(t, ("Professional judgement rationale", "Strangulation and threats to kill"))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_a_presumed_household_waits_on_the_desk_and_the_approval_lists_it(tmp_path):
    home = tmp_path / "var"
    deliver(home / "inbox", referral_email(POLICE, [("referral.docx", _childrens_form(), DOCX)]))
    process_once(home)

    (folder,) = desk(home)
    ws = openpyxl.load_workbook(folder / "review.xlsx")["Check and correct"]
    cells = [[ws.cell(r, c).value for c in range(1, 7)] for r in range(1, ws.max_row + 1)]
    assert any("does not say who is harmed" in str(row[0]) for row in cells[:15])  # the reason, at the top
    (victim,) = [row for row in cells if row[5] == "referral.victim.name"]
    assert victim[2] == "Jo TESTWOMAN"  # to confirm, not to type
    (case,) = json.loads(run_cli(home, "cases", "--json", "--identify").stdout)
    assert case["status"] == "exception"

    (copy,) = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
               for p in sorted((home / "outbox").glob("*.eml"))]
    assert "TESTWOMAN" not in copy["Subject"] and "TESTWOMAN" not in copy.get_body().get_content()

    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))
    process_once(home)
    (case,) = json.loads(run_cli(home, "cases", "--json", "--identify").stdout)
    assert case["status"] == "listed" and case["victims"][0]["victim_name"] == "Jo TESTWOMAN"
