"""NSPCC "Domestic Abuse: Recovering Together" referral (Referral/Initial Information Record): a children's service
referral where the child comes first and the mother second, so the family table is headed by "Name of Child being
referred" and the woman is "the Woman being referred"; ethnicity is a number from a printed legend table ("3" is
Black Caribbean); answers marked by typing X after the printed option ("Yes  No X"); the referrer's own town and
postcode, and a "Significant others" table of two people side by side (a grandmother, a social worker) who are
neither victim nor perpetrator.

Follows the published NSPCC service centre form (stored copy: docsbay.net, the Gillingham service centre's copy
filed as 'nspcc-hull-family-centre', see SOURCE; the publisher is the NSPCC, a national charity, and the form is not
the Kent and Medway Marac form of `areas/kent.py`). Taken from it: the title lines, a paraphrase of the eligibility
note (children 7-14, one sibling per family, not living with the perpetrator), "Mother/Carers Surname:" /
"Telephone No.:", "Referrer details" with "Contact Name(s):", "Town:", "Postcode:", "Agency Name (if any):",
"Tel:", "Ethnic Origin: (please refer to table below)", "Service user details/family composition" with the columns
"Name of Child being referred / Gender / DOB / Relationship to referred adult / Child looked after by Local
Authority / Ethnic Code / First language / Religion / Disability", "Address of child being referred", "Which school
does referred child attend?", "Name of Woman being referred", "Ethnic origin code", the legend "1 White, 2. Black
African, 3. Black Caribbean, 4. Black other, 5. Indian, 6. Pakistani, 7. Bangladeshi, 8. Chinese, 9. Asian other,
10. Other, 11. Mixed origin, 12. Refusal, 13. Not known, 14. Welsh, 15. Not asked" with "Self identified: Yes",
"Perpetrators details" with "Name:", "Current address:", "Relationship to service user:", "Date of birth:",
"Ethnic origin:", "Tel:", "Any contact with the child: Yes No", "Please outline the nature of this contact:", "Is
perpetrator on IDAP or Strength to Change programme? Yes No", "If yes, please specify and provide details:",
"Please include information about any criminal convictions relating to domestic abuse:", "Significant others
(extended family/friends/professionals) who are not members of referred person's household." with Name /
Relationship / Address / Tel twice, and "Reason for referral". The stored text stops there; the signatures and
dates are laid out after it with plain labels.

Filled per seed: the referred child in the first row and the brothers and sisters in rows the referrer added
(family composition); a child made up for the case without children (this service only takes referrals with a
child; seed 3); codes alone ("3") or with the words ("6 - Pakistani", seed 2); the perpetrator's relationship typed
with who he is to the child ("Ex-partner (father of Owen)"); the second perpetrator in a copy of the "Perpetrators
details" table (seed 2); the referrer's agency postcode a real district with an invented sector.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label, rng_for, save

SOURCE = ("NSPCC, 'Referral/Initial Information Record – Domestic Abuse: Recovering Together' (service centre referral: "
          "Name of Child being referred / Gender / DOB / Relationship to referred adult / Ethnic Code; Name of Woman "
          "being referred; Ethnic origin code legend; Perpetrators details; Significant others); stored copy "
          "(Gillingham service centre): https://docsbay.net/doc/365502/nspcc-hull-family-centre")

LEGEND = ["White", "Black African", "Black Caribbean", "Black other", "Indian", "Pakistani", "Bangladeshi", "Chinese",
          "Asian other", "Other", "Mixed origin", "Refusal", "Not known", "Welsh", "Not asked"]
CODE_OF = {"White British": 1, "White Polish": 1, "Black African": 2, "Black Caribbean": 3, "Pakistani": 6,
           "Bangladeshi": 7, "Mixed White and Asian": 11}


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 17)
    return {"date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[case.seed % 3], "words": case.seed % 3 == 2,
            "religion": rng.choice(("None", "Christian", "Muslim", "Catholic"))}


def _code(ethnicity: str, words: bool) -> str:
    n = CODE_OF.get(ethnicity, 10)
    return f"{n} - {LEGEND[n - 1]}" if words else str(n)


def _meaning(ethnicity: str) -> str:
    return LEGEND[CODE_OF.get(ethnicity, 10) - 1]


def _kids(case: Case) -> list[dict[str, Any]]:
    v = case.values
    if not case.children:  # this service needs a child: one made up for the case
        surname = v["referral.victim.name"].split(" ")[-1]
        return [{"name": f"Jordan {surname}", "dob": (dt.date(2026, 11, 2) - dt.timedelta(days=9 * 365 + 40)).isoformat(),
                 "gender": "Male", "relationship_to_victim": "Son", "school": "Riverside Primary"}]
    return [{k: v[f"referral.children.{i}.{k}"] for k in ("name", "dob", "gender", "relationship_to_victim", "school")}
            for i in range(case.children)]


def _x(cell: _Cell, question: str, value: bool) -> None:
    """'Question  Yes  No X': an X typed after the option that applies."""
    paragraph = cell.paragraphs[0]
    paragraph.add_run(f"{question}   ")
    paragraph.add_run("Yes X   No" if value else "Yes   No X")


def _pair_row(table: Any, pairs: list[tuple[str, str | None]]) -> None:
    cells = table.add_row().cells
    for index, (text, value) in enumerate(pairs):
        label(cells[index * 2], text, fill="EDEDED")
        write(cells[index * 2 + 1], value or "")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    kids = _kids(case)
    doc = Document()
    doc.add_paragraph().add_run("NSPCC Service Centre").bold = True
    doc.add_paragraph().add_run("Referral/Initial Information Record").bold = True
    doc.add_heading("Domestic Abuse: Recovering Together", level=1)
    doc.add_paragraph("Please complete this referral with the parent/carer; referrals not signed by family members "
                      "will not be considered. We accept referrals for children aged 7-14, one sibling per family, "
                      "who are not living with the perpetrator of abuse.")

    top = grid(doc, 4)
    _pair_row(top, [("Mother/Carers Surname:", v["referral.victim.name"].split(" ")[-1]),
                    ("Telephone No.:", v["referral.victim.phone"])])

    doc.add_paragraph()
    ref = grid(doc, 4)
    full_width_row(ref, "Referrer details", fill="BFBFBF")
    _pair_row(ref, [("Contact Name(s):", v["referral.referrer.name"]), ("Town:", "Exampletown")])
    _pair_row(ref, [("Agency Name (if any):", v["referral.referrer.agency"]), ("Postcode:", "CA1 9ZX")])
    _pair_row(ref, [("Tel:", v["referral.referrer.phone"]), ("Ethnic Origin: (please refer to table below)", "")])

    doc.add_paragraph()
    doc.add_paragraph().add_run("Service user details/family composition").bold = True
    heads = ("Name of Child being referred", "Gender", "DOB", "Relationship to referred adult",
             "Child looked after by Local Authority", "Ethnic Code", "First language", "Religion", "Disability")
    fam = grid(doc, len(heads))
    for cell, text in zip(fam.add_row().cells, heads):
        label(cell, text, fill="EDEDED")
    for kid in kids:
        values = (kid["name"], "M" if kid["gender"] == "Male" else "F", date_text(kid["dob"], d),
                  kid["relationship_to_victim"], "No", _code(v["referral.victim.ethnicity"], plan["words"]),
                  v["referral.victim.first_language"], plan["religion"], "None")
        for cell, text in zip(fam.add_row().cells, values):
            write(cell, text)
    more = grid(doc, 2)
    _pair_row(more, [("Address of child being referred", v["referral.victim.address"])])
    _pair_row(more, [("Which school does referred child attend?", kids[0]["school"])])
    _pair_row(more, [("Name of Woman being referred", v["referral.victim.name"])])
    _pair_row(more, [("Ethnic origin code", _code(v["referral.victim.ethnicity"], plan["words"]))])

    doc.add_paragraph()
    legend = grid(doc, 4)
    cells = legend.add_row().cells
    label(cells[0], "Ethnic Origin:", fill="EDEDED")
    for col, chunk in enumerate((range(5), range(5, 10), range(10, 15))):
        write(cells[col + 1], "\n".join(f"{n + 1}{'.' if n else ''} {LEGEND[n]}" for n in chunk))
    cells = legend.add_row().cells
    write(cells[0], "Self identified:")
    write(cells[1], "Yes")

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        doc.add_paragraph()
        p = grid(doc, 4)
        full_width_row(p, "Perpetrators details" if i == 0 else "Perpetrators details (2)", fill="BFBFBF")
        _pair_row(p, [("Name:", v[f"{q}.name"]), ("Current address:", v[f"{q}.address"])])
        _pair_row(p, [("Relationship to service user:",
                       f"{v[f'{q}.relationship_to_victim']} (father of {kids[0]['name'].split(' ')[0]})"
                       if i == 0 else v[f"{q}.relationship_to_victim"]),
                      ("Date of birth:", date_text(v[f"{q}.dob"], d))])
        _pair_row(p, [("Ethnic origin:", _code(v[f"{q}.ethnicity"], plan["words"])), ("Tel:", _perp_phone(i))])
        cells = p.add_row().cells
        _x(cells[0].merge(cells[3]), "Any contact with the child:", i == 0)
        cells = p.add_row().cells
        label(cells[0], "Please outline the nature of this contact:", fill=None)
        write(cells[1].merge(cells[3]), "Supervised contact every other Saturday" if i == 0 else "")
        cells = p.add_row().cells
        _x(cells[0].merge(cells[3]), "Is perpetrator on IDAP or Strength to Change programme?", False)
        cells = p.add_row().cells
        label(cells[0], "If yes, please specify and provide details:", fill=None)
        cells[1].merge(cells[3])
        cells = p.add_row().cells
        label(cells[0], "Please include information about any criminal convictions relating to domestic abuse:",
              fill=None)
        write(cells[1].merge(cells[3]), "Common assault on the mother, 2024 (community order)" if i == 0 else "None known")

    doc.add_paragraph()
    doc.add_paragraph("Significant others (extended family/friends/professionals) who are not members of referred "
                      "person's household.")
    sig = grid(doc, 4)
    _pair_row(sig, [("Name:", "Maureen Example"), ("Name:", "Sam Whitfield")])
    _pair_row(sig, [("Relationship:", "Maternal grandmother"), ("Relationship:", "Social worker")])
    _pair_row(sig, [("Address:", "12 Elm Close, Exampletown, LS8 9UU"),
                    ("Address:", "Children's Services, Civic Centre, Exampletown")])
    _pair_row(sig, [("Tel:", "07700 900888"), ("Tel:", "0117 496 0999")])

    doc.add_paragraph()
    reason = grid(doc, 1)
    cell = reason.add_row().cells[0]
    cell.paragraphs[0].add_run("Reason for referral").bold = True
    cell.add_paragraph(v["referral.risks_summary"])
    doc.add_paragraph()
    end = grid(doc, 4)
    _pair_row(end, [("Signature of parent/carer:", "signed"), ("Date:", date_text(v["referral.referrer.date"], d))])
    _pair_row(end, [("Referrer signature:", v["referral.referrer.name"]),
                    ("Date:", date_text(v["referral.referrer.date"], d))])
    return save(doc)


def _perp_phone(i: int) -> str:
    return f"07700 900{321 + i:03d}"


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.phone", "referral.referrer.name", "referral.referrer.agency",
        "referral.referrer.phone", "referral.referrer.date", "referral.risks_summary")}
    found["referral.victim.ethnicity"] = _meaning(v["referral.victim.ethnicity"])
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "relationship_to_victim", "address"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.ethnicity"] = _meaning(v[f"{q}.ethnicity"])
        found[f"{q}.phone"] = _perp_phone(i)
    for i, kid in enumerate(_kids(case)):
        for k in ("name", "dob", "gender", "relationship_to_victim"):
            found[f"referral.children.{i}.{k}"] = kid[k]
    found["referral.children.0.school"] = _kids(case)[0]["school"]
    found["referral.children.0.address"] = v["referral.victim.address"]
    return found


FORMS = [AreaForm("nspcc-recovering-together", "NSPCC (national charity; the stored copy is a service centre's)",
                  SOURCE, "referral", build, expected)]
