"""Whose a label is, where its words do not say: its box's title, the heading above, a name label earlier in its
box, or a label beside it that names one person outright ("Perpetrator's DOB" beside a bare "D.O.B").

Split out of parsers.labels.resolver, which ties the labels to fields with what these say.
"""
from __future__ import annotations

import itertools
import re

from ..model import Labelled
from ..tables.walk import is_name_label
from .matcher import NONE, LabelTable, Match, owner_of

__all__ = ["PERSON_ROLES", "TITLE_WORDS", "among_people", "beside_named", "by_context",
           "explicit_targets", "match_in_box", "names_whom", "whose_role"]

PERSON_ROLES = ("referrer", "victim", "perpetrator", "child")
TITLE_WORDS = 5  # a heading of more words is a form's title, not a section
_NUMBERED = re.compile(r"^\s*(?:section|part|step)\s+\w{1,3}\b|^\s*\d{1,2}[a-z]?(?:[.):]\s*|\s)|^\s*[A-H][.)]\s",
                       re.IGNORECASE)  # "1b. Siblings and other related children's details", "1a.Child's details"


_DETAILS_OF = re.compile(r"^\W*(?:personal\s+)?(?:details|particulars|information)\s+(?:of|about|for)\b", re.IGNORECASE)
_TO_SERVICE = re.compile(r"^\W*(?:[\w-]+\s+){0,3}referral\s+(?:form\s+)?to\b", re.IGNORECASE)
_REFERRAL = re.compile(r"\breferral\b", re.IGNORECASE)


def _title_like(heading: str) -> bool:
    """A form's title, not a section: many words, and not numbered as a section is ("Section 1 - About the Child")."""
    return len(heading.split()) > TITLE_WORDS and not _NUMBERED.match(heading) and not _DETAILS_OF.match(heading)



def among_people(table: LabelTable, item: Labelled) -> Match | None:
    """A label in a box of people side by side ("Victim | Alleged perpetrator") that is no one column's (a
    full-width "Status of relationship: Son" row): the one person of the box whose field it can be. Two
    (a bare "Telephone") is not guessed; None when the box has no people side by side."""
    titles = list(itertools.takewhile(lambda label: not is_name_label(label), item.context))
    roles = {table.section(label)[0] for label in titles} & set(PERSON_ROLES)
    if len(roles) < 2:
        return None
    targets = {m.target for role in sorted(roles) if (m := table.match(item.label, role)).status == "ok"}
    if len(targets) == 1:
        return Match("ok", targets.pop())
    return Match("needs_section", "?" + min(targets).rpartition(".")[2].partition("#")[0]) if targets else None


def whose_role(table: LabelTable, section: str | None, title: str | None = None, context: list[str] | None = None,
           headings: list[str] | None = None) -> tuple[str | None, int | None]:
    """The role of a value: its table's own title if that names a person, else the heading above, else
    a heading further up ("Victim" over "Contact details"), else a person's name label earlier in its
    box (Labelled.title / context / headings, from the Word reader)."""
    own = table.section(title)
    label = table.match(title, None) if title else None
    if own[0] in PERSON_ROLES and not (label and label.status == "ok" and not (label.target or "").endswith(".name")):
        # (a one-row table's first label taken for its title, "Relationship to child", names no one's box)
        return own
    found = table.section(section)
    if found[0] in PERSON_ROLES and section and _TO_SERVICE.match(section):
        found = (None, None)  # "Referral to Children's Social Care" names where the form goes, not whose box
    elif found[0] in PERSON_ROLES and headings and section == headings[0] and _title_like(section):
        # the form's own title ("Salford Young Persons Domestic Abuse meeting") names no one's section
        found = (None, None)
    elif found[0] == "dash" and headings and section == headings[0] and _REFERRAL.search(section):
        # "DASH / MARAC referral" over the whole form: the title of a referral that carries a checklist, so the
        # "Date" beside the referrer's name is the referral's, not the checklist's
        found = (None, None)
    if found[0] not in PERSON_ROLES and section and (named := _for_whom(table, section)) is not None:
        return named, None
    if found[0] is None:
        for heading in reversed(headings or []):
            if (role := _for_whom(table, heading)) is not None:
                return role, None  # "Details of the adult at risk" over a topic row of its box ("Health Conditions")
            if _title_like(heading) or _TO_SERVICE.match(heading):
                continue  # a form's title ("Referral form for agencies referring...") is no section
            named = table.section(heading)
            if named[0] in PERSON_ROLES:
                return named
        for label in context or ():
            named = table.section(label)
            if named[0] in PERSON_ROLES:
                return named
    return found


_FOR = re.compile(r"\b(?:for|of)\s+(?:the\s+)?$")


def _for_whom(table: LabelTable, section: str) -> str | None:
    """ "SAFE contact details for the victim, including the best time to call; …": a heading of the details of one
    person, said as "for" or "of" one role and no other (a heading about consent or risk that names the victim only
    so is left as it is)."""
    text = " ".join(table.words(section))
    hits = [m for m in table.role_re.finditer(text) if _FOR.search(text[:m.start()])]
    roles = {table.role_of.get(m.group(1)) for m in table.role_re.finditer(text)}
    if len(hits) != 1 or len(roles) != 1 or not re.search(r"\bdetails\b", text[:hits[0].start()]):
        return None
    role = table.role_of.get(hits[0].group(1))
    return role if role in ("victim", "perpetrator") else None


def names_whom(table: LabelTable, label: str) -> str | None:
    """The person a name label names: "Perpetrator" as a heading would, or "Contact name" by its field."""
    named = table.section(label)[0]
    if named in PERSON_ROLES:
        return named
    found = table.match(label, None)
    return owner_of(found.target or "") if found.status == "ok" else None



def explicit_targets(items: list[Labelled], table: LabelTable) -> set[str]:
    """Fields some label names in its own words ("Perpetrator's DOB"), whoever's box it sits in."""
    return {m.target for item in items if (m := table.match(item.label, None)).status == "ok" and m.target}


def by_context(table: LabelTable, item: Labelled, bare: bool = True) -> bool:
    """Whose the label is came only from a name label earlier in its box: no title or heading said so (and,
    with `bare`, nor does the label itself)."""
    if (bare and table.match(item.label, None).status == "ok") or table.section(item.title)[0] in PERSON_ROLES \
            or table.section(item.section)[0] is not None:
        return False
    return not any(table.section(h)[0] in PERSON_ROLES for h in item.headings if len(h.split()) <= TITLE_WORDS)


def beside_named(table: LabelTable, item: Labelled, role: str | None, explicit: set[str]) -> Match:
    """A bare "D.O.B" beside "Perpetrator's DOB", in a box naming the client and the perpetrator: the
    perpetrator's is the one that says so, so the bare one is the other person's. Two others, or none,
    cannot be told: not used, with a problem."""
    others = []
    for label in item.context:
        named = table.section(label)[0]
        if named in PERSON_ROLES and named != role and named not in others:
            others.append(named)
    matches = [table.match(item.label, r) for r in others]
    targets = {m.target for m in matches if m.status == "ok" and m.target not in explicit}
    if len(targets) == 1:
        return Match("ok", targets.pop())
    column = (table.match(item.label, role).target or "?").rpartition(".")[2]
    return Match("needs_section", "?" + column)


# The child named as the other party of an adult's box: "Relationship to child", "Address (if different from the
# child(ren))".
_TO_CHILD = re.compile(r"\(?\s*(?:if\s+different\s+)?\b(?:to|with|from|than)\s+(?:the\s+)?(?:child|children|young person)"
                       r"(?:\(ren\))?\b[^()]*\)?", re.IGNORECASE)


def _beside_the_child(table: LabelTable, label: str, role: str | None, found: Match, nearest: str | None = None
                     ) -> Match:
    """A label in the victim's or the perpetrator's box that names the child only as the other party is the adult's
    own field ("Address (if different from the child(ren))": hers), or none of the referral's ("Relationship to
    child": what she is to the child, which no field holds), never the child's; nor in a box of people outside the
    household ("Significant others"). The referrer's "Relationship to
    child(ren) being referred", after the name of the person completing the referral, is the referrer's role."""
    if not (found.target or "").startswith("referral.children.") or not _TO_CHILD.search(label):
        return found
    if (role or nearest) == "referrer" and (found.target or "").endswith(".relationship_to_victim"):
        return Match("ok", "referral.referrer.role")
    if role == "others":
        return NONE  # what a relative outside the household is to the child: no field of the child's
    if role not in ("victim", "perpetrator"):
        return found
    own = table.match(_TO_CHILD.sub(" ", label), role)
    return own if own.status == "ok" and not (own.target or "").startswith("referral.children.") \
        and not (own.target or "").endswith(("relationship_to_victim", "relationship_to_perpetrator")) else NONE


_YOUR = re.compile(r"^\s*your\s+(?=\S)", re.IGNORECASE)
_TO_YOU = re.compile(r"\b(to|with)\s+you\b", re.IGNORECASE)


def match_in_box(table: LabelTable, label: str, role: str | None, nearest: str | None) -> Match:
    """What a label means in its box: as the table matches it under the box's role, then read as the adult's own
    field or the referrer's where it names the child only as the other party (_beside_the_child). Under the victim's
    heading a form she fills in herself (a stalking log, a self-referral) says "you" for her: "Your name" is hers, and
    the man's "Relationship to you" is his to her."""
    if role == "victim" and _YOUR.match(label) and (own := table.match(_YOUR.sub("", label), role)).status == "ok":
        return own
    if role == "perpetrator" and _TO_YOU.search(label) \
            and (own := table.match(_TO_YOU.sub(r"\1 victim", label), role)).status == "ok":
        return own
    return _beside_the_child(table, label, role, table.match(label, role), nearest)
