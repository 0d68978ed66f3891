"""What the text-layout reader (parsers.pdf.text) holds open while it reads down a PDF page: the
label | value (or "Label: value") pair whose value may go on over the next lines, and a table with
no ruling lines whose columns are known only from where its header's words sit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Labelled, RawValue
from ..printed import asked_yes_no, is_label_text, label_pairs, list_goes_on, looks_like_data, may_ask, short_answer
from ..tables.known import known_label, names_section, run_on
from ..tables.people_cell import people_in_text, people_label
from ..tables.walk import BOLD_LINE, Walk
from ..ticks import labelled_ticks
from .layout import (
    Cell,
    Line,
    Word,
    clean_label,
    colon_pair,
    number_of,
    read_ticks,
    split_cells,
)
from .wraps import join_lines


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
    # A bold question line the label table does not know, also taken for a heading ("Address line 1" on a printed
    # web form): only a short answer that is no sentence is its answer (parsers.printed.short_answer).
    unsure: bool = False
    # The label's colon was followed by the form's own hint in italics ("Give details: *Full names should be
    # used …*"): the hint's lines are passed over, and the answer is the plain paragraph below them.
    hint: bool = False

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
        if self.hint and not self.lines and line.italic and gap is not None and gap <= 0.45 * line.size:
            self.bottom = line.bottom  # the hint's next line
            return True
        numbered = list_goes_on("\n".join(ln.text for ln in self.lines), line.text)  # "1) …" then "2) …"
        if self.style != "above" or gap is None or not (plain or numbered) or line.bold or bold_lead(line) \
                or self.unsure and not self.lines and not short_answer(line.text):
            return False
        # A line more is the same answer when wrapped close under it, or, for a box of people ("Children (names
        # and ages)"), a person a paragraph, spaced as the first ("Owen O'BRIEN, age 6"), or a numbered list's next
        listed = people_label(self.item.label) and people_in_text(line.text) is not None or numbered
        if gap > (0.45 if self.lines and not listed else 1.6) * line.size:
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

    def merge_header(self, line: Line) -> None:
        """A header cell wrapped onto a second line: its words join the column they sit under."""
        for run in split_cells(line):
            middle = (run[0].x0 + run[-1].x1) / 2
            best = min(range(len(self.columns)), key=lambda i: min(abs(middle - w.mid_x) for w in self.columns[i]))
            self.columns[best].extend(run)
        self.bottom = line.bottom

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
    reader reads the same paragraph (parsers.ticks.labelled_ticks); or a question answered after it with the yes /
    no words left ("Is the adult at risk aware? Yes /", printed.asked_yes_no)."""
    if (asked := asked_yes_no(text)) is not None:
        return [(clean_label(asked[0]), asked[1])]
    split = run_on(text)  # "Tel 0117 …. Safe to call: yes. Best time: …": pairs typed one after another
    found = label_pairs(split) if "\t" in split else labelled_ticks(text)
    return [(clean_label(label), value) for label, value in found] if found else None


def cell_pair(cell: Cell, last: bool) -> tuple[str, str] | None:
    """A cell of a line of "Label: value" cells as its pair; the line's last cell may be a label the table lists with
    its value wrapped onto the next line ("Tel: 0117 …   Email: x@y   Date:" over "30/10/2026")."""
    found = colon_pair(cell.text)
    if found is None and last and cell.text.rstrip().endswith(":") and known_label(cell.text):
        return clean_label(cell.text), ""
    return found


def continue_pair(pair: OpenPair, line: Line, cells: list[Cell]) -> bool:
    """The next line goes on the open pair's value (or, under a "grid" pair's label column, on its label)."""
    if pair.style == "colon":
        if len(cells) != 1 or line.bold or colon_pair(cells[0].text) is not None:
            return False
        pair.lines.append(line)
        return True
    if all(c.x0 >= pair.value_x0 - 3 for c in cells) or pair.wraps_onto(line):
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


def stands_as_label(line: Line, body: float) -> bool:
    """A line that is a label the table lists (bold or not), or a bold question, with no colon and its answer on
    the paragraph below (a web form saved as PDF: "First name" over "Grace"): a label, not a heading."""
    text = line.text.strip()
    if len(split_cells(line)) != 1 or line.size >= body * 1.1 or colon_pair(text) is not None \
            or not text[:1].isupper():  # a line starting in lower case goes on from the line above
        return False
    return known_label(text) or (line.bold and text.endswith("?") and is_label_text(text))


def asks(line: Line, body: float) -> bool:
    """A bold line of body size that may be a question of a printed web form over its answer ("Address line 1",
    "Reason for homelessness"), though the label table does not know it: never a section the table names, a
    numbered heading ("3 Main applicant details") or one in capitals."""
    text = line.text.strip()
    return line.bold and len(split_cells(line)) == 1 and line.size < body * 1.1 and colon_pair(text) is None \
        and may_ask(text) and not names_section(text) and number_of(line.words[0].text) is None


def boxed_label(line: Line, rules: list[dict[str, Any]]) -> bool:
    """A bold line that opens a ruled box on its own (a rule just above it, across it): in a box of one cell,
    which pdfplumber finds no table in, the box's label ("Reason for referral") over the answer typed below."""
    text = line.text.strip()
    # A numbered section's heading ("3. Perpetrator details (copy this section…)") boxes what follows: no label
    if not line.bold or colon_pair(text) is not None or len(text.split()) > 8 or not text[:1].isalpha() \
            or "(" in text:
        return False
    return any(-2.0 <= line.top - float(e["top"]) <= 0.9 * line.size and float(e["x0"]) <= line.x0 - 2
               and float(e["x1"]) >= line.x1 for e in rules)


def heading_level(line: Line, body: float) -> int:
    """A heading's level from its size, as Word's Heading 1, 2... print larger than the text."""
    if line.size >= body * 1.25:
        return 1
    return 2 if line.size >= body * 1.1 else BOLD_LINE


def heading_goes_on(line: Line, before: Line | None, heading: str | None) -> bool:
    """A numbered heading too long for one line ("4. Source of alleged harm information (…): If any of this …") goes
    on over the next bold lines of its size right under it (on the same page), however long they are, until a line
    ends it (".", ":" or "?")."""
    if before is None or not heading or number_of(heading.split()[0]) is None:
        return False
    return 0 <= line.top - before.bottom < 0.45 * line.size and line.bold and before.bold \
        and abs(line.size - before.size) < 0.5 and not before.text.rstrip().endswith((".", ":", "?")) \
        and len(split_cells(line)) == 1


HINT_WORDS = 6  # the fewest words of an italic hint after a label's colon: a short italic answer is an answer


def hint_pair(walk: Walk, label: str, line: Line, page: int, right: float) -> OpenPair | None:
    """ "Label: *the form's hint in italics*": the label, open for the answer below the hint; None for any other line."""
    if not _after_colon_is_hint(line):
        return None
    return OpenPair(walk.add(clean_label(label), None), "above", line.x0, line.x0, [], line.bottom, page, right, hint=True)


def _after_colon_is_hint(line: Line) -> bool:
    """Everything after the label's colon set in italics, a sentence long: the form's printed instruction, not the
    referrer's answer (as parsers.docx.layout reads it in the Word file)."""
    colon = next((i for i, w in enumerate(line.words) if w.text.endswith(":")), None)
    after = line.words[colon + 1:] if colon is not None else []
    return len(after) >= HINT_WORDS and all(w.italic for w in after) and not any(w.italic for w in line.words[:colon + 1])
