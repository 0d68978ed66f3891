"""Tables read row by row: headings, label | value pairs, label-above-value blocks, person tables.
Forms mix these in one table, so each row is classified in turn. The cues are the ones a reader
uses: a full-width row is a heading (or a label with its box below it); a row whose cells are all
bold or shaded is a row of labels, with values in the row below (one row: a label-above-value
block; several: a table of people); any other row alternates label, value, label, value. DASH and
other Yes / No grids are left to parsers.tables.dash_grid.

What a table says about whose values follow goes with them: a title row ("Victim | (please duplicate
this box for each victim)"; a copy is "Victim 2"), the first of a row of labels ("Perpetrator(s)
name | DOB"), titles over columns of people ("Victim | Alleged perpetrator"), earlier name labels.
The format reader builds the rows (parsers.docx.tables, parsers.pdf.tables) and hands them to
`read_rows`; a Word table's nested tables are the Word reader's to read.
"""
from __future__ import annotations

import re

from ..model import Labelled, RawValue
from ..printed import clean_label, looks_like_data, short_line
from ..ticks import NOT_TICKS, has_mark, is_option, read_choice
from .box_titles import ASIDE, titled
from .cells import (
    answer_and_details,
    boxes_then_pair,
    direction,
    explains,
    instruction,
    printed_pairs,
    stacked_parts,
    value_of,
    without_hint,
)
from .columns import (
    column_rows,
    labelled_rows,
    pair_cells,
    people_across,
    people_columns,
    people_head,
    read_pairs_under_people,
    read_people_across,
    read_people_columns,
    read_twin_pairs,
)
from .dash_grid import read_grid
from .detail_rows import read_detail_rows, row_table
from .first_lines import text_parts
from .known import known_label, label_first, lists_household, names_a_box
from .label_rows import header_over_values, labels_over_answers
from .own_answer import option_cells, unanswered_options
from .side_pairs import read_side_pairs
from .signoff import signed_row
from .walk import Cell, Row, Walk, is_name_label


def read_rows(rows: list[Row], walk: Walk) -> None:
    """Read the rows of one table into the walk."""
    walk.names, walk.people, walk.box_depth = [], None, 0  # what a table says about whose values it holds is its own
    index = 0
    above: dict[int, Labelled] = {}  # values reported from the row above, by grid column
    while index < len(rows):
        row = rows[index]
        reported: dict[int, Labelled] = {}
        if row.claimed or row.empty or titled(row, walk):  # "Victim | (please duplicate this box …)": a title
            index += 1
        elif len(row.cells) == 1:
            index = _single_cell(rows, index, walk)
        else:
            index = read_grid(rows, index, walk) or _labels_or_pairs(rows, index, walk, above, reported)
        above = reported


def _single_cell(rows: list[Row], index: int, walk: Walk) -> int:
    cell = rows[index].cells[0]
    pairs = printed_pairs(cell.text)
    own = _whole_answers(cell) or (None if pairs else _own_parts(rows[index].cells, 0))
    if own:
        for label, value in own:
            walk.add(label, value, cell.element)
        return index + 1
    # A bold "Section 2: Victim details" is a heading; a bold "Consent obtained? No" is answered.
    answered = bool(pairs) and pairs[-1][0].endswith("?") and pairs[-1][1] is not None
    if pairs and (answered or not (cell.cue and not any(looks_like_data(str(v)) for _, v in pairs if v))):
        for label, value in pairs:
            walk.add(label, value, cell.element)
        return index + 1
    below = rows[index + 1] if index + 1 < len(rows) else None
    boxed = (below is not None and len(below.cells) == 1 and not below.claimed and not below.cells[0].cue
             and not _labelled_box(below.cells[0].text, bool(pairs)) and not direction(below.cells[0].text))
    if boxed and short_line(cell.text) and below is not None:
        # A full-width label with its answer in the full-width box below ("Summary of risks").
        before = walk.section
        if cell.cue and not cell.text.rstrip().endswith((":", "?")):
            walk.box_heading(cell.text)
        walk.add(clean_label(cell.text), value_of(below.cells[0].text), cell.element, below.cells[0].element,
                 section=before, explicit_section=True)
        return index + 2
    if not cell.cue and known_label(cell.text):
        walk.add(clean_label(cell.text), None, cell.element)  # a box left blank, its small label alone: no heading
    elif short_line(cell.text) and not _CONDITIONAL.match(cell.text) and not cell.text.lstrip().startswith("*"):
        walk.box_heading(cell.text)
    elif names_a_box(lead := re.split(r"\s*[(:–—]", cell.text.strip(), maxsplit=1)[0]):
        walk.box_heading(lead)  # "Significant others (extended family/friends/professionals) who are not …"
    return index + 1


_CONDITIONAL = re.compile(r"^\W*if\b", re.IGNORECASE)  # "If yes, please note …" heads nothing, nor a "*…" footnote


def _labelled_box(text: str, above_labelled: bool) -> bool:
    """A box whose text starts with a label of its own ("BRIEF SUMMARY OF RISKS: ...", or "GP details:
    ..." under a row of "Label:" blanks): the full-width row above it is not its label."""
    pairs = printed_pairs(text)
    return bool(pairs) and (above_labelled or (any(ch.isalpha() for ch in pairs[0][0]) and pairs[0][0].isupper())
                            or known_label(pairs[0][0]))  # "Police reference number (if known): EX/…"


def _is_label_row(row: Row) -> bool:
    return (len(row.cells) >= 2 and all(c.text for c in row.cells) and not any(has_mark(c.text) for c in row.cells)
            and all(c.cue or row.header or c.text.rstrip().endswith(":") for c in row.cells))


def _is_plain_header(rows: list[Row], index: int) -> bool:
    """An unformatted header row: only where pairs cannot be (odd or many columns), over rows of data (dates)."""
    row = rows[index]
    width = len(row.cells)
    if width < 3 or (width % 2 == 0 and width <= 6) or not all(c.text for c in row.cells):
        return False
    if any(looks_like_data(c.text) for c in row.cells):
        return False
    below = rows[index + 1:index + 4]
    return any(len(r.cells) == width and any(looks_like_data(c.text) for c in r.cells) for r in below)


def _value_rows(rows: list[Row], index: int) -> int:
    """How many rows of values follow a row of labels."""
    width = rows[index].width  # grid columns: answers may be merged across a label's blank neighbour
    count = 0
    for row in rows[index + 1:]:
        # Values are plain: a row with a bold or shaded cell holds labels of its own (pairs).
        if row.width != width or len(row.cells) < 2 or row.claimed or any(c.cue for c in row.cells):
            break
        count += 1
    return count


# Headings of a two-column "Question | Answer" table: its rows are pairs, not a table of people.
_PAIR_HEADINGS = {"question", "answer", "details", "detail", "information", "info", "field", "value", "response",
                  "item", "answers", "questions", "description", "comments", "notes", "information required"}


def _pairs_heading(row: Row) -> bool:
    return len(row.cells) == 2 and all(clean_label(c.text).lower() in _PAIR_HEADINGS for c in row.cells)


def _labels_or_pairs(rows: list[Row], index: int, walk: Walk, above: dict[int, Labelled],
                     reported: dict[int, Labelled]) -> int:
    row = rows[index]
    if _pairs_heading(row):
        walk.use(row.element)
        return index + 1
    if walk.people is not None and len(row.cells) == len(walk.people.cells) and pair_cells(row):
        read_people_columns(walk.people, [row], walk)  # the columns go on after a full-width row
        return index + 1
    if _is_label_row(row) and people_head(row):
        body = column_rows(rows, index)
        if people_columns(row, body):
            read_people_columns(row, body, walk)
            walk.people = row
            return index + 1 + len(body)
    if done := read_pairs_under_people(rows, index, walk) or read_twin_pairs(rows, index, walk):
        return index + done
    if len(row.cells) >= 3 and people_across(row, across := labelled_rows(rows, index)):
        read_people_across(row, across, walk)
        return index + 1 + len(across)
    if done := read_side_pairs(rows, index, walk):  # records with another box's pairs beside them
        return index + done
    if (_is_label_row(row) or _is_plain_header(rows, index) or header_over_values(rows, index)
            or labels_over_answers(rows, index)):
        if done := read_detail_rows(rows, index, walk):
            return index + 1 + done  # each person's row of values with rows of "Label: value" details under it
        count = _value_rows(rows, index)
        if count >= 2 or (count == 1 and len(row.cells) >= 3 and lists_household(walk.section or "")):
            # (one sibling under "Siblings and other children's details" is a row of that table, not the child's box)
            row_table(row, rows[index + 1:index + 1 + count], walk)
            return index + 1 + count
        if count == 1:
            _label_above(row, rows[index + 1], walk)
            return index + 2
        if index + 1 < len(rows) and rows[index + 1].claimed:
            return index + 1  # headings over boxes named by path, read by name already
    _pairs(row, walk, above, reported)
    return index + 1


def _label_above(head: Row, below: Row, walk: Walk) -> None:
    # The first label ("Perpetrator(s) name | DOB") says whose the others are, or the nearest name label before it;
    # a first label with the form's guidance under it ("Reason for residence at this address: Please indicate …")
    # is a question of its own, no title.
    first = head.cells[0].text
    title = clean_label(first) if "\n" not in first.strip() else None
    for cell in head.cells:
        if not cell.text:
            continue
        if is_name_label(cell.text):
            title = clean_label(cell.text)
        walk.add(clean_label(cell.text), value_of(below.text_under(cell)), cell.element,
                 *(c.element for c in below.under(cell)), title=title)


def _is_ticks(text: str) -> bool:
    return bool(text) and read_choice(text) is not NOT_TICKS


def _pairs(row: Row, walk: Walk, above: dict[int, Labelled], reported: dict[int, Labelled]) -> None:
    """Label, value, label, value... across a row; inline "Label: value" cells stand alone."""
    cells = row.cells
    k, start, first_name = 0, len(walk.labelled), len(walk.names)
    while k < len(cells):
        cell = cells[k]
        walk.column = (cell.col, cell.span)
        if (chosen := option_cells(cells, k)) is not None:  # "Discussed with the parent? | YES | NO X"
            walk.add(*chosen, cell.element, *(c.element for c in cells[k + 1:]))
            break
        if not cell.text:
            if k + 1 < len(cells) and cells[k + 1].text:
                continued = _continue_value(cells[k + 1], walk, above)
                if continued is not None:
                    reported[cells[k + 1].col] = continued
            k += 2
            continue
        inline = printed_pairs(cell.text)
        # "Name: Jo | Mrs | Dob: …", "Tel no: | GP: Dr Abbott": beside a cell holding its own label and answer,
        # a plain word answers no label, and an empty "Label:" is left blank
        beside = k + 1 < len(cells) and bool(after := printed_pairs(cells[k + 1].text)) and after[-1][1] is not None \
            and known_label(after[0][0])  # (not an answer holding a colon: "White: Any other White background")
        if beside and not inline and not cell.cue and k and printed_pairs(cells[k - 1].text):
            k += 1
            continue
        # in this order: several lines of one answer, bold labels stacked, "Label: value", bold label then answer
        own = _whole_answers(cell) or stacked_parts(cell.parts, inline) or (
            inline if inline and (inline[-1][1] is not None or k + 1 >= len(cells) or beside) else None) \
            or _own_parts(cells, k) or unanswered_options(cells, k)  # "Drugs involved? Y N": no label of the next
        if own:
            for label, value in own:
                walk.add(label, value, cell.element)
            k += 1
            continue
        k = _pair_at(cells, k, walk, reported)
    walk.row_read(first_name)
    signed_row(walk.labelled[start:])  # "Referrer signature | name | Date: | …": the date is the signer's


def _whole_answers(cell: Cell) -> list[tuple[str, RawValue]] | None:
    """A bold label with an answer of several lines typed under it, the first of them plain words ("Reasons for
    Referral:" over "Professional judgement – Recent escalation: …"): the lines are one answer, though a line
    holds a colon. Where the first line is itself "Label: value" (a bold "Victim" over "Name: …"), or no
    answer runs to a second line, the cell is read as pairs (None)."""
    if not cell.parts or not any("\n" in value for _, value in cell.parts):
        return None
    if any(value and printed_pairs(value.split("\n")[0]) for _, value in cell.parts):
        return None
    return [(clean_label(label), value_of(value) if value else None) for label, value in cell.parts]


def _own_parts(cells: list[Cell], k: int) -> list[tuple[str, RawValue]] | None:
    """The bold labels inside cells[k] with the answers typed after them in the same cell (Cell.parts), unless
    the next cell is the answer: a bold "Date of birth" over a plain "(dd/mm/yyyy)" hint is still a label."""
    cell = cells[k]
    after = cells[k + 1] if k + 1 < len(cells) else None
    parts = cell.parts or text_parts(cell.text) or label_first(cell.text)  # "Risk summary" over its answer
    if not parts or (after is not None and after.text and not (after.parts or after.cue or printed_pairs(after.text))):
        return None
    if all(instruction(value) or ASIDE.fullmatch(value.strip()) for _, value in parts if value):
        return None  # the plain words are a hint in brackets, not an answer
    return [(clean_label(label), value_of(value) if value else None) for label, value in parts]


def _pair_at(cells: list[Cell], k: int, walk: Walk, reported: dict[int, Labelled]) -> int:
    """The label in cells[k] with its value in the next cell, and in further cells of tick options."""
    values = cells[k + 1:k + 2]
    # Labels side by side: shaded both, or plain both and labels the table lists ("Forename(s)" | "Surname", blank)
    if values and ((cells[k].cue and values[0].cue and values[0].text and not values[0].parts and not _is_ticks(
            values[0].text) and not printed_pairs(values[0].text)) or not (cells[k].cue or values[0].cue) and known_label(
            values[0].text) and known_label(cells[k].text)):
        walk.add(clean_label(cells[k].text), None, cells[k].element)
        return k + 1
    end = k + 2
    if values and not values[0].text and k + 3 == len(cells) and is_option(cells[k + 2].text.strip()) \
            and not cells[k + 2].cue:
        values, end = [cells[k + 2]], k + 3  # "Aware of the referral? | (YES deleted) | NO": the word left
    if values and _is_ticks(values[0].text):
        # "Label | ☒ Yes | ☐ No": the options may each have a cell of their own.
        while end < len(cells) and _is_ticks(cells[end].text) and not cells[end].cue:
            values.append(cells[end])
            end += 1
    text = " ".join(c.text for c in values if c.text)
    # "Diversity data | B&ME ☐ Disabled ☒ LGBT ☐ Gender F": the boxes carry labels of their own; two
    # boxes that read as one answer's options ("Female ☒ Male ☐") are the answer to the row's label.
    boxes = boxes_then_pair(text) if len(values) == 1 else []
    if boxes and (read_choice(text) is NOT_TICKS or "all that apply" in cells[k].text.lower()):
        for label, value in boxes:
            walk.add(clean_label(label), value, cells[k].element, values[0].element)
        return end
    first, more = answer_and_details(text) if len(values) == 1 else (text, None)
    label = clean_label(without_hint(cells[k].text))
    if more and all(explains(detail) for detail, _ in more):
        # "Wants to speak to police? | Yes  Rationale: ...": the answer, then why (a label of its own).
        item = walk.add(label, value_of(first), cells[k].element, *(c.element for c in values))
        for detail, value in more:
            walk.add(detail, value, values[0].element)
        reported[values[0].col] = item
        return end
    if more:
        # "Interpreter required? | Yes ☒ No ☐ / Language: Polish": the line below details the ticked
        # answer ("Interpreter required? Language"), and is the answer where it is filled in.
        for detail, value in more:
            walk.add(f"{label} {detail}", value, values[0].element)
        text = "" if any(value is not None for _, value in more) else first
    item = walk.add(label, value_of(text), cells[k].element, *(c.element for c in values))
    if values:
        reported[values[0].col] = item
    return end


def _continue_value(cell: Cell, walk: Walk, above: dict[int, Labelled]) -> Labelled | None:
    """A value with no label of its own, under a value in the row above: a second address line."""
    previous = above.get(cell.col)
    if previous is None or not isinstance(previous.value, str):
        return None
    previous.value = f"{previous.value}\n{cell.text}"
    walk.use(cell.element)
    return previous
