"""Agency names as people type them in minutes and documents, matched to the configured agencies.

The IDVA service counts as an agency here: it takes actions at every MARAC.
"""
from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from generators.documents.render import same_agency
from marac.config import Agency, Config

# Words people add to or drop from an agency's name without meaning another agency.
_FILLER = {"the", "of", "and", "for", "service", "services", "team", "dept", "department", "marac", "council",
           "county", "borough", "city", "unit"}


def configured_agencies(config: Config) -> list[Agency]:
    """The [[agencies]], plus the IDVA service: it takes actions at every MARAC and already receives
    every referral, so it needs no Information Sharing Protocol entry of its own."""
    agencies = list(config.agencies)
    if not any(same_agency(a.name, config.idva.service) for a in agencies):
        agencies.append(Agency(name=config.idva.service, email=config.idva.email, isp_signed=dt.date.min))
    return agencies


def _tokens(name: str) -> list[str]:
    text = re.sub(r"['’`]", "", name.casefold()).replace("&", " and ")
    return [t for t in re.sub(r"[^a-z0-9]+", " ", text).split() if t not in _FILLER]


def _token_in(token: str, tokens: list[str]) -> bool:
    # Short words (CSC, GP) must be exact; longer ones may carry a typo ("Polce", "Probabtion").
    return any(token == t or (len(token) > 3 and fuzz.ratio(token, t) >= 80) for t in tokens)


def match_agency(typed: str, names: list[str]) -> tuple[str | None, str | None]:
    """(configured name, None) when `typed` names exactly one agency, else (None, a plain reason)."""
    for name in names:
        if same_agency(typed, name):
            return name, None
    words = _tokens(typed)
    fits = [n for n in names if words and all(_token_in(t, _tokens(n)) for t in words)]
    if len(fits) == 1:
        return fits[0], None
    if fits:
        return None, f"the agency '{typed}' could be any of {', '.join(fits)}: write the agency in full"
    # No "did you mean": the nearest name by spelling is often another agency sharing the area's name.
    return None, f"'{typed}' is not one of the agencies in the MARAC's configuration"
