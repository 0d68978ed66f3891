"""The morning summary: one email to the coordinator on each working day that began with folders
waiting on the desk.

Case numbers, reasons and ages only, never a name: it goes to the coordinator's own secure address,
and the folders hold the detail. The outbox's dedupe key makes it once a day whatever the restarts.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from marac import logs
from marac.config import Config, is_secure_address
from marac.flow.desk_list import OpenFolder, open_folders
from marac.flow.pipeline import LONDON
from marac.meetings.circulation import compose_message
from marac.referral.meeting_dates import is_working_day
from marac.store import outbox
from marac.store.db import Connection, transaction


def summary_text(config: Config, folders: list[OpenFolder], now: dt.datetime) -> str:
    lines = [f"{config.area.name}: {len(folders)} folder(s) on the desk waiting for you.", ""]
    for f in folders:
        lines.append(f"- {f.case_number or 'no case yet'} (waiting {f.age(now)}): {f.reason}")
        lines.append(f"  Awaited: {f.awaited}.")
    lines += ["", "Each folder is in the exceptions folder of the MARAC service; `run.py desk` lists them too.",
              "This summary names no one: open the folders for the detail."]
    return "\n".join(lines) + "\n"


def queue_morning_summary(conn: Connection, config: Config, exceptions_dir: Path,
                          now: dt.datetime | None = None) -> bool:
    """Queue today's summary if it is due and not yet queued; True when queued."""
    now = now or dt.datetime.now(dt.timezone.utc)
    local = now.astimezone(LONDON)
    to, send_after = config.area.coordinator_email, config.schedule.desk_summary_at
    if not to or send_after is None or local.time() < send_after or not is_working_day(local.date()):
        return False
    if not is_secure_address(str(to), config.security.secure_domains):
        return False  # check-config reports it; case numbers still do not leave the secure domains
    # What was already waiting when the working day began; a folder from this morning is on the desk
    # already and in tomorrow's summary if still there.
    day_began = dt.datetime.combine(local.date(), send_after, LONDON)
    folders = [f for f in open_folders(conn, exceptions_dir) if f.since < day_began]
    if not folders:
        return False
    domain = config.area.mailbox_address.rpartition("@")[2]
    key = f"desk-summary:{local.date().isoformat()}"
    message_id = f"<desk-summary.{local.date().isoformat()}@{domain}>"
    subject = f"MARAC desk: {len(folders)} folder(s) waiting ({local:%-d %B %Y})"
    payload = compose_message(config, str(to), subject, summary_text(config, folders, now), message_id, None)
    with transaction(conn):
        added = outbox.enqueue(conn, purpose="desk-summary", dedupe_key=key, header_message_id=message_id,
                               recipients=[str(to)], case_number=None, document="desk summary", payload=payload)
    if added:
        logs.event("desk.summary_queued", count=len(folders))
    return added
