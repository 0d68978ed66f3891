"""The state a table reader carries while it reads one form (Walk), and the rows and cells of a table
as every format's reader hands them to the shared table rules (Row, Cell).

Plain objects, so that one set of rules (parsers.tables.rows, .columns, .dash_grid) reads a Word table
and a PDF's ruled table alike: the format reader builds the rows (parsers.docx.tables from XML,
parsers.pdf.tables from a page's ruling lines) and subclasses Walk / Cell where its format says more
(hooks: `Walk.use` marks Word's controls as read, `Walk.unknown` tells regions holding tick boxes whose
state the file does not carry, `Cell.highlighted` reads how a word was picked by highlighting).

Kept apart from the readers so that each reader imports them from below, never from one another: the
table reader calls the grid reader, and the grid reader's last DASH layout is remembered in the Walk
for a table that continues it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Self

from ..model import DashLine, Labelled, RawValue, RowTable
from ..printed import clean_label
from ..ticks import UNREADABLE, is_option

BOLD_LINE, BOX = 10, 11  # heading levels below Word's own (Heading 1..9): a bold line, a box's title row
_GUIDANCE = re.compile(r"\b(guidance|guide to|before (you )?refer(ring)?|how to (complete|refer|use)|notes (on|for)|"
                       r"instructions|please read|(marac |referral )criteria|when to refer)\b", re.IGNORECASE)
_ANSWER_HOW = re.compile(r"\b(tick|select|circle|delete|choose)\b.{0,30}\b(apply|appropriate|one|all)\b", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")
_NAME_WORDS = {"name", "names", "forename", "forenames", "surname", "agency"}


_EXPLAINED = re.compile(r"^(?P<label>[^–—]{3,60}?)\s+[–—-]\s+(?P<why>\S+(?:\s+\S+){3,})$", re.DOTALL)


def _less_explanation(label: str) -> str:
    """ "Visible high risk – 14 or more 'yes' answers on the Dash": the label is what precedes the
    explanation (of four words or more) after a spaced dash."""
    match = _EXPLAINED.match(label)
    return match.group("label") if match and len(match.group("label").split()) <= 6 else label


def is_name_label(label: str) -> bool:
    """A label asking for a person's (or the referring agency's) name: it says whose box this is."""
    words = _WORDS.findall(label.lower())
    return bool(_NAME_WORDS & set(words)) and len(words) <= 8


def _a_choice(value: RawValue) -> bool:
    """A value read from tick boxes: a box's state, or the option ticked."""
    return isinstance(value, bool) or (isinstance(value, str) and is_option(value))


@dataclass
class Cell:
    element: Any  # the format's own object for the cell (a Word <w:tc>), passed back to the hooks
    text: str
    cue: bool  # set apart as a label: bold or shaded
    col: int  # first grid column
    span: int
    lit: bool = False  # its words highlighted (or run-shaded), where the reader saw it on building the cell
    # Labels set apart (bold) inside the cell, each with the answer typed after or below it, where the reader
    # can tell: "Names and Dates of Birth" on the first line, the names on the lines below.
    parts: list[tuple[str, str]] | None = None

    def covers(self, other: Cell) -> bool:
        return self.col <= other.col < self.col + self.span

    def meets(self, other: Cell) -> bool:
        """The two cells share a grid column (one row's cells merged otherwise than the other's)."""
        return spans_meet((self.col, self.span), (other.col, other.span))

    def highlighted(self) -> bool:
        """The word in this cell is highlighted (or run-shaded): how some referrers pick an option."""
        return self.lit


@dataclass
class Row:
    element: Any  # the format's own object for the row (a Word <w:tr>), passed back to the hooks
    cells: list[Cell]
    claimed: bool
    header: bool  # marked to repeat as a header row
    instructed: bool = False  # a cell held only a bracketed instruction, left out of its text

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
    """The columns of a Yes / No / Don't know grid, read from its header row (parsers.tables.dash_grid)."""
    head: Row
    answers: list[tuple[Cell, str]]  # answer column heading, and the answer it stands for
    typed: Cell | None  # one column where the answer is typed ("Y/N/DK")
    question: Cell
    number: Cell | None
    comment: Cell | None
    dash: bool


class _NameLabel(str):
    """A name label as read, with the grid column of the cell it was read from (None: a full row or unknown)."""
    column: tuple[int, int] | None

    def __new__(cls, text: str, column: tuple[int, int] | None) -> Self:
        made = super().__new__(cls, text)
        made.column = column
        return made


def spans_meet(one: tuple[int, int] | None, other: tuple[int, int]) -> bool:
    """Two (first grid column, span) share a column; None (a full row, or not known) meets none."""
    return one is not None and one[0] < other[0] + other[1] and other[0] < one[0] + one[1]


@dataclass
class Walk:
    """The walker's state: where on the form it is, and what it has found so far."""
    section: str | None = None
    labelled: list[Labelled] = field(default_factory=list)
    tables: list[RowTable] = field(default_factory=list)
    dash_lines: list[DashLine] = field(default_factory=list)
    # A "Label:" line waiting for its value on the next line: (label, section, report if left empty).
    pending: tuple[str, str | None, bool] | None = None
    dash_layout: GridLayout | None = None  # the last DASH grid, for a table that continues it
    names: list[str] = field(default_factory=list)  # name labels read so far in this box, oldest first
    names_before: list[str] = field(default_factory=list)  # the names before the last heading, if it was no heading
    people: Row | None = None  # the header of this table's columns of people ("Victim | Perpetrator")
    boxes: dict[str, int] = field(default_factory=dict)  # titles of boxes printed to be duplicated, seen so far
    path: list[tuple[int, str]] = field(default_factory=list)  # the headings above, outermost first, by level
    box_depth: int = 0  # headings read so far inside this table (box_heading)
    guidance: bool = False  # under a heading of guidance ("Before you refer"): its sentences are no answers
    column: tuple[int, int] | None = None  # (first grid column, span) of the cell being read across a row, if any

    def use(self, *regions: Any) -> None:
        """Hook: the controls in (or around) these regions were reported with their printed labels
        (parsers.docx.walk keeps them from being reported again by name). Nothing to mark here."""

    def unknown(self, *regions: Any) -> bool:
        """Hook: these regions hold tick boxes whose state the file does not carry (parsers.pdf.walk).
        A format that carries every box's state never has any."""
        return False

    def add(self, label: str, value: RawValue, *regions: Any, section: str | None = None,
            explicit_section: bool = False, title: str | None = None) -> Labelled:
        if self.unknown(*regions):
            # Read from tick boxes whose state the file does not carry: unknown, never a guess.
            if _a_choice(value):
                value = None
            if label.strip() in ("\u2610", "\u2612"):
                label = UNREADABLE  # '☐ | Visible high risk': the box is no answer to read
        item = Labelled(_less_explanation(label), value, section if explicit_section else self.section, title,
                        self._context(), self.headings())
        self.labelled.append(item)
        self.use(*regions)
        if is_name_label(label):
            self.names.append(_NameLabel(label, self.column))
        return item

    def row_read(self, first: int) -> None:
        """A row read across is over: its name labels keep their columns only where it named people side by side
        ("Client name: …" | "Perpetrator's name: …"); "Name: …" | "Referring Agency: …" are one box's fields."""
        self.column = None
        mine = self.names[first:]
        if len({n.column for n in mine if isinstance(n, _NameLabel)}) < 2:
            self.names[first:] = [str(n) for n in mine]

    def _context(self) -> list[str]:
        """The name labels before, nearest first; in a box of two people side by side ("Client name: …" |
        "Perpetrator's name: …" over "Ethnicity: …" | "Ethnicity: …"), those in the same column come first."""
        nearest = [str(name) for name in reversed(self.names)]
        if self.column is None:
            return nearest
        same = [str(n) for n in reversed(self.names) if spans_meet(getattr(n, "column", None), self.column)]
        return same + [name for name in nearest if name not in same]

    def headings(self) -> list[str]:
        return [text for _, text in self.path]

    def back_to(self, section: str | None) -> None:
        """A bold line taken for a heading was a label after all: the heading before it is back."""
        self.section = section
        if self.path and self.path[-1][1] != section:
            self.path.pop()
            self.names = self.names_before  # "Name of the person causing harm" still names whose "Their address" is

    def heading(self, text: str, level: int = BOLD_LINE) -> None:
        """A heading of a level (Word's Heading 1 is 1, a bold line BOLD_LINE, a box's title row BOX)."""
        self.flush()
        self.section = clean_label(text)
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        self.path.append((level, self.section))
        self.names_before, self.names = self.names, []
        # "Referral criteria (tick all that apply)" asks for answers: a heading telling how to answer is no guidance
        self.guidance = bool(_GUIDANCE.search(self.section)) and not _ANSWER_HOW.search(self.section)

    def box_heading(self, text: str) -> None:
        """A heading row inside a table: under the table's earlier heading rows, not in their place, so that a
        topic row ("Health Conditions") inside a person's box ("Details of the adult at risk") leaves the box
        whose it is; the table's first heading row replaces the last table's."""
        self.heading(text, BOX + self.box_depth)
        self.box_depth += 1

    def flush(self) -> None:
        """A waiting "Label:" line got no value below it: report it as left blank."""
        if self.pending is not None and self.pending[2]:
            self.labelled.append(Labelled(self.pending[0], None, self.pending[1]))
        self.pending = None
