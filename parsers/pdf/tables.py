"""Tables on a PDF page: ruled tables (pdfplumber finds them by their lines, less the sides of tick
boxes and highlighted words) and tables whose columns the text reader found by x-position.

A ruled table is read row by row by the rules shared with the Word reader (parsers.tables.rows), its cells given
the cues a Word table carries: grid columns and spans, bold or shaded labels, highlighted words. A
ruled table is held back until the next page shows whether it goes on there (the same columns at the
top of the page): then the two parts are one table, and a row the page break cut in two ("EVANS-" /
"PRICE", a question's bracketed aside) is one row again. A table found by x-position is a checklist,
a table of people or label | value rows (parsers.pdf.grid decides which), carried on likewise.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

import pdfplumber.table as pdfplumber_table

from ..model import RawForm, RowTable
from ..problem import Problem
from ..tables.cells import instruction
from ..tables.rows import read_rows
from ..tables.walk import BOX, Row
from ..tables.walk import Cell as WalkCell
from . import grid
from .chars import page_marks
from .layout import (
    Cell,
    Word,
    clean_label,
    words_in,
)
from .marks import UNREADABLE, UNTICKED
from .table_parts import (
    Box,
    bold_parts,
    carries_on,
    columns,
    drawn_tables,
    intersections_to_cells,
    join_rows,
    kept,
    picked_options,
    rest_of_person,
    small_lead,
    split_row,
)
from .unread import unread_places
from .walk import PdfWalk, Region
from .wraps import cell_of

MAX_EDGES = 5000
# find_tables spends most of its time finding cells; the same cells, found without that cost.
pdfplumber_table.intersections_to_cells = intersections_to_cells


def ruled_tables(page: Any) -> list[Any]:
    """pdfplumber's tables drawn with lines; none where the page has no ruling at all."""
    marks = page_marks(page)
    edges = len(marks.edges)
    # No ruling lines: nothing for the lines strategy to find. Thousands of them (a drawing, a
    # background pattern) would make the search slow and find no form in it.
    if edges < 4 or edges > MAX_EDGES:
        return []
    if not marks.boxes and not marks.highlights:
        return [part for t in map(kept, page.find_tables()) if t.rows for part in drawn_tables(page, t)]
    # Tick boxes drawn as squares and highlighted words: their sides are not ruling lines (they
    # would cut cells in two).
    vertical = [e for e in marks.edges if e.get("orientation") == "v"]
    horizontal = [e for e in marks.edges if e.get("orientation") == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}
    return [part for t in map(kept, page.find_tables(settings)) if t.rows for part in drawn_tables(page, t)]


@dataclass
class _Pending:
    """A ruled table read but not yet interpreted: the next page may carry it on."""
    rows: list[list[Cell | None]]
    shaded: list[list[bool]]
    edges: list[float]
    page: int
    last_edges: list[float]  # where its last row's cells start: a page may carry the table on
    boxes: list[list[tuple[float, float, float, float] | None]]  # each cell's box, as rows
    lit: list[list[bool]]  # each cell: a word in it highlighted


def shading(page: Any) -> list[tuple[float, float, float, float]]:
    """Filled areas of the page in a colour other than white: shaded table cells."""
    fills = []
    for rect in page.rects:
        if not rect.get("fill") or (rect["x1"] - rect["x0"]) * (rect["bottom"] - rect["top"]) < 150:
            continue
        colour = rect.get("non_stroking_color")
        values = [float(v) for v in colour if isinstance(v, (int, float))] if isinstance(colour, (tuple, list)) else []
        white = (len(values) in (1, 3) and min(values) > 0.97) or (len(values) == 4 and max(values) < 0.03)
        if values and not white:
            fills.append((float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"])))
    return fills


def _shaded(box: tuple[float, float, float, float], fills: list[tuple[float, float, float, float]]) -> bool:
    middle_x, middle_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    area = (box[2] - box[0]) * (box[3] - box[1])
    return any(f[0] <= middle_x <= f[2] and f[1] <= middle_y <= f[3]
               and (f[2] - f[0]) * (f[3] - f[1]) >= 0.5 * area for f in fills)


def _lit(box: Box, highlights: list[Box]) -> bool:
    """A highlighted word inside the cell (not the whole cell shaded)."""
    area = (box[2] - box[0]) * (box[3] - box[1])
    return any(h[0] >= box[0] - 1 and h[2] <= box[2] + 1 and h[1] >= box[1] - 1 and h[3] <= box[3] + 1
               and (h[2] - h[0]) * (h[3] - h[1]) < 0.6 * max(area, 1.0) for h in highlights)


def _walk_rows(rows: list[list[Cell | None]], boxes: list[list[Box | None]], shaded: list[list[bool]],
               lit: list[list[bool]]) -> list[Row]:
    """pdfplumber's rows as the Word reader's rows and cells: grid columns (from where cells start,
    over the whole table) and spans, a cue where a cell is bold or shaded, a bracketed instruction
    left out."""
    starts = columns(boxes)
    out = []
    for r, row in enumerate(rows):
        cells: list[WalkCell] = []
        instructed = False
        for c, cell in enumerate(row):
            box = boxes[r][c] if r < len(boxes) and c < len(boxes[r]) else None
            if cell is None or box is None:
                continue
            col = max(0, bisect.bisect_right(starts, box[0] + 3) - 1)
            span = max(1, bisect.bisect_left(starts, box[2] - 3) - col)
            shade = r < len(shaded) and c < len(shaded[r]) and shaded[r][c]
            # A box whose state the file does not carry reads as a box (so the row's shape is read as
            # the Word reader reads it), and whatever it would answer is left unknown (parsers.pdf.walk).
            unknown = UNREADABLE in cell.text
            text = cell.text.strip().replace(UNREADABLE, UNTICKED)
            if instruction(text):
                text, instructed = "", True
            picked = bool(text) and r < len(lit) and c < len(lit[r]) and lit[r][c]
            cells.append(WalkCell(element=Region(unknown), text=text, lit=picked,
                                  cue=bool(text) and (cell.bold or shade), col=col, span=span,
                                  parts=cell.parts if text else None))
        out.append(Row(element=None, cells=cells, claimed=False, header=False, instructed=instructed))
    return out


def _ends_with_table(rows: list[Row], table: RowTable) -> bool:
    """The table's last filled row is a row of the table of people read last (a page may carry it on)."""
    last = next((row for row in reversed(rows) if not row.empty), None)
    if last is None:
        return False
    texts = [c.text for c in last.cells if c.text]
    flat = [str(v) for person in table.rows for v in person if v is not None]
    return len(last.cells) == len(table.headers) and (not table.rows or any(t in flat for t in texts)
                                                       or [clean_label(t) for t in texts] == table.headers)


class GridReader:
    def __init__(self, raw: RawForm) -> None:
        self.raw = raw
        # What the reading carries from table to table and line to line, as the Word reader's walk
        # does (headings above, name labels read in this box, the last DASH grid); it reports into raw.
        self.walk = PdfWalk(labelled=raw.labelled, tables=raw.tables, dash_lines=raw.dash_lines)
        self.page_no = 0
        # The last grid read: kind, column edges, headers, page; a table carries on over page breaks.
        self.last_grid: tuple[str, list[float], list[str], int] | None = None
        self.pending: _Pending | None = None
        self.first_on_page = True  # nothing read yet on this page: a table here may go on from the last
        self.fills: list[tuple[float, float, float, float]] = []
        self.highlights: list[tuple[float, float, float, float]] = []  # small filled areas behind words
        self.unread: list[str] = []  # where tick boxes whose state the file does not carry are (labels)

    @property
    def section(self) -> str | None:
        return self.walk.section

    @section.setter
    def section(self, value: str | None) -> None:
        self.walk.section = value

    def _ruled_table(self, table: Any, words: list[Word]) -> None:
        rows: list[list[Cell | None]] = []
        boxes_rows: list[list[Box | None]] = []
        shaded: list[list[bool]] = []
        lit: list[list[bool]] = []  # a word in the cell highlighted
        # The table's band of words, then each row's (order kept): a cell looks through a few words,
        # not the whole page. Every cell lies inside its row and its table, so nothing is lost.
        _, table_top, _, table_bottom = table.bbox
        words = [w for w in words if table_top <= w.mid_y <= table_bottom]
        for row in table.rows:
            cells: list[Cell | None] = []
            boxes = [box for box in row.cells if box is not None]
            top = min((box[1] for box in boxes), default=0.0)
            bottom = max((box[3] for box in boxes), default=-1.0)
            row_words = [w for w in words if top <= w.mid_y <= bottom]
            marked = [h for h in self.highlights if h[1] <= bottom + 1 and h[3] >= top - 1]
            for box in row.cells:
                if box is None:
                    cells.append(None)
                    continue
                inside = words_in(row_words, box[0], box[2], box[1], box[3])
                # The text's right edge: the cell's less the padding its text keeps on the left.
                pad = min(6.0, max(1.5, min((w.x0 for w in inside), default=box[0]) - box[0]))
                cell = cell_of(inside, right=box[2] - pad) if inside else Cell("", box[0], box[2], box[1], box[3], False)
                if inside and not cell.bold and (cell.lead_bold or small_lead(inside)):
                    cell.parts = bold_parts(inside, box[2] - pad)
                cell.text = (marked and picked_options(inside, marked)) or cell.text  # "Y  N", one highlighted
                cells.append(cell)
            rows.append(cells)
            boxes_rows.append(list(row.cells))
            # Only the fills and highlights level with the row are looked at.
            fills = [f for f in self.fills if f[1] <= bottom and f[3] >= top]
            shaded.append([box is not None and bool(fills) and _shaded(box, fills) for box in row.cells])
            lit.append([box is not None and bool(marked) and _lit(box, marked) for box in row.cells])
        edges = [box[0] for box in table.rows[0].cells if box is not None]
        pending = self.pending
        # The columns where the table on the page before ended (its last row: a title row above may
        # span them all) against those where this one starts.
        if (pending is not None and self.first_on_page and pending.page == self.page_no - 1
                and carries_on(pending.last_edges, pending.boxes, edges, table.bbox[2])):
            # The same table carried on over a page break: one table, and a row the break cut is one row.
            cut = split_row(pending.rows[-1], pending.boxes[-1], rows[0], boxes_rows[0])
            # Only under a header of people: in label | value rows a label alone at the top of the page is
            # a row of its own ("Date of last MARAC" after "Repeat MARAC | No").
            # (The header is the first row of more than one cell: a full-width title row may stand above it.)
            head = next((r for r in pending.rows if sum(c is not None for c in r) > 1), pending.rows[0])
            people = head is not pending.rows[-1] and grid.is_people_header(head, ruled=True)
            rest = rest_of_person(head, pending.rows[-1], rows[0]) if people and not cut else False
            if cut or rest:
                pending.rows[-1] = join_rows(pending.rows[-1], rows[0])
            elif rest is None:  # a person of its own or the rest of the one above: neither is made
                self.raw.problems.append(Problem("a row of a table at the top of a page may be the rest of "
                                                 "the row above or a person of its own; it was not used"))
            if cut or rest is not False:
                rows, shaded, boxes_rows, lit = rows[1:], shaded[1:], boxes_rows[1:], lit[1:]
            pending.rows.extend(rows)
            pending.boxes.extend(boxes_rows)
            pending.shaded.extend(shaded)
            pending.lit.extend(lit)
            pending.page = self.page_no
            pending.last_edges = [box[0] for box in table.rows[-1].cells if box is not None]
        else:
            self.flush_table()
            self.pending = _Pending(rows, shaded, edges, self.page_no,
                                    [box[0] for box in table.rows[-1].cells if box is not None], boxes_rows, lit)
        self.first_on_page = False

    def flush_table(self) -> None:
        """Read the ruled table held back in case the next page carried it on."""
        pending, self.pending = self.pending, None
        if pending is not None and pending.rows:
            self._rows(pending.rows, pending.boxes, pending.edges, pending.shaded, pending.lit)

    def _grid(self, rows: list[list[Cell | None]], edges: list[float]) -> None:
        """A table whose columns the text reader found by x-position (ruled ones: _rows)."""
        header = [c.text if c is not None else "" for c in rows[0]]
        body = [[c.text if c is not None else None for c in row] for row in rows[1:]]
        columns = grid.dash_columns(header, body)
        if columns is not None:
            self._dash(columns, body, edges, header)
        elif grid.is_people_header(rows[0], ruled=False):
            self._people(header, body, edges)
        elif self._continues(edges, rows):
            return
        else:
            for row in rows:
                self._pair_row(row)
            self.last_grid = ("pairs", edges, [], self.page_no)

    def _rows(self, rows: list[list[Cell | None]], boxes: list[list[Box | None]], edges: list[float],
              shaded: list[list[bool]], lit: list[list[bool]]) -> None:
        """A ruled table row by row, by the rules shared with the Word reader (parsers.tables.rows)."""
        walk = self.walk
        tables_before = len(walk.tables)
        grid_rows = _walk_rows(rows, boxes, shaded, lit)
        self.unread.extend(unread_places(grid_rows))
        read_rows(grid_rows, walk)
        last_table = walk.tables[-1] if len(walk.tables) > tables_before else None
        if last_table is not None and grid_rows and _ends_with_table(grid_rows, last_table):
            self.last_grid = ("people", edges, last_table.headers, self.page_no)
        else:
            self.last_grid = ("pairs", edges, [], self.page_no)

    def _continues(self, edges: list[float], rows: list[list[Cell | None]]) -> bool:
        """A table carried over a page break without its header row: the same columns as the last."""
        last = self.last_grid
        if not self._same_columns(edges) or last is None or last[0] == "pairs":
            return False
        body = [[c.text if c is not None else None for c in row] for row in rows]
        if last[0] == "dash":
            columns = grid.dash_columns(last[2], body)
            if columns is None:
                return False
            if last[3] == self.page_no - 1 and self.raw.dash_lines and body:
                body = body[1:] if self._question_carried_over(columns, body[0]) else body
            self._dash(columns, body, edges, last[2])
            return True
        self._people(last[2], body, edges, carried=True)
        return True

    def _same_columns(self, edges: list[float]) -> bool:
        last = self.last_grid
        return (last is not None and len(last[1]) == len(edges)
                and all(abs(a - b) <= 3 for a, b in zip(last[1], edges)))

    def _question_carried_over(self, columns: grid.DashColumns, row: list[str | None]) -> bool:
        """The rest of a checklist question the page break cut: no number, text going on in lower case."""
        line = grid.dash_line(columns, row, [])
        if line is None or line.number is not None or not line.question[:1].islower():
            return False
        previous = self.raw.dash_lines[-1]
        previous.question = f"{previous.question} {line.question}"
        previous.answer = previous.answer if previous.answer is not None else line.answer
        if line.comment:
            previous.comment = f"{previous.comment or ''}\n{line.comment}".strip()
        return True

    def _pair_row(self, row: list[Cell | None]) -> None:
        present = [c for c in row if c is not None and c.text.strip()]
        if len(present) == 1 and len([c for c in row if c is not None]) == 1 and present[0].bold:
            self.walk.heading(grid.flat(present[0].text), BOX)  # a shaded heading row across the table
            return
        self.raw.labelled.extend(grid.pair_row(row, self.section))

    def _dash(self, columns: grid.DashColumns, body: list[list[str | None]], edges: list[float],
              header: list[str]) -> None:
        for row in body:
            line = grid.dash_line(columns, row, self.raw.problems)
            if line is not None:
                self.raw.dash_lines.append(line)
        self.last_grid = ("dash", edges, header, self.page_no)

    def _people(self, header: list[str], body: list[list[str | None]], edges: list[float],
                carried: bool = False) -> None:
        table = grid.row_table(header, body, self.section)
        previous = self.raw.tables[-1] if self.raw.tables else None
        if carried and previous is not None and previous.headers == table.headers:
            previous.rows.extend(table.rows)  # one table over two pages is still one table
        else:
            self.raw.tables.append(table)
        self.last_grid = ("people", edges, header, self.page_no)
