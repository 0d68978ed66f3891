"""DASH wording and tick marks shared by the checklist modules (not a form itself: the leading
underscore keeps it out of `all_forms`).

- `SAFELIVES`: the 24 SafeLives RIC questions as printed on the published checklist, with the
  bracketed asides and the sub-ticks some carry ("You ☐ Children ☐ Other ☐").
- `POLICE`: the ACPO/police DASH (2009) 27 questions in their own order, each mapped to its SafeLives
  number or, for the three children/dependants questions it alone asks, to a `dash.extra` slug.
- `STALKING` (the 11 S-DASH screening questions) and `HBV` (honour-based violence screening), each
  with the `dash.extra` slug a perfect reader returns the answer under.
- `mark_answer` / `box`: how a referrer marks the Yes / No / Don't know columns, chosen per case:
  a typed ☒ / ☑ beside ☐ boxes, a typed ✓ ✔ or X in the one column, Wingdings boxes, legacy
  FORMCHECKBOX fields or Word 2010 check boxes.
Only question wording is taken from the published forms; every answer and comment is invented.
"""
from __future__ import annotations

import random
from typing import Any

from docx.shared import Cm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import symbol_box
from tests.corpus.docx_parts import Fields

ABUSER = "(……)"

# (text, aside or "", sub-ticks)
SAFELIVES: list[tuple[str, str, tuple[str, ...]]] = [
    ("Has the current incident resulted in injury?", "(Please state what and whether this is the first injury.)", ()),
    ("Are you very frightened?", "", ()),
    ("What are you afraid of? Is it further injury or violence?",
     "(Please give an indication of what you think (name of abuser(s)) might do and to whom, including children)", ()),
    (("Do you feel isolated from family/friends i.e. does (name of abuser(s)) try to stop you from seeing "
     "friends/family/doctor or others?"), "", ()),
    ("Are you feeling depressed or having suicidal thoughts?", "", ()),
    ("Have you separated or tried to separate from (name of abuser(s)) within the past year?", "", ()),
    ("Is there conflict over child contact?", "", ()),
    (f"Does {ABUSER} constantly text, call, contact, follow, stalk or harass you?",
     ("(Please expand to identify what and whether you believe that this is done deliberately to intimidate you? "
     "Consider the context and behaviour of what is being done.)"), ()),
    ("Are you pregnant or have you recently had a baby (within the last 18 months)?", "", ()),
    ("Is the abuse happening more often?", "", ()),
    ("Is the abuse getting worse?", "", ()),
    (f"Does {ABUSER} try to control everything you do and/or are they excessively jealous?",
     ("(In terms of relationships, who you see, being 'policed at home', telling you what to wear for example. "
     "Consider 'honour'-based violence (HBV) and specify behaviour.)"), ()),
    (f"Has {ABUSER} ever used weapons or objects to hurt you?", "", ()),
    (f"Has {ABUSER} ever threatened to kill you or someone else and you believed them?", "(If yes, tick who.)",
     ("You", "Children", "Other (please specify)")),
    (f"Has {ABUSER} ever attempted to strangle / choke / suffocate / drown you?", "", ()),
    ((f"Does {ABUSER} do or say things of a sexual nature that make you feel bad or that physically hurt you or "
     "someone else?"), "(If someone else, specify who.)", ()),
    ("Is there any other person who has threatened you or who you are afraid of?",
     "(If yes, please specify whom and why. Consider extended family if HBV.)", ()),
    (f"Do you know if {ABUSER} has hurt anyone else?",
     "(Please specify whom including the children, siblings or elderly relatives. Consider HBV.)",
     ("Children", "Another family member", "Someone from a previous relationship", "Other (please specify)")),
    (f"Has {ABUSER} ever mistreated an animal or the family pet?", "", ()),
    ("Are there any financial issues?", (f"For example, are you dependent on {ABUSER} for money/have they recently "
     "lost their job/other financial issues?"), ()),
    ((f"Has {ABUSER} had problems in the past year with drugs (prescription or other), alcohol or mental health "
     "leading to problems in leading a normal life?"), ("(If yes, please specify which and give relevant details "
     "if known.)"), ("Drugs", "Alcohol", "Mental health")),
    (f"Has {ABUSER} ever threatened or attempted suicide?", "", ()),
    ((f"Has {ABUSER} ever broken bail/an injunction and/or formal agreement for when they can see you and/or the "
     "children?"), "(You may wish to consider this in relation to an ex-partner of the perpetrator if relevant.)", ()),
    (f"Do you know if {ABUSER} has ever been in trouble with the police or has a criminal history?",
     "(If yes, please specify.)", ("DV", "Sexual violence", "Other violence", "Other")),
]

# The police (ACPO DASH 2009) order: (SafeLives number or extra slug, text, aside, sub-ticks, section heading)
_P = "(…..)"
POLICE: list[tuple[int | str, str, str, tuple[str, ...], str | None]] = [
    (1, "Has the current incident resulted in injury?", "(please state what and whether this is the first injury)",
     (), "CURRENT SITUATION"),
    (2, "Are you very frightened?", "", (), None),
    (3, "What are you afraid of? Is it further injury or violence?", ("(Please give an indication of what you think "
     "(name of abuser(s)) might do and to whom)"), ("Kill: Self", "Children", "Other (please specify)"), None),
    (4, ("Do you feel isolated from family/ friends i.e. does (name of abuser(s)) try to stop you from seeing "
     "friends/family/Dr or others?"), "", (), None),
    (5, "Are you feeling depressed or having suicidal thoughts?", "", (), None),
    (6, "Have you separated or tried to separate from (name of abuser(s)) within the past year?", "", (), None),
    (7, "Is there conflict over child contact?", "(please state what)", (), None),
    (8, f"Does {_P} constantly text, call, contact, follow, stalk or harass you?", ("(Please expand to identify what "
     "and whether you believe that this is done deliberately to intimidate you?)"), (), None),
    (9, "Are you currently pregnant or have you recently had a baby (in the past 18 months)?", "", (),
     "CHILDREN/DEPENDANTS (If no children/dependants, please go to the next section)"),
    ("other_children_dependants", (f"Are there any children, step-children that aren't {_P}'s in the household? "
     "Or are there other dependants in the household (i.e. older relative)?"), "", (), None),
    ("hurt_children_dependants", f"Has {_P} ever hurt the children/dependants?", "", (), None),
    ("threatened_children_dependants", f"Has {_P} ever threatened to hurt or kill the children/dependants?", "",
     (), None),
    (10, "Is the abuse happening more often?", "", (), "DOMESTIC VIOLENCE HISTORY"),
    (11, "Is the abuse getting worse?", "", (), None),
    (12, f"Does {_P} try to control everything you do and/or are they excessively jealous?", ("(In terms of "
     "relationships, who you see, being 'policed' at home, telling you what to wear for example. Consider "
     "honour based violence and stalking and specify behaviour)"), (), None),
    (13, f"Has {_P} ever used weapons or objects to hurt you?", "", (), None),
    (14, f"Has {_P} ever threatened to kill you or someone else and you believed them?", "(If yes, tick who)",
     ("You", "Children", "Other (please specify)"), None),
    (15, f"Has {_P} ever attempted to strangle/choke/suffocate/drown you?", "", (), None),
    (16, (f"Does {_P} do or say things of a sexual nature that makes you feel bad or that physically hurt you or "
     "someone else?"), "(If someone else, specify who)", (), None),
    (17, "Is there any other person that has threatened you or that you are afraid of?", ("(If yes, consider "
     "extended family if HBV. Please specify who)"), (), None),
    (18, f"Do you know if {_P} has hurt anyone else?", ("(Please specify whom including the children, siblings or "
     "elderly relatives. Consider HBV)"), ("Children", "Another family member", "Someone from a previous relationship",
                                          "Other (please specify)"), None),
    (19, f"Has {_P} ever mistreated an animal or the family pet?", "", (), None),
    (20, (f"Are there any financial issues? For example, are you dependent on {_P} for money/have they recently "
     "lost their job/other financial issues?"), "", (), "ABUSER(S)"),
    (21, (f"Has {_P} had problems in the past year with drugs (prescription or other), alcohol or mental health "
     "leading to problems in leading a normal life?"), ("(If yes, please specify which and give relevant details "
     "if known)"), ("Drugs", "Alcohol", "Mental Health"), None),
    (22, f"Has {_P} ever threatened or attempted suicide?", "", (), None),
    (23, (f"Has {_P} ever broken bail/an injunction and/or formal agreement for when they can see you and/or the "
     "children?"), "", (), None),
    (24, f"Do you know if {_P} has ever been in trouble with the police or has a criminal history?",
     "(If yes, please specify)", ("DV", "Sexual violence", "Other violence", "Other"), None),
]

STALKING: list[tuple[str, str]] = [
    ("stalking_very_frightened", "Is the victim very frightened?"),
    ("stalking_previous_history", "Is there previous domestic abuse or stalking or harassment history?"),
    ("stalking_property_damage", f"Has {_P} vandalised or destroyed property?"),
    ("stalking_unannounced_visits", f"Has {_P} turned up unannounced more than three times a week?"),
    ("stalking_following_loitering", f"Is {_P} following you or loitering near your home, workplace or other places?"),
    ("stalking_threats_violence", (f"Has {_P} made any threats of physical or sexual violence in the current "
                                  "stalking and harassment incident?")),
    ("stalking_third_parties", (f"Has {_P} been harassing any third party since the harassment began (family, "
                               "children, friends, neighbours, colleagues)?")),
    ("stalking_violent_to_others", f"Has {_P} acted violently to anyone else during the stalking incident?"),
    ("stalking_engaged_others", f"Has {_P} engaged others to help (wittingly or unwittingly)?"),
    ("stalking_substance_misuse", f"Has {_P} been abusing alcohol / drugs?"),
    ("stalking_violent_past", f"Has {_P} been violent in the past? (Physical or psychological)"),
]

HBV: list[tuple[str, str]] = [
    ("hbv_family_fear", "Are you afraid of members of your family or the wider community?"),
    ("hbv_forced_marriage", "Is there a fear of being forced to marry, or have you been forced to marry?"),
    ("hbv_taken_abroad", "Have you been threatened with being taken abroad?"),
    ("hbv_kept_at_home", "Are you being kept at home or is your behaviour/activity restricted?"),
    ("hbv_shame", "Does your family believe you have brought shame or dishonour on them?"),
    ("hbv_self_harm", "Is there evidence of self-harm?"),
]

# Invented comments a referrer adds, only where the answer is yes.
COMMENTS = {1: "Bruising to upper arm and a cut lip; not the first injury", 3: "Afraid he will kill her",
            7: "Dispute over weekend contact", 8: "Texts and calls 30+ times a day", 12: "Checks her phone daily",
            14: "Said he would kill her if she left", 15: "Hands round her throat on 25 October",
            21: "Drinks daily", 24: "Previous assault on ex-partner"}

MARK_STYLES = ("☒", "☑", "✓", "✔", "X", "wingdings", "formcheckbox", "w14")
BOXED = {"☒", "☑", "wingdings", "formcheckbox", "w14"}


def widths(table: Table, centimetres: list[float]) -> None:
    """Column widths as Word stores them: the grid, and each cell's width (a merged cell spans its columns)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, centimetres):
        col.w = Cm(width)
    for row in table.rows:
        position = 0
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(centimetres[position:position + span]))
            position += span


def pick(options: tuple[Any, ...], case: Case, salt: int) -> Any:
    """A style that differs between consecutive seeds, so three cases show three ways of marking."""
    return options[(case.seed * 5 + salt) % len(options)]


def extra_answers(case: Case, slugs: list[str], salt: int) -> dict[str, str]:
    """Answers to the questions outside the 24, seeded from the case so they are the same every run."""
    rng = random.Random(case.seed * 1009 + salt)
    found = {slug: rng.choice(("yes", "yes", "no", "no", "no", "unknown")) for slug in slugs}
    if "stalking_very_frightened" in found:  # the same victim, asked again in the stalking questions
        found["stalking_very_frightened"] = case["dash.answers.2"]
    return found


def box(paragraph: Paragraph, checked: bool, style: str, fields: Fields) -> None:
    """One tick box (or mark) as the style writes it; a typed tick style leaves unticked ones blank."""
    if style == "wingdings":
        symbol_box(paragraph, checked)
    elif style == "formcheckbox":
        fields.form_checkbox(paragraph, checked)
    elif style == "w14":
        fields.control_checkbox(paragraph, checked)
    elif style in ("☒", "☑"):
        paragraph.add_run(style if checked else "☐")
    elif checked:
        paragraph.add_run(style)


def mark_answer(cells: list[_Cell], kinds: list[str], answer: str | None, style: str, fields: Fields) -> None:
    """Mark the Yes / No / Don't know cells of one question row: `kinds` names each cell's answer."""
    for cell, kind in zip(cells, kinds):
        if style in BOXED or kind == answer:
            box(cell.paragraphs[0], kind == answer, style, fields)


def comment_for(number: int, answer: str | None) -> str | None:
    return COMMENTS.get(number) if answer == "yes" else None
