"""What one table cell holds, read as text: a value (ticks, a deleted option, an aside left out), a
printed instruction that is never a value, "None" / "N/A" rows, and labels with their values inside
one cell ("Surname: X", "Gender F", "Date of birth 22/09/1978", "B&ME ☐ Disabled ☒ Gender F").
Pure text functions for the table reader (parsers.tables.rows).

A cell holding a tick box whose state the file does not carry (parsers.ticks.UNREADABLE: a PDF
drawn from a form of controls) has no value: unknown, never a guess.
"""
from __future__ import annotations

import re

from ..model import Labelled, RawValue, RowTable
from ..normalise import is_gender_word
from ..printed import clean_label, is_label_text, label_pairs, looks_like_data
from ..problem import Problem
from ..ticks import (
    NOT_TICKS,
    UNREADABLE,
    has_mark,
    interpret,
    is_option,
    labelled_ticks,
    read_choice,
)
from .questions import question_end

_DANGLING = re.compile(r"^\s*(?:[/|]\s*)?(?P<option>[^/|\n]{1,20}?)(?:\s*[/|])?\s*$")
_ASIDE = re.compile(r"^\s*\(\s*please\b[^()]*\)", re.IGNORECASE)  # printed before where the answer goes
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
    if rest and all(_BOX_FIRST.match(line) for line in text.split("\n") if line.strip()):
        return text, None  # "☐ Right to life\n☒ Vital interests": one list of choices, a box in front of each line
    if rest and has_mark(first) and read_choice(first) is not NOT_TICKS:
        return first, printed_pairs(rest)
    word, _, rest = text.strip().partition(" ")
    if rest.strip() and is_option(word) and ":" in rest:
        return word, printed_pairs(rest.strip())
    return text, None


# --- several people in one cell: "1) Jo SMITH – 03.04.2019 (son) 2) ..." or one person a line ----

_NUMBERED = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s+")
DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[./\- ](?:\d{1,2}|[A-Za-z]{3,9})[./\- ]\d{2,4}\b")
_PEOPLE_LABEL = re.compile(r"\bnames\b.*\b(birth|dob|d\.o\.b|ages?)\b|\bnames?\b.*\b(children|child|dependants|household)\b|"
                           r"\b(children|dependants)\b.*\bnames?\b", re.IGNORECASE)
_WORKER = re.compile(r"\b(social workers?|workers?|contact names?|professionals?|practitioners?)\b", re.IGNORECASE)
_BIRTH_WORDS = re.compile(r"[\s–—,:;(-]*\b(d\.?o\.?b\.?|date of birth|born|b\.)[\s:.)]*$", re.IGNORECASE)
_CHILD_WORDS = re.compile(r"\b(child|children|dependants?|young people)\b", re.IGNORECASE)
_AGE = re.compile(r"\b(?:aged?\s+\d{1,2}|\d{1,2}\s*(?:yrs?|years?)(?:\s+old)?)\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(names|children|dependants|people)\b|\(ren\)|\(s\)", re.IGNORECASE)
PEOPLE_HEADERS = ["Name", "Date of birth"]


def people_label(label: str) -> bool:
    """A label asking for several people's names in one box ("Names and dates of birth of children"), not for
    the professional who works with them ("Name and contact details of child(ren)'s social worker")."""
    return bool(_PEOPLE_LABEL.search(label)) and not _WORKER.search(label)


_TAIL_PIECE = re.compile(r"\(([^()]{1,40})\)|([^(),;–—-]+)")


def _said_after(tail: str) -> tuple[str | None, str | None]:
    """What follows a person's date of birth: (what is said in brackets, the gender given), e.g. "(son)",
    ", Male", " (F)"; a word of the gender vocabulary is the gender wherever it stands."""
    aside = gender = None
    for match in _TAIL_PIECE.finditer(tail):
        piece = (match.group(1) or match.group(2) or "").strip()
        if not piece:
            continue
        if is_gender_word(piece):
            gender = gender or piece
        elif match.group(1) and aside is None:
            aside = piece
    return aside, gender


def _named_age(item: str) -> re.Match[str] | None:
    """ "Owen O'BRIEN, age 6": one age after a name in capitals (never "Two girls, aged 3 and 5")."""
    age = _AGE.search(item)
    named = age is not None and all(w[:1].isupper() for w in item[:age.start()].replace(",", " ").split())
    return age if named and age is not None and not any(ch.isdigit() for ch in item[age.end():]) else None


def people_in_text(text: str) -> list[list[RawValue]] | None:
    """Each person of a box listing several, as [name, date of birth, what is said in brackets, gender];
    None unless every item reads as a name with a date of birth (anything less is not a person to report)."""
    flat = text.strip()
    items = [i for i in _NUMBERED.split(flat) if i.strip()] if _NUMBERED.match(flat) else flat.split("\n")
    people: list[list[RawValue]] = []
    for item in (i.strip() for i in items if i.strip()):
        date = DATE.search(item) or _named_age(item)  # "Owen O'BRIEN, age 5": an age where no date is given
        name = _BIRTH_WORDS.sub("", item[:date.start()]).strip(" \t–—-,:;") if date else ""
        if date is None or not name or any(ch.isdigit() for ch in name) or len(name.split()) > 6 \
                or DATE.search(item, date.end()):  # two dates on a line: two people run together, or a guess
            return None
        aside, gender = _said_after(item[date.end():])
        people.append([name, date.group() if date.re is DATE else None, aside, gender])
    return people or None


def people_in_one_box(item: Labelled, problems: list[Problem]) -> RowTable | bool:
    """ "Names and dates of birth of children | 1) Jo SMITH – 3.4.2019 (son) 2) ...": the people a box
    lists, as a table; True when the box names nobody or cannot be read one by one (a problem says so,
    into `problems`: never one made-up person of the whole text); False when it is no such box."""
    if not isinstance(item.value, str) or not people_label(item.label) or (
            "\n" not in item.value.strip() and not _PLURAL.search(item.label)):
        return False  # "Name of Child being referred | Jordan HUSSAIN": one person's name, asked for singly
    if no_entry(item.value):
        return True  # "None", "N/A": nobody to list
    people = people_in_text(item.value)
    if people is None:
        child = _CHILD_WORDS.search(item.label)
        problems.append(Problem(
            f"the box '{' '.join(item.label.split())[:80]}' lists people in a way that could not be read one "
            "by one (a name and date of birth each); it was not used", "referral.children" if child else None,
            "warning"))
        return True
    related = "relationship" in item.label.lower()
    gendered = any(person[3] for person in people)
    headers = PEOPLE_HEADERS + (["Relationship to victim"] if related else []) + (["Gender"] if gendered else [])
    rows = [person[:2] + (person[2:3] if related else []) + (person[3:] if gendered else []) for person in people]
    return RowTable(headers, rows, item.section, item.title or item.label)


# --- a label on a cell's first lines with its answer below, told by the words alone (no bold to go by) ------

_SHORT_ANSWER_WORDS = 14


def text_parts(text: str) -> list[tuple[str, str]] | None:
    """ "Names and Dates of Birth" over one person a line, or a question ("Is the person referred aware of the
    referral?", a bracketed aside after it) over a short answer: the label and its answer in one cell, where
    the reader cannot see which words are bold (a PDF). None for any other cell."""
    if "\n" not in text.strip():
        return None
    first, _, rest = text.strip().partition("\n")
    if people_label(first) and len(first.split()) <= 10 and not looks_like_data(first) \
            and people_in_text(rest) is not None:
        return [(first, rest.strip())]
    end = question_end(text)
    if end is None or not text[end:].strip():
        return None
    label, answer = " ".join(text[:end].split()), text[end:].strip()
    if "?" in answer or len(answer.split()) > _SHORT_ANSWER_WORDS or not is_label_text(label) or looks_like_data(label):
        return None
    return [(label, answer)]
