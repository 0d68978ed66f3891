"""The head of a children's services referral (issue 11; Knowsley's MASH form in the sixth blind set): the referrer's
"Relationship to child(ren) being referred" after "Name of person completing contact or referral" is the referrer's
role, not a child's relationship; a question answered by deleting one of the printed "YES" / "NO" cells leaves the
other as the answer. All people invented."""
from __future__ import annotations

from docx import Document

from tests.corpus.docx_parts import write
from tests.word_forms import grid, label_pairs, parse_docx


def test_the_referrers_relationship_to_the_children_is_their_role() -> None:
    doc = Document()
    t = grid(doc, 2)
    label_pairs(t, ("NAME OF CHILD(REN)", "Ava TESTCHILD"))
    label_pairs(t, ("Date of Birth", "01/02/2018"))
    label_pairs(t, ("Name of person completing contact or referral", "Pat EXAMPLE"))
    label_pairs(t, ("Relationship to child(ren) being referred", "Health Visitor"))
    referral = parse_docx(doc)["referral"]
    assert referral["referrer"]["name"] == "Pat EXAMPLE"
    assert referral["referrer"]["role"] == "Health Visitor"
    assert all(c["relationship_to_victim"] is None for c in referral["children"])


def test_a_yes_deleted_from_its_cell_leaves_no_as_the_answer() -> None:
    doc = Document()
    t = grid(doc, 3)
    for question, yes, no in (("Is the parent/carer aware of the referral?", "", "NO"),
                              ("Has the parent/carer given consent to the referral being made?", "YES", "")):
        cells = t.add_row().cells
        write(cells[0], question, bold=True)
        write(cells[1], yes)
        write(cells[2], no)
    referral = parse_docx(doc)["referral"]
    assert referral["victim_aware"] is False
    assert referral["consent"] is True
