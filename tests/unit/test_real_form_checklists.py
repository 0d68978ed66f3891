"""DASH checklists as areas really send them (issue 11), one test per kind of trouble, built with
python-docx the way Word saves them and checked for what a coordinator would notice: the answers under
their SafeLives numbers, questions outside the 24 under `dash.extra`, the version, the forms found, and
a problem wherever the reader is unsure (never a wrong answer on its own).

Only question wording is taken from published checklists; every answer and comment is invented.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from parsers import parse_bytes
from parsers.join import join
from parsers.labels.dash_questions import identify, identify_lines, match_question
from tests.corpus.areas.kit import symbol_box
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "referral.schema.json").read_text())

# The SafeLives wording (with its asides) and the police (ACPO DASH 2009) wording and order.
SAFELIVES = [
    "Has the current incident resulted in injury? (Please state what and whether this is the first injury.)",
    "Are you very frightened?",
    ("What are you afraid of? Is it further injury or violence? (Please give an indication of what you think "
    "(name of abuser(s)) might do and to whom, including children)"),
    ("Do you feel isolated from family/friends i.e. does (name of abuser(s)) try to stop you from seeing "
    "friends/family/doctor or others?"),
    "Are you feeling depressed or having suicidal thoughts?",
    "Have you separated or tried to separate from (name of abuser(s)) within the past year?",
    "Is there conflict over child contact?",
    "Does (……) constantly text, call, contact, follow, stalk or harass you?",
    "Are you pregnant or have you recently had a baby (within the last 18 months)?",
    "Is the abuse happening more often?",
    "Is the abuse getting worse?",
    "Does (……) try to control everything you do and/or are they excessively jealous?",
    "Has (……) ever used weapons or objects to hurt you?",
    "Has (……) ever threatened to kill you or someone else and you believed them?",
    "Has (……) ever attempted to strangle / choke / suffocate / drown you?",
    ("Does (……) do or say things of a sexual nature that make you feel bad or that physically hurt you or "
    "someone else?"),
    "Is there any other person who has threatened you or who you are afraid of?",
    "Do you know if (……) has hurt anyone else?",
    "Has (……) ever mistreated an animal or the family pet?",
    ("Are there any financial issues? For example, are you dependent on (……) for money/have they recently lost "
    "their job/other financial issues?"),
    ("Has (……) had problems in the past year with drugs (prescription or other), alcohol or mental health "
    "leading to problems in leading a normal life?"),
    "Has (……) ever threatened or attempted suicide?",
    ("Has (……) ever broken bail/an injunction and/or formal agreement for when they can see you and/or the "
    "children?"),
    "Do you know if (……) has ever been in trouble with the police or has a criminal history?",
]
_P = "(…..)"
# The police order: SafeLives number or the slug of its own children/dependants questions.
POLICE: list[tuple[int | str, str]] = [
    (1, "Has the current incident resulted in injury? (please state what and whether this is the first injury)"),
    (2, "Are you very frightened?"),
    (3, "What are you afraid of? Is it further injury or violence?"),
    (4, ("Do you feel isolated from family/ friends i.e. does (name of abuser(s)) try to stop you from seeing "
        "friends/family/Dr or others?")),
    (5, "Are you feeling depressed or having suicidal thoughts?"),
    (6, "Have you separated or tried to separate from (name of abuser(s)) within the past year?"),
    (7, "Is there conflict over child contact? (please state what)"),
    (8, f"Does {_P} constantly text, call, contact, follow, stalk or harass you?"),
    (9, "Are you currently pregnant or have you recently had a baby (in the past 18 months)?"),
    ("other_children_dependants", (f"Are there any children, step-children that aren't {_P}'s in the household? "
                                   "Or are there other dependants in the household (i.e. older relative)?")),
    ("hurt_children_dependants", f"Has {_P} ever hurt the children/dependants?"),
    ("threatened_children_dependants", f"Has {_P} ever threatened to hurt or kill the children/dependants?"),
    (10, "Is the abuse happening more often?"),
    (11, "Is the abuse getting worse?"),
    (12, f"Does {_P} try to control everything you do and/or are they excessively jealous?"),
    (13, f"Has {_P} ever used weapons or objects to hurt you?"),
    (14, f"Has {_P} ever threatened to kill you or someone else and you believed them?"),
    (15, f"Has {_P} ever attempted to strangle/choke/suffocate/drown you?"),
    (16, (f"Does {_P} do or say things of a sexual nature that makes you feel bad or that physically hurt you or "
         "someone else?")),
    (17, "Is there any other person that has threatened you or that you are afraid of?"),
    (18, f"Do you know if {_P} has hurt anyone else?"),
    (19, f"Has {_P} ever mistreated an animal or the family pet?"),
    (20, (f"Are there any financial issues? For example, are you dependent on {_P} for money/have they recently "
         "lost their job/other financial issues?")),
    (21, (f"Has {_P} had problems in the past year with drugs (prescription or other), alcohol or mental health "
         "leading to problems in leading a normal life?")),
    (22, f"Has {_P} ever threatened or attempted suicide?"),
    (23, (f"Has {_P} ever broken bail/an injunction and/or formal agreement for when they can see you and/or the "
         "children?")),
    (24, f"Do you know if {_P} has ever been in trouble with the police or has a criminal history?"),
]
STALKING = [("stalking_very_frightened", "Is the victim very frightened?"),
            ("stalking_property_damage", f"Has {_P} vandalised or destroyed property?"),
            ("stalking_unannounced_visits", f"Has {_P} turned up unannounced more than three times a week?"),
            ("stalking_substance_misuse", f"Has {_P} been abusing alcohol / drugs?")]
HBV = [("hbv_forced_marriage", "Is there a fear of being forced to marry, or have you been forced to marry?"),
       ("hbv_taken_abroad", "Have you been threatened with being taken abroad?"),
       ("hbv_shame", "Does your family believe you have brought shame or dishonour on them?")]

# 16 yes, 4 no, 4 don't know: the answers every checklist below carries (SafeLives numbers).
ANSWERS = {n: "yes" for n in range(1, 25)}
ANSWERS.update({3: "no", 11: "no", 19: "no", 22: "no", 6: "unknown", 15: "unknown", 20: "unknown", 24: "unknown"})
EXTRA_ANSWERS = {"other_children_dependants": "yes", "hurt_children_dependants": "no",
                 "threatened_children_dependants": "unknown", "stalking_very_frightened": "no",
                 "stalking_property_damage": "yes", "stalking_unannounced_visits": "no",
                 "stalking_substance_misuse": "yes", "hbv_forced_marriage": "no", "hbv_taken_abroad": "yes",
                 "hbv_shame": "unknown"}
YES_COUNT = 16
WORDS = {"yes": "Yes", "no": "No", "unknown": "Don't know"}


def _save(doc: DocumentType) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _parse(data: bytes, name: str = "checklist.docx") -> dict[str, Any]:
    parsed = parse_bytes(data, name)
    jsonschema.validate(parsed, SCHEMA, format_checker=jsonschema.FormatChecker())
    return parsed


def _answers(parsed: dict[str, Any]) -> dict[int, str | None]:
    return {int(k): v for k, v in parsed["dash"]["answers"].items()}


def _box(paragraph: Paragraph, checked: bool, style: str, fields: Fields) -> None:
    """One tick as a referrer leaves it: a typed glyph beside empty boxes, a typed tick in the one
    column, a Wingdings symbol, a legacy FORMCHECKBOX or a Word 2010 check box."""
    if style == "wingdings":
        symbol_box(paragraph, checked)
    elif style == "formcheckbox":
        fields.form_checkbox(paragraph, checked)
    elif style == "w14":
        fields.control_checkbox(paragraph, checked)
    elif style in ("☒", "☑"):
        paragraph.add_run(style if checked else "☐")
    elif checked:
        paragraph.add_run(style)


def _header(table_cells: list[_Cell], texts: list[str]) -> None:
    for cell, text in zip(table_cells, texts):
        write(cell, text, bold=True)
        shade(cell, "D9D9D9")


def safelives_grid(style: str, *, answers: dict[int, str | None] | None = None, header: bool = True,
                   name_row: bool = True) -> bytes:
    """The SafeLives checklist table: Yes / No / Don't know columns marked in `style`, or typed."""
    answers = ANSWERS if answers is None else answers
    fields = Fields()
    doc = Document()
    doc.add_heading("SafeLives Dash risk checklist", level=1)
    if name_row:
        top = doc.add_table(rows=1, cols=4)
        top.style = "Table Grid"
        _header([top.rows[0].cells[0], top.rows[0].cells[2]], ["Name of victim:", "Date:"])
        write(top.rows[0].cells[1], "Grace ABBOTT")
        write(top.rows[0].cells[3], "30/10/2026")
    typed = style == "typed"
    heads = ["Current situation", "Yes / No / Don't know", "Comments"] if typed else \
        ["Current situation", "Yes (tick)", "No", "Don't know", "Comments"]
    grid = doc.add_table(rows=1 if header else 0, cols=len(heads))
    grid.style = "Table Grid"
    if header:
        _header(grid.rows[0].cells, heads)
    for n, text in enumerate(SAFELIVES, start=1):
        cells = grid.add_row().cells
        answer = answers[n]
        cells[0].paragraphs[0].add_run(f"{n}. {text}").bold = True
        if typed:
            write(cells[1], {"yes": "Y", "no": "N", "unknown": "DK", None: ""}[answer])
        else:
            for cell, kind in zip(cells[1:4], ("yes", "no", "unknown")):
                if style in ("☒", "☑", "wingdings", "formcheckbox", "w14") or kind == answer:
                    _box(cell.paragraphs[0], kind == answer, style, fields)
        if n == 14 and answer == "yes":
            write(cells[-1], "Said he would kill her")
    total = grid.add_row().cells
    write(total[0], "Total 'yes' responses", bold=True)
    write(total[1].merge(total[-1]), str(sum(a == "yes" for a in answers.values())))
    doc.add_paragraph("Name: Stuart Cartwright")
    return _save(doc)


def police_checklist(*, inline: bool) -> bytes:
    """The police DASH 2009: 27 questions in four sections, sub-ticks and a comment line inside the
    question cell, then the stalking and honour-based violence questions numbered from 1 again."""
    fields = Fields()
    doc = Document()
    doc.add_paragraph("RESTRICTED")
    doc.add_heading("ACPO/CAADA DASH (2009) Risk Model", level=2)

    def grid(first: str) -> Any:
        if inline:
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            full_width_row(table, first)
            return table
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        _header(table.rows[0].cells, [first, "YES", "NO", "NOT KNOWN"])
        return table

    def row(table: Any, number: int, text: str, answer: str | None, subs: tuple[str, ...] = (),
            comment: str | None = None) -> None:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(f"{number}. {text}").bold = True
        if subs:
            ticks = cells[0].add_paragraph()
            for i, sub in enumerate(subs):
                ticks.add_run(f"{sub} ")
                _box(ticks, answer == "yes" and i == 0, "☒", fields)
                ticks.add_run("  ")
        if comment is not None:
            cells[0].add_paragraph(f"Comment: {comment}")
        if inline:
            line = cells[1].paragraphs[0]
            for kind, word in (("yes", "YES"), ("no", "NO"), ("unknown", "NOT KNOWN")):
                line.add_run(f"{word} ")
                _box(line, kind == answer, "w14", fields)
                line.add_run("  ")
        else:
            for cell, kind in zip(cells[1:], ("yes", "no", "unknown")):
                _box(cell.paragraphs[0], kind == answer, "formcheckbox", fields)

    table = grid("CURRENT SITUATION")
    for number, (key, text) in enumerate(POLICE, start=1):
        if number == 10:
            full_width_row(table, "CHILDREN/DEPENDANTS (If no children/dependants, please go to the next section)")
        answer = ANSWERS[key] if isinstance(key, int) else EXTRA_ANSWERS[key]
        subs = ("You", "Children", "Other (please specify)") if key == 14 else ()
        row(table, number, text, answer, subs, "Hands round her throat" if key == 15 else "")
    total = table.add_row().cells
    write(total[0], "Total 'yes' responses", bold=True)
    write(total[1].merge(total[-1]), "17")
    for heading, questions in (("STALKING AND HARASSMENT", STALKING), ("HONOUR BASED VIOLENCE", HBV)):
        doc.add_paragraph(heading).runs[0].bold = True
        extra = grid("Question")
        for number, (slug, text) in enumerate(questions, start=1):
            row(extra, number, text, EXTRA_ANSWERS[slug])
    doc.add_paragraph("Officer completing: DC Pemberton")
    return _save(doc)


def numbered_lines(mode: str, *, referral: bool = False) -> bytes:
    """The checklist as numbered paragraphs, no table: typed, struck options, tick boxes, an answer
    line below, or Word's own numbering."""
    fields = Fields()
    doc = Document()
    if referral:
        doc.add_heading("MARAC Referral", 1)
        for line in ("Referrer name: Stuart Cartwright", "Agency: Exampleshire Police",
                     "Victim name: Grace ABBOTT", "Date of birth: 03/04/1988", "Address: 12 Elm Close, BS5 0XJ",
                     "Perpetrator name: Darren FLETCHER", "DASH score: 16"):
            doc.add_paragraph(line)
        doc.add_paragraph("Risk Identification Checklist (RIC)").runs[0].bold = True
    else:
        doc.add_heading("DASH Risk Identification Checklist", 2)
        doc.add_paragraph("Ask every question. Write Yes, No or Don't know after each one.")
    for n, text in enumerate(SAFELIVES, start=1):
        answer = ANSWERS[n]
        if mode == "auto":
            paragraph = doc.add_paragraph(style="List Number")
            paragraph.add_run(text)
        else:
            paragraph = doc.add_paragraph(f"{n}. {text}")
        if mode in ("typed", "auto"):
            typed = {"yes": "Yes", "no": "N", "unknown": "DON'T KNOW"}[answer]
            paragraph.add_run(f"  {typed}" + (" – bruising to her upper arm" if n == 1 else "")).bold = True
        elif mode == "struck":
            paragraph.add_run("   ")
            for i, (kind, word) in enumerate(WORDS.items()):
                if i:
                    paragraph.add_run(" / ")
                paragraph.add_run(word).font.strike = kind != answer
        elif mode == "boxes":
            paragraph.add_run("   ")
            for kind, word in WORDS.items():
                paragraph.add_run(f"{word} ")
                _box(paragraph, kind == answer, "wingdings", fields)
                paragraph.add_run("  ")
        else:  # the answer on its own line
            doc.add_paragraph(f"Answer: {WORDS[answer]}")
            if n == 1:
                doc.add_paragraph("Comment: bruising to her upper arm")
    doc.add_paragraph()
    doc.add_paragraph(f"Total 'yes' responses: {YES_COUNT}").runs[0].bold = True
    doc.add_paragraph("Completed by: Stuart Cartwright")
    return _save(doc)


# --- older and police versions: mapped by their text ---------------------------------------------

@pytest.mark.parametrize("inline", [False, True], ids=["yes-no-columns", "ticks-in-one-cell"])
def test_police_27_maps_onto_the_24_with_its_own_questions_as_extras(inline: bool) -> None:
    parsed = _parse(police_checklist(inline=inline))
    dash = parsed["dash"]
    assert _answers(parsed) == ANSWERS
    assert dash["version"] == "police-27"
    assert dash["extra"] == EXTRA_ANSWERS  # the S-DASH "Is the victim very frightened?" is not question 2
    assert dash["score"] == YES_COUNT  # the 24 only, not the printed total over 27
    # the comment line inside the question cell is the comment; the sub-ticks are not in the question
    assert dash["comments"].get("15") == "Hands round her throat"
    assert parsed["problems"] == []


def test_first_person_and_reworded_questions_are_recognised() -> None:
    reworded = {1: "Has the current incident resulted in injury to me?", 2: "Am I very frightened?",
                4: "Do I feel isolated from my family and friends?",
                5: "Am I feeling depressed or having suicidal thoughts?",
                9: "Am I pregnant, or have I had a baby in the last 18 months?",
                15: "Has he ever tried to strangle, choke, suffocate or drown me?",
                24: "Has (name) ever been in trouble with the police, or does he have a criminal history?"}
    reworded.update({22: "Has he threatened to kill himself?", 14: "Has (....) ever threatened to kill you?"})
    for number, text in reworded.items():
        assert match_question(text) == number, text
    # alike in letters or in a word or two is not enough
    assert identify("Has the family's car been fitted with a tracker by the council?") is None
    for slug, text in STALKING[1:3] + HBV:
        assert identify(text) == slug, text
    # "Is the victim very frightened?" is question 2 in the checklist, the S-DASH question in a later section
    targets, version = identify_lines([(t, n) for n, t in enumerate(SAFELIVES, start=1)]
                                      + [("Is the victim very frightened?", 1), (STALKING[1][1], 2)])
    assert targets[1] == 2 and targets[24:] == ["stalking_very_frightened", "stalking_property_damage"]
    assert version == "safelives-ric"


# --- numbered question lines with no table ------------------------------------------------------

@pytest.mark.parametrize("mode", ["typed", "struck", "boxes", "answer-line", "auto"])
def test_numbered_question_lines_are_read(mode: str) -> None:
    parsed = _parse(numbered_lines(mode))
    assert parsed["forms"] == ["dash"]
    assert _answers(parsed) == ANSWERS
    assert parsed["dash"]["score"] == YES_COUNT
    assert parsed["dash"]["version"] == "safelives-ric"
    if mode in ("typed", "auto", "answer-line"):
        assert parsed["dash"]["comments"] == {"1": "bruising to her upper arm"}
    assert parsed["problems"] == []


def test_numbered_lines_inside_a_referral_form_give_both() -> None:
    parsed = _parse(numbered_lines("typed", referral=True), "referral.docx")
    assert parsed["forms"] == ["referral", "dash"]
    assert parsed["referral"]["victim"]["name"] == "Grace ABBOTT"
    assert _answers(parsed) == ANSWERS


def test_two_options_left_standing_is_a_problem_not_an_answer() -> None:
    doc = Document()
    for n, text in enumerate(SAFELIVES[:6], start=1):
        paragraph = doc.add_paragraph(f"{n}. {text}   ")
        for i, (kind, word) in enumerate(WORDS.items()):
            if i:
                paragraph.add_run(" / ")
            # question 2: only "Don't know" struck out, so Yes and No both stand
            paragraph.add_run(word).font.strike = (kind != "yes") if n != 2 else kind == "unknown"
    parsed = _parse(_save(doc))
    answers = _answers(parsed)
    assert answers[1] == "yes" and answers[2] is None
    assert any(p["field"] == "dash.answers.2" and p["severity"] == "error" for p in parsed["problems"])


def test_a_few_numbered_questions_in_a_referral_are_not_a_checklist() -> None:
    doc = Document()
    doc.add_paragraph("Victim name: Grace ABBOTT")
    doc.add_paragraph("1. Has the current incident resulted in injury?  Yes")
    doc.add_paragraph("2. Is the victim aware of the referral?  Yes")
    parsed = _parse(_save(doc), "referral.docx")
    assert parsed["dash"] is None


# --- checklist-only files -----------------------------------------------------------------------

def test_a_checklist_alone_is_a_checklist_not_an_empty_referral() -> None:
    parsed = _parse(safelives_grid("☒"))
    assert parsed["forms"] == ["dash"]
    assert parsed["referral"] is None
    assert parsed["problems"] == []
    assert parsed["dash"]["version"] == "safelives-ric"
    joined = join([parsed])
    assert joined["forms"] == ["dash"] and joined["referral"] is None and joined["problems"] == []


# --- the stated score against the counted one, after joining --------------------------------------

def _referral_stating(score: int) -> bytes:
    doc = Document()
    doc.add_heading("MARAC referral form", 1)
    for line in ("Referrer name: Stuart Cartwright", "Agency: Exampleshire Police", "Victim name: Grace ABBOTT",
                 "Date of birth: 03/04/1988", "Perpetrator name: Darren FLETCHER", f"DASH score: {score}"):
        doc.add_paragraph(line)
    return _save(doc)


def test_stated_score_is_checked_against_the_checklist_once_joined() -> None:
    referral = _parse(_referral_stating(14), "referral.docx")
    checklist = _parse(safelives_grid("X"))
    assert referral["referral"]["dash_score_stated"] == 14
    assert referral["dash"] is None and not any("score" in p["message"] for p in referral["problems"])
    joined = join([referral, checklist])
    assert joined["forms"] == ["referral", "dash"]
    [problem] = [p for p in joined["problems"] if p["field"] == "referral.dash_score_stated"]
    assert "14" in problem["message"] and "16" in problem["message"] and problem["severity"] == "warning"
    agreed = join([_parse(_referral_stating(YES_COUNT), "referral.docx"), checklist])
    assert not any(p["field"] == "referral.dash_score_stated" for p in agreed["problems"])


# --- answers marked every way --------------------------------------------------------------------

@pytest.mark.parametrize("style", ["☒", "☑", "✓", "✔", "X", "wingdings", "formcheckbox", "w14", "typed"])
def test_every_way_of_marking_an_answer_reads_the_same(style: str) -> None:
    parsed = _parse(safelives_grid(style))
    assert _answers(parsed) == ANSWERS
    assert parsed["dash"]["score"] == YES_COUNT
    assert parsed["dash"]["comments"] == {"14": "Said he would kill her"}
    assert parsed["problems"] == []


def test_a_grid_continued_without_its_header_and_unanswered_rows() -> None:
    answers: dict[int, str | None] = {**ANSWERS, 7: None, 8: None}
    parsed = _parse(safelives_grid("✔", answers=answers))
    assert _answers(parsed) == answers  # unmarked is null, never a guess
    assert parsed["dash"]["score"] == YES_COUNT - 2


def test_two_columns_marked_is_a_problem_not_an_answer() -> None:
    fields = Fields()
    doc = Document()
    grid = doc.add_table(rows=1, cols=4)
    _header(grid.rows[0].cells, ["Question", "Yes", "No", "Don't know"])
    for n, text in enumerate(SAFELIVES, start=1):
        cells = grid.add_row().cells
        write(cells[0], f"{n}. {text}")
        for cell, kind in zip(cells[1:], ("yes", "no", "unknown")):
            _box(cell.paragraphs[0], kind == ANSWERS[n] or (n == 5 and kind == "no"), "w14", fields)
    parsed = _parse(_save(doc))
    assert _answers(parsed)[5] is None
    assert any(p["field"] == "dash.answers.5" and p["severity"] == "error" for p in parsed["problems"])
    assert {k: v for k, v in _answers(parsed).items() if k != 5} == {k: v for k, v in ANSWERS.items() if k != 5}


def test_a_sub_tick_without_an_answer_is_a_problem_not_a_guess() -> None:
    fields = Fields()
    doc = Document()
    grid = doc.add_table(rows=1, cols=4)
    _header(grid.rows[0].cells, ["Current situation", "Yes", "No", "Don't know"])
    for n, text in enumerate(SAFELIVES, start=1):
        cells = grid.add_row().cells
        write(cells[0], f"{n}. {text}")
        if n == 14:  # "You ☒ Children ☐ Other ☐" ticked, but neither Yes nor No
            ticks = cells[0].add_paragraph()
            for i, sub in enumerate(("You", "Children", "Other (please specify)")):
                ticks.add_run(f"{sub} ")
                _box(ticks, i == 0, "w14", fields)
        for cell, kind in zip(cells[1:], ("yes", "no", "unknown")):
            _box(cell.paragraphs[0], n != 14 and kind == ANSWERS[n], "w14", fields)
    parsed = _parse(_save(doc))
    assert _answers(parsed)[14] is None
    [problem] = [p for p in parsed["problems"] if p["field"] == "dash.answers.14"]
    assert problem["severity"] == "error" and "ticked" in problem["message"]


def test_a_referral_naming_who_did_the_dash_is_not_a_second_checklist() -> None:
    doc = Document()
    for line in ("Referrer name: Stuart Cartwright", "Agency: Exampleshire Police", "Victim name: Grace ABBOTT",
                 "Perpetrator name: Darren FLETCHER", "DASH completed by: Stuart Cartwright", "DASH score: 16"):
        doc.add_paragraph(line)
    referral = _parse(_save(doc), "referral.docx")
    assert referral["forms"] == ["referral"] and referral["dash"] is None
    joined = join([referral, _parse(safelives_grid("☑"))])
    assert joined["forms"] == ["referral", "dash"]
    assert _answers(joined) == ANSWERS
    assert not any("more than one" in p["message"] or p["field"] == "referral.dash_score_stated"
                   for p in joined["problems"])


def test_an_answered_question_it_does_not_know_is_reported_not_guessed() -> None:
    doc = Document()
    grid = doc.add_table(rows=1, cols=4)
    _header(grid.rows[0].cells, ["Question", "Yes", "No", "Don't know"])
    rows = [*enumerate(SAFELIVES, start=1), (25, "Has the family's car been fitted with a tracker by the council?")]
    for n, text in rows:
        cells = grid.add_row().cells
        write(cells[0], f"{n}. {text}")
        for cell, kind in zip(cells[1:], ("yes", "no", "unknown")):
            if kind == ANSWERS.get(n, "yes"):
                write(cell, "✓")
    parsed = _parse(_save(doc))
    assert _answers(parsed) == ANSWERS and parsed["dash"]["extra"] == {}
    [problem] = parsed["problems"]
    assert "not one of the 24" in problem["message"] and problem["severity"] == "warning"


# --- what a referral form says of its DASH, and who completed a checklist ----------------------------

def test_the_dash_date_a_referral_states_is_kept_and_joined_into_a_checklist_without_one() -> None:
    # "DATE OF DASH RIC: 31st October 2026   DASH RIC Score: 16": two labels in one cell, on a referral whose
    # checklist is a file of its own (its own DASH boxes are no checklist).
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, text, value in ((table.cell(0, 0), "VICTIM NAME:", "Grace ABBOTT"),
                              (table.cell(0, 1), "DATE OF DASH RIC:", "31st October 2026")):
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].add_run(f" {value}")
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("   ")
    cell.add_run("DASH RIC Score:").bold = True
    cell.add_run(f" {YES_COUNT}")
    referral = _parse(_save(doc), "referral.docx")
    assert referral["forms"] == ["referral"] and referral["dash"] is None
    assert (referral["referral"]["dash_date_stated"], referral["referral"]["dash_score_stated"]) == (
        "2026-10-31", YES_COUNT)
    assert referral["problems"] == []
    joined = join([referral, _parse(safelives_grid("☒", name_row=False))])
    assert joined["dash"]["date"] == "2026-10-31"  # the checklist left its date blank
    dated = join([referral, _parse(safelives_grid("☒"))])
    assert dated["dash"]["date"] == "2026-10-30"  # the checklist's own date stands


@pytest.mark.parametrize("label", ["Name:", "Signed:"])
def test_the_name_at_the_foot_of_a_checklist_is_who_completed_it(label: str) -> None:
    doc = Document()
    doc.add_heading("SafeLives Dash risk checklist", level=1)
    grid = doc.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    _header(grid.rows[0].cells, ["Current situation", "Yes", "No", "Don't know"])
    for n, text in enumerate(SAFELIVES, start=1):
        cells = grid.add_row().cells
        write(cells[0], f"{n}. {text}")
        write(cells[{"yes": 1, "no": 2, "unknown": 3}[str(ANSWERS[n])]], "X")
    foot = doc.add_table(rows=1, cols=4)
    foot.style = "Table Grid"
    for cell, text, bold in zip(foot.rows[0].cells, (label, "Stuart Cartwright", "Date:", "30/10/2026"),
                                (True, False, True, False)):
        write(cell, text, bold=bold)
    parsed = _parse(_save(doc))
    assert (parsed["dash"]["completed_by"], parsed["dash"]["date"]) == ("Stuart Cartwright", "2026-10-30")
    assert parsed["problems"] == []
