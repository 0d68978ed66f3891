"""A person's name that does not look like one: several people in one box, a name with a date of birth or a
list marker in it, a placeholder ("None", "Name") or a word for an expected baby ("Unborn").

A name is what an agency researches: a wrong one sends it after the wrong person, so anything that is not
plainly one person's name is left out and the coordinator told what was there."""
from __future__ import annotations

import re
from typing import Any

from .. import normalise, ticks
from ..labels.recognisers import RECOGNISERS
from .vocab import Found, fold, list_marker_re, phrase_re, run_on_labels, setting, words

_LABEL_LEFT = re.compile(r"^(?:full\s+)?(?:name|surname|forenames?|first\s+names?)\s*:\s*(?=\S)", re.IGNORECASE)
_BOXES = frozenset(ticks.CHECKED_GLYPHS + ticks.UNCHECKED_GLYPHS)
_TWO_PEOPLE = re.compile(r"\s(?:&|and|\+)\s", re.IGNORECASE)
_LONGEST = 120  # characters: more is no name, and the patterns below are never run over a long text
_WHOSE = {"victim": "victim", "additional_victims": "victim", "perpetrators": "perpetrator", "children": "child"}
# "Grace ABBOTT – DOB 03/04/1991", "ABBOTT, Grace (3.4.91)": one person's name and date of birth in one box.
_NAME_THEN_DATE = re.compile(
    r"^(?P<name>[^\d\n]+?)[\s,;:–—(-]*(?:(?:dob|d\.o\.b\.?|date of birth|born)\s*:?\s*)?"
    r"(?P<date>\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?\s+\d{2,4})\)?\.?$",
    re.IGNORECASE)


def has_list(value: str) -> bool:
    """Two or more numbered or bulleted entries: "1) … \\n2) …", or "1) … 2) …" on one line."""
    lines = [line for line in value.splitlines() if line.strip()]
    marked = sum(1 for line in lines if list_marker_re().match(line))
    return marked >= 2 or len(re.findall(r"(?:^|\s)\(?\d{1,2}\)\s", value)) >= 2


def _why_not_a_name(name: str) -> str | None:
    """Why a one-line name cannot be used, or None if it can."""
    if len(name) > _LONGEST:
        return "is too long for a name"
    if list_marker_re().match(name) and not re.match(r"^\s*[\-–]", name):
        return "starts with a list marker, as a list of people does"
    if any(ch in _BOXES for ch in name):
        return "holds tick boxes, which a name does not"
    if RECOGNISERS["date"].search(name) or any(ch.isdigit() for ch in name):
        return "holds digits or a date, which a name does not"
    if phrase_re("names", "other_field_words").search(name):
        return "holds another field's words (such as 'DOB' or an address)"
    if run_on_labels(name):
        return "holds other boxes' labels and answers run together"
    if _TWO_PEOPLE.search(name):
        return "names more than one person"
    if len(name.split()) > int(setting("names", "most_words", 8)):
        return "is too long for a name"
    return None


def _split_name_date(name: str, whose: str, dob: str | None) -> tuple[str, str | None] | None:
    """ "Grace ABBOTT – DOB 03/04/1991" as (name, date) when the name part is plainly a name and the date is
    the person's (the date of birth box agrees or is empty)."""
    match = _NAME_THEN_DATE.match(name.strip()) if len(name) <= _LONGEST else None
    if not match:
        return None
    part = match.group("name").strip(" ,;:–—-(")
    if not part or _why_not_a_name(part) or fold(part) in words("names", "not_a_name"):
        return None
    try:
        day = normalise.parse_date(match.group("date"), window=normalise.birth_window(whose)).isoformat()
    except normalise.NotUnderstood:
        return None
    return (part, day) if dob in (None, day) else None


def check_person_name(path: str, person: dict[str, Any], found: Found) -> bool:
    """Check one person's name in place; False when the person is no person at all (a child row "None")."""
    name = person.get("name")
    if not isinstance(name, str):
        return True
    if _LABEL_LEFT.match(name):
        name = person["name"] = _LABEL_LEFT.sub("", name)  # "Name: Grace ABBOTT": the label read with its value
    section = path.split(".")[1]
    whose = _WHOSE.get(section, "victim")
    folded = fold(name)
    if section == "children":
        if folded in words("names", "no_children") and not _other_values(person):
            return False  # "None" under Children: there are no children, which is no problem
        rest = phrase_re("names", "unborn").sub(" ", name)
        if rest != name:
            if "unborn" in person:
                person["unborn"] = True
            rest = re.sub(r"(?i)\b(?:baby|child)\b|[()\-–:,]", " ", rest).strip()
            # "Unborn" alone is an expected baby with no name yet; "Baby ABBOTT (unborn)" is kept as written.
            if not rest:
                person["name"] = None
                return True
    if folded in words("names", "not_a_name") or (section == "children" and folded in words("names", "no_children")):
        person["name"] = None
        found.add(f"{path}.name", f"'{folded}' is not a name, so it was not used")
        return True
    lines = [line.strip() for line in name.splitlines() if line.strip()]
    if len(lines) > 1:
        joined = " ".join(lines)
        # a name the box wrapped leaves a word alone on a line; a line each of two words or more is a person each
        if has_list(name) or _why_not_a_name(joined) or len(joined.split()) > 4 \
                or all(len(line.split()) >= 2 for line in lines):
            person["name"] = None
            for column, value in person.items():  # "Boyfriend\nHusband" beside them: their answers, a line each
                if isinstance(value, str) and len([v for v in value.splitlines() if v.strip()]) == len(lines):
                    person[column] = None
            found.add(f"{path}.name", "holds several lines (more than one person, or other details), so it "
                                      "was not used: read the name from the form")
            return True
        name = person["name"] = joined  # a name the box wrapped onto two lines
    split = _split_name_date(name, whose, person.get("dob"))
    if split is not None:
        person["name"], day = split
        if "dob" in person and person.get("dob") is None:
            person["dob"] = day
        return True
    why = _why_not_a_name(name)
    if why:
        person["name"] = None
        found.add(f"{path}.name", f"{why}, so it was not used: read the name from the form")
    return True


def _other_values(person: dict[str, Any]) -> bool:
    return any(v not in (None, [], "") for k, v in person.items() if k not in {"name", "unborn"})
