"""NSPCC Gillingham Service Centre's "Referral/Initial Information Record" for "Domestic Abuse: Recovering Together"
(group work for a child and the mother after domestic abuse): a CHILDREN'S service referral that a MARAC inbox gets
forwarded. The mother is never "victim": she is "Mother/Carers Surname:" at the top and "Name of Woman being
referred" lower down; the child is in a nine-column header-row table ("Name of Child being referred | Gender | DOB |
Relationship to referred adult | Child looked after by Local Authority | Ethnic Code | First language | Religion |
Disability") with a blank row left under the one child; ethnicity is a NUMBER ("Ethnic origin code") looked up in a
printed code table (1 White … 6. Pakistani … 15 Not asked); the referrer is "Contact Name(s):" / "Agency Name (if
any):" beside a "Town:" / "Postcode:" of the referrer's office; the man is under "Perpetrators details" in a
label | answer | label | answer grid; "Any contact with the child: Yes No" and the IDAP question as tick pairs.

Follows the published form (stored copy: docsbay.net, see SOURCE). Taken from it: the three title lines, "Please
return to :", a paraphrase of the notes (complete with the parent/carer; unsigned referrals are not considered; the
eligibility list: children aged 7-14, one sibling per family, children not living with the perpetrator),
"Mother/Carers Surname:", "Telephone No.:", "Referrer details", "Contact Name(s):", "Town:", "Postcode:", "Agency Name
(if any):", "Tel:", "Ethnic Origin: (please refer to table below)", "Service user details/family composition", the nine
column heads of the children's table, "Address of child being referred as above", "Which school does referred child
attend?", "Name of Woman being referred", "Ethnic origin code", the code table (1 White, 2. Black African, 3. Black
Caribbean, 4. Black other, 5. Indian, 6. Pakistani, 7. Bangladeshi, 8. Chinese, 9. Asian other, 10. Other, 11. Mixed
origin, 12. Refusal, 13. Not known, 14. Welsh, 15. Not asked, "Self identified:"), "Perpetrators details", "Name:",
"Current address:", "Relationship to service user:", "Date of birth:", "Ethnic origin:", "Tel:", "Any contact with the
child: Yes No", "Please outline the nature of this contact:", "Is perpetrator on IDAP or Strength to Change programme?
Yes No", "If yes, please specify and provide details:", "Please include information about any criminal convictions
relating to domestic abuse:", "Significant others (extended family/friends/professionals) who are not members of
referred person's household." with its side-by-side "Name: / Relationship: / Address: / Tel:", and "Reason for ref…",
where the stored text stops. The mother's forename / date of birth / address rows, the referrer's email and date, the
reason for referral box and the parent/carer's agreement are laid out in the same style with plain labels.

Filled per seed: the tick pairs as ☒ / ☐ typed (seed 1), legacy FORMCHECKBOX fields (seed 2) or an "X" typed after
the word (seed 3); dates "dd/mm/yyyy", "d.m.yy" or "dd.mm.yyyy"; the child's gender "M" / "F" (seeds 1, 3) or
"Male" / "Female" (seed 2); the perpetrator's "Tel:" "Not known" or left blank. Only the first child is named (one
sibling per family); where the case has no child the table is left blank and the school "N/A".
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.shared import Pt
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.fresh4._kit import split_address
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("NSPCC Gillingham Service Centre (Kent), 'Referral/Initial Information Record – Domestic Abuse: Recovering "
          "Together' (Mother/Carers Surname:, Telephone No.:; Referrer details: Contact Name(s):, Town:, Postcode:, "
          "Agency Name (if any):, Tel:; Service user details/family composition: Name of Child being referred / Gender "
          "/ DOB / Relationship to referred adult / … / Ethnic Code …; Name of Woman being referred; Ethnic origin "
          "code table; Perpetrators details: Name:, Current address:, Relationship to service user:, Date of birth:, "
          "Ethnic origin:, Tel:, Any contact with the child: Yes No …); stored copy: "
          "https://docsbay.net/doc/365502/nspcc-hull-family-centre")

CODES = ("1 White", "2. Black African", "3. Black Caribbean", "4. Black other", "5. Indian", "6. Pakistani",
         "7. Bangladeshi", "8. Chinese", "9. Asian other", "10. Other", "11. Mixed origin", "12. Refusal",
         "13. Not known", "14. Welsh", "15. Not asked")
# The case's ethnicity -> the code a referrer picks; only codes that say the same thing are expected back.
CODE_FOR = {"White British": "1", "White Polish": "1", "Black Caribbean": "3", "Pakistani": "6",
            "Mixed White and Asian": "11", "Black African": "2", "Bangladeshi": "7"}
EXACT = {"Black Caribbean", "Pakistani", "Black African", "Bangladeshi"}
HEAD = "D9D9D9"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"tick": ("☒", "formcheckbox", "X")[i], "date": ("dd/mm/yyyy", "d.m.yy", "dd.mm.yyyy")[i],
            "sex": ("letter", "word", "letter")[i]}


def _pair(paragraph: Any, value: bool | None, plan: dict[str, Any], fields: Fields) -> None:
    for index, (word, on) in enumerate((("Yes", value is True), ("No", value is False))):
        paragraph.add_run(f"{'    ' if index else ''}{word} ")
        if plan["tick"] == "X":
            if on:
                paragraph.add_run("X").bold = True
        else:
            box(paragraph, on, plan["tick"], fields)


def _quad(t: Table, a: str, av: str, b: str, bv: str) -> None:
    cells = t.add_row().cells
    label(cells[0], a, fill=None)
    write(cells[1], av)
    label(cells[2], b, fill=None)
    write(cells[3], bv)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_paragraph().add_run("NSPCC Gillingham Service Centre").bold = True
    doc.add_paragraph().add_run("Referral/Initial Information Record").bold = True
    doc.add_paragraph().add_run("Domestic Abuse: Recovering Together").bold = True
    doc.add_paragraph("Please return to :  recoveringtogether@example.org.uk  or by post to the Service Centre.")
    doc.add_paragraph("Please fill in this referral together with the parent/carer: we cannot consider a referral that "
                      "a family member has not signed. Check the eligibility criteria for the group work first. We "
                      "can only accept referrals for:")
    for line in ("Children aged 7-14 years old", "Only one sibling per family",
                 "Children who are not living with the perpetrator of abuse."):
        doc.add_paragraph(line, style="List Bullet")

    forenames, surname = split_name(v["referral.victim.name"])
    street, postcode = split_address(v["referral.victim.address"])
    top = grid(doc, 4)
    _quad(top, "Mother/Carers Surname:", surname, "Telephone No.:", v["referral.victim.phone"])
    _quad(top, "Forename(s):", forenames, "Date of birth:", date_text(v["referral.victim.dob"], d))
    _quad(top, "Address:", street, "Postcode:", postcode)
    doc.add_paragraph()

    ref = grid(doc, 4)
    full_width_row(ref, "Referrer details", fill=HEAD)
    _quad(ref, "Contact Name(s):", v["referral.referrer.name"], "Agency Name (if any):", v["referral.referrer.agency"])
    _quad(ref, "Town:", "Exampletown", "Postcode:", "ME7 9ZZ")
    _quad(ref, "Tel:", v["referral.referrer.phone"], "Email:", v["referral.referrer.email"])
    _quad(ref, "Date of referral:", date_text(v["referral.referrer.date"], d), "Ethnic Origin: (please refer to table "
          "below)", "")
    doc.add_paragraph()

    doc.add_paragraph().add_run("Service user details/family composition").bold = True
    heads = ("Name of Child being referred", "Gender", "DOB", "Relationship to referred adult",
             "Child looked after by Local Authority", "Ethnic Code", "First language", "Religion", "Disability")
    kids = grid(doc, len(heads))
    for cell, head in zip(kids.add_row().cells, heads):
        label(cell, head, fill=HEAD)
    code = CODE_FOR.get(v["referral.victim.ethnicity"], "13")
    c = "referral.children.0"
    if case.children:
        gender = v[f"{c}.gender"] if plan["sex"] == "word" else v[f"{c}.gender"][0]
        row = (v[f"{c}.name"], gender, date_text(v[f"{c}.dob"], d), v[f"{c}.relationship_to_victim"], "No", code,
               v["referral.victim.first_language"], "None", "No")
        for cell, text in zip(kids.add_row().cells, row):
            write(cell, text)
    else:
        kids.add_row()  # no child named yet: the mother is referred first
    kids.add_row()  # the printed blank row, left empty (one sibling per family)

    mid = grid(doc, 2)
    for text, value in (("Address of child being referred as above", "Yes – lives with mum"),
                        ("Which school does referred child attend?", v[f"{c}.school"] if case.children else "N/A"),
                        ("Name of Woman being referred", v["referral.victim.name"]),
                        ("Ethnic origin code", code)):
        cells = mid.add_row().cells
        label(cells[0], text, fill=None)
        write(cells[1], value)
    doc.add_paragraph()

    codes = grid(doc, 4)
    cells = codes.add_row().cells
    label(cells[0], "Ethnic Origin:", fill=HEAD)
    for cell, chunk in zip(cells[1:], (CODES[0:5], CODES[5:10], CODES[10:15])):
        write(cell, "\n".join(chunk))
    cells = codes.add_row().cells
    label(cells[0], "Self identified:", fill=None)
    write(cells[1], "Yes")
    doc.add_paragraph()

    per = grid(doc, 4)
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        full_width_row(per, "Perpetrators details", fill=HEAD)
        _quad(per, "Name:", v[f"{q}.name"], "Current address:", v[f"{q}.address"])
        _quad(per, "Relationship to service user:", v[f"{q}.relationship_to_victim"], "Date of birth:",
              date_text(v[f"{q}.dob"], d))
        _quad(per, "Ethnic origin:", CODE_FOR.get(v[f"{q}.ethnicity"], "13"), "Tel:",
              "Not known" if case.seed != 3 else "")
    q0 = "referral.perpetrators.0"
    contact = case.children > 0 and v[f"{c}.relationship_to_perpetrator"] != "None"
    cells = per.add_row().cells
    merged = cells[0].merge(cells[3])
    merged.paragraphs[0].add_run("Any contact with the child: ").bold = True
    _pair(merged.paragraphs[0], contact, plan, fields)
    cells = per.add_row().cells
    label(cells[0].merge(cells[1]), "Please outline the nature of this contact:", fill=None)
    write(cells[2].merge(cells[3]), "Supervised contact at a contact centre, fortnightly" if contact else "None")
    cells = per.add_row().cells
    merged = cells[0].merge(cells[3])
    merged.paragraphs[0].add_run("Is perpetrator on IDAP or Strength to Change programme? ").bold = True
    _pair(merged.paragraphs[0], False, plan, fields)
    cells = per.add_row().cells
    label(cells[0].merge(cells[1]), "If yes, please specify and provide details:", fill=None)
    cells = per.add_row().cells
    label(cells[0].merge(cells[1]), "Please include information about any criminal convictions relating to domestic "
                                    "abuse:", fill=None)
    write(cells[2].merge(cells[3]), f"Common assault on {v[q0 + '.name'].split()[0]}'s previous partner (2019)")
    doc.add_paragraph()

    sig = grid(doc, 2)
    full_width_row(sig, "Significant others (extended family/friends/professionals) who are not members of referred "
                        "person's household.", fill=HEAD)
    for left, right in (("Name: Joanne (maternal aunt)", "Name:"), ("Relationship: Sister of mum", "Relationship:"),
                        ("Address: Not given", "Address:"), ("Tel: 07700 900999", "Tel:")):
        cells = sig.add_row().cells
        write(cells[0], left)
        write(cells[1], right)
    doc.add_paragraph()

    why = grid(doc, 2)
    cells = why.add_row().cells
    label(cells[0], "Reason for referral", fill=HEAD)
    write(cells[1], v["referral.risks_summary"])
    cells = why.add_row().cells
    label(cells[0], "Parent/carer agrees to this referral", fill=None)
    _pair(cells[1].paragraphs[0], v["referral.consent"], plan, fields)
    cells = why.add_row().cells
    label(cells[0], "Signed (parent/carer)", fill=None)
    write(cells[1], v["referral.victim.name"] if v["referral.consent"] else "")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.phone", "referral.referrer.email",
        "referral.referrer.date", "referral.victim.name", "referral.victim.dob", "referral.victim.address",
        "referral.victim.phone", "referral.risks_summary", "referral.consent")}
    if v["referral.victim.ethnicity"] in EXACT:
        found["referral.victim.ethnicity"] = v["referral.victim.ethnicity"]
    c = "referral.children.0"
    for k in ("name", "dob", "gender", "relationship_to_victim", "school") if case.children else ():
        found[f"{c}.{k}"] = v[f"{c}.{k}"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    return found


FORMS = [AreaForm("nspcc-recovering-together",
                  "NSPCC Gillingham Service Centre (Kent; children's domestic abuse group-work referral)", SOURCE,
                  "referral", build, expected)]
