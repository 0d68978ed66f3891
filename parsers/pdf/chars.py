"""A PDF page's characters loaded once, quickly, and read once for their marks (parsers.pdf.marks):
pdfplumber's own per-character machinery resolves every attribute of every character, most of a
page's cost after pdfminer's; `load_objects` builds the same dicts without it, and `page_marks`
keeps the page's marks on the page so every reader of it shares one reading.
"""
from __future__ import annotations

import functools
from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTContainer
from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils import resolve_all, resolve_and_decode

from .marks import Marks, read_page

_PLAIN = frozenset({float, int, str, bool, type(None)})


@functools.lru_cache(maxsize=64)
def _kept_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Which of an LTChar's attributes pdfplumber keeps, in their order (the same for every char)."""
    return tuple(key for key in keys if key in ALL_ATTRS)


@functools.lru_cache(maxsize=256)
def _colour_space(name: Any) -> Any:
    return resolve_and_decode(name)


class _CharObjects:
    """pdfplumber's Page.process_object for characters: the same dict, built without its generic
    machinery (which resolves every attribute of every character: most of a page's cost after
    pdfminer's own). Page constants are looked up once per page, not once per character."""

    def __init__(self, page: Any) -> None:
        self.page_number = page.page_number
        self.height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop = page.initial_doctop
        self.norm = page.pdf.unicode_norm

    def make(self, obj: LTChar) -> dict[str, Any]:
        found = obj.__dict__
        attr: dict[str, Any] = {}
        for key in _kept_keys(tuple(found)):
            value = found[key]
            kind = type(value)
            if kind not in _PLAIN and not (kind is tuple and _PLAIN.issuperset(map(type, value))):
                value = resolve_all(value)
            attr[key] = value
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for cs in ("ncs", "scs"):
            if cs in found or hasattr(obj, cs):
                name = getattr(obj, cs).name
                try:
                    attr[cs] = _colour_space(name)
                except TypeError:  # not hashable: decode it each time
                    attr[cs] = resolve_and_decode(name)
        text = obj.get_text()
        attr["text"] = normalize_unicode(self.norm, text) if self.norm is not None else text
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr.get("fontname"), bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        if "y0" in attr:
            attr["top"] = (self.height - attr["y1"]) + self.mb_top
            attr["bottom"] = (self.height - attr["y0"]) + self.mb_top
            attr["doctop"] = self.doctop + attr["top"]
        if "x0" in attr and self.mb_x0 != 0:
            attr["x0"] = attr["x0"] + self.mb_x0
            attr["x1"] = attr["x1"] + self.mb_x0
        return attr


def load_objects(page: Any) -> None:
    """Fill pdfplumber's per-page object cache (chars, rects, lines, images...) as Page.parse_objects
    does, characters by the quicker `_CharObjects`; everything after (page.chars, extract_words,
    page.edges, find_tables) reads that cache. Pages set up otherwise (cropped, or with layout
    analysis on) are left for pdfplumber to fill itself. tests/test_parse_fuzz.py checks that the
    objects equal pdfplumber's own for every corpus page."""
    if hasattr(page, "_objects") or type(page) is not PlumberPage or page.pdf.laparams is not None:
        return
    chars = _CharObjects(page)
    objects: dict[str, list[dict[str, Any]]] = {}
    stack = [iter(page.layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTContainer):  # a figure: its children, in order (laparams is None)
            stack.append(iter(obj._objs))
            continue
        attr = chars.make(obj) if type(obj) is LTChar else page.process_object(obj)
        kind = attr["object_type"]
        if kind != "anno":
            objects.setdefault(kind, []).append(attr)
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
