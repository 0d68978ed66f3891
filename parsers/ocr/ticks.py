"""Tick marks typed into a form's cells (✓, ✔), told from letters by their shape.

Tesseract has no tick in its alphabet: a ✓ in a checklist's YES column or beside "safe to call?" comes
back as "v", "Vv" or "J" read with little confidence, and the value is lost (or, worse, read as a
letter). A tick's shape is its own: a short left arm meeting a long right arm that rises to the top
of the mark, the lowest point left of the middle; a "v" or "V" has both arms reaching the top and its
point in the middle. A word of one or two characters OCR was unsure of, whose ink has that shape, is
redrawn as "X", which the text-PDF rules read as a mark in that cell, as they read a typed cross.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .engine import OcrWord
from .shapes import struck_row

TICK = "X"  # what a tick is redrawn as: the mark the text-PDF rules read as ticked
MAX_LETTERS = 2
SHORT_ARM = 0.3  # the left arm's top lies at least this share of the mark's height below its top
LONG_ARM = 0.2  # the right arm's top lies within this share of the mark's top
LOW_POINT = 0.5  # the mark's lowest ink lies left of this share of its width
# ...and right of this share: a tick's left arm runs down to its point, while a stroke whose lowest ink is
# its left end is a slash or a piece of a letter ("/" with a bar on it, what OCR kept of a struck "N")
LEFT_ARM = 0.12
ASPECT = (0.6, 1.8)  # width over height of a tick's ink
STRUCK = 0.95  # share of the mark's width a line across it covers: a struck letter, not a tick


def _is_tick(part: np.ndarray) -> bool:
    rows, cols = np.nonzero(part)
    if rows.size < 20:
        return False
    top, bottom, left, right = rows.min(), rows.max(), cols.min(), cols.max()
    height, width = bottom - top + 1, right - left + 1
    if not ASPECT[0] <= width / height <= ASPECT[1]:
        return False
    ink = part[top:bottom + 1, left:right + 1]
    quarter = max(1, width // 4)

    def arm_top(columns: np.ndarray) -> float:
        inked = np.nonzero(columns.any(axis=1))[0]
        return float(inked.min()) / height if inked.size else 1.0

    low_rows = ink[int(0.85 * height):]
    low_cols = np.nonzero(low_rows.any(axis=0))[0]
    lowest = float(low_cols.mean()) / width if low_cols.size else 0.5
    return (arm_top(ink[:, :quarter]) >= SHORT_ARM and arm_top(ink[:, -quarter:]) <= LONG_ARM
            and LEFT_ARM < lowest < LOW_POINT)


def as_ticks(words: list[OcrWord], mask: np.ndarray, sure: float) -> list[OcrWord]:
    """The words that are tick marks redrawn as TICK (read with `sure` confidence: the shape, not OCR,
    says what they are); every other word as it was. A letter with a line right through it (the "N" of
    "Y / N" struck out) has a tick's low point and tall right arm, but a tick has no line across it."""
    out = []
    for word in words:
        short = len(word.text) <= MAX_LETTERS and word.conf < sure
        box = (word.x0, word.top, word.x1, word.bottom)
        if short and _is_tick(mask[word.top:word.bottom, word.x0:word.x1]) and struck_row(mask, box, STRUCK) is None:
            word = replace(word, text=TICK, conf=sure)
        out.append(word)
    return out
