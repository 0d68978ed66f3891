"""How a grid of cells (a ruled table, or columns told apart by x-position) reads: label | value
pairs, a table of people under a header row, or a DASH checklist with one column per answer.

The grid is text already; deciding what it means needs no coordinates, so the same rules serve
Word exports (ruled tables) and printed forms (columns by position).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import DashLine, Labelled, RawForm, RowTable
from ..problem import Problem
from ..tables.parallel_lists import paired_lists
from ..tables.people_cell import people_in_one_box
from ..tables.prompts import prompts_in_text
from .layout import (
    Cell,
    answer_of,
    clean_label,
    colon_pair,
    is_mark,
    number_of,
    read_ticks,
)

NUMBER_HEADER = re.compile(r"^(no\.?|#|q\.?|qu\.?|num(ber)?\.?|ref\.?|)$", re.IGNORECASE)
_TYPED_ANSWER_HEADER = re.compile(r"\banswer\b|\bresponse\b|^y\s*/\s*n|^yes\s*/\s*no", re.IGNORECASE)
_COMMENT_HEADER = re.compile(r"comment|source|note|detail|information|evidence", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^(?:Q\.?\s?)?(\d{1,2})[.)]?\s+(?=\S)", re.IGNORECASE)


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class DashColumns:
    """Which column of a checklist holds what."""
    question: int
    answers: dict[int, str]  # column -> yes / no / unknown, for tick-in-a-column layouts
    typed: int | None = None  # one column where the answer is written ("Yes", "DK")
    number: int | None = None
    comment: int | None = None


def _numbers_in(body: list[list[str | None]], column: int) -> bool:
    cells = [row[column] for row in body if column < len(row) and flat(row[column])]
    return bool(cells) and sum(number_of(flat(c)) is not None for c in cells) >= 0.6 * len(cells)


def dash_columns(headers: list[str], body: list[list[str | None]]) -> DashColumns | None:
    """The checklist's columns from its header row, or None if the header is not a checklist's."""
    keys = [flat(h) for h in headers]
    # The first column holds question numbers when its cells are numbers; its header ("No.",
    # wrapped as "No / .") must not be read as the answer No.
    numbered = _numbers_in(body, 0) if body else bool(keys and NUMBER_HEADER.match(keys[0].replace(" ", "")))
    number = 0 if keys and numbered else None
    answers = {i: answer_of(k) for i, k in enumerate(keys) if i != number and answer_of(k)}
    typed = next((i for i, k in enumerate(keys) if i != number and _TYPED_ANSWER_HEADER.search(k)), None)
    if len(set(answers.values())) < 2:
        answers = {}
        if typed is None:
            return None
    answer_cols = sorted(answers) or [typed]  # type: ignore[list-item]
    others = [i for i in range(len(keys)) if i != number and i not in answer_cols]
    before = [i for i in others if i < answer_cols[0]] or others
    if not before:
        return None

    def text_in(column: int) -> int:
        return sum(len(flat(row[column])) for row in body if column < len(row)) + len(keys[column])

    question = max(before, key=text_in)
    after = [i for i in others if i > answer_cols[-1]]
    comment = next((i for i in after if _COMMENT_HEADER.search(keys[i])), after[0] if after else None)
    return DashColumns(question, answers, None if answers else typed, number, comment)


def dash_line(columns: DashColumns, row: list[str | None], problems: list[Problem]) -> DashLine | None:
    """One checklist row; a row with no question text (a blank or a spacer) gives None."""
    def cell(i: int | None) -> str:
        return flat(row[i]) if i is not None and i < len(row) else ""

    question = cell(columns.question)
    number = number_of(cell(columns.number)) if columns.number is not None else None
    leading = _LEADING_NUMBER.match(question)
    if leading:  # "7. Is there conflict over child contact?" in one cell
        number = number if number is not None else int(leading.group(1))
        question = question[leading.end():]
    if not question:
        return None
    if columns.typed is not None:
        answer = cell(columns.typed) or None
    else:
        marked = sorted({value for i, value in columns.answers.items() if is_mark(cell(i))})
        answer = marked[0] if len(marked) == 1 else None
        if len(marked) > 1:
            where = f"question {number}" if number is not None else "a question"
            problems.append(Problem(f"DASH checklist, {where}: more than one answer is marked "
                                    f"({', '.join(marked)})", severity="warning"))
    comment = row[columns.comment] if columns.comment is not None and columns.comment < len(row) else None
    return DashLine(question, answer, number, (comment or "").strip() or None)


def is_people_header(cells: list[Cell | None], ruled: bool) -> bool:
    """A header row over one row per person: bold headings in three or more columns (or, in a ruled
    table, an odd number of filled columns, which label | value pairs never make)."""
    present = [c for c in cells if c is not None]
    if len(present) < 3 or len(present) != len(cells) or not all(flat(c.text) for c in present):
        return False
    return all(c.bold for c in present) or (ruled and len(present) % 2 == 1)


def tidy(text: str | None) -> str | None:
    """Spaces collapsed within each line; the line breaks the writer typed are kept."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return "\n".join(line for line in lines if line) or None


def row_table(headers: list[str], body: list[list[str | None]], section: str | None) -> RowTable:
    return RowTable([flat(h) for h in headers], [[tidy(v) for v in row] for row in body], section)


def pair_row(cells: list[Cell | None], section: str | None) -> list[Labelled]:
    """A row of a label | value table: label, value (, label, value ...)."""
    present = [c for c in cells if c is not None]
    if len(present) == 1:
        pair = colon_pair(flat(present[0].text))
        return [Labelled(pair[0], read_ticks(pair[1]), section)] if pair else []
    if len(present) % 2:  # label | Yes-box | No-box and the like: one label, the rest its value
        present = [present[0], Cell(" ".join(c.text for c in present[1:]), present[1].x0, present[-1].x1,
                                    present[1].top, present[-1].bottom, False)]
    out = []
    for label, value in zip(present[::2], present[1::2]):
        if flat(label.text):
            text = value.text.strip()
            out.append(Labelled(clean_label(label.text), read_ticks(text) if text else None, section))
    return out


def boxes_of_people_and_prompts(raw: RawForm) -> None:
    """What the Word reader does with a box holding several people or several prompts, done alike:
    "Names and dates of birth of children | Jo SMITH – 3.4.2019 (son) ..." becomes a table of its own,
    and "Please add anything you know about | - who is she afraid of? X ..." a label per prompt."""
    items, raw.labelled[:] = paired_lists(list(raw.labelled)), []
    front = 0
    for item in items:
        table = people_in_one_box(item, raw.problems)
        if table is True:
            continue
        if isinstance(table, RowTable):
            raw.tables.insert(front, table)
            front += 1
            continue
        prompts = prompts_in_text(item.value) if isinstance(item.value, str) else None
        if not prompts:
            raw.labelled.append(item)
            continue
        raw.labelled.extend(Labelled(prompt, answer, item.section, item.title, item.context, item.headings)
                            for prompt, answer in prompts)
