"""Tick boxes typed in a symbol font, as a PDF carries them: one character's text and font name to ☒ / ☐
/ ✓, by the codes listed in parsers/data/symbol_boxes.toml (the data, not this code, says which code
of which font is a box).

A PDF shows the same Wingdings box in several ways, depending on what made it: the private-use code
Word stores (U+F0FE), the font's byte decoded as Latin-1 ("þ") when the font has no Unicode map, or
"(cid:254)"; LibreOffice prints a w:sym box in OpenSymbol with the original private-use code kept.
All of them are read by the font's code. A private-use code in a text font means the symbol font was
missing when the PDF was made: every such glyph is drawn as the same missing-glyph box, and
LibreOffice's Unicode map then gives all of them the code of the first one, so the file does not say
which was ticked: UNREADABLE, for the value readers to leave unknown and say so.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from ..ticks import UNREADABLE

TICKED, UNTICKED, TICK = "\u2612", "\u2610", "\u2713"
PRIVATE_USE = range(0xF000, 0xF100)
SYMBOL_FONT = re.compile(r"wingdings|webdings|symbol|dingbats", re.IGNORECASE)
_CID = re.compile(r"\(cid:(\d{1,3})\)")


@dataclass(frozen=True)
class _Family:
    pieces: tuple[str, ...]  # pieces of the font name that say the font
    glyphs: dict[int, str]  # code (less the private-use offset) -> ☒ / ☐ / ✓
    bullets: frozenset[int]


@dataclass(frozen=True)
class _Table:
    families: dict[str, _Family]
    stand_ins: dict[str, tuple[str, ...]]  # a font that prints another's codes -> the fonts it stands in for
    missing: tuple[str, ...]  # the fonts a private-use code in a text font may have been typed in


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    text = resources.files("parsers").joinpath("data", "symbol_boxes.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    families = {}
    for name, spec in data.get("fonts", {}).items():
        glyphs = {int(code, 16): glyph for key, glyph in (("checked", TICKED), ("unchecked", UNTICKED), ("tick", TICK))
                  for code in spec.get(key, [])}
        families[name] = _Family(tuple(p.lower() for p in spec.get("fonts", [])), glyphs,
                                 frozenset(int(code, 16) for code in spec.get("bullets", [])))
    stand_ins = {font.lower(): tuple(names) for font, names in data.get("stand_ins", {}).items()}
    return _Table(families, stand_ins, tuple(data.get("missing", {}).get("fonts", [])))


def _family(font: str) -> _Family | None:
    return next((f for f in _table().families.values() if any(p in font for p in f.pieces)), None)


@functools.lru_cache(maxsize=16)
def _merged(names: tuple[str, ...]) -> _Family:
    """The fonts a stand-in prints, as one table (their box codes do not clash)."""
    families = [_table().families[name] for name in names if name in _table().families]
    glyphs: dict[int, str] = {}
    for family in reversed(families):  # the first listed wins a shared code
        glyphs.update(family.glyphs)
    return _Family((), glyphs, frozenset().union(*(f.bullets for f in families)))


def read_symbol(text: str, font: str) -> str | None:
    """What a symbol-font character stands for: ☒ / ☐ / ✓ for a box, '' for a bullet or a picture left
    out, UNREADABLE for a box drawn without its font, None for a character that is no symbol."""
    lowered = font.lower()
    stand_in = next((names for piece, names in _table().stand_ins.items() if piece in lowered), None)
    family = _merged(stand_in) if stand_in else _family(lowered)
    cid = _CID.fullmatch(text)
    if cid is not None and (family is not None or SYMBOL_FONT.search(font)):
        text = chr(int(cid.group(1)))  # a symbol font without a Unicode map: the glyph's code itself
    if len(text) != 1:
        return None
    code = ord(text)
    in_pua = code in PRIVATE_USE
    low = code - 0xF000 if in_pua else code
    if family is None:
        if not in_pua or SYMBOL_FONT.search(font):
            return None  # ordinary text, or a picture font (Webdings) with no boxes
        # A private-use code in a text font: the symbol font was missing when the PDF was made.
        guess = _merged(_table().missing)
        if low in guess.bullets:
            return ""
        return UNREADABLE if low in guess.glyphs else ""
    if stand_in and not in_pua:
        return None  # the stand-in font's own characters are Unicode, read as they are
    if low in family.bullets and (in_pua or "symbol" in lowered):
        return ""
    glyph = family.glyphs.get(low)
    if glyph is None:
        # A picture that is no box says nothing to read; a plain byte in the font stays as it is.
        return "" if in_pua else None
    return glyph
