"""The Bristol MARAC referral form (CAADA-era layout with Bristol's own criteria page).

Follows the published "Bristol MARAC Referral Criteria" page and the "RESTRICTED WHEN COMPLETED /
Multi-Agency Risk Assessment Conference (MARAC) / Bristol Referral Form" that follows it. The criteria
page (professional judgement; visible high risk: 14 or more ticks on the DASH checklist; potential
escalation: 3 or more reported incidents in 12 months) is paraphrased in three short lines: it is
guidance, not answers. The form's label wording is the stored copy's (Referring agency, Contact
name(s), Telephone/Email, Date, Victim name, ...); after "Victim name" the stored text ends, so the
rest follows the CAADA template that Bristol's form is built on (Victim DOB beside the name, "Is this
number safe to call?", diversity data, perpetrator and children tables, the four criteria, awareness
and consent).

Layout traits: a guidance page first; one table with two label | value pairs in a row ("Victim name |
... | Victim DOB | ..."); answers typed the way referrers type them: "Y", "No", "Yes – see below",
☒/☐ typed before the option, ✓; a diversity block of label | value pairs (BME, Disability, LGBT,
Gender "F"); the perpetrator table with a header row and an "Alias: ..." line in the name cell; the
children table "(please add extra rows if necessary)" with a row added when there are more children
than rows, and "None" / blank rows; dates like "3.4.91" or "03/04/1991".
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes
from tests.corpus.areas.styles import date_text, yes_no_text
from tests.corpus.docx_parts import shade, write

SOURCE = ("Bristol, 'Bristol MARAC Referral Criteria' and 'Multi-Agency Risk Assessment Conference (MARAC) "
          "Bristol Referral Form' (RESTRICTED WHEN COMPLETED); stored copy: "
          "https://docsbay.net/resticted-when-completed")
CHILD_ROWS = 2


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "F2F2F2")


def _plan(case: Case) -> dict[str, Any]:
    rng = random.Random(case.seed * 17 + 2)
    return {"style": rng.choice(("d.m.yy", "dd/mm/yyyy", "d/m/yyyy", "dd.mm.yyyy")),
            "answers": rng.choice(("boxes", "typed", "ticks")), "yn": rng.choice(("Y/N", "Yes/No", "YES/NO")),
            "lgbt_blank": rng.random() < 0.5}


def _answer(paragraph: Paragraph, value: bool | None, how: str, yn: str) -> None:
    """☒ Yes ☐ No typed; 'Y' / 'No' typed; or a tick (✓) for yes and 'No' for no. None: left blank."""
    if value is None:
        return
    if how == "boxes":
        paragraph.add_run(f"{'☒' if value else '☐'} Yes   {'☐' if value else '☒'} No")
    elif how == "ticks":
        paragraph.add_run("✓" if value else "No")
    else:
        paragraph.add_run(yes_no_text(value, yn))


def build(case: Case) -> bytes:
    plan = _plan(case)
    style, how, yn = plan["style"], plan["answers"], plan["yn"]
    v = case.values
    doc = Document()
    doc.add_heading("Bristol MARAC Referral Criteria", level=1)
    doc.add_paragraph("Please attach the completed DASH risk checklist where possible.")
    for line in ("1. Professional judgement – you have serious concerns for the victim's safety.",
                 "2. Visible high risk – 14 or more 'yes' answers on the DASH checklist.",
                 "3. Potential escalation – 3 or more reported incidents in the last 12 months."):
        doc.add_paragraph(line)
    doc.add_page_break()
    doc.add_paragraph().add_run("RESTRICTED WHEN COMPLETED").bold = True
    doc.add_heading("Multi-Agency Risk Assessment Conference (MARAC)", level=2)
    doc.add_heading("Bristol Referral Form", level=2)
    doc.add_paragraph("MARAC referrals should be sent by secure email or other secure method to the MARAC "
                      "Coordinator.")

    top = doc.add_table(rows=0, cols=4)
    top.style = "Table Grid"
    for label, value in (("Referring agency", v["referral.referrer.agency"]),
                         ("Contact name(s)", v["referral.referrer.name"]),
                         ("Telephone/Email", f"{v['referral.referrer.phone']}\n{v['referral.referrer.email']}"),
                         ("Date", date_text(v["referral.referrer.date"], style))):
        cells = top.add_row().cells
        _label(cells[0], label)
        write(cells[1].merge(cells[3]), value)
    cells = top.add_row().cells
    _label(cells[0], "Victim name")
    aliases = v["referral.victim.aliases"]
    write(cells[1], v["referral.victim.name"] + (f"\n(aka {aliases[0]})" if aliases else ""))
    _label(cells[2], "Victim DOB")
    write(cells[3], date_text(v["referral.victim.dob"], style))
    cells = top.add_row().cells
    _label(cells[0], "Address")
    write(cells[1].merge(cells[3]), v["referral.victim.address"])
    cells = top.add_row().cells
    _label(cells[0], "Telephone number")
    write(cells[1], v["referral.victim.phone"])
    _label(cells[2], "Is this number safe to call?")
    _answer(cells[3].paragraphs[0], v["referral.victim.safe_to_call"], how, yn)
    cells = top.add_row().cells
    _label(cells[0], "Please insert any relevant contact information, eg times to call")
    write(cells[1].merge(cells[3]), v["referral.victim.contact_notes"])
    cells = top.add_row().cells
    merged = cells[0].merge(cells[3])
    write(merged, "Diversity data (if known)", bold=True)
    shade(merged, "D9D9D9")
    for (left, lpath), (right, rpath) in ((("BME", "referral.victim.bme"), ("Disability", "referral.victim.disabled")),
                                          (("LGBT", "referral.victim.lgbt"), ("Gender", "referral.victim.gender"))):
        cells = top.add_row().cells
        for label, path, label_cell, value_cell in ((left, lpath, cells[0], cells[1]),
                                                    (right, rpath, cells[2], cells[3])):
            _label(label_cell, label)
            if path == "referral.victim.gender":
                write(value_cell, v[path][0])
            elif path == "referral.victim.lgbt" and plan["lgbt_blank"]:
                continue  # not asked: left blank
            else:
                write(value_cell, yes_no_text(v[path], "Y/N" if how != "typed" else yn))

    doc.add_paragraph()
    perps = doc.add_table(rows=1, cols=4)
    perps.style = "Table Grid"
    for cell, text in zip(perps.rows[0].cells, ("Perpetrator(s) name", "DOB", "Relationship to victim",
                                                "Perpetrator(s) address")):
        _label(cell, text)
    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        cells = perps.add_row().cells
        name = v[f"{p}.name"] + (f"\nAlias: {', '.join(v[f'{p}.aliases'])}" if v[f"{p}.aliases"] else "")
        for cell, text in zip(cells, (name, date_text(v[f"{p}.dob"], style), v[f"{p}.relationship_to_victim"],
                                      v[f"{p}.address"])):
            write(cell, text)

    doc.add_paragraph()
    kids = doc.add_table(rows=1, cols=6)
    kids.style = "Table Grid"
    for cell, text in zip(kids.rows[0].cells, ("Children (please add extra rows if necessary)", "DOB",
                                               "Relationship to victim", "Relationship to perpetrator", "Address",
                                               "School (if known)")):
        _label(cell, text)
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            address = "As victim" if v[f"{c}.lives_with_victim"] else "With paternal grandmother"
            for cell, text in zip(cells, (v[f"{c}.name"], date_text(v[f"{c}.dob"], style),
                                          v[f"{c}.relationship_to_victim"], v[f"{c}.relationship_to_perpetrator"],
                                          address, v[f"{c}.school"])):
                write(cell, text)
        elif i == 0:
            write(cells[0], "None")

    doc.add_paragraph()
    why = doc.add_table(rows=0, cols=4)
    why.style = "Table Grid"
    cells = why.add_row().cells
    _label(cells[0], "Reason for referral / additional information")
    write(cells[1].merge(cells[3]), v["referral.risks_summary"])
    cells = why.add_row().cells
    _label(cells[0], "Number of ticks on the DASH risk checklist")
    write(cells[1].merge(cells[3]), str(v["referral.dash_score_stated"]))
    for left, right in ((("Visible high risk", "referral.reasons.visible_high_risk"),
                         ("Professional judgement", "referral.reasons.professional_judgement")),
                        (("Potential escalation", "referral.reasons.potential_escalation"),
                         ("MARAC repeat", "referral.reasons.repeat"))):
        cells = why.add_row().cells
        for (label, path), label_cell, value_cell in ((left, cells[0], cells[1]), (right, cells[2], cells[3])):
            _label(label_cell, label)
            if path == "referral.reasons.professional_judgement" and v[path] and how == "typed":
                write(value_cell, "Yes – see below")
            else:
                _answer(value_cell.paragraphs[0], v[path], how, yn)
    if v["referral.reasons.professional_judgement"]:
        cells = why.add_row().cells
        _label(cells[0], "Professional judgement – details")
        write(cells[1].merge(cells[3]), v["referral.reasons.professional_judgement_rationale"])
    cells = why.add_row().cells
    _label(cells[0], "Is the victim aware of MARAC referral?")
    _answer(cells[1].paragraphs[0], v["referral.victim_aware"], how, yn)
    _label(cells[2], "If no, why not?")
    write(cells[3], v["referral.victim_aware_reason"] or "")
    cells = why.add_row().cells
    _label(cells[0], "Has consent been given?")
    _answer(cells[1].paragraphs[0], v["referral.consent"], how, yn)
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    plan = _plan(case)
    paths = ["referral.referrer.agency", "referral.referrer.name", "referral.referrer.phone",
             "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.aliases",
             "referral.victim.dob", "referral.victim.address", "referral.victim.postcode", "referral.victim.phone",
             "referral.victim.safe_to_call", "referral.victim.contact_notes", "referral.victim.bme",
             "referral.victim.disabled", "referral.victim.lgbt", "referral.victim.gender", "referral.risks_summary",
             "referral.dash_score_stated", "referral.reasons.visible_high_risk",
             "referral.reasons.professional_judgement", "referral.reasons.professional_judgement_rationale",
             "referral.reasons.potential_escalation", "referral.reasons.repeat", "referral.victim_aware",
             "referral.victim_aware_reason", "referral.consent"]
    found = {p: v[p] for p in paths}
    if plan["lgbt_blank"]:
        found["referral.victim.lgbt"] = None
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "relationship_to_victim", "address"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "relationship_to_victim", "relationship_to_perpetrator", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("bristol-referral", "Bristol", SOURCE, "referral", build, expected)]
