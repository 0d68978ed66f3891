"""Tie what a reader found on the page to canonical paths: labelled values, person tables, DASH lines.

`resolve` runs between reading and assembling (parsers.parse_bytes). Values the reader already tied
to a path (tags, field names of the service's own forms) always win; labels only fill what is still
empty. Labels are matched with the synonym table of data/labels.toml (see parsers.labels.matcher).
Problems name labels and fields, never values: values are personal data.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..fields import Kind, kind_of
from ..model import Labelled, RawForm, RawValue, RowTable
from ..normalise import clean_text, is_unknown_text, parse_bool_or_none
from ..problem import Problem, Severity
from ..tables.cells import no_entry
from .adults import adult_rows, named_elsewhere, row_names
from .answers import LISTED, further_victim, stands_in
from .blocks import numbered
from .dash_comments import put_comments
from .dash_resolve import dash_lines
from .household import household
from .matcher import ADDRESS_PARTS, NONE, ROLE_BASE, LabelTable, Match, owner_of
from .meaning import gender_in_label, gender_out_of_names, read_legend, says_as_above, settle
from .people_tables import ROW_ROLES, as_own_column, known_child, row_role_of, table_columns
from .per_name import split_per_name
from .prepare import prepare
from .presumed import victim_so_far
from .problem_text import AGAIN, UNSAID, describe, one_per_box, one_per_person, shown
from .said_of_all import apply_shared
from .synonyms import load_table
from .tidy import tidy
from .whose import (
    PERSON_ROLES,
    among_people,
    beside_named,
    by_context,
    explicit_targets,
    match_in_box,
    names_whom,
    whose_role,
)

__all__ = ["resolve"]

def _given(value: RawValue) -> bool:
    """A value is there (False counts: an unticked box says no)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _bare_yes(value: RawValue) -> bool:
    return value is True or (isinstance(value, str) and len(value.split()) == 1 and parse_bool_or_none(value) is True)


def _worth_reporting(value: RawValue) -> bool:
    return _given(value) and value is not False


class _Out:
    """The fields being built, with the paths the reader's tags already settled."""

    def __init__(self, raw: RawForm) -> None:
        self.fields: dict[str, RawValue] = dict(raw.fields)
        self.problems: list[Problem] = list(raw.problems)
        self.tagged = {p for p, v in raw.fields.items() if "=" not in p and _given(v)}
        self.tagged |= {p.partition("=")[0] for p, v in raw.fields.items() if "=" in p and v not in (None, False, "")}
        self.name_parts: dict[str, dict[str, RawValue]] = defaultdict(dict)
        self.said_by: dict[str, str] = {}  # the label each value was read from

    def warn(self, message: str, path: str | None = None, severity: Severity = "warning") -> None:
        self.problems.append(Problem(message, path, severity))

    def put(self, path: str, value: RawValue, label: str) -> None:
        path, _, part = path.partition("#")
        if part:
            if _worth_reporting(value):
                self.name_parts[path].setdefault(part, value)
            return
        if path in self.tagged:
            return
        earlier = self.fields.get(path)
        if _given(earlier) and stands_in(earlier) and isinstance(value, str) and not stands_in(value) \
                and _given(value):
            # "Nationality: British ☐ Other ☒" then "If other, state: Polish"; "House ☒ No. of bedrooms 3" then
            # "Tenure: Privately rented": the plain answer says what the first box could not
            self.fields[path] = value
            return
        if (earlier is False or _bare_yes(earlier)) and isinstance(value, str) and not _bare_yes(value) \
                and kind_of(path) == Kind.TEXT and _given(value):
            # an unticked "Organisational ☐" is no agency; "Interpreter needed? Yes" then "If yes, which language?
            # Polish": the typed answer is the field's value
            self.fields[path] = value
            return
        if isinstance(earlier, bool) and isinstance(value, bool) and label != self.said_by.get(path):
            self.fields[path] = earlier or value  # a grid of ticks for one field ("Physical ☐ Learning ☒ disability")
            return
        if _given(earlier):
            if path.endswith(".address") and says_as_above(value):
                return  # "As above" in the household table, the child's address given in its own box before
            if _worth_reporting(value) and value != earlier and not (isinstance(value, str) and clean_text(value) is None):
                self.warn(AGAIN.format(label=shown(label), field=describe(path)), path)
            return
        if _given(value) or path not in self.fields:
            self.fields[path], self.said_by[path] = value, label

    def next_row(self, role: str) -> int:
        """The first row index after every row already given (by tags, labels or earlier tables)."""
        prefix = ROLE_BASE[role].removesuffix("*.")
        # A row that is only a box said of them all ("Address of children: Same as client") names nobody:
        # the table of their names and dates of birth starts there.
        keys = [p for p, v in self.fields.items() if _given(v) and p.endswith((".name", ".dob"))] + [
            p for p in self.name_parts if p.endswith(".name")]  # (an address's "Postcode" part names no one)
        rows = [k[len(prefix):].partition(".")[0] for k in keys if k.startswith(prefix)]
        return max((int(r) for r in rows if r.isdigit()), default=-1) + 1

    def join_names(self) -> None:
        # "Forename" and "Surname" boxes make one name, "Street", "Suburb" and "City" one address, unless the
        # form also had a box for the whole
        for path, parts in self.name_parts.items():
            order, glue = (ADDRESS_PARTS, ", ") if path.endswith(".address") else (("forename", "surname"), " ")
            whole, code = self.fields.get(path), parts.get("postcode")
            if set(parts) == {"postcode"} and isinstance(whole, str) and isinstance(code, str) and whole.strip():
                if code.strip().casefold() not in whole.casefold():  # "Address" then its own "Post Code" box
                    self.fields[path] = f"{whole.strip()}, {code.strip()}"
                continue
            if path.endswith(".address") and not path.startswith("referral.referrer.") \
                    and not isinstance(parts.get("street"), str):
                # "Town / City" and "Postcode" read, the box before them not: a victim's address without its first
                # line would pass for the whole one (a referrer may well give only a town)
                self.warn(f"the {describe(path)} was read only in part (no first line); it was not used", path)
                continue
            joined = glue.join(str(parts[p]).strip() for p in order if isinstance(parts.get(p), str))
            code = self.fields.get(path.removesuffix("address") + "postcode", code) if path.endswith(".address") \
                else None
            if joined and isinstance(code, str) and code.strip() and code.strip().casefold() not in joined.casefold():
                joined = f"{joined}, {code.strip()}"  # its own "Postcode" box ends the address made of parts
            if joined and path not in self.tagged and not _given(self.fields.get(path)):
                self.fields[path] = joined


class _Rows:
    """Row numbers for people given as label/value pairs. Under a perpetrator (or children) heading, a
    column seen again starts the next person; a label elsewhere ("Perpetrator's DOB" among the
    victim's details) joins the current person and never starts one."""

    def __init__(self) -> None:
        self.current: dict[str, int] = {}
        self.used: dict[tuple[str, int], set[str]] = defaultdict(set)

    def index(self, role: str, column: str, given: int | None, in_own_section: bool, filled: bool = True) -> int:
        index = self.current.get(role, 0) if given is None else given
        if given is None and in_own_section and filled and column in self.used[(role, index)]:
            index += 1  # a second "Contact tel no." left blank in his box starts no one
        self.current[role] = index
        if in_own_section and filled:  # an empty "Home Tel" before "Mobile" is no phone of his yet
            self.used[(role, index)].add(column)
        return index


def _report(out: _Out, label: str, found: Match) -> None:
    if found.status == "ambiguous":
        fields = " or ".join(describe(c) for c in found.candidates)
        out.warn(f"the label '{shown(label)}' could be the {fields}; it was not used")
    elif found.status == "needs_section":
        column = (found.target or "?").lstrip("?").replace("_", " ") or "value"  # no field named: "whose value"
        out.warn(UNSAID.format(label=shown(label), column=column))


_FALLBACK_ROLES = ("referrer", "victim")
_POSSESSIVE = re.compile(r"^\s*(?:their|his|her)\s", re.IGNORECASE)
_HAS_OWN_PHONE = (".gp", ".school")  # a phone label right after these is theirs


def _labelled(items: list[Labelled], table: LabelTable, out: _Out) -> None:
    rows = _Rows()
    listed: set[tuple[str, str | None]] = set()  # (role, section) whose people one box listed, numbered
    owners: dict[str | None, set[str | None]] = defaultdict(set)  # section -> whose fields it gave so far
    before: tuple[str | None, RawValue] = (None, None)  # the item just before (field, value), for a follow-up
    explicit = explicit_targets(items, table)
    for item in items:
        role, section_index = whose_role(table, item.section, item.title, item.context, item.headings)
        found = match_in_box(table, item.label, role, names_whom(table, item.context[0]) if item.context else None)
        if found.status == "none" and role in ("victim", "perpetrator", "child") and item.title is None \
                and (own := table.match(item.label, None)).status == "ok" and owner_of(own.target or "") == "referrer" \
                and (role != "child" or own.target == "referral.referrer.date") \
                and not (role == "perpetrator" and _given(out.fields.get(own.target or ""))):
            # "Referring Agency" in the box a "Personal Information" heading opened: the referrer's, as it says; the
            # referral's date under a "Children's … Referral Form" title. Under his heading once the referrer's is read,
            # "Organisation: N/A – not a professional" is his, not theirs
            found = own
        nearest = names_whom(table, item.context[0]) if item.context else None
        if found.status == "ok" and role in PERSON_ROLES and nearest in PERSON_ROLES and nearest != role \
                and _given(out.fields.get(found.target or "")) and item.title is None:
            # "Personal Information" over one box that goes on to "Name of abuser: …", "Date of birth: …": a
            # second "Date of birth" is not the victim's again but the person's named just before it
            found = table.match(item.label, nearest)
        elif found.status != "ok" and nearest in PERSON_ROLES and nearest != role and item.title is None \
                and role != "others" \
                and (role not in ("victim", "perpetrator") or (role == "victim" and found.status == "none"
                                                               and "victim" in table.words(item.label)[1:])):
            # a checklist's head: "Name of Stalker", then his "Date of birth"; "Name of Woman being referred" under
            # the children's heading, then "Ethnic origin code", which no child has: the person just named has it. Under
            # the victim's heading, "Relationship to the applicant" after his name is his: it names her as the other
            found = table.match(item.label, nearest)
        if nearest in PERSON_ROLES and _POSSESSIVE.match(item.label) \
                and (own := table.match(item.label, nearest)).target:
            found = own  # "Their address (if known)" after "Name of the person causing harm": his, whoever's box
        if found.status == "none" and (own := table.match(item.label, None)).status == "ok" \
                and by_context(table, item, bare=False):
            # "Safe contact number" after "Perpetrator's name" in a box naming the client too: it says whose. A
            # label anyone has ("Ethnicity") is the person's named just before it, as his box would say
            his = table.match(f"{nearest} {item.label}", None) if nearest in ROW_ROLES else NONE
            found = his if his.status == "ok" and owner_of(his.target or "") == nearest else own
        if found.status != "ok" and role in (None, "victim", "perpetrator") \
                and (nearest == "perpetrator" or table.section(item.section)[0] != "victim") \
                and table.match(item.label, None).target == "?relationship_to_perpetrator":
            # "Relationship with perpetrator: Son" outside a table of children: the victim's to him, so his to her.
            # Under her own heading ("PRIMARY VICTIM … Relationship to alleged perpetrator: Mother") it is what she
            # is to him, which is not his field: left to his own box
            found = Match("ok", ROLE_BASE["perpetrator"] + "relationship_to_victim", 0)  # the first, named one
        if found.status != "ok" and role in (None, "victim") and table.match(item.label, None).target == "?date" \
                and not _given(out.fields.get("referral.referrer.date")):
            found = Match("ok", "referral.referrer.date")  # a bare "Date" the victim has none of: the form's own
        if found.status == "ok" and found.target in explicit and by_context(table, item):
            found = beside_named(table, item, role, explicit)
        if item.title is None:
            # the people side by side in its own box say more than a heading above the box
            found = among_people(table, item) or found
        (after, answer), before = before, (None, None)
        if after in table.follow_ups and " ".join(table.words(item.label)) in table.follow_up_labels:
            # "If not, why?" right after "Has the victim consented?": the reason for sharing without consent
            mapped = table.follow_ups[after]
            if not (parse_bool_or_none(answer) is True if isinstance(answer, (str, bool)) else False):
                found = Match("ok", mapped)
            elif found.status == "ok" and found.target != mapped and found.target in table.follow_ups.values():
                # after a yes, "If not, why not?" is not some other question's reason either ("N/A" says nothing)
                if _worth_reporting(item.value) and not (isinstance(item.value, str) and clean_text(item.value) is None):
                    out.warn(f"the label '{shown(item.label)}' is answered though the question before it was "
                             "answered yes; it was not used", mapped)
                continue
        if found.status == "needs_section" and role is None:
            # A heading that names no one ("MARAC REFERRAL FORM"), whose labels so far were all one
            # person's ("Date of referral", "Name and role of person completing referral"): a bare
            # "Telephone" among them is that person's too. Never when two people's fields were given.
            given = owners[item.section] - {None}
            if len(given) == 1 and (whose := next(iter(given))) in _FALLBACK_ROLES:
                found = table.match(item.label, whose)
        titled = table.section(item.title)[0] if item.title else None
        if titled not in ROW_ROLES and role in ROW_ROLES \
                and all(table.section(label)[0] in (role, None) for label in item.context):
            # Under his heading ("Perpetrator details"), in a box that names no one else: the box is his, as
            # if titled so. A referrer writes his ethnicity under his heading, as his date of birth; a box
            # that also named the victim ("Victim name" above) does not say whose it is.
            titled = role
        if found.status != "ok" and titled in ROW_ROLES:
            # The box's own title names the person ("Alleged perpetrator" over his column): his label
            # reads as if it named him ("Ethnicity" -> "perpetrator ethnicity").
            named = table.match(f"{titled} {item.label}", None)
            if named.status != "ok":
                named = as_own_column(table.match(item.label, None), titled)
            found = named if named.status == "ok" else found
        if found.status != "ok" or found.target is None:
            if _worth_reporting(item.value) and role != "others" and not no_entry(item.value) \
                    and not (isinstance(item.value, str) and is_unknown_text(item.value)):
                _report(out, item.label, found)  # (another agency's details, "N/A", "Not known": nothing is lost)
            continue
        path = found.target
        if path.startswith("referral.children.") and path.endswith(".name") and isinstance(item.value, str) \
                and _NO_CHILD.match(item.value):
            continue  # "Children: 2", "No children", "As client": a count, none or the same ones, not a name
        if path == "referral.additional_information" and (table.section(item.title)[0] in ROW_ROLES
                                                           or table.section(item.section)[0] == "child"):
            continue  # "Additional information" in a child's column or box is about the child, not the referral
        if path.endswith(".phone") and (after or "").endswith(_HAS_OWN_PHONE) \
                and " ".join(table.words(item.label)) in table.place_phone_labels:
            continue  # "GP: Dr Abbott" then "Tel no": the surgery's number, not the person's
        before = (path, item.value)
        owners[item.section].add(owner_of(path))
        row_role = row_role_of(path)
        if row_role is not None:
            column = path.rpartition(".")[2]
            given = found.index if found.index is not None else section_index
            if (item.title or "").endswith(LISTED):
                listed.add((row_role, item.section))
            elif given is None and (row_role, item.section) in listed:
                if _worth_reporting(item.value):  # "Address: 1 Road" beside "Names: 1) … 2) …": whose?
                    out.warn(f"the label '{shown(item.label)}' gives one answer in a box that lists several people, "
                             "so whose it is cannot be told; it was not used", ROLE_BASE[row_role].removesuffix(".*."))
                continue
            filled = _given(item.value) and not no_entry(item.value)  # "Current address if different: N/A": none
            path = path.replace("*", str(rows.index(row_role, column, given, role == row_role, filled)))
        further = further_victim(item.section) if role == "victim" else None
        if further is not None and path.startswith("referral.victim."):
            # The victim box copied for a second victim ("Victim 2", from the Word reader).
            path = f"referral.additional_victims.{further}." + path.removeprefix("referral.victim.")
        gender_in_label(item.label, path, out.fields)  # "Forename(s) (F)"
        out.put(path, item.value, item.label)


_NO_CHILD = re.compile(r"^\s*(?:\d{1,2}|none|nil|zero|no|no children|n/a|not applicable|(?:same )?as (?:client|victim|above|"
                       r"partner))\s*\.?\s*$", re.IGNORECASE)  # "As client": the other column's children again


def _tables(tables: list[RowTable], table: LabelTable, out: _Out, texts: list[str], hers: bool = False) -> None:
    clauses, slots = named_elsewhere(out.fields, {n for t in tables for n in row_names(t, table) if n})
    texts = texts + clauses  # "Alleged perpetrator(s): …" ties a family table's rows as the concerns text does
    for t in tables:
        found, victim = table_columns(t, table), victim_so_far(out.problems, out.fields, hers)
        if found is not None and found[0] == "?":
            cells = adult_rows(t, table, texts, out.next_row("perpetrator"), slots, out.warn, victim)
            for path, value, header in cells or [(None, shown(", ".join(t.headers)), None)]:
                out.put(path, value, header) if path else out.warn(f"a table headed '{value}' could list children "
                                                                   "or perpetrators; it was not read")
            continue
        if found is None or not any(found[1]):
            continue  # not a table of people
        role, columns = found
        if role == "child":  # "Mother – victim" in the household table of a children's form is no child
            t = household(t, table, out.next_row("perpetrator"), out.put, out.warn, texts, slots, victim)
            columns = (table_columns(t, table) or found)[1] if len(t.headers) != len(columns) else columns
        index = out.next_row(role)
        names = row_names(t, table)
        for row, name in zip(t.rows, names):
            if not any(_worth_reporting(cell) for column, cell in zip(columns, row) if column):
                continue  # a blank row, or one with only a row number in it
            known = known_child(out.fields, name, out.name_parts) if role == "child" else None
            at = known[0] if known else index
            if known and known[1]:
                out.fields[f"referral.children.{at}.name"] = name  # "Owen" read before: the full name
            for header, column, cell in zip(t.headers, columns, row):
                if column is not None:
                    out.put(column.replace("*", str(at)), cell, header)
            index += known is None


def resolve(raw: RawForm, table: LabelTable | None = None) -> RawForm:
    """A new RawForm whose `fields` also hold what the labels, tables and DASH lines say."""
    out = _Out(raw)
    boxes: list[dict[int, str]] = []
    if raw.labelled or raw.tables:
        table = table or load_table()
        ready = prepare(raw.labelled, raw.tables, table, out.warn, bool(raw.dash_lines))
        labelled, tables, boxes = ready.labelled, ready.tables, ready.boxes
        _labelled(labelled, table, out)
        _tables(tables, table, out, [i.value for i in labelled if isinstance(i.value, str)], ready.hers)
        for block in ready.later:  # "Other significant adults": "Alleged to be causing harm? Y", the next perpetrator
            _labelled(numbered(block, out.next_row("perpetrator") + 1), table, out)
        apply_shared(ready.shared, out.fields, out.put)
    version = dash_lines(raw.dash_lines, out)
    put_comments(boxes, version, out.fields, out.tagged, out.warn)
    gender_out_of_names(out.name_parts, out.fields, out.tagged)  # "Grace (F)" in a forename box
    out.join_names()
    split_per_name(out.fields, out.tagged)  # "Kieran: Boyfriend; Liam: Husband" in one box
    tidy(out.fields, out.tagged, out.warn, table)  # aliases in names, notes after phones, interpreters
    legend = read_legend(raw.labelled)  # an ethnicity legend the form prints, for codes typed alone
    settle(out.fields, out.tagged, out.warn, (table or load_table()).option_lists.get("relationship to victim",
                                                                                      frozenset()), legend)
    return RawForm(raw.kind, out.fields, list(raw.labelled), list(raw.tables), list(raw.dash_lines),
                   one_per_person(one_per_box(out.problems)), version or raw.dash_version)
