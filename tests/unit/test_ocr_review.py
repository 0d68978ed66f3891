"""What the desk is told about a form read from a scan: every field made from a word OCR was unsure of is
named (by field, never by value), a scan read with full confidence still says it came from a scan, and
what OCR left of a label ("/") is never passed on as a value. Invented values."""
from __future__ import annotations

from parsers.model import Labelled, RawForm
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


def test_a_name_ocr_put_a_stray_letter_or_mark_into_is_named_for_checking() -> None:
    # Every word read with confidence (nothing in doubt), but no one's name is shaped like these.
    resolved = RawForm("pdf-image", fields={
        "referral.victim.name": "M M arta TREGARTHEN", "referral.perpetrators.0.name": "Darren wn LYLE",
        "referral.children.0.name": "Oluwaseun TREGARTHEN-.", "referral.referrer.name": "Mrs. Ana de SOUSA",
        "referral.additional_victims.0.name": "Pieter van der BERG (aka Piet)", "referral.victim.housing": "private rented"})
    out = review(_scan(), resolved)
    named = [p.field for p in out.problems if p.severity == "warning"]
    assert named == ["referral.victim.name", "referral.perpetrators.0.name", "referral.children.0.name"]
    assert all("arta" not in p.message and "LYLE" not in p.message for p in out.problems)


def _labelled(section: str, *pairs: tuple[str, str]) -> list[Labelled]:
    return [Labelled(label, value, section) for label, value in pairs]


def test_a_victim_value_read_in_a_second_persons_box_whose_title_ocr_lost_is_named() -> None:
    # The perpetrator's box title came back as a scrap (")"): its labels repeat the victim's box's, so
    # its ethnicity, taken for the victim's, must not pass unseen.
    scanned = _scan()
    scanned.labelled = (_labelled("Victim", ("Name", "Marta TREGARTHEN"), ("Dob", "31.05.89"))
                        + _labelled(")", ("Dob", "2.6.88"), ("Ethnic Origin", "Black Caribbean")))
    resolved = RawForm("pdf-image", fields={"referral.victim.name": "Marta TREGARTHEN",
                                            "referral.victim.dob": "31.05.89",
                                            "referral.victim.ethnicity": "Black Caribbean"})
    out = review(scanned, resolved)
    assert [p.field for p in out.problems if p.severity == "warning"] == ["referral.victim.ethnicity"]


def test_a_lost_title_inside_one_heading_is_told_by_a_label_repeating_under_it() -> None:
    scanned = _scan()
    scanned.labelled = _labelled("Victim", ("Name", "Marta TREGARTHEN"), ("Dob", "31.05.89"),
                                 ("Name", "Darren LYLE"), ("Ethnic Origin", "Black Caribbean"))
    resolved = RawForm("pdf-image", fields={"referral.victim.name": "Marta TREGARTHEN",
                                            "referral.victim.ethnicity": "Black Caribbean"})
    out = review(scanned, resolved)
    assert [p.field for p in out.problems if p.severity == "warning"] == ["referral.victim.ethnicity"]


def test_a_victims_box_after_the_referrers_with_its_own_title_is_not_doubted() -> None:
    scanned = _scan()
    scanned.labelled = (_labelled("Referrer", ("Name", "Stuart WEBB"), ("Telephone", "0117 496 0000"))
                        + _labelled("Details of Victim", ("Name", "Marta TREGARTHEN"), ("Telephone", "0117 496 0999")))
    resolved = RawForm("pdf-image", fields={"referral.referrer.name": "Stuart WEBB",
                                            "referral.victim.name": "Marta TREGARTHEN",
                                            "referral.victim.phone": "0117 496 0999"})
    out = review(scanned, resolved)
    assert [p.field for p in out.problems if p.severity == "warning"] == []


def test_an_email_joined_from_words_ocr_was_unsure_of_is_named() -> None:
    # OCR read the address as three words ("marta." "webb@example." "qov.uk"), the last unsure; the
    # reader joined them into one.
    resolved = RawForm("pdf-image", fields={"referral.referrer.email": "marta.webb@example.qov.uk",
                                            "referral.referrer.phone": "0117 496 0000"})
    out = review(_scan("qov.uk"), resolved)
    assert [p.field for p in out.problems if p.severity == "warning"] == ["referral.referrer.email"]
