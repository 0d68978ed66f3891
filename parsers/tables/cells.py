"""What one table cell holds, read as text: a value (ticks, a deleted option, an aside left out), a
printed instruction that is never a value, "None" / "N/A" rows, and labels with their values inside
one cell ("Surname: X", "Gender F", "Date of birth 22/09/1978", "B&ME ☐ Disabled ☒ Gender F").
Pure text functions for the table reader (parsers.tables.rows).

A cell holding a tick box whose state the file does not carry (parsers.ticks.UNREADABLE: a PDF
drawn from a form of controls) has no value: unknown, never a guess.
"""
from __future__ import annotations

import re

from ..model import RawValue
from ..printed import clean_label, is_label_text, label_pairs, looks_like_data
from ..ticks import (
    NOT_TICKS,
    UNREADABLE,
    has_mark,
    interpret,
    is_option,
    labelled_ticks,
    read_choice,
)

_DANGLING = re.compile(r"^\s*(?:[/|]\s*)?(?P<option>[^/|\n]{1,20}?)(?:\s*[/|])?\s*$")
_ASIDE = re.compile(r"^\s*\(\s*(?:please|continue|use a separate|attach)\b[^()]*\)", re.IGNORECASE)  # printed before the answer
_PROMPTED = re.compile(r"^\s*(?:yes|y)\s*(?:or|/)\s*(?:no|n)\s*[?:]\s*(?P<answer>\S.*)?$", re.IGNORECASE | re.DOTALL)


def value_of(text: str) -> RawValue:
    """A value cell read: ticks as their choice, a printed "(Please ...)" aside left out, and an option
    left alone where the referrer deleted the other ("Y /", "/ No"; a struck one is already gone)."""
    if UNREADABLE in text:
        return None  # a box whose state the file does not carry: unknown, never a guess
    text = _ASIDE.sub("", text) if "(" in text else text
    if (prompted := _PROMPTED.match(text)) and is_option(prompted.group("answer") or "yes"):
        return (prompted.group("answer") or "").strip() or None  # "Yes or No? Yes": the prompt overtyped
    match = _DANGLING.match(text)
    if match and match.group("option") != text.strip() and is_option(match.group("option")):
        return match.group("option").strip()
    return interpret(text)


_INSTRUCTION = re.compile(r"^\((?:[^()\d]|\([^()]*\))*\)$")
_WORDS = re.compile(r"[a-z]+")
_INSTRUCTION_WORDS = {"please", "duplicate", "delete", "tick", "add", "insert", "complete", "copy", "continue"}


def instruction(text: str) -> bool:
    """A printed instruction in brackets ("(please duplicate this box for each victim)"): never a value."""
    flat = " ".join(text.split())
    if not _INSTRUCTION.match(flat):
        return False
    words = set(_WORDS.findall(flat.lower()))
    return bool(words & _INSTRUCTION_WORDS) or len(words) >= 5


# A printed direction to the referrer ("Please TICK ONE of the below 3 options ..."): never an answer, though
# it may fill the box under a label. "Please see attached" is the referrer's own and stays a value.
_DIRECTION = re.compile(r"^\W*please\s+(tick|complete|state|give|include|provide|list|describe|select|choose|"
                        r"circle|delete|indicate|ensure|specify|outline|mark|underline|highlight)\b", re.IGNORECASE)


def direction(text: str) -> bool:
    return bool(_DIRECTION.match(text))


# "Name of Parents / Carers: Include all adults involved in the care of the child": the form's own hint after the
# label, telling what to write in the box beside it; no answer.
_HINT = re.compile(r"^\W*(?:please\s+)?(?:include|list|give|provide|state|describe|specify|enter|insert|outline|"
                   r"detail|record)\b(?:\s+\S+){3,}$", re.IGNORECASE)


def without_hint(text: str) -> str:
    """A label cell's text less a hint after its colon."""
    label, colon, after = text.partition(":")
    return label if colon and _HINT.match(" ".join(after.split())) else text


# What a referrer leaves in a person row that does not apply: the row is no person.
_NO_ENTRY = {"n/a", "na", "none", "nil", "-", "–", "—", "not applicable", "none known", "no children", "x"}


def no_entry(value: RawValue) -> bool:
    return value is None or (isinstance(value, str) and " ".join(value.lower().split()).strip(" .") in _NO_ENTRY)


_LEADING_DATA = re.compile(r"^(?P<label>[A-Za-z][A-Za-z '’()/-]{1,60}?)[ \t]+(?P<value>\d.*)$", re.DOTALL)
_SHORT_LAST = re.compile(r"^(?P<label>[A-Za-z][A-Za-z '’()/-]{1,60}?)[ \t]+(?P<value>[A-Z]{1,2}|[A-Za-z’']{2,9})$")


def inline_pair(text: str) -> tuple[str, RawValue] | None:
    """A label and its value in one cell without a colon: "Gender F", "Date of birth 22/09/1978"."""
    flat = " ".join(text.split())
    match = _LEADING_DATA.match(flat)
    if match:
        return clean_label(match.group("label")), match.group("value")
    match = _SHORT_LAST.match(flat)
    if match and (len(match.group("value")) <= 2 or is_option(match.group("value"))):
        return clean_label(match.group("label")), value_of(match.group("value"))
    return None


_QUESTION_ANSWER = re.compile(r"^(?P<label>[^?\n]{3,200}\?)[ \t]*(?P<value>[^?\n]{1,300})$")


_ASKING = re.compile(r"^\W*(please|if|include|including|state|give|list|tick|describe|provide|specify|e\.?g)\b",
                     re.IGNORECASE)


def question_answer(text: str) -> tuple[str, RawValue] | None:
    """ "Client's consent obtained? No" (the other option struck), "WHO IS THE VICTIM AFRAID OF? Her ex":
    a question with its answer after it, an answer word or any answer to a question printed in capitals."""
    match = _QUESTION_ANSWER.match(" ".join(text.split()))
    if match is None:
        return None
    label, value = match.group("label"), match.group("value")
    capitals = label.isupper() and not value[:12].isupper() and not _ASKING.match(value)
    if is_option(value) or is_option(str(value_of(value))) or (capitals and any(ch.isalpha() for ch in label)):
        return clean_label(label), value_of(value)
    return None


# "31st October 2026   DASH RIC Score: 16": a second label set apart by a run of spaces inside a value.
_SPACED_LABEL = re.compile(r"^(?P<value>\S.*?)[ \t\u00a0]{3,}(?P<label>[A-Za-z][A-Za-z '’()/&-]{1,60}?)\s*:"
                           r"(?!//)[ \t]*(?P<rest>.*)$", re.DOTALL)


def _spaced_pairs(label: str, value: RawValue) -> list[tuple[str, RawValue]]:
    """A pair, or two where its value holds a second "Label: value" after a wide gap."""
    match = _SPACED_LABEL.match(value) if isinstance(value, str) and ":" in value else None
    if match is None:
        return [(label, value)]
    return [(label, _tidy(match.group("value").strip())),
            *_spaced_pairs(clean_label(match.group("label")), _tidy(match.group("rest").strip() or None))]


_BOX = "[☒☐⯑]"
# "Consent of survivor for referral  Yes ☐  No ☒", "Home Telephone: 0117 …  safe to call Yes ☒ No ☐": a question
# (the words before the boxes, back to any data) answered by the Yes / No boxes after it, in the same cell.
_ASKED_TICKS = re.compile(rf"^(?P<head>.*?)(?P<question>[A-Za-z][A-Za-z '’/?(),&-]{{1,160}}?)[\s:]*"
                          rf"(?P<answer>(?:yes|y)\s*{_BOX}\s*(?:no|n)\s*{_BOX})\s*$", re.IGNORECASE | re.DOTALL)


def asked_with_ticks(text: str) -> list[tuple[str, RawValue]] | None:
    """A cell ending in a question answered by its own Yes / No boxes: the question with the ticked answer,
    after any "Label: value" before it; None when the cell is not of that shape."""
    if len(_MARKS.findall(text.replace(UNREADABLE, "☐"))) != 2:
        return None
    match = _ASKED_TICKS.match(" ".join(text.split(" ")).strip())
    if match is None:
        return None
    head, question = match.group("head"), match.group("question").strip()
    if head.strip() and not head.rstrip().endswith((":", ".", "?")) and not looks_like_data(head):
        question, head = f"{head.strip()} {question}", ""  # "English Speaker": the whole text is the question
    before = printed_pairs(head) if head.strip() else []
    if before is None or not is_label_text(question):
        return None
    return [*before, (clean_label(question), value_of(match.group("answer")))]


def stacked_parts(parts: list[tuple[str, str]] | None, inline: list[tuple[str, RawValue]] | None
                  ) -> list[tuple[str, RawValue]] | None:
    """ "Perpetrator's name: X" over a bold "What does he/she do? Where does he/she work? Y" in one box: the bold
    labels say where each answer stops, where the colons do not (a label ending in "?"); None otherwise."""
    if not parts or len(parts) <= len(inline or []) or parts[0][0].strip().startswith("("):
        return None
    return [(clean_label(label), value_of(value) if value else None) for label, value in parts]


def printed_pairs(text: str) -> list[tuple[str, RawValue]] | None:
    """ "Label: value" pairs (parsers.printed) with values read as a cell's are, or a question and answer."""
    asked = asked_with_ticks(text) if ("☒" in text or "☐" in text or UNREADABLE in text) else None
    if asked:
        return asked
    pairs = label_pairs(text)
    if pairs and len(pairs) == 1 and isinstance(pairs[0][1], str) and without_hint(text) != text:
        return [(pairs[0][0], None)]  # the label, its hint no answer: the answer is in the box beside it
    if pairs:
        return [pair for label, value in pairs for pair in _spaced_pairs(label, _tidy(value))]
    answered = question_answer(text)
    return [answered] if answered else None


def cell_pairs(text: str) -> list[tuple[str, RawValue]]:
    """Every label and value one cell holds: "Surname: X", "Gender F", "B&ME ☐ Disabled ☒ Gender F"."""
    if not text:
        return []
    pairs = printed_pairs(text)
    if pairs:
        return pairs
    single = inline_pair(text)
    if single:
        return [single]
    return boxes_then_pair(text)


def _tidy(value: RawValue) -> RawValue:
    return value_of(value) if isinstance(value, str) else value


def boxes_then_pair(text: str) -> list[tuple[str, RawValue]]:
    """ "B&ME ☐  Disabled ☐  LGBT ☐   Gender F": labelled boxes, then a label and value after the last box."""
    unknown = UNREADABLE in text
    text = text.replace(UNREADABLE, "\u2610")  # read for its shape; those boxes stay unknown
    marks = list(_MARKS.finditer(text))
    if not marks:
        return []
    # "Gender F /": the other option deleted leaves its slash behind
    head, tail = text[:marks[-1].end()], text[marks[-1].end():].strip(" /\t\n")
    boxes = labelled_ticks(head)
    if not boxes or len(boxes) < 2:
        return []
    if unknown:
        boxes = [(label, None) for label, _ in boxes]
    rest = inline_pair(tail) if tail else None
    if tail and rest is None:
        return []
    return [*boxes, *([rest] if rest else [])]


_MARKS = re.compile("[☒☐]")
_BOX_FIRST = re.compile("^\\s*[☒☐\u2bd1]")


_WHY = re.compile(r"\b(rationale|reasons?|why|details?|comments?|explain|explanation)\b", re.IGNORECASE)


def explains(label: str) -> bool:
    """A label for why or what else ("Rationale", "Details"), not for an answer of its own."""
    return bool(_WHY.search(label))


def answer_and_details(text: str) -> tuple[str, list[tuple[str, RawValue]] | None]:
    """ "Yes ☒ No ☐ / Language: Polish", "Yes  Rationale: wishes to give a statement": an answer (ticks,
    or an answer word) then "Label: value" details; (text, None) when the cell is not of that shape."""
    first, _, rest = text.partition("\n")
    lines = [line for line in text.split("\n") if line.strip()]
    if rest and all(_BOX_FIRST.match(line) or ":" not in line and _boxes_after_words(line) for line in lines):
        return text, None  # "☐ Right to life\n☒ Vital interests", "Male ☐ Female ☒\nUnknown ☐": one list of choices
    if rest and has_mark(first) and read_choice(first) is not NOT_TICKS:
        return first, printed_pairs(rest)
    word, _, rest = text.strip().partition(" ")
    if rest.strip() and is_option(word) and ":" in rest:
        return word, printed_pairs(rest.strip())
    return text, None


def _boxes_after_words(line: str) -> bool:
    ticks = labelled_ticks(line) if has_mark(line) else None
    return bool(ticks) and all(isinstance(value, bool) for _, value in ticks)
