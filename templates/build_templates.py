#!/usr/bin/env python3
"""Build the meeting-document templates (docxtpl) from source, so no committed binary lacks one.

    .venv/bin/python templates/build_templates.py

Writes templates/agenda.docx, research.docx, minutes.docx, actions.docx and information-and-updates.docx
(a virtual MARAC's per-case document); the building blocks are in docx_parts.py. A coordinator may then add
the local letterhead and wording in Word; `check-config` tells them if an edit breaks a tag. Every Jinja
tag is written as one run of its own, because Word only splits text it has formatted or re-typed, and a
tag that stays in one run is what docxtpl (and check.py) expect. The variables used here are the ones
generators/documents/check.py lists in EXPECTED.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

from docx.document import Document as DocumentObject

# Run as a script, so its own folder is on the import path.
from docx_parts import (LANDSCAPE_CM, OUT, PORTRAIT_CM, Cell, add_row, heading, label_table, loop_table,
                        meeting_table, new_document, para, table, table_or_sentence, to_bytes)


AGENDA_CASE_HEADERS = ("Case number", "Repeat / transfer", "Referred by", "Reason for referral",
                       "Victim (name, DOB)", "Perpetrator(s) (name, DOB)")
AGENDA_CASE_CELLS: list[Cell] = [
    [("{{ case.case_number }}",)], [("{{ case.flags_text }}",)], [("{{ case.referring_agencies }}",)],
    [("{{ case.reason_text }}",)], [("{{ case.victim.name }}",), ("DOB: ", "{{ case.victim.dob }}")],
    [("{{ case.perpetrators_text }}",)]]


def agenda_cases(doc: DocumentObject, group: str, none_text: str) -> None:
    table_or_sentence(doc, group, none_text, (*AGENDA_CASE_HEADERS, "Children (name, DOB)"),
                      (3.4, 3.4, 3.2, 3.6, 4.0, 4.0, 4.1), f"for case in {group}",
                      [*AGENDA_CASE_CELLS, [("{{ case.children_text }}",)]])


def build_agenda() -> bytes:
    """SafeLives' suggested order; the section titles are what tests and people look for."""
    width = LANDSCAPE_CM
    doc = new_document(landscape=True)
    heading(doc, 0, "{{ meeting.name }}", " agenda")
    meeting_table(doc, width)
    heading(doc, 1, "1 Introductions")
    para(doc, "The chair welcomes everyone; each representative gives their name and agency.")
    heading(doc, 1, "2 Confidentiality statement")
    para(doc, "{{ confidentiality_statement }}")
    heading(doc, 1, "3 Incomplete actions from the last meeting")
    table_or_sentence(doc, "incomplete_actions", "There are no incomplete actions from earlier meetings.",
                      ("Action id", "Case", "Victim", "Action", "Agency", "Owner", "Deadline", "Status"),
                      (3.8, 3.4, 3.8, 4.2, 3.0, 2.5, 2.8, 2.2), "for action in incomplete_actions",
                      [[("{{ action.action_ref }}",)], [("{{ action.case_number }}",)], [("{{ action.victim }}",)],
                       [("{{ action.description }}",)], [("{{ action.agency }}",)], [("{{ action.owner }}",)],
                       [("{{ action.deadline }}",)], [("{{ action.status }}",)]])
    heading(doc, 1, "4 New cases with children")
    # Kept with the table below it: a section's words never end a page alone.
    para(doc, "Heard first, so that children's agencies may leave once these cases are done.").paragraph_format.keep_with_next = True
    agenda_cases(doc, "child_cases", "There are no new cases with children at this meeting.")
    heading(doc, 1, "5 Adult-only cases")
    agenda_cases(doc, "adult_cases", "There are no new adult-only cases at this meeting.")
    heading(doc, 1, "6 Cases where 12 months have passed since their last MARAC")
    para(doc, "A victim referred again within 12 months of their last referral is a repeat and is heard above "
              "with the repeat flag. A victim last heard at this MARAC 12 or more months ago is heard here."
         ).paragraph_format.keep_with_next = True
    agenda_cases(doc, "returning_cases", "There are no such cases at this meeting.")
    para(doc, "{%p if expiring_cases %}")
    para(doc, "The 12 months since the last referral ended after the last meeting for these cases; a further "
              "referral for the victim will be heard as a new case, not a repeat:")
    para(doc, "{%p for number in expiring_cases %}")
    para(doc, "{{ number }}", style="List Bullet")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    heading(doc, 1, "7 Any other business")
    para(doc, "")
    return to_bytes(doc)


def people_table(doc: DocumentObject, title: str, people: str, headers: Sequence[str],
                 keys: Sequence[str], widths: Sequence[float]) -> None:
    """A case's perpetrators or children, or a line saying there are none."""
    heading(doc, 2, title)
    para(doc, f"{{%p if {people} %}}")
    loop_table(doc, headers, widths, f"for person in {people}",
               [[(f"{{{{ person.{key} }}}}",)] for key in keys])
    para(doc, "{%p else %}")
    para(doc, "None recorded.")
    para(doc, "{%p endif %}")


def build_research() -> bytes:
    width = PORTRAIT_CM
    doc = new_document()
    heading(doc, 0, "Research form: ", "{{ agency.name }}")
    para(doc, "{{ meeting.name }}", bold=True)
    meeting_table(doc, width, [("Agency", [("{{ agency.name }}",)])])
    para(doc, "Search your agency's records for each case below. Keep facts apart from opinion, and note "
              "anything you hold but will not share, with the reason. Bring the form to the meeting; "
              "do not forward it.")
    para(doc, "{%p for case in cases %}")
    heading(doc, 1, "Case ", "{{ case.case_number }}", new_page=True)
    para(doc, "Repeat: ", "{{ case.repeat_text }}")
    para(doc, "Referred by: ", "{{ case.referring_agencies }}")
    para(doc, "{% if case.referred_by_agency %}", "Your agency referred this case.", "{% endif %}")
    heading(doc, 2, "Victim")
    label_table(doc, [("Name", [("{{ case.victim.name }}",)]), ("Also known as", [("{{ case.victim.aliases }}",)]),
                      ("Date of birth", [("{{ case.victim.dob }}",)]),
                      ("Address", [("{{ case.victim.address }}",)])], (4.0, width - 4.0))
    people_table(doc, "Perpetrator(s)", "case.perpetrators",
                 ("Name", "Also known as", "DOB", "Address", "Relationship to victim"),
                 ("name", "aliases", "dob", "address", "relationship"), (3.6, 3.0, 2.8, 4.4, 3.2))
    people_table(doc, "Children and household members", "case.children",
                 ("Name", "Also known as", "DOB", "School"), ("name", "aliases", "dob", "school"),
                 (4.6, 3.6, 3.0, 5.8))
    heading(doc, 2, "What your agency holds")
    label_table(doc, [("Facts", [("",)]), ("Opinion/professional view", [("",)]),
                      ("Information held but not shared, and why", [("",)])], (4.5, width - 4.5), 3.0)
    para(doc, "{%p endfor %}")
    return to_bytes(doc)


def build_minutes() -> bytes:
    """The SafeLives minutes checklist, in its order. parsers/minutes.py reads the completed minutes back:
    the Date row, the attendance table (Agency | Name | Present / apologies | Information sent?), the
    "Case ..." headings and each case's table headed Action | Agency | Owner | Deadline; the incomplete
    actions' table is headed "Outstanding action" so it is never read as new actions. Headers are short
    enough for their columns, so none breaks inside a word."""
    width = PORTRAIT_CM
    doc = new_document()
    heading(doc, 0, "{{ meeting.name }}", " minutes")
    meeting_table(doc, width)
    heading(doc, 1, "1 Attendance")
    para(doc, "Present or apologies for each agency. For an agency that sent apologies, whether it sent its "
              "information and the date it was received.")
    loop_table(doc, ("Agency", "Name", "Present / apologies", "Information sent?", "Date received"),
               (5.2, 3.4, 2.6, 3.0, 2.8), "for agency in agencies",
               [[("{{ agency.name }}",)], [("{{ agency.representative }}",)], [], [], []])
    heading(doc, 1, "2 Observers")
    para(doc, "Anyone attending who does not represent an agency. Each signs the confidentiality statement first.")
    widths = (5.5, 5.5, 6.0)
    grid = table(doc, ("Name", "Organisation", "Signed the confidentiality statement?"), widths)
    for _ in range(2):
        add_row(grid, widths, [[("",)]] * 3)
    heading(doc, 1, "3 Confidentiality statement")
    para(doc, "{{ confidentiality_statement }}")
    heading(doc, 1, "4 Incomplete actions")
    para(doc, "For each action from an earlier meeting that is not done, tick why: circumstances changed, "
              "or the agency did not act (persistent non-completion goes to the steering group).")
    # Not headed "Action": the tracker reads tables headed Action | Agency | Owner | Deadline as new actions.
    table_or_sentence(doc, "incomplete_actions", "There are no incomplete actions from earlier meetings.",
                      ("Action id", "Outstanding action", "Agency", "Deadline", "Why not done (tick one)"),
                      (3.8, 3.6, 2.6, 2.8, 4.2), "for action in incomplete_actions",
                      [[("{{ action.action_ref }}",)], [("{{ action.description }}",)], [("{{ action.agency }}",)],
                       [("{{ action.deadline }}",)], [("\u2610 Circumstances changed",), ("\u2610 Agency did not act",)]])
    heading(doc, 1, "5 Cases")
    para(doc, "{%p for case in cases %}")
    heading(doc, 2, "Case ", "{{ case.case_number }}")
    label_table(doc, [("Victim", [("{{ case.victim.summary }}",)]),
                      ("Perpetrator(s)", [("{{ case.perpetrators_text }}",)]),
                      ("Children", [("{{ case.children_text }}",)]),
                      ("Referred by", [("{{ case.referring_agencies }}",)]),
                      ("Reason for referral", [("{{ case.reason_text }}",)]),
                      ("Repeat / transfer", [("{{ case.flags_text }}",)])], (4.0, width - 4.0))
    for title in ("Information shared", "Risks identified", "Victim's views (via IDVA)"):
        heading(doc, 3, title)
        para(doc, "")
    heading(doc, 3, "Actions")
    widths = (7.5, 3.5, 3.0, 3.0)
    grid = table(doc, ("Action", "Agency", "Owner", "Deadline"), widths)
    for _ in range(4):  # room for the minute-taker; Word adds more rows with Tab
        add_row(grid, widths, [[("",)]] * 4)
    para(doc, "{%p endfor %}")
    heading(doc, 1, "6 Any other business")
    para(doc, "")
    heading(doc, 1, "7 Next meeting")
    para(doc, "The next meeting is on ", "{{ next_meeting }}", ".")
    return to_bytes(doc)


def build_actions() -> bytes:
    """Landscape: the action id, the case and its victim as on the agenda, and the action's words fit."""
    doc = new_document(landscape=True)
    heading(doc, 0, "MARAC actions: ", "{{ agency.name }}")
    para(doc, "{{ meeting.name }}", " meeting on ", "{{ meeting.date }}")
    para(doc, "Please report progress on each action to the MARAC coordinator before the next meeting.")
    table_or_sentence(doc, "actions", "No actions for your agency from this meeting.",
                      ("Action id", "Case", "Victim", "Action", "Owner", "Deadline", "Status"),
                      (3.8, 3.4, 4.0, 6.3, 3.0, 3.0, 2.2), "for action in actions",
                      [[("{{ action.action_ref }}",)], [("{{ action.case_number }}",)], [("{{ action.victim }}",)],
                       [("{{ action.description }}",)], [("{{ action.owner }}",)], [("{{ action.deadline }}",)],
                       [("{{ action.status }}",)]])
    return to_bytes(doc)


def build_updates() -> bytes:
    """A virtual MARAC's per-case document. Read back by its labels (marac/meetings/updates.py): the
    Case and Due by rows, and per agency an Agency | Completed by | Information table, then its
    Action | Owner | Deadline table."""
    width = PORTRAIT_CM
    doc = new_document()
    heading(doc, 0, "{{ meeting.name }}", ": information and updates")
    label_table(doc, [("Case", [("{{ case.case_number }}",)]), ("Due by", [("{{ meeting.date }}",)]),
                      ("Repeat", [("{{ case.repeat_text }}",)]), ("Referred by", [("{{ case.referring_agencies }}",)]),
                      ("Victim", [("{{ case.victim.name }}",), ("DOB: ", "{{ case.victim.dob }}")]),
                      ("Address", [("{{ case.victim.address }}",)]),
                      ("Perpetrator(s)", [("{{ case.perpetrators_text }}",)]),
                      ("Children", [("{{ case.children_text }}",)])], (4.0, width - 4.0))
    para(doc, "This MARAC holds no meeting. Each agency completes its own section below by the date above: "
              "what it holds on the victim, the perpetrator(s) and the children (facts apart from opinion, "
              "and anything held but not shared, with the reason), and the actions it will take. Return the "
              "document to the MARAC coordinator by secure email; do not forward it.")
    para(doc, "{%p for agency in agencies %}")
    heading(doc, 1, "{{ agency.name }}")
    label_table(doc, [("Agency", [("{{ agency.name }}",)]), ("Completed by", [("",)]),
                      ("Information", [("",)])], (4.0, width - 4.0), 1.0)
    widths = (9.5, 4.0, 3.5)
    grid = table(doc, ("Action", "Owner", "Deadline"), widths)
    for _ in range(3):  # room to write; Word adds more rows with Tab
        add_row(grid, widths, [[("",)]] * 3)
    para(doc, "{%p endfor %}")
    return to_bytes(doc)


BUILDERS = {"agenda.docx": build_agenda, "research.docx": build_research,
            "minutes.docx": build_minutes, "actions.docx": build_actions,
            "information-and-updates.docx": build_updates}


def main() -> int:
    for name, build in BUILDERS.items():
        target = OUT / name
        target.write_bytes(build())
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
