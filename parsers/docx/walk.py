"""What the Word layout walker carries while it reads: its state (Walk), and the rows and cells of a
table as the table reader (parsers.docx.tables) and the answer-grid reader (parsers.docx.dash_grid)
both see them.

Kept apart from the readers so that each reader imports them from below, never from one another: the
walker calls the table reader, the table reader calls the grid reader, and the grid reader's last
DASH layout is remembered in the Walk for a table that continues it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import DashLine, Labelled, RawValue, RowTable
from ..printed import clean_label
from .text import Marks, w


@dataclass
class Cell:
    element: etree._Element
    text: str
    cue: bool  # set apart as a label: bold or shaded
    col: int  # first grid column
    span: int

    def covers(self, other: "Cell") -> bool:
        return self.col <= other.col < self.col + self.span


@dataclass
class Row:
    element: etree._Element
    cells: list[Cell]
    claimed: bool
    header: bool  # marked to repeat as a header row

    @property
    def width(self) -> int:
        """Grid columns spanned, so rows with merged cells still line up with their header."""
        return max((c.col + c.span for c in self.cells), default=0)

    @property
    def empty(self) -> bool:
        return not any(c.text for c in self.cells)

    def under(self, head: Cell) -> list[Cell]:
        """This row's cells that sit under a cell of another row (grid columns, not cell counts)."""
        return [c for c in self.cells if head.covers(c)] or [c for c in self.cells if c.covers(head)]

    def text_under(self, head: Cell) -> str:
        return "\n".join(c.text for c in self.under(head) if c.text)


@dataclass
class GridLayout:
    """The columns of a Yes / No / Don't know grid, read from its header row (parsers.docx.dash_grid)."""
    head: Row
    answers: list[tuple[Cell, str]]  # answer column heading, and the answer it stands for
    typed: Cell | None  # one column where the answer is typed ("Y/N/DK")
    question: Cell
    number: Cell | None
    comment: Cell | None
    dash: bool


@dataclass
class Walk:
    """The walker's state: where on the form it is, and what it has found so far."""
    marks: Marks
    section: str | None = None
    labelled: list[Labelled] = field(default_factory=list)
    tables: list[RowTable] = field(default_factory=list)
    dash_lines: list[DashLine] = field(default_factory=list)
    # Controls and fields whose value the walker reported under a printed label.
    used: set[etree._Element] = field(default_factory=set)
    # The section each control or field sits in, for those reported by name instead.
    control_sections: dict[etree._Element, str | None] = field(default_factory=dict)
    # A "Label:" line waiting for its value on the next line: (label, section, report if left empty).
    pending: tuple[str, str | None, bool] | None = None
    dash_layout: GridLayout | None = None  # the last DASH grid, for a table that continues it

    def use(self, *regions: etree._Element) -> None:
        """The controls in (or around) these regions were reported with their printed labels."""
        for region in regions:
            self.used.update(region.iter(w("sdt"), w("fldChar")))
            self.used.update(region.iterancestors(w("sdt")))

    def add(self, label: str, value: RawValue, *regions: etree._Element, section: str | None = None,
            explicit_section: bool = False) -> Labelled:
        item = Labelled(label, value, section if explicit_section else self.section)
        self.labelled.append(item)
        self.use(*regions)
        return item

    def heading(self, text: str) -> None:
        self.flush()
        self.section = clean_label(text)

    def flush(self) -> None:
        """A waiting "Label:" line got no value below it: report it as left blank."""
        if self.pending is not None and self.pending[2]:
            self.labelled.append(Labelled(self.pending[0], None, self.pending[1]))
        self.pending = None
