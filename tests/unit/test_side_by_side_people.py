"""Two people side by side in one box, each cell "Label: answer" (issue 11; the blind "DAS referral and
assessment" layout): "Client name: …" | "Perpetrator's name: …" over "Ethnicity: …" | "Ethnicity: …". A bare
label in the perpetrator's column is his, as the name at the top of his column says, not the victim's again. All
people are invented.
"""
from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentType

from tests.corpus.docx_parts import full_width_row, write
from tests.word_forms import grid, parse_docx


def _form(rows: list[tuple[str, str]]) -> DocumentType:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "Section 1 (Referrer or Helpline)")
    for left, right in rows:
        cells = t.add_row().cells
        write(cells[0], left)
        write(cells[1], right)
    return doc


def test_a_bare_label_in_the_perpetrators_column_is_his() -> None:
    parsed = parse_docx(_form([("Client name: Jo TESTWOMAN", "Perpetrator's name: Sam TESTMAN"),
                               ("D.O.B: 14/02/1990", "Perpetrator's DOB: 02/06/1988"),
                               ("Ethnicity: White Polish", "Ethnicity: Black African")]))
    referral = parsed["referral"]
    assert referral["victim"]["ethnicity"] == "White Polish"
    assert referral["perpetrators"][0]["ethnicity"] == "Black African"
    assert referral["victim"]["dob"] == "1990-02-14"
    assert not [p for p in parsed["problems"] if "again" in p["message"]]


def test_a_label_only_the_victim_has_stays_hers_beside_his_name() -> None:
    """ "Safe contact number" under the two names says whose it is by itself: hers, never his."""
    parsed = parse_docx(_form([("Client name: Jo TESTWOMAN", "Perpetrator's name: Sam TESTMAN"),
                               ("Ethnicity: White British", "Ethnicity: White Irish"),
                               ("Safe contact number: 07700 900111", "")]))
    referral = parsed["referral"]
    assert referral["victim"]["phone"] == "07700 900111"
    assert referral["perpetrators"][0]["ethnicity"] == "White Irish"
    assert referral["perpetrators"][0].get("phone") in (None, "")
