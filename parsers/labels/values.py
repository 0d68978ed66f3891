"""Boxes that hold more than one thing, the way real forms are filled: label and value in one cell
("Gender F", "INTERPRETER REQUIRED? Yes – Polish"), a value repeating its label ("Summary: ..."), two
fields under one label ("Telephone / email", "Referrer Name & Agency", "Name and DOB"), one column
per person with "Label: value" cells. (Values that carry more than their field once tied to it, such
as a name with its aliases, are parsers.labels.tidy's.)

How a combined label is split is data (`[[combined]]` in data/labels.toml): which labels, and for each
part the label it is read as and the recogniser that finds it (phone, email, date, postcode, or text:
what is left). Pure functions over the reader's items.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..fields import Kind, kind_of
from ..model import Labelled, RawValue, RowTable
from ..normalise import NotUnderstood, clean_text, parse_bool
from ..printed import colon_pairs
from ..ticks import has_mark, tokens
from .adult_lines import adult_lines
from .answers import NOT_LISTED, chosen_reason, no_and_why, per_person, stated, ticked_lines, ticked_options
from .in_sentence import labelled_in_sentence
from .label_inside import label_with_value
from .listed_fields import listed_fields
from .matcher import LabelTable, plain
from .person_line import person_line
from .recognisers import EDGES, UNCLEAR, split_value

__all__ = ["expand"]

# --- items -------------------------------------------------------------------------------------

def expand(items: list[Labelled], tables: list[RowTable], table: LabelTable,
           warn: Callable[[str], None] | None = None) -> tuple[list[Labelled], list[RowTable]]:
    """The reader's items with combined boxes taken apart, and tables of one column per person turned
    into labelled items under each person. `warn` hears of a combined box that could not be split."""
    kept: list[RowTable] = []
    people: list[Labelled] = []
    for t in tables:
        columns = _person_columns(t, table)
        if columns is None:
            kept.append(t)
        else:
            people += columns
    out: list[Labelled] = []
    households: set[str] = set()
    for item in (part for whole in _option_runs([*items, *people], table) for part in per_person(whole, table)):
        if (adults := adult_lines(item, table)) is not None:
            if str(item.value) not in households:  # the same adults typed again in each child's box
                kept.append(adults)
                households.add(str(item.value))
            continue
        if out and _box_after(out[-1], item, table):
            # "2) VISIBLE HIGH RISK | 14 or more ticks ... | ☒": the box at the end of the criterion's row.
            # As for a box before the words, only a ticked one is read.
            out[-1] = replace(out[-1], value=True if _only_a_mark(item.label) else None)
            continue
        out.extend(_not_an_explanation(part, table) for part in _split_item(item, table, warn))
    return out, kept


def _box_after(before: Labelled, item: Labelled, table: LabelTable) -> bool:
    """A label that is only a tick box with nothing beside it, right after a criterion of the reasons
    for referral whose own box held only its explanation (so no answer)."""
    if _given_text(item.value) or _only_a_mark(item.label) is None or before.value is not None \
            or before.section != item.section:
        return False
    found = table.match(before.label, None)
    return found.status == "ok" and (found.target or "").startswith("referral.reasons.") \
        and kind_of(found.target or "") is Kind.BOOL


def _not_an_explanation(item: Labelled, table: LabelTable) -> Labelled:
    """ "Visible high risk | 14 or more 'yes' answers on the DASH": the sentence printed after a
    criterion explains it and is not its answer (no value, and no problem: the form's answer is
    elsewhere)."""
    if not isinstance(item.value, str) or len(item.value.split()) < 3:
        return item
    found = table.match(item.label, None)
    if found.status != "ok" or not (found.target or "").startswith("referral.reasons.") \
            or kind_of(found.target or "") is not Kind.BOOL:
        return item
    try:
        parse_bool(item.value)
    except NotUnderstood:
        return replace(item, value=None)
    return item


def _ok(table: LabelTable, label: str) -> bool:
    return table.match(label, None).status in ("ok", "needs_section")


def _split_item(item: Labelled, table: LabelTable, warn: Callable[[str], None] | None = None) -> list[Labelled]:
    mark = _only_a_mark(item.label)
    if mark is not None and isinstance(item.value, str) and item.value.strip():
        # "☒ | VISIBLE HIGH RISK – 14 or more ...": the box sits before the words it ticks. Such boxes
        # make a "tick one" list, where a box left empty says nothing for sure (and a PDF reader shows
        # a box whose state it cannot read as empty), so only a ticked one is read.
        item = replace(item, label=item.value, value=True if mark else None)
    listed = ticked_lines(item.value) if isinstance(item.value, str) else NOT_LISTED
    if listed is not NOT_LISTED:
        if kind_of(table.match(item.label, None).target or "") is Kind.TEXT:
            item = replace(item, value=listed)  # "☐ Right to life ☒ Vital interests …": the ground ticked
        else:  # "Reason for referral | ☐ Visible high risk ☒ Professional judgement": each option a box of its own
            return [part for line in ticked_options(str(item.value))
                    for part in _split_item(replace(item, label=line[0], value=line[1]), table, warn)]
    reason = no_and_why(item, table)
    if reason is not None:
        return reason
    statement = stated(item, table)
    if statement is not None:
        return [statement]
    chosen = chosen_reason(item, table)
    if chosen is not None:
        return chosen
    options = _options_as_label(item, table, warn)
    if options is not None:
        return [options]
    line = person_line(item, table)  # "Victim: Grace EVANS-PRICE, DOB 17/10/1974, 25 Hawthorn Drive, … BS5 0XJ"
    if line is not None:
        return line
    listed = listed_fields(item, table)  # "Ethnicity, disability and gender" over "White Polish, no disability, F"
    if listed is not None:
        return listed
    words = " ".join(table.words(item.label))
    parts = table.combined.get(words)
    if parts is not None and isinstance(item.value, str):
        split = split_value(item.value, parts)
        if any(value == UNCLEAR for _, value in split):
            if warn is not None:
                warn(f"the box '{' '.join(item.label.split())[:80]}' holds more than one answer and they "
                     "could not be told apart; they were not used")
            split = [(label, None if value == UNCLEAR else value) for label, value in split]
        return [replace(item, label=label, value=value) for label, value in split]
    if not _ok(table, item.label):
        shorter = _known_start(item, table)
        if shorter is not None:
            return shorter
    value = item.value
    if not _given_text(value):
        inside = label_with_value(item.label, table)
        if inside is not None:
            return _split_item(replace(item, label=inside[0], value=inside[1]), table, warn)
        return [item]
    if isinstance(value, str):
        repeated = re.match(r"^\s*([^:\n]{3,100}?)\s*:\s*(\S.*)$", value, re.DOTALL)
        if repeated and _same_field(table, repeated.group(1), item.label):
            return [replace(item, value=repeated.group(2).strip())]
        second = _second_label(item, value, table)
        if second is not None:
            return second
        if repeated and table.section(repeated.group(1))[0] in ("victim", "perpetrator") \
                and (people := _people_in_notes(item, value, table)):
            return [item, *people]  # "Notes: Alleged perpetrator: Mohammed VAUGHAN (son), DOB 02/06/1988. …"
        if not _ok(table, item.label):  # "Reported to the police? Yes – crime ref EX/61544/26, OIC DC Llewellyn"
            return [item, *labelled_in_sentence(item, table)]
    return [item]


_LABEL_INSIDE = re.compile(r"^(?P<first>\S.{0,59}?)\s+(?P<label>[^\s:][^:\n]{1,58}?)\s*:\s*(?P<value>\S[^:\n]{0,58})$")


_NEXT_PERSON = re.compile(r"(?<=[.;])\s+(?=[A-Z][^:\n]{2,60}:\s)")


def _people_in_notes(item: Labelled, value: str, table: LabelTable) -> list[Labelled]:
    """Each person a notes box names as "Alleged perpetrator: Name (son), DOB …", one after another ("…; Alleged
    perpetrator: …"), read as person lines; the second of a role numbered so ("Alleged perpetrator 2")."""
    found: list[Labelled] = []
    seen: dict[str, int] = {}
    for piece in _NEXT_PERSON.split(value):
        said = re.match(r"^\s*([^:\n]{3,100}?)\s*:\s*(\S.*)$", piece.strip(" ;"), re.DOTALL)
        if not said or table.section(said.group(1))[0] not in ("victim", "perpetrator"):
            continue
        label = said.group(1).strip()
        seen[label] = seen.get(label, 0) + 1
        numbered = label if seen[label] == 1 else f"{label} {seen[label]}"
        found += person_line(replace(item, label=numbered, value=said.group(2)), table) or []
    return found


def _second_label(item: Labelled, value: str, table: LabelTable) -> list[Labelled] | None:
    """ "DATE OF DASH RIC | 30/10/2026   DASH RIC Score: 16": a second label printed inside the box after
    the first answer, with its own answer. Split only where the words before the colon end in a known
    label of another field than the box's own, and both answers are short."""
    flat = " ".join(value.split())
    if len(flat) > 140 or flat.count(":") != 1:
        return None
    found = _LABEL_INSIDE.match(flat)
    if found is None:
        return None
    own = table.match(item.label, None)
    if own.status != "ok" or kind_of(own.target or "") in (None, Kind.TEXT, Kind.LIST):
        return None  # a free-text box may well hold "Recent escalation: ..." as its answer
    before = found.group("first").split(" ") + found.group("label").split(" ")
    for start in range(1, len(before)):  # the longest known label ending at the colon
        label = " ".join(before[start:])
        if len(label.split()) > 8:
            continue
        other = table.match(label, None)
        if other.status == "ok" and other.target != own.target and not _same_field(table, label, item.label):
            first = " ".join(before[:start]).strip(EDGES)
            if not first:
                return None
            return [replace(item, value=first), replace(item, label=label, value=found.group("value").strip())]
    return None


def _option_runs(items: list[Labelled], table: LabelTable) -> list[Labelled]:
    """ "Husband ☐ Wife ☐ Boyfriend ☐ Family member ☒" as the reader hands it on, one tick box per option:
    a run of three or more boxes whose options are a data [option_lists] list is that one label."""
    if not table.option_lists:
        return items
    out: list[Labelled] = []
    i = 0
    while i < len(items):
        end = i
        while end < len(items) and isinstance(items[end].value, bool) and items[end].section == items[i].section \
                and len(items[end].label) <= 60:
            end += 1
        run = items[i:end]
        if len(run) >= 3:
            words = [plain(item.label) for item in run]
            for read_as, known in table.option_lists.items():
                hits = sum(w in known for w in words)
                if hits >= 3 and hits * 4 >= len(run) * 3:
                    label = " ".join(f"{item.label} {'☒' if item.value else '☐'}" for item in run)
                    out.append(replace(run[0], label=label, value=None))
                    break
            else:
                out.extend(run)
            i = end
            continue
        out.append(items[i])
        i += 1
    return out


_OTHER = re.compile(r"^other\b", re.IGNORECASE)


def _options_as_label(item: Labelled, table: LabelTable, warn: Callable[[str], None] | None) -> Labelled | None:
    """ "Spouse ☐ Ex-spouse ☒ Partner ☐ Ex-partner ☐ Other (specify) | Son": a label that is the options
    themselves (data [option_lists]). The ticked option, or the typed answer beside "Other"."""
    if not table.option_lists or len(item.label) > 400 or not has_mark(item.label):
        return None
    found = tokens(item.label)
    pairs = [(str(text).strip(), mark) for text, mark in zip(found, found[1:])
             if isinstance(text, str) and isinstance(mark, bool)]
    words = [plain(text) for text, _ in pairs]
    for read_as, known in table.option_lists.items():
        hits = sum(w in known for w in words)
        if len(pairs) < 3 or hits < 3 or hits * 4 < len(pairs) * 3:
            continue
        ticked = [text for text, mark in pairs if mark]
        typed = item.value.strip() if isinstance(item.value, str) and clean_text(item.value) else None
        trailing = found[-1] if found and isinstance(found[-1], str) else ""
        ticked_other = [t for t in ticked if _OTHER.match(t)]
        value: RawValue
        if len(ticked) > 1 or (typed and ticked and not ticked_other):
            if warn is not None:
                warn(f"the tick boxes '{' '.join(item.label.split())[:80]}' give more than one answer; "
                     "none was used")
            value = None
        elif ticked and not ticked_other:
            value = ticked[0]
        else:  # "Other (specify)", ticked or printed last without a box: what is typed is the answer
            value = typed if typed and (ticked_other or _OTHER.match(str(trailing).strip())) else None
        return replace(item, label=read_as, value=value)
    return None


def _only_a_mark(text: str) -> bool | None:
    from ..ticks import read_choice
    flat = text.strip()
    if not flat or len(flat) > 5:
        return None
    choice = read_choice(flat)
    return choice if isinstance(choice, bool) else None


_CLAUSE = re.compile(r"\s+[–—-]\s+|\s*\(|\s*:\s+|\?\s+|,?\s+(?:e\.\s?g\.?|eg|i\.\s?e\.?|such as)[\s,:]")


def _known_start(item: Labelled, table: LabelTable) -> list[Labelled] | None:
    """A label that is a known one followed by an explanation: "Visible high risk – 14 or more ticks on
    the DASH", "Is the victim pregnant? If yes, please give details". A question followed by a second
    one ("Is the victim aware? If not, why not?") holding "No – reason" gives both answers."""
    text = " ".join(item.label.split())
    cut = _CLAUSE.search(text)
    if cut is None or cut.start() < 3:
        return None
    head, rest = text[:cut.start()] + ("?" if text[cut.start():cut.end()].startswith("?") else ""), text[cut.end():]
    if not _ok(table, head):
        return None
    follow = rest.strip()
    if follow and _ok(table, follow) and isinstance(item.value, str):
        answer = re.match(r"^\s*(yes|no|y|n)\b\s*(?:[–—\-,:;.]\s*)?(.*)$", item.value, re.IGNORECASE | re.DOTALL)
        if answer:
            return [replace(item, label=head, value=answer.group(1)),
                    replace(item, label=follow, value=answer.group(2).strip() or None)]
    return [replace(item, label=head)]


def _given_text(value: RawValue) -> bool:
    return value is not None and not (isinstance(value, str) and clean_text(value) is None)


def _same_field(table: LabelTable, a: str, b: str) -> bool:
    first, second = table.match(a, None), table.match(b, None)
    if " ".join(table.words(a)) == " ".join(table.words(b)):
        return True
    return first.status == "ok" and second.status == "ok" and first.target == second.target


def _person_columns(t: RowTable, table: LabelTable) -> list[Labelled] | None:
    """A table with one column per person ("Victim | Alleged perpetrator | Alleged perpetrator 2") and
    "Label: value" cells, as labelled items titled with their person."""
    heads = [h for h in t.headers if h and h.strip()]
    if len(heads) < 2 or not all(table.section(h)[0] in ("victim", "perpetrator", "child", "referrer") for h in heads):
        return None
    cells = [c for row in t.rows for c in row if isinstance(c, str) and c.strip()]
    paired = [c for c in cells if colon_pairs(c) is not None or label_with_value(c, table) is not None]
    if not cells or len(paired) * 2 < len(cells):
        return None
    items: list[Labelled] = []
    for column, head in enumerate(t.headers):
        if not head or not head.strip():
            continue
        for row in t.rows:
            cell = row[column] if column < len(row) else None
            if not isinstance(cell, str) or not cell.strip():
                continue
            pairs = colon_pairs(cell)
            if pairs is None:
                pairs = [(cell, None)]
            items += [Labelled(_whose_label(table, head, label), value or None, t.section, title=head)
                      for label, value in pairs]
    return items


def _whose_label(table: LabelTable, head: str, label: str) -> str:
    """A cell's label with its column's person put in front ("Alleged perpetrator 2" + "Ethnicity"), so
    it is matched as that person's: the column says whose every cell is."""
    if table.section(head)[0] not in ("victim", "perpetrator", "child", "referrer"):
        return label
    with_person = f"{head} {label}"
    return with_person if table.match(with_person, None).status == "ok" else label
