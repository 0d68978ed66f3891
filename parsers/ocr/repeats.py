"""One person's value read from a second person's box whose title OCR lost.

A form prints a box per person ("Victim", then "Perpetrator"), each with the same labels ("Name",
"Dob", "Address"), and only the box's title says whose they are. When OCR loses a title (a tinted bar,
a faint scan) or reads it as a scrap (")"), the second box's labels sit under a heading that names
nobody, or under the first box's heading, and a value in it can be taken for the first person's: the
perpetrator's ethnicity given as the victim's, every word read with confidence. So the scan's labels
are walked as boxes (a new box at each heading, and where a label repeats inside one heading); a box
that repeats an earlier box's labels is another person's, and a single person's field (the victim's,
the referrer's) whose value was read in it is named for checking, unless the box's own heading names
that person ("Details of Victim" after "Referrer": the victim's box, as printed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Labelled

# One person's fields: a second box's values are never theirs, unlike a list of people's.
SINGLE_PERSON = re.compile(r"^referral\.(?P<whose>victim|referrer)\.[a-z_]+$")
# Vocabulary (data): words in a box's heading that say it is that person's box.
HEADING_NAMES = {
    "victim": ("victim", "client", "survivor", "person at risk", "service user", "adult at risk"),
    "referrer": ("referr", "referred by", "agency", "professional", "contact details"),
}


@dataclass
class _Box:
    section: str | None
    split: bool  # begun where a label repeated under one heading: the heading is the box before's
    labels: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)
    repeats: bool = False  # holds a label an earlier box holds: another person's box


def _label_key(label: str) -> str:
    """A label as it is compared with another: its letters and digits, case and marks ignored."""
    return re.sub(r"[^0-9a-z]+", " ", label.casefold()).strip()


def _value_key(value: object) -> str:
    return " ".join(str(value).split()).casefold()


def _boxes(labelled: list[Labelled]) -> list[_Box]:
    boxes: list[_Box] = []
    seen: set[str] = set()
    for item in labelled:
        if not isinstance(item.value, str) or not item.value.strip():
            continue
        key = _label_key(item.label)
        if not boxes or item.section != boxes[-1].section:
            boxes.append(_Box(item.section, split=False))
        elif key in boxes[-1].labels:
            boxes.append(_Box(item.section, split=True))
        box = boxes[-1]
        if key in seen - box.labels:
            box.repeats = True
        box.labels.add(key)
        box.values.add(_value_key(item.value))
        seen.add(key)
    return boxes


def _named(box: _Box, whose: str) -> bool:
    heading = (box.section or "").casefold()
    return not box.split and any(word in heading for word in HEADING_NAMES.get(whose, ()))


def repeated_box_paths(labelled: list[Labelled], fields: dict[str, object]) -> list[str]:
    """The single-person fields whose value was read only in another person's box (see above)."""
    boxes = _boxes(labelled)
    out = []
    for path, value in fields.items():
        found = SINGLE_PERSON.match(path.partition("=")[0])
        if not found or not isinstance(value, str) or not value.strip():
            continue
        holding = [box for box in boxes if _value_key(value) in box.values]
        if holding and all(box.repeats and not _named(box, found["whose"]) for box in holding):
            out.append(path)
    return out
