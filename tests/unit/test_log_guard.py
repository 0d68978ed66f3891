"""The adapters log through the standard logging hierarchy; the application's guard still keeps personal
data out of every line they write."""
from __future__ import annotations

import io
import json

import pytest

from intake import log as intake_log
from marac import logs


def test_an_adapters_event_reaches_the_services_log() -> None:
    stream = io.StringIO()
    logs.configure("json", stream=stream)
    intake_log.warning("imap.reconnecting", backend="imap", attempt=2)
    line = json.loads(stream.getvalue())
    assert (line["event"], line["backend"], line["attempt"]) == ("imap.reconnecting", "imap", 2)


def test_a_field_off_the_allow_list_is_withheld_not_written() -> None:
    stream = io.StringIO()
    logs.configure("text", stream=stream)
    intake_log.event("imap.connected", backend="imap", subject="Referral for Jane Invented")
    written = stream.getvalue()
    assert "Jane" not in written and "withheld=subject" in written and "backend=imap" in written


def test_the_service_itself_may_not_log_a_field_off_the_list() -> None:
    with pytest.raises(ValueError):
        logs.event("case.listed", surname="Invented")
