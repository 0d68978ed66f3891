"""Tick marks and printed label conventions (parsers.ticks, parsers.printed): pure text functions."""
from __future__ import annotations

import pytest

from parsers.printed import label_pairs
from parsers.ticks import NOT_TICKS, interpret, labelled_ticks, read_choice


@pytest.mark.parametrize(("text", "value"), [
    ("☒ Yes ☐ No", "Yes"), ("☐ Yes   ☒ No", "No"), ("Yes ☐ No ☒", "No"), ("Yes ☒ / No ☐", "Yes"),
    ("[X] Yes [ ] No", "Yes"), ("( ) Yes (x) No", "No"), ("☐ Yes ☐ No", None), ("☒", True), ("☐", False),
    ("☒ Female ☐ Male ☐ Other", "Female"), ("☒ Yes ☒ No", "Yes / No"), ("X Yes   No", "Yes"),
    ("Yes X   No", "Yes"), ("Yes  No X", "No"), ("☑ Yes ☐ No ☐ Don't know", "Yes"),
])
def test_ticks_read_as_the_ticked_option(text: str, value: object) -> None:
    assert read_choice(text) == value


@pytest.mark.parametrize("text", ["Zoë Fictional", "CR/12345/26", "Box X, Exampleton", "Flat X", "☒ ☒",
                                  "☒ a long sentence that is certainly no option to tick at all ☐ No"])
def test_ordinary_text_is_not_ticks(text: str) -> None:
    assert read_choice(text) is NOT_TICKS
    assert interpret(text) == text.strip()


def test_interpret_blank() -> None:
    assert interpret("   ") is None and interpret(None) is None


@pytest.mark.parametrize(("text", "pairs"), [
    ("Safe to call? ☒ Yes ☐ No", [("Safe to call?", "Yes")]),
    ("Safe to call? Yes ☐ No ☒", [("Safe to call?", "No")]),
    ("BME ☐  Disabled ☒  LGBT ☐", [("BME", False), ("Disabled", True), ("LGBT", False)]),
    ("☒ BME ☐ Disabled", [("BME", True), ("Disabled", False)]),
    ("☒ Yes ☐ No", None),  # no label to give it
    ("Fill in the boxes and tick ☒ Yes or No where asked, then send the form by secure email.", None),
])
def test_labels_with_tick_boxes(text: str, pairs: object) -> None:
    assert labelled_ticks(text) == pairs


@pytest.mark.parametrize(("text", "pairs"), [
    ("Name of victim: Zoë O'Brien-Smith", [("Name of victim", "Zoë O'Brien-Smith")]),
    ("D.O.B.:\t03/04/1988\tGender: Female", [("D.O.B.", "03/04/1988"), ("Gender", "Female")]),
    ("Address: 1 Fictional Way\nExampleton\nEX1 1AA", [("Address", "1 Fictional Way\nExampleton\nEX1 1AA")]),
    ("Name:\nDOB: 03/04/1988", [("Name", None), ("DOB", "03/04/1988")]),
    ("Crime reference ............ CR/1/26", [("Crime reference", "CR/1/26")]),
    ("Crime reference ____________", [("Crime reference", None)]),
    ("GP details\tRiverside Surgery", [("GP details", "Riverside Surgery")]),
    ("Pregnant: ☐ Yes ☒ No", [("Pregnant", "No")]),
    ("Best time: 10:30 weekdays", [("Best time", "10:30 weekdays")]),
    ("Contact notes:", [("Contact notes", None)]),
    ("See https://example.invalid/form for help", None),
    ("Meeting starts at 10:30 sharp", None),
    ("Please complete every section of this form and send it to the MARAC coordinator.", None),
])
def test_label_pairs(text: str, pairs: object) -> None:
    assert label_pairs(text) == pairs
