"""A DASH checklist written as numbered question lines, with no table: "1. Has the current incident
resulted in injury?  Yes – bruising to her arm", read as the Word reader reads them
(parsers.docx.dash_lines) from the paragraphs of a printed page.

A run of paragraphs, each a numbered question followed by its answer: typed ("Yes", "N", "DON'T
KNOW", with a remark after a dash), printed options with those that do not apply struck through
(parsers.pdf.marks leaves struck letters out), or tick boxes ("Yes ☐ No ☒"). The answer may instead be
on the lines below ("Answer: No", "Comment: ..."). A run of fewer than MIN_LINES such paragraphs is
left to the layout reader: a referral form may number a question or two.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import DashLine
from ..tables.dash_answers import COMMENT, answer_kind, typed_answer
from ..tables.questions import (
    ANSWER_LINE,
    MIN_LINES,
    NUMBER,
    OPTION_SPLIT,
    question_end,
)
from .marks import UNREADABLE

_ALL_OPTIONS = {"yes", "no", "unknown"}


def _answer(text: str) -> tuple[str | None, str | None]:
    """The answer written after a question (or on an "Answer:" line) and any remark with it."""
    # "Yes / No / Don't know" with the options that do not apply struck out (and left out) keeps the
    # separator of a struck option on another line: "Yes /".
    flat = " ".join(text.split()).strip(" /|")
    if not flat:
        return None, None
    if UNREADABLE in flat:
        return None, None  # tick boxes whose state the file does not carry
    options = [p for p in OPTION_SPLIT.split(flat) if p]
    kinds = [answer_kind(p) for p in options]
    if len(options) >= 2 and None not in kinds:
        # "Yes / No / Don't know" as printed: nothing struck out is nothing answered; two left of three
        # is a contradiction, kept as written for the assembler to report.
        return (None, None) if set(kinds) == _ALL_OPTIONS else (flat, None)
    return typed_answer(flat)


def question_line(text: str) -> DashLine | None:
    """A numbered question with whatever follows it on its paragraph, or None."""
    text = " ".join(text.split())
    match = NUMBER.match(text)
    if match is None:
        return None
    body = text[match.end():]
    end = question_end(body)
    if end is None:
        return None
    answer, remark = _answer(body[end:])
    after = " ".join(body[end:].split())
    if answer is not None and answer == after and answer_kind(answer) is None:
        answer, remark = None, answer  # words after the question that are no answer: a remark
    return DashLine(" ".join(body[:end].split()), answer, int(match.group(1)), remark)


def below(line: DashLine, text: str) -> bool:
    """An "Answer: No" or "Comment: ..." paragraph under a question, or the answer alone on its line."""
    text = " ".join(text.split())
    remark: str | None
    if ANSWER_LINE.match(text) and line.answer is None:
        line.answer, remark = _answer(ANSWER_LINE.sub("", text, count=1))
    elif COMMENT.match(text):
        remark = COMMENT.sub("", text, count=1)
    elif line.answer is None and answer_kind(text) is not None:
        line.answer, remark = text, None
    else:
        return False
    if remark and remark.strip():
        line.comment = "; ".join(p for p in (line.comment, remark.strip()) if p)
    return True


@dataclass
class NumberedRun:
    """The numbered questions read so far, and which paragraphs (by key) they used."""
    lines: list[DashLine] = field(default_factory=list)
    used: list[object] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return len(self.lines) >= MIN_LINES and any(line.answer is not None for line in self.lines)


def find_runs(paragraphs: list[tuple[object, str | None]], carried: NumberedRun | None = None) -> tuple[
        list[NumberedRun], NumberedRun | None]:
    """Runs of numbered questions among a page's paragraphs (key, text), in order. Returns the runs
    and the run still open at the page's end (a run carried from the page before goes on first)."""
    runs: list[NumberedRun] = []
    current = carried
    for key, text in paragraphs:
        if text is None:  # a table in between: a run of question lines ends there
            if current is not None:
                runs.append(current)
                current = None
            continue
        line = question_line(text)
        if line is not None:
            if current is None:
                current = NumberedRun()
            current.lines.append(line)
            current.used.append(key)
            continue
        if current is not None and below(current.lines[-1], text):
            current.used.append(key)
            continue
        if current is not None:
            runs.append(current)
            current = None
    return runs, current
