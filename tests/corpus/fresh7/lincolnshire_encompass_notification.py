"""Lincolnshire's Operation Encompass notification (Lincolnshire Safeguarding Children Partnership, "LSCP Joint
Protocol for Operation Encompass", April 2025), as it reaches a MARAC inbox forwarded with a referral: an EMAIL SAVED
TO WORD, NO TABLE AND NO LABELS. The children are named only inside the protocol's fixed SENTENCE, one paragraph per
child: "FIRST NAME, SURNAME, date of birth INSERT DOB, has been identified as being in a household where a Domestic
Abuse Incident took place on INSERT FULL DATE, at XX: XX hours.", then "The child was PRESENT / NOT PRESENT at the
incident." and "A welfare check on the child WAS/WAS NOT made." with the unused choice deleted (seed 1) or left in
and struck through (seed 2); the police reference only in the e-mail's "Subject:" line; the sender's signature block
(a police staff member, not a referrer of the victim). Nobody's address, phone or the adults' names are given (the
protocol says who was involved is not shared). With no child in the household (seed 3) the e-mail is a nil return.

Copied from the stored copy (lincolnshirescp.trixonline.co.uk): the sentence template above, word for word with its
placeholders, "The child was PRESENT / NOT PRESENT at the incident.", "A welfare check on the child WAS/WAS NOT made.",
and a paraphrase of the following paragraph (if the officer was concerned for the child's immediate safety this was
acted on; the incident has been shared with Children's Services; the notification is for information only; the
safeguarding admin team and Health staff follow their own policy), where the stored text used here stops. The e-mail
header lines, the signature and the nil-return sentence are plain wording in the same style.

Filled per seed: the names in the template's capitals ("OWEN, O'BRIEN"), dates "dd/mm/yyyy", the unused choices
deleted (seed 1); the names as written elsewhere ("Owen, O'BRIEN"), dates "3rd April 1991", the unused choices struck
through (seed 2); nil return (seed 3, no children in the case).
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.heldout._kit import save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Lincolnshire Safeguarding Children Partnership, 'LSCP Joint Protocol for Operation Encompass' (April 2025): "
          "the notification e-mail format ('FIRST NAME, SURNAME, date of birth INSERT DOB, has been identified as being "
          "in a household where a Domestic Abuse Incident took place on INSERT FULL DATE, at XX: XX hours.' …); stored "
          "copy: https://lincolnshirescp.trixonline.co.uk/chapter/lscp-joint-protocol-for-operation-encompass")


def _choice(paragraph: Any, before: str, options: tuple[str, str], chosen: str, after: str, strike: bool) -> None:
    paragraph.add_run(before)
    if not strike:
        paragraph.add_run(chosen)
    else:
        for index, option in enumerate(options):
            if index:
                paragraph.add_run(" / ")
            run = paragraph.add_run(option)
            run.font.strike = option != chosen
    paragraph.add_run(after)


def build(case: Case) -> bytes:
    v = case.values
    i = (case.seed - 1) % 3
    date_style = ("dd/mm/yyyy", "ordinal", "dd/mm/yyyy")[i]
    strike = i == 1
    incident = "2026-10-29" if v["referral.referrer.date"] > "2026-10-29" else "2026-10-27"
    doc = Document()
    for text in ("From: Operation Encompass Notifications (Lincolnshire Police)",
                 f"Sent: {date_text(v['referral.referrer.date'], 'd month yyyy')} 07:42",
                 "To: Safeguarding Admin Team; Children's Health",
                 f"Subject: OFFICIAL-SENSITIVE – Operation Encompass notification – ref {v['referral.crime_reference']}"):
        doc.add_paragraph(text)
    doc.add_paragraph("")
    if not case.children:
        doc.add_paragraph(f"Please note that no children were identified as being in the household at the Domestic "
                          f"Abuse Incident of {date_text(incident, date_style)}. No Operation Encompass notification "
                          f"is required; this e-mail is for your records only.")
    for c in range(case.children):
        q = f"referral.children.{c}"
        first, surname = split_name(v[f"{q}.name"])
        who = f"{first.upper()}, {surname.upper()}" if i == 0 else f"{first}, {surname}"
        doc.add_paragraph(f"{who}, date of birth {date_text(v[f'{q}.dob'], date_style)}, has been identified as being "
                          f"in a household where a Domestic Abuse Incident took place on "
                          f"{date_text(incident, date_style)}, at 23:40 hours.")
        present = "PRESENT" if v[f"{q}.lives_with_victim"] else "NOT PRESENT"
        _choice(doc.add_paragraph(), "The child was ", ("PRESENT", "NOT PRESENT"), present, " at the incident.", strike)
        welfare = "WAS" if v[f"{q}.lives_with_victim"] else "WAS NOT"
        _choice(doc.add_paragraph(), "A welfare check on the child ", ("WAS", "WAS NOT"), welfare, " made.", strike)
        doc.add_paragraph("")
    if case.children:
        doc.add_paragraph("If the attending officer had been concerned for the immediate safety of the child at the "
                          "incident, this would have been acted on at the time. The incident has been shared with "
                          "Children's Services under the existing protocol. This notification is for information "
                          "only, so that appropriate consideration can be given; the safeguarding admin team and "
                          "Health staff should follow their own policy and guidance on any action needed.")
    doc.add_paragraph("")
    doc.add_paragraph("Kind regards")
    doc.add_paragraph("Operation Encompass Administrator")
    doc.add_paragraph("Public Protection Unit, Lincolnshire Police")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {"referral.crime_reference": v["referral.crime_reference"]}
    for c in range(case.children):
        q = f"referral.children.{c}"
        for k in ("name", "dob"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
    return found


FORMS = [AreaForm("lincolnshire-encompass-notification",
                  "Lincolnshire (Operation Encompass notification e-mail, LSCP joint protocol, April 2025)", SOURCE,
                  "referral", build, expected)]
