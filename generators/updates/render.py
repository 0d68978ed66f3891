"""Render one case's "information and updates" document for a virtual MARAC.

A virtual MARAC holds no meeting: each agency writes, in its own section, what it knows about the case
and the actions it will take, by the case's date. The document carries what agencies need to search
their records (as the research form does) and, per agency, an Agency | Completed by | Information table
followed by an Action | Owner | Deadline table; `read.py` reads it back by those labels, so a coordinator
may reword everything else in Word. Pure: template bytes and records in, .docx bytes out.
"""
from __future__ import annotations

from collections.abc import Sequence

from generators.documents.check import AGENCY, CASE, MEETING
from generators.documents.model import Agency, CaseEntry, Meeting
from generators.documents.render import (
    agency_context,
    case_context,
    meeting_context,
    render_docx,
)

TEMPLATE = "information-and-updates.docx"
# The variables the template may use, as check-config checks them.
EXPECTED: dict[str, frozenset[str]] = {
    TEMPLATE: frozenset(MEETING | {f"case.{name}" for name in CASE} | {f"agencies[].{name}" for name in AGENCY}),
}


def render_updates(template: bytes, meeting: Meeting, case: CaseEntry, agencies: Sequence[Agency]) -> bytes:
    """The case's document, with a section for each agency in the order given."""
    context = {"meeting": meeting_context(meeting), "case": case_context(case),
               "agencies": [agency_context(a) for a in agencies]}
    return render_docx(template, context)
