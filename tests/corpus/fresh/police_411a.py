"""A police force's domestic abuse incident form (Form 411A, "Domestic Abuse Incident Details and DASH 2009 Risk
Assessment"): every person in a police box, the printed label small at the top of the box and the officer's typed
answer under it, the gender asked inside the forename box ("Forename(s) (M/F)"), the surname in its own box,
ethnicity as a police code, "Y  N" pairs marked in Word, a SECONDARY VICTIM block left blank, and the children in
one table with a column per child.

Follows the published "Form 411A (11/10)" (RESTRICTED WHEN COMPLETE; stored copy: docslib.org, see SOURCE; the
stored copy does not name the force). Taken from it: the banner "TO BE COMPLETED FOR ALL DOMESTIC ABUSE / FORCED
MARRIAGE / HONOUR BASED VIOLENCE INCIDENTS (Codes D61, D62 & C59)"; "FWIN:", "PPI no.", "Date of incident:"; the
blocks PRIMARY VICTIM, SECONDARY VICTIM and ALLEGED PERPETRATOR, each with "Forename(s) (M/F)", "Surname/family
name", "Date of birth", "Ethnicity code", "Occupation", "Contact address", "Contact tel no." (twice), "Email
address", "Relationship to alleged perpetrator" (the perpetrator's: "Relationship to victim(s)"), "Drugs
involved? Y N", "Alcohol involved? Y N", "Were injuries sustained? Y N", "Details of injuries", "Were photographs
taken? Y N", the note that the officer is to inform victims their details may be shared, "Consent to sharing
information? Y N", and for the perpetrator "Was the perpetrator arrested? Y N", "If not, what was the reason:",
"Was the perpetrator arrested for a domestic abuse related offence? Y N"; CHILDREN with "Forename(s) (M/F)", "Date
of birth", "Surname/family name", "Ethnicity code", "Address", "School/nursery", "GP/Surgery/Health Visitor", "Does
child ordinarily reside at address? Y N", "Were they present at incident? Y N", "Did they witness incident? Y N",
"Were injuries sustained? Y N", "Additional information". The DASH 2009 questions that follow in the stored copy
are the police checklist `areas/police_dash_2009.py` already has and are not repeated; the officer's own details,
not in the stored text, are laid out after the children in the same box style with plain labels.

Filled per seed: the gender typed after the forename ("Grace (F)"), or the printed "(M/F)" edited to the one that
applies, or "Grace – F"; ethnicity as the code alone ("W1") or the code and its words ("A2 – Pakistani"); the
victim's relationship to the perpetrator in her box ("Mother" when he is her son) and his to her in his; Y / N
marked by striking the other letter through, deleting it, or highlighting the chosen one; the second perpetrator
in a copy of the ALLEGED PERPETRATOR block (seed 2); children in columns Child 1..3, the unused columns left
blank; a child's address "As above" when the child lives with the victim.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, shade
from tests.corpus.fresh._kit import boxed, ethnic_code, inverse_relationship, yn_mark
from tests.corpus.heldout._kit import grid, rng_for, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("A police force's 'Domestic Abuse Incident Details and DASH 2009 Risk Assessment' (Form 411A (11/10), "
          "RESTRICTED WHEN COMPLETE: PRIMARY VICTIM / SECONDARY VICTIM / ALLEGED PERPETRATOR boxes with 'Forename(s) "
          "(M/F)', 'Surname/family name', 'Ethnicity code', 'Y N' questions; CHILDREN; the stored copy names no force); "
          "stored copy: https://docslib.org/download/13637580/to-be-completed-for-all-domestic-abuse")

FILL = "D9D9D9"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 411)
    return {"date": ("dd/mm/yyyy", "d.m.yy", "dd.mm.yyyy")[case.seed % 3],
            "gender": ("paren", "edit-label", "dash")[case.seed % 3],
            "yn": ("strike", "delete", "highlight")[(case.seed + 1) % 3],
            "code_words": case.seed % 2 == 0, "fwin": f"{rng.randint(100, 999)} {rng.randint(10, 28)}/10/26"}


def _yn_cell(cell: _Cell, question: str, value: bool | None, how: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(f"{question}   ")
    yn_mark(paragraph, value, how)


def _forename_box(cell: _Cell, forenames: str | None, gender: str | None, style: str) -> None:
    letter = {"Male": "M", "Female": "F"}.get(gender or "", "")
    if not forenames:
        boxed(cell, "Forename(s) (M/F)", None)
    elif style == "edit-label":
        boxed(cell, f"Forename(s) ({letter})", forenames)
    elif style == "dash":
        boxed(cell, "Forename(s) (M/F)", f"{forenames} – {letter}")
    else:
        boxed(cell, "Forename(s) (M/F)", f"{forenames} ({letter})")


def _ethnicity(value: str | None, words: bool) -> str | None:
    if not value:
        return None
    code = ethnic_code(value)
    return f"{code} – {value}" if words else code


def _person_block(doc: Any, title: str, person: dict[str, Any] | None, plan: dict[str, Any], *,
                  perpetrator: bool = False) -> Table:
    """One PRIMARY VICTIM / SECONDARY VICTIM / ALLEGED PERPETRATOR block; `person` None leaves it blank."""
    p = person or {}
    how, d = plan["yn"], plan["date"]
    t = grid(doc, 3)
    full_width_row(t, title, fill=FILL)
    forenames, surname = split_name(p["name"]) if p.get("name") else (None, None)
    cells = t.add_row().cells
    _forename_box(cells[0], forenames, p.get("gender"), plan["gender"])
    boxed(cells[1], "Surname/family name", surname)
    boxed(cells[2], "Date of birth", date_text(p.get("dob"), d) or None)
    cells = t.add_row().cells
    boxed(cells[0], "Ethnicity code", _ethnicity(p.get("ethnicity"), plan["code_words"]))
    boxed(cells[1].merge(cells[2]), "Occupation", p.get("occupation"))
    cells = t.add_row().cells
    boxed(cells[0].merge(cells[1]), "Contact address", p.get("address"))
    boxed(cells[2], "Contact tel no.", p.get("phone"))
    cells = t.add_row().cells
    boxed(cells[0].merge(cells[1]), "Email address", p.get("email"))
    boxed(cells[2], "Contact tel no.", p.get("phone2"))
    cells = t.add_row().cells
    boxed(cells[0].merge(cells[2]), "Relationship to victim(s)" if perpetrator else
          "Relationship to alleged perpetrator", p.get("relationship"))
    cells = t.add_row().cells
    _yn_cell(cells[0], "Drugs involved?", p.get("drugs"), how)
    _yn_cell(cells[1], "Alcohol involved?", p.get("alcohol"), how)
    _yn_cell(cells[2], "Were injuries sustained?", p.get("injured"), how)
    cells = t.add_row().cells
    boxed(cells[0].merge(cells[2]), "Details of injuries", p.get("injuries"))
    if perpetrator:
        cells = t.add_row().cells
        _yn_cell(cells[0], "Was the perpetrator arrested?", p.get("arrested"), how)
        boxed(cells[1].merge(cells[2]), "If not, what was the reason:", p.get("not_arrested_reason"))
        cells = t.add_row().cells
        _yn_cell(cells[0].merge(cells[2]), "Was the perpetrator arrested for a domestic abuse related offence?",
                 p.get("arrested") if p else None, how)
    else:
        cells = t.add_row().cells
        _yn_cell(cells[0], "Were photographs taken?", p.get("photos"), how)
        note = cells[1].merge(cells[2])
        note.paragraphs[0].add_run("Officer to inform all victims that the details of this incident may be shared "
                                   "with partner agencies").italic = True
        cells = t.add_row().cells
        _yn_cell(cells[0].merge(cells[2]), "Consent to sharing information?", p.get("consent"), how)
    return t


def _children(doc: Any, case: Case, plan: dict[str, Any]) -> None:
    """CHILDREN: the labels down the left, one column per child (three printed), unused columns blank."""
    v, d, how = case.values, plan["date"], plan["yn"]
    t = grid(doc, 4)
    full_width_row(t, "CHILDREN", fill=FILL)
    head = t.add_row().cells
    for col, text in enumerate(("", "Child 1", "Child 2", "Child 3")):
        head[col].paragraphs[0].add_run(text).bold = True
        shade(head[col], "F2F2F2")
    kids = []
    for i in range(case.children):
        c = f"referral.children.{i}"
        forenames, surname = split_name(v[f"{c}.name"])
        kids.append({"forenames": forenames, "surname": surname, "gender": v[f"{c}.gender"],
                     "dob": date_text(v[f"{c}.dob"], d), "ethnicity": _ethnicity(v["referral.victim.ethnicity"],
                                                                                  plan["code_words"]),
                     "address": _child_address(case, i)[0], "school": v[f"{c}.school"],
                     "gp": "Canal Street Surgery", "lives": v[f"{c}.lives_with_victim"], "present": i == 0,
                     "witness": i == 0, "injured": False})
    rows = [("Forename(s) (M/F)", "forename"), ("Date of birth", "dob"), ("Surname/family name", "surname"),
            ("Ethnicity code", "ethnicity"), ("Address", "address"), ("School/nursery", "school"),
            ("GP/Surgery/Health Visitor", "gp")]
    for text, key in rows:
        cells = t.add_row().cells
        cells[0].paragraphs[0].add_run(text).bold = True
        for col in range(3):
            if col >= len(kids):
                continue
            kid = kids[col]
            if key == "forename":
                letter = "M" if kid["gender"] == "Male" else "F"
                value = f"{kid['forenames']} – {letter}" if plan["gender"] == "dash" else f"{kid['forenames']} ({letter})"
            else:
                value = kid[key]
            cells[col + 1].paragraphs[0].add_run(value)
    for text, key in (("Does child ordinarily reside at address?", "lives"),
                      ("Were they present at incident?", "present"), ("Did they witness incident?", "witness"),
                      ("Were injuries sustained?", "injured")):
        cells = t.add_row().cells
        cells[0].paragraphs[0].add_run(text).bold = True
        for col in range(3):
            yn_mark(cells[col + 1].paragraphs[0], kids[col][key] if col < len(kids) else None, how)
    cells = t.add_row().cells
    cells[0].paragraphs[0].add_run("Additional information").bold = True
    if kids:
        cells[1].paragraphs[0].add_run("Asleep upstairs, woke during the incident")


def _child_address(case: Case, i: int) -> tuple[str, str]:
    """(what the officer types, what it means)."""
    if case[f"referral.children.{i}.lives_with_victim"]:
        return "As above", case["referral.victim.address"]
    other = "c/o maternal grandmother, 12 Elm Close, Exampletown, LS8 9UU"
    return other, other


def _victim(case: Case) -> dict[str, Any]:
    v = case.values
    return {"name": v["referral.victim.name"], "gender": "Female", "dob": v["referral.victim.dob"],
            "ethnicity": v["referral.victim.ethnicity"], "occupation": v["referral.victim.occupation"],
            "address": v["referral.victim.address"], "phone": v["referral.victim.phone"],
            "email": f"{v['referral.victim.name'].split()[0].lower()}.home@example.com", "phone2": "N/A",
            "relationship": inverse_relationship(v["referral.perpetrators.0.relationship_to_victim"]),
            "drugs": False, "alcohol": True, "injured": v["dash.answers.1"] == "yes",
            "injuries": "Bruising to upper arm and a cut lip" if v["dash.answers.1"] == "yes" else "None visible",
            "photos": v["dash.answers.1"] == "yes", "consent": v["referral.consent"]}


def _perp_phone(i: int) -> str:
    return f"07700 900{555 + i:03d}"


def _perpetrator(case: Case, i: int) -> dict[str, Any]:
    v, q = case.values, f"referral.perpetrators.{i}"
    return {"name": v[f"{q}.name"], "gender": "Male", "dob": v[f"{q}.dob"], "ethnicity": v[f"{q}.ethnicity"],
            "occupation": v[f"{q}.occupation"], "address": v[f"{q}.address"], "phone": _perp_phone(i),
            "phone2": None, "email": None, "relationship": v[f"{q}.relationship_to_victim"], "drugs": False,
            "alcohol": True, "injured": False, "injuries": None, "arrested": i == 0,
            "not_arrested_reason": None if i == 0 else "Left the scene before officers arrived"}


def build(case: Case) -> bytes:
    plan = _plan(case)
    v = case.values
    doc = Document()
    doc.add_paragraph().add_run("RESTRICTED WHEN COMPLETE").bold = True
    doc.add_paragraph().add_run("TO BE COMPLETED FOR ALL DOMESTIC ABUSE / FORCED MARRIAGE / HONOUR BASED VIOLENCE "
                                "INCIDENTS (Codes D61, D62 & C59)").bold = True
    top = grid(doc, 3)
    cells = top.add_row().cells
    boxed(cells[0], "FWIN:", plan["fwin"])
    boxed(cells[1], "PPI no.", f"PPI/{case.seed * 7331 % 90000 + 10000}")
    boxed(cells[2], "Date of incident:", date_text("2026-10-25", plan["date"]))

    doc.add_paragraph()
    _person_block(doc, "PRIMARY VICTIM", _victim(case), plan)
    doc.add_paragraph()
    _person_block(doc, "SECONDARY VICTIM", None, plan)
    doc.add_paragraph()
    for i in range(case.perpetrators):
        title = "ALLEGED PERPETRATOR" if i == 0 else f"ALLEGED PERPETRATOR ({i + 1})"
        _person_block(doc, title, _perpetrator(case, i), plan, perpetrator=True)
        doc.add_paragraph()
    doc.add_paragraph().add_run("Form 411A (11/10)    RESTRICTED WHEN COMPLETE").italic = True
    doc.add_paragraph().add_run("Domestic Abuse Incident Details and DASH 2009 Risk Assessment").bold = True
    _children(doc, case, plan)

    doc.add_paragraph()
    t = grid(doc, 3)
    full_width_row(t, "OFFICER COMPLETING", fill=FILL)
    cells = t.add_row().cells
    boxed(cells[0], "Name", v["referral.referrer.name"])
    boxed(cells[1], "Collar no.", f"{4000 + case.seed * 17}")
    boxed(cells[2], "Station", "Exampletown")
    cells = t.add_row().cells
    boxed(cells[0], "Tel no.", v["referral.referrer.phone"])
    boxed(cells[1], "Email", v["referral.referrer.email"])
    boxed(cells[2], "Date", date_text(v["referral.referrer.date"], plan["date"]))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.ethnicity", "referral.victim.occupation",
        "referral.victim.address", "referral.victim.postcode", "referral.victim.phone", "referral.consent",
        "referral.referrer.name", "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date")}
    found["referral.victim.gender"] = "Female"
    found["referral.additional_victims"] = []
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "ethnicity", "occupation", "address", "relationship_to_victim"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.gender"] = "Male"
        found[f"{q}.phone"] = _perp_phone(i)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender", "school", "lives_with_victim"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = _child_address(case, i)[1]
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("police-411a-incident", "A police force (Form 411A; the stored copy names no force)", SOURCE,
                  "referral", build, expected)]
