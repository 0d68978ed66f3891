"""`run.py demo`: a handful of invented referrals in several layouts, and one faulty message, put into
the local mailbox the way a mail delivery agent would."""
from __future__ import annotations

import random
from pathlib import Path

from generators.fake_referrals import DOCX, PDF, invented_referral, referral_email
from generators.forms.docx_form import build_referral_docx
from generators.forms.pdf_fill import fill_referral_pdf
from generators.forms.pdf_form import build_referral_pdf
from intake.maildir import deliver


def _only(values: dict[str, object], prefix: str) -> dict[str, object]:
    return {k: v for k, v in values.items() if k.startswith(prefix)}


def demo_messages(seed: int = 2026) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    blank_pdf = build_referral_pdf()
    messages: list[tuple[str, bytes]] = []

    police = invented_referral(rng, children=2)
    messages.append(("pdf-form", referral_email(
        "pc.referrals@exampleshire.police.uk",
        [("MARAC referral and DASH.pdf", fill_referral_pdf(blank_pdf, police), PDF)])))

    health = invented_referral(rng, children=0, yes_answers=17)
    messages.append(("word-form", referral_email(
        "midwife.team@nhs.net", [("Referral form.docx", build_referral_docx(health), DOCX)])))

    housing = invented_referral(rng, children=1)
    messages.append(("two-files", referral_email(
        "tenancy@housing.exampleshire.gov.uk",
        [("Referral.docx", build_referral_docx(_only(housing, "referral.")), DOCX),  # type: ignore[arg-type]
         ("DASH checklist.pdf", fill_referral_pdf(blank_pdf, _only(housing, "dash.")), PDF)])))  # type: ignore[arg-type]

    messages.append(("no-attachment", referral_email(
        "pc.referrals@exampleshire.police.uk", [],
        body="Referral for this week's MARAC - form to follow.\n")))
    return messages


def put_demo_referrals(maildir: Path) -> list[str]:
    return [deliver(maildir, raw, name_hint=label).name for label, raw in demo_messages()]
