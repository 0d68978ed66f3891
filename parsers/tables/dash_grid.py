"""Yes / No / Don't know grids in Tables: the DASH checklist, and smaller grids of the same shape.

A header row names the answer columns (Yes / No / Don't know, Y / N / DK, Not known...); each row
below is a question, answered by the column that holds a mark: X, ✓, ✔, ☒, a ticked box, or the
word Yes. A grid with a question-number column or ten questions or more is a DASH checklist
(DashLine per question); a shorter one ("Reason for referral: visible high risk | X | ") gives
Labelled values, the marked column's heading as the value.

Checklists as areas print them also have: sub-ticks and a "Comment:" line inside the question cell
(left out of the question; the comment kept; a sub-tick ticked with no answer marked is a doubt for
the resolver to report), a full-width "Comment: ..." row under a question, the answer typed with a
remark ("Yes - see below", "No, moved out"), and no header row at all (parsers.tables.dash_answers).
A short grid of numbered questions after a DASH checklist (honour-based violence, stalking) is read
as DASH lines too.

A question whose answer columns hold a box the file does not carry the state of
(parsers.ticks.UNREADABLE) is left unanswered, never read as a mark.
"""
from __future__ import annotations

import re

from ..model import DashLine
from ..printed import label_pairs
from ..ticks import CHECKED_GLYPHS, UNCHECKED_GLYPHS, UNREADABLE, has_mark
from .dash_answers import (
    COMMENT,
    DASH_MIN_QUESTIONS,
    LEADING_NUMBER,
    MARK_WORDS,
    NUMBER,
    answer_key,
    answer_kind,
    choice_cell,
    inline_layout,
    typed_answer,
    worded,
    worded_marks,
)
from .walk import Cell, GridLayout, Row, Walk

_TYPED = {"answer", "response", "answers"}
_TYPED_SPLIT = re.compile(r"/|,|\bor\b")
MAX_ANSWER_CHARS = 20
MAX_MARK_CHARS = 3  # "X", "✓", "Yes": longer words under an answer column that are no answer are text
FOLLOW_UP_MIN_QUESTIONS = 3  # a numbered grid after a DASH checklist (stalking, honour-based questions)


def _typed_header(text: str) -> bool:
    key = answer_key(text)
    parts = {answer_kind(p) for p in _TYPED_SPLIT.split(key)}
    return key in _TYPED or {"yes", "no"} <= parts


def _body(rows: list[Row], index: int) -> list[Row]:
    """The rows under a candidate header with the same number of cells (empty and heading rows skipped)."""
    width = rows[index].width
    body = []
    for row in rows[index + 1:]:
        if row.empty or len(row.cells) == 1:
            continue
        if row.width != width:
            break
        body.append(row)
    return body


def _number_column(head: Row, body: list[Row]) -> Cell | None:
    for cell in head.cells:
        numbered = sum(1 for row in body if NUMBER.match(row.text_under(cell)))
        if body and numbered >= 0.6 * len(body):
            return cell
    return None


def _answer_columns(head: Row, number: Cell | None) -> tuple[list[tuple[Cell, str]], Cell | None] | None:
    """(answer columns, typed-answer column): Yes / No / DK side by side, or one "Y/N/DK" column."""
    answers = [(c, kind) for c in head.cells if c is not number and (kind := answer_kind(c.text))]
    if {k for _, k in answers} >= {"yes", "no"}:
        positions = [head.cells.index(c) for c, _ in answers]
        side_by_side = positions == list(range(positions[0], positions[-1] + 1))
        # "Gender | Female | Pregnant | No" is a row of pairs, not a grid.
        return (answers, None) if side_by_side and len({k for _, k in answers}) == len(answers) else None
    typed = next((c for c in head.cells if c is not number and _typed_header(c.text)), None)
    return ([], typed) if typed is not None else None


def _typed_answers(body: list[Row], typed: Cell) -> bool:
    """A typed column reads as answers when it mostly holds answer words, not names or dates."""
    words = sum(1 for r in body if answer_kind(r.text_under(typed)) or answer_key(r.text_under(typed)) in MARK_WORDS)
    return words >= 0.6 * len(body)


_HOW_TO_MARK = re.compile(r"\b(?:tick|cross|mark|circle|select)\b", re.IGNORECASE)


def _asks(row: Row) -> bool:
    """A question row, not a header: a question in it, or a box beside an answer word ("YES ☐"). The same mark
    under every answer heading ("Yes ☑ | No ☑", the tick referrers copy into the column) shows how to answer."""
    if any("?" in c.text and len(c.text.split()) >= 3 for c in row.cells):
        return True
    marked = [c for c in row.cells if has_mark(c.text) and not _HOW_TO_MARK.search(c.text)]  # not "Please tick ✓"
    legend = len(marked) >= 2 and all(answer_kind(c.text) for c in marked) and len(
        {"".join(ch for ch in c.text if ch in CHECKED_GLYPHS + UNCHECKED_GLYPHS) for c in marked}) == 1
    return bool(marked) and not legend


def _could_head_answers(head: Row) -> bool:
    """Whether the row has answer columns for any choice of number column (which needs the body
    to tell). Asked first, from the row alone, so a long table of other rows is not scanned again
    at every row: that made reading a table quadratic in its rows (minutes for a few thousand)."""
    return any(_answer_columns(head, number) is not None for number in (None, *head.cells))


def _numbered_questions(body: list[Row], question: Cell) -> bool:
    """Most rows ask a numbered question ("3. Have you been threatened with being taken abroad?")."""
    texts = [row.text_under(question) for row in body]
    asked = sum(1 for t in texts if LEADING_NUMBER.match(t) and "?" in t)
    return len(texts) >= FOLLOW_UP_MIN_QUESTIONS and asked >= 0.6 * len(texts)


def _header(rows: list[Row], index: int, walk: Walk) -> GridLayout | None:
    head = rows[index]
    if len(head.cells) < 3 or not _could_head_answers(head) or _asks(head):
        return None
    body = _body(rows, index)
    if not body:
        return None
    number = _number_column(head, body)
    found = _answer_columns(head, number)
    if found is None:
        return None
    answers, typed = found
    columns = [c for c, _ in answers] or [typed]
    first_answer = head.cells.index(columns[0])
    others = [c for c in head.cells if c is not number and c not in columns]
    left = [c for c in others if head.cells.index(c) < first_answer] or others
    if not left:
        return None
    question = max(left, key=lambda c: sum(len(r.text_under(c)) for r in body))
    questions = sum(1 for r in body if r.text_under(question))
    short = sum(1 for r in body if all(len(r.text_under(c)) <= MAX_ANSWER_CHARS for c in columns))
    if not questions or short < 0.8 * len(body):
        return None
    right = [c for c in others if c is not question and head.cells.index(c) > first_answer]
    dash = number is not None or questions >= DASH_MIN_QUESTIONS or (
        walk.dash_layout is not None and _numbered_questions(body, question))
    if typed is not None:
        dash = dash and _typed_answers(body, typed)
    return GridLayout(head, answers, typed, question, number, right[0] if right else None, dash)


def _continues(layout: GridLayout, row: Row) -> bool:
    """A table with no header row carrying on the DASH grid of the table before it."""
    if row.width != layout.head.width or len(row.cells) < 2:
        return False
    columns = [c for c, _ in layout.answers] or [layout.typed]
    return (len(row.text_under(layout.question)) >= 15
            and all(_answer_like(row.text_under(c)) for c in columns if c is not None))


def read_grid(rows: list[Row], index: int, walk: Walk) -> int | None:
    """Read a grid whose header (or, for a continuation, first question) is rows[index]; returns the
    index of the first row after it, or None when rows[index] does not start a grid."""
    layout = _header(rows, index, walk)
    start = index + 1
    if layout is None:
        layout = walk.dash_layout if walk.dash_layout is not None and _continues(walk.dash_layout, rows[index]) else None
        layout = layout or inline_layout(rows, index, walk)
        start = index
    if layout is None:
        return None
    end = start
    last: DashLine | None = None
    while end < len(rows):
        row = rows[end]
        if row.empty or row.claimed:
            end += 1
            continue
        if layout.dash and last is not None and len(row.cells) == 1 and COMMENT.match(row.cells[0].text):
            # "Comment: ..." on a full-width row under its question
            last.comment = _joined(last.comment, COMMENT.sub("", row.cells[0].text, count=1))
            walk.use(row.element)
            end += 1
            continue
        if row.width != layout.head.width or len(row.cells) == 1 or _off_grid(row, layout):
            break  # a full-width row ("Stalking questions", "Total: 15") is read as any other row
        if not _repeated_header(row, layout):
            last = _read_line(row, layout, walk)
        end += 1
    if layout.dash:
        walk.dash_layout = layout
    walk.use(layout.head.element)
    return end


def _joined(*parts: str | None) -> str | None:
    kept = [" ".join(p.split()) for p in parts if p and p.strip()]
    return "; ".join(kept) or None


def _repeated_header(row: Row, layout: GridLayout) -> bool:
    """The header row printed again (a grid running over a page break, copied by hand)."""
    return bool(layout.answers) and not _asks(row) and all(answer_kind(row.text_under(c)) == k
                                                           for c, k in layout.answers)


def _answer_like(text: str) -> bool:
    if UNREADABLE in text:
        return True
    key = answer_key("".join(ch for ch in text if ch not in UNCHECKED_GLYPHS))
    return (not key or any(g in text for g in CHECKED_GLYPHS) or key in MARK_WORDS
            or answer_kind(key) is not None or choice_cell(text) or typed_answer(text)[0] != " ".join(text.split()))


def _off_grid(row: Row, layout: GridLayout) -> bool:
    """A row whose boxes do not stand under the header's and that holds words, not marks, under an answer
    column: a sign-off row ("Completed by | … | Date | …") in the checklist's own table, as Word joins two
    tables with nothing between them."""
    if {(c.col, c.span) for c in row.cells} == {(c.col, c.span) for c in layout.head.cells}:
        return False
    for cell in [c for c, _ in layout.answers] + [layout.typed] * (layout.typed is not None):
        text = row.text_under(cell)
        key = answer_key("".join(ch for ch in text if ch not in CHECKED_GLYPHS + UNCHECKED_GLYPHS))
        typed = answer_key(typed_answer(text)[0] or "")  # "Yes - see below" is an answer
        if len(key) > MAX_MARK_CHARS and key not in MARK_WORDS and not key.isdigit() \
                and answer_kind(key) is None and answer_kind(typed) is None:
            return True
    return False


def _marked(text: str, kind: str) -> bool:
    if UNREADABLE in text:
        return False  # a box whose state the file does not carry
    if any(glyph in text for glyph in CHECKED_GLYPHS):
        return True
    if any(glyph in text for glyph in UNCHECKED_GLYPHS):
        return False  # "Yes ☐": the box decides, not the word beside it
    key = answer_key("".join(ch for ch in text if ch not in UNCHECKED_GLYPHS))
    if not key or key.isdigit() or key in {"-", "–", "n/a"}:
        return False
    if key in MARK_WORDS:
        return True
    word = answer_kind(key)
    return word == kind if word is not None else True


def _question(row: Row, layout: GridLayout) -> tuple[str, int | None, str | None]:
    """The question, its printed number and a comment written in the question cell. Lines of
    sub-ticks ("You ☐ Children ☒ Other ☐") are left out: they say who, not whether."""
    lines, comments = [], []
    for line in row.text_under(layout.question).split("\n"):
        if COMMENT.match(line):
            comments.append(COMMENT.sub("", line, count=1))
        elif comments and not has_mark(line):
            comments.append(line)  # the comment carries on
        elif not (lines and has_mark(line)):
            lines.append(line)
    text = " ".join(" ".join(lines).split())
    number = None
    if layout.number is not None:
        match = NUMBER.match(row.text_under(layout.number))
        number = int(match.group(1)) if match else None
    leading = LEADING_NUMBER.match(text)
    if leading:
        number = number if number is not None else int(leading.group(1))
        text = text[leading.end():]
    return text, number, _joined(*comments)


def _sub_ticked(row: Row, layout: GridLayout) -> bool:
    """A box ticked among the sub-ticks under the question ("You ☒ Children ☐"), which say who."""
    lines = row.text_under(layout.question).split("\n")
    return any(any(g in line for g in CHECKED_GLYPHS) for line in lines[1:] if not COMMENT.match(line))


def _read_line(row: Row, layout: GridLayout, walk: Walk) -> DashLine | None:
    question, number, noted = _question(row, layout)
    if not question:
        return None
    walk.use(row.element)
    remark = None
    if layout.typed is not None:
        if row.text_under(layout.typed).strip().isdigit():  # "Total 'yes' responses | 16": a figure
            walk.add(question, row.text_under(layout.typed).strip())
            return None
        typed, remark = typed_answer(row.text_under(layout.typed))
        marked = [typed] if typed else []
        printed = marked
    else:
        hits = worded_marks(row, layout) if worded(layout) else \
            [(cell, kind) for cell, kind in layout.answers if _marked(row.text_under(cell), kind)]
        marked, printed = [k for _, k in hits], [" ".join(c.text.split()) for c, _ in hits]
        if not hits:
            total = next((row.text_under(c) for c, _ in layout.answers if row.text_under(c).strip().isdigit()), None)
            if total is not None:  # "Total score | | 15 |": a figure, not a mark
                walk.add(question, total.strip())
                return None
    columns = [c for c, _ in layout.answers] or [layout.typed]
    if any(UNREADABLE in row.text_under(c) for c in columns if c is not None):
        marked, printed, remark = [], [], None  # boxes whose state the file does not carry: unknown
    # Two marks is a contradiction for a person to settle: "yes / no", which the resolver reports.
    answer = None if not marked else marked[0] if len(marked) == 1 else " / ".join(marked)
    comment = row.text_under(layout.comment).strip() if layout.comment is not None else ""
    if layout.dash:
        line = DashLine(question, answer, number, _joined(noted, remark, comment))
        if answer is None and _sub_ticked(row, layout):
            line.doubt = "a box under the question is ticked but no answer is marked"
        walk.dash_lines.append(line)
        return line
    walk.add(question, " / ".join(printed) if printed else None)
    for label, value in label_pairs(comment) or []:
        if value is not None:
            walk.add(label, value)
    return None
