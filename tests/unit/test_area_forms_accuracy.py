"""The reader on forms laid out as real areas' published forms are (tests/corpus/areas/, and the held-out
unseen, blind and fresh areas of tests/corpus/heldout/, unseen/, blind/ and fresh/, each measured blind
first and looked at since), Word files as Word saves them: no value may come back
wrong without a problem, accuracy must not slip back, and a well-filled form raises at most one problem
(each one a coordinator reads for nothing). The per-form table is `python -m tests.corpus.areas.report`;
the PDF side is an integration test."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.corpus.areas import AreaForm, all_forms
from tests.corpus.areas.report import MISSING, RIGHT, WRONG_SILENT, measure
from tests.corpus.blind import all_forms as blind_forms
from tests.corpus.fresh import all_forms as fresh_forms
from tests.corpus.fresh2 import all_forms as fresh2_forms
from tests.corpus.fresh3 import all_forms as fresh3_forms
from tests.corpus.fresh4 import all_forms as fresh4_forms
from tests.corpus.fresh5 import all_forms as fresh5_forms
from tests.corpus.fresh6 import all_forms as fresh6_forms
from tests.corpus.fresh7 import all_forms as fresh7_forms
from tests.corpus.fresh8 import all_forms as fresh8_forms
from tests.corpus.fresh9 import all_forms as fresh9_forms
from tests.corpus.fresh10 import all_forms as fresh10_forms
from tests.corpus.fresh11 import all_forms as fresh11_forms
from tests.corpus.heldout import all_forms as heldout_forms
from tests.corpus.unseen import all_forms as unseen_forms

FLOOR = 99.0  # percent of values right over each corpus (issue 11 aims at 99)
MOST_PROBLEMS = 1  # raised for one well-filled form: every corpus form is filled well
# The blind sets, each read once before anyone looked (Word: blind 49 %, fresh 42 %, fresh2 56 %, fresh3 51 %, fresh4
# 55 %, fresh5 44 %, fresh6 75 %, fresh7 55 %, fresh8 56 %, fresh9 43 %, fresh10 45 %), and
# tuned by class since: blind and fresh still miss a few values (one form's ethnicity and officer, bare ethnicity
# codes); fresh2 a checklist's date and a risk tool's referral date; fresh3 a young person's checklist head and an
# "anything else" box; fresh7 a police notification written as prose; fresh9 and fresh10 a carers' box of
# "Mother: …" lines and a concerns box worded as parenting capacity; fresh11 (measured first at 90.6 %) a checklist's
# "Agency worker", read as who completed it, and a consent reason typed beside the boxes; its checklist's own wording of
# four questions is not the SafeLives wording, and each is said (four problems a form).
# Their floors hold what they read now; 0 silent holds for all.
FLOORS: dict[Callable[[], list[AreaForm]], float] = {blind_forms: 98.5, fresh_forms: 98.5, fresh2_forms: 98.0,
                                                     fresh3_forms: 97.0, fresh7_forms: 88.0, fresh8_forms: 99.0,
                                                     fresh9_forms: 95.0, fresh10_forms: 98.5, fresh11_forms: 96.5}
# The children's forms of fresh3, fresh4, fresh8, fresh9 and fresh10 name no victim: the household's mother is presumed
# the victim with an error that holds the case for the coordinator, and where some adult of the household is left
# unread they say so too: no false alarms.
MOST: dict[Callable[[], list[AreaForm]], int] = {fresh3_forms: 2, fresh4_forms: 2, fresh8_forms: 2,
                                                 fresh9_forms: 3, fresh10_forms: 1, fresh11_forms: 4}


@pytest.mark.parametrize("forms", [all_forms, heldout_forms, unseen_forms, blind_forms, fresh_forms,
                                   fresh2_forms, fresh3_forms, fresh4_forms, fresh5_forms, fresh6_forms, fresh7_forms,
                                   fresh8_forms, fresh9_forms, fresh10_forms, fresh11_forms],
                         ids=["areas", "heldout", "unseen", "blind", "fresh", "fresh2", "fresh3", "fresh4", "fresh5",
                              "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11"])
def test_no_value_is_wrong_without_a_problem_and_accuracy_holds(forms: Callable[[], list[AreaForm]]) -> None:
    scores = measure(forms(), [1, 2, 3], pdf=False)
    silent = {key: s.wrong for (key, _), s in scores.items() if s.counts[WRONG_SILENT]}
    assert silent == {}
    right = sum(s.counts[RIGHT] for s in scores.values())
    total = sum(s.total for s in scores.values())
    missing = {key: s.counts[MISSING] for (key, _), s in scores.items()}
    assert 100 * right / total >= FLOORS.get(forms, FLOOR), missing
    noisy = {key: s.said for (key, _), s in scores.items() if s.most_raised > MOST.get(forms, MOST_PROBLEMS)}
    assert noisy == {}
