"""What the text-layout reader (parsers.pdf.text) holds open while it reads down a PDF page: the
label | value (or "Label: value") pair whose value may go on over the next lines, and a table with
no ruling lines whose columns are known only from where its header's words sit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Labelled, RawValue
from ..printed import is_label_text, looks_like_data
from ..ticks import labelled_ticks
from .layout import Line, Word, clean_label, join_lines, read_ticks


@dataclass
class OpenPair:
    """The label | value (or Label: value) being read, so continuation lines can join it."""
    item: Labelled
    style: str  # "grid" (columns), "colon", or "above" (a "Label:" line, its value the paragraph below)
    label_x0: float
    value_x0: float
    lines: list[Line]
    bottom: float
    page: int
    right: float
    label_bold: bool = False  # the label printed in bold (the value typed plain)

    def wraps_onto(self, line: Line) -> bool:
        """A value typed after a tab stop runs past the right margin and goes on at the paragraph's left
        edge, under the label ("Address:<TAB>25 Hawthorn Drive," / "Exampletown, BS5 0XJ"): the line is
        the value's, not the label's second line. Told by the value's last line having had no room for
        the line's first word, and the line being plain where the label was bold."""
        if self.style != "grid" or not self.lines or not self.label_bold or any(w.bold for w in line.words):
            return False
        first, last = line.words[0], self.lines[-1]
        return abs(line.x0 - self.label_x0) <= 3 and last.x1 + (first.x1 - first.x0) + 0.3 * first.size > self.right

    def takes_below(self, line: Line, gap: float | None, plain: bool) -> bool:
        """A "Label:" line's value: the next paragraph (a paragraph's spacing below it), and the lines
        it wraps onto. A bold line, another label, a tick line or a numbered question is not a value."""
        if self.style != "above" or gap is None or not plain or line.bold:
            return False
        if gap > (0.45 if self.lines else 1.6) * line.size:
            return False
        self.lines.append(line)
        return True

    def refresh(self) -> None:
        text = join_lines(self.lines, self.right) if self.lines else ""
        if self.style == "colon" and self.lines:
            text = text.split(":", 1)[1] if ":" in self.lines[0].text else text
        text = text.strip()
        self.item.value = read_ticks(text) if text else None


@dataclass
class UnruledTable:
    """A table whose columns are known only from where its header's words sit."""
    columns: list[list[Word]]
    section: str | None
    numbered: bool
    bottom: float
    page: int
    rows: list[list[list[Word]]] = field(default_factory=list)
    header_done: bool = False
    header_text: str = ""
    tabbed: bool = False  # a bold heading line of two pieces on tab stops: rows only on the same stops

    @staticmethod
    def tab_heading(runs: list[list[Word]]) -> bool:
        """ "Name<TAB>Date of birth" in bold over one line per person: two pieces that read as column headings
        (as the Word reader's parsers.docx.tab_table needs bold to tell such a line from "Label<TAB>answer")."""
        texts = [" ".join(w.text for w in run) for run in runs]
        return len(runs) == 2 and all(w.bold for run in runs for w in run) and all(
            is_label_text(t) and not t.rstrip().endswith(":") and not looks_like_data(t) for t in texts)

    def on_stops(self, runs: list[list[Word]]) -> bool:
        """A line of the tabbed table: its pieces start where the heading's do, one under each."""
        return len(runs) == len(self.columns) and all(
            abs(run[0].x0 - min(w.x0 for w in column)) <= 3 for run, column in zip(runs, self.columns))

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


def bold_lead(line: Line) -> tuple[str, list[Word]] | None:
    """ "Who is the survivor afraid of? Mohammed VAUGHAN …" on one line, the question in bold and the answer
    after it too close for a gap to show: the bold words ending in "?" or ":" and the plain words after."""
    plain = next((i for i, w in enumerate(line.words) if not w.bold), 0)
    lead = " ".join(w.text for w in line.words[:plain])
    if not plain or not lead.endswith(("?", ":")) or any(w.bold for w in line.words[plain:]):
        return None
    return lead, line.words[plain:]


def tick_pairs(text: str) -> list[tuple[str, RawValue]] | None:
    """A line of boxes and their labels ("☒ Visible high risk …", "BME ☐ Disabled ☒"), read as the Word
    reader reads the same paragraph (parsers.ticks.labelled_ticks)."""
    found = labelled_ticks(text)
    return [(clean_label(label), value) for label, value in found] if found else None
