"""What a configuration that parsed can still get wrong: where case data may go, who may pose as an
agency, Information Sharing Protocols, and a calendar with no meeting left in it.

Three kinds of finding, because stopping the service also stops every victim's referral reaching the
IDVA service:
- `unsafe`: case data could go somewhere unsafe, or anyone on the internet could pose as an agency.
  The service refuses to start, and every command refuses the file.
- `errors`: mistakes `check-config` refuses (exit 2). A running service carries on, because its send
  gates (secure domains, ISP in date) already hold: an agency off the secure domains is sent nothing.
- `warnings`: printed, failing nothing (an ISP that has lapsed is a fact to chase, not a typo).

This module knows nothing of `marac.config`, which imports it: sections arrive as plain values, so the
checks also run on the sections that did validate when another did not.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import holidays

# Anyone can open an address on these, so they are never secure and never an agency's own domain.
WEBMAIL = frozenset("""
gmail.com googlemail.com outlook.com outlook.co.uk hotmail.com hotmail.co.uk live.com live.co.uk msn.com
yahoo.com yahoo.co.uk ymail.com rocketmail.com icloud.com me.com mac.com aol.com aol.co.uk aim.com
btinternet.com btopenworld.com talk21.com sky.com talktalk.net virginmedia.com ntlworld.com blueyonder.co.uk
tiscali.co.uk protonmail.com protonmail.ch proton.me pm.me tutanota.com tuta.io gmx.com gmx.co.uk gmx.net
mail.com email.com zoho.com yandex.com fastmail.com hushmail.com
""".split())
# Registries where anyone may register a name: a whole one can never be "secure". (gov.uk, police.uk
# and nhs.net are different: only public bodies get names there.)
OPEN_REGISTRIES = frozenset("uk co.uk org.uk me.uk ltd.uk plc.uk net.uk com org net info biz eu io".split())
ISP_REVIEW_YEARS = 3  # an ISP with no expiry older than this is probably due a review
ISP_EXPIRY_NOTICE_DAYS = 30
DATES_RUNNING_OUT_DAYS = 42  # an explicit list of dates should reach at least one cycle ahead
DATE_FORMAT = "dates are written like 2025-12-13"


@dataclass(frozen=True)
class Party:
    """An agency, or the IDVA service, as the checks see it."""
    name: str
    email: str
    domains: tuple[str, ...] = ()
    isp_signed: dt.date | None = None
    isp_expires: dt.date | None = None
    idva: bool = False

    @property
    def called(self) -> str:
        return f"the IDVA service '{self.name}'" if self.idva else f"agency '{self.name}'"


@dataclass(frozen=True)
class MeetingRule:
    frequency: str
    weekday: str
    weekday_given: bool  # the calendar checks first_date against weekday only when weekday was written
    first_date: dt.date | None
    dates: tuple[dt.date, ...]
    skip_bank_holidays: bool


@dataclass
class Findings:
    unsafe: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, other: "Findings") -> None:
        self.unsafe += other.unsafe
        self.errors += other.errors
        self.warnings += other.warnings


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower().strip().rstrip(">")


def covered(domain: str, secure_domains: list[str]) -> bool:
    domain = domain.lower().lstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in secure_domains)


def is_webmail(domain: str) -> bool:
    domain = domain.lower().lstrip(".")
    return any(domain == w or domain.endswith("." + w) for w in WEBMAIL)


def _day(value: dt.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def secure_domain_findings(secure_domains: list[str]) -> Findings:
    found = Findings()
    for domain in secure_domains:
        if "." not in domain or domain in OPEN_REGISTRIES:
            found.unsafe.append(f"'{domain}' in [security] secure_domains would count every address under it as "
                                "secure, including ones anyone can register; list the organisations' own domains "
                                "(such as exampleshire.gov.uk) instead")
        elif is_webmail(domain) or any(covered(w, [domain]) for w in WEBMAIL):
            found.unsafe.append(f"'{domain}' in [security] secure_domains is a public webmail service: anyone can "
                                "open an address there, so case data must never go to it; remove it")
    return found


def party_findings(parties: list[Party], secure_domains: list[str] | None, today: dt.date) -> Findings:
    """Addresses, domains and Information Sharing Protocols of each agency and of the IDVA service."""
    found = Findings()
    for party in parties:
        found.add(_address_findings(party, secure_domains))
        found.add(isp_findings(party, today))
    agencies = [p for p in parties if not p.idva]
    owners: dict[str, list[str]] = {}
    for agency in agencies:
        for domain in dict.fromkeys(d.lower().lstrip(".") for d in agency.domains):
            owners.setdefault(domain, []).append(agency.name)
    for domain, names in owners.items():
        if len(names) > 1:
            listed = " and ".join(f"'{n}'" for n in names)
            found.errors.append(f"agencies {listed} both list the domain {domain}, so a referral from it cannot be "
                                "told apart; give each agency only the addresses or domains that are its own")
    names_seen: dict[str, int] = {}
    for agency in agencies:
        names_seen[agency.name.strip().lower()] = names_seen.get(agency.name.strip().lower(), 0) + 1
    for agency in agencies:
        if names_seen.pop(agency.name.strip().lower(), 0) > 1:
            found.errors.append(f"two agencies are both called '{agency.name}'; give each its own name, or list "
                                "the agency once")
    return found


def _address_findings(party: Party, secure_domains: list[str] | None) -> Findings:
    found = Findings()
    domain = domain_of(party.email)
    if is_webmail(domain):
        found.unsafe.append(f"{party.called} has the address {party.email}, on the public webmail service {domain}; "
                            "give its secure address (its own organisation's domain, or cjsm.net)")
    elif secure_domains is not None and not covered(domain, secure_domains):
        where = "not on a secure domain listed in [security] secure_domains"
        if party.idva:  # every referral's copy goes there
            found.unsafe.append(f"the IDVA address {party.email} is {where}")
        else:
            found.errors.append(f"{party.called} has the address {party.email}, which is {where}, so it would be "
                                f"sent nothing; give its secure address, or add {domain} to secure_domains if "
                                "that domain is secure")
    for sending in dict.fromkeys(d.lower().lstrip(".") for d in party.domains):
        if is_webmail(sending):
            found.unsafe.append(f"{party.called} lists {sending} among its domains: that is a public webmail "
                                "service, so anyone could send referrals as this agency; list only its own domain "
                                "or its own addresses")
        elif secure_domains is not None and not covered(sending, secure_domains):
            found.errors.append(f"{party.called} lists the domain {sending}, which is not on a secure domain in "
                                "[security] secure_domains, so its referrals would cross the internet unprotected; "
                                f"ask the agency for its secure domain, or add {sending} to secure_domains if it "
                                "is secure")
    return found


def isp_findings(party: Party, today: dt.date) -> Findings:
    """The Information Sharing Protocol rules (see the README: which findings stop the service)."""
    found = Findings()
    signed, expires = party.isp_signed, party.isp_expires
    papers = "the agenda and research forms" if party.idva else "meeting documents"
    if signed is None:
        found.warnings.append(f"{party.called} has no Information Sharing Protocol date (isp_signed), so it will "
                              f"not be sent {papers}")
        return found
    if signed > today:
        found.errors.append(f"the ISP date of {party.called} is {signed.isoformat()}, which is in the future; write "
                            f"the day it was signed ({DATE_FORMAT})")
    if expires is not None and expires < signed:
        found.errors.append(f"the ISP of {party.called} expires on {expires.isoformat()}, before it was signed on "
                            f"{signed.isoformat()}; check both dates")
    elif expires is not None and expires < today:
        found.warnings.append(f"the ISP of {party.called} expired on {expires.isoformat()}, so it will not be sent "
                              f"{papers} until a renewed ISP's dates are entered")
    elif expires is not None and (expires - today).days <= ISP_EXPIRY_NOTICE_DAYS:
        found.warnings.append(f"the ISP of {party.called} expires on {expires.isoformat()}, in "
                              f"{(expires - today).days} day(s); after that it will not be sent {papers}")
    elif expires is None and signed < _years_before(today, ISP_REVIEW_YEARS):
        found.warnings.append(f"the ISP of {party.called} was signed on {signed.isoformat()}, more than "
                              f"{ISP_REVIEW_YEARS} years ago, and has no expiry date (isp_expires); check it is "
                              "still in force")
    return found


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    # The same calendar as marac.referral.meeting_dates (GB, England); a unit test keeps the two agreeing.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def meeting_findings(rule: MeetingRule, today: dt.date) -> Findings:
    """A meeting rule that gives no meeting to come: new referrals would have nowhere to go."""
    found = Findings()
    if rule.frequency in ("weekly", "fortnightly") and rule.first_date and rule.weekday_given:
        actual = f"{rule.first_date:%A}"
        if actual != rule.weekday:
            found.errors.append(f"the meetings 'first_date' {rule.first_date.isoformat()} is a {actual}, but "
                                f"'weekday' is {rule.weekday}, so no meeting date can be worked out; make them agree")
    if rule.frequency != "dates" or not rule.dates:
        return found
    for day in rule.dates:
        if day >= today and day.weekday() >= 5:
            found.warnings.append(f"the meeting date {day.isoformat()} in [meetings] dates is a {day:%A}")
    coming = [d for d in rule.dates if d >= today
              and not (rule.skip_bank_holidays and d in _bank_holidays(d.year))]
    if not coming:
        last = max(rule.dates)
        skipped = " or is skipped as a bank holiday" if rule.skip_bank_holidays else ""
        found.errors.append(f"every date in [meetings] dates is past{skipped} (the last is {last.isoformat()}), so "
                            "new referrals have no meeting to go to; add the coming meeting dates")
    elif (max(coming) - today).days <= DATES_RUNNING_OUT_DAYS:
        found.warnings.append(f"the last date in [meetings] dates is {_day(max(coming))}; add the dates after it "
                              "before then")
    return found


def lead_findings(cutoff_working_days: int, circulate_working_days: int) -> Findings:
    """Papers that go out before the referral cut-off miss the cases listed in between."""
    found = Findings()
    if circulate_working_days > cutoff_working_days:
        found.warnings.append(
            f"the meeting papers go out {circulate_working_days} working days before each meeting, but referrals "
            f"are still listed until {cutoff_working_days} working days before it, so a case listed in between is "
            "not on the papers; make [meetings] circulate_working_days at most cutoff_working_days")
    return found


def template_problems(folder: Path, virtual: bool = False) -> list[str]:
    """Every meeting template opens, and uses only variables the service provides, in whole tags (a
    virtual MARAC's document too: required when `virtual`, checked wherever it is present)."""
    from generators.documents.check import EXPECTED
    from generators.documents.check import template_problems as check
    problems: list[str] = []
    for kind, expected in EXPECTED.items():
        path = folder / kind
        if not path.exists():
            problems.append(f"the template {path} is missing")
            continue
        problems.extend(check(path.read_bytes(), expected, name=path.name))
    from generators.updates.render import EXPECTED as VIRTUAL
    for kind, expected in VIRTUAL.items():
        if (folder / kind).exists():
            problems.extend(check((folder / kind).read_bytes(), expected, name=kind))
        elif virtual:
            problems.append(f"the template {folder / kind} is missing (a virtual MARAC sends it for each case)")
    return problems
