"""One meeting's paperwork: what its documents hold (`pack`), building and sending them only to
entitled agencies (`circulation`), the completed minutes read back into actions (`minutes_import`) and
the reminders that chase those actions (`reminders`)."""
