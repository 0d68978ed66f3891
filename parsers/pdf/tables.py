"""Tables on a PDF page read as grids of text: ruled tables (pdfplumber finds them by their lines)
and, through the same steps, tables whose columns the text reader found by x-position.

A grid is a checklist, a table of people or label | value rows (parsers.pdf.grid decides which). A table
that runs over a page break goes on: a page that starts with the same columns and no header
continues the last table, and a row the break cut in two is joined up again.
"""
from __future__ import annotations

from typing import Any

from ..model import RawForm
from . import grid
from .layout import Cell, Word, cell_of, clean_label, read_ticks, words_in

MAX_EDGES = 5000


def ruled_tables(page: Any) -> list[Any]:
    """pdfplumber's tables drawn with lines; none where the page has no ruling at all."""
    edges = len(page.edges)
    # No ruling lines: nothing for the lines strategy to find. Thousands of them (a drawing, a
    # background pattern) would make the search slow and find no form in it.
    if edges < 4 or edges > MAX_EDGES:
        return []
    return [t for t in page.find_tables() if t.rows]


class GridReader:
    def __init__(self, raw: RawForm) -> None:
        self.raw = raw
        self.section: str | None = None
        self.page_no = 0
        # The last grid read: kind, column edges, headers, page; a table carries on over page breaks.
        self.last_grid: tuple[str, list[float], list[str], int] | None = None

    def _ruled_table(self, table: Any, words: list[Word]) -> None:
        rows: list[list[Cell | None]] = []
        # The table's band of words, then each row's (order kept): a cell looks through a few words,
        # not the whole page. Every cell lies inside its row and its table, so nothing is lost.
        _, table_top, _, table_bottom = table.bbox  # pdfplumber works it out anew at each call
        words = [w for w in words if table_top <= w.mid_y <= table_bottom]
        for row in table.rows:
            cells: list[Cell | None] = []
            boxes = [box for box in row.cells if box is not None]
            top = min((box[1] for box in boxes), default=0.0)
            bottom = max((box[3] for box in boxes), default=-1.0)
            row_words = [w for w in words if top <= w.mid_y <= bottom]
            for box in row.cells:
                if box is None:
                    cells.append(None)
                    continue
                inside = words_in(row_words, box[0], box[2], box[1], box[3])
                cells.append(cell_of(inside, right=box[2] - 3) if inside
                             else Cell("", box[0], box[2], box[1], box[3], False))
            rows.append(cells)
        edges = [box[0] for box in table.rows[0].cells if box is not None]
        self._grid(rows, edges, ruled=True)

    def _grid(self, rows: list[list[Cell | None]], edges: list[float], ruled: bool) -> None:
        header = [c.text if c is not None else "" for c in rows[0]]
        body = [[c.text if c is not None else None for c in row] for row in rows[1:]]
        columns = grid.dash_columns(header, body)
        if columns is not None:
            self._dash(columns, body, edges, header)
        elif grid.is_people_header(rows[0], ruled):
            self._people(header, body, edges)
        elif self._continues(edges, rows):
            return
        else:
            carried = self._row_carried_over(edges, rows[0]) if ruled else False
            for row in rows[1:] if carried else rows:
                self._pair_row(row)
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

    def _row_carried_over(self, edges: list[float], row: list[Cell | None]) -> bool:
        """The top row of a table on a new page that is the rest of a row the page break cut: a label
        that goes on in lower case, or a value with no label. It joins the last pair read."""
        last = self.last_grid
        if (last is None or last[0] != "pairs" or last[3] != self.page_no - 1 or not self._same_columns(edges)
                or not self.raw.labelled or len(row) != 2 or row[0] is None or row[1] is None):
            return False
        label, value = row[0].text.strip(), row[1].text.strip()
        previous = self.raw.labelled[-1]
        if label and not label[0].islower():
            return False
        if label:
            previous.label = clean_label(f"{previous.label} {grid.flat(label)}")
        if value:
            before = previous.value if isinstance(previous.value, str) else ""
            previous.value = read_ticks(f"{before} {value}".strip())
        return bool(label or value)

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
            self.section = grid.flat(present[0].text)  # a shaded heading row across the table
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
