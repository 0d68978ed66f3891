"""Cornwall's "Inter-Agency Adult Safeguarding Referral Form" (the stored copy's ethnicity list has Cornish, Asian
Cornish, Black Cornish, Mixed Cornish and Cornish Gypsy / Roma), used for a domestic abuse case: the victim is "the
Person about Whom Concern is Raised", her name SPLIT into "Surname:" beside "Forename(s):" in a four-column label |
answer | label | answer grid, "Date of Birth or Age:", the address split into "Permanent Address:" and "Postcode:",
"Telephone No (Inc dial code):" beside "Mobile No:", a second "Current Address (If Different):" row; "Sex:" and
"Title:" answered by ticking one of a printed row of boxes ("Male ☐ Female ☒", "Mr ☐ Mrs ☐ Ms ☒ Miss ☐ Other ☐");
long tick lists (health conditions, ethnicity / sub-ethnicity) with one box ticked; the man she fears after it in
the same style.

Follows the published form (stored copy: docsbay.net, see SOURCE). Taken from it: a paraphrase of its opening note
(consult your professional safeguarding lead; the SAB Decision Making Standards and Guidance Notes), "Personal
Details of Person about Whom Concern is Raised", "Agency Ref. No.:", "NHS Number:", "Surname:", "Forename(s):",
"Preferred Name:", "Date of Birth or Age:", "Permanent Address:", "Postcode:", "Telephone No (Inc dial code):",
"Mobile No:", "Current Address (If Different):", "Sex:" with "Male Female Unknown Indeterminate", "Title:" with "Mr
Mrs Ms Miss Other" and "If Other, detail", "Health Conditions:" with its list (a shortened selection of its lines),
"Ethnicity:" / "Sub-Ethnicity:" with its groups (shortened), "Religion or Belief:", "First language:" and
"Interpreter/signe…", where the stored text stops. The concern, consent, the person alleged to have caused harm and
the referrer are laid out after it in the same style with plain labels.

Filled per seed: the boxes as legacy FORMCHECKBOX fields (seed 1), Word 2010 check boxes (seed 2) or typed ☒ / ☐
(seed 3); dates "dd/mm/yyyy", "dd.mm.yyyy" or "d/m/yyyy"; the victim's "Current Address (If Different):" left
blank, "N/A" or "As above"; "Telephone No (Inc dial code):" left blank when she has only a mobile.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.fresh4._kit import split_address
from tests.corpus.fresh5._kit import choice_boxes
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name, title_for

SOURCE = ("Cornwall, 'Inter-Agency Adult Safeguarding Referral Form' (Personal Details of Person about Whom Concern is "
          "Raised: Surname: / Forename(s):, Preferred Name: / Date of Birth or Age:, Permanent Address: / Postcode:, "
          "Telephone No (Inc dial code): / Mobile No:, Sex: Male Female, Title: Mr Mrs Ms Miss Other; Health "
          "Conditions; Ethnicity / Sub-Ethnicity with Cornish lines); stored copy: https://docsbay.net/doc/328132/"
          "the-interagencyadult-safeguardingreferral-form-should-be-emailed-to")

HEAD = "B4C6E7"
HEALTH = ["Long-Term Condition - Physical - Other", "Long-Term Condition - Neurological - Other",
          "Sensory Impairment - Visual", "Sensory Impairment - Hearing", "Learning/Development - Learning Disability",
          "Mental Health – Dementia", "Mental Health - Other", "No Relevant Long-Term Reported Health Conditions"]
ETHNIC = [("White", ["Cornish", "Other British", "Any other white background, please write below"]),
          ("Mixed", ["White and Black Caribbean", "White and Asian", "Any other mixed background, please write below"]),
          ("Asian", ["Indian", "Pakistani", "Bangladeshi", "Any other Asian background, please write below"]),
          ("Black", ["African", "Caribbean", "Any other Black background, please write below"]),
          ("Other", ["Gypsy / Roma", "Traveller of Irish Heritage"])]
ETHNIC_OF = {"White British": ("White", "Other British", ""), "White Polish":
             ("White", "Any other white background, please write below", "Polish"),
             "Black Caribbean": ("Black", "Caribbean", ""), "Pakistani": ("Asian", "Pakistani", ""),
             "Mixed White and Asian": ("Mixed", "White and Asian", ""), "Black African": ("Black", "African", ""),
             "Bangladeshi": ("Asian", "Bangladeshi", "")}
ABUSE = ["Physical", "Sexual", "Psychological", "Financial/Material", "Neglect/Acts of omission", "Domestic Abuse",
         "Discriminatory", "Organisational", "Modern Slavery", "Self-neglect"]


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("formcheckbox", "w14", "☒")[i], "date": ("dd/mm/yyyy", "dd.mm.yyyy", "d/m/yyyy")[i],
            "current": ("", "N/A", "As above")[i]}


def _row(t: Table, pairs: list[tuple[str, str]]) -> list[_Cell]:
    cells = t.add_row().cells
    if len(pairs) == 1:
        label(cells[0], pairs[0][0], fill=None)
        write(cells[1].merge(cells[3]), pairs[0][1])
        return cells
    for index, (text, value) in enumerate(pairs):
        label(cells[index * 2], text, fill=None)
        write(cells[index * 2 + 1], value)
    return cells


def _ticks(t: Table, items: list[str], chosen: set[str], plan: dict[str, Any], fields: Fields) -> None:
    """Two items to a row, each 'text | box'."""
    for start in range(0, len(items), 2):
        cells = t.add_row().cells
        for offset, item in enumerate(items[start:start + 2]):
            write(cells[offset * 2], item)
            box(cells[offset * 2 + 1].paragraphs[0], item in chosen, plan["box"], fields)


def _yes_no(t: Table, question: str, value: bool, plan: dict[str, Any], fields: Fields) -> None:
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), question, fill=None)
    choice_boxes(cells[2].merge(cells[3]).paragraphs[0], ["Yes", "No"], "Yes" if value else "No", plan["box"],
                 fields)


def _person(t: Table, name: str, dob: str, address: str, plan: dict[str, Any], fields: Fields, *,
            gender: str, phone: str, victim: bool, seed: int) -> None:
    forenames, surname = split_name(name)
    street, postcode = split_address(address)
    _row(t, [("Surname:", surname), ("Forename(s):", forenames)])
    _row(t, [("Preferred Name:", ""), ("Date of Birth or Age:", date_text(dob, plan["date"]))])
    _row(t, [("Permanent Address:", street), ("Postcode:", postcode)])
    if victim:
        landline, mobile = (phone, "") if phone.startswith("0117") else ("", phone)
        _row(t, [("Telephone No (Inc dial code):", landline), ("Mobile No:", mobile)])
        _row(t, [("Current Address (If Different):", plan["current"]), ("Postcode:", "")])
        _row(t, [("Telephone No (Inc dial code):", "")])
    cells = t.add_row().cells
    label(cells[0], "Sex:", fill=None)
    choice_boxes(cells[1].paragraphs[0], ["Male", "Female"], gender, plan["box"], fields)
    cells[1].add_paragraph()
    choice_boxes(cells[1].paragraphs[1], ["Unknown", "Indeterminate"], None, plan["box"], fields)
    label(cells[2], "Title:", fill=None)
    choice_boxes(cells[3].paragraphs[0], ["Mr", "Mrs", "Ms", "Miss", "Other"], title_for(gender, seed), plan["box"],
                 fields)
    cells[3].add_paragraph("If Other, detail")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("Inter-Agency Adult Safeguarding Referral Form", level=1)
    doc.add_paragraph("Please talk to your professional safeguarding lead and read the SAB Decision Making Standards "
                      "before sending this form; the SAB Guidance Notes explain each part of it.")

    t = grid(doc, 4)
    full_width_row(t, "Personal Details of Person about Whom Concern is Raised", fill=HEAD)
    _row(t, [("Agency Ref. No.:", "")])
    _row(t, [("NHS Number:", "")])
    _person(t, v["referral.victim.name"], v["referral.victim.dob"], v["referral.victim.address"], plan, fields,
            gender="Female", phone=v["referral.victim.phone"], victim=True, seed=case.seed)
    full_width_row(t, "Health Conditions:", fill=None)
    _ticks(t, HEALTH, {"Mental Health - Other" if v["referral.victim.mental_health"] else
                       "No Relevant Long-Term Reported Health Conditions"}, plan, fields)
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), "Ethnicity:", fill=None)
    label(cells[2].merge(cells[3]), "Sub-Ethnicity:", fill=None)
    group, sub, written = ETHNIC_OF.get(v["referral.victim.ethnicity"], ("Other", "", ""))
    for name, subs in ETHNIC:
        for index, item in enumerate(subs):
            cells = t.add_row().cells
            write(cells[0], name if index == 0 else "")
            write(cells[1], "")
            write(cells[2], item)
            box(cells[3].paragraphs[0], name == group and item == sub, plan["box"], fields)
            if name == group and item == sub and written:
                cells[3].add_paragraph(written)
    _row(t, [("Religion or Belief:", "Not known"), ("First language:", v["referral.victim.first_language"])])
    _row(t, [("Interpreter/signer required?", "Yes – " + v["referral.victim.interpreter_language"]
              if v["referral.victim.interpreter_language"] else "No")])
    doc.add_paragraph()

    c = grid(doc, 4)
    full_width_row(c, "Details of the Concern", fill=HEAD)
    full_width_row(c, "Type of abuse (tick all that apply):", fill=None)
    _ticks(c, ABUSE, {"Domestic Abuse", "Physical"}, plan, fields)
    full_width_row(c, "Brief description of the concern:", fill=None)
    cells = c.add_row().cells
    write(cells[0].merge(cells[3]), v["referral.risks_summary"])
    _row(c, [("Police reference (if reported):", v["referral.crime_reference"]),
              ("DASH risk checklist score:", str(v["dash.score"]))])
    full_width_row(c, "Consent", fill=HEAD)
    _yes_no(c, "Is the person aware of this referral?", v["referral.victim_aware"], plan, fields)
    _yes_no(c, "Has the person consented to this referral?", v["referral.consent"], plan, fields)
    _row(c, [("If No, reason for proceeding without consent:",
              v["referral.victim_aware_reason"] or v["referral.consent_override_reason"] or "")])
    doc.add_paragraph()

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        p = grid(doc, 4)
        full_width_row(p, "Personal Details of Person Alleged to have Caused Harm", fill=HEAD)
        _person(p, v[f"{q}.name"], v[f"{q}.dob"], v[f"{q}.address"], plan, fields, gender="Male", phone="",
                victim=False, seed=case.seed)
        _row(p, [("Relationship to Person about Whom Concern is Raised:", v[f"{q}.relationship_to_victim"])])
        doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "Details of Person Making the Referral", fill=HEAD)
    _row(r, [("Name:", v["referral.referrer.name"]), ("Agency:", v["referral.referrer.agency"])])
    _row(r, [("Job Title:", v["referral.referrer.role"]), ("Telephone No (Inc dial code):",
                                                          v["referral.referrer.phone"])])
    _row(r, [("Email:", v["referral.referrer.email"]), ("Date of Referral:", date_text(v["referral.referrer.date"], d))])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.victim.gender", "referral.victim_aware",
        "referral.consent", "referral.risks_summary", "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    if not v["referral.consent"]:
        found["referral.consent_override_reason"] = v["referral.victim_aware_reason"] or \
            v["referral.consent_override_reason"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "gender", "relationship_to_victim"))
    return found


FORMS = [AreaForm("cornwall-adult-safeguarding", "Cornwall (inter-agency adult safeguarding referral)", SOURCE,
                  "referral", build, expected)]
