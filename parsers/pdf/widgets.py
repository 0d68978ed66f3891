"""AcroForm fields whose names mean nothing (Text12, Check Box3, form1[0].#subform[0].TextField1[0]):
each widget is tied to the words printed beside it, using the widget's /Rect and pdfplumber words.

- a text box: the words on its line to its left (or, failing that, the line just above it);
- a row of text boxes under a header row: a RowTable (children, household);
- tick boxes beside the words Yes / No: that question's label, valued with the ticked word;
- tick boxes under Yes / No / Don't know column headers, or beside three choices: a DashLine,
  with the text box at the end of the row as its comment;
- a lone tick box: the words beside it, valued True / False.
The section is the nearest heading above. The tooltip (/TU), then the field name, stand in when
nothing is printed near a widget.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from ..model import DashLine, Labelled, RawValue, RowTable
from ..problem import Problem
from .acroform import PdfField, on_states, state_name
from .layout import Line, Word, body_size, clean_label, group_lines, headings, page_words

Item = Labelled | RowTable | DashLine
NEAR = 14.0  # how far (points) a choice word or a label above may sit from its widget
ROW_SLACK = 4.0


@dataclass
class Box:
    """One widget on a page, in pdfplumber's coordinates."""
    field: PdfField
    value: RawValue
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    button: bool
    selected: bool = False

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


def widget_boxes(reader: Any, fields: list[tuple[PdfField, RawValue]], max_pages: int) -> list[Box]:
    """Every widget of `fields` found on one of the first max_pages pages."""
    where: dict[int, tuple[int, Any]] = {}
    for index, page in enumerate(reader.pages[:max_pages]):
        annots = page.get("/Annots")
        for ref in (annots.get_object() if annots is not None else []) or []:
            if hasattr(ref, "idnum"):
                where[ref.idnum] = (index, page)
    boxes = []
    for f, value in fields:
        chosen = state_name(f.node.get("/V"))
        for widget in f.widgets if f.ftype == "/Btn" else f.widgets[:1]:
            ref = getattr(widget, "indirect_reference", None)
            found = where.get(ref.idnum) if ref is not None else None
            rect = widget.get("/Rect")
            if found is None or rect is None or len(rect) != 4:
                continue
            index, page = found
            box = page.mediabox
            xs = sorted(float(v) - float(box.left) for v in (rect[0], rect[2]))
            ys = sorted(float(box.top) - float(v) for v in (rect[1], rect[3]))
            on = next(iter(on_states(widget)), None)
            selected = on is not None and (state_name(widget.get("/AS")) == on or chosen == on)
            boxes.append(Box(f, value, index, xs[0], xs[1], ys[0], ys[1], f.ftype == "/Btn", selected))
    return boxes


def words_text(words: list[Word]) -> str:
    return " ".join(line.text for line in group_lines(words))


class PageLabels:
    """The printed words of one page, asked where each widget's label is."""

    def __init__(self, page: Any, boxes: list[Box]) -> None:
        self.words = page_words(page)
        self.lines = group_lines(self.words)
        self.boxes = boxes
        self.heads = headings(self.lines, body_size(self.words))
        heading_words = {id(w) for line in self.heads for w in line.words}
        self.plain = [w for w in self.words if id(w) not in heading_words]  # what labels are made of
        # Word indexes by height on the page, to find a widget's row without a pass over every word
        # (a word placed at NaN, which only a broken file has, is never on any row).
        self._by_mid = sorted((i for i, w in enumerate(self.words) if w.mid_y == w.mid_y),
                              key=lambda i: self.words[i].mid_y)
        self._mids = [self.words[i].mid_y for i in self._by_mid]

    def words_level(self, top: float, bottom: float) -> list[Word]:
        """The words whose middle lies between top and bottom, in page order."""
        if not top <= bottom:  # also NaN, which bisect would take for "everywhere"
            return []
        lo, hi = bisect.bisect_left(self._mids, top), bisect.bisect_right(self._mids, bottom)
        return [self.words[i] for i in sorted(self._by_mid[lo:hi])]

    def band_bottom(self, top: float, bottom: float) -> float:
        """Where this widget's row ends: at the next widget below, within reason."""
        below = [b.top for b in self.boxes if b.top > bottom - 1] + [h.top for h in self.heads if h.top > top]
        return max(bottom + 2, min([*below, top + 45.0]) - 1)

    def left_words(self, x0: float, top: float, bottom: float) -> list[Word]:
        """Words on the widget's row to its left, but right of any other widget on that row."""
        end = self.band_bottom(top, bottom)
        bound = max((b.x1 for b in self.boxes if b.x1 <= x0 + 1 and b.top < end and b.bottom > top - 3), default=-1.0)
        return [w for w in self.plain if w.x1 <= x0 + 1 and w.x0 >= bound - 1 and top - 3 <= w.mid_y <= end]

    def header_block(self, x0: float, x1: float, top: float) -> tuple[float, float] | None:
        """The band of tightly stacked lines just above a table's first row: its header."""
        block: Line | None = None
        for line in reversed([ln for ln in self.lines if ln.bottom <= top + 1]):
            if not any(x0 - 2 <= w.mid_x <= x1 + 2 for w in line.words):
                continue
            limit = block.top if block is not None else top
            if limit - line.bottom > (NEAR if block is None else 0.45 * line.size):
                break
            block = line
        return (block.top - 1, top) if block is not None else None

    def words_above(self, x0: float, x1: float, top: float, reach: float = NEAR) -> list[Word]:
        """The nearest line above the widget that has words over it, and the tight lines above that."""
        picked: list[Line] = []
        for line in reversed([ln for ln in self.lines if ln.bottom <= top + 1]):
            over = [w for w in line.words if x0 - 2 <= w.mid_x <= x1 + 2]
            limit = picked[-1].top if picked else top
            if not over:
                continue
            if limit - line.bottom > (reach if not picked else 0.45 * line.size):
                break
            picked.append(Line(over))
        return [w for line in reversed(picked) for w in line.words]

    def beside(self, box: Box, right: bool) -> tuple[str, float]:
        """The run of words right next to a tick box on one side (up to the next widget), and where
        that run ends away from the box."""
        row = sorted(self.words_level(box.top - 3, box.bottom + 3), key=lambda w: w.x0)
        others = [b for b in self.boxes if b is not box and abs(b.mid_y - box.mid_y) < ROW_SLACK]
        run: list[Word] = []
        if right:
            stop = min([b.x0 for b in others if b.x0 >= box.x1], default=1e9)
            edge = box.x1
            for w in (w for w in row if edge - 1 <= w.x0 < stop):
                if w.x0 - edge > (NEAR if not run else 4):
                    break
                run.append(w)
                edge = w.x1
        else:
            stop = max([b.x1 for b in others if b.x1 <= box.x0], default=-1e9)
            edge = box.x0
            for w in (w for w in reversed(row) if stop < w.x1 <= edge + 1):
                if edge - w.x1 > (NEAR if not run else 4):
                    break
                run.insert(0, w)
                edge = w.x0
        return " ".join(w.text for w in run), edge

    def label(self, box: Box, left_of: float | None = None) -> str | None:
        left = self.left_words(box.x0 if left_of is None else left_of, box.top, box.bottom)
        words = left or self.words_above(box.x0, box.x1, box.top)
        text = clean_label(words_text(words)) if words else ""
        return text or None


def tooltip(box: Box) -> str | None:
    for node in (box.field.widgets[0], box.field.node):
        value = node.get("/TU")
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def rows_of(boxes: list[Box]) -> list[list[Box]]:
    """Widgets side by side (their middles level), each row sorted left to right."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.mid_y, b.x0)):
        if rows and abs(rows[-1][0].mid_y - box.mid_y) < ROW_SLACK:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def problem_for_ticks(label: str | None, ticked: list[str]) -> Problem:
    return Problem(f"{label or 'a question'}: more than one box is ticked ({', '.join(ticked)})",
                   severity="warning")
