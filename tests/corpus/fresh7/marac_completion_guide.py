"""A MARAC referral form laid out from its published "Referral Form Completion Instructions" (the stored copy names no
area; its page title is "reason for referral / additional information"): the referrer first in a label | answer |
label | answer grid ("Referring Agency:" / "Contact Name(s):" / "Telephone / Email:" / "Date:"), the victim's name
with the surname in capitals and any aliases, "Victim DOB:" with a second date where they differ, "Address:" with the
postcode, "Diversity Data" as a FOUR-COLUMN HEADER ROW ("B&ME | Disability | LGBT | Gender") with the answers in the
row under it, "Telephone No:" with the best time to call, "Is this number safe to call?" as a Yes / No box pair, and
"Perpetrator(s) Name:" / "Perpetrator(s) DOB:" as ONE row each, holding every perpetrator (several names in one cell,
separated by "; " or one per line), then "Reason for referral / additional information".

Copied from the stored copy (the completion instructions, not the form itself): the labels "Referring Agency",
"Contact Name(s)", "Telephone / Email", "Date", "Victim Name", "Victim DOB", "Address", "Diversity Data" with its four
items "B&ME", "Disability", "LGBT", "Gender", "Telephone No", "Is this number safe to call?", "Perpetrator(s) Name",
"Perpetrator(s) DOB" and (as the last heading) "Reason for referral / additional information", where the stored
text's instructions stop. The grid itself, "DASH score:", "Relationship to victim:" and the consent row are laid out
in the same style with plain labels.

Filled per seed: typed ☒ / ☐ boxes, dates "dd/mm/yyyy", diversity "Yes" / "No", several perpetrators joined by "; "
(seed 1); legacy FORMCHECKBOX boxes, dates "d.m.yy", diversity "Y" / "N", perpetrators one per line (seed 2); Word
2010 check boxes, dates "3rd April 1991", diversity "YES" / "NO" (seed 3).
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text, yes_no_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, label, named, save
from tests.corpus.unseen._kit import ticks

SOURCE = ("MARAC referral form as described by its 'Referral Form Completion Instructions' (Referring Agency, Contact "
          "Name(s), Telephone / Email, Date, Victim Name, Victim DOB, Address, Diversity Data: B&ME / Disability / "
          "LGBT / Gender, Telephone No, Is this number safe to call?, Perpetrator(s) Name, Perpetrator(s) DOB); the "
          "stored copy names no area; stored copy: https://docsbay.net/reason-for-referral-additional-information")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "formcheckbox", "w14")[i], "date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[i],
            "yn": ("Yes/No", "Y/N", "YES/NO")[i], "join": ("; ", "\n", "; ")[i]}


def _cell_lines(cell: Any, text: str) -> None:
    lines = text.split("\n")
    write(cell, lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v = case.values
    fields = Fields()
    doc = Document()
    doc.add_heading("MARAC Referral Form", level=1)
    doc.add_paragraph("RESTRICTED WHEN COMPLETE. Please read the completion instructions before filling in this form.")

    t = grid(doc, 4)
    full_width_row(t, "Referrer details")
    for pairs in ((("Referring Agency:", v["referral.referrer.agency"]), ("Date:", date_text(
                      v["referral.referrer.date"], plan["date"]))),
                  (("Contact Name(s):", f"{v['referral.referrer.name']} ({v['referral.referrer.role']})"),
                   ("Telephone / Email:", f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}"))):
        cells = t.add_row().cells
        for k, (text, value) in enumerate(pairs):
            label(cells[2 * k], text)
            write(cells[2 * k + 1], value)

    full_width_row(t, "Victim details")
    cells = t.add_row().cells
    label(cells[0], "Victim Name:")
    write(cells[1], named(v["referral.victim.name"], v["referral.victim.aliases"]))
    label(cells[2], "Victim DOB:")
    write(cells[3], date_text(v["referral.victim.dob"], plan["date"]))
    cells = t.add_row().cells
    label(cells[0], "Address:")
    merged = cells[1].merge(cells[3])
    write(merged, v["referral.victim.address"])

    div = t.add_row().cells
    label(div[0], "Diversity Data")
    div[0].merge(div[3])
    heads = t.add_row().cells
    for cell, text in zip(heads, ("B&ME", "Disability", "LGBT", "Gender")):
        label(cell, text, fill="F2F2F2")
    answers = t.add_row().cells
    for cell, key in zip(answers[:3], ("bme", "disabled", "lgbt")):
        write(cell, yes_no_text(v[f"referral.victim.{key}"], plan["yn"]))
    write(answers[3], v["referral.victim.gender"])

    cells = t.add_row().cells
    label(cells[0], "Telephone No:")
    write(cells[1], f"{v['referral.victim.phone']} – {v['referral.victim.contact_notes']}")
    label(cells[2], "Is this number safe to call?")
    ticks(cells[3].paragraphs[0], v["referral.victim.safe_to_call"], plan["box"], fields)

    full_width_row(t, "Perpetrator details")
    perps = [f"referral.perpetrators.{i}" for i in range(case.perpetrators)]
    for text, values in (("Perpetrator(s) Name:", [named(v[f"{q}.name"], v[f"{q}.aliases"]) for q in perps]),
                         ("Perpetrator(s) DOB:", [date_text(v[f"{q}.dob"], plan["date"]) for q in perps]),
                         ("Relationship to victim:", [v[f"{q}.relationship_to_victim"] for q in perps])):
        cells = t.add_row().cells
        label(cells[0], text)
        merged = cells[1].merge(cells[3])
        _cell_lines(merged, plan["join"].join(values))

    full_width_row(t, "Consent and risk")
    cells = t.add_row().cells
    label(cells[0], "DASH score:")
    write(cells[1], str(v["referral.dash_score_stated"]))
    label(cells[2], "Has the victim consented to this referral?")
    ticks(cells[3].paragraphs[0], v["referral.consent"], plan["box"], fields)

    full_width_row(t, "Reason for referral / additional information")
    cells = t.add_row().cells
    merged = cells[0].merge(cells[3])
    write(merged, v["referral.risks_summary"])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.postcode", "referral.victim.gender", "referral.victim.bme",
        "referral.victim.disabled", "referral.victim.lgbt", "referral.victim.phone", "referral.victim.safe_to_call",
        "referral.victim.contact_notes", "referral.dash_score_stated", "referral.consent", "referral.risks_summary")}
    if v["referral.victim.aliases"]:
        found["referral.victim.aliases"] = v["referral.victim.aliases"]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "relationship_to_victim"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        if v[f"{q}.aliases"]:
            found[f"{q}.aliases"] = v[f"{q}.aliases"]
    return found


FORMS = [AreaForm("marac-completion-guide",
                  "a MARAC area whose referral form is published with 'Referral Form Completion Instructions' (the "
                  "stored copy names no area)", SOURCE, "referral", build, expected)]
