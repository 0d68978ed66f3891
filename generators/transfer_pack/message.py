"""The transfer pack as files and as one email. Subject and file names carry the case number only."""
from __future__ import annotations

import datetime as dt
import email.policy
import mimetypes
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from .model import TransferPack

MARKING = "OFFICIAL-SENSITIVE: MARAC information shared under an Information Sharing Protocol. Do not forward."
# What the summary shows of each referral, in the order a coordinator reads a referral form.
_FIELDS = (("name", "Name"), ("aliases", "Also known as"), ("dob", "Date of birth"), ("gender", "Gender"),
           ("address", "Address"), ("postcode", "Postcode"), ("phone", "Telephone"),
           ("safe_to_call", "Safe to call"), ("relationship_to_victim", "Relationship to the victim"),
           ("school", "School"))
_REFERRAL = (("risks_summary", "Risks"), ("victim_wishes", "The victim's views and wishes"),
             ("afraid_of", "Afraid of"), ("other_at_risk", "Others at risk"),
             ("crime_reference", "Crime reference"), ("additional_information", "Additional information"))
_REASONS = (("visible_high_risk", "visible high risk"), ("professional_judgement", "professional judgement"),
            ("potential_escalation", "potential escalation"), ("repeat", "repeat"))


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _person(title: str, data: dict[str, Any]) -> list[str]:
    lines = [f"  {title}:"]
    lines += [f"    {label}: {_value(data[key])}" for key, label in _FIELDS if data.get(key) not in (None, "", [])]
    return lines


def _referral(number: int, parsed: dict[str, Any]) -> list[str]:
    form = parsed.get("referral") or {}
    referrer = form.get("referrer") or {}
    lines = [f"Referral {number}: from {referrer.get('agency') or 'an agency not stated'}"
             + (f", {referrer['date']}" if referrer.get("date") else "")]
    reasons = [label for key, label in _REASONS if (form.get("reasons") or {}).get(key)]
    if reasons:
        lines.append(f"  Referred for: {', '.join(reasons)}")
    lines += _person("Victim", form.get("victim") or {})
    for i, person in enumerate(form.get("perpetrators") or [], 1):
        lines += _person(f"Alleged perpetrator {i}", person)
    for i, child in enumerate(form.get("children") or [], 1):
        lines += _person(f"Child {i}", child)
    lines += [f"  {label}: {_value(form[key])}" for key, label in _REFERRAL if form.get(key) not in (None, "")]
    dash = parsed.get("dash") or {}
    answers = dash.get("answers") or {}
    score = dash.get("score") if answers else form.get("dash_score_stated")
    if score is not None:
        lines.append(f"  DASH risk checklist: {score} ticked" + ("" if answers else " (as the form states it)"))
    if answers:
        lines.append("  DASH answers: " + "; ".join(f"{q}: {_value(a) if a is not None else 'not known'}"
                                                  for q, a in answers.items()))
    return lines


def summary(pack: TransferPack) -> str:
    lines = [MARKING, "", f"Inter-MARAC transfer of case {pack.case_number}",
             f"From {pack.from_marac} to {pack.to_marac}, {pack.sent_on:%-d %B %Y}.",
             f"Contact the sending MARAC coordinator: {pack.coordinator}" if pack.coordinator else "", ""]
    for number, parsed in enumerate(pack.referrals, 1):
        lines += _referral(number, parsed) + [""]
    lines.append(f"This victim's cases at {pack.from_marac}:")
    heard = [f"  case {n}: {('meeting of ' + m) if m else 'no meeting'} ({s})" for n, m, s in pack.hearings]
    lines += heard or ["  not yet heard"]
    lines += ["", f"Open actions: {len(pack.actions)} (open-actions-{pack.case_number}.txt)",
              f"Minutes extracts: {len(pack.minutes)} (minutes-extracts-{pack.case_number}.txt)", "", MARKING]
    return "\n".join(line for line in lines if line is not None) + "\n"


def actions_text(pack: TransferPack) -> str:
    lines = [MARKING, "", f"Open actions on case {pack.case_number} at {pack.from_marac}", ""]
    for a in pack.actions:
        lines += [f"{a.ref} (meeting {a.meeting or 'not recorded'}): {a.description}",
                  (f"  agency: {a.agency}; owner: {a.owner or 'not recorded'}; deadline: {a.deadline or 'none'}; "
                   f"status: {a.status or 'open'}"), ""]
    if not pack.actions:
        lines.append("None open.")
    return "\n".join(lines) + "\n"


def minutes_text(pack: TransferPack) -> str:
    lines = [MARKING, "", f"Extracts of {pack.from_marac}'s minutes about case {pack.case_number} only", ""]
    for where, number, text in pack.minutes:
        lines += [f"--- {where}, case {number} ---", text, ""]
    for meeting, agency, text in pack.agency_information:
        lines += [f"--- information and updates for {meeting}, {agency} ---", text, ""]
    if not (pack.minutes or pack.agency_information):
        lines.append("No minutes about this case have been read back yet.")
    return "\n".join(lines) + "\n"


def pack_files(pack: TransferPack) -> list[tuple[str, bytes]]:
    """Every file the pack holds: the forms as received, then the service's own three."""
    number = pack.case_number
    return [*pack.forms,
            (f"transfer-summary-{number}.txt", summary(pack).encode()),
            (f"minutes-extracts-{number}.txt", minutes_text(pack).encode()),
            (f"open-actions-{number}.txt", actions_text(pack).encode())]


def compose(pack: TransferPack, *, sender: str, to: str, reply_to: str | None, message_id: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = f"Inter-MARAC transfer: case {pack.case_number} from {pack.from_marac}"
    msg["Message-ID"] = message_id
    msg["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    msg["Sensitivity"] = "Company-Confidential"
    if reply_to:
        msg["Reply-To"] = reply_to
    msg.set_content(f"{pack.from_marac} transfers case {pack.case_number} to {pack.to_marac}: the victim now lives "
                    "in your area. Attached: the referral forms as received, a summary of the referral and "
                    "DASH checklist, extracts of our minutes about this case only, and its open actions.\n\n"
                    "The case is closed at our MARAC. Please list it for your next MARAC.\n\n" + MARKING + "\n")
    for name, data in pack_files(pack):
        kind = (mimetypes.guess_type(name)[0] or "application/octet-stream").split("/", 1)
        msg.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=name)
    return msg.as_bytes(policy=email.policy.SMTP)
