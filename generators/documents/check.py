"""Check a coordinator's document template before it is used, in words a coordinator can act on.

`template_problems` finds: a file that is not a Word document, a tag Word has split across runs (it
does so when text is re-typed or formatted half-way), a tag Jinja cannot read, and a variable the
service does not provide (a misspelling such as `meeting.vnue`). check-config prints the sentences.
EXPECTED lists, per template, every variable path render.py provides ("cases[].victim.name" means
`{% for case in cases %}{{ case.victim.name }}`); a test keeps it in step with the context builders.
"""
from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
JINJA_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "True", "False", "None",
                 "true", "false", "none"}
CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _nest(prefix: str, names: set[str]) -> set[str]:
    return {f"{prefix}.{name}" for name in names}


PERSON = {"name", "dob", "aliases", "address", "relationship", "school", "summary"}
CASE = ({"case_number", "repeat", "repeat_text", "previous_case", "referring_agencies", "perpetrators_text",
         "children_text", "has_children", "flags_text", "reason_text", "dash_score", "transferred_from"}
        | _nest("victim", PERSON) | _nest("perpetrators[]", PERSON) | _nest("children[]", PERSON))
MEETING = _nest("meeting", {"name", "area_name", "date", "time", "venue", "chair"})
ACTION = {"action_ref", "case_number", "description", "agency", "owner", "deadline", "status", "agreed", "victim"}
AGENCY = {"name", "representative", "children_agency"}


def _pack(case: set[str]) -> set[str]:
    return (MEETING | {"confidentiality_statement", "case_count", "child_case_count", "adult_case_count",
                       "returning_case_count", "expiring_cases[]", "next_meeting"}
            | _nest("incomplete_actions[]", ACTION) | _nest("agencies[]", AGENCY)
            | _nest("cases[]", case) | _nest("child_cases[]", case) | _nest("adult_cases[]", case)
            | _nest("returning_cases[]", case))


EXPECTED: dict[str, frozenset[str]] = {
    "agenda.docx": frozenset(_pack(CASE)),
    "minutes.docx": frozenset(_pack(CASE)),
    "research.docx": frozenset(_pack(CASE | {"referred_by_agency"}) | _nest("agency", AGENCY)),
    "actions.docx": frozenset(MEETING | _nest("agency", AGENCY) | _nest("actions[]", ACTION)),
}


def template_problems(template: bytes, expected: set[str] | frozenset[str],
                      name: str = "the template") -> list[str]:
    """Plain sentences, one per problem; an empty list means the template is fine."""
    try:
        parts = list(_parts(template))
    except Exception as exc:  # noqa: BLE001  a wrong or damaged file can fail in zipfile, lxml or python-docx
        return [f"{name} cannot be opened as a Word document (.docx): {_reason(exc)}"]
    problems: list[str] = []
    for element in parts:
        problems += _split_tags(element, name)
    env = SandboxedEnvironment(autoescape=True)
    patcher = DocxTemplate(io.BytesIO(template))  # only for its patch_xml: see the tags as render does
    for element in parts:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patcher.patch_xml(etree.tostring(element, encoding="unicode")))
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            problems.append(_syntax_problem(exc, source, name))
            continue
        problems += _variable_problems(tree, expected, name)
    return list(dict.fromkeys(problems))  # the same slip in header and footer is one thing to fix


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "it is not a .docx file (an old .doc, a PDF, or damaged)"
    return str(exc) or type(exc).__name__


def _parts(template: bytes) -> Iterator[etree._Element]:
    """The body, then every header and footer: all of them are rendered."""
    document = Document(io.BytesIO(template))
    yield document.element.body
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            yield rel.target_part.element


def _run_texts(paragraph: etree._Element) -> list[str]:
    """The text of each run directly in this paragraph (not in a text box nested inside it)."""
    texts = []
    for run in paragraph.iter(f"{W}r"):
        if next(run.iterancestors(f"{W}p"), None) is paragraph:
            texts.append("".join(t.text or "" for t in run.iter(f"{W}t")))
    return texts


def _split_tags(element: etree._Element, name: str) -> list[str]:
    problems = []
    for paragraph in element.iter(f"{W}p"):
        texts = _run_texts(paragraph)
        owner = [index for index, text in enumerate(texts) for _ in text]
        full = "".join(texts)
        for opening in re.finditer(r"\{[{%#]", full):
            end = full.find(CLOSERS[opening.group()], opening.end())
            if end < 0:
                problems.append(f"a tag in {name} is not closed in the same paragraph: "
                                f"'{full[opening.start():][:40]}'; close it with '{CLOSERS[opening.group()]}'")
            elif owner[opening.start()] != owner[end + 1]:
                tag = full[opening.start():end + 2]
                problems.append(f"a tag in {name} has been split by Word's formatting; retype it in one go: {tag}")
    return problems


def _syntax_problem(exc: TemplateSyntaxError, source: str, name: str) -> str:
    lines = source.splitlines()
    where = ""
    if exc.lineno and 0 < exc.lineno <= len(lines):
        text = re.sub(r"<[^>]+>", "", lines[exc.lineno - 1]).strip()
        where = f" near '{text[:80]}'" if text else ""
    return f"{name} has a tag that cannot be read{where}: {exc.message}"


def _variable_problems(tree: nodes.Template, expected: set[str] | frozenset[str], name: str) -> list[str]:
    known = _prefixes(expected)
    problems = []
    for written, resolved in _Uses(known).collect(tree):
        if resolved not in known:
            hint = _hint(written, resolved, known)
            problems.append(f"{name} uses '{written}', which the service does not provide{hint}")
    return problems


def _prefixes(expected: set[str] | frozenset[str]) -> set[str]:
    """Every path and every path leading to one: `meeting` and `cases[]` are fine to use on their own."""
    known = set()
    for path in expected:
        for match in re.finditer(r"\.|\[\]", path):
            known.update((path[:match.start()], path[:match.end()].rstrip(".")))
        known.add(path)
    return known


def _hint(written: str, resolved: str, known: set[str]) -> str:
    """' (did you mean 'meeting.venue'?)' when a near spelling exists beside the misspelt name."""
    parent, _, last = resolved.rpartition(".")
    siblings = [k[len(parent) + 1:] if parent else k for k in known
                if (k.startswith(parent + ".") if parent else True)]
    siblings = [s for s in siblings if "." not in s]
    match = difflib.get_close_matches(last, siblings, n=1, cutoff=0.6)
    if not match:
        return ""
    written_parent = written.rpartition(".")[0]
    return f" (did you mean '{written_parent + '.' if written_parent else ''}{match[0]}'?)"


class _Uses:
    """Walks a Jinja tree and yields (as written, path in the context) for each variable read.

    Loop variables resolve through their loop: in `{% for case in cases %}`, `case.victim` is
    `cases[].victim`. Names set in the template itself (`{% set %}`, macro arguments) are not checked.
    """

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.found: list[tuple[str, str]] = []

    def collect(self, tree: nodes.Template) -> list[tuple[str, str]]:
        self.visit(tree, {})
        return self.found

    def visit(self, node: nodes.Node, scope: dict[str, str | None]) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            inner = {**scope, "loop": None}
            iterated = self.path(node.iter, scope)
            for target in _names(node.target):
                single = isinstance(node.target, nodes.Name) and iterated and iterated[1] in self.known
                inner[target] = f"{iterated[1]}[]" if single else None
            for child in [*node.body, *([node.test] if node.test else [])]:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for child in node.iter_child_nodes(exclude=("target",)):
                self.visit(child, scope)
            scope.update(dict.fromkeys(_names(node.target)))  # set by the template: its own business
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = {**scope, **dict.fromkeys(a.name for a in node.args), "caller": None, "varargs": None,
                     "kwargs": None}
            for child in node.body:
                self.visit(child, inner)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            self.visit(node.node.node, scope)  # `name.upper()`: check `name`, not a method called on it
            for child in node.iter_child_nodes(exclude=("node",)):
                self.visit(child, scope)
        elif isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)) and self.path(node, scope):
            written, resolved = self.path(node, scope)
            if resolved is not None:
                self.found.append((written, resolved))
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.visit(node.arg, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def path(self, node: nodes.Node, scope: dict[str, str | None]) -> tuple[str, str | None] | None:
        """(as written, resolved path or None if template-local), or None if `node` is not a plain path."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return node.name, scope[node.name]
            return (node.name, None) if node.name in JINJA_GLOBALS else (node.name, node.name)
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base = self.path(node.node, scope)
            if base is None:
                return None
            if isinstance(node, nodes.Getattr):
                key = node.attr
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                key = node.arg.value
            else:
                return f"{base[0]}[...]", f"{base[1]}[]" if base[1] is not None else None
            return f"{base[0]}.{key}", f"{base[1]}.{key}" if base[1] is not None else None
        return None


def _names(target: nodes.Node) -> list[str]:
    return [n.name for n in target.find_all(nodes.Name)] if not isinstance(target, nodes.Name) else [target.name]
