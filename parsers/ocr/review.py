"""Which values of a scanned form a person must check, once labels are resolved to fields.

OCR gives each word a confidence. A field whose value holds a word OCR was unsure of (parsers.ocr.reader
keeps their text) is named for checking: one problem on the field itself (shown beside it in the desk's
review sheet) and one for the form, "read from a scan: please check these N values: ...", which sends
the referral to the desk. Field names only, never values. A form read entirely with confidence goes to
the desk too, to be compared with the scan: OCR's confidence is in the letters, not in which label a
value was read under. Confident words can still make a wrong value, so two shapes are named as well: a
name no person writes (parsers.ocr.odd_names), and a victim's or referrer's value read in another
person's box whose title OCR lost (parsers.ocr.repeats).
"""
from __future__ import annotations

from ..model import RawForm
from ..problem import Problem
from .odd_names import odd_name_paths
from .reader import ScanForm, tokens
from .repeats import repeated_box_paths

CHECK_FIELD = "read from a scan: OCR was unsure of the {name}; check it against the scan"
ODD_NAME = ("read from a scan: the {name} holds a piece no name has (a letter or mark OCR may have added, or a "
            "word it split); check it against the scan")
REPEATED_BOX = ("read from a scan: the {name} was read in a box that repeats another box's labels under a heading "
                "that does not say whose (a title OCR lost?); check whose it is on the scan")
CHECK_FORM = "read from a scan: please check these {n} values: {names}"
ALL_CONFIDENT = ("read from a scan: every value was read with confidence, but a scan can still be misread where "
                 "its layout was: compare the values with the scan")
# A field the assembler derives from another carries the other's doubt (the postcode from the address).
DERIVED = {".address": (".postcode",)}
MAX_NAMED = 12
JOINED_MARKS = "@."  # a token holding one of these may be several OCR words joined (an email address)
MIN_PART = 3  # letters: a shorter doubtful word ("a", "of") is found inside too many joined tokens
DASH_QUESTIONS = 24
SPOKEN = {"&", "-", "+"}  # marks that stand for words ("Drugs & alcohol")
ONE = {"perpetrators": "perpetrator", "children": "child", "additional_victims": "other victim"}  # beyond this the sentence names the first ones and says how many more


def _describe(path: str) -> str:
    """A path as a coordinator would say it: 'victim dob', 'perpetrator 1 name', 'DASH question 3'."""
    parts = path.partition("=")[0].removeprefix("referral.").split(".")
    if parts[:2] == ["dash", "answers"]:
        return f"DASH question {parts[2]}"
    if parts == ["dash", "score"]:
        return "DASH score (some answers could not be read)"
    if parts == ["dash", "version"]:
        return "DASH checklist version"
    words = [f"{ONE.get(part, part)} {int(nxt) + 1}" if nxt.isdigit() else part
             for part, nxt in zip(parts, parts[1:] + [""]) if not part.isdigit()]
    return " ".join(words).replace("_", " ")


def _stray(value: str) -> bool:
    """A value opening or closing with a lone mark ("/ email", "Son |"): a label and its value were not
    told apart where OCR lost a word."""
    words = value.split()
    return bool(words) and any(not any(c.isalnum() for c in w) and w not in SPOKEN for w in (words[0], words[-1]))


def _holds_doubt(value: str, doubtful: set[str]) -> bool:
    """A value made from a doubtful word. An email address or a web address is one token made of several
    OCR words ("stuart." "referrer@example." "qov.uk" read apart, joined by the reader): any doubtful
    word inside such a joined token puts it in doubt."""
    found = tokens(value)
    if found & doubtful:
        return True
    joined = [t for t in found if any(mark in t for mark in JOINED_MARKS)]
    return any(d in t for t in joined for d in doubtful if len(d) >= MIN_PART)


def _doubtful_paths(resolved: RawForm, doubtful: set[str]) -> list[str]:
    paths = []
    for path, value in resolved.fields.items():
        if isinstance(value, str) and (_holds_doubt(value, doubtful) or _stray(value)):
            paths.append(path)
            paths += [path.removesuffix(end) + other for end, others in DERIVED.items() if path.endswith(end)
                      for other in others]
    return list(dict.fromkeys(paths))


def review(scanned: RawForm, resolved: RawForm) -> RawForm:
    """`resolved` (the scan's fields) with a problem per doubtful field and one for the form."""
    if not isinstance(scanned, ScanForm) or not resolved.fields:
        return resolved
    for path, value in resolved.fields.items():
        if isinstance(value, str) and value.strip() and not any(c.isalnum() for c in value):
            resolved.fields[path] = None  # "/", ")": what OCR left of a label, not a value
    paths = _doubtful_paths(resolved, scanned.doubtful)
    answers = [p for p in resolved.fields if p.startswith("dash.answers.")]
    checklist = any(p.startswith("dash.") for p in resolved.fields) or bool(scanned.dash_lines)
    if checklist and len({p.partition("=")[0] for p in answers if resolved.fields[p] not in (None, "")}) < DASH_QUESTIONS:
        # A checklist answer OCR could not read would lower the score unseen; and the checklist's version
        # is told from its questions' wording, which the same lost words may have changed.
        paths += ["dash.score", "dash.version"]
    problems = [Problem(CHECK_FIELD.format(name=_describe(path)), path.partition("=")[0], "warning") for path in paths]
    for sentence, shaped in ((ODD_NAME, odd_name_paths(resolved.fields)),
                             (REPEATED_BOX, repeated_box_paths(scanned.labelled, resolved.fields))):
        shaped = [path for path in shaped if path not in paths]  # a field named once, for its first doubt
        problems += [Problem(sentence.format(name=_describe(path)), path, "warning") for path in shaped]
        paths += shaped
    if paths:
        names = [_describe(p) for p in paths[:MAX_NAMED]]
        more = f" and {len(paths) - MAX_NAMED} more" if len(paths) > MAX_NAMED else ""
        problems.append(Problem(CHECK_FORM.format(n=len(paths), names=", ".join(names) + more)))
    else:
        # Still for a person: bench/bench_ocr.py finds a few values wrong though every word was read with
        # confidence (a wrapped line or a label lost with a word), so a scan is never passed on unchecked.
        problems.append(Problem(ALL_CONFIDENT))
    resolved.problems.extend(problems)
    return resolved
