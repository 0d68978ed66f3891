"""South West Sydney Women's Domestic Violence Court Advocacy Service's "Refer a client to SWSWDVCAS" form (New South
Wales, Australia; Bankstown, Fairfield and Liverpool, each with a Safety Action Meeting, the local counterpart of a
MARAC), an online form saved to Word the way services circulate it: four section heads ("Referrer details", "Client
details", "Perpetrator details", "Referral details"), every answer in a FILL-IN FIELD (Word content controls, legacy
FORMTEXT fields, or plain cells) with the optional ones left showing "Click or tap here to enter text."; names split
into "First name" / "Last name"; the address split into "Street address" / "Suburb" / "Postcode"; Yes / No as
drop-downs; the consent questions of the original ("If no, does the client know that you are making this referral?",
"Why is this referral being made without consent?") with its NOTE and the Part 13A paragraph printed between them.

Follows the published form (stored copy: jsc.org.au, see SOURCE). Taken from it: the title, a paraphrase of its opening
(for any service referring a woman 16 years and over experiencing domestic and family violence; the three areas and
their Safety Action Meetings; the state-wide number for other areas), the section heads "Referrer details", "Client
details", "Perpetrator details", "Referral details", "Why are you referring this client to the WDVCAS?", a paraphrase of
the NOTE (non-police referrals only with consent unless the client is at 'serious threat' and the referral is for the
SAM), "Or for the client as defendant, but you assess that they are the primary victim?", "If so, please provide
details including the date of referral and the service contact details", "If no, does the client know that you are
making this referral?", "Why is this referral being made without consent?" and a paraphrase of the Part 13A paragraph,
where the stored text stops. The field labels inside each section (the stored copy keeps only the section heads) are
plain labels in the same style.

Filled per seed: Word 2010 content controls, a date picker for the dates and drop-downs for Yes / No (seed 1); legacy
FORMTEXT fields with Yes / No typed (seed 2); content controls again with the dates typed "d month yyyy" and the
optional fields left as the grey prompt (seed 3). Dates otherwise "dd/mm/yyyy".
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import dropdown
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.fresh4._kit import split_address
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("South West Sydney Women's Domestic Violence Court Advocacy Service (NSW, Australia), 'Refer a client to "
          "SWSWDVCAS' (Referrer details; Client details; Perpetrator details; Referral details: Why are you referring "
          "this client to the WDVCAS?, … If no, does the client know that you are making this referral?, Why is this "
          "referral being made without consent?); stored copy: https://jsc.org.au/refer-a-client-to-swswdvcas")

HEAD = "D5C4DC"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"fields": ("control", "formtext", "control")[i], "date": ("picker", "dd/mm/yyyy", "d month yyyy")[i],
            "yn": ("dropdown", "typed", "dropdown")[i], "optional_blank": i == 2}


class _Filler:
    def __init__(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.fields = Fields()

    def text(self, cell: Any, value: str | None) -> None:
        paragraph = cell.paragraphs[0]
        if self.plan["fields"] == "formtext":
            self.fields.form_text(paragraph, value or "")
        else:
            self.fields.control_text(paragraph, value or "")

    def date(self, cell: Any, iso: str | None) -> None:
        if self.plan["date"] == "picker" and iso:
            self.fields.control_date(cell.paragraphs[0], date_text(iso, "dd/mm/yyyy"))
        else:
            self.text(cell, date_text(iso, "dd/mm/yyyy" if self.plan["date"] == "picker" else self.plan["date"]))

    def yes_no(self, cell: Any, value: bool | None) -> None:
        if self.plan["yn"] == "dropdown":
            dropdown(cell.paragraphs[0], ["Yes", "No"], None if value is None else ("Yes" if value else "No"))
        else:
            self.text(cell, None if value is None else ("Yes" if value else "No"))


def _head(t: Table, text: str) -> None:
    full_width_row(t, text, fill=HEAD)


def _row(t: Table, text: str) -> Any:
    cells = t.add_row().cells
    label(cells[0], text, fill="EDE7F0")
    return cells[1]


def build(case: Case) -> bytes:
    plan = _plan(case)
    fill = _Filler(plan)
    v = case.values
    optional = (lambda value: None) if plan["optional_blank"] else (lambda value: value)
    doc = Document()
    doc.add_heading("Refer a client to SWSWDVCAS", level=1)
    doc.add_paragraph("Any service can use this form to refer a woman aged 16 or over who is experiencing, or has "
                      "experienced, domestic and family violence (DFV) to South West Sydney Women's Domestic Violence "
                      "Court Advocacy Service (WDVCAS). We cover Bankstown, Fairfield and Liverpool; each area has a "
                      "Safety Action Meeting (SAM) coordinated by the WDVCAS. For clients living elsewhere, call the "
                      "state-wide WDVCAS number and enter the client's postcode.")
    t = grid(doc, 2)

    _head(t, "Referrer details")
    forename, _, surname = v["referral.referrer.name"].rpartition(" ")
    for text, value in (("First name", forename), ("Last name", surname),
                        ("Organisation", v["referral.referrer.agency"]), ("Position", v["referral.referrer.role"]),
                        ("Phone", v["referral.referrer.phone"]), ("Email", v["referral.referrer.email"])):
        fill.text(_row(t, text), value)
    fill.date(_row(t, "Date of referral"), v["referral.referrer.date"])

    _head(t, "Client details")
    forename, surname = split_name(v["referral.victim.name"])
    street, postcode = split_address(v["referral.victim.address"])
    street, _, suburb = street.rpartition(", ")
    fill.text(_row(t, "First name"), forename)
    fill.text(_row(t, "Last name"), surname)
    fill.text(_row(t, "Other names used"), optional("Nil"))
    fill.date(_row(t, "Date of birth"), v["referral.victim.dob"])
    fill.text(_row(t, "Street address"), street)
    fill.text(_row(t, "Suburb"), suburb)
    fill.text(_row(t, "Postcode"), postcode)
    fill.text(_row(t, "Phone"), v["referral.victim.phone"])
    fill.yes_no(_row(t, "Is it safe to call?"), v["referral.victim.safe_to_call"])
    fill.yes_no(_row(t, "Is it safe to leave a message?"), v["referral.victim.safe_to_leave_message"])
    fill.text(_row(t, "Cultural background"), v["referral.victim.ethnicity"])
    fill.yes_no(_row(t, "Interpreter required?"), v["referral.victim.interpreter_language"] is not None)
    fill.text(_row(t, "If yes, which language?"), v["referral.victim.interpreter_language"])
    fill.text(_row(t, "Number of children in her care"), str(case.children))

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        _head(t, "Perpetrator details")
        forename, surname = split_name(v[f"{q}.name"])
        fill.text(_row(t, "First name"), forename)
        fill.text(_row(t, "Last name"), surname)
        fill.date(_row(t, "Date of birth"), v[f"{q}.dob"])
        fill.text(_row(t, "Relationship to client"), v[f"{q}.relationship_to_victim"])
        fill.text(_row(t, "Address (if known)"), v[f"{q}.address"])

    _head(t, "Referral details")
    fill.text(_row(t, "Why are you referring this client to the WDVCAS?"), v["referral.risks_summary"])
    note = t.add_row().cells
    merged = note[0].merge(note[1])
    merged.paragraphs[0].add_run("NOTE: ").bold = True
    merged.paragraphs[0].add_run("WDVCAS accepts referrals from services other than police only with the client's "
                                 "consent. Do not refer without consent unless you assess the client to be at "
                                 "'serious threat' and the referral is for the SAM.")
    fill.yes_no(_row(t, "Is this referral for the client as a victim?"), True)
    fill.text(_row(t, "Or for the client as defendant, but you assess that they are the primary victim?"),
              optional("N/A"))
    fill.yes_no(_row(t, "Has the client been referred to another service?"), False)
    fill.text(_row(t, "If so, please provide details including the date of referral and the service contact "
                      "details"), None)
    fill.yes_no(_row(t, "Does the client consent to this referral?"), v["referral.consent"])
    aware = None if v["referral.consent"] else v["referral.victim_aware"]
    fill.yes_no(_row(t, "If no, does the client know that you are making this referral?"), aware)
    fill.text(_row(t, "Why is this referral being made without consent?"), v["referral.consent_override_reason"])
    tail = t.add_row().cells
    tail[0].merge(tail[1]).paragraphs[0].add_run(
        "A service provider must ask for the victim's consent unless that is unreasonable or impractical (for "
        "example, it would put her at greater risk). Part 13A of the Crimes Act lets services share information "
        "without consent where this is needed to prevent or lessen a serious threat to safety.")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.postcode", "referral.victim.phone",
        "referral.victim.safe_to_call", "referral.victim.safe_to_leave_message", "referral.victim.ethnicity",
        "referral.victim.interpreter_language", "referral.risks_summary", "referral.consent",
        "referral.consent_override_reason")}
    if not v["referral.consent"]:
        found["referral.victim_aware"] = v["referral.victim_aware"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    return found


FORMS = [AreaForm("swsydney-wdvcas-referral",
                  "South West Sydney WDVCAS (New South Wales, Australia; court advocacy / Safety Action Meeting "
                  "referral)", SOURCE, "referral", build, expected)]
