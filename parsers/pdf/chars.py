"""A PDF page's characters loaded once, quickly, and read once for their marks (parsers.pdf.marks).
pdfplumber reads a page through pdfminer, which makes an LTChar of every character, and then turns each
LTChar into a dict by its generic machinery (which resolves every attribute of every character): after
pdfminer's reading of the page's content, that was most of a page's cost. `load_objects` has pdfminer
hand each character straight to a dict, the same dict; `page_marks` keeps the page's marks on the page
so every reader of it shares one reading. `reading_pages` is how pages are held while they are read,
and let go of after.
"""
from __future__ import annotations

import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter
from pdfplumber.page import ALL_ATTRS, PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from .marks import Marks, read_page

_PLAIN = frozenset({float, int, str, bool, type(None)})
# pdfplumber's object_type of each shape pdfminer draws (its class name less "LT", in lower case).
_KINDS: dict[type, str] = {LTLine: "line", LTRect: "rect", LTCurve: "curve"}


@functools.lru_cache(maxsize=256)
def _colour_space(name: Any) -> Any:
    return resolve_and_decode(name)


def _resolved(value: Any) -> Any:
    """A value from the file as pdfplumber keeps it: references and containers resolved."""
    return value if type(value) in _PLAIN else resolve_all(value)


def _fontname(font: PDFFont) -> Any:
    name = _resolved(font.fontname)
    return fix_fontname_bytes(name) if isinstance(name, bytes) else name


def _space_name(ncs: Any) -> Any:
    try:
        return _colour_space(ncs.name)
    except TypeError:  # not hashable: decode it each time
        return resolve_and_decode(ncs.name)


class _CharDevice(PDFPageAggregatorWithMarkedContent):
    """The device pdfplumber's Page.layout reads a page with, whose characters come out as the dicts
    pdfplumber's Page.process_object would make of them, in their place among the page's other
    objects. The arithmetic is pdfminer's own (PDFLayoutAnalyzer.render_char, LTChar.__init__), in
    its order, so every number is the same; tests/unit/test_parse_fuzz.py checks the objects equal
    pdfplumber's for every corpus page."""

    def __init__(self, page: Any) -> None:
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=None)
        # Page constants, looked up once a page rather than once a character.
        self.page_number = page.page_number
        self.height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop = page.initial_doctop
        self.norm = page.pdf.unicode_norm
        # Each font's name (as pdfplumber gives it), writing direction and descent; each glyph's text (as
        # pdfplumber gives it), width and displacement; each colour space's name: worked out once.
        self.faces: dict[PDFFont, tuple[Any, bool, float]] = {}
        self.glyphs: dict[tuple[PDFFont, int], tuple[str, float, Any]] = {}
        self.spaces: dict[Any, Any] = {}

    def _glyph(self, font: PDFFont, cid: int) -> tuple[str, float, Any]:
        # PDFLayoutAnalyzer.render_char, and the text as Page.process_object normalises it
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))  # pdfminer's own check, kept as it is
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        text = normalize_unicode(self.norm, text) if self.norm is not None else text
        return text, font.char_width(cid), font.char_disp(cid)

    def render_char(self, matrix: Any, font: PDFFont, fontsize: float, scaling: float, rise: float, cid: int,
                    ncs: Any, graphicstate: PDFGraphicState) -> float:
        # A page prints the same few fonts' same few glyphs again and again: what pdfminer's font says
        # of each is asked once (its answers depend on nothing else).
        face = self.faces.get(font)
        if face is None:
            face = self.faces[font] = (_fontname(font), font.is_vertical(), font.get_descent())
        fontname, vertical, font_descent = face
        glyph = self.glyphs.get((font, cid))
        if glyph is None:
            glyph = self.glyphs[(font, cid)] = self._glyph(font, cid)
        text, textwidth, textdisp = glyph
        # LTChar.__init__
        adv = textwidth * fontsize * scaling
        if vertical:
            assert isinstance(textdisp, tuple)  # as pdfminer's
            (vx, vy) = textdisp
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font_descent * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        (a, b, c, d, e, f) = matrix
        upright = a * d * scaling > 0 and b * c <= 0
        # apply_matrix_rect(matrix, bbox) written out (a fifth of a character's cost in calls): its four
        # corners by the same products and sums, its min and max in the same order
        (bx0, by0, bx1, by1) = bbox
        left1, bottom1 = a * bx0 + c * by0 + e, b * bx0 + d * by0 + f
        right1, bottom2 = a * bx1 + c * by0 + e, b * bx1 + d * by0 + f
        right2, top1 = a * bx1 + c * by1 + e, b * bx1 + d * by1 + f
        left2, top2 = a * bx0 + c * by1 + e, b * bx0 + d * by1 + f
        x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
        x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
        if x1 < x0:
            (x0, x1) = (x1, x0)
        if y1 < y0:
            (y0, y1) = (y1, y0)
        width, height = x1 - x0, y1 - y0
        # Page.process_object, and the mcid and tag PDFPageAggregatorWithMarkedContent gives each object
        space = self.spaces.get(ncs)
        if space is None:
            space = self.spaces[ncs] = _space_name(ncs)
        scolor, ncolor = graphicstate.scolor, graphicstate.ncolor
        mcid, tag = self.cur_mcid, self.cur_tag
        top = (self.height - y1) + self.mb_top
        shift = self.mb_x0
        # The keys in pdfplumber's order: the LTChar's attributes, then what process_object adds. The
        # numbers come out of pdfminer's arithmetic, so need no resolving (the matrix's are its too).
        self.cur_item.add({  # type: ignore[arg-type]  # a dict among the layout's objects, in page order
            "matrix": matrix, "fontname": fontname, "adv": adv, "upright": upright,
            "x0": x0 + shift if shift != 0 else x0, "y0": y0, "x1": x1 + shift if shift != 0 else x1, "y1": y1,
            "width": width, "height": height, "size": width if vertical else height,
            "mcid": mcid if mcid is None else _resolved(mcid), "tag": tag if tag is None else _resolved(tag),
            "object_type": "char", "page_number": self.page_number, "ncs": space,
            "text": text,
            "stroking_color": scolor if isinstance(scolor, tuple) else (scolor,),
            "non_stroking_color": ncolor if isinstance(ncolor, tuple) else (ncolor,),
            "top": top, "bottom": (self.height - y0) + self.mb_top, "doctop": self.doctop + top})
        return adv

    def shape(self, obj: LTCurve) -> dict[str, Any]:
        """Page.process_object for a line, rectangle or curve, the same dict without its generic machinery:
        values resolved only where they are not plain already, the points moved to pdfplumber's coordinates
        as Page.point2coord does."""
        attr: dict[str, Any] = {}
        for key, value in obj.__dict__.items():
            if key not in ALL_ATTRS:
                continue
            kind = type(value)
            # (the points are pdfminer's arithmetic, and moved below anyway)
            if kind not in _PLAIN and key != "pts" and not (kind is tuple and _PLAIN.issuperset(map(type, value))):
                value = resolve_all(value)
            attr[key] = value
        attr["object_type"] = _KINDS[type(obj)]
        attr["page_number"] = self.page_number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                attr[cs] = resolve_and_decode(getattr(obj, cs).name)
        left, up = self.mb_x0, self.mb_top + self.height  # Page.point2coord: (mb_x0 + x, mb_top + height - y)
        attr["pts"] = [(left + pt[0], up - pt[1]) for pt in attr["pts"]]
        attr["path"] = [(cmd, *((left + pt[0], up - pt[1]) for pt in pts)) for cmd, *pts in obj.original_path]
        attr["dash"] = obj.dashing_style
        if "y0" in attr:
            attr["top"] = (self.height - attr["y1"]) + self.mb_top
            attr["bottom"] = (self.height - attr["y0"]) + self.mb_top
            attr["doctop"] = self.doctop + attr["top"]
        if "x0" in attr and self.mb_x0 != 0:
            attr["x0"] = attr["x0"] + self.mb_x0
            attr["x1"] = attr["x1"] + self.mb_x0
        return attr

    def tag_cur_item(self) -> None:
        """pdfplumber's: the marked content's id and tag on the object just added, which may be a
        character's dict here (a path pdfminer drew nothing for tags the object before it)."""
        objs = self.cur_item._objs
        if objs and type(objs[-1]) is dict:
            objs[-1]["mcid"], objs[-1]["tag"] = _resolved(self.cur_mcid), _resolved(self.cur_tag)
        else:
            super().tag_cur_item()


def load_objects(page: Any) -> None:
    """Fill pdfplumber's per-page object cache (chars, rects, lines, images...) as Page.parse_objects
    does, characters by `_CharDevice`; everything after (page.chars, extract_words, page.edges,
    find_tables) reads that cache. Pages set up otherwise (cropped, or with layout analysis on) are left
    for pdfplumber to fill itself. tests/unit/test_parse_fuzz.py checks that the objects equal pdfplumber's
    own for every corpus page."""
    if hasattr(page, "_objects") or type(page) is not PlumberPage or page.pdf.laparams is not None:
        return
    device = _CharDevice(page)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:  # as pdfplumber's Page.layout reports pdfminer's failures
        raise PdfminerException(exc) from exc
    objects: dict[str, list[dict[str, Any]]] = {}
    chars: list[dict[str, Any]] = []
    # A page is thousands of characters: each is a type test and an append, nothing more.
    stack = [iter(device.get_result()._objs)]
    while stack:
        for obj in stack[-1]:
            if type(obj) is dict:
                if not chars:  # the kinds keep the order pdfplumber's dict has: first seen, first
                    objects["char"] = chars
                chars.append(obj)
            elif isinstance(obj, LTContainer):  # a figure: its children, in order (laparams is None)
                stack.append(iter(obj._objs))
                break
            else:
                attr = device.shape(obj) if type(obj) in _KINDS else page.process_object(obj)
                kind = attr["object_type"]
                if kind != "anno":
                    objects.setdefault(kind, []).append(attr)
        else:
            stack.pop()
    page._objects = objects


def page_marks(page: Any) -> Marks:
    """The page's characters as they read (boxes drawn or typed in a symbol font as ☒ / ☐, struck-out
    options and placeholder prompts left out) and its ruling lines: parsers.pdf.marks, once a page."""
    cached = getattr(page, "_marac_marks", None)
    if cached is None:
        load_objects(page)
        cached = read_page(page)
        page._marac_marks = cached
    return cached


@contextmanager
def reading_pages() -> Iterator[None]:
    """Pause Python's cyclic collector while pages are read. A page read is some 10^4 objects
    (pdfminer's characters, their dicts, the words) that all live until the reading ends: the collector
    would walk them again and again meanwhile and find nothing (a tenth of a four-page form's parse).
    The state it was in comes back after, whatever happened."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def release_pages(pages: list[Any]) -> None:
    """Drop what was kept on each page (pdfplumber's layout and objects, the words and marks cached
    here as `_marac_*`): a pdfplumber page points at itself (`root_page`), so all of it would otherwise
    wait for the cyclic collector to be freed, and the collector would walk it first."""
    for page in pages:
        page.close()
        for name in [name for name in vars(page) if name.startswith("_marac_")]:
            delattr(page, name)
