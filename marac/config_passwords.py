"""The passwords to try on a message's password-protected files: those configured for the agency the
sender's address belongs to (`passwords` in its [[agencies]] entry), in the order given.

The passwords themselves live in environment variables or files, never in the configuration; one
that cannot be read is left out with a warning that names neither it nor the sender.
"""
from __future__ import annotations

from intake.sender_policy import is_agency_domain, normalise_domain
from intake.settings import SettingsError
from marac import logs
from marac.config import Config


def passwords_for(config: Config, sender: str | None) -> tuple[str, ...]:
    domain = (sender or "").rpartition("@")[2]
    found: list[str] = []
    missing = 0
    for agency in config.agencies:
        if not agency.passwords or not is_agency_domain(domain, {normalise_domain(d) for d in agency.domains}):
            continue
        for secret in agency.passwords:
            try:
                found.append(secret.read())
            except SettingsError:
                missing += 1
    if missing:
        logs.warning("agency.password_unreadable", count=missing,
                     reason="an agency password's environment variable or file is missing (see check-config)")
    return tuple(dict.fromkeys(p for p in found if p))
