"""NSW Police Force's "STALKING INCIDENT LOG" (New South Wales, Australia), kept by the victim and handed to police /
attached to a referral: NO TABLE for the people, only TYPED LINES in the first person ("Your name:", "Gender:", "Date
of Birth:", "Address:", "Telephone numbers including home, work and mobile:" …) under "Victim Information:", then
"Offender Information (if possible provide police with a photo of the offender)" with "Name of offender:" and
"Nickname:"; "Do you have a current Apprehended Domestic Violence Order?: Yes or No" answered by keeping one word; then
the log itself as a header-row table (Date | Time | What happened | Witnesses | Reported to police / event number). No
referrer: the victim writes it.

Follows the published page (stored copy: police.nsw.gov.au, see SOURCE). Taken from it: the title, a paraphrase of the
advice above it (record every incident, the date, time, what happened and any witnesses; keep messages; report each
one), "Victim Information:", "Your name:", "Gender:", "Date of Birth:", "Address:", "Telephone numbers including home,
work and mobile:", "Email address:", "Aboriginality or Ethnicity:", "Language spoken:", "Occupation:", "Do you have a
current Apprehended Domestic Violence Order?: Yes or No", "Offender Information (if possible provide police with a
photo of the offender)", "Name of offender:" and "Nicknam…", where the stored text stops. The offender's "Date of
birth:", "Address:", "Relationship to you:", "Vehicle:" and the log table are laid out in the same style with plain
labels.

Filled per seed: the answer after a tab to a tab stop (seed 1), typed straight after the colon (seed 2) or on the
line under the label (seed 3); dates "dd/mm/yyyy" (seed 1), "d month yyyy" (seed 2) or "d.m.yy" (seed 3); the phone
line "Mobile: 07700 …" / "07700 … (mobile) – no landline" / the number alone; the gender "Female" / "F" / "female";
the ADVO answer kept by deleting, bolding or striking the other word; "Nickname:" "None known" when there is none.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import write
from tests.corpus.fresh5._kit import pick_word
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import tab_line

SOURCE = ("NSW Police Force (New South Wales, Australia), 'Making a record of the stalking' – 'STALKING INCIDENT LOG' "
          "(Victim Information: Your name:, Gender:, Date of Birth:, Address:, Telephone numbers including home, work "
          "and mobile:, Email address:, Aboriginality or Ethnicity:, Language spoken:, Occupation:, Do you have a "
          "current Apprehended Domestic Violence Order?: Yes or No; Offender Information (if possible provide police "
          "with a photo of the offender): Name of offender:, Nickname …); stored copy: "
          "https://www.police.nsw.gov.au/crime/domestic_and_family_violence/what_is_stalking/stalking_accordian/"
          "making_a_record_of_the_stalking")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"line": ("tab", "after", "below")[i], "date": ("dd/mm/yyyy", "d month yyyy", "d.m.yy")[i],
            "mark": ("delete", "bold", "strike")[i]}


def _line(doc: DocumentType, text: str, value: str | None, plan: dict[str, Any]) -> None:
    if plan["line"] == "tab":
        tab_line(doc, text, value, at_cm=9.0)
    elif plan["line"] == "after":
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = True
        if value:
            paragraph.add_run(f" {value}")
    else:
        doc.add_paragraph().add_run(text).bold = True
        below = doc.add_paragraph(value or "")
        below.paragraph_format.left_indent = Cm(0.75)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    i = (case.seed - 1) % 3
    doc = Document()
    doc.add_heading("STALKING INCIDENT LOG", level=1)
    doc.add_paragraph("Write down every incident you think may be stalking and report each one to police: the date, "
                      "the time, what happened and the names of any witnesses. Keep copies of any messages, emails or "
                      "texts, and do not delete them.")

    doc.add_paragraph().add_run("Victim Information:").bold = True
    phone = v["referral.victim.phone"]
    kind = "Mobile" if phone.startswith("07") else "Home"
    other = "no landline" if kind == "Mobile" else "no mobile at the moment"
    phone_text = (f"{kind}: {phone}", f"{phone} ({kind.lower()}) – {other}", phone)[i]
    for text, value in (("Your name:", v["referral.victim.name"]),
                        ("Gender:", ("Female", "F", "female")[i]),
                        ("Date of Birth:", date_text(v["referral.victim.dob"], d)),
                        ("Address:", v["referral.victim.address"]),
                        ("Telephone numbers including home, work and mobile:", phone_text),
                        ("Email address:", ""),
                        ("Aboriginality or Ethnicity:", v["referral.victim.ethnicity"]),
                        ("Language spoken:", v["referral.victim.first_language"]),
                        ("Occupation:", v["referral.victim.occupation"])):
        _line(doc, text, value, plan)
    advo = doc.add_paragraph()
    advo.add_run("Do you have a current Apprehended Domestic Violence Order?: ").bold = True
    pick_word(advo, ["Yes", "No"], "Yes" if case.seed != 2 else "No", plan["mark"])
    doc.add_paragraph()

    for n in range(case.perpetrators):
        q = f"referral.perpetrators.{n}"
        doc.add_paragraph().add_run("Offender Information (if possible provide police with a photo of the "
                                    "offender)").bold = True
        for text, value in (("Name of offender:", v[f"{q}.name"]),
                            ("Nickname:", ", ".join(v[f"{q}.aliases"]) or "None known"),
                            ("Date of birth:", date_text(v[f"{q}.dob"], d)),
                            ("Address:", v[f"{q}.address"]),
                            ("Relationship to you:", v[f"{q}.relationship_to_victim"]),
                            ("Vehicle:", "Silver hatchback, registration not known")):
            _line(doc, text, value, plan)
        doc.add_paragraph()

    doc.add_paragraph().add_run("Incidents").bold = True
    log = grid(doc, 5)
    for cell, head in zip(log.add_row().cells, ("Date", "Time", "What happened", "Witnesses",
                                                "Reported to police / event number")):
        label(cell, head)
    rows = (("2026-10-20", "7.40am", "He was parked outside my work when I arrived and followed me to the door.",
             "Security guard (Ali)", "Yes – E 4410021"),
            ("2026-10-25", "11.15pm", "Fourteen missed calls and texts saying he would \"finish it\".", "None",
             "Yes – E 4410388"),
            ("2026-10-30", "3.30pm", "Waiting at the school gate; told the children he would see them soon.",
             "Another parent", "No"))
    for day, time, what, who, police in rows:
        for cell, text in zip(log.add_row().cells, (date_text(day, d), time, what, who, police)):
            write(cell, text)
    log.add_row()
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.gender", "referral.victim.dob", "referral.victim.address",
        "referral.victim.phone", "referral.victim.ethnicity", "referral.victim.first_language",
        "referral.victim.occupation")}
    for n in range(case.perpetrators):
        q = f"referral.perpetrators.{n}"
        for k in ("name", "aliases", "dob", "address", "relationship_to_victim"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
    return found


FORMS = [AreaForm("nsw-stalking-incident-log", "NSW Police Force (New South Wales, Australia; victim's stalking log)",
                  SOURCE, "referral", build, expected)]
