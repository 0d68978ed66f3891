"""The layout walker: a Word body read in document order as a person reads the printed form.

It reports what the page says, for parsers.labels to map: section headings (Heading styles, short
bold lines, full-width table rows) become the `section` of what follows; "Label: value" lines,
label | value tables, label-above-value blocks, person tables and DASH grids become Labelled,
RowTable and DashLine. Anything inside a control or field named with a canonical path was already
read by name and is left alone, so the service's own form is not read twice.
"""
from __future__ import annotations

from lxml import etree

from ..asides import opens_aside
from ..model import RawValue
from ..printed import (
    asked_yes_no,
    clean_label,
    is_label_text,
    label_pairs,
    list_goes_on,
    list_number,
    looks_like_data,
    may_ask,
    numbered_heading,
    short_answer,
    short_line,
)
from ..tables.cells import direction
from ..tables.known import known_label, names_section, run_on
from ..tables.people_cell import people_label
from ..ticks import interpret
from .dash_lines import read_numbered
from .tab_table import read_tab_table, wrapped_pair
from .tables import read_table
from .text import WRAPPERS, Marks, all_bold, bold_lead, claimed, heading_level, on, render, w
from .walk import WordWalk


def walk_body(body: etree._Element, marks: Marks) -> WordWalk:
    walk = WordWalk(marks=marks)
    walk_blocks(body, walk)
    walk.flush()
    return walk


def walk_blocks(container: etree._Element, walk: WordWalk) -> None:
    blocks = list(container)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.tag in WRAPPERS:
            walk_blocks(block, walk)
            continue
        if block.tag not in (w("p"), w("tbl")):
            continue
        for control in block.iter(w("sdt"), w("fldChar")):
            walk.control_sections.setdefault(control, walk.section)
        if block.tag == w("p"):
            # A DASH checklist written as numbered question lines (parsers.docx.dash_lines)
            after = read_numbered(blocks, index - 1, walk)
            if after is None:
                after = read_tab_table(blocks, index - 1, walk)  # "Name<TAB>Date of birth<TAB>School" and lines under it
            if after is not None:
                index = after
                continue
            read_paragraph(block, walk)
        else:
            walk.flush()
            read_table(block, walk)


def _text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """The outermost text boxes anchored in a paragraph (each read as blocks of its own)."""
    return [box for box in paragraph.iter(w("txbxContent")) if _outermost(box, paragraph)]


def _outermost(box: etree._Element, paragraph: etree._Element) -> bool:
    for ancestor in box.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag == w("txbxContent"):
            return False
    return True


def read_paragraph(paragraph: etree._Element, walk: WordWalk) -> None:
    if not claimed(paragraph, walk.marks):
        text = render(paragraph, walk.marks)
        if text:
            _paragraph_text(paragraph, text, walk)
    for box in _text_boxes(paragraph):
        walk_blocks(box, walk)


def _paragraph_text(paragraph: etree._Element, text: str, walk: WordWalk) -> None:
    level = heading_level(paragraph)
    if level is not None:
        walk.heading(text, level)
        walk.answer = None  # an answer never runs on over a heading
        return
    bold = all_bold(paragraph)
    answer, walk.answer = walk.answer, None  # a loose label's answer goes on only on the very next lines
    pairs = label_pairs(run_on(text))  # "Tel: …    Email: …": several pairs typed on one line
    if pairs is None and (wrapped := wrapped_pair(text)) is not None:
        pairs = [(wrapped[0], interpret(wrapped[1]))]
    if pairs is None and (numbered := _numbered_heading(paragraph, text, bold)) is not None:
        walk.heading(numbered[0])  # "3. Concern raised by: Was the referral anonymous: No" (printed.numbered_heading)
        pairs = label_pairs(numbered[1]) if numbered[1] else None
        return _report_pairs(paragraph, pairs, walk) if pairs else None
    if pairs is None and not bold:
        pairs = _asked_and_answered(paragraph, text) or ([asked] if (asked := asked_yes_no(text)) else None)
    if pairs and bold and short_line(text) and not any(looks_like_data(str(v)) for _, v in pairs if v):
        pairs = None  # a bold "Section 2: Victim details" is a heading, not a label and value
    if pairs and len(pairs) == 1 and len(str(pairs[0][1]).split()) >= 6 and _hint_after_label(paragraph):
        pairs = [(pairs[0][0], None)]  # "Give details: *Full names should be used …*", the answer on the lines below
    if pairs and walk.guidance and all(_sentence(v) for _, v in pairs):
        walk.flush()  # "Visible high risk: 14 or more ticks on the DASH." explains a criterion
    elif pairs:
        _report_pairs(paragraph, pairs, walk)
    elif not bold and not walk.guidance and known_label(text):
        # "First name" on a line of its own, no colon (a web form saved to Word): the answer is the next line. Set
        # apart by nothing, a label the table does not list would read as the answer's next line: only a box of
        # people ("Children (names and ages)", a child a line) goes on over more lines.
        walk.flush()
        walk.pending, walk.loose = (clean_label(text), walk.section, False), people_label(text)
    elif walk.pending is not None and not bold and (not walk.unsure or short_answer(text)):
        label, section, _ = walk.pending
        walk.pending = None
        walk.back_to(section)  # a bold label was taken for a heading until its value showed
        item = walk.add(label, interpret(text), paragraph)
        walk.answer = item if (walk.loose or list_number(text) == 1) and isinstance(item.value, str) else None
    elif answer is not None and not bold and (short_line(text) or list_goes_on(str(answer.value), text)) \
            and not direction(text) and not names_section(text):
        answer.value = f"{answer.value}\n{text}"  # the answer box's next line: "Owen O'BRIEN, age 5" a child a line
        walk.answer = answer
    elif bold and short_line(text):
        if walk.pending is not None and walk.unsure:
            walk.back_to(walk.pending[1])  # the bold question above went unanswered: it was no heading
        before = walk.section
        walk.heading(text)
        loose = not text.rstrip().endswith((":", "?"))
        known = not loose or known_label(text)
        if not loose or (not walk.guidance and (known or may_ask(text) and not names_section(text))):
            # A bold "Summary of risks:" (or a bold "First name" the label table knows, with no colon) may be a
            # label with its answer on the lines below; so may a question a printed web form sets in bold
            # ("Address line 1"), if what follows is short and no sentence.
            walk.pending, walk.unsure = (clean_label(text), before, False), not known
            walk.loose = loose or people_label(text)  # (a bold "Children (name and date of birth):", a child a line)
    elif names_section(text):
        walk.heading(text)  # "Perpetrator 2" (in italics, say) over the second one's details
    elif opens_aside(text):
        walk.heading(text)  # "Significant others (…) who are not …": the people below are no one's of the referral
    elif bold and "\n" not in text and len(text.split()) <= 30 and not text.rstrip().endswith((".", "!")):
        walk.heading(text)  # a long bold heading over answers ("SAFE contact details for the victim, …; GP details")
    else:
        walk.flush()  # a sentence of instructions


def _asked_and_answered(paragraph: etree._Element, text: str) -> list[tuple[str, RawValue]] | None:
    """ "**When did it happen?** 25th October, about 11pm": a bold question and its plain answer on one line."""
    lead = bold_lead(paragraph)
    flat = " ".join(text.split())
    if not lead or not lead.endswith("?") or not flat.startswith(lead) or not is_label_text(lead[:-1]):
        return None
    answer = flat[len(lead):].strip()
    return [(lead, interpret(answer))] if answer else None


def _numbered_heading(paragraph: etree._Element, text: str, bold: bool) -> tuple[str, str] | None:
    """A numbered heading in bold with more after its colon on the same line (printed.numbered_heading)."""
    found = numbered_heading(text, bold)
    lead = " ".join((bold_lead(paragraph) or "").split())
    if found is None or not found[1] or not (bold or lead.startswith(" ".join(found[0].split()))):
        return None
    return found


def _hint_after_label(paragraph: etree._Element) -> bool:
    """Everything after the label's colon set in italics: the form's printed instruction, not the referrer's answer."""
    runs = [r for r in paragraph.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]
    colon = next((i for i, r in enumerate(runs) if ":" in "".join(t.text or "" for t in r.iter(w("t")))), None)
    after = runs[colon + 1:] if colon is not None else []
    return bool(after) and all((p := r.find(w("rPr"))) is not None and on(p.find(w("i"))) for r in after)


def _sentence(value: RawValue) -> bool:
    """Words that explain rather than answer: several of them, or a full stop."""
    return isinstance(value, str) and (len(value.split()) >= 4 or value.rstrip().endswith("."))


def _report_pairs(paragraph: etree._Element, pairs: list[tuple[str, RawValue]], walk: WordWalk) -> None:
    walk.flush()
    # "Client name/ID: ________": the printed line left empty, the answer typed on the line below it
    pairs = [(label, None if isinstance(value, str) and not value.strip("_ ") else value) for label, value in pairs]
    for label, value in pairs:
        walk.add(label, value, paragraph)
    last_label, last_value = pairs[-1]
    if last_value is None and len(pairs) == 1:
        # "Address:" with the address on the next line; reported blank if nothing follows.
        walk.labelled.pop()
        walk.pending = (last_label, walk.section, True)
        walk.loose = people_label(last_label)  # "Children (name and date of birth):" a child a line below
