"""Printed-text conventions for labels and values, shared by readers that see a form as text.

"Label: value" (several on a line, separated by tabs), "Label ....... value", "Label<TAB>value",
and lines of labels with tick boxes ("Safe to call? ☒ Yes ☐ No"). Pure functions, no I/O.
"""
from __future__ import annotations

import re
import unicodedata

from .model import RawValue
from .normalise import is_gender_word
from .ticks import has_mark, interpret, labelled_ticks

MAX_LABEL_CHARS = 80
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14

_COLON = re.compile(r"^(?P<label>[^:\n\t]{1,80}?)\s*:(?!//)[ \t]*(?P<value>.*)$", re.DOTALL)
_LEADER = re.compile(r"^(?P<label>[^\t\n]{1,80}?)\s*(?:\.{3,}|…+|_{4,})\s*(?P<value>.*)$", re.DOTALL)
_DATA = re.compile(r"\d|@")


# What forms raise after a label to say it must be filled in ("Gender:ᴹ", "Name*"): a sign, not text.
RAISED_MARKS = frozenset({"M", "*", "†"})


def clean_label(text: str) -> str:
    """A label as printed, less layout: whitespace collapsed, a trailing colon or asterisk dropped."""
    return " ".join(text.split()).rstrip(" :*").strip()


def looks_like_data(text: str) -> bool:
    """Digits, an email address or a tick: something filled in rather than printed as a label."""
    return bool(_DATA.search(text)) or has_mark(text)


def is_label_text(text: str) -> bool:
    label = clean_label(text)
    return (0 < len(label) <= MAX_LABEL_CHARS and any(ch.isalpha() for ch in label)
            and ". " not in label and "@" not in label)


def short_line(text: str) -> bool:
    """Short enough to be a heading rather than a sentence of instructions."""
    flat = " ".join(text.split())
    return 0 < len(flat) <= MAX_HEADING_CHARS and len(flat.split()) <= MAX_HEADING_WORDS


def _colon_pair(token: str) -> tuple[str, str] | None:
    match = _COLON.match(token.strip())
    if not match:
        return None
    label, value = match.group("label"), match.group("value")
    if not is_label_text(label):
        return None
    if label.strip()[-1:].isdigit() and value[:1].isdigit():
        return None  # a time such as 10:30, not a label
    glued = _GLUED_LABEL.match(value)
    if glued:  # "Role:/Relationship Domestic Abuse Officer": the label's other word printed after its colon
        return f"{clean_label(label)}/{glued.group(1)}", glued.group(2)
    return clean_label(label), value


_GLUED_LABEL = re.compile(r"^/\s?([A-Za-z]+)\s+(\S.*)$", re.DOTALL)
# "Name: Grace EVANS-PRICE   Male: ☐   Female: ☒": a row of boxes after the answer, set apart by spaces
_BOXES_AFTER = re.compile(r"^(?P<value>.*?\S)\s{2,}(?P<boxes>[^\W\d][^:\n]{0,20}?:?\s*[☐☒](?:\s+[^\W\d][^:\n]{0,20}?:?\s*[☐☒])+)"
                          r"\s*$", re.DOTALL)


def _boxes_after(label: str, value: str) -> list[tuple[str, str]]:
    """A pair whose answer is followed on the same line by the person's sex as printed options with a box after each
    ("Male: ☐   Female: ☒"): the answer, and the boxes as the gender they give. Other boxes stay with the answer."""
    found = _BOXES_AFTER.match(value)
    if found is None:
        return [(label, value)]
    options = labelled_ticks(found.group("boxes")) or []
    if len(options) < 2 or not all(is_gender_word(word) for word, _ in options):
        return [(label, value)]
    return [(label, found.group("value").strip()), ("Gender", found.group("boxes").strip())]


_SEPARATORS = re.compile(r"(\t+|\n)")
_SPACED_LABEL = re.compile(r"(?<=\S) {3,}(?=[A-Z][\w .()/-]{0,30}:[ \t]*[^\s☐☒:/])")


def colon_pairs(text: str) -> list[tuple[str, str]] | None:
    """ "Name: Zoë<TAB>DOB: 03/04/1988" -> [("Name", "Zoë"), ("DOB", "03/04/1988")].

    A piece after a tab or line break that is not itself "Label:" continues the value before it
    (a second address line); the text must start with a label.
    """
    # "Date of Concern: 31 October 2026     Time: 14:30": a second label typed after spaces starts a pair as a tab does
    pieces = _SEPARATORS.split(_SPACED_LABEL.sub("\t", text.strip()))
    pairs: list[list[str]] = []
    joiner = " "
    for piece in pieces:
        if _SEPARATORS.fullmatch(piece):
            joiner = "\n" if piece == "\n" else " "
            continue
        pair = _colon_pair(piece)
        if pair is not None:
            pairs.append([pair[0], pair[1]])
        elif not pairs:
            return None
        elif piece.strip():
            pairs[-1][1] = f"{pairs[-1][1]}{joiner}{piece}" if pairs[-1][1].strip() else piece
    return [split for label, value in pairs for split in _boxes_after(label, value.strip())] or None


def leader_pair(text: str) -> tuple[str, str] | None:
    """ "Name of victim ........ Zoë" or "Name of victim ________" (left blank)."""
    match = _LEADER.match(text.strip())
    if not match or not is_label_text(match.group("label")):
        return None
    return clean_label(match.group("label")), match.group("value").strip(" ._")


def tab_pair(text: str) -> tuple[str, str] | None:
    """ "Name of victim<TAB>Zoë": a label and a value set apart by a tab stop (often with leader dots)."""
    pieces = [p for p in text.strip().split("\t") if p.strip()]
    if len(pieces) != 2 or "\n" in pieces[0] or not is_label_text(pieces[0]) or looks_like_data(pieces[0]):
        return None
    return clean_label(pieces[0]), pieces[1].strip()


def label_pairs(text: str) -> list[tuple[str, RawValue]] | None:
    """Every (label, value) a line of text carries, values read (ticks, blanks); None if it has none."""
    if not text.strip():
        return None
    found = colon_pairs(text)
    if found is None:
        single = leader_pair(text) or tab_pair(text)
        found = [single] if single is not None else None
    if found is not None:
        return [(label, interpret(value)) for label, value in found]
    ticks = labelled_ticks(text)
    if ticks is None:
        return None
    return [(clean_label(label), value) for label, value in ticks]


_LIST_MARK = re.compile(r"^\s*\(?(\d{1,2})[.)]\s+\S")


def list_number(line: str) -> int | None:
    """The number a line of a numbered list starts with ("1) Owen …", "(2) …", "3. …"), or None."""
    found = _LIST_MARK.match(line)
    return int(found.group(1)) if found else None


def list_goes_on(before: str, line: str) -> bool:
    """ "Children:" answered "1) …" on the next line and "2) …", "3) …" on the lines after: a line numbered one more
    than the last numbered line of the answer so far (a wrapped item's last line is no new one) continues it,
    however long; "1) …" starts an answer that has nothing yet. A sentence of instructions is not numbered so."""
    last = next((n for n in map(list_number, reversed(before.split("\n"))) if n is not None), 0)
    return list_number(line) == last + 1 and (last > 0 or not before.strip())


def may_ask(text: str) -> bool:
    """A bold line that may be a question of a printed web form over its answer ("Address line 1", "Reason for
    homelessness") though the label table does not know it: short label words, not a sentence, not a numbered
    heading ("3 Main applicant details") nor one in capitals. (Never a section the table names: the caller asks.)"""
    flat = text.strip()
    return is_label_text(flat) and len(flat.split()) <= 10 and not flat.endswith((".", "!")) \
        and not re.match(r"^\W*\d", flat) and not flat.isupper()


def short_answer(text: str) -> bool:
    """An answer a form's field holds ("25 Hawthorn Drive", "Domestic abuse", "17/10/1974"), not a sentence: what
    may follow a bold question the label table does not know, on a printed web form."""
    if re.match(r"^\W*(please|tick|complete|select|choose|delete|note|if\b)", text, re.IGNORECASE):
        return False  # "Please fill in all three pages": the form's instruction under its heading
    return looks_like_data(text) or (short_line(text) and not text.rstrip().endswith((".", ":", "?", "!")))


_NUMBERED_HEAD = re.compile(r"^\s*(?P<head>\d{1,2}[a-z]?[.)]\s+[^:\n]{3,100}?)\s*:\s*(?P<rest>.*)$", re.DOTALL)


def numbered_heading(text: str, rest_is_printed: bool) -> tuple[str, str] | None:
    """ "3. Safeguarding Adults concern raised by: Was the referral anonymous: Yes / No", "4. Source of alleged harm
    information (…): If any of this is not known, state why.": a numbered section's heading ended by a colon, with
    a question of its own or the form's instruction after it on the same line. (heading, what follows) — only where
    what follows is another "Label: answer" or printed (`rest_is_printed`: set in the heading's type), or nothing;
    "1. Name: Grace" is a numbered label and its answer."""
    found = _NUMBERED_HEAD.match(text.strip())
    if found is None or not short_line(found.group("head")):
        return None
    rest = found.group("rest").strip()
    if rest and not rest_is_printed and colon_pairs(rest) is None:
        return None
    return found.group("head").strip(), rest


_ASKED = re.compile(r"^(?P<question>[^?\n]{8,160}\?)\s+(?P<answer>[^?\n]{1,40})$")


def asked_yes_no(text: str) -> tuple[str, str] | None:
    """ "Is the adult at risk aware of this concern being raised? Yes / No" after the referrer deleted or struck one
    word ("… raised? Yes") or typed the answer after both ("… raised? Yes / No   NO"): the question and its answer,
    only where the answer is made of yes / no words alone."""
    found = _ASKED.match(" ".join(text.split()))
    if found is None or not is_label_text(found.group("question")[:-1]):
        return None
    answer = found.group("answer").strip()
    words = [w for w in re.split(r"[\s/]+", answer.casefold()) if w]
    if not words or len(words) > 4 or not all(w in ("yes", "no", "y", "n") for w in words):
        return None
    return found.group("question"), answer


_SECTION_DOT = re.compile(r"\b(\d+[a-z]?)\.(?=[a-z]{2})")  # "1a.Child's details": a section number with no space


def plain(text: str) -> str:
    """A label's lower-case words: quotes, '&', possessives, abbreviation dots and punctuation dealt with."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    text = re.sub(r"'s\b", "", _SECTION_DOT.sub(r"\1 ", text)).replace("'", "").replace(".", "")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())
