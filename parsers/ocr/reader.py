"""Scanned and photographed forms: image-only PDFs and image attachments read with OCR, then by the same
rules as a text PDF.

Each page is straightened (parsers.ocr.image), its tinted title bars lightened to paper (parsers.ocr.tint),
read by Tesseract with limits of its own (parsers.ocr.engine), its ruled lines and tick boxes found in
the pixels (parsers.ocr.shapes), and
redrawn as a text PDF (parsers.ocr.page) that parsers.pdf.text reads like any other. Pages are read two
at a time: Tesseract is a separate process, so a second page uses the second core.

Where OCR's reading of print goes wrong in known ways, the layout mends it: a line Tesseract ran into
the one above is read again as a block (parsers.ocr.relook), a typed tick it reads as "v" is told by its
shape (parsers.ocr.ticks), struck-out options (one letter too), an option run into its slash, stray
quote marks and specks read as letters are mended (parsers.ocr.struck), and
a tint's sides are laid on the ruled lines they stand for (parsers.ocr.shapes).

What OCR was unsure of is remembered so that the fields made from it can be named for checking once
labels are resolved (parsers.ocr.review): the words below CONFIDENT, and every word sharing a ruled cell
with one of them or with ink no word covers, or wrapped from a line above (parsers.ocr.leftovers). Ink OCR cannot read as type (a
page where much of the ink lies outside any word read with confidence) is handwriting: it is reported
as "handwritten: needs keying", and the words on that page read with little confidence are left out
rather than guessed.
"""
from __future__ import annotations

import functools
import io
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from ..model import RawForm
from ..problem import Problem
from ..vocabulary import labels_text
from .engine import BLOCK_MODE, OcrError, OcrWord, orientation, read_words
from .image import (
    ImageProblem,
    NotAPage,
    PageImage,
    at_ocr_resolution,
    deskew,
    open_pages,
    page_count,
    png,
    render_pdf,
    turn,
)
from .leftovers import (
    dusty,
    echoes,
    in_doubtful_cells,
    joined_letters,
    moved_back,
    postcode_digits,
    read_before,
    regions,
    stacked,
    wrapped_tails,
)
from .page import draw_page, marks_as_neighbours, new_document, place
from .relook import band_image, merged_bands, reread
from .shapes import (
    Rule,
    TickBox,
    bold_flags,
    ink,
    rules,
    shaded_areas,
    snapped_to_rules,
    stroke_weight,
    tick_boxes,
)
from .struck import slashes_apart, split_options, struck_through, unquoted, without_specks
from .ticks import as_ticks
from .tint import untinted

CONFIDENT = 90.0  # Tesseract's confidence (0-100) at or above which a word is taken as read
GUESSWORK = 45.0  # below it, on a handwritten page, a word is not used at all
TYPED = 60.0  # a word read with this confidence is type, if a poor scan of it: not handwriting
DEBRIS = 50.0  # below it, a word with no letter or digit, or on a ruled line, is a speck or a rule's edge
RULE_EDGES = "_|~`"  # a "word" of only these is the edge of a rule or a box
# Handwriting: at least HANDWRITTEN_REGIONS regions of text-sized ink that neither pass of OCR read with
# confidence, holding HANDWRITING_SHARE of the page's dark ink (below HANDWRITING_INK, darker than a shaded
# box), on a page with some ink at all. A photo's ink is one region too large to be text: not handwriting.
HANDWRITTEN_REGIONS = 3
HANDWRITING_SHARE = 0.5
HANDWRITING_INK = 110
HANDWRITING_MIN_INK = 0.002
UPSIDE_DOWN_WORDS = 15  # fewer words than this read with confidence: try turning the page
PARALLEL_PAGES = 2
FORM_SECONDS = 24.0  # all of a form's OCR, inside the sandbox's own limit for reading one file (30 s)
MAX_SCAN_PAGES = 8  # OCR costs seconds a page: a referral and checklist fit, a 40-page bundle does not
_TOKEN = re.compile(r"[^\w@.+-]+")

HANDWRITTEN = "handwritten: needs keying ({where} filled in by hand; OCR does not guess handwriting)"
OUT_OF_TIME = ("reading the scan took longer than the {s:g} seconds allowed, so it was stopped: key the form "
               "by hand or ask for it as a Word or PDF file")
TOO_MANY_PAGES = "read from a scan: only the first {n} pages were read; read the rest of the scan by eye"
DOUBTFUL_BOXES = "read from a scan: {n} tick box(es) on page {pages} are faintly marked; check them by eye"


@dataclass
class ScanForm(RawForm):
    """A RawForm read by OCR, with the words OCR was unsure of (for parsers.ocr.review)."""
    doubtful: set[str] = field(default_factory=set)
    pages: int = 0


@dataclass
class _Page:
    words: list[OcrWord]
    rules: list[Rule]
    boxes: list[TickBox]
    shaded: list[Rule]
    bold: list[bool]
    handwritten: bool
    unsure: list[OcrWord]  # unsure, or sharing a cell with an unsure word or with ink no word covers
    width: int
    height: int
    dpi: float


def tokens(text: str) -> set[str]:
    """A value's pieces as they are compared with OCR's doubtful words."""
    return {t.strip(".-+").casefold() for t in _TOKEN.split(text) if t.strip(".-+")}


def _overlaps(word: OcrWord, box: TickBox) -> bool:
    middle_x, middle_y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box.x0 - 2 <= middle_x <= box.x1 + 2 and box.top - 2 <= middle_y <= box.bottom + 2


def _uncovered_share(mask: np.ndarray, words: list[OcrWord], boxes: list[TickBox], found_rules: list[Rule]) -> tuple[float, float]:
    """(share of the ink outside words, rules and boxes; share of the page that is ink)."""
    left = mask.copy()
    pad = 3
    for rule in found_rules:
        left[max(0, int(rule.top) - pad):int(rule.bottom) + pad, max(0, int(rule.x0) - pad):int(rule.x1) + pad] = False
    for box in boxes:
        left[max(0, box.top - pad):box.bottom + pad, max(0, box.x0 - pad):box.x1 + pad] = False
    total = int(left.sum())
    for word in words:
        if word.conf >= TYPED:  # typed text OCR is unsure of (a poor scan) is still text, not writing
            left[word.top:word.bottom, word.x0:word.x1] = False
    return (int(left.sum()) / total if total else 0.0), total / mask.size


def _without_shapes(image: Image.Image, mask: np.ndarray, found_rules: list[Rule], boxes: list[TickBox]) -> Image.Image:
    """The page with its ruled lines and tick boxes painted out: Tesseract then finds the words in a
    table's cells instead of taking the grid for a picture or its lines for letters."""
    pixels = np.asarray(image).copy()
    pad = 2
    for rule in found_rules:
        top, bottom = max(0, int(rule.top) - pad), int(rule.bottom) + pad
        x0, x1 = max(0, int(rule.x0) - pad), int(rule.x1) + pad
        pixels[top:bottom, x0:x1][mask[top:bottom, x0:x1]] = 255
    for box in boxes:
        pixels[max(0, box.top - pad):box.bottom + pad, max(0, box.x0 - pad):box.x1 + pad] = 255
    return Image.fromarray(pixels)


def _is_debris(word: OcrWord, found_rules: list[Rule]) -> bool:
    """Specks and the edges of ruled lines that OCR took for letters: unsure, and no letter or digit
    in them, or lying on a rule."""
    if not word.text.strip(RULE_EDGES):
        return True  # "_", "|": a rule's or a box's edge, never anything a referrer wrote
    if word.conf >= DEBRIS:
        return False
    if not any(c.isalnum() for c in word.text):
        return True
    middle = (word.top + word.bottom) / 2
    return any(r.top - 2 <= middle <= r.bottom + 2 and r.x1 - r.x0 > r.bottom - r.top and r.x0 <= word.x0
               and word.x1 <= r.x1 for r in found_rules)


@functools.lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    """The words of the label table (casefolded): what a form prints, for joining letters OCR split."""
    return frozenset(t.casefold() for t in re.findall(r"[A-Za-z]{2,}", labels_text()))


def _left(deadline: float) -> float:
    """Seconds left of the form's OCR budget; none left stops the read with a plain sentence."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise OcrError(OUT_OF_TIME.format(s=FORM_SECONDS))
    return left


def _first_pass(page: PageImage, deadline: float) -> tuple[np.ndarray, list[Rule], list[TickBox], Image.Image,
                                                            list[OcrWord]]:
    # Tints lightened first (parsers.ocr.tint): a title bar read as solid ink hides its words from
    # Tesseract and joins the table's lines beside it into one band too thick to be a rule.
    flat = untinted(page.image, page.dpi)
    mask = ink(np.asarray(flat))
    boxes = tick_boxes(mask, page.dpi)
    # A box's own sides are short upright runs too: as rules they would be drawn inside it, as a tick.
    found_rules = [r for r in rules(mask, page.dpi) if not any(
        b.x0 - 3 <= r.x0 and r.x1 <= b.x1 + 3 and b.top - 3 <= r.top and r.bottom <= b.bottom + 3 for b in boxes)]
    clean = _without_shapes(flat, mask, found_rules, boxes)
    return mask, found_rules, boxes, clean, read_words(png(clean), _left(deadline))


def _second_look(clean: Image.Image, words: list[OcrWord], dpi: float, deadline: float) -> tuple[list[OcrWord], int]:
    """Words in the ink the first pass left unread (parsers.ocr.leftovers), and how many of those
    regions of ink still hold no word OCR could make anything of."""
    cleaned = ink(np.asarray(clean))
    unread = cleaned.copy()
    pad = 3
    for word in words:
        unread[max(0, word.top - pad):word.bottom + pad, max(0, word.x0 - pad):word.x1 + pad] = False
    found = regions(unread, dpi)
    if not found:
        return [], 0
    sheet, placed = stacked(clean, found, dpi)
    more = read_words(png(sheet), _left(deadline), mode=BLOCK_MODE)
    # A tick mark alone in a cell is passed over by the first pass's layout analysis and read here, as
    # unsurely as ever ("v" at 30): told by its shape before unsure specks are let go.
    more = as_ticks(moved_back(more, placed, dpi, max((w.line for w in words), default=0) + 1), cleaned, CONFIDENT)
    # The same ink read twice (a cut-out takes in words beside its region) is not a word of its own.
    sure = [w for w in words if w.conf >= CONFIDENT]
    more = [w for w in more if any(c.isalnum() for c in w.text) and w.conf >= DEBRIS and not echoes(w, words)
            and not read_before(w, sure)]
    still = sum(1 for r in found if not any(w.conf >= TYPED and r.x0 <= (w.x0 + w.x1) / 2 <= r.x1
                                            and r.top <= (w.top + w.bottom) / 2 <= r.bottom for w in more))
    return more, still


def _read_page(page: PageImage, deadline: float) -> _Page:
    page = at_ocr_resolution(deskew(page))
    mask, found_rules, boxes, clean, words = _first_pass(page, deadline)
    if sum(w.conf >= CONFIDENT for w in words) < UPSIDE_DOWN_WORDS:
        degrees = orientation(png(page.image), _left(deadline))
        if degrees:
            page = turn(page, degrees)
            mask, found_rules, boxes, clean, words = _first_pass(page, deadline)
    for band in merged_bands(words, CONFIDENT, page.dpi):  # two lines read as one: read again
        found = read_words(png(band_image(clean, band)), _left(deadline), mode=BLOCK_MODE)
        words = reread(words, band, found, max((w.line for w in words), default=0) + 1)
    words = [piece for w in words if not any(_overlaps(w, b) for b in boxes) and not _is_debris(w, found_rules)
             for piece in split_options(w)]
    words = slashes_apart(words, mask)
    more, unread = _second_look(clean, words, page.dpi, deadline)
    known = {w.text.casefold() for w in words if w.conf >= CONFIDENT and len(w.text) > 1}
    words = joined_letters([unquoted(w, CONFIDENT) for w in without_specks(words + more, CONFIDENT, page.dpi)],
                           _label_words() | known)
    words = postcode_digits(words, CONFIDENT)
    unread_ink = ink(np.asarray(clean))
    words = as_ticks(words, unread_ink, CONFIDENT)
    share, inked = _uncovered_share(np.asarray(page.image) < HANDWRITING_INK, words, boxes, found_rules)
    handwritten = unread >= HANDWRITTEN_REGIONS and inked >= HANDWRITING_MIN_INK and share >= HANDWRITING_SHARE
    if handwritten:
        words = [w for w in words if w.conf >= GUESSWORK]
    weights = [stroke_weight(mask, (w.x0, w.top, w.x1, w.bottom), w.size) for w in words]
    # Lines through words are looked for with the ruled lines painted out: at 150 dpi a word's box
    # reaches the table's line under it, which would read as a line struck through the word.
    words, strikes = struck_through(words, unread_ink, CONFIDENT, {w.text.casefold() for w in words if w.conf >= CONFIDENT
                                                  and len(w.text) > 1 and w.text.isalpha()}, set(_label_words()))
    unsure = in_doubtful_cells(unread_ink, words, [w for w in words if w.conf < CONFIDENT or dusty(w)],
                               found_rules, page.dpi) + wrapped_tails(words, found_rules)
    shaded = snapped_to_rules(shaded_areas(np.asarray(page.image), page.dpi), found_rules, page.dpi)
    return _Page(words, found_rules + strikes, boxes, shaded,
                 marks_as_neighbours(words, bold_flags(weights)), handwritten, unsure, page.image.width, page.image.height, page.dpi)


def _as_text_pdf(pages: list[_Page]) -> bytes:
    pdf, out = new_document()
    for page in pages:
        scale = 72.0 / page.dpi
        draw_page(pdf, page.width * scale, page.height * scale, place(page.words, page.bold, scale), page.rules,
                  page.boxes, scale, page.shaded)
    pdf.save()
    return out.getvalue()


def _pages_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def read_pages(images: list[PageImage]) -> ScanForm:
    """Page images -> what the form says, with the words OCR was unsure of and a problem per kind of doubt."""
    import pdfplumber

    from ..pdf.text import read_text_layout

    raw = ScanForm("pdf-image", pages=len(images))
    try:
        with ThreadPoolExecutor(PARALLEL_PAGES) as pool:
            deadline = time.monotonic() + FORM_SECONDS
            pages = list(pool.map(lambda image: _read_page(image, deadline), images))
    except OcrError as exc:
        raw.problems.append(Problem(str(exc)))
        return raw
    for page in pages:
        raw.doubtful |= {t for w in page.unsure for t in tokens(w.text)}
    by_hand = [n for n, page in enumerate(pages, 1) if page.handwritten]
    if by_hand:
        where = f"page {by_hand[0]} is" if len(by_hand) == 1 else f"pages {_pages_list(by_hand)} are"
        raw.problems.append(Problem(HANDWRITTEN.format(where=where)))
    faint = [(n, sum(b.doubtful for b in page.boxes)) for n, page in enumerate(pages, 1)]
    faint = [(n, c) for n, c in faint if c]
    if faint:
        raw.problems.append(Problem(DOUBTFUL_BOXES.format(n=sum(c for _, c in faint), pages=_pages_list([n for n, _ in faint]))))
    with pdfplumber.open(io.BytesIO(_as_text_pdf(pages))) as pdf:
        read_text_layout(pdf.pages, raw)
    return raw


def read_scanned_pdf(data: bytes) -> ScanForm:
    """An image-only PDF: its first MAX_SCAN_PAGES pages."""
    try:
        count = page_count(data)
        raw = read_pages(render_pdf(data, MAX_SCAN_PAGES))
    except ImageProblem as exc:
        return ScanForm("pdf-image", problems=[Problem(str(exc))])
    if count > MAX_SCAN_PAGES:
        raw.problems.append(Problem(TOO_MANY_PAGES.format(n=MAX_SCAN_PAGES), severity="warning"))
    return raw


def read_image(data: bytes) -> ScanForm:
    """One image attachment (JPEG, PNG, HEIC; a TIFF with all its pages). Too small to be a page (a logo,
    an icon): not a form, and nothing to say about it."""
    try:
        images = open_pages(data, MAX_SCAN_PAGES)
    except NotAPage:
        return ScanForm("pdf-image")
    except ImageProblem as exc:
        return ScanForm("pdf-image", problems=[Problem(str(exc))])
    return read_pages(images)
