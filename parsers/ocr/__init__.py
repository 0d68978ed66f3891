"""Scanned and photographed forms read with OCR (Tesseract), then by the text-PDF reader's own rules.

`read_scanned_pdf` and `read_image` give a RawForm that also knows which words OCR was unsure of;
`review` names the fields made from them once labels are resolved (parsers.parse_bytes calls it).
"""
from __future__ import annotations

from .reader import ScanForm, read_image, read_scanned_pdf
from .review import review

__all__ = ["ScanForm", "read_image", "read_scanned_pdf", "review"]
