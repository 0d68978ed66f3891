"""Which of the 24 SafeLives DASH questions a printed checklist line asks, recognised by its words.

Checklists in use differ in order (the older police version starts elsewhere and numbers 27
questions), in wording, and in extra questions (stalking S-DASH, honour-based abuse). The printed
number therefore says little; the words decide. Each line is scored against every question's text
(fuzzy, on content words) with a bonus for its identifying keywords, and against the known extra
questions in data/dash_extra.toml: a line nearer an extra question than any of the 24 is not one,
and one near enough to a known extra is given that question's slug (for `dash.extra`).

`identify_lines` reads a whole checklist: each line's question (number or slug), and the version
when the order of the questions is a known one (`dash.version`). The printed numbers split the
checklist into sections (numbering starting again: the stalking or honour-based questions after the
main ones), which tells an S-DASH "Is the victim very frightened?" from question 2 asked again.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

__all__ = ["identify", "identify_lines", "match_extra", "match_question", "normalise_question"]

# Words every question shares (and the placeholder for the abuser's name): they carry no meaning here.
_STOP = frozenset("""a an and any are as at be been being by can could did do does doing ever for from had has
have he her him his i if in is it its me name of on or other others s she than that the their them there
they this to was were what when where whether which who whom with within would you your abuser perpetrator
victim client survivor
partner someone am my myself mine we us our currently""".split())
_KEYWORD_BONUS = 12.0
_MAX_KEYWORD_HITS = 2
_ACCEPT = 62.0  # similarity needed without a keyword
_ACCEPT_WITH_KEYWORD = 45.0  # similarity needed when one of the question's keywords is present
_MARGIN = 6.0  # how far ahead of the runner-up the winner must be


_MIN_SHARED = 0.34  # share of a question's words a line without a keyword must have
_MIN_SHARED_EXTRA = 0.5  # share of an extra question's words a line must have to be given its slug
_EXTRA_ACCEPT = 72.0  # similarity a line needs to be given a known extra question's slug
_EXTRA_MARGIN = 5.0

Target = int | str  # a SafeLives number (1-24) or an extra question's slug


@dataclass(frozen=True)
class _Question:
    number: int
    contents: tuple[str, ...]  # the printed wording and other known wordings, as content words
    keywords: tuple[re.Pattern[str], ...]
    excludes: tuple[re.Pattern[str], ...]  # words that say the line is another question ("kill himself")


@dataclass(frozen=True)
class _Extra:
    slug: str
    contents: tuple[str, ...]
    duplicate_of: int | None  # only for a line asking question N again, in a later section


@dataclass(frozen=True)
class _Data:
    questions: tuple[_Question, ...]
    extras: tuple[_Extra, ...]
    versions: tuple[tuple[str, tuple[Target, ...]], ...]


def normalise_question(text: str) -> str:
    """Lower-case words only, without numbering, bracketed asides and placeholders like (....)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)  # "(name of abuser)", "(please specify)"
    text = re.sub(r"\([^()]*\)", " ", text)  # "(name of abuser(s))": the outer brackets, once inner ones are gone
    text = re.sub(r"^\s*(?:q(?:uestion)?\s*)?\d+\s*[a-z]?\s*[.):-]?\s+", " ", text)
    text = text.replace("'s", "").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _content(normalised: str) -> str:
    return " ".join(w for w in normalised.split() if w not in _STOP)


def _keyword(word: str) -> re.Pattern[str]:
    # A keyword matches at the start of a word ("harass" in "harassment"), never inside one ("pet"
    # in "perpetrator").
    return re.compile(r"\b" + r"\s+".join(map(re.escape, normalise_question(word).split())))


def _load_toml(name: str) -> dict:
    return tomllib.loads(resources.files("parsers").joinpath("data", name).read_text(encoding="utf-8"))


def _wordings(entry: dict) -> tuple[str, ...]:
    return tuple(_content(normalise_question(t)) for t in [entry["text"], *entry.get("also", [])])


@lru_cache(maxsize=1)
def _data() -> _Data:
    questions = tuple(
        _Question(int(q["number"]), _wordings(q), tuple(_keyword(k) for k in q.get("match", [])),
                  tuple(_keyword(k) for k in q.get("exclude", [])))
        for q in _load_toml("dash_questions.toml")["question"])
    extra_file = _load_toml("dash_extra.toml")
    extras = tuple(_Extra(str(e["slug"]), _wordings(e), e.get("duplicate_of")) for e in extra_file.get("extra", []))
    versions = tuple((str(v["name"]), tuple(v["order"])) for v in extra_file.get("version", []))
    return _Data(questions, extras, versions)


def _similarity(a: str, b: str) -> float:
    # token_set_ratio rewards a short line whose words are all in the question; token_sort_ratio
    # keeps a long line from matching a question that merely shares a few of its words.
    return max(fuzz.token_sort_ratio(a, b), 0.92 * fuzz.token_set_ratio(a, b))


def _best(content: str, contents: tuple[str, ...]) -> float:
    return max(_similarity(content, c) for c in contents)


def _scores(normalised: str, content: str) -> list[tuple[float, float, int]]:
    """(score, similarity, number) per question, best first."""
    scored = []
    for q in _data().questions:
        if any(k.search(normalised) for k in q.excludes):
            continue
        similarity = _best(content, q.contents)
        hits = sum(1 for k in q.keywords if k.search(normalised))
        scored.append((similarity + _KEYWORD_BONUS * min(hits, _MAX_KEYWORD_HITS), similarity, q.number))
    return sorted(scored, reverse=True)


def _extra_scores(content: str, duplicates: bool = False) -> list[tuple[float, str]]:
    """(similarity, slug) per extra question, best first; those sharing a question's words only if asked."""
    return sorted(((_best(content, e.contents), e.slug) for e in _data().extras
                   if (e.duplicate_of is not None) == duplicates), reverse=True)


@lru_cache(maxsize=1024)  # every checklist of one version prints the same lines
def identify(text: str) -> Target | None:
    """The SafeLives number (1-24) a checklist line asks, the slug of a known extra question, or None."""
    normalised = normalise_question(text)
    content = _content(normalised)
    if not content:
        return None
    ranked = _scores(normalised, content)
    (score, similarity, number), runner_up = ranked[0], ranked[1][0]
    extras = _extra_scores(content)
    extra_similarity, slug = extras[0] if extras else (0.0, "")
    has_keyword = score > similarity
    if extra_similarity >= similarity:
        # Nearer an extra question than any of the 24: that one if near enough and sharing its words
        # (and ahead of the best of the 24 even with its keywords counted); otherwise none of them,
        # unless only the keywords of one of the 24 put it ahead.
        second = extras[1][0] if len(extras) > 1 else 0.0
        if extra_similarity >= score and extra_similarity >= _EXTRA_ACCEPT and \
                extra_similarity - second >= _EXTRA_MARGIN and _shared(content, _extra(slug).contents) >= _MIN_SHARED_EXTRA:
            return slug
        if extra_similarity >= score:
            return None
    if similarity < (_ACCEPT_WITH_KEYWORD if has_keyword else _ACCEPT) or score - runner_up < _MARGIN:
        return None
    if not has_keyword and _shared_words(content, number) < _MIN_SHARED:
        return None  # alike in letters only ("the family's car ..." is not "the family pet")
    return number


def _stems(content: str) -> set[str]:
    return {word[:5] for word in content.split() if len(word) >= 3}


def _shared(content: str, contents: tuple[str, ...]) -> float:
    """The share of a question's words (any wording of it) the line has too, by their first letters."""
    line = _stems(content)
    return max(len(line & _stems(c)) / max(len(_stems(c)), 1) for c in contents)


def _shared_words(content: str, number: int) -> float:
    return _shared(content, next(q for q in _data().questions if q.number == number).contents)


def _extra(slug: str) -> _Extra:
    return next(e for e in _data().extras if e.slug == slug)


def match_question(text: str) -> int | None:
    """The SafeLives RIC number (1-24) of a checklist question, or None if it is not one of them."""
    found = identify(text)
    return found if isinstance(found, int) else None


def match_extra(text: str) -> str | None:
    """The slug of a known question outside the 24 (stalking, honour-based, police), or None."""
    found = identify(text)
    return found if isinstance(found, str) else None


def _asked_again(text: str, number: int) -> str | None:
    """The extra question sharing question `number`'s words that a line asked again may be."""
    content = _content(normalise_question(text))
    for similarity, slug in _extra_scores(content, duplicates=True):
        extra = _extra(slug)
        if extra.duplicate_of == number and similarity >= _EXTRA_ACCEPT:
            return slug
    return None


def _sections(numbers: Sequence[int | None]) -> list[int]:
    """The section of each line: a printed number no higher than the one before starts a new one."""
    sections, section, previous = [], 0, None
    for number in numbers:
        if number is not None and previous is not None and number <= previous:
            section += 1
        previous = number if number is not None else previous
        sections.append(section)
    return sections


def _is_subsequence(found: list[Target], order: tuple[Target, ...]) -> bool:
    items = iter(order)
    return all(any(item == f for item in items) for f in found)


def _version(found: list[Target]) -> str | None:
    """The known checklist whose order the recognised questions follow, covering most of it."""
    known = {t for _, order in _data().versions for t in order}
    found = [t for t in found if t in known]
    fits = sorted(((len(found) / len(order), name) for name, order in _data().versions
                   if _is_subsequence(found, order) and len(found) >= 0.75 * len(order)), reverse=True)
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None
    return fits[0][1]


def identify_lines(lines: Sequence[tuple[str, int | None]]) -> tuple[list[Target | None], str | None]:
    """Each line's question (number, extra slug or None) and the checklist's version, if known.

    `lines` are (question text, printed number). A line with no words (a bare number) is placed by
    its printed number, in the recognised version's order. A line asking again a question already
    asked in an earlier section is the extra question of the same words, if there is one (S-DASH's
    "Is the victim very frightened?"); otherwise it stays a repeat, for the caller to report.
    """
    targets: list[Target | None] = [identify(text or "") for text, _ in lines]
    sections = _sections([number for _, number in lines])
    first_section: dict[Target, int] = {}
    for index, target in enumerate(targets):
        if isinstance(target, int) and target in first_section and first_section[target] < sections[index]:
            targets[index] = _asked_again(lines[index][0] or "", target) or target
        elif target is not None:
            first_section.setdefault(target, sections[index])
    for index, target in enumerate(targets):
        mostly_extra = sum(isinstance(t, str) for t, x in zip(targets, sections) if x == sections[index]) > \
            sum(isinstance(t, int) for t, x in zip(targets, sections) if x == sections[index])
        if isinstance(target, int) and mostly_extra:
            # a checklist of its own that is mostly extra questions (a stand-alone stalking screen): "Is the
            # victim very frightened?" there is its own question, not SafeLives question 2
            targets[index] = _asked_again(lines[index][0] or "", target) or target
    main = max(set(sections), key=lambda s: sum(isinstance(t, int) for t, x in zip(targets, sections) if x == s),
               default=0)
    version = _version([t for t, s in zip(targets, sections) if s == main and t is not None])
    order = dict(_data().versions).get(version or "safelives-ric", ())
    for index, (text, number) in enumerate(lines):
        if targets[index] is None and not re.search(r"[^\W\d_]", text or "") and number is not None:
            targets[index] = order[number - 1] if 1 <= number <= len(order) else None
    return targets, version
