#!/usr/bin/env python3
"""Build the service's own referral form and DASH checklist (Word and fillable PDF) from source.

    make forms        (or: .venv/bin/python templates/forms/build_forms.py)

The layout lives in generators/forms/layout.py; the files here are outputs, rebuilt by this script and
committed so referrers can be sent them. The PDF build is byte-for-byte reproducible.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generators.forms.docx_form import write_docx  # noqa: E402
from generators.forms.pdf_form import write_pdf  # noqa: E402


def main() -> int:
    out = Path(__file__).resolve().parent
    for path in (write_docx(out), write_pdf(out)):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
