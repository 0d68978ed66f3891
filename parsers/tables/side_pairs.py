"""A table of people in rows with another box's label | value pairs printed beside it, in the same rows.

West of Berkshire's referral prints the children and the referrer in one table: the header "Children | Forename(s) |
Surname | Date of Birth | Referrers details", its last cell over two columns; then per child a row "Child 1 | Owen |
O'BRIEN | 26th March 2020 | Name | Fatima Cartwright", whose last two cells are one line of the referrer's details
(a label set apart, its value plain), and a row of the child's details under it ("Child's Address:" | the address
merged over the middle columns). The pairs on the right are the box the header's last cell names, read as labels
under that title; the rest is a table of records with rows of details under them, as parsers.tables.detail_rows reads
one. A first column of labels ("Child 1", "Child 2") names each row and is no value; its header titles the table.
Unused rows ("Child 4", left empty) are no records, though the pair beside them is still read.
"""
from __future__ import annotations

from ..printed import clean_label, label_pairs, looks_like_data, short_line
from ..ticks import has_mark
from .cells import value_of
from .detail_rows import Record, add_records, detail_pairs
from .walk import Cell, Row, Walk

RECORD, DETAIL, BLANK = "record", "detail", "blank"


def read_side_pairs(rows: list[Row], index: int, walk: Walk) -> int:
    """The rows read from the header at `index` (itself included) when its last cell, over two columns, names a box
    of label | value pairs beside records; 0 for another layout."""
    head = rows[index]
    side, columns = head.cells[-1], head.cells[:-1]
    if len(columns) < 2 or side.span < 2 or not _heading(side, head) or not columns[-1].text \
            or not all(_heading(c, head) for c in columns if c.text):
        return 0
    body = _body(rows, index, side, columns)
    records = [(row, rest) for row, _, rest, kind in body if kind == RECORD]
    pairs = [(label, value) for _, (label, value), _, _ in body if label.text]
    if not records or len(pairs) < 2:
        return 0
    title = clean_label(side.text)
    for label, value in pairs:
        walk.add(clean_label(label.text), value_of(value.text), label.element, value.element, title=title)
    named = all(rest[0].cue or not rest[0].text for _, rest in records) and any(rest[0].cue for _, rest in records)
    add_records(columns[1:] if named else columns, _grouped(body), walk,
                title=(clean_label(columns[0].text) or None) if named else None, pairs=detail_pairs)
    walk.use(head.element, *(row.element for row, _, _, _ in body))
    return 1 + len(body)


def _heading(cell: Cell, head: Row) -> bool:
    """A header cell: a label set apart (or in a header row), no value in it."""
    text = cell.text
    return bool(text) and (cell.cue or head.header or text.rstrip().endswith(":")) and short_line(text) \
        and not looks_like_data(text) and not has_mark(text) and not any(v for _, v in label_pairs(text) or [])


Line = tuple[Row, tuple[Cell, Cell], list[Cell], str]  # a row, its pair on the right, the cells left of it, its kind


def _body(rows: list[Row], index: int, side: Cell, columns: list[Cell]) -> list[Line]:
    """The rows under the header that each end in a pair under its last cell (a label set apart, then its plain
    value; or both blank) after a record, a row of details, or nothing. Rows of details after the last record are
    kept only where they repeat the details of the records above (a record alone: where they are answered)."""
    body: list[Line] = []
    for row in rows[index + 1:]:
        pair = [c for c in row.cells if side.covers(c)]
        rest = [c for c in row.cells if not side.covers(c)]
        if row.claimed or len(pair) != 2 or any(c.col + c.span > side.col for c in rest):
            break
        label, value = pair
        if (label.text and not (label.cue and not value.cue and short_line(label.text) and not has_mark(label.text))) \
                or (value.text and not label.text):
            break
        kind = _kind(row, rest, columns)
        if kind is None or (kind == DETAIL and not any(k == RECORD for _, _, _, k in body)):
            break
        body.append((row, (label, value), rest, kind))
    while body and body[-1][3] == BLANK and not body[-1][1][0].text:
        body.pop()
    last = max((n for n, line in enumerate(body) if line[3] == RECORD), default=-1)
    earlier = {label.lower() for _, _, rest, kind in body[:last] if kind == DETAIL for label in _labels(rest)}
    alone = sum(1 for line in body if line[3] == RECORD) == 1
    for n in range(last + 1, len(body)):
        labels = _labels(body[n][2])
        if body[n][3] == DETAIL and not (labels <= earlier or (alone and _answered(body[n][2]))):
            return body[:n]
        earlier |= labels
    return body


def _kind(row: Row, rest: list[Cell], columns: list[Cell]) -> str | None:
    """A record (cells under the header's, values plain but a first one naming the row), details, or blank."""
    if not any(c.text for c in rest):
        return BLANK
    if [(c.col, c.span) for c in rest] == [(h.col, h.span) for h in columns] \
            and not any(c.cue for c in rest[1:]) and not rest[0].text.rstrip().endswith(":") \
            and not any(v is not None for c in rest for _, v in label_pairs(c.text) or []):
        return RECORD
    return DETAIL if _labels(rest) else None


def _line(row: Row, rest: list[Cell]) -> Row:
    return Row(row.element, rest, row.claimed, row.header, row.instructed)


def _labels(rest: list[Cell]) -> set[str]:
    return {label.lower() for label, _ in detail_pairs([Row(None, rest, False, False)])}


def _answered(rest: list[Cell]) -> bool:
    return any(value is not None for _, value in detail_pairs([Row(None, rest, False, False)]))


def _grouped(body: list[Line]) -> list[Record]:
    """Each record with its rows of details (the cells left of the pairs) under it."""
    records: list[Record] = []
    for row, _, rest, kind in body:
        if kind == RECORD:
            records.append((_line(row, rest), []))
        elif kind == DETAIL and records:
            records[-1][1].append(_line(row, rest))
    return records
