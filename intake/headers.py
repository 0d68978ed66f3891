"""The first look at a message: its header block, read with limits by a scan that is linear in its size.

The standard email package parses some headers in time that grows with the square of their length: a
3 MB folded Subject takes over a minute and most of a gigabyte. Anyone can send such a message, and it
is read before anything is known about the sender. So before any header is parsed, this scan checks
the block as bytes: where it ends, how large it is, how many headers it has and how long the longest
one is (folded lines joined). A message outside the limits is set aside with a plain reason and never
parsed further.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HeaderLimits:
    max_block_bytes: int = 256_000  # all the headers together; real mail has a few KB, relays add some
    max_header_bytes: int = 16_000  # one header with its folded lines (a long To list is the largest)
    max_headers: int = 500  # relays add a Received line each; 500 is far beyond any real route


def block_end(raw: bytes, limit: int) -> int | None:
    """Where the header block ends (the blank line) within the first `limit` bytes, or None."""
    crlf = raw.find(b"\r\n\r\n", 0, limit + 4)
    lf = raw.find(b"\n\n", 0, crlf if crlf >= 0 else limit + 4)
    found = [i for i in (crlf, lf) if i >= 0]
    if found:
        return min(found)
    return len(raw) if len(raw) <= limit else None  # headers only, no body


def header_problems(raw: bytes, limits: HeaderLimits = HeaderLimits()) -> list[str]:
    """Plain sentences for each limit the header block breaks; empty when it may be parsed."""
    end = block_end(raw, limits.max_block_bytes)
    if end is None:
        return [f"the message's headers are larger than {limits.max_block_bytes // 1000} KB, far beyond any "
                "real email, so it was not opened"]
    count, longest, current = 0, 0, 0
    for line in raw[:end].split(b"\n"):
        if line[:1] in (b" ", b"\t") and count:
            current += len(line) + 1
        else:
            longest = max(longest, current)
            count += 1
            current = len(line) + 1
    longest = max(longest, current)
    problems = []
    if count > limits.max_headers:
        problems.append(f"the message has {count} header lines, more than the {limits.max_headers} any real "
                        "email has, so it was not opened")
    if longest > limits.max_header_bytes:
        problems.append(f"one of the message's headers is {longest // 1000} KB long (the limit is "
                        f"{limits.max_header_bytes // 1000} KB), so it was not opened")
    return problems
