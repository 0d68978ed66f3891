"""Three ways areas word the same referral form, for the parsing corpus. Each maps a canonical path to
the label printed on that area's form, with the section heading it sits under. Wording 'safelives'
follows the SafeLives template; 'client' and 'survivor' follow common local variants (abbreviations,
different punctuation and order). Invented for tests; the synonym table must not simply copy these."""
from __future__ import annotations

SECTIONS = {
    "safelives": {"referrer": "Referrer details", "victim": "Victim details", "perpetrator": "Perpetrator details",
                  "children": "Children and other household members", "reasons": "Reason for referral",
                  "consent": "Consent and safety", "risks": "Summary of risks", "dash": "DASH risk checklist"},
    "client": {"referrer": "About you (the referrer)", "victim": "Client information", "perpetrator": "Alleged perpetrator",
               "children": "Children / household", "reasons": "Referral criteria", "consent": "Consent",
               "risks": "Risk information", "dash": "SafeLives DASH RIC"},
    "survivor": {"referrer": "Referring agency", "victim": "Victim/Survivor", "perpetrator": "Person causing harm",
                 "children": "Children in the household", "reasons": "Why are you referring?",
                 "consent": "Victim consent & safe contact", "risks": "Risks", "dash": "Risk identification checklist"},
}

WORDINGS: dict[str, dict[str, str]] = {
    "safelives": {
        "referral.referrer.agency": "Agency", "referral.referrer.name": "Name of referrer",
        "referral.referrer.phone": "Telephone", "referral.referrer.email": "Email",
        "referral.referrer.date": "Date of referral",
        "referral.victim.name": "Name of victim", "referral.victim.aliases": "Aliases",
        "referral.victim.dob": "Date of birth", "referral.victim.gender": "Gender",
        "referral.victim.address": "Address", "referral.victim.postcode": "Postcode",
        "referral.victim.phone": "Telephone number", "referral.victim.safe_to_call": "Is this number safe to call?",
        "referral.victim.contact_notes": "Safe contact arrangements", "referral.victim.ethnicity": "Ethnicity",
        "referral.victim.bme": "BME", "referral.victim.disabled": "Disability", "referral.victim.lgbt": "LGBT",
        "referral.victim.interpreter_language": "Interpreter required (language)",
        "referral.victim.pregnant": "Pregnant", "referral.victim.gp": "GP details",
        "referral.perpetrators.0.name": "Name of perpetrator", "referral.perpetrators.0.aliases": "Aliases",
        "referral.perpetrators.0.dob": "Date of birth", "referral.perpetrators.0.gender": "Gender",
        "referral.perpetrators.0.relationship_to_victim": "Relationship to victim",
        "referral.perpetrators.0.address": "Address",
        "referral.reasons.visible_high_risk": "Visible high risk", "referral.dash_score_stated": "DASH score",
        "referral.reasons.professional_judgement": "Professional judgement",
        "referral.reasons.professional_judgement_rationale": "If professional judgement, give reasons",
        "referral.reasons.potential_escalation": "Potential escalation",
        "referral.reasons.repeat": "Repeat MARAC", "referral.reasons.repeat_details": "Date of last MARAC",
        "referral.victim_aware": "Is the victim aware of the referral?",
        "referral.victim_aware_reason": "If not, why not?", "referral.consent": "Has the victim consented?",
        "referral.afraid_of": "Who is the victim afraid of?", "referral.safe_to_talk_to": "Who is it safe to talk to?",
        "referral.not_safe_to_talk_to": "Who is it not safe to talk to?",
        "referral.previous_marac": "Previous referral to another MARAC", "referral.crime_reference": "Crime reference",
        "referral.risks_summary": "Summary of current risks", "referral.additional_information": "Additional information",
    },
    "client": {
        "referral.referrer.agency": "Referring agency", "referral.referrer.name": "Referrer's name",
        "referral.referrer.phone": "Contact no.", "referral.referrer.email": "Secure email address",
        "referral.referrer.date": "Referral date",
        "referral.victim.name": "Client's full name", "referral.victim.aliases": "Also known as",
        "referral.victim.dob": "D.O.B.", "referral.victim.gender": "Sex",
        "referral.victim.address": "Current address", "referral.victim.postcode": "Post code",
        "referral.victim.phone": "Client's phone", "referral.victim.safe_to_call": "Safe to call (Y/N)",
        "referral.victim.contact_notes": "Best times to contact", "referral.victim.ethnicity": "Ethnic origin",
        "referral.victim.bme": "Black or minority ethnic", "referral.victim.disabled": "Has a disability",
        "referral.victim.lgbt": "LGBT+", "referral.victim.interpreter_language": "Interpreter needed? Language",
        "referral.victim.pregnant": "Is the client pregnant?", "referral.victim.gp": "Client's GP",
        "referral.perpetrators.0.name": "Alleged perpetrator's name", "referral.perpetrators.0.aliases": "Also known as",
        "referral.perpetrators.0.dob": "D.O.B.", "referral.perpetrators.0.gender": "Sex",
        "referral.perpetrators.0.relationship_to_victim": "Relationship to client",
        "referral.perpetrators.0.address": "Current address",
        "referral.reasons.visible_high_risk": "High risk (14+ on DASH)", "referral.dash_score_stated": "Total DASH score",
        "referral.reasons.professional_judgement": "Professional judgment",
        "referral.reasons.professional_judgement_rationale": "Rationale for professional judgment",
        "referral.reasons.potential_escalation": "Escalation (3+ incidents in 12 months)",
        "referral.reasons.repeat": "Repeat referral", "referral.reasons.repeat_details": "Previous MARAC date / case no.",
        "referral.victim_aware": "Client aware of referral?",
        "referral.victim_aware_reason": "Reason client not informed", "referral.consent": "Consent given?",
        "referral.afraid_of": "Who is the client afraid of?", "referral.safe_to_talk_to": "Safe to speak to",
        "referral.not_safe_to_talk_to": "Not safe to speak to",
        "referral.previous_marac": "Referred to another MARAC before?", "referral.crime_reference": "Crime ref no.",
        "referral.risks_summary": "Risk summary", "referral.additional_information": "Any other information",
    },
    "survivor": {
        "referral.referrer.agency": "Organisation", "referral.referrer.name": "Referrer",
        "referral.referrer.phone": "Phone", "referral.referrer.email": "E-mail",
        "referral.referrer.date": "Date",
        "referral.victim.name": "Victim/Survivor full name", "referral.victim.aliases": "Other names used",
        "referral.victim.dob": "DOB", "referral.victim.gender": "Gender identity",
        "referral.victim.address": "Home address", "referral.victim.postcode": "Postcode",
        "referral.victim.phone": "Mobile number", "referral.victim.safe_to_call": "Safe to call?",
        "referral.victim.contact_notes": "Contact notes", "referral.victim.ethnicity": "Ethnicity",
        "referral.victim.bme": "BAME", "referral.victim.disabled": "Disabled?", "referral.victim.lgbt": "LGBTQ+",
        "referral.victim.interpreter_language": "First language / interpreter",
        "referral.victim.pregnant": "Pregnant or recently given birth", "referral.victim.gp": "GP surgery",
        "referral.perpetrators.0.name": "Full name", "referral.perpetrators.0.aliases": "Other names used",
        "referral.perpetrators.0.dob": "DOB", "referral.perpetrators.0.gender": "Gender identity",
        "referral.perpetrators.0.relationship_to_victim": "Relationship to victim/survivor",
        "referral.perpetrators.0.address": "Home address",
        "referral.reasons.visible_high_risk": "Visible high risk (DASH)", "referral.dash_score_stated": "Number of ticks on DASH",
        "referral.reasons.professional_judgement": "Professional judgement",
        "referral.reasons.professional_judgement_rationale": "Professional judgement - reasons",
        "referral.reasons.potential_escalation": "Potential escalation",
        "referral.reasons.repeat": "Repeat", "referral.reasons.repeat_details": "Details of previous referral",
        "referral.victim_aware": "Is the victim/survivor aware of this referral?",
        "referral.victim_aware_reason": "If no, please explain", "referral.consent": "Consent to share information?",
        "referral.afraid_of": "Afraid of", "referral.safe_to_talk_to": "Safe people to talk to",
        "referral.not_safe_to_talk_to": "Unsafe people to talk to",
        "referral.previous_marac": "Previously referred to a MARAC in another area?",
        "referral.crime_reference": "Police reference / crime number",
        "referral.risks_summary": "Summary of the risks", "referral.additional_information": "Other relevant information",
    },
}

CHILD_HEADERS = {
    "safelives": {"name": "Name", "dob": "Date of birth", "relationship_to_victim": "Relationship to victim",
                  "relationship_to_perpetrator": "Relationship to perpetrator", "address": "Address", "school": "School"},
    "client": {"name": "Child's name", "dob": "D.O.B.", "relationship_to_victim": "Relationship to client",
               "relationship_to_perpetrator": "Relationship to alleged perpetrator", "address": "Address (if different)",
               "school": "School / nursery"},
    "survivor": {"name": "Full name", "dob": "DOB", "relationship_to_victim": "Relationship to victim/survivor",
                 "relationship_to_perpetrator": "Relationship to person causing harm", "address": "Where living",
                 "school": "School or setting"},
}

DASH_ANSWER_HEADERS = {"safelives": ("Yes", "No", "Don't know"), "client": ("Y", "N", "DK"),
                       "survivor": ("Yes", "No", "Not known")}


def section_of(path: str) -> str:
    """Which section heading a canonical path sits under on these layouts."""
    if path.startswith("referral.referrer."):
        return "referrer"
    if path.startswith("referral.victim."):
        return "victim"
    if path.startswith("referral.perpetrators."):
        return "perpetrator"
    if path.startswith("referral.reasons.") or path == "referral.dash_score_stated":
        return "reasons"
    if path in ("referral.risks_summary", "referral.additional_information"):
        return "risks"
    return "consent"
