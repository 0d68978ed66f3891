"""A DASH checklist written as numbered question lines, with no table: "1. Has the current incident
resulted in injury?  Yes – bruising to her arm", as some areas print it in their referral form and as
practitioners retype it into a letter.

A run of paragraphs, each a numbered question (typed "1." or Word's own list numbering) followed by
its answer: typed ("Yes", "N", "DON'T KNOW", with a remark after a dash), printed options with those
that do not apply struck through (the renderer leaves struck runs out), or tick boxes ("Yes ☐ No ☒").
The answer may instead be on the lines below ("Answer: No", "Comment: ..."). A run of fewer than
`MIN_LINES` such lines is left to the layout walker: a referral form may number a question or two.
Printed options with more than one left standing once some are struck out are kept as "yes / no",
which the resolver reports rather than choose one; printed options none struck out are no answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..model import DashLine
from ..tables.dash_answers import COMMENT, answer_kind, typed_answer
from ..tables.questions import (
    ANSWER_LINE,
    MIN_LINES,
    NUMBER,
    OPTION_SPLIT,
    question_end,
)
from .text import child_val, claimed, heading_style, render, w
from .walk import WordWalk

_LOOKS_NUMBERED = re.compile(r"^\s*(?:q(?:uestion)?\.?\s*)?\d{1,2}\s*[.):]", re.IGNORECASE)


@dataclass
class _Line:
    blocks: list[etree._Element]
    line: DashLine


def _list_numbered(paragraph: etree._Element) -> bool:
    """Numbered by Word (a list style or numbering properties), so the number is not in the text."""
    props = paragraph.find(w("pPr"))
    if props is None:
        return False
    return props.find(w("numPr")) is not None or "listnumber" in child_val(props, "pStyle").lower().replace(" ", "")


def _first_text(paragraph: etree._Element) -> str:
    """The paragraph's first few characters, enough to see a "12." (which may span runs)."""
    found = ""
    for t in paragraph.iter(w("t")):
        found += t.text or ""
        if len(found.strip()) >= 6:
            break
    return found.lstrip()


def _options(flat: str) -> set[str | None] | None:
    """The answers a run of printed options offers ("Yes / No"), or None when it is not one."""
    options = [p for p in OPTION_SPLIT.split(flat) if p]
    kinds = {answer_kind(p) for p in options}
    return kinds if len(options) >= 2 and None not in kinds else None


def _answer(text: str, struck: bool = False) -> tuple[str | None, str | None]:
    """The answer written after a question (or on an "Answer:" line) and any remark with it."""
    flat = " ".join(text.split())
    if not flat:
        return None, None
    options = _options(flat)
    if options is not None:
        # "Yes / No / Don't know" as printed, nothing struck out: nothing answered. Two options left
        # standing after striking out the third is a contradiction: "yes / no", which the resolver
        # reports for a person to settle.
        if not struck:
            return None, None
        return " / ".join(str(answer_kind(p)) for p in OPTION_SPLIT.split(flat) if p), None
    return typed_answer(flat)


def _has_struck(paragraph: etree._Element) -> bool:
    for props in paragraph.iter(w("rPr")):
        for tag in ("strike", "dstrike"):
            flag = props.find(w(tag))
            if flag is not None and flag.get(w("val"), "true").lower() not in ("0", "false", "off"):
                return True
    return False


def _question_line(paragraph: etree._Element, walk: WordWalk) -> _Line | None:
    if paragraph.tag != w("p") or claimed(paragraph, walk.marks) or heading_style(paragraph):
        return None
    auto = _list_numbered(paragraph)
    if not auto and not _LOOKS_NUMBERED.match(_first_text(paragraph)):
        return None  # the cheap test first: most paragraphs are not numbered
    text = render(paragraph, walk.marks).replace("\n", " ")
    match = NUMBER.match(text)
    if match is None and not auto:
        return None
    number = int(match.group(1)) if match else None
    body = text[match.end():] if match else text
    end = question_end(body)
    if end is None:
        return None
    rest = " ".join(body[end:].split())
    answer, remark = _answer(rest, _has_struck(paragraph))
    if answer == rest and answer_kind(answer) is None and _options(rest) is None:
        answer, remark = None, answer  # words after the question that are no answer: a remark
    return _Line([paragraph], DashLine(" ".join(body[:end].split()), answer, number, remark))


def _below(line: _Line, paragraph: etree._Element, walk: WordWalk) -> bool:
    """An "Answer: No" or "Comment: ..." line under a question, or the answer alone on its line."""
    if paragraph.tag != w("p") or claimed(paragraph, walk.marks):
        return False
    text = " ".join(render(paragraph, walk.marks).split())
    if not text:
        line.blocks.append(paragraph)
        return True
    if ANSWER_LINE.match(text) and line.line.answer is None:
        line.line.answer, remark = _answer(ANSWER_LINE.sub("", text, count=1))
    elif COMMENT.match(text):
        remark = COMMENT.sub("", text, count=1)
    elif line.line.answer is None and answer_kind(text) is not None:
        line.line.answer, remark = text, None
    else:
        return False
    if remark and remark.strip():
        line.line.comment = "; ".join(p for p in (line.line.comment, remark.strip()) if p)
    line.blocks.append(paragraph)
    return True


def read_numbered(blocks: list[etree._Element], index: int, walk: WordWalk) -> int | None:
    """Read the run of numbered question lines starting at blocks[index]; returns the index after
    it, or None when blocks[index] does not start such a run (the walker reads it as usual)."""
    first = _question_line(blocks[index], walk)
    if first is None:
        return None
    lines = [first]
    at = index + 1
    while at < len(blocks):
        block = blocks[at]
        line = _question_line(block, walk)
        if line is not None:
            lines.append(line)
        elif not _below(lines[-1], block, walk):
            break
        at += 1
    answered = sum(1 for line in lines if line.line.answer is not None)
    if len(lines) < MIN_LINES or answered == 0:
        return None
    walk.flush()
    for line in lines:
        walk.dash_lines.append(line.line)
        walk.use(*line.blocks)
    return at
