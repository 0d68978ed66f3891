"""What the text-layout reader (parsers.pdf.text) holds open while it reads down a PDF page: the
label | value (or "Label: value") pair whose value may go on over the next lines, and a table with
no ruling lines whose columns are known only from where its header's words sit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Labelled
from .layout import Line, Word, join_lines, read_ticks


@dataclass
class OpenPair:
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
