"""A scanned page redrawn as the text PDF it was printed from, so the text-PDF reader (parsers.pdf.text)
reads it with the same rules as every other PDF: each word OCR found is written where it sits, in a
regular or bold font of the size its letters show; each ruled line is drawn as a line; each tick box as
a drawn square, with a cross inside when its ink says it is ticked (as Word prints a legacy check box).

Each word sits on its line's baseline at its line's letter size (as Tesseract measured them), and its
width is matched by stretching the text, so words, gaps and columns fall where the scan has them.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen import canvas

from .engine import OcrWord
from .shapes import Rule, TickBox

REGULAR, BOLD = "Helvetica", "Helvetica-Bold"
MIN_SIZE, MAX_SIZE = 4.0, 40.0  # points
SHADE_GREY = 0.85  # a tinted cell is drawn in one light grey: the reader asks only whether it is tinted


@dataclass(frozen=True)
class PlacedWord:
    """A word as it is redrawn, in PDF points from the page's top left."""
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool


def _writable(text: str) -> str:
    """The word in the standard fonts' character set (the reader compares text, not glyphs)."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u2014", "-").replace("\u2013", "-").replace("|", "I")
    return text.encode("cp1252", errors="replace").decode("cp1252").replace("?", "?")


def place(words: list[OcrWord], bold: list[bool], scale: float) -> list[PlacedWord]:
    """OCR words (pixels) -> words to draw (points), on their line's baseline at their line's size."""
    return [PlacedWord(_writable(word.text), word.x0 * scale, word.x1 * scale, word.baseline * scale,
                       min(max(word.size * scale, MIN_SIZE), MAX_SIZE), heavy) for word, heavy in zip(words, bold)]


def draw_page(pdf: canvas.Canvas, width: float, height: float, words: list[PlacedWord], rules: list[Rule],
              boxes: list[TickBox], scale: float, shaded: Sequence[Rule] = ()) -> None:
    """One page onto the canvas; coordinates in points from the top left, as pdfplumber gives them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pdf.setPageSize((width, height))
    pdf.setFillColorRGB(SHADE_GREY, SHADE_GREY, SHADE_GREY)
    for area in shaded:  # tinted cells first, under the lines and words, as a printed form has them
        pdf.rect(area.x0 * scale, height - area.bottom * scale, (area.x1 - area.x0) * scale,
                 (area.bottom - area.top) * scale, stroke=0, fill=1)
    pdf.setFillGray(0)
    pdf.setLineWidth(0.5)
    for rule in rules:
        middle_y = height - (rule.top + rule.bottom) / 2 * scale
        middle_x = (rule.x0 + rule.x1) / 2 * scale
        if rule.x1 - rule.x0 >= rule.bottom - rule.top:
            pdf.line(rule.x0 * scale, middle_y, rule.x1 * scale, middle_y)
        else:
            pdf.line(middle_x, height - rule.top * scale, middle_x, height - rule.bottom * scale)
    for box in boxes:
        x0, x1 = box.x0 * scale, box.x1 * scale
        y0, y1 = height - box.bottom * scale, height - box.top * scale
        pdf.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
        if box.ticked:
            pdf.line(x0 + 1, y0 + 1, x1 - 1, y1 - 1)
            pdf.line(x0 + 1, y1 - 1, x1 - 1, y0 + 1)
    for word in words:
        font = BOLD if word.bold else REGULAR
        natural = stringWidth(word.text, font, word.size)
        text = pdf.beginText()
        text.setFont(font, word.size)
        text.setHorizScale(100.0 * (word.x1 - word.x0) / natural if natural else 100.0)
        text.setTextOrigin(word.x0, height - word.baseline)
        # The space after the word tells the PDF reader where one word ends, as a typed PDF's spaces do:
        # OCR's gap between two words is sometimes narrower than the reader's own word gap.
        text.textOut(word.text + " ")
        pdf.drawText(text)
    pdf.showPage()


def new_document() -> tuple[canvas.Canvas, io.BytesIO]:
    out = io.BytesIO()
    return canvas.Canvas(out, pageCompression=0, invariant=1), out
