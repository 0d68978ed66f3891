"""Surrey MARAC referral: a form of typed lines with tab stops (no tables), "survivor" wording, the referral
criteria as a tick list.

Surrey's MARAC pages (stored copies: surrey.police.uk 'MARAC' and healthysurrey.org.uk 'Risk assessment', see
SOURCE) describe the referral rather than print the form: referrals accepted from any agency, the person referred
called the "survivor" (aged 16 or over), and "five criteria for assessing the risk of harm and for referring a case
to the MARAC", of which the stored copy keeps "Visible high risk", "Professional judgement" and "Potential
escalation" before it stops. Taken from them: that wording and the criteria. The form itself was not found, so it
is laid out here in a style the corpus does not have (and many small agencies' forms use): paragraphs of
"Label:<tab>answer" lined up on a tab stop, bold section lines ("Referrer", "Survivor", "Perpetrator" repeated per
perpetrator, "Children", "Referral criteria (tick all that apply)"), the children as tab-separated lines under a
heading line "Name<tab>Date of birth<tab>School", and the criteria as lines with a box in front ("☒ Visible high
risk …"); the fourth criterion is given a plain label ("Repeat referral to MARAC") and the unseen fifth is left out.

Filled per seed: boxes typed ☒/☐, Wingdings symbols or Word check boxes (an unticked criterion is a no: "tick all
that apply"); "Yes" / "No – reason" typed after the question; first language and interpreter need in one answer
("Polish – interpreter needed"); "None" under Children when there are none.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text, yes_no_text
from tests.corpus.docx_parts import Fields
from tests.corpus.heldout._kit import named, rng_for, save
from tests.corpus.unseen._kit import tab_line

SOURCE = ("Surrey MARAC: surrey.police.uk 'MARAC' (referral criteria for the Surrey MARAC: 'Visible high risk', "
          "'Professional judgement', 'Potential escalation', …) and healthysurrey.org.uk 'Domestic abuse – risk "
          "assessment' (how to make a referral to MARAC; 'survivor' wording); the form itself laid out in plain labels")

CRITERIA = (("Visible high risk (14 or more ticks on the DASH risk checklist)", "referral.reasons.visible_high_risk"),
            ("Professional judgement", "referral.reasons.professional_judgement"),
            ("Potential escalation", "referral.reasons.potential_escalation"),
            ("Repeat referral to MARAC", "referral.reasons.repeat"))


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 24)
    return {"date": rng.choice(("d month yyyy", "dd/mm/yyyy", "d.m.yy")), "box": ("☒", "wingdings", "w14")[case.seed % 3],
            "yn": rng.choice(("Yes/No", "YES/NO"))}


def _heading(doc: Any, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Cm(0.3)
    run = paragraph.add_run(text)
    run.bold = True
    run.underline = True


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, yn = case.values, plan["date"], plan["yn"]
    fields = Fields()
    doc = Document()
    doc.add_heading("MARAC Referral Form", level=1)
    doc.add_paragraph("For survivors of domestic abuse aged 16 or over assessed as high risk. Referrals are accepted "
                      "from any agency. Complete every line; write 'not known' where you do not know.")

    _heading(doc, "Referrer")
    for text, value in (("Name:", v["referral.referrer.name"]), ("Agency:", v["referral.referrer.agency"]),
                        ("Role:", v["referral.referrer.role"]), ("Telephone:", v["referral.referrer.phone"]),
                        ("Secure email:", v["referral.referrer.email"]),
                        ("Date of referral:", date_text(v["referral.referrer.date"], d))):
        tab_line(doc, text, value)

    _heading(doc, "Survivor")
    language = v["referral.victim.first_language"]
    for text, value in (
            ("Name:", named(v["referral.victim.name"], v["referral.victim.aliases"])),
            ("Date of birth:", date_text(v["referral.victim.dob"], d)),
            ("Address:", v["referral.victim.address"]),
            ("Safe contact number:", v["referral.victim.phone"]),
            ("Is it safe to leave a message?", yes_no_text(v["referral.victim.safe_to_leave_message"], yn)),
            ("Ethnicity:", v["referral.victim.ethnicity"]),
            ("First language / interpreter needed:",
             "English" if language == "English" else f"{language} – interpreter needed"),
            ("Is the survivor aware of the referral?",
             yes_no_text(True, yn) if v["referral.victim_aware"] else
             f"{yes_no_text(False, yn)} – {v['referral.victim_aware_reason']}"),
            ("Has the survivor consented to the referral?", yes_no_text(v["referral.consent"], yn)),
            ("If no consent, why is information being shared?", v["referral.consent_override_reason"] or "N/A")):
        tab_line(doc, text, value, at_cm=8.5)

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        _heading(doc, "Perpetrator" if case.perpetrators == 1 else f"Perpetrator {i + 1}")
        for text, value in (("Name:", named(v[f"{q}.name"], v[f"{q}.aliases"])),
                            ("Date of birth:", date_text(v[f"{q}.dob"], d)), ("Address:", v[f"{q}.address"]),
                            ("Relationship to survivor:", v[f"{q}.relationship_to_victim"])):
            tab_line(doc, text, value)

    _heading(doc, "Children")
    header = doc.add_paragraph()
    stops = header.paragraph_format.tab_stops
    for at in (6.5, 10.0):
        stops.add_tab_stop(Cm(at), WD_TAB_ALIGNMENT.LEFT)
    header.add_run("Name\tDate of birth\tSchool").bold = True
    if not case.children:
        doc.add_paragraph("None")
    for i in range(case.children):
        c = f"referral.children.{i}"
        line = doc.add_paragraph(f"{v[f'{c}.name']}\t{date_text(v[f'{c}.dob'], d)}\t{v[f'{c}.school']}")
        for at in (6.5, 10.0):
            line.paragraph_format.tab_stops.add_tab_stop(Cm(at), WD_TAB_ALIGNMENT.LEFT)

    _heading(doc, "Referral criteria (tick all that apply)")
    for text, path in CRITERIA:
        paragraph = doc.add_paragraph()
        box(paragraph, bool(v[path]), plan["box"], fields)
        paragraph.add_run(f"  {text}")
    tab_line(doc, "DASH score:", str(v["referral.dash_score_stated"]))
    tab_line(doc, "Professional judgement – why?", v["referral.reasons.professional_judgement_rationale"] or "N/A")
    tab_line(doc, "Summary of current risks:", v["referral.risks_summary"])
    tab_line(doc, "Who is the survivor afraid of?", v["referral.afraid_of"])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.aliases",
        "referral.victim.dob", "referral.victim.address", "referral.victim.postcode", "referral.victim.phone",
        "referral.victim.safe_to_leave_message", "referral.victim.ethnicity", "referral.victim.first_language",
        "referral.victim.interpreter_language", "referral.victim_aware", "referral.victim_aware_reason",
        "referral.consent", "referral.consent_override_reason", "referral.dash_score_stated",
        "referral.reasons.professional_judgement_rationale", "referral.risks_summary", "referral.afraid_of")}
    for _, path in CRITERIA:
        found[path] = bool(v[path])
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "address", "relationship_to_victim"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if case.children == 0:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("surrey-referral", "Surrey", SOURCE, "referral", build, expected)]
