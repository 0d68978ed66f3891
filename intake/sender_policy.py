"""Who may send a referral: only the configured agencies, and only mail their servers vouch for.

Pure: bytes and the agencies' domains in, plain sentences out (an empty list means the sender is fine).

From: every address in every From header must be on an agency's domain or a subdomain of one. The
header is read three ways (the classic parser, the structured parser, and the address
the desk shows) and every address any of them finds must pass, so a name like
"Police <x@gmail.com>", an encoded-word that decodes to an address, or a header the parsers
disagree about cannot slip a foreign address past. A raw UTF-8 domain is compared (and shown) as
punycode, so a look-alike letter stands out.

Authentication-Results (RFC 8601): only the header(s) the receiving server added count, and the
receiving server adds them on top. So the top-most Authentication-Results is taken, with those just
below it that carry the same authserv-id (one milter for DKIM, another for DMARC), stopping at the
next Received header. Lower ones came with the message and may be forged. A message without the
header is not a failure. Exchange Online writes the header without an authserv-id ("spf=pass ...;
dkim=pass ..."): then the top-most header alone counts. The header is read with a small tokenizer
(comments and quoted strings removed, then `method=result` per `;`-separated clause) rather than
the `authres` package, which has had no release since 2019 and rejects Exchange Online's header.
A failure can only add a problem, never clear one, so a forged header can at worst send its own
message to the desk.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from email.message import Message

from .attachments import from_addresses, header_block, header_text, sender_of

RESULT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*(?:/\s*\d+\s*)?=\s*([A-Za-z0-9_-]+)")


def normalise_domain(domain: str) -> str:
    domain = domain.strip().strip("<>[]").lower().rstrip(".").lstrip("@.")
    if domain and not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return domain


def _domain_set(domains: Iterable[str]) -> set[str]:
    return {d for d in (normalise_domain(x) for x in domains) if d}


def is_agency_domain(domain: str, agency_domains: set[str]) -> bool:
    domain = normalise_domain(domain)
    return bool(domain) and any(domain == d or domain.endswith("." + d) for d in agency_domains)


def _headers(raw: bytes) -> Message:
    return header_block(raw)  # the body is never needed here


def _from_addresses(raw: bytes) -> list[str]:
    """Every From address any parser sees, and the one the desk shows."""
    found = from_addresses(raw)
    shown = sender_of(raw)
    if shown and "\ufffd" not in shown and shown not in found:
        found.append(shown)
    return found


def sender_domain_problems(raw: bytes, agency_domains: Iterable[str], trusted: Iterable[str] = ()) -> list[str]:
    """`trusted` addresses (the coordinator's own) pass as addresses, but only exactly, and only for
    the domain check: their mail must still pass authentication, and every other From must pass too."""
    addresses = _from_addresses(raw)
    exact = {t.strip().lower() for t in trusted if t}
    if not addresses:
        return ["unknown sender: the message has no From address"]
    known = _domain_set(agency_domains)
    problems: list[str] = []
    for address in addresses:
        local, at, domain = address.rpartition("@")
        domain = normalise_domain(domain) if at and local else ""
        if address.strip().lower() in exact:
            continue
        if not domain:
            sentence = f"unknown sender: '{address[:80]}' is not an email address with a domain"
        elif not is_agency_domain(domain, known):
            sentence = f"unknown sender: {domain} is not a configured agency domain"
        else:
            continue
        if sentence not in problems:
            problems.append(sentence)
    return problems


def _strip_comments(value: str) -> str:
    """The header with (comments) removed and "quoted strings" emptied, so neither can fake a result."""
    out: list[str] = []
    depth, quoted, escaped = 0, False, False
    for ch in value:
        if escaped:
            escaped = False
            continue
        if ch == "\\" and (quoted or depth):
            escaped = True
            continue
        if quoted:
            if ch == '"':
                quoted = False
                out.append('""')
            continue
        if ch == "(":
            depth += 1
            continue
        if ch == ")" and depth:
            depth -= 1
            if not depth:
                out.append(" ")
            continue
        if depth:
            continue
        if ch == '"':
            quoted = True
            continue
        out.append(ch)
    return "".join(out)


def parse_authentication_results(value: str) -> tuple[str | None, list[tuple[str, str]]]:
    """(authserv-id or None, [(method, result), ...]) from one Authentication-Results value."""
    clauses = [c.strip() for c in _strip_comments(value.replace("\r", " ").replace("\n", " ")).split(";")]
    authserv_id = None
    if clauses and "=" not in clauses[0]:
        authserv_id = (clauses[0].split() or [""])[0].lower() or None
        clauses = clauses[1:]
    results = []
    for clause in clauses:
        match = RESULT.match(clause)
        if match:
            results.append((match.group(1).lower(), match.group(2).lower()))
    return authserv_id, results


def trusted_results(msg: Message) -> list[tuple[str, str]]:
    """The (method, result) pairs of the Authentication-Results the receiving server added."""
    results: list[tuple[str, str]] = []
    first_id: str | None = None
    started = False
    for name, value in msg.raw_items():
        name, value = name.lower(), header_text(str(value))
        if not started:
            if name == "authentication-results":
                first_id, found = parse_authentication_results(str(value))
                results += found
                started = True
                if first_id is None:
                    break  # no authserv-id to recognise the server's other headers by
            continue
        if name == "received":
            break
        if name == "authentication-results":
            this_id, found = parse_authentication_results(str(value))
            if this_id != first_id:
                break
            results += found
    return results


def authentication_problems(raw: bytes) -> list[str]:
    results = trusted_results(_headers(raw))
    failed: list[str] = []
    if any(m == "dmarc" and r == "fail" for m, r in results):
        failed.append("dmarc=fail")
    dkim = [r for m, r in results if m == "dkim"]
    if "fail" in dkim and "pass" not in dkim:  # one good signature is enough; others may be broken in transit
        failed.append("dkim=fail")
    if not failed:
        return []
    return [f"the sending server's authentication checks failed ({', '.join(failed)})"]


def sender_problems(raw: bytes, agency_domains: Iterable[str], require_known_sender: bool,
                    check_auth: bool, trusted: Iterable[str] = ()) -> list[str]:
    """Plain sentences saying why this message may not be processed as a referral; empty if it may.
    Every sender is checked, the coordinator too: theirs is the easiest address to spoof."""
    problems: list[str] = []
    if require_known_sender:
        problems += sender_domain_problems(raw, agency_domains, trusted)
    if check_auth:
        problems += authentication_problems(raw)
    return problems
