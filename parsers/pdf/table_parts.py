"""A ruled table's parts as a PDF prints them: the tables pdfplumber sees as one where two were drawn
touching, and a table going on over a page break (the same table at the top of the next page, and a row
the break cut in two joined again). Pure functions over pdfplumber's cell boxes and parsers.pdf.layout
cells; parsers.pdf.tables reads what they give.
"""
from __future__ import annotations

import functools
import math
from typing import Any

from pdfplumber.table import Table

from ..normalise import NotUnderstood, is_gender_word, parse_date
from ..ticks import OPTION_SEPARATORS, TICKED, is_option
from .layout import Cell, Line, Word, group_lines
from .marks import UNREADABLE, UNTICKED
from .wraps import join_cells, join_lines

Box = tuple[float, float, float, float]


class KeptTable(Table):
    """pdfplumber's Table with its rows and bbox worked out once: pdfplumber sorts and groups the cells
    anew each time either is asked for, and a ruled table's reading asks for them again and again."""

    @functools.cached_property
    def rows(self) -> list[Any]:  # type: ignore[override]
        return super().rows

    @functools.cached_property
    def bbox(self) -> tuple[float, float, float, float]:  # type: ignore[override]
        return super().bbox


def kept(table: Any) -> KeptTable:
    """The table as a KeptTable (the same cells of the same page)."""
    return table if isinstance(table, KeptTable) else KeptTable(table.page, table.cells)


def drawn_tables(page: Any, table: Any) -> list[Any]:
    """A ruled table as the tables it was drawn from: two tables printed one under the other with no
    gap ("Total 'yes' responses" closing a checklist, then "Completed by | ... | Date | ...") are one
    to pdfplumber. A row none of whose cells starts where a column of the rows above starts (the
    table's left edge aside) begins a table of its own, so the row is read as the Word reader reads
    that second table, not as a row of the first."""
    rows = table.rows
    left = min(box[0] for row in rows for box in row.cells if box is not None)
    groups: list[list[Any]] = []
    starts: list[float] = []
    for row in rows:
        own = [box[0] for box in row.cells if box is not None and box[0] > left + 3]
        if groups and starts and own and not any(abs(a - b) <= 3 for a in own for b in starts):
            groups.append([row])
            starts = list(own)
        else:
            if not groups:
                groups.append([])
            groups[-1].append(row)
            starts.extend(own)
    if len(groups) == 1:
        return [table]
    return [KeptTable(page, [box for row in group for box in row.cells if box is not None]) for group in groups]


def split_row(last: list[Cell | None], last_boxes: list[Box | None], first: list[Cell | None],
               first_boxes: list[Box | None]) -> bool:
    """The first row of a table's part on a new page is the rest of the row the page break cut (the
    same cells, side for side): its first cell is empty, or goes on in lower case, with a bracketed
    aside or after a hyphen, or without the label every cell above opens with, where the row above
    has text."""
    above = [(c, b) for c, b in zip(last, last_boxes) if c is not None and b is not None]
    below = [(c, b) for c, b in zip(first, first_boxes) if c is not None and b is not None]
    if len(above) != len(below) or any(abs(a[1][0] - b[1][0]) > 3 or abs(a[1][2] - b[1][2]) > 3
                                       for a, b in zip(above, below)):
        return False
    texts = [c.text.strip() for c, _ in below]
    head = above[0][0].text.strip() if above else ""
    if not any(texts) or not head:
        return False
    return (not texts[0] or texts[0][0].islower() or texts[0][0] in "([)].,;:"
            or head.endswith("-") and not texts[0].startswith("-")
            # a bracket left open goes on ("... a baby (within the last" / "18 months)?")
            or head.count("(") > head.count(")") and ")" in texts[0] and not any(texts[1:])
            or _label_cells_go_on(above, below) or _date_cut(above, below) or _sentence_cut(above, below))


def rest_of_person(header: list[Cell | None], last: list[Cell | None], first: list[Cell | None]) -> bool | None:
    """The first row of a table of people on a new page, with text only under cells the row above
    fills and one line a cell ("Bradley" / "O'BRIEN" in the name column, the rest of the row empty):
    the rest of a cell the page break cut (True) when the row above is a whole person, every cell
    filled, for a person of its own would fill the cells the row leaves empty. With cells of the
    row above empty too it cannot be told (None); anything else is a row of its own (False). Only
    under a header row of people: in label | value rows a label alone under a label is a new row."""
    if len(header) != len(last) or len(last) != len(first) or not header or any(
            c is None or not c.text.strip() or c.text.strip().endswith(":") for c in header):
        return False
    above = [c.text.strip() if c is not None else "" for c in last]
    below = [c.text.strip() if c is not None else "" for c in first]
    if not any(below) or any(b and (not a or "\n" in b or _date(b)) for a, b in zip(above, below)):
        return False
    if not any(a and not b for a, b in zip(above, below)):
        return False  # every cell goes on: the other rules (split_row) decide
    return True if all(above) else None


def _label_cells_go_on(above: list[tuple[Cell, Box]], below: list[tuple[Cell, Box]]) -> bool:
    """Cells that open with a bold label and go on in plain text ("GP: Dr Rahman, Canal Street"), and
    under them on the new page plain text with no label of its own ("Surgery"): in a table whose every
    row opens its cells with a label, a row without one is the wrapped rest of the row above, which
    the page break cut. Each cell with text below must have a labelled value above it."""
    pairs = [(a, b) for (a, _), (b, _) in zip(above, below) if b.text.strip()]
    return bool(pairs) and all(a.lead_bold and not a.bold and not b.lead_bold for a, b in pairs)


def _date_cut(above: list[tuple[Cell, Box]], below: list[tuple[Cell, Box]]) -> bool:
    """A row of people cut by the page break through a narrow date column ("28/07/202" / "2", "6th" / "October
    2025"): a cell above is no date alone but one with the cell below it, and the row below has text only where
    the row above has (a person of its own would fill cells the cut row's first lines left empty, or a full date)."""
    pairs = [(a.text.strip(), b.text.strip()) for (a, _), (b, _) in zip(above, below)]
    if any(b and not a for a, b in pairs):
        return False
    return any(a[:1].isdigit() and b and not _date(a) and (_date(a + b) or _date(f"{a} {b}")) for a, b in pairs)


# Words a cell's text cannot end on: "Not yet at" / "school" is one answer the page break cut.
_OPEN_ENDS = frozenset({"a", "an", "the", "at", "of", "to", "in", "on", "for", "with", "and", "or", "by", "from"})


def _sentence_cut(above: list[tuple[Cell, Box]], below: list[tuple[Cell, Box]]) -> bool:
    """A cell of the row above stops on a word no answer ends on, and the cell under it goes on in lower case."""
    for (a, _), (b, _) in zip(above, below):
        words, rest = a.text.split(), b.text.strip()
        if words and rest[:1].islower() and words[-1].lower() in _OPEN_ENDS:
            return True
    return False


def _date(text: str) -> bool:
    try:
        parse_date(" ".join(text.split()))
    except NotUnderstood:
        return False
    return True


def carries_on(ended: list[float], boxes: list[list[Box | None]], edges: list[float], right: float) -> bool:
    """A table at the top of a page goes on from the one that ended the page before: its first row
    starts its cells where that table's last row did, or (a row of other widths, "Address | ..."
    under "Relationship | ... | Gender | ...") it spans the same width and each of its cells starts
    at one of that table's columns."""
    if len(ended) == len(edges) and all(abs(a - b) <= 3 for a, b in zip(ended, edges)):
        return True
    starts = columns(boxes)
    width = max((b[2] for row in boxes for b in row if b is not None), default=0.0)
    return (bool(edges) and bool(starts) and abs(edges[0] - starts[0]) <= 3 and abs(right - width) <= 3
            and all(any(abs(x - c) <= 3 for c in starts) for x in edges))


def join_rows(last: list[Cell | None], first: list[Cell | None]) -> list[Cell | None]:
    below = [c for c in first if c is not None]
    side_for_side = len(below) == sum(c is not None for c in last)
    out: list[Cell | None] = []
    for index, above in enumerate(last):
        if above is None:
            out.append(None)
            continue
        # The same cells side for side; else (a cell merged on one page, not on the other) each cell joins the one
        # under it, and a cell with none under it stays as it was.
        rest = below.pop(0) if side_for_side else next((c for c in below if _under(c, above)), None)
        if rest is None:
            out.append(above)
            continue
        joined = join_cells(above, rest)
        # A question in bold and its answer in one cell (bold_parts): the rest the break cut goes on the
        # answer, which would otherwise be lost with the cell's parts.
        if above.parts and above.text and rest.text.strip() and not rest.lead_bold:
            label, value = above.parts[-1]
            joined.parts = above.parts[:-1] + [(label, value + joined.text[len(above.text):])]
        out.append(joined)
    return out


def _under(cell: Cell, above: Cell) -> bool:
    """A cell of the next page's first row that starts inside the column of a cell of the row above."""
    return above.x0 - 3 <= cell.x0 <= max(above.x1, above.right or above.x1)


def columns(boxes: list[list[Box | None]]) -> list[float]:
    """Where the table's columns start, over all its rows (merged cells span several)."""
    starts: list[float] = []
    for x0 in sorted(b[0] for row in boxes for b in row if b is not None):
        if not starts or x0 - starts[-1] > 3:
            starts.append(x0)
    return starts


def intersections_to_cells(intersections: dict[tuple[float, float], dict[str, list[Any]]]) -> list[Box]:
    """pdfplumber's table.intersections_to_cells, the same cells in the same order, without its cost:
    pdfplumber rebuilds both points' edge sets at every test of whether two points are joined and
    looks through every later point for those below and to the right of each; here each point's
    edge sets are built once and points are grouped by column and by row (a page of a Word form:
    most of find_tables' time). tests/unit/test_pdf_table_cells.py checks it against pdfplumber's."""
    from pdfplumber.utils import obj_to_bbox

    points = sorted(intersections)
    vertical = {p: frozenset(map(obj_to_bbox, intersections[p]["v"])) for p in points}
    horizontal = {p: frozenset(map(obj_to_bbox, intersections[p]["h"])) for p in points}
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    # Where each point stands in its column and in its row: the points below and to the right of it
    # are the rest of the column and of the row (unless a coordinate is NaN, which sorts nowhere).
    ordered = not any(math.isnan(x) or math.isnan(y) for x, y in points)
    in_column: dict[tuple[float, float], int] = {}
    in_row: dict[tuple[float, float], int] = {}
    for point in points:  # sorted by x then y: each column by y, each row by x
        column = by_x.setdefault(point[0], [])
        in_column[point] = len(column)
        column.append(point)
        row = by_y.setdefault(point[1], [])
        in_row[point] = len(row)
        row.append(point)

    def joined(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        return ((p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]))
                or (p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])))

    cells: list[Box] = []
    for point in points:
        if ordered:
            below = by_x[point[0]][in_column[point] + 1:]
            right = by_y[point[1]][in_row[point] + 1:]
        else:
            below = [q for q in by_x[point[0]] if q[1] > point[1]]
            right = [q for q in by_y[point[1]] if q[0] > point[0]]
        if not below or not right:
            continue  # the table's last row or column: no cell starts here (and the search would try every pair)
        cell = next(((point[0], point[1], r[0], b[1]) for b in below if joined(point, b) for r in right
                     if joined(point, r) and (r[0], b[1]) in intersections
                     and joined((r[0], b[1]), r) and joined((r[0], b[1]), b)), None)
        if cell is not None:
            cells.append(cell)
    return cells


def small_lead(words: list[Word]) -> bool:
    """The cell opens with a word a point smaller than its largest: a label printed small over the answer."""
    return bool(words) and words[0].size <= _largest(words) - 1.0


def _largest(words: list[Word]) -> float:
    """The size of the cell's largest letters (a tick box's glyph may print larger than any word)."""
    return max((w.size for w in words if any(ch.isalnum() for ch in w.text)), default=0.0)


def bold_parts(words: list[Word], right: float | None) -> list[tuple[str, str]] | None:
    """The Word reader's bold-led cell (parsers.docx.text.bold_led) read from the words' fonts: each bold label
    with the plain text after it, up to the next bold label ("Names and Dates of Birth" over one child a line,
    "What is the preferred language? Polish"). Without it a label whose line left room for the next line's
    first word is joined to it ("Names and Dates of Birth Darren …"). A label wrapped over two lines is one
    label. None unless the cell opens with a bold word and holds plain text, as in Word."""
    parts: list[tuple[list[Word], list[Line]]] = []
    largest = _largest(words)
    for line in group_lines(words):
        # Set apart as a label: bold, or a point smaller than the cell's largest text (a police box's label)
        plain = next((i for i, w in enumerate(line.words) if not (w.bold or w.size <= largest - 1.0)), len(line.words))
        lead, rest = line.words[:plain], line.words[plain:]
        if not lead:
            if not parts:
                return None
            parts[-1][1].append(line)
        elif parts and not parts[-1][1]:
            parts[-1][0].extend(lead)  # the label goes on on this line
            if rest:
                parts[-1][1].append(Line(rest))
        else:
            parts.append((list(lead), [Line(rest)] if rest else []))
    if not any(values for _, values in parts):
        return None
    return [(" ".join(w.text for w in label).replace(UNREADABLE, UNTICKED),
             join_lines(values, right).replace(UNREADABLE, UNTICKED)) for label, values in parts]


def picked_options(words: list[Word], highlights: list[Box]) -> str | None:
    """A cell's printed "Y  N" (after its question, or alone) with exactly one option highlighted: the cell's text
    with each option marked as a tick box ("Drugs involved? Y ☐ N ☒"), as the Word reader renders it; None for
    any other cell."""
    def lit(w: Word) -> bool:
        return any(h[0] <= w.mid_x <= h[2] and h[1] <= w.mid_y <= h[3] for h in highlights)
    options: list[Word] = []
    for w in reversed(words):  # the printed options end the cell ("Y  N", "M / F", "Yes or No")
        if w.text.lower() in OPTION_SEPARATORS:
            continue
        if not (is_option(w.text) or is_gender_word(w.text)):
            break
        options.append(w)
    picked = [w for w in words if lit(w)]
    if len(options) < 2 or len(picked) != 1 or picked[0] not in options:
        return None
    return " ".join(f"{w.text} {TICKED if lit(w) else UNTICKED}" if w in options else w.text for w in words)
