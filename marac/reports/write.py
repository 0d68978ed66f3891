"""Writes a period's return (workbook, and the steering group's PDF) under home/reports/, and, once a
quarter is over, queues it for the coordinator only."""
from __future__ import annotations

import datetime as dt
import email.policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from generators.data_return.model import Figures
from generators.data_return.workbook import build_workbook
from intake.files import atomic_write
from marac import logs
from marac.config import Config, is_secure_address
from marac.store import outbox, reporting
from marac.store.db import Connection, transaction

from .figures import compute
from .period import Period, quarter_before

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def build_pdf(figures: Figures, small_count: int) -> bytes:
    from generators.data_return.pdf import build_pdf as build  # matplotlib is loaded only when asked for
    return build(figures, small_count)


def write_return(conn: Connection, config: Config, home: Path, period: Period,
                 as_of: dt.date | None = None) -> tuple[Path, Path]:
    """(workbook, PDF) for `period`, written atomically under home/reports/."""
    return write_files(config, home, period, compute(conn, config, period, as_of))


def write_files(config: Config, home: Path, period: Period, figures: Figures) -> tuple[Path, Path]:
    folder = home / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"MARAC-return-{period.key}"
    workbook = atomic_write(folder / f"{stem}.xlsx", build_workbook(figures))
    pdf = atomic_write(folder / f"{stem}-steering-group.pdf", build_pdf(figures, config.report.small_count))
    logs.event("report.written", state=period.key, count=figures.totals.cases)
    return workbook, pdf


def _message(config: Config, to: str, period: Period, message_id: str, files: tuple[Path, Path]) -> bytes:
    msg = EmailMessage()
    msg["From"] = config.area.mailbox_address
    msg["To"] = to
    msg["Subject"] = f"MARAC data return {period.key}"
    msg["Message-ID"] = message_id
    msg["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    msg["Sensitivity"] = "Company-Confidential"
    msg.set_content(f"{config.area.name}: the MARAC data return for {period.label} and the steering group's "
                    "report are attached (counts only; no one is named).\nCheck them, then send the return to "
                    "SafeLives in the usual way.\n")
    workbook, pdf = files
    msg.add_attachment(workbook.read_bytes(), maintype=XLSX[0], subtype=XLSX[1], filename=workbook.name)
    msg.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name)
    return msg.as_bytes(policy=email.policy.SMTP)


def quarterly_return(conn: Connection, config: Config, home: Path, today: dt.date) -> bool:
    """Once the quarter before `today` is over: write its return and queue it for the coordinator. The
    outbox's dedupe key makes it once a quarter whatever the restarts; True when queued now."""
    to = config.area.coordinator_email
    if not config.report.quarterly_to_coordinator or not to:
        return False
    if not is_secure_address(str(to), config.security.secure_domains):
        return False  # check-config reports it; the return does not leave the secure domains
    period = quarter_before(today)
    key = f"data-return:{period.key}"
    opened = reporting.first_case_opened(conn)
    # Only a quarter the service was running in: one set up later (or a test with back-dated mail) does not
    # mail the coordinator an old quarter's return; `report quarter` writes it on request.
    if not opened or opened[:10] > period.end.isoformat() or outbox.has_key(conn, key):
        return False
    figures = compute(conn, config, period, today)
    if not figures.meetings:
        return False  # a service that held no meeting that quarter (a new one) has nothing to return
    files = write_files(config, home, period, figures)
    domain = config.area.mailbox_address.rpartition("@")[2]
    message_id = f"<data-return.{period.key}@{domain}>"
    with transaction(conn):
        added = outbox.enqueue(conn, purpose="data-return", dedupe_key=key, header_message_id=message_id,
                               recipients=[str(to)], case_number=None, document=f"data return {period.key}",
                               payload=_message(config, str(to), period, message_id, files))
    if added:
        logs.event("report.queued", state=period.key)
    return added
