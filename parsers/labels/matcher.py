"""The matcher that says which canonical path a label means, over the synonym table of data/labels.toml
(loaded by parsers.labels.synonyms).

A label is normalised (case, punctuation, hints such as "(Y/N)", spelling) and every word naming a
person ("client", "person causing harm") becomes that person's one word, so the table lists each
wording once. Matching is exact first, then fuzzy with a cutoff and a margin over the runner-up.
Guard: a label naming a person is only given a field of that person; a field about one person is
not taken from another person's section; a generic label ("DOB") takes the person of its section,
and with no section it is not guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz, process

from ..fields import CHILD, DASH_TOP, PERPETRATOR, REFERRER, VICTIM
from ..printed import plain

PERSONS = ("referrer", "victim", "perpetrator", "child")
ROLE_BASE = {"referrer": "referral.referrer.", "victim": "referral.victim.",
             "perpetrator": "referral.perpetrators.*.", "child": "referral.children.*.", "dash": "dash."}
ROLE_COLUMNS = {"referrer": REFERRER, "victim": VICTIM, "perpetrator": PERPETRATOR, "child": CHILD,
                "dash": DASH_TOP}
SECTION_KINDS = ("referrer", "victim", "perpetrator", "children", "reasons", "consent", "risks", "dash", "others")
ROW_COLUMNS = {"perpetrators": "perpetrator", "children": "child"}
NAME_PARTS = ("forename", "surname")  # joined into `name` by the resolver
ADDRESS_PARTS = ("street", "suburb", "town")  # "Street | Suburb | City" rows: joined into `address`, in this order
_PERSON_COLUMNS = frozenset(c for role in PERSONS for c in ROLE_COLUMNS[role]) | frozenset(NAME_PARTS + ADDRESS_PARTS)
# A section's own reading of a person's column: a "Name" at the foot of a DASH checklist is who completed it.
# In the perpetrator's own box, "Relationship to abuser: Son" is the victim's to him: his relationship to her.
_SECTION_COLUMNS = {"dash": {"name": "completed_by"},
                    "perpetrator": {"relationship_to_perpetrator": "relationship_to_victim"}}
# Under a checklist's own heading, the professional's name and the date at its head are the checklist's: who
# completed it and when ("Name of Professional", "Date form completed" on a stand-alone stalking checklist).
_SECTION_FIELDS = {"dash": {"referral.referrer.name": "dash.completed_by", "referral.referrer.date": "dash.date"}}

CUTOFF = 88.0
GLUED = 96.0  # the same letters, spaced differently
MARGIN = 5.0
_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"their", "his", "her"})
_FILLERS = frozenset({"of", "is", "are", "has", "have", "does", "do", "for", "their", "his", "her", "s", "to"})
_NEGATIONS = frozenset({"not", "unsafe", "non", "never", "unable"})
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
             "fifth": 4, "5th": 4, "one": 0, "two": 1, "three": 2, "four": 3, "five": 4}
_INCLUDED = re.compile(r"\(\s*(?:please\s+)?(?:include|including)\s+(\S+(?:\s+[^()\s]+){1,15})\s*\)", re.IGNORECASE)
_SAYS_WHAT = re.compile(r"\(\s*([^()\s]+(?:\s+[^()\s]+){2,15})\s*\)\s*$")
_LAST_SENTENCE = re.compile(r"[.?!]\s+(?-i:[A-Z])[^.?!]*?\b((?:would|does|do|is|are|has|have|can)\s[^.?!]{10,120}\?)"
                            r"[^.?!]*$", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^\s*([^.?!]{10,120}[.?!])\s+(?-i:[A-Z])")
# "Critical or imminent safety concerns Please list any …": three words or more before the ask (a person word the
# resolver put before "Please outline …" is no label of its own)
_BEFORE_PLEASE = re.compile(r"^\s*([^\s.?!]+(?:\s+[^\s.?!]+){2,15}?)\s+Please\s")
_NUMBERING = re.compile(r"(?:q|no)?\d{1,2}[a-z]?|[a-h]|[ivx]{1,4}")
_MEMO_SIZE = 4096
Status = Literal["ok", "none", "ambiguous", "needs_section"]


@dataclass(frozen=True)
class Match:
    status: Status
    target: str | None = None  # a path; '*' stands for a row index, '#forename' for a name part
    index: int | None = None  # row number the label itself gives ("Child 2 name"), 0-based
    candidates: tuple[str, ...] = ()


NONE = Match("none")


def owner_of(path: str) -> str | None:
    """Whose field a path is (a person of PERSONS), or None for the referral's own fields."""
    for role in PERSONS:
        if path.startswith(ROLE_BASE[role].replace("*.", "")):
            return role
    return None


def column_path(role: str, column: str) -> str | None:
    """The path of a column for a person or section role, or None if that role has no such field."""
    columns = ROLE_COLUMNS.get(role)
    if columns is None:
        return None
    column = _SECTION_COLUMNS.get(role, {}).get(column, column)
    if column in NAME_PARTS:
        return ROLE_BASE[role] + "name#" + column if "name" in columns else None
    if column in ADDRESS_PARTS or (column == "postcode" and column not in columns):  # a child's "Post Code"
        return ROLE_BASE[role] + "address#" + column if "address" in columns else None
    return ROLE_BASE[role] + column if column in columns else None


@dataclass
class LabelTable:
    """The synonym table, normalised and indexed for matching."""
    role_re: re.Pattern[str]
    role_of: dict[str, str]  # person phrase -> person
    spelling: dict[str, str]
    hints: list[tuple[str, ...]]
    sections: dict[str, str]  # heading -> section kind
    section_keywords: list[tuple[str, re.Pattern[str]]]
    entries: dict[str, list[str]] = field(default_factory=dict)  # wording -> keys
    vocabulary: frozenset[str] = frozenset()  # every word of the table's wordings
    one_word_persons: tuple[str, ...] = ()
    choices: list[str] = field(default_factory=list)  # the wordings, in a list for rapidfuzz
    glued_choices: list[str] = field(default_factory=list)  # the same, without their spaces
    # Labels whose box holds several fields (data [[combined]]): label words -> [(read as, recogniser)]
    combined: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    alias_markers: tuple[str, ...] = ()  # data [aliases] markers: "aka", "also known as", ...
    # data [option_lists]: a label that is a row of tick boxes ("Spouse ☐ Ex-spouse ☒ Partner ☐") whose
    # options are these words is read as the label it stands for -> the options, in plain words
    option_lists: dict[str, frozenset[str]] = field(default_factory=dict)
    # data [follow_ups]: "If not, why?" (label words) and, per question's path, the path it leads to
    follow_up_labels: frozenset[str] = frozenset()
    dash_comment_labels: frozenset[str] = frozenset()  # data [dash_comments]: a checklist's one comment box
    not_labels: frozenset[str] = frozenset()  # data [not_labels]: printed notes, never a field's label
    place_phone_labels: frozenset[str] = frozenset()  # data [phone_after_place]: a bare "Tel no"
    other_parties: tuple[str, ...] = ()  # data [other_parties]: "GP", "school": a label naming them is theirs
    follow_ups: dict[str, str] = field(default_factory=dict)
    _memo: dict[tuple[str, str | None], Match] = field(default_factory=dict, repr=False)
    _section_memo: dict[str, tuple[str | None, int | None]] = field(default_factory=dict, repr=False)

    # --- normalisation ---------------------------------------------------------------------

    def words(self, text: str) -> list[str]:
        def bracket(m: re.Match[str]) -> str:
            # A bracket that is only a person or a number ("Name (perpetrator)", "Perpetrator (2)")
            # says whose; any other ("(if different from victim)", "(Y/N)") is a hint.
            inner = " ".join(w for w in plain(m.group(1) or m.group(2) or "").split() if w not in _ARTICLES)
            first, _, rest = inner.partition(" ")
            ordinal = first in _ORDINALS and bool(self.role_re.fullmatch(rest))  # "(second perpetrator)"
            return f" {inner} " if inner.isdigit() or self.role_re.fullmatch(inner) or ordinal else " "
        text = re.sub(r"\(([^()]*)\)|\[([^\[\]]*)\]", bracket, text)
        words = [self.spelling.get(w, w) for w in plain(text).split() if w not in _ARTICLES]
        if len(words) > 1 and words[0] in _POSSESSIVES:
            words = words[1:]  # "Their date of birth" under "Name of the person causing harm": whose is his name's
        for hint in self.hints:
            if len(words) > len(hint) and tuple(words[-len(hint):]) == hint:
                words = words[:-len(hint)]
        joined = self.role_re.sub(lambda m: f" {self.role_of[m.group(1)]} ", " ".join(words))
        out: list[str] = []
        for w in map(self._misspelt_person, joined.split()):
            if not (out and w in PERSONS and out[-1] == w):  # "victim/survivor" is one person
                out.append(w)
        return out

    def _misspelt_person(self, word: str) -> str:
        # "Victm", "perpertrator": only for words the table does not know, so "referred" stays.
        if len(word) < 5 or word in PERSONS or not self.vocabulary or word in self.vocabulary:
            return word
        found = process.extractOne(word, self.one_word_persons, scorer=fuzz.ratio, score_cutoff=CUTOFF)
        return self.role_of[found[0]] if found else word

    def _variants(self, words: list[str]) -> list[tuple[list[str], int | None]]:
        """The label as printed, without list numbering, and without the row number a person word
        carries ("Child 2 name", "second perpetrator"); a bare trailing number ("Address line 2") is
        not a row number."""
        variants: list[tuple[list[str], int | None]] = [(words, None)]
        if len(words) > 1 and _NUMBERING.fullmatch(words[0]):
            words = words[1:]
            variants.insert(0, (words, None))
        for i, w in enumerate(words):
            if w in ("perpetrator", "child"):
                if i + 1 < len(words) and (number := _row_number(words[i + 1])) is not None \
                        and (words[i + 1].isdigit() or words[i + 2:i + 3] != ["name"]):  # "Child's First Name"
                    variants.insert(0, (words[:i + 1] + words[i + 2:], number))
                    return variants
                if i > 0 and words[i - 1] in _ORDINALS:
                    variants.insert(0, (words[:i - 1] + words[i:], _ORDINALS[words[i - 1]]))
                    return variants
        return variants

    # --- sections --------------------------------------------------------------------------

    def section(self, heading: str | None) -> tuple[str | None, int | None]:
        """(role, row index) of a heading: a person, 'dash', 'reasons', 'consent', 'risks' or None."""
        if not heading:
            return None, None
        if heading not in self._section_memo:
            _bound(self._section_memo)
            self._section_memo[heading] = self._find_section(heading)
        return self._section_memo[heading]

    def _find_section(self, heading: str) -> tuple[str | None, int | None]:
        words, index = self._variants(self.words(heading))[0]
        text = " ".join(words)
        kind = self.sections.get(text)
        if kind is None:
            kind = next((k for k, pattern in self.section_keywords if pattern.search(text)), None)
        if kind is None and text:
            best = process.extract(text, list(self.sections), scorer=fuzz.token_sort_ratio, limit=2)
            if best and best[0][1] >= CUTOFF and (len(best) < 2 or best[1][1] < best[0][1] - MARGIN
                                                  or self.sections[best[1][0]] == self.sections[best[0][0]]):
                kind = self.sections[best[0][0]]
        role = "child" if kind == "children" else kind
        return role, index if role in ("perpetrator", "child") else None

    # --- labels ----------------------------------------------------------------------------

    def match(self, label: str, section_role: str | None) -> Match:
        """What a label means under a section of the given role (None: no usable heading)."""
        key = (label, section_role)
        if key not in self._memo:
            _bound(self._memo)
            self._memo[key] = self._match(label, section_role)
        return self._memo[key]

    def _match(self, label: str, section_role: str | None) -> Match:
        found = self._match_label(label, section_role)
        included = _INCLUDED.search(label) if found is NONE else None
        if included is not None:
            # "Reason for referral (please include details of the most recent incident)": a label that
            # names no field, whose bracket says what the box holds, is read as what it holds.
            return self._match_label(included.group(1), section_role)
        bracket = _SAYS_WHAT.search(label) if found is NONE else None
        if bracket is not None:
            # "Reason for referral (current situation which has prompted the referral)": the same, said
            # without "include"; only a bracket naming a field outright is read so.
            inside = self._match_label(bracket.group(1), section_role)
            return inside if inside.status == "ok" else found
        question = _LAST_SENTENCE.search(label) if found is NONE else None
        if question is not None:
            # "The Disability Discrimination Act 1995 defines … Under this definition would the client consider
            # themselves to be disabled? Y/N": a box that explains first asks its question last
            found = self._match_label(question.group(1), section_role)
        first = (_FIRST_SENTENCE.match(label) or _BEFORE_PLEASE.match(label)) if found is NONE else None
        # "Please give details why a referral is being made? Please provide as much information as possible. …";
        # "Critical or imminent safety concerns Please list any immediate …": the label ends where the ask begins
        return self._match_label(first.group(1), section_role) if first is not None else found

    def _match_label(self, label: str, section_role: str | None) -> Match:
        if " ".join(self.words(label)) in self.not_labels:
            return NONE  # "NOTE: … accepts referrals only with consent": the form's own words, no answer
        variants = self._variants(self.words(label))
        for fuzzy in (False, True):
            fallback = NONE
            for words, index in variants:
                found = self._match_words(words, section_role, fuzzy)
                if found.status == "ok" and index is not None and "*" not in (found.target or ""):
                    continue  # "Address line 2" is not a second address; try the label as printed
                if found.status == "ok":
                    return Match("ok", found.target, index)
                if fallback is NONE and found.status != "none":
                    fallback = Match(found.status, found.target, index, found.candidates)
            if fallback is not NONE:
                return fallback
        return NONE

    def _match_words(self, words: list[str], section_role: str | None, fuzzy: bool) -> Match:
        scores: dict[str, float] = {}
        named = [w for w in dict.fromkeys(words) if w in PERSONS]
        queries: list[tuple[list[str], str | None]] = [(words, None)]
        queries += [(_remainder(words, person), person) for person in named]
        for query, person in queries:
            hits = self._hits(" ".join(query), fuzzy)
            for wording, score in hits:
                for key in self.entries[wording]:
                    target = self._target(key, wording, query, section_role, person)
                    if target is not None and score > scores.get(target, 0.0):
                        scores[target] = score
            if person is None and any(score >= CUTOFF for _, score in hits):
                break  # the label is a wording as printed: "relationship to perpetrator" is not his
        return _decide(scores, fuzzy)

    def _hits(self, text: str, fuzzy: bool) -> list[tuple[str, float]]:
        if not text:
            return []
        if not fuzzy:
            return [(text, 100.0)] if text in self.entries else []
        found = process.extract(text, self.choices, scorer=fuzz.token_sort_ratio,
                                score_cutoff=CUTOFF - MARGIN, limit=20)
        # A PDF's text breaks words apart ("Relati onship", "com munication"): the wording compared without its
        # spaces as well, all but letter for letter ("perpetrator prn" is no "perpetrator")
        glued = process.extract(text.replace(" ", ""), self.glued_choices, scorer=fuzz.ratio, score_cutoff=GLUED,
                                limit=5)
        found += [(self.choices[index], score, index) for _, score, index in glued]
        negated = bool(_NEGATIONS & set(text.split()))
        # "Who is it NOT safe to talk to" must never meet "who is it safe to talk to" halfway.
        return [(w, s) for w, s, _ in found if bool(_NEGATIONS & set(w.split())) == negated]

    def _target(self, key: str, wording: str, query: list[str], section_role: str | None,
                person: str | None) -> str | None:
        """The path a table key stands for here, or None where the guard forbids it."""
        named = {w for w in query if w in PERSONS}
        unexplained = named - set(wording.split())
        said, meant = f" {' '.join(query)} ", f" {wording} "
        if any(f" {party} " in said and f" {party} " not in meant for party in self.other_parties):
            return None  # "GP Address/ Contact" met "address … contact" halfway: the surgery's, not the child's
        if key.startswith("generic:"):
            column = key.removeprefix("generic:")
            if unexplained:
                return None
            if person is not None:
                return column_path(person, column)
            if section_role is None:
                # needs a heading to say whose; a column no person has ("Signed": who completed a DASH)
                # is simply not this label's meaning outside its section, and nothing to ask about
                return "?" + column if column in _PERSON_COLUMNS else None
            return column_path(section_role, column)
        owner = owner_of(key)
        if person is not None:
            return key if owner == person and not unexplained else None
        if unexplained:
            return key if owner is None or owner in unexplained else None
        if owner is not None and owner not in named and (section_role in PERSONS and owner != section_role
                                                         or section_role == "others" and "referr" not in wording):
            return None  # "Ethnicity" under the perpetrator's heading is not the victim's; "Name of organisation"
            # under "Agencies involved" is not the referrer's ("Date of referral" in "Referral taken by" is its date)
        if named or "referr" in wording:
            return key  # "Date of referral" under a checklist's heading is still the referral's
        return _SECTION_FIELDS.get(section_role or "", {}).get(key, key)


def _bound(memo: dict[Any, Any]) -> None:
    # The default table lives as long as the daemon: keep what it remembers of labels small.
    if len(memo) >= _MEMO_SIZE:
        memo.clear()


def _row_number(word: str) -> int | None:
    if word.isdigit() and 1 <= int(word) <= 20:
        return int(word) - 1
    return _ORDINALS.get(word)


def _remainder(words: list[str], person: str) -> list[str]:
    """A label without the person it names: "name of victim" -> "name"; "is victim pregnant" -> "pregnant"."""
    rest = list(words)
    rest.remove(person)
    while rest and rest[0] in _FILLERS | _ARTICLES:
        rest.pop(0)
    while rest and rest[-1] in _FILLERS | _ARTICLES:
        rest.pop()
    return rest


def _decide(scores: dict[str, float], fuzzy: bool) -> Match:
    concrete = sorted(((s, t) for t, s in scores.items() if not t.startswith("?")), reverse=True)
    pending = max(((s, t) for t, s in scores.items() if t.startswith("?")), default=None)
    if concrete and (pending is None or concrete[0][0] >= pending[0]):
        best, target = concrete[0]
        if best < CUTOFF:
            return NONE
        # Exact: any second path is a tie. Fuzzy: a runner-up within the margin is too close to call.
        rivals = [t for s, t in concrete[1:] if not fuzzy or s > best - MARGIN]
        if rivals:
            return Match("ambiguous", None, None, tuple(sorted({target, *rivals})))
        return Match("ok", target)
    if pending is not None and pending[0] >= CUTOFF:
        return Match("needs_section", pending[1])
    return NONE
