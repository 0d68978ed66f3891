"""Make a .docx byte-for-byte repeatable: the same content always gives the same bytes (and hash).

Word files are zips whose entries carry the time they were written, and docProps/core.xml a modified
time; both change on every render. The audit identifies a disclosed document by its hash, and the
outbox sends a document once per content, so the same agenda rendered twice must be the same file.
"""
from __future__ import annotations

import io
import re
import zipfile

_FIXED = (1980, 1, 1, 0, 0, 0)
_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stable_docx(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _TIMES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            info = zipfile.ZipInfo(entry.filename, date_time=_FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()
