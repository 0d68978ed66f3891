"""Western Australia's "Common risk assessment tool" (Family and Domestic Violence Risk Assessment Tool, Practice
Tool 2): a one-page summary whose boxes hold the printed label and the typed answer together ("Name: Grace …",
"D.O.B 03/04/1991") with the victim and the perpetrator in blocks of the same labels, the children as "Name and
D.O.B of children:" all in one box, a tick for the level of risk, and then a risk factor table that is NOT the
Dash checklist: its own questions ("Was a weapon used by the perpetrator in most recent event", "Is the perpetrator
stalking the adult victim") with "Yes / No / Unknown" columns and a "Source of information if not adult victim (e.g.
Police)" column.

Follows the published "Practice Tool 2 – Common risk assessment tool" of the Western Australian Family and Domestic
Violence Common Risk Assessment and Risk Management Framework (second edition; stored copy: docplayer.net, see
SOURCE). Taken from it: the title lines, "Service providers that have a role in responding to family and domestic
violence are required to conduct a risk assessment considering the adult victim's assessment of the risk, evidenced
based key risk factors and the service provider's professional judgement", "1. Summary" with "Victim details: Name:
D.O.B Phone: Address:", "Perpetrator details: Name: D.O.B Phone: Address:", "Emergency contact:", "Nature of
relationship between perpetrator / victim:", "Name and D.O.B of children:", "Completed by: Name: Agency: Date
completed: Phone:", "Initial assessment", "Level of FDV risk" with "At HIGH RISK of serious harm" / "At RISK of
harm", "Critical or imminent safety concerns" / "Please list any immediate concerns"; "2. Risk factor
identification", "Violence toward victim/s", the columns "Risk factor / Yes / No / Unknown / Source of information if
not adult victim (e.g. Police)" and its first seven risk factors (weapon used in the most recent event; violence
becoming worse or more frequent; ever physically harmed or threatened to harm; ever raped or sexually assaulted;
ever choked, strangled or suffocated or attempted to; ever tried or threatened to kill; stalking the adult victim),
the asterisk that marks them. The stored text stops there; nothing after it is laid out.

Filled per seed: label and value in one box ("Name: …"); the date of birth "dd/mm/yyyy" or "d.m.yy"; the children
one per line in their box, or "Nil" (seed 3); a second perpetrator in a copy of the perpetrator block (seed 2); the
risk factors marked with ✓ (seed 1), X (seed 2) or ☒ / ☐ in every column (seed 3), a source typed for some.

Expected: the summary's people, the referrer, the concerns; the risk factors are no Dash questions, so the Dash
answers 1 to 7 stay empty (a reader that files these answers under the Dash numbers is wrong).
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import widths
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, shade, write
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("Western Australia, 'Practice Tool 2 – Common risk assessment tool' (Family and Domestic Violence Common Risk "
          "Assessment and Risk Management Framework, second edition: Summary with 'Victim details: Name: D.O.B Phone: "
          "Address:', 'Name and D.O.B of children:', 'Level of FDV risk'; Risk factor identification with Yes / No / "
          "Unknown / Source of information columns); stored copy: "
          "https://docplayer.net/amp/18231446-Practice-tool-2-common-risk-assessment-tool.html")

FACTORS = ["Was a weapon used by the perpetrator in most recent event*",
           "Is the violence becoming worse or more frequent*",
           "Has the perpetrator ever physically harmed or threatened to harm adult victim*",
           "Has the perpetrator ever raped or sexually assaulted adult victim*",
           "Has the perpetrator ever choked, strangled or suffocated the adult victim or attempted to do so*",
           "Has the perpetrator ever tried or threatened to kill the adult victim*",
           "Is the perpetrator stalking the adult victim (could include harassment)*"]
SOURCES = {2: "Police", 5: "Police (incident 25/10)"}


def _plan(case: Case) -> dict[str, Any]:
    return {"date": ("dd/mm/yyyy", "d.m.yy", "dd/mm/yyyy")[(case.seed - 1) % 3],
            "mark": ("✓", "X", "☒")[(case.seed - 1) % 3]}


def _answers(case: Case) -> list[str]:
    rng = random.Random(case.seed * 613 + 7)
    return [rng.choice(("yes", "yes", "no", "unknown")) for _ in FACTORS]


def _inline(cell: _Cell, text: str, value: str | None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = True
    if value:
        lines = value.split("\n")
        paragraph.add_run(f" {lines[0]}")
        for line in lines[1:]:
            cell.add_paragraph(line)


def _person(t: Table, title: str, name: str, dob: str, phone: str | None, address: str) -> None:
    full_width_row(t, title, fill="DEEAF6")
    cells = t.add_row().cells
    _inline(cells[0], "Name:", name)
    _inline(cells[1], "D.O.B", dob)
    cells = t.add_row().cells
    _inline(cells[0], "Phone:", phone)
    _inline(cells[1], "Address:", address)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_paragraph().add_run("Practice Tool 2").bold = True
    doc.add_heading("Common risk assessment tool", level=1)
    doc.add_paragraph("Family and Domestic Violence Risk Assessment Tool").runs[0].bold = True
    doc.add_paragraph("Service providers that have a role in responding to family and domestic violence are required to "
                      "conduct a risk assessment considering the adult victim's assessment of the risk, evidenced based "
                      "key risk factors and the service provider's professional judgement.")
    doc.add_paragraph().add_run("1. Summary").bold = True
    t = grid(doc, 2)
    _person(t, "Victim details:", v["referral.victim.name"], date_text(v["referral.victim.dob"], d),
            v["referral.victim.phone"], v["referral.victim.address"])
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        _person(t, "Perpetrator details:", v[f"{q}.name"], date_text(v[f"{q}.dob"], d), f"07700 900{555 + i:03d}",
                v[f"{q}.address"])
    cells = t.add_row().cells
    _inline(cells[0].merge(cells[1]), "Emergency contact:", "Her sister, 07700 900321")
    relation = "; ".join(f"{v[f'referral.perpetrators.{i}.name'].split()[0]}: {v[f'referral.perpetrators.{i}.relationship_to_victim']}"
                         for i in range(case.perpetrators)) if case.perpetrators > 1 \
        else v["referral.perpetrators.0.relationship_to_victim"]
    cells = t.add_row().cells
    _inline(cells[0].merge(cells[1]), "Nature of relationship between perpetrator / victim:", relation)
    kids = "\n".join(f"{v[f'referral.children.{i}.name']} {date_text(v[f'referral.children.{i}.dob'], d)}"
                     for i in range(case.children)) or "Nil"
    cells = t.add_row().cells
    _inline(cells[0].merge(cells[1]), "Name and D.O.B of children:", kids if case.children <= 1 else "\n" + kids)
    full_width_row(t, "Completed by:", fill="DEEAF6")
    cells = t.add_row().cells
    _inline(cells[0], "Name:", v["referral.referrer.name"])
    _inline(cells[1], "Agency:", v["referral.referrer.agency"])
    cells = t.add_row().cells
    _inline(cells[0], "Date completed:", date_text(v["referral.referrer.date"], d))
    _inline(cells[1], "Phone:", v["referral.referrer.phone"])

    doc.add_paragraph()
    a = grid(doc, 2)
    full_width_row(a, "Initial assessment", fill="DEEAF6")
    cells = a.add_row().cells
    label(cells[0], "Level of FDV risk")
    high = v["dash.score"] >= 14
    write(cells[1], f"{'☒' if high else '☐'} At HIGH RISK of serious harm\n{'☐' if high else '☒'} At RISK of harm")
    cells = a.add_row().cells
    label(cells[0], "Critical or imminent safety concerns\nPlease list any immediate concerns")
    write(cells[1], v["referral.risks_summary"])

    doc.add_paragraph()
    doc.add_paragraph().add_run("2. Risk factor identification").bold = True
    r = grid(doc, 5)
    full_width_row(r, "Violence toward victim/s", fill="DEEAF6")
    cells = r.add_row().cells
    for cell, text in zip(cells, ("Risk factor", "Yes", "No", "Unknown",
                                  "Source of information if not adult victim (e.g. Police)")):
        label(cell, text)
    for n, (factor, answer) in enumerate(zip(FACTORS, _answers(case)), start=1):
        cells = r.add_row().cells
        write(cells[0], factor)
        for cell, kind in zip(cells[1:4], ("yes", "no", "unknown")):
            if plan["mark"] == "☒":
                write(cell, "☒" if kind == answer else "☐")
            elif kind == answer:
                write(cell, plan["mark"])
        if answer == "yes" and n in SOURCES:
            write(cells[4], SOURCES[n])
    widths(r, [8.5, 1.4, 1.4, 1.8, 4.0])
    for row in r.rows[1:2]:
        for cell in row.cells:
            shade(cell, "F2F2F2")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.phone", "referral.victim.address",
        "referral.victim.postcode", "referral.risks_summary", "referral.referrer.name", "referral.referrer.agency",
        "referral.referrer.date", "referral.referrer.phone")}
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "address", "relationship_to_victim"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.phone"] = f"07700 900{555 + i:03d}"
    for i in range(case.children):
        for k in ("name", "dob"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if not case.children:
        found["referral.children"] = []
    for n in range(1, len(FACTORS) + 1):
        found[f"dash.answers.{n}"] = None
    return found


FORMS = [AreaForm("wa-common-risk-tool", "Western Australia (Common risk assessment tool, Practice Tool 2)", SOURCE,
                  "referral+dash", build, expected)]
