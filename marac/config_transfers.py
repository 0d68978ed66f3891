"""The neighbouring MARACs a case may be transferred to, or come from (`[[marac_areas]]`).

Each is another area's MARAC with its own secure address, its own Information Sharing Protocol dates
and the postcode districts it covers (so an outside-area referral's desk note can name the likely
MARAC). A transfer goes only to one whose ISP is signed and in date and whose address is on the
secure domains; `check-config` reports one that could never be sent a transfer, as it does agencies.

This module knows nothing of `marac.config`, which imports it (it is kept apart only so that module
stays short enough to read).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from intake.settings import Strict as _Strict
from marac.config_areas import Email
from marac.config_checks import Findings, covered, domain_of, is_webmail

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise ValueError(f"a MARAC's code must be 2 to 8 capital letters or digits, such as TOR (found '{value}')")
    return value


class MaracArea(_Strict):
    """Another area's MARAC: where a transfer out goes, and whose mail a transfer in may come from."""
    name: str = Field(min_length=1)  # as the agenda shows it: "Transferred from Torbay MARAC"
    code: Annotated[str, AfterValidator(_code)]  # what the coordinator types: transfer --to TOR
    email: Email  # the MARAC coordinator's secure address
    # Domains its coordinator's mail may come from besides `email` itself (which always may): only its own,
    # never a shared one such as cjsm.net, or everyone on it would pass as this MARAC.
    domains: list[str] = Field(default_factory=list)
    postcode_districts: list[str] = Field(default_factory=list)  # "TQ1", "TQ2": names the likely MARAC for an outside-area referral
    isp_signed: dt.date | None = None
    isp_expires: dt.date | None = None
    # Another area served by this same configuration ([[areas]]), added for each area, never written:
    # the same organisation's service, so no Information Sharing Protocol is needed and a case is handed
    # to it without email.
    served_here: bool = False

    @field_validator("domains")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [d.lower().lstrip(".") for d in value]

    def sent(self, address: str | None) -> bool:
        """Whether mail from this address comes from this MARAC."""
        address = (address or "").strip().lower()
        return bool(address) and (address == self.email.lower() or covered(domain_of(address), self.domains))

    def isp_in_date(self, day: dt.date) -> bool:
        if self.served_here:
            return True
        return self.isp_signed is not None and self.isp_signed <= day and (
            self.isp_expires is None or self.isp_expires >= day)


def area_findings(areas: list[MaracArea], secure_domains: list[str], today: dt.date,
                  agency_domains: tuple[str, ...] = ()) -> Findings:
    """Addresses and ISPs of the neighbouring MARACs; two with one code, or a MARAC sharing a domain with
    an agency (every referral from it would be marked as a transfer in), could not be told apart."""
    found = Findings()
    codes: dict[str, int] = {}
    for area in areas:
        codes[area.code] = codes.get(area.code, 0) + 1
        if area.served_here:
            continue  # another area of this file: its own findings are reported with it
        called = f"the MARAC '{area.name}' ([[marac_areas]])"
        domain = domain_of(area.email)
        if is_webmail(domain) or any(is_webmail(d) for d in area.domains):
            found.unsafe.append(f"{called} has an address or domain on a public webmail service; give its "
                                "secure address (its own organisation's domain, or cjsm.net)")
        elif not covered(domain, secure_domains):
            found.errors.append(f"{called} has the address {area.email}, which is not on a secure domain listed in "
                                "[security] secure_domains, so no case could be transferred to it; give its secure "
                                f"address, or add {domain} to secure_domains if that domain is secure")
        shared = [d for d in area.domains if covered(d, list(agency_domains)) or any(covered(a, [d]) for a in
                                                                                 agency_domains)]
        if shared:
            found.errors.append(f"{called} lists the domain {shared[0]}, which an agency uses too, so every referral "
                                "from that agency would count as a transfer in; list only the MARAC's own domain, "
                                "or leave its domains out (its address is enough)")
        if area.isp_signed is None:
            found.warnings.append(f"{called} has no Information Sharing Protocol date (isp_signed), so no case "
                                  "will be transferred to it")
        elif area.isp_signed > today:
            found.errors.append(f"the ISP date of {called} is {area.isp_signed.isoformat()}, which is in the "
                                "future; write the day it was signed (dates are written like 2025-12-13)")
        elif area.isp_expires is not None and area.isp_expires < today:
            found.warnings.append(f"the ISP of {called} expired on {area.isp_expires.isoformat()}, so no case "
                                  "will be transferred to it until a renewed ISP's dates are entered")
    for code, count in codes.items():
        if count > 1:
            found.errors.append(f"{count} MARACs in [[marac_areas]] have the code {code}; give each its own code")
    return found
