"""A message's identity: its Message-ID and a hash of its content without the transport headers.

Two deliveries of one message differ only in the headers each server or relay adds, so the same
message arriving twice (a resend by the server, a second copy through another route) has one identity
and is processed once. The header block is found here too, so nothing needs to parse a whole message
to read its headers.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Headers a server or relay adds on each delivery; they make two copies of one message differ.
_TRANSPORT = re.compile(
    rb"^(received|return-path|delivered-to|x-original-to|authentication-results|arc-[a-z-]+|"
    rb"x-ms-exchange-[a-z-]+|x-spam-[a-z-]+|dkim-signature|x-received|status|x-status|x-uid|"
    rb"x-keywords|lines|content-length):", re.I)


@dataclass(frozen=True)
class MessageKey:
    message_id: str | None
    content_hash: str

    @property
    def short(self) -> str:
        """What logs and folder names use to point at a message without saying what is in it."""
        return self.content_hash[:12]


def header_block_end(raw: bytes) -> int:
    """Where a raw message's headers end (the blank line), whatever its line endings."""
    crlf = raw.find(b"\r\n\r\n")
    # The bare-LF form is looked for only before the CRLF one: never a second pass over a whole body.
    lf = raw.find(b"\n\n", 0, crlf if crlf >= 0 else len(raw))
    found = [i for i in (crlf, lf) if i >= 0]
    return min(found) if found else len(raw)


def key_of(raw: bytes) -> MessageKey:
    end = header_block_end(raw)
    headers = raw[:end].replace(b"\r\n", b"\n")
    body = raw[end:].replace(b"\r\n", b"\n").lstrip(b"\n")
    kept: list[bytes] = []
    message_id: str | None = None
    skipping = False
    for line in headers.split(b"\n"):
        if line[:1] in (b" ", b"\t"):  # continuation of the previous header
            if not skipping:
                kept.append(line)
            continue
        skipping = bool(_TRANSPORT.match(line))
        if not skipping:
            kept.append(line)
        if line.lower().startswith(b"message-id:"):
            message_id = line.split(b":", 1)[1].strip().decode("ascii", "replace") or None
    digest = hashlib.sha256(b"\n".join(kept) + b"\n\n" + body).hexdigest()
    return MessageKey(message_id, digest)
