"""Unseen area forms: a blind check on real areas' MARAC referral layouts that neither the development corpus
(`tests/corpus/areas/`) nor the held-out set (`tests/corpus/heldout/`) has, built without looking at what the
reader returns.

Same shape as `tests.corpus.heldout` (one module per area, each defining `FORMS`, a list of `AreaForm`). Only
label wording and layout are taken from the published forms (each module's `SOURCE`); every person, place,
number and date is invented (`tests.corpus.areas.case`). The expected values are what the form says, read by a
careful person; they are never adjusted to the reader. Measure with

    .venv/bin/python -m tests.corpus.unseen.report [--no-pdf] [--show-wrong]
"""
from __future__ import annotations

from tests.corpus.areas import AreaForm, forms_in


def all_forms() -> list[AreaForm]:
    return forms_in(__name__, __path__)
