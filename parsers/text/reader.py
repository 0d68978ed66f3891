"""A referral typed into the email itself: the message's text read line by line into the same RawForm the
Word and PDF readers make, so the synonym table, the resolver and the checks treat it like any form.

The text comes from `intake.body` (quoted replies and a marked signature already left out) as the
pseudo-file `referral-email-body.txt`. Lines are read as a person reads them: "Label: value" (several on
a line, or a label and its value set apart by a tab, as an HTML table's cells are), a line of its own
("Victim details", or "Perpetrator:" with labels under it) heading what follows, lines under a label
going on with its value (the second line of an address, a long answer the mail client wrapped) unless
the synonym table knows them as a section ("Children"), and a blank line ending it. Sentences ("Please
see the referral below.") head nothing and are no answers.

Nobody typed the text into boxes made for each answer, so every value is flagged for a person to check:
the referral is opened and the IDVA copy sent, but it waits on the desk until someone has looked.
"""
from __future__ import annotations

import re
from typing import Any

from ..labels.synonyms import load_table
from ..model import Labelled, RawForm
from ..printed import label_pairs
from ..problem import Problem
from ..tables.walk import BOLD_LINE, Walk

BODY_FILENAME = "referral-email-body.txt"  # the text read, in the desk folder and the IDVA copy
MAX_CHARS = 200_000  # far beyond any typed referral; a longer text is cut, not read whole
# How many of the referral's values a body must give before it counts as a referral rather than an email
# that happens to hold "Tel: ..." in its signature.
MIN_BODY_FIELDS = 3
FROM_BODY = ("the referral was read from the text of the email, not from a form: check every value against "
             "message.eml (the referrer's own words) before it is listed")
MAX_HEADING_WORDS = 8
_BULLET = re.compile(r"^\s*(?:[-*•·▪]|\d{1,2}[.)])\s+")
_SENTENCE_END = (".", ",", "!", ";")


def read_text(data: bytes) -> RawForm:
    """UTF-8 text (what `intake.body` hands on) to a RawForm of kind email-body."""
    text = data[: MAX_CHARS * 4].decode("utf-8", "replace")[:MAX_CHARS]
    raw = RawForm("email-body")  # type: ignore[arg-type]  # the schema's kind for a body (model.SourceKind lags)
    walk = Walk()
    last: Labelled | None = None  # the value the next line may go on with
    lone: Labelled | None = None  # a "Perpetrator:" line of its own: a heading if labels follow it
    for line in text.splitlines():
        stripped = _BULLET.sub("", line).strip()
        if not stripped:
            walk.flush()
            last = lone = None
            continue
        pairs = label_pairs(stripped)
        if pairs:
            if lone is not None and lone is last and lone.value is None:
                walk.labelled.remove(lone)  # "Perpetrator:" with labels under it heads them
                walk.heading(lone.label, BOLD_LINE)
            for label, value in pairs:
                last = walk.add(label, value)
            lone = last if len(pairs) == 1 and last is not None and last.value is None else None
        elif last is not None and not _names_a_section(stripped):
            _go_on(last, stripped)
            lone = None
        elif _heading(stripped):
            walk.heading(stripped, BOLD_LINE)
            last = None
        else:
            walk.flush()  # a sentence: it heads nothing and answers nothing
    walk.flush()
    raw.labelled.extend(walk.labelled)
    raw.tables.extend(walk.tables)
    raw.problems.append(Problem(FROM_BODY))
    return raw


def _go_on(item: Labelled, line: str) -> None:
    """A line under a label: its value's next line (an address), or its value when the label stood alone."""
    if item.value is None or isinstance(item.value, bool):
        item.value = line
    else:
        item.value = f"{item.value}\n{line}"


def _names_a_section(line: str) -> bool:
    """ "Perpetrator" or "Children" straight under a value heads what follows, rather than going on with the
    value: the synonym table's section wordings say which lines do (a town under an address does not)."""
    return _heading(line) and load_table().section(line)[0] is not None


def _heading(line: str) -> bool:
    """A short line of its own that is not a sentence: "Victim details", "PERPETRATOR"."""
    words = line.split()
    return 0 < len(words) <= MAX_HEADING_WORDS and not line.endswith(_SENTENCE_END) and any(c.isalpha() for c in line)


def reads_like_referral(parsed: dict[str, Any]) -> bool:
    """Whether a body's parse gives enough of a referral to open a case on (MIN_BODY_FIELDS values)."""
    return _filled(parsed.get("referral")) >= MIN_BODY_FIELDS


def _filled(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_filled(v) for v in value.values())
    if isinstance(value, list):
        return sum(_filled(v) for v in value)
    return 0 if value in (None, "", False) else 1


__all__ = ["BODY_FILENAME", "FROM_BODY", "MIN_BODY_FIELDS", "read_text", "reads_like_referral"]
