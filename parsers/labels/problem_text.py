"""How the resolver's problems name a label and a field, and problems said once where one per label would bury the
coordinator: a whole second set of one person's details ("Nominating Officer 1" | "Nominating Officer 2", each with
a name, job title, organisation, phone and e-mail) is one problem, and so is a box of labels none of which says whose
they are ("Details of Father": "Surname", "First names", "DoB", …). A well-filled form with a second officer is
still a form with one thing to look at."""
from __future__ import annotations

import re

from ..problem import Problem

__all__ = ["AGAIN", "UNSAID", "describe", "one_per_box", "one_per_person", "shown"]

AGAIN = "the label '{label}' gives the {field} again; the first one was used"
UNSAID = "the label '{label}' does not say whose {column} it is and has no heading that does; it was not used"


def _said(template: str) -> re.Pattern[str]:
    """A problem made from `template`, read back: its label, whatever the field."""
    pattern = re.sub(r"\\\{(\w+)\\\}", lambda m: "(?P<label>.*)" if m.group(1) == "label" else ".*",
                     re.escape(template))
    return re.compile(f"^{pattern}$")


_AGAIN, _UNSAID = _said(AGAIN), _said(UNSAID)
_PERSON = re.compile(r"^(?P<person>referral\.(?:victim|referrer|(?:perpetrators|children|additional_victims)\.\d+))\.")
_SEVERAL = 3  # labels of one person given again: a second set of their details, not a slip
_SEVERAL_IN_A_BOX = 2  # unowned labels one after another: one box nothing ties


def shown(label: str) -> str:
    return " ".join(label.split())[:80]


def describe(path: str) -> str:
    """A path the way a coordinator says it: 'perpetrator dob'."""
    path = path.partition("#")[0].removeprefix("referral.").replace("*.", "")
    return path.replace("perpetrators", "perpetrator").replace("children", "child").replace(".", " ").replace("_", " ")


def one_per_person(problems: list[Problem]) -> list[Problem]:
    again: dict[str, list[tuple[int, str]]] = {}
    for at, problem in enumerate(problems):
        said, whose = _AGAIN.match(problem.message), _PERSON.match(problem.field or "")
        if said and whose:
            again.setdefault(whose.group("person"), []).append((at, said.group("label")))
    merged = {person: found for person, found in again.items() if len(found) >= _SEVERAL}
    if not merged:
        return problems
    dropped = {at for found in merged.values() for at, _ in found[1:]}
    out = []
    for at, problem in enumerate(problems):
        if at in dropped:
            continue
        person = next((p for p, found in merged.items() if found[0][0] == at), None)
        if person is not None:
            labels = ", ".join(f"'{label}'" for _, label in merged[person])
            problem = Problem(f"the form gives a second set of the {_whose(person)} details ({labels}); the first "
                              "ones were used: check which is right", person, problem.severity)
        out.append(problem)
    return out


def _whose(person: str) -> str:
    words = person.removeprefix("referral.").replace("perpetrators.", "perpetrator ").replace("children.", "child ")
    words = words.replace("additional_victims.", "further victim ")
    return re.sub(r" (\d+)$", lambda m: f" {int(m.group(1)) + 1}'s", words) if words[-1].isdigit() else f"{words}'s"


def one_per_box(problems: list[Problem]) -> list[Problem]:
    """Labels that do not say whose they are, one after the other (a box's), said once where there are several."""
    out: list[Problem] = []
    run: list[tuple[Problem, str]] = []
    for problem in [*problems, None]:
        said = _UNSAID.match(problem.message) if problem is not None else None
        if said:
            run.append((problem, said.group("label")))
            continue
        if len(run) >= _SEVERAL_IN_A_BOX:
            labels = ", ".join(f"'{label}'" for _, label in run)
            out.append(Problem(f"{len(run)} labels in one box ({labels}): each does not say whose it is, and no "
                               "heading does, so none was read: check whose box it is", None, run[0][0].severity))
        else:
            out += [p for p, _ in run]
        run = []
        if problem is not None:
            out.append(problem)
    return out
