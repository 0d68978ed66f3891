"""Loading the synonym table: data/labels.toml merged with an administrator's additions, checked
against the canonical fields and normalised once into a LabelTable (parsers.labels.matcher)."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..fields import kind_of
from ..vocabulary import labels_data
from .matcher import (
    ADDRESS_PARTS,
    NAME_PARTS,
    PERSONS,
    ROLE_COLUMNS,
    ROW_COLUMNS,
    SECTION_KINDS,
    LabelTable,
    column_path,
    plain,
)

__all__ = ["load_table", "build_table", "merge"]


def load_table(extra: Path | None = None) -> LabelTable:
    """The packaged synonym table, with an administrator's additions from `extra` if given."""
    if extra is None:
        return _default_table()
    return build_table(merge(_packaged(), tomllib.loads(Path(extra).read_text(encoding="utf-8"))))


@lru_cache(maxsize=1)
def _default_table() -> LabelTable:
    return build_table(_packaged())


def _packaged() -> dict[str, Any]:
    return labels_data()


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Additions win for single values and are appended to lists; nothing is taken away."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = value
    return out


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(f"label table: {what}")


def _wordings(value: Any, where: str) -> list[str]:
    _check(isinstance(value, list) and all(isinstance(v, str) for v in value), f"{where} must be a list of strings")
    return value


def _persons(data: dict[str, Any]) -> tuple[dict[str, str], re.Pattern[str]]:
    role_of: dict[str, str] = {}
    for role, phrases in data.get("roles", {}).items():
        _check(role in PERSONS, f"unknown person '{role}' in [roles]")
        role_of.update({plain(p): role for p in _wordings(phrases, f"[roles] {role}") if plain(p)})
    _check(bool(role_of), "[roles] is empty")
    alternation = "|".join(re.escape(p) for p in sorted(role_of, key=len, reverse=True))
    return role_of, re.compile(rf"\b({alternation})s?\b")  # plurals and possessives: "victims"


def build_table(data: dict[str, Any]) -> LabelTable:
    """Normalise every wording once, the way labels will be, and index them."""
    role_of, role_re = _persons(data)
    hints = (tuple(plain(h).split()) for h in _wordings(data.get("hints", {}).get("drop", []), "[hints] drop"))
    table = LabelTable(role_re=role_re, role_of=role_of,
                       spelling={plain(k): plain(str(v)) for k, v in data.get("spelling", {}).items()},
                       hints=sorted(hints, key=len, reverse=True), sections={}, section_keywords=[])
    for kind, headings in data.get("sections", {}).items():
        _check(kind in SECTION_KINDS, f"unknown section kind '{kind}' in [sections]")
        table.sections.update({" ".join(table.words(h)): kind for h in _wordings(headings, f"[sections] {kind}")})
    for kind, words in data.get("section_keywords", {}).items():
        _check(kind in SECTION_KINDS, f"unknown section kind '{kind}' in [section_keywords]")
        table.section_keywords += [(kind, re.compile(rf"\b{re.escape(' '.join(table.words(w)))}s?\b"))
                                   for w in _wordings(words, f"[section_keywords] {kind}")]
    for key, wordings in _keys(data):
        for wording in wordings:
            text = " ".join(table.words(wording))
            if text and key not in table.entries.setdefault(text, []):
                table.entries[text].append(key)
    table.vocabulary = frozenset(w for text in [*table.entries, *table.sections] for w in text.split())
    table.one_word_persons = tuple(p for p in role_of if " " not in p)
    table.choices = list(table.entries)
    table.glued_choices = [c.replace(" ", "") for c in table.choices]
    for entry in data.get("combined", []):
        parts = [(str(label), str(kind)) for label, kind in entry.get("parts", [])]
        _check(bool(parts) and all(kind in RECOGNISER_NAMES for _, kind in parts),
               f"[[combined]] {entry.get('labels')}: parts must be [label, one of {', '.join(RECOGNISER_NAMES)}]")
        for label in _wordings(entry.get("labels", []), "[[combined]] labels"):
            table.combined[" ".join(table.words(label))] = parts
    table.alias_markers = tuple(_wordings(data.get("aliases", {}).get("markers", []), "[aliases] markers"))
    table.dash_comment_labels = frozenset(" ".join(table.words(w)) for w in _wordings(
        data.get("dash_comments", {}).get("labels", []), "[dash_comments] labels"))
    table.not_labels = frozenset(" ".join(table.words(w)) for w in _wordings(
        data.get("not_labels", {}).get("labels", []), "[not_labels] labels"))
    table.place_phone_labels = frozenset(" ".join(table.words(w)) for w in _wordings(
        data.get("phone_after_place", {}).get("labels", []), "[phone_after_place] labels"))
    table.other_parties = tuple(" ".join(table.words(w)) for w in _wordings(
        data.get("other_parties", {}).get("words", []), "[other_parties] words"))
    follow = data.get("follow_ups", {})
    table.follow_up_labels = frozenset(" ".join(table.words(w)) for w in _wordings(follow.get("labels", []),
                                                                                 "[follow_ups] labels"))
    for question, answer in follow.get("after", {}).items():
        _check(kind_of(str(question)) is not None and kind_of(str(answer)) is not None,
               f"[follow_ups.after] {question} = {answer}: both must be fields")
        table.follow_ups[str(question)] = str(answer)
    for label, options in data.get("option_lists", {}).items():
        table.option_lists[str(label)] = frozenset(plain(o) for o in _wordings(options, f"[option_lists] {label}"))
    return table


RECOGNISER_NAMES = ("phone", "email", "date", "postcode", "number", "text")  # parsers.labels.recognisers.RECOGNISERS


def _keys(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(key, wordings): 'generic:<column>' or a path, '*' standing for a row index."""
    generic_columns = {c for cols in ROLE_COLUMNS.values() for c in cols} | set(NAME_PARTS) | set(ADDRESS_PARTS)
    keys = []
    for column, wordings in data.get("generic", {}).items():
        _check(column in generic_columns, f"unknown column '{column}' in [generic]")
        keys.append((f"generic:{column}", _wordings(wordings, f"[generic] {column}")))
    for rows, columns in data.get("columns", {}).items():
        _check(rows in ROW_COLUMNS, f"unknown table [columns.{rows}]")
        for column, wordings in columns.items():
            path = column_path(ROW_COLUMNS[rows], column)
            _check(path is not None, f"unknown column '{column}' in [columns.{rows}]")
            keys.append((str(path), _wordings(wordings, f"[columns.{rows}] {column}")))
    for path, wordings in data.get("fields", {}).items():
        _check(kind_of(path) is not None, f"unknown field '{path}' in [fields]")
        keys.append((path, _wordings(wordings, f"[fields] {path}")))
    return keys
