"""Word-building helpers the third fresh set shares (not a form: the underscore keeps it out of `all_forms`).

Everything the other kits already have is imported from them, read-only; only what those do not make is here:

- `short_date`: a date as "dd/mm/yy", the style a form asks for when it prints "(dd/mm/yy)" after the label;
- `delete_as_appropriate`: a printed "Yes / No (delete as appropriate)" after the referrer has deleted the option
  that does not apply (or struck it through, or left both and typed the answer after them);
- `due_date`: an unborn baby's expected date of delivery, seeded from the case's referral date.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx.text.paragraph import Paragraph

from tests.corpus.areas.case import Case


def short_date(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%y") if iso else ""


def delete_as_appropriate(paragraph: Paragraph, value: bool | None, how: str) -> None:
    """'Yes / No (delete as appropriate)' as left by the referrer: 'delete' keeps only the answer (and the note),
    'strike' strikes the other option through, 'typed' leaves the print and types the answer after it."""
    if value is None:
        paragraph.add_run("Yes / No (delete as appropriate)")
        return
    if how == "delete":
        paragraph.add_run("Yes" if value else "No")
        return
    if how == "strike":
        yes = paragraph.add_run("Yes")
        paragraph.add_run(" / ")
        no = paragraph.add_run("No")
        (no if value else yes).font.strike = True
        paragraph.add_run(" (delete as appropriate)")
        return
    paragraph.add_run(f"Yes / No (delete as appropriate)   {'YES' if value else 'NO'}")


def due_date(case: Case) -> str:
    return (dt.date.fromisoformat(case["referral.referrer.date"]) + dt.timedelta(days=97)).isoformat()


def expect_unborn(found: dict[str, Any], case: Case, address: bool = True) -> None:
    """A family with no children but an expected baby (seed 3): the form gives its due date (and the victim's
    address, where the form has the child's address)."""
    if case.children:
        return
    found["referral.children.0.unborn"] = True
    found["referral.children.0.dob"] = due_date(case)
    if address:
        found["referral.children.0.address"] = case.values["referral.victim.address"]


def expect_each(found: dict[str, Any], case: Case, people: str, keys: tuple[str, ...]) -> None:
    """Each perpetrator's or child's (`people`) invented values under `keys`, as the form gives them."""
    for i in range(case.perpetrators if people == "perpetrators" else case.children):
        for key in keys:
            found[f"referral.{people}.{i}.{key}"] = case.values[f"referral.{people}.{i}.{key}"]


# The referrer's and the victim's values a children's referral form gives in its boxes, and its two questions.
REFERRAL_HEAD = ("referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
                 "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date", "referral.victim.name",
                 "referral.victim.dob", "referral.victim.address", "referral.victim.phone", "referral.victim_aware",
                 "referral.consent", "referral.crime_reference", "referral.dash_score_stated", "referral.risks_summary")


def expect_head(case: Case, paths: tuple[str, ...] = REFERRAL_HEAD) -> dict[str, Any]:
    """The invented values under `paths`, with the reason for each of the two questions answered no."""
    found: dict[str, Any] = {p: case.values[p] for p in paths}
    for question, reason in (("referral.victim_aware", "referral.victim_aware_reason"),
                             ("referral.consent", "referral.consent_override_reason")):
        if question in paths and not case.values[question]:
            found[reason] = case.values[reason]
    return found


def expect_children_at_home(found: dict[str, Any], case: Case, keys: tuple[str, ...]) -> None:
    """Each child's values under `keys`, living at the victim's address."""
    expect_each(found, case, "children", keys)
    for i in range(case.children):
        found[f"referral.children.{i}.address"] = case.values["referral.victim.address"]
