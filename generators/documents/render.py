"""Render the meeting documents (agenda, research forms, minutes skeleton, action lists) from templates.

Pure functions: template bytes and records in, .docx bytes out; no files, no network, no logging.
Values are data, never template source: the context holds plain strings that Jinja escapes on output
(autoescape), so `Zoë O'Brien & <Tom>` prints as written and `{{ 7*7 }}` in a form value prints as
typed. Ordering rules live here, not in the templates, in SafeLives' order: new cases with children
first (children's agencies may then leave), then adult-only new cases, then cases heard here 12 months or
more ago (`CaseEntry.twelve_months_passed`), each group by case number. Statuses print as the tracker's
drop-down spells them (`MeetingPack.statuses`), whatever case the store keeps. The names the context
provides are listed in check.EXPECTED (a test keeps the two in step).
"""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from .model import Action, Agency, CaseEntry, Meeting, MeetingPack, Person

Context = dict[str, Any]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NOT_KNOWN = "not known"
NOT_GIVEN = "name not given"
# XML 1.0 forbids these control characters; docxtpl would also turn \a and \f into paragraph and page breaks.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class RenderError(ValueError):
    """A template that cannot be rendered (a typo that check-config would have reported, or bad syntax)."""


def format_date(day: dt.date | None, missing: str = NOT_KNOWN) -> str:
    """'8 December 2026'; month names spelt out here so the server's locale cannot change them."""
    if day is None:
        return missing
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def clean(text: str | None, missing: str = "") -> str:
    """A value safe to put in a document: line endings normalised, XML-illegal characters dropped."""
    if text is None:
        return missing
    text = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or missing


def case_number_key(case_number: str) -> tuple[Any, ...]:
    """Natural order, so EXM-2026-10 follows EXM-2026-9 whatever the padding."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.findall(r"\d+|\D+", case_number))


def order_cases(cases: Iterable[CaseEntry]) -> tuple[list[CaseEntry], list[CaseEntry], list[CaseEntry]]:
    """(new cases with children, new adult-only cases, cases whose 12 months have passed), each by case
    number; the last group has its cases with children first too."""
    ordered = sorted(cases, key=lambda case: case_number_key(case.case_number))
    new = [c for c in ordered if not c.twelve_months_passed]
    returning = sorted((c for c in ordered if c.twelve_months_passed), key=lambda c: not c.has_children)
    return [c for c in new if c.has_children], [c for c in new if not c.has_children], returning


def same_agency(a: str | None, b: str | None) -> bool:
    """Agency names as typed by different people: ignore case and spacing."""
    def norm(name: str | None) -> str:
        return " ".join((name or "").split()).casefold()
    return norm(a) == norm(b)


def person_context(person: Person) -> Context:
    name, dob = clean(person.name, NOT_GIVEN), format_date(person.dob)
    return {"name": name, "dob": dob, "aliases": "; ".join(clean(a) for a in person.aliases if clean(a)),
            "address": clean(person.address), "relationship": clean(person.relationship),
            "school": clean(person.school), "summary": f"{name} (DOB {dob})"}


def repeat_text(case: CaseEntry) -> str:
    if not case.repeat:
        return "No"
    previous = clean(case.previous_case)
    return f"Repeat (previous case {previous})" if previous else "Repeat"


def flags_text(case: CaseEntry) -> str:
    """The agenda's flags, one per line: repeat, transfer, heard here before."""
    flags = [repeat_text(case)] if case.repeat else []
    if clean(case.transferred_from):
        flags.append(f"Transferred from {clean(case.transferred_from)}")
    if case.twelve_months_passed:
        flags.append(f"Last heard {format_date(case.last_heard)}" + (
            f" (case {clean(case.last_heard_case)})" if clean(case.last_heard_case) else ""))
    return "\n".join(flags) or "New"


def reason_text(case: CaseEntry) -> str:
    reasons = "\n".join(clean(r) for r in case.reasons if clean(r)) or "Reason not given"
    score = f"DASH score {case.dash_score}" if case.dash_score is not None else "DASH score not given"
    return f"{reasons}\n{score}"


def case_context(case: CaseEntry) -> Context:
    perpetrators = [person_context(p) for p in case.perpetrators]
    children = [person_context(c) for c in case.children]
    return {
        "case_number": clean(case.case_number), "repeat": case.repeat, "repeat_text": repeat_text(case),
        "previous_case": clean(case.previous_case), "flags_text": flags_text(case),
        "reason_text": reason_text(case), "dash_score": "" if case.dash_score is None else str(case.dash_score),
        "transferred_from": clean(case.transferred_from),
        "referring_agencies": "\n".join(clean(a) for a in case.referring_agencies if clean(a)),
        "victim": person_context(case.victim), "perpetrators": perpetrators, "children": children,
        # One line per person: a coordinator's template needs one tag per cell, not a nested loop.
        "perpetrators_text": "\n".join(p["summary"] for p in perpetrators) or "None recorded",
        "children_text": "\n".join(c["summary"] for c in children) or "None recorded",
        "has_children": case.has_children,
    }


def meeting_context(meeting: Meeting) -> Context:
    area = clean(meeting.area_name)
    # Areas are configured as "Exampleshire" or "Exampleshire MARAC"; print MARAC once either way.
    name = area if area.casefold().endswith("marac") else f"{area} MARAC"
    name = f"Emergency {name}" if meeting.emergency else name
    return {"name": name, "area_name": area, "date": format_date(meeting.date), "time": clean(meeting.time),
            "venue": clean(meeting.venue), "chair": clean(meeting.chair)}


def status_text(status: str | None, statuses: Sequence[str]) -> str:
    """A status as the tracker's drop-down spells it ("open" is printed "Open"); any other as typed."""
    words = " ".join(clean(status).split())
    return next((listed for listed in statuses if listed.casefold() == words.casefold()), words)


def action_context(action: Action, pack: MeetingPack) -> Context:
    person = action.victim or next((c.victim for c in pack.cases if c.case_number == action.case_number), None)
    victim = person_context(person)["summary"] if person else ""  # as the agenda prints it
    return {"action_ref": clean(action.action_ref), "case_number": clean(action.case_number),
            "description": clean(action.description), "agency": clean(action.agency),
            "owner": clean(action.owner), "deadline": format_date(action.deadline, "not set"),
            "status": status_text(action.status, pack.statuses), "agreed": format_date(action.meeting, ""),
            "victim": victim}


def agency_context(agency: Agency) -> Context:
    return {"name": clean(agency.name), "representative": clean(agency.representative),
            "children_agency": agency.children_agency}


def sorted_actions(actions: Iterable[Action]) -> list[Action]:
    return sorted(actions, key=lambda a: (case_number_key(a.case_number), a.deadline or dt.date.max,
                                          a.action_ref))


def _case_groups(pack: MeetingPack, agency: Agency | None) -> tuple[list[Context], ...]:
    def build(case: CaseEntry) -> Context:
        context = case_context(case)
        if agency is not None:  # the agency already holds its own referral: say so on its research form
            context["referred_by_agency"] = any(same_agency(r, agency.name) for r in case.referring_agencies)
        return context
    return tuple([build(c) for c in group] for group in order_cases(pack.cases))


def _pack_context(pack: MeetingPack, agency: Agency | None = None) -> Context:
    child_cases, adult_cases, returning_cases = _case_groups(pack, agency)
    return {
        "meeting": meeting_context(pack.meeting),
        "confidentiality_statement": clean(pack.confidentiality_statement),
        "incomplete_actions": [action_context(a, pack) for a in sorted_actions(pack.incomplete_actions)],
        "child_cases": child_cases, "adult_cases": adult_cases, "returning_cases": returning_cases,
        "cases": child_cases + adult_cases + returning_cases,
        "case_count": len(child_cases) + len(adult_cases) + len(returning_cases),
        "child_case_count": len(child_cases), "adult_case_count": len(adult_cases),
        "returning_case_count": len(returning_cases),
        "expiring_cases": sorted((clean(n) for n in pack.expiring_cases), key=case_number_key),
        "agencies": [agency_context(a) for a in pack.agencies],
        "next_meeting": format_date(pack.next_meeting, "to be confirmed"),
    }


def agenda_context(pack: MeetingPack) -> Context:
    """Agenda and minutes share one context, so either template may use any of it."""
    return _pack_context(pack)


def minutes_context(pack: MeetingPack) -> Context:
    return _pack_context(pack)


def research_context(pack: MeetingPack, agency: Agency) -> Context:
    """The pack plus the agency, each case marked `referred_by_agency` if this agency referred it."""
    return {**_pack_context(pack, agency), "agency": agency_context(agency)}


def actions_context(pack: MeetingPack, agency: Agency, actions: Sequence[Action]) -> Context:
    """One agency's actions; another agency's action here would be a disclosure to the wrong agency."""
    strays = [a.action_ref for a in actions if not same_agency(a.agency, agency.name)]
    if strays:
        raise ValueError(f"actions {', '.join(strays)} belong to another agency, not {agency.name!r}")
    return {"meeting": meeting_context(pack.meeting), "agency": agency_context(agency),
            "actions": [action_context(a, pack) for a in sorted_actions(actions)]}


class _Environment(SandboxedEnvironment):
    """Autoescape in a sandbox: values are escaped data, and a coordinator's template cannot reach Python
    internals. StrictUndefined makes a misspelt tag fail rather than print a silent blank. Compiled
    templates are kept because docxtpl compiles the whole document on every render, and the 15 research
    forms of a meeting share one source (about a quarter of the time)."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) >= 64:  # a handful of templates in use; bound it all the same
                self._compiled.clear()
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


_ENVIRONMENT = _Environment()


def render_docx(template: bytes, context: Context) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    try:
        document.render(context, jinja_env=_ENVIRONMENT, autoescape=True)
    except TemplateError as exc:
        raise RenderError(f"the template cannot be rendered: {exc.message or exc}") from exc
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_agenda(template: bytes, pack: MeetingPack) -> bytes:
    return render_docx(template, agenda_context(pack))


def render_research(template: bytes, pack: MeetingPack, agency: Agency) -> bytes:
    return render_docx(template, research_context(pack, agency))


def render_minutes(template: bytes, pack: MeetingPack) -> bytes:
    return render_docx(template, minutes_context(pack))


def render_actions(template: bytes, pack: MeetingPack, agency: Agency, actions: Sequence[Action]) -> bytes:
    return render_docx(template, actions_context(pack, agency, actions))
