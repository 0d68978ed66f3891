"""A question whose options each stand in a cell of their own after it (issue 11: "Has this referral been discussed
with the parent/carer? | YES | NO", as children's-services forms print consent questions): the answer is the option
the referrer marked, with an X or a tick after the word or by highlighting it. An option merely printed is no
answer: before this, the first cell's "YES" was read as the answer whatever was marked. All data is invented.
"""
from __future__ import annotations

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label
from tests.word_forms import parse_docx


def _consent_form(how: str, chosen: str) -> Document:
    doc = Document()
    doc.add_heading("Multi Agency Referral Form", level=1)
    t = grid(doc, 3)
    full_width_row(t, "CONSENT AND CONFIDENTIALITY")
    for question, answer in (("Has this referral been discussed with the parent/carer ?", chosen),
                             ("Has the parent given consent to the referral being made?", chosen)):
        cells = t.add_row().cells
        label(cells[0], question)
        for cell, option in zip(cells[1:], ("YES", "NO")):
            if how == "x":
                write(cell, f"{option} X" if option == answer else option)
            elif how == "highlight":
                run = cell.paragraphs[0].add_run(option)
                if option == answer:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            else:
                write(cell, option)  # as printed: nothing marked
    return doc


@pytest.mark.parametrize("how", ["x", "highlight"])
@pytest.mark.parametrize("chosen,expected", [("NO", False), ("YES", True)])
def test_the_marked_option_cell_is_the_answer(how: str, chosen: str, expected: bool) -> None:
    referral = parse_docx(_consent_form(how, chosen))["referral"]
    assert referral["victim_aware"] is expected
    assert referral["consent"] is expected


def test_options_left_as_printed_are_no_answer() -> None:
    referral = parse_docx(_consent_form("printed", ""))["referral"] or {}
    assert referral.get("victim_aware") is None and referral.get("consent") is None
