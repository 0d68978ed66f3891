"""Turn an AcroForm's meaningless fields into what its printed page says: Labelled values, RowTables
and DashLines (see parsers.pdf.widgets for how one widget finds its words)."""
from __future__ import annotations

import bisect
from itertools import pairwise
from typing import Any

from ..model import DashLine, Labelled, RawValue, RowTable
from ..problem import Problem
from .layout import answer_of, clean_label, number_of, words_in
from .widgets import Box, Item, PageLabels, problem_for_ticks, rows_of, tooltip, widget_boxes, words_text


class Placer:
    def __init__(self) -> None:
        self.items: list[tuple[tuple[int, float, float], Item]] = []
        self.problems: list[Problem] = []
        self.heads: list[tuple[int, float, str]] = []
        self.answer_headers: dict[float, str] = {}  # tick column middle -> its header, over page breaks
        self.last_table: tuple[list[float], list[str]] | None = None

    def section(self, page: int, top: float) -> str | None:
        index = bisect.bisect_left(self.heads, (page, top - 1, ""))
        return self.heads[index - 1][2] if index else None

    def add(self, box: Box, item: Item) -> None:
        self.items.append(((box.page, box.top, box.x0), item))

    # --- a page ------------------------------------------------------------------------------------

    def place_page(self, labels: PageLabels) -> None:
        used: set[int] = set()
        for table in text_tables([b for b in labels.boxes if not b.button]):
            self.table(labels, table)
            used.update(id(b) for row in table for b in row)
        lone: list[Box] = []
        for row in rows_of([b for b in labels.boxes if b.button]):
            for cluster in clusters(labels, row):
                if not self.choice_group(labels, cluster, used):
                    lone.extend(cluster)
        seen: set[int] = set()
        for box in sorted([b for b in labels.boxes if not b.button and id(b) not in used] + lone,
                          key=lambda b: (b.top, b.x0)):
            if id(box.field) in seen:  # a radio group with no choice words: one value for the group
                continue
            seen.add(id(box.field))
            label = labels.beside(box, right=True)[0] if box.button else ""
            if not label or answer_of(label) is not None:
                label = labels.label(box) or ""
            self.add(box, Labelled(label or tooltip(box) or box.field.name, box.value,
                                   self.section(box.page, box.top)))

    def table(self, labels: PageLabels, table: list[list[Box]]) -> None:
        first = table[0]
        block = labels.header_block(first[0].x0, first[-1].x1, first[0].top)
        headers = [clean_label(words_text(words_in(labels.words, b.x0 - 1, b.x1 + 1,
                                              *block))) if block else "" for b in first]
        edges = [b.x0 for b in first]
        if not any(headers) and self.last_table and all(
                abs(a - b) < 3 for a, b in zip(self.last_table[0], edges)):
            headers = self.last_table[1]  # carried over a page break without its header
        self.last_table = (edges, headers)
        self.add(first[0], RowTable(headers, [[b.value for b in row] for row in table],
                                    self.section(first[0].page, first[0].top)))

    def choice_group(self, labels: PageLabels, cluster: list[Box], used: set[int]) -> bool:
        """Tick boxes that are the choices of one question; False when they are not."""
        if len(cluster) < 2:
            return False
        found = inline_choices(labels, cluster) or self.header_choices(labels, cluster)
        if found is None:
            return False
        choices, left_of = found
        label = labels.label(cluster[0], left_of=left_of)
        ticked = [choice for box, choice in zip(cluster, choices) if box.selected]
        if len(ticked) > 1:
            self.problems.append(problem_for_ticks(label, ticked))
        value = ticked[0] if len(ticked) == 1 else None
        if len(cluster) >= 3 or any(answer_of(c) == "unknown" for c in choices):
            self.add(cluster[0], self.dash_line(labels, cluster, label, value, used))
        else:
            self.add(cluster[0], Labelled(label or tooltip(cluster[0]) or cluster[0].field.name, value,
                                          self.section(cluster[0].page, cluster[0].top)))
        return True

    def header_choices(self, labels: PageLabels, cluster: list[Box]) -> tuple[list[str], float] | None:
        """Yes / No / Don't know printed as column headers over the tick boxes."""
        texts = [words_text(labels.words_above(b.x0 - 8, b.x1 + 8, b.top, reach=1e9)) for b in cluster]
        middles = [(b.x0 + b.x1) / 2 for b in cluster]
        if not all(answer_of(t) for t in texts):
            carried = [next((h for x, h in self.answer_headers.items() if abs(x - m) < 3), "") for m in middles]
            if not all(answer_of(t) for t in carried):
                return None
            texts = carried
        self.answer_headers.update(zip(middles, texts))
        return texts, cluster[0].x0

    def dash_line(self, labels: PageLabels, cluster: list[Box], label: str | None, value: str | None,
                  used: set[int]) -> DashLine:
        words = (label or "").split()
        number = number_of(words[0]) if words else None
        question = " ".join(words[1:] if number is not None else words)
        comment = None
        for box in labels.boxes:
            if (not box.button and id(box) not in used and box.x0 >= cluster[-1].x1
                    and box.top - 3 <= cluster[0].mid_y <= box.bottom + 3):
                used.add(id(box))
                comment = box.value if isinstance(box.value, str) and box.value.strip() else None
                break
        return DashLine(question or tooltip(cluster[0]) or cluster[0].field.name, answer_of(value), number, comment)


def text_tables(boxes: list[Box]) -> list[list[list[Box]]]:
    """Rows of three or more text boxes, stacked with the same columns: a table of people."""
    rows = [row for row in rows_of(boxes) if len(row) >= 3]
    tables: list[list[list[Box]]] = []
    for row in rows:
        last = tables[-1][-1] if tables else None
        if (last is not None and len(last) == len(row) and row[0].top - last[0].bottom < 20
                and all(abs(a.x0 - b.x0) < 3 for a, b in zip(last, row))):
            tables[-1].append(row)
        else:
            tables.append([row])
    return tables


def clusters(labels: PageLabels, row: list[Box]) -> list[list[Box]]:
    """Split a row of tick boxes where other words than choices (Yes, No...) sit between two boxes."""
    groups = [[row[0]]]
    for a, b in pairwise(row):
        between = [w for w in labels.words if a.x1 - 1 <= w.x0 and w.x1 <= b.x0 + 1
                   and a.top - 3 <= w.mid_y <= a.bottom + 3]
        text = " ".join(w.text for w in between)
        if text and answer_of(text) is None:
            groups.append([b])
        else:
            groups[-1].append(b)
    return groups


def inline_choices(labels: PageLabels, cluster: list[Box]) -> tuple[list[str], float] | None:
    """'[ ] Yes [ ] No' or 'Yes [ ] No [ ]': each box's word beside it, with where the label ends."""
    right = [labels.beside(b, right=True) for b in cluster]
    if all(answer_of(text) for text, _ in right):
        return [text for text, _ in right], cluster[0].x0
    left = [labels.beside(b, right=False) for b in cluster]
    if all(answer_of(text) for text, _ in left):
        return [text for text, _ in left], left[0][1]
    return None


def place_fields(pages: list[Any], reader: Any, fields: list[tuple[Any, RawValue]],
                 max_pages: int) -> tuple[list[Item], list[Problem]]:
    """Items for the fields, in page order; a field with no widget on a page keeps its own name."""
    boxes = widget_boxes(reader, fields, max_pages)
    placer = Placer()
    by_page: dict[int, list[Box]] = {}
    for box in boxes:
        by_page.setdefault(box.page, []).append(box)
    pages_read = {index: PageLabels(pages[index], found) for index, found in sorted(by_page.items())
                  if index < len(pages)}
    placer.heads = sorted((index, line.top, " ".join(line.text.split()))
                          for index, labels in pages_read.items() for line in labels.heads)
    for labels in pages_read.values():
        placer.place_page(labels)
    placed = {id(b.field) for b in boxes if b.page in pages_read}
    items = [item for _, item in sorted(placer.items, key=lambda pair: pair[0])]
    items += [Labelled(f.name, value) for f, value in fields if id(f) not in placed]
    return items, placer.problems
