"""What the Word reader adds to the shared table rules' reading state (parsers.tables.walk): the
controls and fields already reported under a printed label, so the reader does not report them again
by name, and how a cell's word was picked by highlighting, read from its runs' properties.

Only what WordprocessingML says lives here; what a row or cell means is parsers.tables' to decide.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import Labelled
from ..tables.walk import Cell, Walk
from .text import Marks, w


@dataclass
class WordCell(Cell):
    """A table cell of a Word file: its <w:tc> says whether its words are highlighted."""

    def highlighted(self) -> bool:
        for props in self.element.iter(w("rPr")):
            mark = props.find(w("highlight"))
            if mark is not None and mark.get(w("val"), "none") not in ("none", ""):
                return True
            shading = props.find(w("shd"))
            if shading is not None and (shading.get(w("fill")) or "auto").lower() not in ("auto", "ffffff", ""):
                return True
        return False


@dataclass
class WordWalk(Walk):
    """The walker's state over a Word body: the shared state, and the controls it has read."""
    marks: Marks = field(kw_only=True)
    # Controls and fields whose value the walker reported under a printed label.
    used: set[etree._Element] = field(default_factory=set)
    # The section each control or field sits in, for those reported by name instead.
    control_sections: dict[etree._Element, str | None] = field(default_factory=dict)
    # A label printed with no colon ("First name" on a line of its own) waits in `pending` like any other, but its
    # answer may run on over the next plain lines ("Children (names and ages)" over a child a line): `answer`.
    loose: bool = False
    answer: Labelled | None = None
    # The pending label is a bold line the label table does not know ("Address line 1" on a printed web form): only
    # a short answer that is no sentence of guidance is taken as its answer.
    unsure: bool = False

    def use(self, *regions: etree._Element) -> None:
        """The controls in (or around) these regions were reported with their printed labels."""
        for region in regions:
            self.used.update(region.iter(w("sdt"), w("fldChar")))
            self.used.update(region.iterancestors(w("sdt")))
