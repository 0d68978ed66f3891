"""A Domestic Abuse Prevention Programme referral (a perpetrator programme): the perpetrator is the "client" and
stands in the LEFT-hand column, the victim ("Partner/Victim") in the right; every row prints the same label on
both sides; the children are listed one per line as "Name – date of birth"; the form names other workers (social
worker, CAFCASS, mental health, probation) with their phone numbers.

Follows the published "Domestic Abuse Prevention Programme" referral form ('Working to promote relationships free
of violence and abuse'; the stored copy does not name the area; stored copy: docest.com, see SOURCE). Taken from
it: the title and strapline, the two columns "CONTACT DETAILS (Client/Perpetrator)" and "CONTACT DETAILS
(Partner/Victim)" with the rows Full Name, Current Address, Home Tel, Mobile, Email, Occupation, Ethnicity*,
Religion*, Disability*, First Language*, Sexual Orientation*, the "Dependants" rows "Name/DOB" and "Parental
Responsibility YES/NO", the footnote on the starred rows (a diversity monitoring sheet), "Who does the child(ren)
live with?", "Is the child(ren) involved with Children's social care? If so why?", "Is the child(ren) subject to a
CIN or CP plan …", "Date child(ren) were registered with Children's social care?", "Name and contact details of
child(ren)'s social worker" (Name: / Email:), "Are there any protections orders on the family? …", "Please give
details why a referral is being made to the service? … Nature of abuse, extent, recent incidents, how long it's
been occurring.", "Please note any criminal convictions/cautions for domestic violence offences …", and the grid
"Please indicate whether the client is involved with any other service" (CAFCASS, Mental Health Support,
Vulnerable Adult Services, Probation Services, Drug and Alcohol Agency, Counselling, Health Services, Other, each
"(name of support worker and contact number)"). The stored text stops there; the referrer's own details are laid
out after it with plain labels (Referrer name, Agency, Job title, Telephone, Email, Date of referral).

Filled per seed: the starred rows typed in words (the referrer did not use the monitoring codes); "Parental
Responsibility YES/NO" answered by deleting one word; the victim's Home Tel left blank and her Mobile given; the
children typed under the client's "Name/DOB" and "As client" under the partner's; one or two other services named
with a worker and phone number; no children ("None") on seed 3. A programme referral names one client, so on the
two-perpetrator case the second (his brother) appears only in the text of the reason.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.blind._kit import inline
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label, rng_for, save

SOURCE = ("A Domestic Abuse Prevention Programme ('Working to promote relationships free of violence and abuse'; the "
          "stored copy names no area), perpetrator programme referral form (CONTACT DETAILS (Client/Perpetrator) beside "
          "CONTACT DETAILS (Partner/Victim); Dependants Name/DOB; other services with support workers); stored copy: "
          "https://docest.com/doc/620264/domestic-abuse-prevention-programme")
FILL = "EAF1DD"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 79)
    return {"date": ("d.m.yy", "dd/mm/yyyy", "ordinal")[case.seed % 3], "how": rng.choice(("strike", "delete")),
            "perp_phone": f"07700 900{rng.randint(100, 999)}", "religion": rng.choice(("Christian", "Muslim", "Roman Catholic")),
            "perp_religion": rng.choice(("None", "Christian"))}


def _pair(table: Table, text: str, left: str | None, right: str | None) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    write(cells[1], left or "")
    label(cells[2], text, fill=FILL)
    write(cells[3], right or "")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    q0 = "referral.perpetrators.0"
    doc = Document()
    doc.add_heading("Domestic Abuse Prevention Programme", level=1)
    doc.add_paragraph().add_run("'Working to promote relationships free of violence and abuse'").italic = True

    t = grid(doc, 4)
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), "CONTACT DETAILS (Client/Perpetrator)", fill="C4D79B")
    label(cells[2].merge(cells[3]), "CONTACT DETAILS (Partner/Victim)", fill="C4D79B")
    disability = "Yes – arthritis" if v["referral.victim.disabled"] else "No"
    for text, left, right in (
            ("Full Name", v[f"{q0}.name"], v["referral.victim.name"]),
            ("Current Address", v[f"{q0}.address"], v["referral.victim.address"]),
            ("Home Tel", "", ""),
            ("Mobile", plan["perp_phone"], v["referral.victim.phone"]),
            ("Email", "", ""),
            ("Occupation", v[f"{q0}.occupation"], v["referral.victim.occupation"]),
            ("Ethnicity*", v[f"{q0}.ethnicity"], v["referral.victim.ethnicity"]),
            ("Religion*", plan["perp_religion"], plan["religion"]),
            ("Disability*", "No", disability),
            ("First Language*", "English", v["referral.victim.first_language"]),
            ("Sexual Orientation*", "Heterosexual", "Heterosexual")):
        _pair(t, text, left, right)
    full_width_row(t, "Dependants", fill=FILL)
    kids = [f"{v[f'referral.children.{i}.name']} – {date_text(v[f'referral.children.{i}.dob'], d)}"
            for i in range(case.children)]
    _pair(t, "Name/DOB", "\n".join(kids) or "None", "As client" if kids else "None")
    cells = t.add_row().cells
    for offset, value in ((0, bool(kids)), (2, bool(kids))):
        label(cells[offset], "Parental Responsibility", fill=FILL)
        struck_choice(cells[offset + 1].paragraphs[0], value, options=("YES", "NO"), how=plan["how"])
    note = doc.add_paragraph()
    note.add_run("*using the attached diversity monitor sheet, please insert corresponding number").italic = True

    q = grid(doc, 2)
    own = any(v[f"referral.children.{i}.lives_with_victim"] for i in range(case.children))
    for text, value in (
            ("Who does the child(ren) live with?", ("Their mother" if own else "Maternal grandmother") if kids else "N/A"),
            ("Is the child(ren) involved with Children's social care? If so why?",
             "Yes – child in need, domestic abuse in the home" if kids else "N/A"),
            ("Is the child(ren) subject to a CIN or CP plan. Please attach a copy of the plan to the referral.",
             "CIN plan attached" if kids else "N/A"),
            ("Date child(ren) were registered with Children's social care?", "14/09/2026" if kids else "N/A")):
        cells = q.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    cells = q.add_row().cells
    label(cells[0], "Name and contact details of child(ren)'s social worker", fill=FILL)
    inline(cells[1], "Name:", "Sam Example" if kids else "N/A")
    cells[1].add_paragraph().add_run("Email :").bold = True
    if kids:
        cells[1].paragraphs[-1].add_run(" sam.example@example.gov.uk")
    reason = v["referral.risks_summary"]
    if case.perpetrators > 1:
        reason += f". His brother, {v['referral.perpetrators.1.name']}, has also threatened her."
    for text, value in (
            ("Are there any protections orders on the family? i.e. non molestation order, occupation order etc",
             "Non-molestation order granted October 2026"),
            (("Please give details why a referral is being made to the service? Please provide as much information as "
             "possible. Nature of abuse, extent, recent incidents, how long it's been occurring."), reason),
            (("Please note any criminal convictions/cautions for domestic violence offences. Has the client attended an "
             "Integrated Domestic Abuse Programme through the Probation Service?"),
             "Caution for common assault (2023). Has not attended IDAP.")):
        cells = q.add_row().cells
        merged = cells[0].merge(cells[1])
        inline(merged, text, value, below=True)

    doc.add_paragraph()
    s = grid(doc, 2)
    cells = s.add_row().cells
    label(cells[0].merge(cells[1]), "Please indicate whether the client is involved with any other service", fill=FILL)
    services = (("CAFCASS", "Jo Example, 07700 900321" if kids else ""), ("Mental Health Support", ""),
                ("Vulnerable Adult Services", ""), ("Probation Services", "Lee Example, 0117 496 0321"),
                ("Drug and Alcohol Agency", ""), ("Counselling", ""), ("Health Services", ""), ("Other (please list)", ""))
    for start in range(0, len(services), 2):
        cells = s.add_row().cells
        for cell, (name, worker) in zip(cells, services[start:start + 2]):
            cell.paragraphs[0].add_run(name).bold = True
            cell.add_paragraph("(name of support worker and contact number)").runs[0].italic = True
            if worker:
                cell.add_paragraph(worker)

    doc.add_paragraph()
    r = grid(doc, 2)
    full_width_row(r, "Referrer", fill="C4D79B")
    for text, value in (("Referrer name", v["referral.referrer.name"]), ("Agency", v["referral.referrer.agency"]),
                        ("Job title", v["referral.referrer.role"]), ("Telephone", v["referral.referrer.phone"]),
                        ("Email", v["referral.referrer.email"]),
                        ("Date of referral", date_text(v["referral.referrer.date"], d))):
        cells = r.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    q0 = "referral.perpetrators.0"
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.address", "referral.victim.postcode", "referral.victim.phone",
        "referral.victim.occupation", "referral.victim.ethnicity", "referral.victim.disabled",
        "referral.victim.first_language", "referral.referrer.name", "referral.referrer.agency",
        "referral.referrer.role", "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date")}
    found["referral.victim.religion"] = plan["religion"]
    found["referral.risks_summary"] = v["referral.risks_summary"] + (
        f". His brother, {v['referral.perpetrators.1.name']}, has also threatened her." if case.perpetrators > 1 else "")
    for k in ("name", "address", "occupation", "ethnicity"):
        found[f"{q0}.{k}"] = v[f"{q0}.{k}"]
    found[f"{q0}.phone"] = plan["perp_phone"]
    for i in range(case.children):
        for k in ("name", "dob"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("dapp-referral", "Domestic Abuse Prevention Programme (area not named in the stored copy)", SOURCE,
                  "referral", build, expected)]
