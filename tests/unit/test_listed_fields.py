"""A label listing several of one person's fields, answered by one line listing the answers in the same order
(issue 11: "Ethnicity, disability (if any), gender and sexual orientation" over "White Polish, no disability, female,
heterosexual.", as a referral typed as prose under the form's own headings asks for them). Each answer goes to the
field it stands beside, of the person whose heading it is under; where the counts differ nothing is guessed.
All people are invented.
"""
from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentType

from tests.word_forms import parse_docx


def _asked(doc: DocumentType, question: str, answer: str) -> None:
    doc.add_paragraph().add_run(question).bold = True
    doc.add_paragraph(answer)


def _prose(heading: str | None, question: str, answer: str) -> DocumentType:
    doc = Document()
    doc.add_heading("DASH / MARAC referral", level=1)
    doc.add_paragraph("Victim: Jo TESTWOMAN, DOB 14/02/1990, 4 Test Lane, Exampletown, EX1 1AA")
    doc.add_paragraph("Alleged perpetrator (partner): Sam TESTMAN, DOB 01/05/1988, 9 Other Road, Exampletown, EX2 2BB")
    if heading:
        doc.add_heading(heading, level=2)
    _asked(doc, question, answer)
    return doc


def test_listed_fields_are_the_victims_on_a_prose_referral() -> None:
    victim = parse_docx(_prose(None, "Ethnicity, disability (if any), gender and sexual orientation",
                               "White Polish, no disability, female, heterosexual."))["referral"]["victim"]
    assert (victim["ethnicity"], victim["disabled"], victim["gender"]) == ("White Polish", False, "Female")


def test_listed_fields_under_the_perpetrators_heading_are_his() -> None:
    referral = parse_docx(_prose("Perpetrator details", "Ethnicity, disability and gender",
                                 "White British, no disability, male."))["referral"]
    assert referral["perpetrators"][0]["ethnicity"] == "White British"
    assert referral["perpetrators"][0]["gender"] == "Male"
    assert referral["victim"]["ethnicity"] is None


def test_answers_fewer_than_the_fields_are_not_shared_out() -> None:
    victim = parse_docx(_prose(None, "Ethnicity, disability (if any), gender and sexual orientation",
                               "White Polish, female"))["referral"]["victim"]
    assert victim["gender"] is None and victim["ethnicity"] is None
