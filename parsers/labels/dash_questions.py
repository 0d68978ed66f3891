"""Which of the 24 SafeLives DASH questions a printed checklist line asks, recognised by its words.

Checklists in use differ in order (the older police version starts elsewhere and numbers 27
questions), in wording, and in extra questions (stalking S-DASH, honour-based abuse). The printed
number therefore says little; the words decide. Each line is scored against every question's text
(fuzzy, on content words) with a bonus for its identifying keywords, and against the known extra
questions in data/dash_extra.toml: a line nearer an extra question than any of the 24 is not one.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

__all__ = ["match_question", "normalise_question"]

# Words every question shares (and the placeholder for the abuser's name): they carry no meaning here.
_STOP = frozenset("""a an and any are as at be been being by can could did do does doing ever for from had has
have he her him his i if in is it its me name of on or other others s she than that the their them there
they this to was were what when where whether which who whom with within would you your abuser perpetrator
victim client survivor
partner someone""".split())
_KEYWORD_BONUS = 12.0
_MAX_KEYWORD_HITS = 2
_ACCEPT = 62.0  # similarity needed without a keyword
_ACCEPT_WITH_KEYWORD = 45.0  # similarity needed when one of the question's keywords is present
_MARGIN = 6.0  # how far ahead of the runner-up the winner must be


@dataclass(frozen=True)
class _Question:
    number: int
    content: str
    keywords: tuple[re.Pattern[str], ...]


def normalise_question(text: str) -> str:
    """Lower-case words only, without numbering, bracketed asides and placeholders like (....)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)  # "(name of abuser)", "(please specify)"
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


@lru_cache(maxsize=1)
def _questions() -> tuple[tuple[_Question, ...], tuple[str, ...]]:
    questions = tuple(
        _Question(int(q["number"]), _content(normalise_question(q["text"])),
                  tuple(_keyword(k) for k in q.get("match", [])))
        for q in _load_toml("dash_questions.toml")["question"])
    extras = tuple(_content(normalise_question(t)) for t in _load_toml("dash_extra.toml").get("extra", []))
    return questions, extras


def _similarity(a: str, b: str) -> float:
    # token_set_ratio rewards a short line whose words are all in the question; token_sort_ratio
    # keeps a long line from matching a question that merely shares a few of its words.
    return max(fuzz.token_sort_ratio(a, b), 0.92 * fuzz.token_set_ratio(a, b))


def _scores(normalised: str, content: str) -> list[tuple[float, float, int]]:
    """(score, similarity, number) per question, best first."""
    questions, _ = _questions()
    scored = []
    for q in questions:
        similarity = _similarity(content, q.content)
        hits = sum(1 for k in q.keywords if k.search(normalised))
        scored.append((similarity + _KEYWORD_BONUS * min(hits, _MAX_KEYWORD_HITS), similarity, q.number))
    return sorted(scored, reverse=True)


@lru_cache(maxsize=1024)  # every checklist of one version prints the same 24 lines
def match_question(text: str) -> int | None:
    """The SafeLives RIC number (1-24) of a checklist question, or None if it is not one of them."""
    normalised = normalise_question(text)
    content = _content(normalised)
    if not content:
        return None
    ranked = _scores(normalised, content)
    (score, similarity, number), runner_up = ranked[0], ranked[1][0]
    has_keyword = score > similarity
    if similarity < (_ACCEPT_WITH_KEYWORD if has_keyword else _ACCEPT) or score - runner_up < _MARGIN:
        return None
    _, extras = _questions()
    if any(_similarity(content, extra) >= similarity for extra in extras):
        return None
    return number
