"""Words OCR mended where print is marked: options run together or struck through, and stray quote marks.

A form's "Yes / No / Don't know" comes back from OCR run together ("Yes/No/Don't") and, where the
referrer struck out the options that do not apply, misread: a line through a "Y" makes it a "¥", through
an "o" an "e" ("Ne" for "No"), and "Don't" becomes "Dent". The struck option still says which answer
was left standing, but only if its word is the option's: so a struck word that is not a word the form
prints elsewhere, and is a letter or two from one that is, is read as that word, and the line through it
is kept (parsers.ocr.page draws it) for the text-PDF rules to read the choice.
"""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .engine import OcrWord
from .shapes import Rule, struck_row

QUOTES = "'‘’`\""
NOT_OPTIONS = {"n/a", "n/k"}  # "not applicable", "not known": one word, never options
# The words of options a form prints run together ("Yes/No/Don't know", "Male/Female"): only a run with
# one of them in it is cut into options.
OPTION_WORDS = {"yes", "no", "y", "n", "don't", "dont", "know", "unknown", "male", "female", "m", "f", "other"}
STRUCK_Y = "¥"  # a "Y" with a line through it; a referral form prints no yen
NEAR = 2  # letters apart, at most, for a struck word to be read as a word the form prints (1 for short words)


def split_options(word: OcrWord) -> list[OcrWord]:
    """"Yes/No/Don't" as OCR often runs options together, cut into words at the slashes (each character
    taking an equal share of the width), as the typed form had them: "Yes", "/", "No"... Dates and other
    words with digits stay whole."""
    if STRUCK_Y in word.text:
        word = replace(word, text=word.text.replace(STRUCK_Y, "Y"))
    pieces = [p for p in re.split(r"(/)", word.text) if p]
    if word.text.strip(".,;:").casefold() in NOT_OPTIONS:
        return [word]  # "N/A" is one word, the form's "none": cut, it reads as letters
    if len(pieces) < 2 or any(p != "/" and not p.replace("'", "").isalpha() for p in pieces):
        return [word]
    if not any(p.casefold() in OPTION_WORDS for p in pieces):
        return [word]  # "Victim/Survivor", "Telephone/": one heading or label, read as the form prints it
    share = (word.x1 - word.x0) / len(word.text)
    out, start = [], 0
    for piece in pieces:
        x0 = int(word.x0 + start * share)
        out.append(replace(word, text=piece, x0=x0, x1=max(x0 + 1, int(word.x0 + (start + len(piece)) * share))))
        start += len(piece)
    return out


def unquoted(word: OcrWord, sure: float) -> OcrWord:
    """A word OCR was unsure of less a quote mark at one end with none at the other ("‘Yes", "Cartwright'"):
    a speck beside the word read as a mark. Left as it was, it turns a checklist's "Yes" column into no
    answer at all, or opens a name with a mark."""
    text = word.text
    if word.conf >= sure or len(text) < 2:
        return word
    if text[0] in QUOTES and not any(c in QUOTES for c in text[1:]):
        text = text[1:]
    elif text[-1] in QUOTES and not any(c in QUOTES for c in text[:-1]) and not text[-2:-1] in "sS":
        text = text[:-1]  # "victims'" keeps its apostrophe
    return replace(word, text=text) if text != word.text and any(c.isalnum() for c in text) else word


def _letters(word: OcrWord) -> tuple[int, int, OcrWord]:
    """Where the word's letters lie, less the marks OCR ran into it ("/No/" of "Yes / No / Don't know"),
    taking each character as an equal share of the word's width; (0, 0) for a word of under two letters."""
    text = word.text
    start = next((i for i, c in enumerate(text) if c.isalnum()), len(text))
    end = len(text) - next((i for i, c in enumerate(reversed(text)) if c.isalnum()), len(text))
    if end - start < 2:
        return 0, 0, word
    share = (word.x1 - word.x0) / len(text)
    return int(word.x0 + start * share), int(word.x0 + end * share), word


def _apart(a: str, b: str) -> int:
    """Letters apart (Levenshtein distance)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _as_known(text: str, known: set[str]) -> str:
    """The word the form prints that a struck word was read from; the word itself if none is near enough,
    or two are equally near."""
    if text.casefold() in known or not text.isascii():
        return text
    limit = 1 if len(text) <= 3 else NEAR
    near = sorted((_apart(text.casefold(), k), k) for k in known if abs(len(k) - len(text)) <= limit)
    if not near or near[0][0] > limit or (len(near) > 1 and near[1][0] == near[0][0]):
        return text
    word = near[0][1]
    return word[:1].upper() + word[1:] if text[:1].isupper() else word


def _mended(text: str, known: tuple[set[str], ...]) -> str:
    for words in known:
        if (mended := _as_known(text, words)) != text:
            return mended
    return text


def struck_through(words: list[OcrWord], mask: np.ndarray, sure: float,
                   *known: set[str]) -> tuple[list[OcrWord], list[Rule]]:
    """The words, struck ones mended to a word the form prints (`known`: sets of casefolded words, the
    first that has one near enough wins: the page's own before the label table's), and a line through
    each struck word."""
    out, strikes = [], []
    for i, word in enumerate(words):
        x0, x1, _ = _letters(word)
        row = struck_row(mask, (x0, word.top, x1, word.bottom)) if x1 > x0 else None
        if row is not None:
            strikes.append(Rule(x0, row, x1, row + 1))
        # An option beside a slash ("Yes / Ne / Don't know") OCR was unsure of is mended too: the line
        # through it may have been too faint to find, and an option is a word the form prints.
        beside = [w for w in words[max(0, i - 1):i] + words[i + 1:i + 2] if w.line == word.line]
        if row is not None or (word.conf < sure and any(w.text == "/" for w in beside)):
            mended = "".join(_mended(piece, known) if piece.isalpha() else piece
                             for piece in re.split(r"([^A-Za-z']+)", word.text))
            word = replace(word, text=mended)
        out.append(word)
    return out, strikes
