"""The layout walker: a Word body read in document order as a person reads the printed form.

It reports what the page says, for parsers.labels to map: section headings (Heading styles, short
bold lines, full-width table rows) become the `section` of what follows; "Label: value" lines,
label | value tables, label-above-value blocks, person tables and DASH grids become Labelled,
RowTable and DashLine. Anything inside a control or field named with a canonical path was already
read by name and is left alone, so the service's own form is not read twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from .docx_text import Marks, all_bold, claimed, heading_style, render, w
from .printed import clean_label, label_pairs, looks_like_data, short_line
from .raw import DashLine, Labelled, RawValue, RowTable
from .ticks import interpret

if TYPE_CHECKING:
    from .docx_dash import GridLayout

_WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}


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


def children(parent: etree._Element, name: str) -> list[etree._Element]:
    """Direct children w:<name>, looking through content controls and custom XML wrapped round them."""
    found: list[etree._Element] = []
    for child in parent:
        if child.tag == w(name):
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(children(child, name))
    return found


def walk_body(body: etree._Element, marks: Marks) -> Walk:
    walk = Walk(marks)
    walk_blocks(body, walk)
    walk.flush()
    return walk


def walk_blocks(container: etree._Element, walk: Walk) -> None:
    from .docx_tables import read_table  # the table reader walks nested tables through here

    for block in container:
        if block.tag in _WRAPPERS:
            walk_blocks(block, walk)
            continue
        if block.tag not in (w("p"), w("tbl")):
            continue
        for control in block.iter(w("sdt"), w("fldChar")):
            walk.control_sections.setdefault(control, walk.section)
        if block.tag == w("p"):
            read_paragraph(block, walk)
        else:
            walk.flush()
            read_table(block, walk)


def _text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """The outermost text boxes anchored in a paragraph (each read as blocks of its own)."""
    return [box for box in paragraph.iter(w("txbxContent")) if _outermost(box, paragraph)]


def _outermost(box: etree._Element, paragraph: etree._Element) -> bool:
    for ancestor in box.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag == w("txbxContent"):
            return False
    return True


def read_paragraph(paragraph: etree._Element, walk: Walk) -> None:
    if not claimed(paragraph, walk.marks):
        text = render(paragraph, walk.marks)
        if text:
            _paragraph_text(paragraph, text, walk)
    for box in _text_boxes(paragraph):
        walk_blocks(box, walk)


def _paragraph_text(paragraph: etree._Element, text: str, walk: Walk) -> None:
    if heading_style(paragraph):
        walk.heading(text)
        return
    bold = all_bold(paragraph)
    pairs = label_pairs(text)
    if pairs and bold and short_line(text) and not any(looks_like_data(str(v)) for _, v in pairs if v):
        pairs = None  # a bold "Section 2: Victim details" is a heading, not a label and value
    if pairs:
        _report_pairs(paragraph, pairs, walk)
    elif walk.pending is not None and not bold:
        label, section, _ = walk.pending
        walk.pending = None
        walk.section = section  # a bold label was taken for a heading until its value showed
        walk.add(label, interpret(text), paragraph)
    elif bold and short_line(text):
        before = walk.section
        walk.heading(text)
        if text.rstrip().endswith((":", "?")):
            # A bold "Summary of risks:" may be a label with its answer on the lines below.
            walk.pending = (clean_label(text), before, False)
    else:
        walk.flush()  # a sentence of instructions


def _report_pairs(paragraph: etree._Element, pairs: list[tuple[str, RawValue]], walk: Walk) -> None:
    walk.flush()
    for label, value in pairs:
        walk.add(label, value, paragraph)
    last_label, last_value = pairs[-1]
    if last_value is None and len(pairs) == 1:
        # "Address:" with the address on the next line; reported blank if nothing follows.
        walk.labelled.pop()
        walk.pending = (last_label, walk.section, True)
