"""PDFs without form fields (printed or saved as PDF from Word or LibreOffice): the page's words read back into
what the form says. Characters are read as parsers.pdf.marks gives them (drawn and symbol-font tick boxes as ☒ / ☐,
struck options and placeholder prompts left out). Ruled tables (found by their lines; parsers.pdf.tables) and runs of text
are taken top to bottom: headings set the section and the heading path (a heading's level from its size; a heading
wrapped over two lines is one); "Label: value" lines and label | value rows become Labelled; a header row over one row
per person becomes a RowTable; a checklist header with Yes / No / Don't know columns makes one DashLine per question,
answered by the column that holds the mark, and so does a run of numbered question lines (parsers.pdf.dash_lines).
Where nothing rules the table, columns come from where the header's words sit. As in Word, a box listing several
people becomes a table, a box of prompts ("- who is she afraid of? ...") a label per prompt, and a bold question a
web form prints over its answer a label."""
from __future__ import annotations

import re
from typing import Any

from ..asides import opens_aside
from ..model import RawForm
from ..problem import Problem
from ..tables.cells import direction
from ..tables.known import names_section
from ..tables.walk import BOLD_LINE
from ..ticks import has_mark, options_only
from . import grid
from .chars import page_marks
from .dash_lines import NumberedRun, find_runs
from .layout import (
    Cell,
    Line,
    answer_of,
    body_size,
    clean_label,
    colon_pair,
    group_lines,
    is_heading,
    number_of,
    one_paragraph,
    page_words,
    read_ticks,
    split_cells,
    tight,
)
from .open_items import (
    OpenPair,
    UnruledTable,
    asks,
    bold_lead,
    boxed_label,
    cell_pair,
    continue_pair,
    heading_goes_on,
    heading_level,
    hint_pair,
    stands_as_label,
    tick_pairs,
)
from .tables import GridReader, ruled_tables, shading
from .unread import unreadable_message
from .wraps import cell_of, join_lines

_NUMBERED = re.compile(r"^(?:Q\.?)?\d{1,2}[.):](?!\d)", re.IGNORECASE)  # "7." or "10.Is"; not "21.12.02"
MARGIN_TOP, MARGIN_BOTTOM = 20.0, 30.0  # running headers and "Page 2 of 4" live here
TABLE_END_GAP = 24.0  # an empty band this tall ends a table whose rows are told apart by gaps


class TextReader(GridReader):
    """Lines of text and ruled tables, top to bottom, page after page (ruled tables: GridReader)."""

    def __init__(self, raw: RawForm) -> None:
        super().__init__(raw)
        self.table: UnruledTable | None = None
        self.pair: OpenPair | None = None
        self.body = 10.0
        self.right = 0.0
        self.numbered: NumberedRun | None = None  # numbered question lines going on over a page break
        self.answer_columns = False  # under a header of answer columns (read as a grid, not as lines)
        self.heading_line: Line | None = None  # the heading line just read (and its page), which a second line may go on
        self.heading_page, self.rules, self.top_line = 0, [], False
        self.before_heading: str | None = None  # the section before it, should the heading be a label's first line

    # --- pages -----------------------------------------------------------------------------------

    def read_page(self, page: Any, page_no: int) -> None:
        self.page_no = page_no
        self.first_on_page = True
        words = page_words(page)
        self.fills = shading(page)
        self.highlights = page_marks(page).highlights
        self.rules = [e for e in page_marks(page).edges if e.get("orientation") == "h"]
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
        events.sort(key=lambda e: (e[0], e[1]))
        used = self._numbered_questions(events)
        for _, kind, thing in events:
            if kind:
                if id(thing) in used:
                    continue
                self._line(thing)
            else:
                self._close()
                self.heading_line = None
                self._ruled_table(thing, words)

    def finish(self) -> None:
        self._close()
        self.flush_table()
        if self.numbered is not None and self.numbered.accepted:
            self.raw.dash_lines.extend(self.numbered.lines)
        self.numbered = None

    # --- a checklist as numbered question lines (parsers.pdf.dash_lines) ---------------------------

    def _numbered_questions(self, events: list[tuple[float, int, Any]]) -> set[int]:
        """Find runs of numbered question paragraphs on the page; report their DASH lines and return
        the lines they used (by id), which are not read again as labels and values."""
        paragraphs: list[tuple[object, str | None]] = []
        groups: list[list[Line]] = []
        previous: Line | None = None
        above: Line | None = None  # the line above, whatever it was
        for _, kind, thing in events:
            if not kind:
                paragraphs.append((None, None))
                previous = above = None
                continue
            tucked = above is not None and thing.top - above.bottom < 0.6 * thing.size
            above = thing
            if is_heading(thing, self.body) and not tucked:
                self.answer_columns = False
            runs = split_cells(thing)
            if len(runs) >= 3 and sum(answer_of(" ".join(w.text for w in run)) is not None for run in runs) >= 2:
                self.answer_columns = True  # "Yes | No | Don't know" over columns: a grid, not question lines
            if self.answer_columns:
                paragraphs.append((None, None))
                previous = None
                continue
            if previous is not None and tight(thing.top - previous.bottom, thing.size) \
                    and not _NUMBERED.match(thing.words[0].text):
                groups[-1].append(thing)
                paragraphs[-1] = ((self.page_no, len(groups) - 1), join_lines(groups[-1], self.right).replace("\n", " "))
            else:
                groups.append([thing])
                paragraphs.append(((self.page_no, len(groups) - 1), thing.text))
            previous = thing
        runs, self.numbered = find_runs(paragraphs, self.numbered)
        used: set[int] = set()
        for run in runs + ([self.numbered] if self.numbered is not None else []):
            if not run.accepted:
                continue
            for key in run.used:
                if isinstance(key, tuple) and key[0] == self.page_no:  # (page, paragraph on it)
                    used.update(id(line) for line in groups[key[1]])
        for run in runs:
            if run.accepted:
                self.raw.dash_lines.extend(run.lines)
        return used

    # --- lines of text ---------------------------------------------------------------------------

    def _line(self, line: Line) -> None:
        self.flush_table()
        self.top_line, self.first_on_page = self.first_on_page, False
        if self.table is not None and not self.table.header_done:
            gap = self._gap(line, self.table.bottom, self.table.page)
            if line.bold and gap is not None and gap < 0.6 * line.size:
                self.table.merge_header(line)
                return
            self.table.header_done = True
        if self._label_line(line):
            return
        if (goes_on := heading_goes_on(line, self.heading_line, self.section)) or is_heading(line, self.body):
            wrapped = goes_on or (self.heading_line is not None and self.section is not None and self.walk.path
                                  and self.heading_page == self.page_no and one_paragraph(self.heading_line, line))
            self._unanswered(None if wrapped else self.pair)
            self._close()
            if wrapped:
                # A heading too long for one line goes on on the next: one heading, not two.
                level, text = self.walk.path[-1]
                self.walk.path[-1] = (level, f"{text} {grid.flat(line.text)}")
                self.section = self.walk.path[-1][1]
            else:
                self.before_heading = self.section
                self.walk.heading(grid.flat(line.text), heading_level(line, self.body))
                if not self._label_line(line, boxed_label(line, self.rules)) and asks(line, self.body):
                    item = self.walk.add(clean_label(line.text), None, section=self.before_heading,
                                         explicit_section=True)  # "Address line 1" over its answer: a label after all
                    self.pair = OpenPair(item, "above", line.x0, line.x0, [], line.bottom, self.page_no,
                                         self.right, unsure=True)
            self.heading_line, self.heading_page = line, self.page_no
            return
        heading, self.heading_line = self.heading_line if self.heading_page == self.page_no else None, None
        if opens_aside(text := grid.flat(line.text)) or names_section(text) and not text.endswith(":"):  # "Person 2"
            self._close()
            return self.walk.heading(text, BOLD_LINE)
        if self.table is not None and self._table_takes(line):
            return
        self._close_table()
        runs = split_cells(line)
        texts = [" ".join(w.text for w in run) for run in runs]
        tabbed = UnruledTable.tab_heading(runs)
        if len(runs) >= 3 and (line.bold or sum(answer_of(t) is not None for t in texts) >= 2) or tabbed:
            self._close()
            numbered = bool(grid.NUMBER_HEADER.match(texts[0])) or number_of(texts[0]) is not None
            self.table = UnruledTable([list(run) for run in runs], self.section, numbered, line.bottom,
                                  self.page_no, header_text=line.text, tabbed=tabbed)
            return
        self._pair_line(line, [cell_of(run) for run in runs], heading)

    def _label_line(self, line: Line, boxed: bool = False) -> bool:
        """A label alone on its line over its answer (open_items.stands_as_label), or a ruled box's first line."""
        if not (boxed or stands_as_label(line, self.body)):
            return False
        self._unanswered(self.pair)
        self._close()
        item = self.walk.add(clean_label(line.text.strip()), None)
        self.pair = OpenPair(item, "above", line.x0, line.x0, [], line.bottom, self.page_no, self.right)
        return True

    def _unanswered(self, pair: OpenPair | None) -> None:  # the bold question above went unanswered: no heading
        self.walk.back_to(self.before_heading) if pair is not None and pair.unsure and not pair.lines else None

    def _gap(self, line: Line, bottom: float, page: int) -> float | None:
        return line.top - bottom if page == self.page_no else None

    def _table_takes(self, line: Line) -> bool:
        table = self.table
        assert table is not None
        if line.text == table.header_text:  # the header repeated after a page break
            table.page, table.bottom, table.header_done = self.page_no, line.bottom, False
            return True
        gap = self._gap(line, table.bottom, table.page)
        if line.x0 < table.bounds()[0] or table.tabbed and (not table.on_stops(split_cells(line)) or gap is None
                                                             or gap > TABLE_END_GAP):
            return False
        if table.numbered:
            first = line.words[0]
            if table.column_of(first) == 0 and number_of(first.text) is not None:
                table.add(line, new_row=True)
                return True
            if gap is None or not tight(gap, line.size) or not table.rows:
                return False
            table.add(line, new_row=False)
            table.page = self.page_no
            return True
        if gap is not None and gap > TABLE_END_GAP:
            return False
        table.add(line, new_row=table.tabbed or gap is None or not tight(gap, line.size))
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
        if table.tabbed:  # people under the heading line, or no one ("None" under it ends the table)
            if table.rows:
                self._people([c.text for c in header], [[c.text if c else None for c in row] for row in rows[1:]],
                             bounds[:-1])
        else:
            self._grid(rows, bounds[:-1])
        self.section = section

    def _close(self) -> None:
        self._close_table()
        self.pair = None

    def _pair_line(self, line: Line, cells: list[Cell], heading: Line | None = None) -> None:
        pair = self.pair
        gap = self._gap(line, pair.bottom, pair.page) if pair is not None else None
        if pair is not None and pair.style == "above" and pair.page == self.page_no - 1 and self.top_line and (
                pair.lines or not (line.text.rstrip().endswith(".") or direction(line.text))):
            gap = 0.0  # the page broke between a label (or its answer's first lines) and the answer: it goes on
        plain = (len(cells) == 1 and colon_pair(line.text) is None and not has_mark(line.text)
                 and not _NUMBERED.match(line.words[0].text)) or options_only(line.text)  # "◉ Yes  ○ No"
        if pair is not None and (pair.takes_below(line, gap, plain) if pair.style == "above"
                                 else tight(gap, line.size) and continue_pair(pair, line, cells)):
            if pair.unsure and len(pair.lines) == 1:
                self.walk.back_to(self.before_heading)  # the bold question was answered: no heading after all
            pair.bottom = line.bottom
            pair.refresh()
            return
        self.pair = None
        if len(cells) == 1 and line.text.endswith(":") and colon_pair(line.text) is None:
            # "Reason for referral (please include details of the most recent incident):" alone on its
            # line: the paragraph below is its value. Wrapped, its first line was taken for a heading.
            label = line.text
            if heading is not None and one_paragraph(heading, line):
                label = f"{self.section} {label}"
                self.walk.back_to(self.before_heading)
            item = self.walk.add(clean_label(label), None)
            self.pair = OpenPair(item, "above", line.x0, line.x0, [], line.bottom, self.page_no, self.right)
            return
        if len(cells) == 1 and self._one_run(line):
            return
        first = colon_pair(cells[0].text)
        if first is not None and len(cells) == 1 and (hinted := hint_pair(self.walk, first[0], line, self.page_no, self.right)):
            self.pair = hinted  # "Give details: *Full names should be used …*": the answer is below the hint
            return
        if first is not None:
            for cell in cells:
                found = cell_pair(cell, cell is cells[-1])
                if found is not None:
                    item = self.walk.add(clean_label(found[0]), read_ticks(found[1]))
                    self.pair = OpenPair(item, "colon", cell.x0, cell.x0, [Line([w for w in line.words
                                      if cell.x0 <= w.x0 <= cell.x1])], line.bottom, self.page_no, self.right)
                    self.pair.refresh()
            return
        if len(cells) >= 2 and not line.bold:
            value_words = [w for w in line.words if w.x0 >= cells[1].x0]
            item = self.walk.add(clean_label(cells[0].text), None)
            self.pair = OpenPair(item, "grid", cells[0].x0, cells[1].x0, [Line(value_words)], line.bottom,
                              self.page_no, self.right, cells[0].bold)
            self.pair.refresh()

    def _one_run(self, line: Line) -> bool:
        """A line with no gap to split it at: a bold question and its plain answer, or boxes with labels
        ("Label: ☒ A ☐ B" is a colon pair, whose value may go on below)."""
        if colon_pair(line.text) is not None:
            return False
        lead = bold_lead(line)
        if lead is not None:
            item = self.walk.add(clean_label(lead[0]), None)
            self.pair = OpenPair(item, "grid", line.x0, lead[1][0].x0, [Line(lead[1])], line.bottom, self.page_no,
                                 self.right, True)
            self.pair.refresh()
            return True
        pairs = tick_pairs(line.text) or []
        for label, value in pairs:
            self.walk.add(label, value)
        return bool(pairs)


def read_text_layout(pages: list[Any], raw: RawForm) -> None:
    """Read pdfplumber pages into raw.labelled / tables / dash_lines; odd pages become problems."""
    reader = TextReader(raw)
    unreadable = 0
    for number, page in enumerate(pages, start=1):
        try:
            reader.read_page(page, number)
            unreadable += page_marks(page).unreadable
        except ValueError:
            raw.problems.append(Problem(f"page {number} holds far more text than a form; it was not read",
                                        severity="warning"))
    reader.finish()
    grid.boxes_of_people_and_prompts(raw)
    if unreadable:
        raw.problems.append(Problem(unreadable_message(reader.unread), severity="warning"))

