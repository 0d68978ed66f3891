"""A label set apart at the start of a Word table cell, bold or in smaller type, with the answer typed after it or
on the lines below ("Names and Dates of Birth" over a child a line; a police box's small "Occupation" over the
typed answer): each label with its answer, for the table rules (parsers.tables.rows) as Cell.parts.
"""
from __future__ import annotations

from lxml import etree

from .text import Marks, _render, _run_bold, _shown, _struck, child_val, children, w

# Word's own default is 10-12 pt; a run with no size of its own is taken at the smallest of these (in half-points).
_DEFAULT_HALF_POINTS = 20


def _size(run: etree._Element) -> int:
    props = run.find(w("rPr"))
    size = child_val(props, "sz") if props is not None else ""
    return int(size) if size.isdigit() else _DEFAULT_HALF_POINTS


def _small_runs(cell: etree._Element) -> set[etree._Element]:
    """The runs printed at least a point smaller than the cell's largest text: a police box's label, small at the
    top of the box over the typed answer, is set apart by its size as another form's is by bold."""
    shown = [run for run in cell.iter(w("r")) if _shown(run)]
    lettered = [run for run in shown if any(ch.isalnum() for t in run.iter(w("t")) for ch in t.text or "")]
    largest = max((_size(run) for run in lettered), default=0)  # not a tick box's glyph
    return {run for run in shown if _size(run) <= largest - 2}


def _split_bold(paragraph: etree._Element, marks: Marks, small: set[etree._Element]) -> tuple[str, str] | None:
    """A paragraph's bold (or small) start and the plain rest ("Home Telephone:" | " 0117 …"); None if it starts
    plain."""
    lead: list[str] = []
    rest: list[str] = []
    seen_plain = False
    for child in paragraph:
        if child.tag == w("pPr"):
            continue
        shown = child.tag == w("r") and _shown(child)
        if not seen_plain and shown and not (_run_bold(child) or child in small):
            seen_plain = True
        out: list[str] = []
        _render([child], marks, out)
        text = "".join(out)
        if not seen_plain and not shown and not lead:
            if text.strip():
                return None  # a box or a control before the words: not a label set apart in bold
            continue
        (rest if seen_plain else lead).append(text)
    if not lead or not "".join(lead).strip():
        return None
    return "".join(lead).strip(), "".join(rest).strip()


def bold_led(cell: etree._Element, marks: Marks) -> list[tuple[str, str]] | None:
    """ "Names and Dates of Birth" in bold (or small type) on a cell's first line with the answer typed on the lines below, or a
    bold "What is the preferred language?" with the answer after it: each bold label of the cell with the plain
    text after it, up to the next bold label. None unless the cell starts with a bold label and has plain text
    (an all-bold cell is a label; a plain one a value)."""
    parts: list[list[str]] = []
    small = _small_runs(cell)
    for paragraph in children(cell, "p"):
        if _has_struck(paragraph):
            return None
        split = _split_bold(paragraph, marks, small)
        if split is not None and (split[1] or all(_run_bold(r) or r in small for r in paragraph.iter(w("r"))
                                                  if _shown(r))):
            parts.append([split[0], split[1]])
            continue
        out: list[str] = []
        _render([paragraph], marks, out)
        text = "".join(out).strip()
        if not text:
            continue
        if not parts:
            return None
        parts[-1][1] = f"{parts[-1][1]}\n{text}" if parts[-1][1] else text
    if not parts or not any(value for _, value in parts):
        return None
    return [(label, value) for label, value in parts]


def _has_struck(paragraph: etree._Element) -> bool:
    """A paragraph with a struck-through option: render already reads it; not split here."""
    return any(_struck(run) for run in paragraph.iter(w("r")))
