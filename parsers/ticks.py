"""Reading tick marks as referrers leave them: "☒ Yes ☐ No", "Yes ☐ No ☒", "[X] Yes [ ] No", a lone ☒.

Pure text functions, shared by the readers that see a form as text (Word now, text PDFs later).
Readers render a ticked box as ☒ and an empty one as ☐ before calling these, so a w14 check box,
a legacy FORMCHECKBOX and a typed glyph all read the same way.
"""
from __future__ import annotations

import re
from typing import Union

from .model import RawValue
from .normalise import symbol_glyphs, vocabulary

SYMBOL_CHECKED = symbol_glyphs("checked")
SYMBOL_UNCHECKED = symbol_glyphs("unchecked")
# Radio buttons as a web form saved to Word or PDF shows them: "◉ Yes ○ No" (⦿, 🔘 chosen; ◯ not).
RADIO_ON, RADIO_OFF = "◉⦿🔘", "○◯"
CHECKED_GLYPHS = "☒☑✓✔✗✘■☓⊠" + RADIO_ON + SYMBOL_CHECKED
UNCHECKED_GLYPHS = "☐□" + RADIO_OFF + SYMBOL_UNCHECKED
TICKED = "\u2612"  # what a reader writes for a ticked box
UNTICKED = "\u2610"
# A tick box whose state the file does not carry (⯑; a PDF drawn from a form whose boxes were
# controls): a reader that knows every box's state never writes it, and the table rules never read it
# as a value (parsers.tables).
UNREADABLE = "\u2bd1"

# Glyph marks, bracketed marks ("[X]", "[ ]", "(x)") and, separately, a typed standalone X.
_MARK = re.compile(rf"[{re.escape(CHECKED_GLYPHS + UNCHECKED_GLYPHS)}]|\[\s*[xX✓✔]?\s*\]|\(\s*[xX✓✔]?\s*\)")
_TYPED_X = re.compile(r"(?<![\w'’/-])[xX](?![\w'’/-])")
# Answer words a Yes / No / Don't know group offers; a typed X is only trusted beside these.
OPTION_WORDS = {"yes", "no", "y", "n", "don't know", "dont know", "do not know", "dk", "not known",
                "unknown", "n/k", "nk", "n/a", "na", "not applicable", "unsure"}
# What stands between a printed choice's options ("M / F", "Yes | No", "Y or N"), besides a wide space.
OPTION_SEPARATORS = ("/", "|", "or")
MAX_OPTION_CHARS = 40
MAX_LABEL_CHARS = 120

Token = Union[bool, str]  # a mark (True ticked / False empty) or the text between marks


def _mark_value(mark: str) -> bool:
    inner = mark.strip("[]() \t")
    return bool(inner) and inner not in UNCHECKED_GLYPHS


def tokens(text: str, typed_x: bool = False) -> list[Token]:
    """Marks and the non-blank text between them, in order."""
    pattern = re.compile(f"{_MARK.pattern}|{_TYPED_X.pattern}") if typed_x else _MARK
    text = _radios(text)
    found: list[Token] = []
    position = 0
    for match in pattern.finditer(text):
        _add_text(found, text[position:match.start()])
        found.append(_mark_value(match.group()))
        position = match.end()
    _add_text(found, text[position:])
    return found


def _add_text(found: list[Token], piece: str) -> None:
    cleaned = " ".join(piece.split()).strip(" /|,;:")
    if cleaned:
        found.append(cleaned)


def _radios(text: str) -> str:
    """ "● Yes ○ No": a black circle is the chosen radio button only beside an empty one; alone it is a bullet."""
    return text.replace("●", "◉") if "●" in text and any(g in text for g in RADIO_OFF) else text


def has_mark(text: str) -> bool:
    return _MARK.search(_radios(text)) is not None


def options_only(text: str) -> bool:
    """Marks and answer words alone ("◉ Yes  ○ No", "☐ Y ☒ N"): an answer, with no label of its own."""
    found = tokens(text) if has_mark(text) else []
    return bool(found) and all(isinstance(t, bool) or is_option(t) for t in found)


def is_option(text: str) -> bool:
    return _key(text) in OPTION_WORDS


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(" .:?")


def _alternates(found: list[Token], mark_first: bool) -> bool:
    """Marks and texts take turns, starting with a mark (mark_first) or a text."""
    for index, token in enumerate(found):
        is_mark = isinstance(token, bool)
        if is_mark != ((index % 2 == 0) == mark_first):
            return False
    return len(found) % 2 == 0


def _pairs(found: list[Token], mark_first: bool) -> list[tuple[str, bool]]:
    """(option text, ticked) for an alternating run of marks and texts."""
    step = list(zip(found[::2], found[1::2]))
    return [(str(b), bool(a)) if mark_first else (str(a), bool(b)) for a, b in step]


def _choice(options: list[tuple[str, bool]]) -> RawValue:
    """The one ticked option's text; None when nothing is ticked; every ticked text when several are."""
    ticked = [text for text, on in options if on]
    if not ticked:
        return None
    # Two ticks is a contradiction for a person to settle: kept as text, which normalising refuses.
    return ticked[0] if len(ticked) == 1 else " / ".join(ticked)


def _short(texts: list[str]) -> bool:
    return all(len(t) <= MAX_OPTION_CHARS for t in texts)


_NOT_TICKS = object()


def _read_group(found: list[Token]) -> RawValue | object:
    if len(found) == 1 and isinstance(found[0], bool):
        return found[0]
    texts = [t for t in found if isinstance(t, str)]
    if not texts or not _short(texts):
        return _NOT_TICKS
    for mark_first in (True, False):
        if _alternates(found, mark_first):
            return _choice(_pairs(found, mark_first))
    return _NOT_TICKS


def read_choice(text: str) -> RawValue | object:
    """A value box's ticks read as the ticked option ("☒ Yes ☐ No" -> "Yes"), a lone box as a bool.

    Returns NOT_TICKS when the text is not a group of ticks (ordinary text, or marks that cannot be
    paired with options), so the caller keeps the text as written.
    """
    if has_mark(text):
        return _read_group(tokens(text))
    found = _split_options(tokens(text, typed_x=True))
    # A typed X counts only beside printed answer words: "X Yes  No", "Yes X  No".
    if found is None or sum(isinstance(t, bool) for t in found) != 1:
        return _NOT_TICKS
    return _typed_x_choice(found)


_OPTION_RUN = re.compile("|".join(sorted((re.escape(w) for w in OPTION_WORDS), key=len, reverse=True)))


def _split_options(found: list[Token]) -> list[Token] | None:
    """Texts between marks split into answer words ("Yes No" -> "Yes", "No"); None if one is not."""
    split: list[Token] = []
    for token in found:
        if isinstance(token, bool):
            split.append(token)
            continue
        folded = token.lower().replace("’", "'")  # same length, so spans index the printed text
        spans = [m.span() for m in _OPTION_RUN.finditer(folded)]
        if "".join(folded[a:b] for a, b in spans) != re.sub(r"[\s/|,;:]+", "", folded):
            return None
        split.extend(token[a:b] for a, b in spans)
    return split


def _typed_x_choice(found: list[Token]) -> RawValue:
    at = next(i for i, t in enumerate(found) if isinstance(t, bool))
    # The X belongs to the option it follows, unless it opens the line ("X Yes  No").
    owner = found[at + 1] if at == 0 and len(found) > 1 else found[at - 1] if at else None
    return owner if isinstance(owner, str) else True


NOT_TICKS = _NOT_TICKS


def interpret(text: str | None) -> RawValue:
    """A printed value: None when blank, ticks read as their choice, otherwise the text as written."""
    if text is None or not text.strip(" /\t\n\r\u2002\u00a0"):
        return None  # blank, or the "  /   /  " of a date's day, month and year boxes left untouched
    choice = read_choice(text)
    return text.strip() if choice is NOT_TICKS else choice  # type: ignore[return-value]


def labelled_ticks(text: str) -> list[tuple[str, RawValue]] | None:
    """A line holding labels and ticks: "Safe to call? ☒ Yes ☐ No", "BME ☐  Disabled ☒", "☒ LGBT".

    Returns (label, value) pairs, or None when the line is not of that shape.
    """
    if not has_mark(text):
        return None
    found = tokens(text)
    if not found or len(str(found[0])) > MAX_LABEL_CHARS:
        return None
    first = found[0]
    if isinstance(first, str) and isinstance(found[-1], str) and len(found) > 2:
        # Label, then "☒ Yes ☐ No": only when the texts after it are choices, or the label asks for one
        # ("Gender: ☒ Female ☐ Male"). "B&ME ☐ Disabled ☐ LGBT ☐ Gender F" is labelled boxes, not choices.
        options = [t for t in found[1:] if isinstance(t, str)]
        if not (all(is_option(t) or _key(t) in _choice_words() for t in options) or first.rstrip().endswith((":", "?"))):
            return None
        value = _read_group(found[1:])
        return None if value is NOT_TICKS else [(first, value)]  # type: ignore[list-item]
    if isinstance(first, str) and isinstance(found[-1], bool):
        return _label_then_marks(found)
    if isinstance(first, bool) and _alternates(found, True):
        pairs = _pairs(found, True)
        # "☒ Yes ☐ No" alone has no label to give; "☒ LGBT ☐ Disabled" labels each box.
        return None if all(is_option(t) for t, _ in pairs) else [(t, on) for t, on in pairs]
    return None


def _choice_words() -> frozenset[str]:
    """Words a choice box offers besides yes / no: the genders of data/values.toml."""
    return frozenset(_key(w) for words in vocabulary().get("gender", {}).values() for w in words) | \
        frozenset(_key(w) for w in vocabulary().get("gender", {}))


def _label_then_marks(found: list[Token]) -> list[tuple[str, RawValue]] | None:
    if not _alternates(found, False):
        return None
    pairs = _pairs(found, False)
    rest = [t for t, _ in pairs[1:]]
    head = str(found[0])
    if rest and all(is_option(t) for t in rest):
        # "Safe to call? Yes ☒ No ☐": the first option word sits at the end of the label text.
        label, _, option = head.rpartition(" ")
        if label and is_option(option):
            return [(label, _choice([(option, pairs[0][1]), *pairs[1:]]))]
    return [(text, on) for text, on in pairs if len(text) <= MAX_LABEL_CHARS] or None
