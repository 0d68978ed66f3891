"""Word forms laid out the way real areas' forms are (issue 11): people in tables, headings that say
whose details follow, labels and values in one cell, struck-through options, guidance pages and
symbol-font tick boxes. Each test builds a small form the way a referrer's copy looks and checks what
a coordinator would notice: the right value, or no value and a problem, never a wrong value alone.
All people, places and dates are invented.
"""
from __future__ import annotations

import io
import json
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from lxml import etree

from parsers import parse_bytes
from tests.corpus.areas.kit import placeholder_control, struck_choice, symbol_box
from tests.corpus.docx_parts import full_width_row, shade, write


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "D9D9D9")


def _table(doc: DocumentType, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def _pairs(table: Table, *pairs: tuple[str, str]) -> None:
    for label, value in pairs:
        cells = table.add_row().cells
        _label(cells[0], label)
        write(cells[1], value)


def _parse(doc: DocumentType) -> dict[str, Any]:
    out = io.BytesIO()
    doc.save(out)
    return parse_bytes(out.getvalue(), "referral.docx")


def _messages(parsed: dict[str, Any]) -> list[str]:
    return [p["message"] for p in parsed["problems"]]


def test_people_table_header_row_blank_and_none_rows_are_not_people() -> None:
    doc = Document()
    doc.add_heading("Marac referral form", level=1)
    top = _table(doc, 2)
    _pairs(top, ("Victim name", "Grace EVANS-PRICE"), ("Victim DOB", "17/10/1974"))
    doc.add_paragraph()
    people = _table(doc, 4)
    head = people.add_row().cells
    for cell, text in zip(head, ("Perpetrator(s) name", "DOB", "Relationship to victim", "Perpetrator(s) address")):
        _label(cell, text)
    for cell, text in zip(people.add_row().cells, ("Mohammed VAUGHAN", "02/06/1988", "Son", "1 Acacia Avenue")):
        write(cell, text)
    doc.add_paragraph()
    kids = _table(doc, 3)
    for cell, text in zip(kids.add_row().cells, ("Children (please add extra rows if necessary)", "DOB",
                                                 "Relationship to victim")):
        _label(cell, text)
    for row in (("Darren EVANS-PRICE", "29/08/2020", "Son"), ("N/A", "", ""), ("", "", ""),
                ("None", "None", "None"), ("Reece EVANS-PRICE", "06/08/2023", "Son")):  # the last one added
        for cell, text in zip(kids.add_row().cells, row):
            if text:
                write(cell, text)
            else:
                placeholder_control(cell.paragraphs[0])

    parsed = _parse(doc)
    referral = parsed["referral"]
    assert [p["name"] for p in referral["perpetrators"]] == ["Mohammed VAUGHAN"]
    assert referral["perpetrators"][0]["dob"] == "1988-06-02"  # the header row says whose DOB
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Son"
    assert [c["name"] for c in referral["children"]] == ["Darren EVANS-PRICE", "Reece EVANS-PRICE"]
    assert not any("does not say whose" in m for m in _messages(parsed))
    assert "Perpetrator(s) name" not in json.dumps(referral) and "N/A" not in json.dumps(referral)


def test_people_side_by_side_with_labels_inside_the_cells() -> None:
    doc = Document()
    doc.add_heading("Referral", level=1)
    people = _table(doc, 2)
    for cell, title in zip(people.add_row().cells, ("Victim/Survivor", "Alleged Perpetrator")):
        _label(cell, title)
    for victim, perpetrator in (("Surname: EVANS-PRICE", "SURNAME: VAUGHAN"), ("Forename(s): Grace", "FORENAME(S): Mohammed"),
                                ("Date of birth: 22nd September 1978", "DATE OF BIRTH: 02/06/1988"),
                                ("Gender F", "Gender M"), ("Alias:", "Alias:"),
                                ("Address: 25 Hawthorn Drive, Exampletown", "Address: 1 Acacia Avenue, Exampletown")):
        cells = people.add_row().cells
        write(cells[0], victim)
        write(cells[1], perpetrator)

    referral = _parse(doc)["referral"]
    assert referral["victim"]["name"] == "Grace EVANS-PRICE"
    assert referral["victim"]["dob"] == "1978-09-22"
    assert referral["victim"]["address"] == "25 Hawthorn Drive, Exampletown"
    assert len(referral["perpetrators"]) == 1  # one column, one person: not one per row
    assert referral["perpetrators"][0]["name"] == "Mohammed VAUGHAN"
    assert referral["perpetrators"][0]["dob"] == "1988-06-02"


def test_duplicate_box_instruction_titles_the_box_and_is_never_a_value() -> None:
    doc = Document()
    doc.add_heading("MARAC REFERRAL FORM", level=1)
    table = _table(doc, 2)
    full_width_row(table, "Referred By")
    _pairs(table, ("Name", "Stuart Cartwright"), ("Telephone Number", "0117 496 0779"))
    for title, instruction, name, dob in (("Victim", "(please duplicate this box for each victim)",
                                           "Grace EVANS-PRICE", "17.10.1974"),
                                          ("Victim", "(please duplicate this box for each victim)",
                                           "Daria NAKAMURA", "30.06.2004"),  # the box copied
                                          ("Perpetrator", "(please duplicate this box for each perpetrator)",
                                           "Mohammed VAUGHAN", "02.06.1988")):
        cells = table.add_row().cells
        _label(cells[0], title)
        write(cells[1], instruction)
        shade(cells[1], "D9D9D9")
        _pairs(table, ("Name (SURNAME in capitals)", name), ("Dob", dob))
    full_width_row(table, "Perpetrator (please duplicate this box for each perpetrator)")  # title and aside in one
    _pairs(table, ("Name (SURNAME in capitals)", "Liam SZYMANSKI"))

    parsed = _parse(doc)
    referral = parsed["referral"]
    assert [(v["name"], v["dob"]) for v in referral["additional_victims"]] == [("Daria NAKAMURA", "2004-06-30")]
    assert referral["referrer"]["name"] == "Stuart Cartwright"
    assert referral["referrer"]["phone"] == "0117 496 0779"
    assert referral["victim"]["name"] == "Grace EVANS-PRICE"
    assert referral["victim"]["dob"] == "1974-10-17"
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [("Mohammed VAUGHAN", "1988-06-02"),
                                                                         ("Liam SZYMANSKI", None)]
    assert "duplicate" not in json.dumps(referral)
    assert not any("does not say whose" in m for m in _messages(parsed))


def test_title_rows_and_a_tables_own_header_decide_whose_rows_follow() -> None:
    doc = Document()
    doc.add_heading("MARAC Referral form", level=1)
    table = _table(doc, 2)
    full_width_row(table, "Details of Victim")
    _pairs(table, ("Name", "Grace EVANS-PRICE"), ("DOB", "17.10.1974"))
    full_width_row(table, "Details of Suspect")
    _pairs(table, ("Name", "Mohammed VAUGHAN"), ("DOB", "02.06.1988"))
    kids = _table(doc, 3)  # straight after the suspect's box, with no heading of its own
    for cell, text in zip(kids.add_row().cells, ("Details of Children – Name", "DOB", "School / Nursery")):
        _label(cell, text)
    for row in (("Darren EVANS-PRICE", "29.08.2020", "Riverside Primary"),
                ("Reece EVANS-PRICE", "06.08.2023", "Not yet at school")):
        for cell, text in zip(kids.add_row().cells, row):
            write(cell, text)

    referral = _parse(doc)["referral"]
    assert referral["victim"]["name"] == "Grace EVANS-PRICE"
    assert [p["name"] for p in referral["perpetrators"]] == ["Mohammed VAUGHAN"]
    assert [(c["name"], c["dob"]) for c in referral["children"]] == [("Darren EVANS-PRICE", "2020-08-29"),
                                                                     ("Reece EVANS-PRICE", "2023-08-06")]


def test_a_name_label_says_whose_box_when_no_heading_does() -> None:
    doc = Document()
    doc.add_heading("Marac referral form", level=1)
    table = _table(doc, 4)
    cells = table.add_row().cells
    _label(cells[0], "Referring agency")
    write(cells[1].merge(cells[3]), "Exampleshire NHS Foundation Trust")
    cells = table.add_row().cells
    _label(cells[0], "Date")
    write(cells[1].merge(cells[3]), "30/10/2026")
    cells = table.add_row().cells
    _label(cells[0], "Victim name")
    write(cells[1], "Grace EVANS-PRICE")
    _label(cells[2], "Victim DOB")
    write(cells[3], "17/10/1974")
    cells = table.add_row().cells
    _label(cells[0], "Address")
    write(cells[1].merge(cells[3]), "25 Hawthorn Drive, Exampletown, BS5 0XJ")

    referral = _parse(doc)["referral"]
    assert referral["referrer"]["date"] == "2026-10-30"
    assert referral["victim"]["address"] == "25 Hawthorn Drive, Exampletown, BS5 0XJ"


def test_label_and_value_in_one_cell() -> None:
    doc = Document()
    doc.add_heading("Victim details", level=1)
    table = _table(doc, 2)
    cells = table.add_row().cells
    write(cells[0], "Name: Grace EVANS-PRICE")
    write(cells[1], "DATE OF BIRTH: 22nd September 1978")
    cells = table.add_row().cells
    _label(cells[0], "Diversity data (if known)")
    line = cells[1].paragraphs[0]
    for label, ticked in (("B&ME ", True), ("  Disabled ", False), ("  LGBT ", False)):
        line.add_run(label)
        symbol_box(line, ticked)
    line.add_run("   Gender ")
    struck_choice(line, True, options=("F", "M"))

    victim = _parse(doc)["referral"]["victim"]
    assert victim["name"] == "Grace EVANS-PRICE"
    assert victim["dob"] == "1978-09-22"
    assert (victim["bme"], victim["disabled"], victim["lgbt"]) == (True, False, False)
    assert victim["gender"] == "Female"


def test_struck_through_and_deleted_options_leave_the_answer() -> None:
    doc = Document()
    doc.add_heading("Reason for referral", level=1)
    table = _table(doc, 2)
    for label, value, how in (("Visible high risk", True, "strike"), ("Professional judgement", False, "strike"),
                              ("Potential escalation", True, "delete"), ("Marac repeat", False, "delete")):
        cells = table.add_row().cells
        _label(cells[0], label)
        struck_choice(cells[1].paragraphs[0], value, how=how)
    doc.add_heading("Consent", level=1)
    table = _table(doc, 2)
    cells = table.add_row().cells
    _label(cells[0], "Has consent been given?")
    first = cells[1].paragraphs[0].add_run("Yes")
    cells[1].paragraphs[0].add_run("/")
    cells[1].paragraphs[0].add_run("No")
    etree.SubElement(first._r.get_or_add_rPr(), qn("w:dstrike"))  # Word's double strikethrough

    parsed = _parse(doc)
    reasons = parsed["referral"]["reasons"]
    assert (reasons["visible_high_risk"], reasons["professional_judgement"]) == (True, False)
    assert (reasons["potential_escalation"], reasons["repeat"]) == (True, False)
    assert parsed["referral"]["consent"] is False
    assert not any("not a yes or no" in m for m in _messages(parsed))


def test_guidance_page_is_not_read_as_answers() -> None:
    doc = Document()
    doc.add_heading("Before you refer", level=1)
    doc.add_paragraph("Visible high risk: 14 or more 'yes' answers on the DASH.")
    doc.add_paragraph("Potential escalation: three or more domestic abuse events in a 6-month period.")
    doc.add_page_break()
    doc.add_heading("Reason for referral", level=1)
    table = _table(doc, 2)
    cells = table.add_row().cells
    _label(cells[0], "Visible high risk")
    struck_choice(cells[1].paragraphs[0], False)

    parsed = _parse(doc)
    assert parsed["referral"]["reasons"]["visible_high_risk"] is False
    assert parsed["referral"]["reasons"]["potential_escalation"] is None
    assert not any("reasons" in (p["field"] or "") for p in parsed["problems"])


def test_symbol_font_boxes_are_tick_states() -> None:
    doc = Document()
    doc.add_heading("Reason for referral (tick all that apply)", level=1)
    table = _table(doc, 2)
    for label, ticked in (("Visible high risk (DASH 14 or more)", True), ("Professional judgement", False)):
        cells = table.add_row().cells
        _label(cells[0], label)
        symbol_box(cells[1].paragraphs[0], ticked)
    cells = table.add_row().cells
    _label(cells[0], "Potential escalation")
    run = cells[1].paragraphs[0].add_run()
    sym = etree.SubElement(run._r, qn("w:sym"))
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), "F0FE")

    parsed = _parse(doc)
    reasons = parsed["referral"]["reasons"]
    assert (reasons["visible_high_risk"], reasons["professional_judgement"], reasons["potential_escalation"]) == (
        True, False, True)
    assert "\uf0fe" not in json.dumps(parsed) and "\uf0a8" not in json.dumps(parsed)


def test_several_people_in_one_cell() -> None:
    def form(children: str) -> dict[str, Any]:
        doc = Document()
        doc.add_heading("Victim details", level=1)
        table = _table(doc, 2)
        _pairs(table, ("Name", "Grace EVANS-PRICE"),
               ("Names and dates of birth of any children (and their relationship to the client)", children))
        return _parse(doc)

    numbered = form("1) Owen O'BRIEN – 26.03.2020 (daughter) 2) Darren O'BRIEN – DOB 23.08.2015 (son)")
    assert [(c["name"], c["dob"], c["relationship_to_victim"]) for c in numbered["referral"]["children"]] == [
        ("Owen O'BRIEN", "2020-03-26", "daughter"), ("Darren O'BRIEN", "2015-08-23", "son")]
    lines = form("Owen O'BRIEN, 26/03/2020\nDarren O'BRIEN, 23/08/2015")
    assert [c["name"] for c in lines["referral"]["children"]] == ["Owen O'BRIEN", "Darren O'BRIEN"]

    unreadable = form("Two girls, aged 3 and 5")
    assert unreadable["referral"]["children"] == []  # never a child called "Two girls, aged 3 and 5"
    assert any(p["field"] == "referral.children" for p in unreadable["problems"])


def test_heading_path_says_whose_when_the_nearest_heading_does_not() -> None:
    doc = Document()
    doc.add_heading("Referral form", level=1)
    for person, name, address in (("Victim", "Grace EVANS-PRICE", "25 Hawthorn Drive, Exampletown"),
                                  ("Perpetrator", "Mohammed VAUGHAN", "1 Acacia Avenue, Exampletown")):
        doc.add_heading(person, level=2)
        _pairs(_table(doc, 2), ("Name", name))
        doc.add_heading("Where they live", level=3)  # a sub-heading that names nobody
        _pairs(_table(doc, 2), ("Address", address))

    parsed = _parse(doc)
    referral = parsed["referral"]
    assert (referral["victim"]["name"], referral["victim"]["address"]) == ("Grace EVANS-PRICE",
                                                                          "25 Hawthorn Drive, Exampletown")
    assert [(p["name"], p["address"]) for p in referral["perpetrators"]] == [("Mohammed VAUGHAN",
                                                                            "1 Acacia Avenue, Exampletown")]
    assert not any("does not say whose" in m for m in _messages(parsed))


def test_row_of_labels_names_each_person_before_their_details() -> None:
    doc = Document()
    doc.add_heading("Referral", level=1)
    table = _table(doc, 4)
    for cell, text in zip(table.add_row().cells, ("Victim name", "DOB", "Perpetrator name", "DOB")):
        _label(cell, text)
    for cell, text in zip(table.add_row().cells, ("Grace EVANS-PRICE", "17/10/1974", "Mohammed VAUGHAN",
                                                  "02/06/1988")):
        write(cell, text)

    referral = _parse(doc)["referral"]
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Grace EVANS-PRICE", "1974-10-17")
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [("Mohammed VAUGHAN", "1988-06-02")]


def test_people_in_columns_with_their_labels_down_the_left() -> None:
    # "Perpetrator details | Perpetrator 1 | Perpetrator 2" over "Name | X | Y" rows: one person a column,
    # the second column unused ("N/A") by a referrer with one perpetrator on the next form.
    def form(second: tuple[str, str, str, str]) -> dict[str, Any]:
        doc = Document()
        doc.add_heading("MARAC referral form", level=1)
        top = _table(doc, 2)
        full_width_row(top, "Victim details", fill="C9C9C9")
        _pairs(top, ("Name", "Grace ABBOTT"), ("Date of birth", "17/10/1974"), ("Address", "25 Hawthorn Drive"))
        doc.add_paragraph()
        people = _table(doc, 3)
        for cell, text in zip(people.add_row().cells, ("Perpetrator details", "Perpetrator 1", "Perpetrator 2")):
            _label(cell, text)
        first = ("Kieran FLETCHER", "3.8.95", "131 Foundry Road, Exampletown", "Boyfriend")
        for label, one, two in zip(("Name", "Date of birth", "Address", "Relationship to victim"), first, second):
            cells = people.add_row().cells
            write(cells[0], label, bold=True)
            for cell, text in ((cells[1], one), (cells[2], two)):
                if text:
                    write(cell, text)
        return _parse(doc)

    parsed = form(("Liam SZYMANSKI", "11.2.76", "115 Canal Street, Exampletown", "Husband"))
    referral = parsed["referral"]
    assert [(p["name"], p["dob"], p["address"], p["relationship_to_victim"]) for p in referral["perpetrators"]] == [
        ("Kieran FLETCHER", "1995-08-03", "131 Foundry Road, Exampletown", "Boyfriend"),
        ("Liam SZYMANSKI", "1976-02-11", "115 Canal Street, Exampletown", "Husband")]
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Grace ABBOTT", "1974-10-17")
    assert parsed["problems"] == []

    parsed = form(("N/A", "", "", ""))
    assert [p["name"] for p in parsed["referral"]["perpetrators"]] == ["Kieran FLETCHER"]
    assert parsed["problems"] == []


def test_victim_and_perpetrator_columns_under_a_blank_corner() -> None:
    doc = Document()
    table = _table(doc, 3)
    head = table.add_row().cells
    for cell, text in zip(head[1:], ("Victim", "Alleged perpetrator")):
        _label(cell, text)
    for label, victim, perpetrator in (("Name", "Grace ABBOTT", "Darren FLETCHER"),
                                       ("DOB", "17/10/1974", "02/06/1988"), ("Ethnicity", "White British", "Black African")):
        cells = table.add_row().cells
        _label(cells[0], label)
        write(cells[1], victim)
        write(cells[2], perpetrator)

    parsed = _parse(doc)
    referral = parsed["referral"]
    assert (referral["victim"]["name"], referral["victim"]["dob"], referral["victim"]["ethnicity"]) == (
        "Grace ABBOTT", "1974-10-17", "White British")
    assert [(p["name"], p["dob"], p["ethnicity"]) for p in referral["perpetrators"]] == [
        ("Darren FLETCHER", "1988-06-02", "Black African")]
    assert parsed["problems"] == []


def test_a_full_width_row_among_columns_of_people_is_the_one_person_it_can_be() -> None:
    # "Victim | Alleged perpetrator" columns of "Surname: X" cells, then full-width rows that are one
    # person's by what they ask: the relationship is his, the safe number hers; a bare "Telephone" could
    # be either and is not guessed.
    doc = Document()
    doc.add_heading("MARAC Referral Form – for agency use in referring a High Risk client to a MARAC", level=2)
    people = _table(doc, 2)
    for cell, text in zip(people.add_row().cells, ("Victim", "Alleged perpetrator")):
        _label(cell, text)
    for label, victim, perpetrator in (("Surname:", "ABBOTT", "VAUGHAN"), ("Forename(s):", "Grace", "Mohammed"),
                                       ("Date of birth:", "17.10.74", "2.6.88")):
        cells = people.add_row().cells
        write(cells[0], f"{label} {victim}")
        write(cells[1], f"{label} {perpetrator}")
    for label, value in (("Safe telephone contact:", "0117 496 0855"), ("Status of relationship:", "Son"),
                         ("Telephone:", "0117 496 0999")):
        full_width_row(people, label, fill=None).paragraphs[0].add_run(f" {value}")  # the printed label in bold

    parsed = _parse(doc)
    referral = parsed["referral"]
    assert (referral["victim"]["name"], referral["victim"]["phone"]) == ("Grace ABBOTT", "0117 496 0855")
    assert [(p["name"], p["relationship_to_victim"], p["phone"]) for p in referral["perpetrators"]] == [
        ("Mohammed VAUGHAN", "Son", None)]
    [problem] = parsed["problems"]
    assert "'Telephone'" in problem["message"] and "0999" not in problem["message"]


def test_children_listed_one_a_line_with_their_gender() -> None:
    doc = Document()
    table = _table(doc, 2)
    _pairs(table, ("Client name", "Bethany O'BRIEN"),
           ("Children in the household (name, DOB, gender – one per line)",
            "Owen O'BRIEN, 26 March 2020, Male\nMia O'BRIEN, 23 August 2015, F"))
    _pairs(table, ("Names and dates of birth of children (and relationship)", "Ava SMITH – 3.4.2019 (daughter)"))

    referral = _parse(doc)["referral"]
    assert [(c["name"], c["dob"], c["gender"], c["relationship_to_victim"]) for c in referral["children"]] == [
        ("Owen O'BRIEN", "2020-03-26", "Male", None), ("Mia O'BRIEN", "2015-08-23", "Female", None),
        ("Ava SMITH", "2019-04-03", None, "daughter")]
