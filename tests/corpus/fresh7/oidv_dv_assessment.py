"""A family violence intake / assessment sheet from an Australian service (OIDV Australia, "DV assessment"), sent on
to a MARAC-style safety meeting as the referral: NO TABLE AT ALL. Every question is a typed line "Label: ______" with
the answer typed into the blank (the rest of the underscores left, seed 1), after the blank (seed 2) or on the line
under it (seed 3); every choice is a printed row of "☐ Option" boxes ("Location/Mode: ☐ In-person ☐ Phone …",
"Is it safe to contact the client? ☐ Yes ☐ No ☐ Unsure", "Interpreter: ☐ No ☐ Yes (language): ____") with the chosen
box overtyped (☒, ☑ or ✔); the referrer is one line "Assessor/Role/Service:" holding name, role and service; the
client's phone is "Safe number/email:" and her contact notes "Safe times:"; the perpetrator has no field of his own
and is named on the "Notes:" line after the law-enforcement question; the narrative is three free-text headings
("Reason for contact / presenting concerns (client's words if possible):", "Incident summary (most recent):",
"Pattern over time …:") with the text on the lines under each.

Copied from the stored copy (oidv-australia.com.au, the sheet as text): "Client name/ID:", "Date/Time:",
"Assessor/Role/Service:", "Location/Mode: ☐ In-person ☐ Phone ☐ Telehealth ☐ Outreach", "Interpreter: ☐ No ☐ Yes
(language):", "Jurisdiction:", "Is it safe to contact the client? ☐ Yes ☐ No ☐ Unsure", "Safe method(s): ☐ Call ☐ Text
☐ Email ☐ App ☐ Through third party (who?):", "Safe number/email:", "Safe times:", "Code word / safety phrase:",
"Confidentiality explained + limits discussed (mandatory reporting, duty of care): ☐ Yes ☐ No", "Immediate safety
screen (right now):", "Reason for contact / presenting concerns (client's words if possible):", "Incident summary (most
recent):", "Pattern over time (frequency, escalation, coercive control):", "Separation status: ☐ Together ☐ Separated
☐ Planning to leave ☐ Recently left", "Is the alleged perpetrator in law enforcement? ☐ Current ☐ Former ☐ Other …",
"Agency/Employer (if safe to record):", "Role/rank/duties:", "Notes:" and the first risk boxes ("Threats to kill
client/children/others", "Strangulation/pressure to neck ever (even once)", "Use/threat with weapons or objects",
"Escalation in frequency/severity", "Stalking / monitoring / follo…", where the stored text stops). A short "Date of
birth:" / "Address:" pair after the client's name is added in the same style (the sheet has only "Client name/ID").
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.shared import Pt

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import save

SOURCE = ("OIDV Australia, 'DV assessment' intake sheet (Client name/ID; Date/Time; Assessor/Role/Service; Interpreter; "
          "Is it safe to contact the client?; Safe number/email; Safe times; Reason for contact / presenting concerns; "
          "Incident summary (most recent); Is the alleged perpetrator in law enforcement? … Notes; risk boxes); stored "
          "copy: https://oidv-australia.com.au/dv-assessment")

BLANK = "_" * 28


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"where": ("in-blank", "after-blank", "below")[i], "mark": ("☒", "☑", "✔")[i],
            "date": ("dd/mm/yyyy", "d/m/yyyy", "d month yyyy")[i]}


class _Sheet:
    def __init__(self, doc: Any, plan: dict[str, Any]) -> None:
        self.doc = doc
        self.plan = plan

    def line(self, text: str, value: str | None) -> None:
        p = self.doc.add_paragraph()
        p.add_run(f"{text} ").bold = True
        where = self.plan["where"]
        if not value:
            p.add_run(BLANK)
        elif where == "in-blank":
            p.add_run(value)
            p.add_run("_" * max(4, len(BLANK) - len(value)))
        elif where == "after-blank":
            p.add_run(f"{BLANK} {value}")
        else:
            p.add_run(BLANK)
            self.doc.add_paragraph(value)

    def boxes(self, text: str, options: list[str], chosen: str | None, tail: str | None = None) -> None:
        p = self.doc.add_paragraph()
        p.add_run(f"{text} ").bold = True
        p.add_run(" ".join(f"{self.plan['mark'] if o == chosen else '☐'} {o}" for o in options))
        if tail is not None:
            p.add_run(f" {tail}")

    def block(self, heading: str, text: str | None) -> None:
        self.doc.add_paragraph().add_run(heading).bold = True
        self.doc.add_paragraph(text or "")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v = case.values
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading("Family Violence Assessment", level=1)
    s = _Sheet(doc, plan)
    s.line("Client name/ID:", v["referral.victim.name"])
    s.line("Date of birth:", date_text(v["referral.victim.dob"], plan["date"]))
    s.line("Address:", v["referral.victim.address"])
    s.line("Date/Time:", f"{date_text(v['referral.referrer.date'], plan['date'])} 10:15")
    s.line("Assessor/Role/Service:", f"{v['referral.referrer.name']} / {v['referral.referrer.role']} / "
                                     f"{v['referral.referrer.agency']}")
    s.boxes("Location/Mode:", ["In-person", "Phone", "Telehealth", "Outreach"], ("Phone", "In-person", "Outreach")[
        (case.seed - 1) % 3])
    language = v["referral.victim.interpreter_language"]
    p = doc.add_paragraph()
    p.add_run("Interpreter: ").bold = True
    mark = plan["mark"]
    p.add_run(f"{'☐' if language else mark} No {mark if language else '☐'} Yes (language): {language or BLANK}")
    s.line("Jurisdiction:", "Exampleshire")
    safe = v["referral.victim.safe_to_call"]
    s.boxes("Is it safe to contact the client?", ["Yes", "No", "Unsure"],
            None if safe is None else ("Yes" if safe else "No"))
    s.boxes("Safe method(s):", ["Call", "Text", "Email", "App"], "Call" if safe else None,
            f"☐ Through third party (who?): {BLANK}")
    s.line("Safe number/email:", v["referral.victim.phone"])
    s.line("Safe times:", v["referral.victim.contact_notes"])
    s.line("Code word / safety phrase:", None)
    s.boxes("Confidentiality explained + limits discussed (mandatory reporting, duty of care):", ["Yes", "No"], "Yes")
    doc.add_paragraph().add_run("Immediate safety screen (right now):").bold = True
    s.block("Reason for contact / presenting concerns (client's words if possible):", v["referral.victim_wishes"])
    s.block("Incident summary (most recent):", v["referral.risks_summary"])
    s.block("Pattern over time (frequency, escalation, coercive control):", None)
    s.boxes("Separation status:", ["Together", "Separated", "Planning to leave", "Recently left"],
            ("Together", "Planning to leave", "Separated")[(case.seed - 1) % 3])
    s.boxes("Is the alleged perpetrator in law enforcement?", ["Current", "Former"], None,
            f"☐ Other (security/corrections/military): {BLANK}")
    s.line("Agency/Employer (if safe to record):", None)
    s.line("Role/rank/duties:", None)
    perps = [f"referral.perpetrators.{i}" for i in range(case.perpetrators)]
    notes = "; ".join(f"Alleged perpetrator: {v[f'{q}.name']} ({v[f'{q}.relationship_to_victim'].lower()}), DOB "
                      f"{date_text(v[f'{q}.dob'], plan['date'])}" for q in perps)
    s.line("Notes:", f"{notes}. Not in law enforcement.")
    doc.add_paragraph().add_run("Risk indicators").bold = True
    for text, slug in (("Threats to kill client/children/others", None), ("Strangulation/pressure to neck ever (even "
                       "once)", 15), ("Use/threat with weapons or objects", 14), ("Escalation in frequency/severity", 12),
                       ("Stalking / monitoring / following", 8)):
        chosen = "threats to kill" in v["referral.risks_summary"] if slug is None else v[f"dash.answers.{slug}"] == "yes"
        doc.add_paragraph(f"{plan['mark'] if chosen else '☐'} {text}")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.date",
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.postcode",
        "referral.victim.phone", "referral.victim.safe_to_call", "referral.victim.contact_notes",
        "referral.victim.interpreter_language", "referral.victim_wishes", "referral.risks_summary")}
    expect_each(found, case, "perpetrators", ("name", "dob", "relationship_to_victim"))
    return found


FORMS = [AreaForm("oidv-dv-assessment",
                  "OIDV Australia (family violence intake / assessment sheet, sent on as the referral)", SOURCE,
                  "referral", build, expected)]
