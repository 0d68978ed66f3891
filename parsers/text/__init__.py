"""Forms that are neither Word nor PDF: a referral written in the email body (`reader`), and OpenDocument
text and Rich Text files, read through LibreOffice like a .doc (`converted`)."""
from __future__ import annotations

from .reader import BODY_FILENAME, MIN_BODY_FIELDS, read_text, reads_like_referral

__all__ = ["BODY_FILENAME", "MIN_BODY_FIELDS", "read_text", "reads_like_referral"]
