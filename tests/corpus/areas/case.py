"""An invented case with every canonical value a referral form or checklist might carry.

Values are canonical (what the reader must return): ISO dates, booleans, "yes"/"no"/"unknown" for
DASH answers, plain text. How a referrer writes them on a form (3.4.91, "Y / N" with one struck out,
a ticked box) is the area module's business, using `tests.corpus.areas.styles`. Seeded, so a case is
the same every run. Names come from invented lists; phone numbers from Ofcom's drama ranges
(07700 900000-900999, 0117 496 0000-0999); postcodes are real districts with invented sectors.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

FORENAMES_F = ("Aisha", "Bethany", "Chloe", "Daria", "Eleni", "Fatima", "Grace", "Hannah", "Imogen", "Joanna",
               "Kerry-Ann", "Leanne", "Maria José", "Niamh", "Olivia", "Priya", "Róisín", "Siobhan", "Tamsin")
FORENAMES_M = ("Aaron", "Bradley", "Callum", "Darren", "Ewan", "Farhan", "Gareth", "Harvey", "Imran", "Jordan",
               "Kieran", "Liam", "Mohammed", "Nathan", "Owen", "Patrick", "Reece", "Stuart", "Tyler")
SURNAMES = ("ABBOTT", "O'BRIEN", "CARTWRIGHT", "DE SOUZA", "EVANS-PRICE", "FLETCHER", "GREENWOOD", "HUSSAIN",
            "IQBAL", "JOHNSTONE", "KOWALSKA", "LLEWELLYN", "MCALLISTER", "NAKAMURA", "OKONKWO", "PEMBERTON",
            "QUINLAN", "RAHMAN", "SZYMANSKI", "THORNTON", "UDDIN", "VAUGHAN", "WHITTAKER", "YILMAZ")
STREETS = ("Acacia Avenue", "Beech Grove", "Canal Street", "Dovecote Lane", "Elm Close", "Foundry Road",
           "Gasworks Terrace", "Hawthorn Drive", "Ivy Court", "Juniper Walk")
POSTCODES = ("BS5 0XJ", "KT1 9ZZ", "E15 9QQ", "SS1 9XY", "CA1 9AB", "LS8 9UU", "NR3 9TT", "M14 9RR")
AGENCIES = ("Exampleshire Police", "Riverside Housing Association", "Exampleshire NHS Foundation Trust",
            "Children's Social Care", "Women's Aid (Exampleshire)", "Probation Service")
RELATIONSHIPS = ("Ex-partner", "Partner", "Husband", "Son", "Boyfriend", "Ex-husband")


@dataclass
class Case:
    seed: int
    values: dict[str, Any] = field(default_factory=dict)  # canonical path -> canonical value
    perpetrators: int = 1
    children: int = 2

    def __getitem__(self, path: str) -> Any:
        return self.values.get(path)

    def get(self, path: str, default: Any = None) -> Any:
        return self.values.get(path, default)

    def paths(self, prefix: str) -> dict[str, Any]:
        return {p: v for p, v in self.values.items() if p.startswith(prefix)}


def _dob(rng: random.Random, lo: int, hi: int, today: dt.date) -> dt.date:
    return today - dt.timedelta(days=rng.randint(lo * 365, hi * 365))


def _phone(rng: random.Random) -> str:
    return rng.choice((f"07700 900{rng.randint(0, 999):03d}", f"0117 496 0{rng.randint(0, 999):03d}"))


def invented_case(seed: int = 1, perpetrators: int = 1, children: int = 2, yes_answers: int = 16,
                  today: dt.date = dt.date(2026, 11, 2)) -> Case:
    rng = random.Random(seed)
    victim_surname = rng.choice(SURNAMES)
    v: dict[str, Any] = {}
    v["referral.referrer.name"] = f"{rng.choice(FORENAMES_F + FORENAMES_M)} {rng.choice(SURNAMES).title()}"
    v["referral.referrer.agency"] = rng.choice(AGENCIES)
    v["referral.referrer.role"] = rng.choice(("Domestic Abuse Officer", "Housing Officer", "Health Visitor",
                                             "Social Worker", "Detective Constable"))
    v["referral.referrer.phone"] = _phone(rng)
    v["referral.referrer.email"] = f"{v['referral.referrer.name'].split()[0].lower()}.referrer@example.gov.uk"
    v["referral.referrer.date"] = (today - dt.timedelta(days=rng.randint(0, 6))).isoformat()
    victim_dob = _dob(rng, 18, 70, today)
    v["referral.victim.name"] = f"{rng.choice(FORENAMES_F)} {victim_surname}"
    v["referral.victim.dob"] = victim_dob.isoformat()
    v["referral.victim.age"] = (today - victim_dob).days // 365
    v["referral.victim.gender"] = "Female"
    street = f"{rng.randint(1, 199)} {rng.choice(STREETS)}"
    postcode = rng.choice(POSTCODES)
    v["referral.victim.address"] = f"{street}, Exampletown, {postcode}"
    v["referral.victim.postcode"] = postcode
    v["referral.victim.phone"] = _phone(rng)
    v["referral.victim.safe_to_call"] = rng.random() < 0.7
    v["referral.victim.safe_to_leave_message"] = rng.random() < 0.4
    v["referral.victim.contact_notes"] = rng.choice(("Call weekday mornings only", "Text first, then call",
                                                     "Only between 9am and 11am"))
    v["referral.victim.ethnicity"] = rng.choice(("White British", "Black Caribbean", "Pakistani", "White Polish",
                                                 "Mixed White and Asian"))
    v["referral.victim.first_language"] = rng.choice(("English", "Polish", "Urdu"))
    v["referral.victim.interpreter_language"] = None if v["referral.victim.first_language"] == "English" else \
        v["referral.victim.first_language"]
    v["referral.victim.bme"] = v["referral.victim.ethnicity"] not in ("White British", "White Polish")
    v["referral.victim.disabled"] = rng.random() < 0.2
    v["referral.victim.lgbt"] = rng.random() < 0.1
    v["referral.victim.pregnant"] = rng.random() < 0.15
    v["referral.victim.housing"] = rng.choice(("Council tenant", "Housing association (Riverside)",
                                               "Private rented", "Owner occupier"))
    v["referral.victim.occupation"] = rng.choice(("Care assistant", "Unemployed", "Student", "Retail"))
    v["referral.victim.gp"] = f"Dr {rng.choice(SURNAMES).title()}, Canal Street Surgery"
    v["referral.victim.mental_health"] = rng.choice((None, "Anxiety and low mood", "Depression, on medication"))
    v["referral.victim.substance_misuse"] = rng.choice((None, "None known", "Alcohol"))
    if v["referral.victim.substance_misuse"] == "None known":
        v["referral.victim.substance_misuse"] = None  # "None known" is unknown, not a value
    v["referral.victim.aliases"] = [f"{v['referral.victim.name'].split()[0]} {rng.choice(SURNAMES)}"] \
        if rng.random() < 0.4 else []
    for i in range(perpetrators):
        p = f"referral.perpetrators.{i}"
        v[f"{p}.name"] = f"{rng.choice(FORENAMES_M)} {rng.choice(SURNAMES)}"
        v[f"{p}.dob"] = _dob(rng, 19, 65, today).isoformat()
        v[f"{p}.gender"] = "Male"
        v[f"{p}.relationship_to_victim"] = rng.choice(RELATIONSHIPS)
        v[f"{p}.address"] = f"{rng.randint(1, 199)} {rng.choice(STREETS)}, Exampletown, {rng.choice(POSTCODES)}"
        v[f"{p}.ethnicity"] = rng.choice(("White British", "Black African", "Bangladeshi"))
        v[f"{p}.occupation"] = rng.choice(("Builder", "Unemployed", "Taxi driver"))
        v[f"{p}.aliases"] = [rng.choice(("Baz", "Dee", "Mo", "Tee"))] if rng.random() < 0.3 else []
    for i in range(children):
        c = f"referral.children.{i}"
        v[f"{c}.name"] = f"{rng.choice(FORENAMES_F + FORENAMES_M)} {victim_surname}"
        v[f"{c}.dob"] = _dob(rng, 1, 15, today).isoformat()
        v[f"{c}.gender"] = rng.choice(("Male", "Female"))
        v[f"{c}.relationship_to_victim"] = rng.choice(("Son", "Daughter"))
        v[f"{c}.relationship_to_perpetrator"] = rng.choice(("Son", "Daughter", "Stepson", "None"))
        v[f"{c}.school"] = rng.choice(("Riverside Primary", "Hillside Academy", "Not yet at school"))
        v[f"{c}.lives_with_victim"] = rng.random() < 0.8
    answers = ["yes"] * yes_answers + ["no"] * (20 - yes_answers) + ["unknown"] * 4
    rng.shuffle(answers)
    for n in range(1, 25):
        v[f"dash.answers.{n}"] = answers[n - 1]
    v["dash.score"] = yes_answers
    v["dash.completed_by"] = v["referral.referrer.name"]
    v["dash.date"] = v["referral.referrer.date"]
    v["referral.dash_score_stated"] = yes_answers
    v["referral.reasons.visible_high_risk"] = yes_answers >= 14
    v["referral.reasons.professional_judgement"] = rng.random() < 0.3
    v["referral.reasons.professional_judgement_rationale"] = \
        "Recent escalation: strangulation reported last week" if v["referral.reasons.professional_judgement"] else None
    v["referral.reasons.potential_escalation"] = rng.random() < 0.4
    v["referral.reasons.repeat"] = False
    v["referral.victim_aware"] = rng.random() < 0.8
    v["referral.victim_aware_reason"] = None if v["referral.victim_aware"] else "Not safe to discuss at present"
    v["referral.consent"] = v["referral.victim_aware"] and rng.random() < 0.8
    v["referral.consent_override_reason"] = None if v["referral.consent"] else \
        "Risk of serious harm outweighs the need for consent"
    v["referral.afraid_of"] = f"{v['referral.perpetrators.0.name']} and his brother"
    v["referral.safe_to_talk_to"] = "Her sister and the health visitor"
    v["referral.not_safe_to_talk_to"] = "His family"
    v["referral.crime_reference"] = f"EX/{rng.randint(10000, 99999)}/26"
    v["referral.police.officer_in_charge"] = f"DC {rng.choice(SURNAMES).title()}"
    v["referral.police.victim_wants_police"] = rng.random() < 0.5
    v["referral.victim_wishes"] = "To feel safe at home and keep the children safe"
    v["referral.risks_summary"] = ("Strangled during an argument on 25 October; threats to kill; "
                                   "he has breached his bail conditions")
    v["referral.additional_information"] = None
    return Case(seed, v, perpetrators, children)
