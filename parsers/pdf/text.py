"""PDFs without form fields (printed to PDF, or saved as PDF from Word or LibreOffice): the page's
words read back into what the form says.

Ruled tables (pdfplumber finds them by their lines) and runs of text are taken top to bottom:
headings set the section; "Label: value" lines and label | value rows become Labelled; a header
row over one row per person becomes a RowTable; a checklist header with Yes / No / Don't know
columns makes one DashLine per question, answered by the column that holds the mark. Where
nothing rules the table, columns come from where the header's words sit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Labelled, RawForm
from ..problem import Problem
from . import grid
from .layout import (Cell, Line, Word, answer_of, body_size, cell_of, clean_label, colon_pair, group_lines,
                     is_heading, join_lines, number_of, page_words, read_ticks, split_cells)
from .tables import GridReader, ruled_tables

MARGIN_TOP, MARGIN_BOTTOM = 20.0, 30.0  # running headers and "Page 2 of 4" live here
TABLE_END_GAP = 24.0  # an empty band this tall ends a table whose rows are told apart by gaps


def _tight(gap: float | None, size: float) -> bool:
    """Lines of one wrapped value sit closer than the gap between two rows of a form."""
    return gap is not None and gap < 0.45 * size


@dataclass
class _Pair:
    """The label | value (or Label: value) being read, so continuation lines can join it."""
    item: Labelled
    style: str  # "grid" (columns) or "colon"
    label_x0: float
    value_x0: float
    lines: list[Line]
    bottom: float
    page: int
    right: float

    def refresh(self) -> None:
        text = join_lines(self.lines, self.right) if self.lines else ""
        if self.style == "colon" and self.lines:
            text = text.split(":", 1)[1] if ":" in self.lines[0].text else text
        text = text.strip()
        self.item.value = read_ticks(text) if text else None


@dataclass
class _Unruled:
    """A table whose columns are known only from where its header's words sit."""
    columns: list[list[Word]]
    section: str | None
    numbered: bool
    bottom: float
    page: int
    rows: list[list[list[Word]]] = field(default_factory=list)
    header_done: bool = False
    header_text: str = ""

    def bounds(self) -> list[float]:
        """Left edge of each column: just before its header's first word (headers over tick columns
        are centred, so half the gap to the previous header, at most 6 points, is allowed)."""
        edges = [min(w.x0 for w in col) for col in self.columns]
        ends = [max(w.x1 for w in col) for col in self.columns]
        return [edges[0] - 40] + [e - min(6.0, max(0.0, (e - ends[i]) / 2)) for i, e in enumerate(edges[1:])]

    def column_of(self, word: Word) -> int:
        return max((i for i, b in enumerate(self.bounds()) if word.x0 + 1 >= b), default=0)

    def add(self, line: Line, new_row: bool) -> None:
        if new_row or not self.rows:
            self.rows.append([[] for _ in self.columns])
        for word in line.words:
            self.rows[-1][self.column_of(word)].append(word)
        self.bottom = max(self.bottom, line.bottom)


class TextReader(GridReader):
    """Lines of text and ruled tables, top to bottom, page after page (ruled tables: GridReader)."""

    def __init__(self, raw: RawForm) -> None:
        super().__init__(raw)
        self.table: _Unruled | None = None
        self.pair: _Pair | None = None
        self.body = 10.0
        self.right = 0.0

    # --- pages -----------------------------------------------------------------------------------

    def read_page(self, page: Any, page_no: int) -> None:
        self.page_no = page_no
        words = page_words(page)
        self.body = body_size(words)
        tables = ruled_tables(page)
        boxes = [t.bbox for t in tables]
        free = [w for w in words if not any(x0 <= w.mid_x <= x1 and top <= w.mid_y <= bottom
                                            for x0, top, x1, bottom in boxes)]
        height = float(page.height)
        lines = [ln for ln in group_lines(free) if ln.top >= MARGIN_TOP and ln.bottom <= height - MARGIN_BOTTOM]
        self.right = max((ln.x1 for ln in lines), default=float(page.width))
        events: list[tuple[float, int, Any]] = [(ln.top, 1, ln) for ln in lines]
        events += [(t.bbox[1], 0, t) for t in tables]
        for _, kind, thing in sorted(events, key=lambda e: (e[0], e[1])):
            if kind:
                self._line(thing)
            else:
                self._close()
                self._ruled_table(thing, words)

    def finish(self) -> None:
        self._close()

    # --- lines of text ---------------------------------------------------------------------------

    def _line(self, line: Line) -> None:
        if self.table is not None and not self.table.header_done:
            gap = self._gap(line, self.table.bottom, self.table.page)
            if line.bold and gap is not None and gap < 0.6 * line.size:
                self._merge_header(line)
                return
            self.table.header_done = True
        if is_heading(line, self.body):
            self._close()
            self.section = grid.flat(line.text)
            return
        if self.table is not None and self._table_takes(line):
            return
        self._close_table()
        runs = split_cells(line)
        texts = [" ".join(w.text for w in run) for run in runs]
        if len(runs) >= 3 and (line.bold or sum(answer_of(t) is not None for t in texts) >= 2):
            self._close()
            numbered = bool(grid.NUMBER_HEADER.match(texts[0])) or number_of(texts[0]) is not None
            self.table = _Unruled([list(run) for run in runs], self.section, numbered, line.bottom,
                                  self.page_no, header_text=line.text)
            return
        self._pair_line(line, [cell_of(run) for run in runs])

    def _gap(self, line: Line, bottom: float, page: int) -> float | None:
        return line.top - bottom if page == self.page_no else None

    def _merge_header(self, line: Line) -> None:
        """A header cell wrapped onto a second line: its words join the column they sit under."""
        table = self.table
        assert table is not None
        for run in split_cells(line):
            middle = (run[0].x0 + run[-1].x1) / 2
            best = min(range(len(table.columns)), key=lambda i: min(
                abs(middle - w.mid_x) for w in table.columns[i]))
            table.columns[best].extend(run)
        table.bottom = line.bottom

    def _table_takes(self, line: Line) -> bool:
        table = self.table
        assert table is not None
        if line.text == table.header_text:  # the header repeated after a page break
            table.page, table.bottom, table.header_done = self.page_no, line.bottom, False
            return True
        gap = self._gap(line, table.bottom, table.page)
        if line.x0 < table.bounds()[0]:
            return False
        if table.numbered:
            first = line.words[0]
            if table.column_of(first) == 0 and number_of(first.text) is not None:
                table.add(line, new_row=True)
                return True
            if gap is None or not _tight(gap, line.size) or not table.rows:
                return False
            table.add(line, new_row=False)
            table.page = self.page_no
            return True
        if gap is not None and gap > TABLE_END_GAP:
            return False
        table.add(line, new_row=gap is None or not _tight(gap, line.size))
        table.page = self.page_no
        return True

    def _close_table(self) -> None:
        table, self.table = self.table, None
        if table is None:
            return
        bounds = table.bounds() + [self.right + 1]
        header = [cell_of(col) for col in table.columns]
        rows: list[list[Cell | None]] = [list(header)]
        for row in table.rows:
            rows.append([cell_of(words, right=bounds[i + 1] - 2) if words else None for i, words in enumerate(row)])
        section, self.section = self.section, table.section
        self._grid(rows, bounds[:-1], ruled=False)
        self.section = section

    def _close(self) -> None:
        self._close_table()
        self.pair = None

    def _pair_line(self, line: Line, cells: list[Cell]) -> None:
        pair = self.pair
        gap = self._gap(line, pair.bottom, pair.page) if pair is not None else None
        if pair is not None and _tight(gap, line.size) and self._continue_pair(pair, line, cells):
            pair.bottom = line.bottom
            pair.refresh()
            return
        self.pair = None
        first = colon_pair(cells[0].text)
        if first is not None:
            for cell in cells:
                found = colon_pair(cell.text)
                if found is not None:
                    item = Labelled(clean_label(found[0]), read_ticks(found[1]), self.section)
                    self.raw.labelled.append(item)
                    self.pair = _Pair(item, "colon", cell.x0, cell.x0, [Line([w for w in line.words
                                      if cell.x0 <= w.x0 <= cell.x1])], line.bottom, self.page_no, self.right)
                    self.pair.refresh()
            return
        if len(cells) >= 2 and not line.bold:
            value_words = [w for w in line.words if w.x0 >= cells[1].x0]
            item = Labelled(clean_label(cells[0].text), None, self.section)
            self.raw.labelled.append(item)
            self.pair = _Pair(item, "grid", cells[0].x0, cells[1].x0, [Line(value_words)], line.bottom,
                              self.page_no, self.right)
            self.pair.refresh()

    def _continue_pair(self, pair: _Pair, line: Line, cells: list[Cell]) -> bool:
        if pair.style == "colon":
            if len(cells) != 1 or line.bold or colon_pair(cells[0].text) is not None:
                return False
            pair.lines.append(line)
            return True
        if all(c.x0 >= pair.value_x0 - 3 for c in cells):
            pair.lines.append(line)
            return True
        label = [w for w in line.words if w.x1 < pair.value_x0]
        if label and abs(label[0].x0 - pair.label_x0) < 3:
            pair.item.label = clean_label(f"{pair.item.label} {' '.join(w.text for w in label)}")
            rest = [w for w in line.words if w.x1 >= pair.value_x0]
            if rest:
                pair.lines.append(Line(rest))
            return True
        return False


def read_text_layout(pages: list[Any], raw: RawForm) -> None:
    """Read pdfplumber pages into raw.labelled / tables / dash_lines; odd pages become problems."""
    reader = TextReader(raw)
    for number, page in enumerate(pages, start=1):
        try:
            reader.read_page(page, number)
        except ValueError:
            raw.problems.append(Problem(f"page {number} holds far more text than a form; it was not read",
                                        severity="warning"))
    reader.finish()
