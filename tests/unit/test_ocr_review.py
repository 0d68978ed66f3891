"""What the desk is told about a form read from a scan: every field made from a word OCR was unsure of is
named (by field, never by value), a scan read with full confidence still says it came from a scan, and
what OCR left of a label ("/") is never passed on as a value. Invented values."""
from __future__ import annotations

from parsers.model import RawForm
from parsers.ocr.reader import ScanForm, tokens
from parsers.ocr.review import review


def _scan(*unsure: str) -> ScanForm:
    return ScanForm("pdf-image", doubtful={t for word in unsure for t in tokens(word)}, pages=1)


def test_fields_made_from_unsure_words_are_named_for_the_desk_without_their_values() -> None:
    resolved = RawForm("pdf-image", fields={
        "referral.victim.name": "Marta TREGARTHEN", "referral.victim.dob": "31/05/1989",
        "referral.victim.address": "27 Lantern Row, Exampleton EX4 8JT", "referral.perpetrators.0.name": "Darren Lyle"})
    out = review(_scan("31/05/1989", "Lyle"), resolved)
    fields = [p.field for p in out.problems if p.severity == "warning"]
    assert fields == ["referral.victim.dob", "referral.perpetrators.0.name"]
    sentence = next(p.message for p in out.problems if p.severity == "error")
    assert sentence == "read from a scan: please check these 2 values: victim dob, perpetrator 1 name"
    assert "Lyle" not in sentence and "1989" not in sentence


def test_a_postcode_taken_from_an_unsure_address_is_named_too() -> None:
    resolved = RawForm("pdf-image", fields={"referral.victim.address": "27 Lantern Row, Exampleton EX4 8JT"})
    out = review(_scan("8JT"), resolved)
    assert [p.field for p in out.problems if p.field] == ["referral.victim.address", "referral.victim.postcode"]


def test_a_scan_read_with_full_confidence_still_goes_to_a_person_to_compare() -> None:
    out = review(_scan(), RawForm("pdf-image", fields={"referral.victim.name": "Marta TREGARTHEN"}))
    assert [(p.severity, p.field, p.message.startswith("read from a scan")) for p in out.problems] == [
        ("error", None, True)]


def test_what_ocr_left_of_a_label_is_not_a_value_and_a_stray_mark_is_doubted() -> None:
    resolved = RawForm("pdf-image", fields={"referral.referrer.phone": "/", "referral.victim.housing": "/ tenancy",
                                            "referral.victim.substance_misuse": "Drugs & alcohol"})
    out = review(_scan(), resolved)
    assert out.fields["referral.referrer.phone"] is None
    assert [p.field for p in out.problems if p.field] == ["referral.victim.housing"]


def test_unread_checklist_answers_put_the_score_in_doubt() -> None:
    answers = {f"dash.answers.{n}": "yes" for n in range(1, 20)}  # five of the 24 not read
    out = review(_scan(), RawForm("pdf-image", fields=answers))
    assert [p.field for p in out.problems if p.field] == ["dash.score", "dash.version"]
