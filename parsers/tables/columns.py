"""People side by side in a table: a row of titles ("Victim/Survivor | Alleged perpetrator") over
columns of cells that each hold a label and its value ("Surname: X", "Forename(s): Y", "Gender F").
Each column is one person, read column by column under its title; rows of the same shape further down
the table (after a full-width row) continue the columns. The same people may instead have their labels
down the left ("Perpetrator 1 | Perpetrator 2" over "Name | X | Y"): each column is still one person.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from ..model import RawValue, RowTable
from ..normalise import vocabulary
from ..printed import clean_label, label_pairs, short_line
from ..ticks import has_mark
from .cells import cell_pairs, inline_pair, no_entry, value_of
from .own_answer import options_as_printed
from .walk import BOX, Cell, Row, Walk, is_name_label


def pair_cells(row: Row) -> bool:
    """Every filled cell holds a label with its value ("Surname: X", "Alias:", "Gender F")."""
    filled = [c for c in row.cells if c.text]
    return bool(filled) and all(label_pairs(c.text) or inline_pair(c.text) for c in filled)


def column_rows(rows: list[Row], index: int) -> list[Row]:
    width = len(rows[index].cells)
    body: list[Row] = []
    for row in rows[index + 1:]:
        if len(row.cells) != width or row.claimed or not (row.empty or pair_cells(row)):
            break
        body.append(row)
    return body


def people_head(head: Row) -> bool:
    """A row that could title columns of people: short titles, no values in it."""
    return len(head.cells) >= 2 and all(short_line(c.text) and not label_pairs(c.text) and not has_mark(c.text)
                                        for c in head.cells)


def people_columns(head: Row, body: list[Row]) -> bool:
    """Each header cell titles a column of "Label: value" cells, one person per column."""
    return sum(1 for row in body for c in row.cells if c.text) >= 2 * len(head.cells)


def read_people_columns(head: Row, body: list[Row], walk: Walk) -> None:
    for cell in head.cells:  # column by column: one person's details together
        title = clean_label(cell.text)
        for row in body:
            for value_cell in row.under(cell):
                for label, value in cell_pairs(value_cell.text):
                    walk.add(label, value, value_cell.element, section=title, explicit_section=True, title=title)
    walk.use(head.element, *(row.element for row in body))
    # A full-width row further down the box ("Status of relationship: Son") is one of these people's: the
    # titles are its context, for the resolver to find the one person whose field the label can be.
    walk.names = [clean_label(cell.text) for cell in head.cells]


# --- people across the columns, their labels down the left: "Perpetrator details | Perpetrator 1 | Perpetrator 2"
# over "Name | X | Y", "Date of birth | 2.6.88 | 11.2.76" -------------------------------------------------------

@lru_cache(maxsize=1)
def _person_words() -> re.Pattern[str]:
    """The words naming a person on a form (data/labels.toml [roles]): a column title holding one titles a
    person's column. Read from the data here because the label matcher sits above the table rules."""
    text = resources.files("parsers").joinpath("data", "labels.toml").read_text(encoding="utf-8")
    phrases = [p.lower() for words in tomllib.loads(text).get("roles", {}).values() for p in words]
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b({alternation})(s|'s|’s)?\b")


def names_person(title: str) -> bool:
    return bool(_person_words().search(" ".join(title.lower().split())))


def _left_label(cell: Cell) -> bool:
    text = cell.text
    return bool(text) and (cell.cue or text.rstrip().endswith(":")) and not has_mark(text) \
        and short_line(text) and not any(value is not None for _, value in label_pairs(text) or [])  # "Name:" alone


def labelled_rows(rows: list[Row], index: int) -> list[Row]:
    """The rows under a row of column titles that each hold a label on the left and plain values on its
    right, one per column ("Name | Kieran FLETCHER | N/A")."""
    width = len(rows[index].cells)
    body: list[Row] = []
    for row in rows[index + 1:]:
        if len(row.cells) != width or row.claimed or not _left_label(row.cells[0]) \
                or any(c.cue for c in row.cells[1:]):
            break
        body.append(row)
    return body


def people_across(head: Row, body: list[Row]) -> bool:
    """Column titles that each name a person ("Perpetrator 1", "Victim", "Alleged perpetrator") set apart as
    labels, over at least two rows of labels down the left: one person per column. Titles that name fields
    ("Name | DOB") are a table of people in rows instead, read elsewhere."""
    corner, titles = head.cells[0], head.cells[1:]
    if len(head.cells) < 3 or len(body) < 2 or (corner.text and not _title(corner)):
        return False
    if not all(c.text and _title(c) and (c.cue or head.header) for c in titles):
        return False
    if all(names_person(c.text) for c in titles):
        return True
    # "Mother / carer | Father / carer | Other significant adult" on a children's form: the adults by what they are
    # to the child, over a "Name" row
    return all(names_person(c.text) or kin_title(c.text) for c in titles) \
        and any(is_name_label(row.cells[0].text) for row in body)


def kin_title(text: str) -> bool:
    """A column title saying what an adult is to the child (data/values.toml [household] adults)."""
    folded = " ".join(text.lower().replace("’", "'").split()).rstrip(":")
    return folded in _adult_words() or folded.split("/")[0].strip() in _adult_words()


@lru_cache(maxsize=1)
def _adult_words() -> frozenset[str]:
    return frozenset(vocabulary().get("household", {}).get("adults", []))


def _title(cell: Cell) -> bool:
    return short_line(cell.text) and not label_pairs(cell.text) and not has_mark(cell.text)


def read_people_across(head: Row, body: list[Row], walk: Walk) -> None:
    """Each column's values under the label on their left, titled by the column's person (who is read from
    the title: "Perpetrator 2" is the second perpetrator)."""
    if head.cells[0].text:
        walk.heading(head.cells[0].text, BOX)  # "Perpetrator details": the box's own heading
    if not all(names_person(c.text) for c in head.cells[1:]):
        _adults_across(head, body, walk)
        return
    for cell in head.cells[1:]:  # column by column: one person's details together
        title = clean_label(cell.text)
        values = [(row, value_of(row.text_under(cell))) for row in body]
        if all(no_entry(value) or options_as_printed(value) for _, value in values):
            continue  # a column the referrer did not need ("N/A" in its first row, the rest blank or "Y / N")
        for row, value in values:
            walk.add(clean_label(row.cells[0].text), value, row.cells[0].element,
                     *(c.element for c in row.under(cell)), section=title, explicit_section=True, title=title)
    walk.use(head.element, *(row.element for row in body))


def _adults_across(head: Row, body: list[Row], walk: Walk) -> None:
    """Columns of the adults of a child's household, titled by what each is to the child: one row of a table of
    people per column, the title first ("Role in household"), for the resolver to tell the victim from the
    perpetrator as it does for a household table in rows."""
    headers = ["Role in household"] + [clean_label(row.cells[0].text) for row in body]
    people: list[list[RawValue]] = []
    for cell in head.cells[1:]:
        values = [value_of(row.text_under(cell)) for row in body]
        if not all(no_entry(value) or options_as_printed(value) for value in values):
            people.append([clean_label(cell.text), *values])
    walk.tables.append(RowTable(headers, people, walk.section, None, walk.headings()))
    walk.use(head.element, *(row.element for row in body))


_BRACKETED = re.compile(r"\(([^()]+)\)\s*$")


def _person_title(text: str) -> str:
    """ "CONTACT DETAILS (Client/Perpetrator)": the bracket says whose column it is, where the words before do not."""
    found = _BRACKETED.search(text)
    return clean_label(found.group(1)) if found else clean_label(text)


def read_pairs_under_people(rows: list[Row], index: int, walk: Walk) -> int:
    """Titles each over a label | value pair of columns ("CONTACT DETAILS (Client/Perpetrator) | CONTACT DETAILS
    (Partner/Victim)" over "Full Name | X | Full Name | Y"): each pair of columns is one person's, under that title
    (on a perpetrator programme's form the client is the perpetrator: only the title says so). The rows read, or 0
    for another layout."""
    head = rows[index]
    if len(head.cells) < 2 or not all(c.cue and c.span >= 2 and c.text for c in head.cells) or not people_head(head):
        return 0
    body: list[Row] = []
    for row in rows[index + 1:]:
        under = [row.under(h) for h in head.cells]
        if row.claimed or any(len(u) != 2 or (u[0].text and not u[0].cue) for u in under):
            break
        body.append(row)
    if len(body) < 2:
        return 0
    for h in head.cells:
        title = _person_title(h.text)
        for row in body:
            label_cell, value_cell = row.under(h)
            if label_cell.text:
                walk.add(clean_label(label_cell.text), value_of(value_cell.text), label_cell.element,
                         value_cell.element, section=title, explicit_section=True, title=title)
    walk.use(head.element, *(row.element for row in body))
    return 1 + len(body)


def _twin_labels(row: Row) -> str | None:
    """The one label a row repeats in each of its halves ("Name: | X | Name: | Y"), or None."""
    cells = row.cells
    if row.claimed or len(cells) < 4 or len(cells) % 2:
        return None
    labels = {clean_label(c.text).lower() for c in cells[0::2]}
    if len(labels) != 1 or not all(_bare_label(c) for c in cells[0::2]) or any(c.cue for c in cells[1::2]):
        return None
    return labels.pop()


def _bare_label(cell: Cell) -> bool:
    """A label alone in its cell ("Name:", a bold "Relationship"), its value in the next cell."""
    pairs = label_pairs(cell.text) if cell.text.rstrip().endswith(":") else None
    return (cell.cue or bool(pairs)) and short_line(cell.text) and not has_mark(cell.text) \
        and (pairs is None or (len(pairs) == 1 and pairs[0][1] is None))


def read_twin_pairs(rows: list[Row], index: int, walk: Walk) -> int:
    """Two (or more) people side by side with no titles over them, each row repeating its label in each half
    ("Name: | Maureen | Name: | Sam", "Relationship: | Grandmother | Relationship: | Social worker"): each half is
    one person, read down before the next, so the resolver never joins one person's name to the other's details.
    The rows read, or 0 for another layout."""
    body: list[Row] = []
    for row in rows[index:]:
        if _twin_labels(row) is None or len(row.cells) != len(rows[index].cells):
            break
        body.append(row)
    if len(body) < 2:
        return 0
    for half in range(0, len(body[0].cells), 2):
        for row in body:
            label_cell, value_cell = row.cells[half], row.cells[half + 1]
            walk.add(clean_label(label_cell.text), value_of(value_cell.text), label_cell.element, value_cell.element)
    walk.use(*(row.element for row in body))
    return len(body)
