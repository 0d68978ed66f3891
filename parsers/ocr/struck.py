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
from .shapes import STRUCK_COVER, Rule, struck_row

QUOTES = "'‘’`\""
SPECK_SIDE = 0.03  # inches: a "word" no wider or taller than this is a speck (11-point letters are 0.08 high)
SPECK_MARKS = ".,'‘’`\"_~"  # marks a speck of dust reads as (not "/", "-", "&" or ":", which forms print alone)
NOT_OPTIONS = {"n/a", "n/k"}  # "not applicable", "not known": one word, never options
# The words of options a form prints run together ("Yes/No/Don't know", "Male/Female"): only a run with
# one of them in it is cut into options.
OPTION_WORDS = {"yes", "no", "y", "n", "don't", "dont", "know", "unknown", "male", "female", "m", "f", "other"}
STRUCK_Y = "¥"  # a "Y" with a line through it; a referral form prints no yen
LETTER_COVER = 0.95  # share of a one-letter option's width a line through it covers
SLASH_READS = "Il|1!"  # what OCR reads a slash run into an option as
SLANT = 0.12  # a slash's top third lies this share of its height right of its foot's
SLASH_SHARE = 0.4  # of the word's width, at the slash's end: the slash alone, not the option's stem
MIN_SLASH_INK = 15  # pixels
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


def _slanted(part: np.ndarray) -> bool:
    """Ink leaning right as it rises, as a slash's does (an "I" or "l" stands upright)."""
    rows, cols = np.nonzero(part)
    if rows.size < MIN_SLASH_INK:
        return False
    height = rows.max() - rows.min() + 1
    upper, lower = cols[rows < rows.min() + height / 3], cols[rows > rows.max() - height / 3]
    return bool(upper.size and lower.size and upper.mean() - lower.mean() >= SLANT * height)


def slashes_apart(words: list[OcrWord], mask: np.ndarray) -> list[OcrWord]:
    """An option left standing beside its slash once the other was deleted ("/ N", "Y /"), which OCR
    runs into one word and reads the slash as a letter ("IN"): the slash is told by its slant and the
    word cut into the slash and the option, as the form has them."""
    out = []
    for word in words:
        text = word.text
        pieces = None
        if len(text) == 2 and text[0] in SLASH_READS and text[1].casefold() in OPTION_WORDS:
            pieces, at = ("/", text[1]), 0
        elif len(text) == 2 and text[1] in SLASH_READS and text[0].casefold() in OPTION_WORDS:
            pieces, at = (text[0], "/"), 1
        if pieces is None:
            out.append(word)
            continue
        middle = (word.x0 + word.x1) // 2
        reach = int(SLASH_SHARE * (word.x1 - word.x0))
        x0, x1 = (word.x0, word.x0 + reach) if at == 0 else (word.x1 - reach, word.x1)
        if not _slanted(mask[word.top:word.bottom, x0:x1]):
            out.append(word)
            continue
        out += [replace(word, text=pieces[0], x1=middle - 1), replace(word, text=pieces[1], x0=middle + 1)]
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


def without_specks(words: list[OcrWord], sure: float, dpi: float) -> list[OcrWord]:
    """The words less the specks OCR read as a mark standing on its own ("Daughter ." with the "." a
    speck of dust a space after the word): a mark a form prints is set against its word and read with
    it ("referral?"), so a lone one OCR was unsure of is dust, and left in it ends the value wrongly.
    So is a "letter" smaller than any print ("Z", "3" or "©" two pixels wide in a checklist's answer
    cell), which would make the cell's answer unreadable."""
    tiny = SPECK_SIDE * dpi
    return [w for w in words if not (w.conf < sure and w.text and (
        all(c in SPECK_MARKS for c in w.text) or (w.x1 - w.x0 < tiny and w.bottom - w.top < tiny)))]


def _letters(word: OcrWord) -> tuple[int, int, OcrWord]:
    """Where the word's letters lie, less the marks OCR ran into it ("/No/" of "Yes / No / Don't know"),
    taking each character as an equal share of the word's width; (0, 0) for a word of under two letters,
    but for an option's one letter ("Y / N"), whose box is the letter's own."""
    text = word.text
    if len(text) == 1 and text.casefold() in OPTION_WORDS:
        return word.x0, word.x1, word
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
        # One letter is struck only by a line across all of it: an unstruck "F" has a bar most of the way
        # across (and only option letters are looked at: an "H" is barred right across).
        cover = LETTER_COVER if len(word.text) == 1 else STRUCK_COVER
        row = struck_row(mask, (x0, word.top, x1, word.bottom), cover) if x1 > x0 else None
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
