"""South West Sydney Women's Domestic Violence Court Advocacy Service (WDVCAS) "Refer a client" form: an online
form, kept as the Word copy a referrer saves from the browser, so there are no tables at all: each question is a
line of its own in bold and the answer is typed on the line under it, the choices printed as radio buttons
(◉ chosen, ○ not), the sections headings ("Referrer details", "Client details", "Perpetrator details", "Referral
details"), names in "First name" / "Last name" fields, the address split into Street address / Suburb / Postcode
(Australian four-digit postcodes), and the consent questions chained ("If no, does the client know…", "Why is this
referral being made without consent?").

Follows the published web form "Refer a client to SWSWDVCAS" (Justice Support Centre, jsc.org.au; stored copy: see
SOURCE). Taken from it: the title and a paraphrase of its opening note (women 16 and over; Bankstown, Fairfield and
Liverpool; each area's Safety Action Meeting, SAM), the section headings "Referrer details", "Client details",
"Perpetrator details", "Referral details", the questions "Why are you referring this client to the WDVCAS?", a
paraphrase of the consent NOTE (non-police referrals only with the client's consent unless at 'serious threat' and
for the SAM), "Or for the client as defendant, but you assess that they are the primary victim?", "If so, please
provide details including the date of referral and the service contact details", "If no, does the client know that
you are making this referral?", "Why is this referral being made without consent?". The stored copy keeps only the
headings and these questions (the input boxes' own labels are not in it), so the fields inside each section are
laid out in the same style with plain labels.

Filled per seed: radio choices marked ◉/○ (or, as some browsers save them, "(x)" / "( )"); dates as dd/mm/yyyy
or "3 April 1991"; the children typed in one answer box a line each ("Name, age N"; ages, not dates of birth) or
"Nil"; consent given (seed 1) or not with the client not aware and the reason typed (seed 2/3).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document
from docx.document import Document as DocumentType

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.heldout._kit import save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Justice Support Centre, 'Refer a client to SWSWDVCAS' (South West Sydney Women's Domestic Violence Court "
          "Advocacy Service online referral: Referrer details / Client details / Perpetrator details / Referral "
          "details, the Safety Action Meeting consent questions); stored copy: "
          "https://jsc.org.au/refer-a-client-to-swswdvcas")

SUBURBS = (("Liverpool", "2170"), ("Fairfield", "2165"), ("Bankstown", "2200"))
TODAY = dt.date(2026, 11, 2)


def _plan(case: Case) -> dict[str, Any]:
    return {"radio": ("glyph", "paren", "glyph")[case.seed % 3], "date": ("dd/mm/yyyy", "d month yyyy")[case.seed % 2],
            "suburb": SUBURBS[case.seed % 3]}


def _au_phone(case: Case, salt: int) -> str:
    return f"0491 570 {(case.seed * 37 + salt) % 900 + 100:03d}"


def _address(case: Case, path: str, plan: dict[str, Any]) -> tuple[str, str, str]:
    street = case.values[path].split(",")[0].strip()
    suburb, postcode = plan["suburb"]
    return street, suburb, postcode


def _q(doc: DocumentType, label: str, answer: str | None) -> None:
    doc.add_paragraph().add_run(label).bold = True
    for line in (answer or "").split("\n"):
        doc.add_paragraph(line)


def _radio(doc: DocumentType, label: str, options: list[str], chosen: str | None, plan: dict[str, Any]) -> None:
    doc.add_paragraph().add_run(label).bold = True
    on, off = ("◉", "○") if plan["radio"] == "glyph" else ("(x)", "( )")
    doc.add_paragraph("    ".join(f"{on if option == chosen else off} {option}" for option in options))


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")


def _age(iso: str) -> int:
    born = dt.date.fromisoformat(iso)
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("Refer a client to SWSWDVCAS", level=1)
    doc.add_paragraph("Any service can use this form to refer a woman aged 16 or over who is experiencing, or has "
                      "experienced, domestic and family violence. We cover Bankstown, Fairfield and Liverpool; each "
                      "area has a Safety Action Meeting (SAM).")

    doc.add_heading("Referrer details", level=2)
    first, _, last = v["referral.referrer.name"].rpartition(" ")
    _q(doc, "First name", first)
    _q(doc, "Last name", last)
    _q(doc, "Position", v["referral.referrer.role"])
    _q(doc, "Organisation", v["referral.referrer.agency"])
    _q(doc, "Phone", _au_phone(case, 1))
    _q(doc, "Email", v["referral.referrer.email"])
    _q(doc, "Date of referral", date_text(v["referral.referrer.date"], d))

    doc.add_heading("Client details", level=2)
    first, last = split_name(v["referral.victim.name"])
    _q(doc, "First name", first)
    _q(doc, "Last name", last)
    _q(doc, "Date of birth", date_text(v["referral.victim.dob"], d))
    street, suburb, postcode = _address(case, "referral.victim.address", plan)
    _q(doc, "Street address", street)
    _q(doc, "Suburb", suburb)
    _q(doc, "Postcode", postcode)
    _q(doc, "Phone", _au_phone(case, 2))
    _radio(doc, "Is it safe to call this number?", ["Yes", "No"], _yes_no(v["referral.victim.safe_to_call"]), plan)
    _radio(doc, "Is it safe to leave a message?", ["Yes", "No"],
           _yes_no(v["referral.victim.safe_to_leave_message"]), plan)
    _q(doc, "Best time to call", v["referral.victim.contact_notes"])
    interpreter = v["referral.victim.interpreter_language"]
    _radio(doc, "Does the client need an interpreter?", ["Yes", "No"], "Yes" if interpreter else "No", plan)
    _q(doc, "If yes, which language?", interpreter)
    kids = [f"{v[f'referral.children.{i}.name']}, age {_age(v[f'referral.children.{i}.dob'])}"
            for i in range(case.children)]
    _q(doc, "Children (names and ages)", "\n".join(kids) if kids else "Nil")

    doc.add_heading("Perpetrator details", level=2)
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        if case.perpetrators > 1:
            doc.add_paragraph().add_run(f"Perpetrator {i + 1}").italic = True
        first, last = split_name(v[f"{q}.name"])
        _q(doc, "First name", first)
        _q(doc, "Last name", last)
        _q(doc, "Date of birth", date_text(v[f"{q}.dob"], d))
        _q(doc, "Relationship to client", v[f"{q}.relationship_to_victim"])
        street, suburb, postcode = _address(case, f"{q}.address", plan)
        _q(doc, "Address (if known)", f"{street}, {suburb} {postcode}")

    doc.add_heading("Referral details", level=2)
    _q(doc, "Why are you referring this client to the WDVCAS?", v["referral.risks_summary"])
    doc.add_paragraph().add_run("NOTE: WDVCAS accepts non-police referrals only with the client's consent, unless you "
                                "assess the client to be at serious threat and the referral is for the SAM.").italic = True
    _radio(doc, "Is this referral for the client as defendant, but you assess that they are the primary victim?",
           ["Yes", "No"], "No", plan)
    _radio(doc, "Has the client been referred to a SAM before?", ["Yes", "No"], "No", plan)
    _q(doc, "If so, please provide details including the date of referral and the service contact details", None)
    _radio(doc, "Does the client consent to this referral?", ["Yes", "No"], _yes_no(v["referral.consent"]), plan)
    aware = None if v["referral.consent"] else _yes_no(v["referral.victim_aware"])
    _radio(doc, "If no, does the client know that you are making this referral?", ["Yes", "No"], aware, plan)
    _q(doc, "Why is this referral being made without consent?", v["referral.consent_override_reason"])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.email",
        "referral.referrer.date", "referral.victim.name", "referral.victim.dob", "referral.victim.safe_to_call",
        "referral.victim.safe_to_leave_message", "referral.victim.contact_notes",
        "referral.victim.interpreter_language", "referral.risks_summary", "referral.consent",
        "referral.consent_override_reason")}
    found["referral.referrer.phone"] = _au_phone(case, 1)
    found["referral.victim.phone"] = _au_phone(case, 2)
    street, suburb, postcode = _address(case, "referral.victim.address", plan)
    found["referral.victim.address"] = f"{street}, {suburb}, {postcode}"
    found["referral.victim.postcode"] = postcode
    if not v["referral.consent"]:
        found["referral.victim_aware"] = v["referral.victim_aware"]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "relationship_to_victim"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        street, suburb, postcode = _address(case, f"{q}.address", plan)
        found[f"{q}.address"] = f"{street}, {suburb} {postcode}"
    for i in range(case.children):
        found[f"referral.children.{i}.name"] = v[f"referral.children.{i}.name"]
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("sw-sydney-wdvcas", "South West Sydney, Australia (WDVCAS)", SOURCE, "referral", build, expected)]
