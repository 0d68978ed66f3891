"""Invented referrals for the demo, the tests and the benchmarks. Every person here is made up:
names from word lists, phone numbers in Ofcom's drama range (07700 900xxx), addresses invented."""
from __future__ import annotations

import datetime as dt
import random
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Union

Value = Union[str, bool]

FORENAMES = ["Zoë", "Aoife", "Marta", "Priya", "Ngozi", "Hannah", "Siân", "Chloé", "Beatrix", "Oluwaseun"]
SURNAMES = ["O'Brien-Smith", "Ashcombe", "Vantrell", "Quillfeather", "Marrow-Lyle", "Dunmore",
            "Featherstone", "Gallowglass", "Penhallow", "Tregarthen"]
MALE_NAMES = ["Darren", "Kieran", "Mattias", "Rory", "Anton", "Lewis"]
STREETS = ["Lantern Row", "Quarry Close", "Mill Leat", "Heron Way", "Orchard Drop", "Tinner's Lane"]
AGENCIES = [("Exampleshire Police", "pc.referrals@exampleshire.police.uk"),
            ("Exampleshire Health", "midwife.team@nhs.net"),
            ("Exampleshire Housing & Support", "tenancy@housing.exampleshire.gov.uk")]


def _date(rng: random.Random, start_year: int, end_year: int) -> dt.date:
    start = dt.date(start_year, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(end_year, 12, 28).toordinal()))


def _phone(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def invented_referral(rng: random.Random, children: int = 1, yes_answers: int = 15) -> dict[str, Value]:
    """A complete, well-filled referral and DASH checklist keyed by canonical path."""
    victim = f"{rng.choice(FORENAMES)} {rng.choice(SURNAMES).upper()}"
    perp = f"{rng.choice(MALE_NAMES)} {rng.choice(SURNAMES)}"
    agency, email = rng.choice(AGENCIES)
    postcode = f"EX{rng.randint(1, 6)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}"
    address = f"{rng.randint(1, 99)} {rng.choice(STREETS)}, Exampleton"
    v: dict[str, Value] = {
        "referral.referrer.agency": agency, "referral.referrer.name": f"{rng.choice(FORENAMES)} Referrer",
        "referral.referrer.phone": _phone(rng), "referral.referrer.email": email,
        "referral.referrer.date": _date(rng, 2026, 2026).strftime("%d/%m/%Y"),
        "referral.victim.name": victim, "referral.victim.aliases": "",
        "referral.victim.dob": _date(rng, 1970, 2004).strftime("%d/%m/%Y"),
        "referral.victim.gender": "Female", "referral.victim.address": address,
        "referral.victim.postcode": postcode, "referral.victim.phone": _phone(rng),
        "referral.victim.safe_to_call": rng.random() < 0.8,
        "referral.victim.contact_notes": "Weekday mornings only",
        "referral.victim.ethnicity": "White British", "referral.victim.bme": False,
        "referral.victim.disabled": False, "referral.victim.lgbt": False,
        "referral.victim.pregnant": False, "referral.victim.gp": "Riverside Surgery, Exampleton",
        "referral.perpetrators.0.name": perp, "referral.perpetrators.0.dob": _date(rng, 1965, 2003).strftime("%d/%m/%Y"),
        "referral.perpetrators.0.gender": "Male",
        "referral.perpetrators.0.relationship_to_victim": "Ex-partner",
        "referral.perpetrators.0.address": f"{rng.randint(100, 199)} {rng.choice(STREETS)}, Exampleton",
        "referral.reasons.visible_high_risk": yes_answers >= 14,
        "referral.dash_score_stated": str(yes_answers),
        "referral.reasons.professional_judgement": False, "referral.reasons.potential_escalation": False,
        "referral.reasons.repeat": False, "referral.victim_aware": True, "referral.consent": True,
        "referral.afraid_of": "The perpetrator", "referral.safe_to_talk_to": "Her sister",
        "referral.not_safe_to_talk_to": "The perpetrator's family",
        "referral.crime_reference": f"CR/{rng.randint(10000, 99999)}/26",
        "referral.risks_summary": "Escalating threats & attempted strangulation reported last week.",
        "dash.completed_by": "Referrer", "dash.date": _date(rng, 2026, 2026).strftime("%d/%m/%Y"),
    }
    for i in range(children):
        v[f"referral.children.{i}.name"] = f"{rng.choice(FORENAMES)} {victim.split()[-1].title()}"
        v[f"referral.children.{i}.dob"] = _date(rng, 2012, 2024).strftime("%d/%m/%Y")
        v[f"referral.children.{i}.relationship_to_victim"] = "Daughter"
        v[f"referral.children.{i}.relationship_to_perpetrator"] = "Daughter"
        v[f"referral.children.{i}.school"] = "Exampleton Primary"
    yes = set(rng.sample(range(1, 25), yes_answers))
    for n in range(1, 25):
        v[f"dash.answers.{n}"] = "yes" if n in yes else rng.choice(["no", "unknown"])
    return v


def referral_email(sender: str, attachments: list[tuple[str, bytes, str]], subject: str = "MARAC referral",
                   when: dt.datetime | None = None, message_id: str | None = None, body: str | None = None) -> bytes:
    """A message built the way a mail client builds one: text body plus attached files."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "marac@exampleshire.gov.uk"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when or dt.datetime.now(dt.timezone.utc))
    msg["Message-ID"] = message_id or make_msgid(domain=sender.rpartition("@")[2] or "example.invalid")
    msg.set_content(body or "Please find attached a MARAC referral and DASH risk checklist.\n")
    for name, data, ctype in attachments:
        maintype, _, subtype = ctype.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
