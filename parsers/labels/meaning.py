"""What a value means, where it is written in the form's shorthand rather than as the value itself: a gender typed
into the forename box ("Grace (F)", "Owen – F"), an address given as "As above", an ethnicity given as a code from a
legend ("7 - Bangladeshi", "W1"), a relationship with who the person is to someone else ("Son (father of Darren)").

Runs once labels are tied to fields (parsers.labels.resolver). A value whose meaning cannot be told is left empty,
never kept as the shorthand: "As above" is no address and "2" no ethnicity. The phrases are data
(data/values.toml `[as_above]`); problems name fields, never values.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..model import Labelled, RawValue
from ..normalise import clean_text, parse_bool_or_none, vocabulary
from .matcher import plain

__all__ = ["gender_in_label", "gender_out_of_names", "read_legend", "settle"]

Warn = Callable[[str, str | None], None]
# "(F)" or " – F" after the name; never after a comma ("SMITH, F" is an initial)
_GENDER_TAIL = re.compile(r"\s*(?:\(\s*(?P<a>m|f|male|female)\s*\)|\s[–—\-]\s*(?P<b>m|f|male|female))\s*\.?\s*$",
                          re.IGNORECASE)
_GENDER = {"m": "Male", "male": "Male", "f": "Female", "female": "Female"}
_PERSON = re.compile(r"^(?P<base>referral\.(?:victim|(?:perpetrators|children|additional_victims)\.\d+))\."
                     r"(?P<column>\w+)$")


def _phrases(section: str, key: str = "phrases") -> frozenset[str]:
    entry = vocabulary().get(section, {})
    return frozenset(plain(p) for p in (entry.get(key, []) if isinstance(entry, dict) else []))


def _split_gender(value: RawValue) -> tuple[RawValue, str | None]:
    """ "Grace (F)" -> ("Grace", "Female"); a value with no gender after it is returned as it is."""
    if not isinstance(value, str):
        return value, None
    match = _GENDER_TAIL.search(value)
    if not match or not value[:match.start()].strip():
        return value, None
    return value[:match.start()].strip(), _GENDER[(match.group("a") or match.group("b")).lower()]


def _give_gender(fields: dict[str, RawValue], base: str, gender: str | None) -> None:
    path = f"{base}.gender"
    if gender and clean_text(str(fields.get(path) or "")) is None:
        fields[path] = gender


def gender_out_of_names(name_parts: dict[str, dict[str, RawValue]], fields: dict[str, RawValue],
                        tagged: set[str]) -> None:
    """A police box "Forename(s) (M/F)" answered "Grace (F)" or "Owen – F": the letter is the person's gender,
    never part of the name. Done on the name's parts before they are joined, and on whole names."""
    for path, parts in name_parts.items():
        if path in tagged or not (person := _PERSON.match(path)):
            continue
        for part in ("forename", "surname"):
            parts[part], gender = _split_gender(parts.get(part))
            if parts[part] is None:
                del parts[part]
            _give_gender(fields, person.group("base"), gender)
    for path in [p for p in fields if p.endswith(".name") and p not in tagged]:
        person = _PERSON.match(path)
        fields[path], gender = _split_gender(fields[path])
        if person:
            _give_gender(fields, person.group("base"), gender)


_LABEL_GENDER = re.compile(r"\(\s*(?P<g>m|f|male|female)\s*\)\s*:?\s*$", re.IGNORECASE)


def gender_in_label(label: str, path: str, fields: dict[str, RawValue]) -> None:
    """ "Forename(s) (F)": the printed "(M/F)" edited down to the one that applies is the person's gender."""
    person = _PERSON.match(path.partition("#")[0])
    match = _LABEL_GENDER.search(label)
    if person and match and path.endswith(("#forename", ".name")):
        _give_gender(fields, person.group("base"), _GENDER[match.group("g").lower()])


_LEGEND_ENTRY = re.compile(r"(?:^|(?<=\s))(?P<code>\d{1,2})\s*[.)]?\s+(?P<words>[A-Za-z][A-Za-z /&'’-]*?)"
                           r"(?=\s+\d{1,2}\s*[.)]?\s+[A-Za-z]|\s*$|\s*\n)", re.MULTILINE)
# "2", "W1", "7 - Bangladeshi", "A2 – Pakistani", "3. Black Caribbean": a code, maybe with its words
_CODED = re.compile(r"^\s*(?P<code>[A-Z]?\d{1,2})(?:\s*$|(?:\s*[.:)–—\-]\s*|\s+)(?P<words>[^\W\d_].*)$)")
_DIGIT_FIRST = re.compile(r"^\s*\d")


def read_legend(items: Iterable[Labelled]) -> dict[str, str]:
    """An ethnicity legend printed on the form ("Ethnic Origin: 1 White, 2. Black African, 3. Black Caribbean, …"),
    code -> words: the numbered lines of a box labelled with "ethnic" and of the numbered boxes right after it.
    Only a run of at least five numbers in order counts; a numbered list elsewhere is no legend."""
    texts: list[str] = []
    taking = False
    for item in items:
        value = item.value if isinstance(item.value, str) else ""
        if "ethnic" in item.label.lower() and _DIGIT_FIRST.match(value):
            taking = True
        elif not (taking and _DIGIT_FIRST.match(item.label)):
            taking = False
        if taking:
            texts += [item.label, value]
    found: dict[int, str] = {}
    for text in texts:
        for match in _LEGEND_ENTRY.finditer(text):
            found.setdefault(int(match.group("code")), match.group("words").strip(" ,;"))
    run = 0
    while run + 1 in found:
        run += 1
    return {str(n): found[n] for n in range(1, run + 1)} if run >= 5 else {}


def _ethnicity(value: RawValue, legend: dict[str, str]) -> RawValue:
    """ "7 - Bangladeshi" -> "Bangladeshi"; "2" -> the form's legend's words for 2, or nothing: a code alone is
    not an ethnicity a coordinator can use, and a legend not printed on the form is not guessed."""
    if not isinstance(value, str):
        return value
    match = _CODED.match(value.strip())
    if not match:
        return value
    words = (match.group("words") or "").strip(" .,;:–—-")
    if words:
        return words
    return legend.get(match.group("code"))


_QUALIFIED = re.compile(r"^\s*(?P<word>[^()]+?)\s*\((?P<rest>[^()]*)\)\s*\.?\s*$")


def _relationship(value: RawValue, words: frozenset[str]) -> RawValue:
    """ "Son (father of Darren)": the relationship asked for is the word before the bracket, when that word is a
    relationship; the bracket says who the person is to someone else."""
    if not isinstance(value, str) or not (match := _QUALIFIED.match(value)):
        return value
    return match.group("word") if plain(match.group("word")) in words else value


def says_as_above(value: RawValue) -> bool:
    """ "As above", "Same as victim": an address given as another one."""
    return isinstance(value, str) and plain(value) in _phrases("as_above")


_CHILD_ADDRESS = re.compile(r"^referral\.children\.\d+\.address$")


def _as_above(fields: dict[str, RawValue], tagged: set[str], warn: Warn) -> None:
    """ "As above", "Same as victim" in a child's or a perpetrator's address box: the victim's address, written
    above. Where the victim's address is not there to copy, it is left empty with a problem."""
    phrases = _phrases("as_above")
    home = fields.get("referral.victim.address")
    if isinstance(home, str) and plain(home) in phrases and "referral.victim.address" not in tagged:
        # Her "Address (if different from the child(ren)): Same as above": the children's one address, given above
        theirs = {clean_text(str(v)) for p, v in fields.items() if _CHILD_ADDRESS.match(p) and isinstance(v, str)
                  and clean_text(v) and plain(v) not in phrases}
        home = fields["referral.victim.address"] = theirs.pop() if len(theirs) == 1 else None
        if home is None:
            warn("an address is given as the same as another one that was not read; it was left empty",
                 "referral.victim.address")
    for path in [p for p in fields if p.endswith(".phone") and p not in tagged and says_as_above(fields[p])]:
        # "Telephone/Mobile: As above" in the mother's box: whose number "above" is (the child's home, the referrer's)
        # the reader cannot tell, and no schema field keeps a child's
        fields[path] = None
        warn("a phone number is given as 'as above', the same as another one the reader cannot tell; it was left "
             "empty: copy it from the form", path)
    for path in [p for p in fields if p.endswith(".address") and p not in tagged and p != "referral.victim.address"]:
        value = fields[path]
        if not (isinstance(value, str) and plain(value) in phrases):
            continue
        person = _PERSON.match(path)
        named = person and any(clean_text(str(fields.get(f"{person.group('base')}.{c}") or "")) for c in ("name", "dob"))
        above = home if isinstance(home, str) and clean_text(home) else _child_above(fields, path, phrases)
        if named and above:
            fields[path] = above
        else:
            fields[path] = None  # "Address of children: Same as client" where no child is named: no one's address
            if named:
                warn("an address is given as the same as another one that was not read; it was left empty", path)


def _child_above(fields: dict[str, RawValue], path: str, phrases: frozenset[str]) -> str | None:
    """A child's "As above" where the victim's address is not read: the address of the child before, as typed (the
    referred child's, in its own box above the siblings)."""
    if not _CHILD_ADDRESS.match(path):
        return None
    at = int(path.split(".")[2])
    for before in range(at - 1, -1, -1):
        value = fields.get(f"referral.children.{before}.address")
        if isinstance(value, str) and clean_text(value) and plain(value) not in phrases:
            return value
    return None


def settle(fields: dict[str, RawValue], tagged: set[str], warn: Warn, relationships: frozenset[str],
           legend: dict[str, str]) -> None:
    """The shorthand values of a form read as what they mean (see the module's docstring)."""
    for path in [p for p in fields if p not in tagged]:
        column = path.rpartition(".")[2]
        if column == "ethnicity":
            fields[path] = _ethnicity(fields[path], legend)
        elif column in ("relationship_to_victim", "relationship_to_perpetrator"):
            fields[path] = _relationship(fields[path], relationships)
    _as_above(fields, tagged, warn)
    other = fields.get("referral.other_at_risk")
    if "referral.other_at_risk" not in tagged and isinstance(other, str) and len(other.split()) == 1 \
            and parse_bool_or_none(other) is False:
        fields["referral.other_at_risk"] = None  # "Is anyone else at risk? No": no one, not a person called "No"
