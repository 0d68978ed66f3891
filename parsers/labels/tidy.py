"""Values that carry more than their field, once labels are tied to fields: a name with its aliases
("Jo SMITH (aka Jo JONES)", "Dee SMITH\nAlias: Dee"; the markers are data, `[aliases] markers` in
data/labels.toml), a phone number followed by when to call, "Safe to call. Mornings only" in a
contact-notes box, a language inside an interpreter answer ("Yes – Polish", "Polish – interpreter
required"). Problems name fields, never values.
"""
from __future__ import annotations

import functools
import re
from typing import Any

from ..model import RawValue
from ..normalise import clean_text, is_gender_word, parse_bool_or_none
from .matcher import LabelTable
from .recognisers import EDGES, PHONE_KINDS, RECOGNISERS

__all__ = ["tidy"]


@functools.lru_cache(maxsize=8)
def _alias_re(markers: tuple[str, ...]) -> re.Pattern[str]:
    markers = markers or ("aka", "a.k.a.", "also known as", "alias")
    alternation = "|".join(r"\s*".join(map(re.escape, m.split())) for m in sorted(markers, key=len, reverse=True))
    # "(aka Jo JONES)", "aka Jo JONES", "\nAlias: Dee", "also known as Dee"
    return re.compile(rf"(?:\(\s*|\b|^)(?:{alternation})(?:\s*[:\-–]\s*|\s+)(?P<alias>[^()\n]+?)\s*\)?\s*$",
                      re.IGNORECASE | re.MULTILINE)


def tidy(fields: dict[str, RawValue], tagged: set[str], warn: Any, table: LabelTable | None = None) -> None:
    """Values that carry more than their field: aliases inside a name, when to call after a phone
    number, the language inside an interpreter answer."""
    aliases = _alias_re(table.alias_markers if table is not None else ())
    for path in [p for p in fields if p.endswith(".name") and p not in tagged]:
        _aliases_out_of_name(fields, path, aliases)
    for path in [p for p in fields if p.endswith(".name") and p not in tagged and _PERSON_NAME.match(p)]:
        if isinstance(value := fields[path], str) and _MARKS.search(value):
            fields[path] = " ".join(_MARKS.sub(" ", value).split()) or None  # "Reece * EVANS-PRICE": a mark
        _forename_first(fields, path)
    for path in [p for p in fields if p.endswith(".email") and p not in tagged]:
        _phone_out_of_email(fields, path)
    for path in [p for p in fields if p.endswith(".phone") and p not in tagged]:
        _notes_out_of_phone(fields, path)
    for path in [p for p in fields if _CHILD_NAME.match(p) and p not in tagged]:
        _unborn_name(fields, path)
    for path in [p for p in fields if _CHILD_DOB.match(p)]:
        _due_date(fields, path)
    for path in [p for p in fields if p.endswith(".dob") and p not in tagged]:
        if isinstance(value := fields[path], str):
            fields[path] = date_less_age(value)
    for path in [p for p in fields if p.endswith(".date") and p not in tagged]:
        if isinstance(value := fields[path], str) and (dated := _TIME_AFTER.match(value)):
            fields[path] = dated.group("date")  # "Date / Time: 30/10/2026 at 10:15": the day is the field
    for path in [p for p in fields if p.endswith(".gender") and p not in tagged]:
        _one_gender(fields, path, warn)
    _safe_to_call_in_notes(fields, tagged)
    _languages(fields, tagged, warn)
    for path in _NEEDS:
        if path not in tagged:
            _needs_answer(fields, path)


def _one_gender(fields: dict[str, RawValue], path: str, warn: Any) -> None:
    """ "F\nF\nF" in one "Gender M/F" box beside several children, a line each: which line is whose is not said here."""
    value = fields.get(path)
    if isinstance(value, str) and sum(is_gender_word(line) for line in value.splitlines() if line.strip()) > 1:
        fields[path] = None
        warn("a gender box holds one gender a line for several people, so whose each is cannot be told; it was not "
             "used", path)


def _aliases_out_of_name(fields: dict[str, RawValue], path: str, aliases: re.Pattern[str]) -> None:
    value = fields.get(path)
    if not isinstance(value, str):
        return
    found = [m.group("alias").strip(" ,;") for m in aliases.finditer(value)]
    if not found:
        return
    name = aliases.sub("", value).strip(" \n,;(")
    if not name:
        return
    fields[path] = name
    alias_path = path.rsplit(".", 1)[0] + ".aliases"
    given = fields.get(alias_path)
    extra = "; ".join(a for a in found if a and clean_text(a) is not None)
    if not extra:
        return
    if isinstance(given, str) and clean_text(given) is not None:
        if extra.casefold() not in given.casefold():
            fields[alias_path] = f"{given}; {extra}"
    else:
        fields[alias_path] = extra


# "*" set against a name, as a form asks ("Please indicate by * against name if … also being referred"): a mark
_MARKS = re.compile(r"(?<!\S)\*+(?!\S)")
_PERSON_NAME = re.compile(r"^referral\.(?:victim|(?:perpetrators|children|additional_victims)\.\d+)\.name$")
_CAPITALS = re.compile(r"^(?:(?:Mc|Mac|O'|O’|D'|D’)?[A-Z][A-Z'’-]*[A-Z])$")  # "DE", "O'BRIEN", "EVANS-PRICE", "McDONALD"
_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "dr", "prof", "rev", "sir", "dame", "lady", "lord"})
_GIVEN = re.compile(r"^[^\W\d_][^\W\d_'’-]*$")  # "Grace", "Mary-Jane", "Róisín" (capitalised: see _given)


def _given(word: str) -> bool:
    return bool(_GIVEN.match(word.replace("-", "").replace("'", "").replace("’", ""))) and word[:1].isupper() \
        and word[1:2].islower()


def _forename_first(fields: dict[str, RawValue], path: str) -> None:
    """ "DE SOUZA Grace", "O'BRIEN, Bethany" -> "Grace DE SOUZA", "Bethany O'BRIEN": the service writes
    forenames first. Only where capitals say which words are the surname (every surname word in
    capitals, every forename word not); "Smith, Jane" or "JO Smith" is left as written."""
    value = fields.get(path)
    if not isinstance(value, str) or "\n" in value.strip():
        return
    surname, comma, given = value.strip().partition(",")
    words = surname.split()
    if comma:
        rest = given.split()
    else:
        cut = 0
        while cut < len(words) and _CAPITALS.match(words[cut]):
            cut += 1
        words, rest = words[:cut], words[cut:]
    if not words or not rest or not all(_CAPITALS.match(w) for w in words) \
            or not all(_given(w) for w in rest) or sum(len(w) for w in words) < 3 \
            or any(w.strip(".").casefold() in _TITLES for w in words + rest):
        return  # "MRS Jane", "DR Smith": a title, not a surname; left as written
    fields[path] = " ".join(rest + words)


def _phone_out_of_email(fields: dict[str, RawValue], path: str) -> None:
    """ "jo.bloggs@example.gov.uk / 01632 960123" in an email box: the number is the same person's phone."""
    value = fields.get(path)
    email = RECOGNISERS["email"].search(value) if isinstance(value, str) else None
    phone = RECOGNISERS["phone"].search(value) if isinstance(value, str) else None
    if not (isinstance(value, str) and email and phone):
        return
    rest = RECOGNISERS["phone"].sub(" ", RECOGNISERS["email"].sub(" ", value))
    if rest.strip(EDGES + ".") or len(RECOGNISERS["email"].findall(value)) > 1:
        return  # words besides, or two addresses: left as written
    fields[path] = email.group(0)
    sibling = path.rpartition(".")[0] + ".phone"
    if clean_text(str(fields.get(sibling) or "")) is None:
        fields[sibling] = phone.group(0).strip()


_AGE_AFTER = re.compile(r"^\s*(?P<date>\S.*?\d)\s*\(\s*(?:aged?\s*)?\d{1,3}\s*(?:yrs?|years)?\s*\)\s*$", re.IGNORECASE)
def date_less_age(value: str) -> str:
    """ "17/10/1974 (52)": the date, without the age after it that says it again."""
    dated = _AGE_AFTER.match(value)
    return dated.group("date") if dated else value


_TIME_AFTER = re.compile(r"^\s*(?P<date>\S.*?\d)[\s,–—-]+(?:at\s+)?\d{1,2}[.:]\d{2}\s*(?:am|pm|hrs?)?\s*$", re.IGNORECASE)
_CHILD_NAME = re.compile(r"^referral\.children\.\d+\.name$")
_CHILD_DOB = re.compile(r"^referral\.children\.\d+\.dob$")


@functools.lru_cache(maxsize=1)
def _unborn_words() -> frozenset[str]:
    """data/labels.toml [unborn] names, in plain words (read here: they are values, not labels)."""
    import tomllib
    from importlib import resources
    text = resources.files("parsers").joinpath("data", "labels.toml").read_text(encoding="utf-8")
    return frozenset(" ".join(re.findall(r"[a-z]+", n.lower())) for n in tomllib.loads(text).get("unborn", {}).get("names", []))


_NO_CHILDREN = re.compile(r"^\s*(?:(?:number of\s+)?children\s*[:\-–]?\s*)?(?:0|nil|zero)(?:\s+children)?\W*$",
                          re.IGNORECASE)


_DUE = re.compile(r"^\s*(?P<unborn>unborn(?:\s+(?:baby|child))?\s*[–—,:(-]?\s*)?(?:edd|e\.d\.d\.?|due(?:\s+date)?|"
                  r"expected(?:\s+(?:due\s+)?date(?:\s+of\s+delivery)?)?|estimated\s+due\s+date)\s*[:.–—-]?\s*"
                  r"(?P<date>\d[\d./ -]*\d|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\s+\d{2,4})\s*\)?\s*$", re.IGNORECASE)


def _due_date(fields: dict[str, RawValue], path: str) -> None:
    """ "EDD 02/02/27" as a child's date of birth: a baby not yet born, due then (the due date is its date of
    birth on the schema, with `unborn`)."""
    value = fields.get(path)
    found = _DUE.match(value) if isinstance(value, str) else None
    if found is not None and not found.group("unborn"):
        fields[path] = _this_century(found.group("date"))
        fields[path.removesuffix(".dob") + ".unborn"] = True


def _this_century(date: str) -> str:
    """A due date is within months of today: "02/02/27" is 2027, never 1927."""
    return re.sub(r"^(\d{1,2}\s*[./ -]\s*\d{1,2}\s*[./ -]\s*)(\d{2})$", r"\g<1>20\2", date.strip())


def _unborn_name(fields: dict[str, RawValue], path: str) -> None:
    """ "Unborn" in a child's name box: a baby not yet born, who has no name; "Unborn – EDD 02/02/27" says when it
    is due. "0", "Children: 0": no child."""
    value = fields.get(path)
    due = _DUE.match(value) if isinstance(value, str) else None
    if isinstance(value, str) and _NO_CHILDREN.match(value):
        fields[path] = None
    elif due is not None and due.group("unborn"):
        fields[path] = None
        fields[path.rpartition(".")[0] + ".unborn"] = True
        if not fields.get(path.rpartition(".")[0] + ".dob"):
            fields[path.rpartition(".")[0] + ".dob"] = _this_century(due.group("date"))
    elif isinstance(value, str) and " ".join(re.findall(r"[a-z]+", value.lower())) in _unborn_words():
        fields[path] = None
        fields[path.rpartition(".")[0] + ".unborn"] = True


_SAFE_SENTENCE = re.compile(r"^\s*(?P<not>not\s+|un)?safe\s+to\s+(?:call|phone|ring|telephone)\b(?:\s+this\s+number)?"
                            r"\s*[.;,–—-]\s*", re.IGNORECASE)


def _safe_to_call_in_notes(fields: dict[str, RawValue], tagged: set[str]) -> None:
    """ "Safe to call. Call weekday mornings only" in a contact-notes box that asks both."""
    notes = fields.get("referral.victim.contact_notes")
    if not isinstance(notes, str) or "referral.victim.contact_notes" in tagged:
        return
    match = _SAFE_SENTENCE.match(notes)
    if not match:
        return
    safe = fields.get("referral.victim.safe_to_call")
    if safe is None or (isinstance(safe, str) and clean_text(safe) is None):
        fields["referral.victim.safe_to_call"] = not match.group("not")
    fields["referral.victim.contact_notes"] = notes[match.end():].strip() or None


_PHONE_KIND = re.compile(rf"(?i)(?:{'|'.join(PHONE_KINDS)})\s*(?:tel|phone|no)?\.?\s*:?")


def _notes_out_of_phone(fields: dict[str, RawValue], path: str) -> None:
    value = fields.get(path)
    if not isinstance(value, str):
        return
    match = RECOGNISERS["phone"].search(value)
    if not match:
        return
    before, after = value[:match.start()].strip(EDGES), value[match.end():].strip(EDGES)
    if _PHONE_KIND.fullmatch(before) and not RECOGNISERS["phone"].search(after):
        before = ""  # "Home: 0117 496 0855": the kind of phone the one number is
    if not before and not after:
        fields[path] = match.group(0).strip()
        return
    if before or RECOGNISERS["phone"].search(after):
        return  # two numbers, or words before the number: left as written
    fields[path] = match.group(0).strip()
    if path == "referral.victim.phone" and clean_text(after) is not None:
        notes = fields.get("referral.victim.contact_notes")
        if not (isinstance(notes, str) and clean_text(notes)):
            fields["referral.victim.contact_notes"] = after


_INTERPRETER_WORDS = re.compile(r"\s*[–—\-,(]?\s*(?:an\s+)?interpreter\s+(?:is\s+)?(?:required|needed)\)?\s*$",
                                re.IGNORECASE)


def _languages(fields: dict[str, RawValue], tagged: set[str], warn: Any) -> None:
    first_path, interpreter_path = "referral.victim.first_language", "referral.victim.interpreter_language"
    first = fields.get(first_path)
    if isinstance(first, str) and first_path not in tagged and _INTERPRETER_WORDS.search(first):
        language = _INTERPRETER_WORDS.sub("", first).strip(EDGES)
        fields[first_path] = language or None
        if language and clean_text(str(fields.get(interpreter_path) or "")) is None:
            fields[interpreter_path] = language
    value = fields.get(interpreter_path)
    if interpreter_path in tagged or not isinstance(value, str) or clean_text(value) is None:
        return
    from ..ticks import NOT_TICKS, read_choice
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    named = next((m.group(1).strip() for line in lines
                  if (m := re.search(r"(?:^|\s)\(?(?:language|which language|state language)\)?\s*:\s*(.+)$", line,
                                     re.IGNORECASE))), None)
    head = lines[0] if lines else ""
    choice = read_choice(head)
    bracket = re.match(r"^(?P<boxes>.*?)\s*\((?P<language>[^()]+)\)\s*$", head)
    if choice is NOT_TICKS and bracket and read_choice(bracket.group("boxes")) is not NOT_TICKS:
        # "Yes ☒  No ☐  (Polish)": the language typed in the bracket the form prints after the boxes
        choice, named = read_choice(bracket.group("boxes")), named or bracket.group("language").strip(EDGES)
    answer = choice if choice is not NOT_TICKS else head
    word = re.match(r"^(yes|no|y|n)\b\s*[–—\-,:;(]?\s*(.*)$", str(answer), re.IGNORECASE) if isinstance(answer, str) else None
    verdict = parse_bool_or_none(word.group(1)) if word else (answer if isinstance(answer, bool) else None)
    if verdict is False:
        fields[interpreter_path] = None
        return
    language = named or (word.group(2).strip(EDGES) if word else None)
    if verdict is True:
        if language:
            fields[interpreter_path] = language
        elif isinstance(first, str) and clean_text(first):
            fields[interpreter_path] = fields.get(first_path)
        else:
            fields[interpreter_path] = None
            warn("an interpreter is needed but the language is not given", interpreter_path)
    elif named:
        fields[interpreter_path] = named


_NEEDS = ("referral.victim.mental_health", "referral.victim.substance_misuse")
_YES_DETAILS = re.compile(r"^\s*(?:yes|y)\b\s*[,.;:–—-]?\s*"
                          r"(?:(?:details|detail|please give details|if yes)\s*[:\-–]?\s*)?",
                          re.IGNORECASE)


def _needs_answer(fields: dict[str, RawValue], path: str) -> None:
    """ "No" in a "Does the victim have any mental health issues? No  Yes, details:" box is no need, not
    its description; "Yes, details: Alcohol" is "Alcohol". A bare "Yes" is kept: it is all the form says."""
    value = fields.get(path)
    if not isinstance(value, str) or clean_text(value) is None:
        return
    verdict = parse_bool_or_none(value)
    if verdict is False:
        fields[path] = None
        return
    match = _YES_DETAILS.match(value)
    if match and value[match.end():].strip(EDGES):
        fields[path] = value[match.end():].strip(EDGES)
