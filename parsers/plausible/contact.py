"""The referrer's box holding more than its field ("Fatima Cartwright, Housing Officer, Exampleshire NHS
Foundation Trust" as the name; an email followed by a phone number) and a language box holding the
interpreter answer too ("Polish – interpreter needed"). Parts that are plainly what another field holds go
there when it is empty; anything that cannot be told apart is left out and said."""
from __future__ import annotations

import re
from typing import Any

from ..labels.recognisers import RECOGNISERS
from .vocab import Found, fold, label, phrase_re, words

_PARTS = re.compile(r"\s*(?:[,;\n()]|\s/\s|\s[–—-]\s)\s*")
_EDGES = " \t\n,;:/–—-()."
# Characters: more is no name or email address (an address is at most 254), and the patterns that find the
# parts are never run over a long text.
_LONGEST = 300
_CONTACT_WORDS = re.compile(r"(?i)\b(?:tel(?:ephone)?|phone|mob(?:ile)?|e-?mail|direct|office|work)\b\.?:?")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _role_or_agency(part: str) -> str | None:
    """ "Housing Officer" is a role (a job title ends in its role word); "Riverside Housing Association" and
    "Victim Support" are agencies (an organisation's name ends in, or is, its organisation word)."""
    folded = fold(part)
    last = folded.split()[-1] if folded else ""
    organisations, roles = words("referrer", "organisation_words"), words("referrer", "role_words")
    if folded in organisations or last in organisations:
        return "agency"
    if folded in roles or last in roles:
        return "role"
    if phrase_re("referrer", "organisation_words").search(part):
        return "agency"
    return "role" if phrase_re("referrer", "role_words").search(part) else None


def _role_then_agency(part: str) -> list[str]:
    """ "Domestic Abuse Officer Exampleshire NHS Foundation Trust" (a line break lost) as the role and the
    agency: a role word followed by words naming an organisation."""
    tokens = part.split()
    for n, token in enumerate(tokens[:-1]):
        after = " ".join(tokens[n + 1:])
        if fold(token) in words("referrer", "role_words") and phrase_re("referrer", "organisation_words").search(after) \
                and not phrase_re("referrer", "role_words").search(after) and n > 0:
            return [" ".join(tokens[:n + 1]), after]
    return [part]


def _role_then_name(part: str) -> list[str] | None:
    """ "Health Visitor Tyler Rahman", "PC Jo Example": the job title before the name, as [name, role]."""
    tokens = part.split()
    for n in range(1, len(tokens) - 1):
        name = tokens[n:]
        if _role_or_agency(" ".join(tokens[:n])) == "role" and len(name) in (2, 3) \
                and all(t[:1].isupper() for t in name) and _role_or_agency(" ".join(name)) is None:
            return [" ".join(name), " ".join(tokens[:n])]
    return None


def _put(record: dict[str, Any], key: str, value: str, path: str, found: Found, same: Any = fold) -> None:
    """Move a part to its own field when that is empty. A different phone or email already there is said; a
    role or agency box of its own is taken over what the name box restates ("IDVA" beside "Independent
    Domestic Violence Advisor")."""
    have = record.get(key)
    if have is None:
        record[key] = value
    elif key in ("phone", "email") and same(have) != same(value):
        found.add(f"{path}.{key}", f"another box (read with the {label(path)} name or email) gives a different "
                                   f"{key.replace('_', ' ')}: check which is right", "warning")


def check_referrer(path: str, referrer: dict[str, Any], found: Found) -> None:
    name = referrer.get("name")
    if not isinstance(name, str):
        return
    if len(name) > _LONGEST:
        referrer["name"] = None
        found.add(f"{path}.name", "is too long for a name, so it was not used: read it from the form")
        return
    rest = name
    for kind in ("email", "phone"):
        for hit in RECOGNISERS[kind].findall(rest):
            _put(referrer, kind, hit.strip(), path, found, same=fold if kind == "email" else _digits)
        rest = RECOGNISERS[kind].sub(" ", rest)
    rest = _CONTACT_WORDS.sub(" ", rest) if rest != name else rest
    parts = [piece for p in _PARTS.split(rest) if p.strip(_EDGES) for piece in _role_then_agency(p.strip(_EDGES))]
    if parts and _role_or_agency(parts[0]) and (split := _role_then_name(parts[0])):
        parts[:1] = split
    kinds = [_role_or_agency(p) for p in parts]
    if rest == name and not any(kinds[1:]):
        return  # one name, or "Cartwright, Stuart": nothing else is in the box
    lead = 0
    while lead < len(parts) and kinds[lead] is None and lead < 2:
        lead += 1
    tail = kinds[lead:]
    person = ", ".join(parts[:lead])
    if not lead or len(person.split()) > 4 or any(ch.isdigit() for ch in person) or None in tail \
            or tail.count("role") > 1 or tail.count("agency") > 1:
        referrer["name"] = None
        found.add(f"{path}.name", "holds more than a name, and which part is the name could not be told, so it "
                                  "was not used: read it from the form")
        return
    referrer["name"] = person
    for part, kind in zip(parts[lead:], tail):
        _put(referrer, str(kind), part, path, found)


def check_email(path: str, record: dict[str, Any], found: Found) -> None:
    """An email box holding a phone number too (or a phone box an email): each part to its own field."""
    phone = record.get("phone")
    if isinstance(phone, str) and len(phone) <= _LONGEST and RECOGNISERS["email"].search(phone) \
            and RECOGNISERS["phone"].search(phone):
        for hit in RECOGNISERS["email"].findall(phone):
            _put(record, "email", hit, path, found)
        record["phone"] = " / ".join(m.strip() for m in RECOGNISERS["phone"].findall(phone))
    value = record.get("email")
    if not isinstance(value, str):
        return
    if len(value) > _LONGEST:
        record["email"] = None
        found.add(f"{path}.email", "is too long for an email address, so it was not used: read it from the form")
        return
    emails = list(dict.fromkeys(m.group(0) for m in RECOGNISERS["email"].finditer(value)))
    if len(emails) != 1:
        if len(emails) > 1:
            record["email"] = None
            found.add(f"{path}.email", "holds more than one email address, so it was not used: read it from the "
                                       "form")
        return
    record["email"] = emails[0]
    rest = RECOGNISERS["email"].sub(" ", value)
    for phone in RECOGNISERS["phone"].findall(rest):
        if "phone" in record:
            _put(record, "phone", phone.strip(), path, found, same=_digits)
    rest = _CONTACT_WORDS.sub(" ", RECOGNISERS["phone"].sub(" ", rest)).strip(_EDGES)
    if any(ch.isdigit() for ch in rest) or len(rest.split()) > 3:
        found.add(f"{path}.email", "the box also held other text, which was not used: read it on the form",
                  "warning")


def check_languages(path: str, person: dict[str, Any], found: Found) -> None:
    """ "Polish – interpreter needed" is the language Polish and a request for an interpreter in it; "English",
    or any language with "no interpreter", is the person's own language and no request; "Yes" in the
    interpreter box asks for one in the person's own language, when the form gives it."""
    needed = False
    for key in ("first_language", "interpreter_language"):
        value = person.get(key)
        if not isinstance(value, str):
            continue
        folded = fold(value)
        if key == "interpreter_language" and folded in words("languages", "no_words") | words("languages", "yes_words"):
            person[key] = None
            needed = folded in words("languages", "yes_words")
            continue
        refused = phrase_re("languages", "no_interpreter").search(value)
        asked = None if refused else phrase_re("languages", "interpreter_needed").search(value)
        language = phrase_re("languages", "no_interpreter" if refused else "interpreter_needed").sub(" ", value)
        language = re.sub(r"\s+", " ", language).strip(_EDGES + "?") or None
        if refused or (key == "interpreter_language" and not asked and
                       fold(language or "") in words("languages", "service_languages")):
            person[key] = None if key == "interpreter_language" else language
            if key == "interpreter_language" and "first_language" in person and person.get("first_language") is None:
                person["first_language"] = language
        elif asked:
            person[key] = language
            needed = needed or language is None
            for other in ("first_language", "interpreter_language"):
                if language and other in person and person.get(other) is None:
                    person[other] = language
    own = person.get("first_language")
    if needed and person.get("interpreter_language") is None:
        if isinstance(own, str) and fold(own) not in words("languages", "service_languages"):
            person["interpreter_language"] = own
        else:
            found.add(f"{path}.interpreter_language", "an interpreter is needed but the language is not given: ask "
                                                      "the referrer", "warning")
