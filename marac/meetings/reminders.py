"""Chasing actions: one reminder email before the deadline and one once it has passed, per open action;
and the coordinator's own: minutes not sent within `[meetings] minutes_working_days` of a meeting.

`due_reminders` is safe to call on every daemon pass: the outbox dedupe key makes each reminder happen
once per action, threshold and deadline (a deadline moved later by the coordinator is chased afresh).
Reminders go only to agencies whose Information Sharing Protocol is in date, at an address on a secure
domain, because the body names the action and the case. Subjects carry the action id (which holds the
case number) and the deadline, never a name. An action that cannot be chased is recorded once in the
audit and logged once, by case number and reason code, so the coordinator can chase it by hand.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generators.documents.render import format_date, same_agency
from marac import logs
from marac.config import Agency, Config, is_secure_address
from marac.referral.meeting_dates import is_working_day, working_days_after
from marac.store import actions, audit, meetings, outbox
from marac.store.db import Connection, transaction

from .agency_names import configured_agencies

# The one place outgoing mail is built, so headers stay the same.
from .circulation import compose_message
from .pack import isp_in_date

PURPOSE = "action-reminder"
CLOSED = {"done", "cancelled", "canceled", "complete", "completed", "closed"}


@dataclass(frozen=True)
class OpenAction:
    ref: str
    case_number: str
    description: str
    agency: str
    owner: str | None
    deadline: dt.date
    meeting: str | None


def due_reminders(conn: Connection, config: Config, today: dt.date) -> int:
    """Queue every reminder due today that has not been queued before; returns how many were queued."""
    queued = refused = 0
    agencies = configured_agencies(config)
    with transaction(conn):
        for action in _open_actions(conn):
            threshold = _threshold(action.deadline, today, config)
            if threshold is None or _already(conn, _key(action, threshold)):
                continue
            agency = next((a for a in agencies if same_agency(a.name, action.agency)), None)
            reason = _refusal(agency, config, today)
            if reason:
                refused += _record_refusal(conn, action, threshold, reason, agency)
            elif agency is not None and _queue(conn, config, action, threshold, agency):
                queued += 1
    if queued or refused:
        logs.event("reminders.queued", count=queued, exception=refused)
    return queued


def _open_actions(conn: Connection) -> list[OpenAction]:
    rows = actions.with_deadline(conn)
    found = []
    for row in rows:
        # Status is typed by people in the tracker: 'Done', 'done ', 'DONE' all close an action.
        if " ".join((row["status"] or "").split()).casefold() in CLOSED:
            continue
        try:
            deadline = dt.date.fromisoformat(row["deadline"][:10])
        except ValueError:
            logs.warning("reminders.unreadable-deadline", case=row["case_number"], reason="deadline")
            continue
        found.append(OpenAction(row["action_ref"], row["case_number"], row["description"], row["agency"],
                           row["owner"], deadline, row["meeting"]))
    return found


def _threshold(deadline: dt.date, today: dt.date, config: Config) -> str | None:
    """'before' in the days leading up to the deadline (the deadline day included), 'overdue' after it.
    An action first seen when already overdue gets only the overdue reminder: 'due soon' would be wrong."""
    if today > deadline:
        return "overdue" if config.tracker.remind_when_overdue else None
    if today >= deadline - dt.timedelta(days=config.tracker.remind_days_before):
        return "before"
    return None


def _key(action: OpenAction, threshold: str) -> str:
    return f"reminder:{action.ref}:{threshold}:{action.deadline.isoformat()}"


def _already(conn: Connection, key: str) -> bool:
    # Checked before building the message: overdue actions are seen on every pass until they are done.
    return outbox.has_key(conn, key)


def _refusal(agency: Agency | None, config: Config, today: dt.date) -> str | None:
    if agency is None:
        return "unknown-agency"
    if not isp_in_date(agency, today):
        return "no-isp"
    if not is_secure_address(agency.email, config.security.secure_domains):
        return "insecure-domain"
    return None


def _record_refusal(conn: Connection, action: OpenAction, threshold: str, reason: str,
                    agency: Agency | None) -> int:
    """Once per action, threshold and deadline: the audit says why nobody was chased; 1 if new."""
    document = f"reminder {action.ref} {threshold} {action.deadline.isoformat()}"
    if audit.was_refused(conn, action.case_number, document):
        return 0
    audit.record(conn, event="refused", case_number=action.case_number, document=document,
                 recipient=agency.email if agency else None, detail=reason)
    logs.warning("reminders.refused", case=action.case_number, reason=reason, purpose=PURPOSE)
    return 1


def _queue(conn: Connection, config: Config, action: OpenAction, threshold: str, agency: Agency) -> bool:
    key = _key(action, threshold)
    domain = config.area.mailbox_address.rpartition("@")[2]
    message_id = f"<{key.replace(':', '.')}@{domain}>"
    subject, body = compose(config, action, threshold, agency)
    return outbox.enqueue(conn, purpose=PURPOSE, dedupe_key=key, header_message_id=message_id,
                          recipients=[agency.email], case_number=action.case_number,
                          document=f"reminder {action.ref}",
                          payload=compose_message(config, agency.email, subject, body, message_id, None),
                          cases=[action.case_number])


def compose(config: Config, action: OpenAction, threshold: str, agency: Agency) -> tuple[str, str]:
    """(subject, body). The subject is seen in inbox lists and notifications: id and date only."""
    due = format_date(action.deadline)
    if threshold == "overdue":
        subject = f"MARAC action {action.ref} overdue: was due {due}"
        opening = f"This MARAC action was due on {due} and has not been reported as done."
    else:
        subject = f"MARAC action {action.ref} due {due}"
        opening = f"This MARAC action is due on {due}."
    agreed = format_date(dt.date.fromisoformat(action.meeting), "") if action.meeting else ""
    statuses = ", ".join(config.tracker.statuses)
    body = "\n".join([
        f"To {agency.representative or agency.name} ({agency.name}),", "", opening, "",
        f"Action:    {action.ref}", f"Case:      {action.case_number}",
        *([f"Agreed at: the MARAC on {agreed}"] if agreed else []),
        f"Owner:     {action.owner or 'not named'}", f"Deadline:  {due}", "", "What was agreed:",
        action.description, "",
        f"Please report its status ({statuses}) to the MARAC coordinator by replying to this email with the",
        f"action id {action.ref} and the status, or by updating the status in the shared MARAC action tracker.",
        "If the action cannot be done by the deadline, say why, so the MARAC can review it.", "",
        f"{config.area.name}", "", "This email is OFFICIAL-SENSITIVE. Do not forward it.", ""])
    return subject, body


# How far back a meeting's unsent minutes are still chased: beyond it, a new service on an old store
# would otherwise greet the coordinator with a reminder for every meeting ever held.
MINUTES_LOOKBACK = dt.timedelta(days=42)


def minutes_overdue(conn: Connection, config: Config, today: dt.date) -> int:
    """Remind the coordinator, once per meeting, when its minutes have not gone out (`minutes --send`)
    within `minutes_working_days` working days of it. Subject and body carry the meeting's date and its
    number of cases only. A virtual MARAC takes no minutes; returns how many reminders were queued."""
    settings, to = config.meetings, config.area.coordinator_email
    if settings.model == "virtual" or not to or not is_secure_address(to, config.security.secure_domains) \
            or not is_working_day(today):  # the coordinator is chased on working days only
        return 0
    queued = 0
    domain = config.area.mailbox_address.rpartition("@")[2]
    with transaction(conn):
        for day, count in meetings.held_between(conn, today - MINUTES_LOOKBACK, today - dt.timedelta(days=1)):
            due = working_days_after(day, settings.minutes_working_days)
            if today <= due or meetings.circulated(conn, day, "minutes"):
                continue
            key = f"minutes-reminder:{day.isoformat()}"
            subject = f"MARAC {format_date(day)}: minutes not yet sent"
            body = (f"The minutes of the MARAC on {format_date(day)} ({count} case{'s' if count != 1 else ''}) "
                    f"have not been sent to the agencies yet. Minutes should go out within "
                    f"{settings.minutes_working_days} working days of the meeting, that is by {format_date(due)}.\n\n"
                    f"Send them with: run.py minutes --meeting {day.isoformat()} --send\n\n{config.area.name}\n")
            message_id = f"<{key.replace(':', '.')}@{domain}>"
            queued += outbox.enqueue(conn, purpose="minutes-reminder", dedupe_key=key, header_message_id=message_id,
                                     recipients=[to], case_number=None, document=f"minutes reminder {day.isoformat()}",
                                     payload=compose_message(config, to, subject, body, message_id, None), cases=[])
    if queued:
        logs.event("reminders.queued", count=queued, purpose="minutes-reminder")
    return queued
