"""The tree of lines: levels from the STT column and the line's words, and catalog codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtqg_cli.catalog import Catalog, load_catalog
from mtqg_cli.models import AMOUNT_FIELDS, Line
from mtqg_cli.text import fold, words

_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_TOTAL_NAMES = re.compile(
    r"^(tong cong|tong so|tong|cong|toan (tinh|huyen|xa))"
    r"(\s+(chung|toan \w+( \w+)?|cac (du an|xa|huyen|don vi)))?\s*(\(.*\))?$"
)
_PROJECT = re.compile(r"^(?:du an|da)\s*(?:so\s*)?(\d+)(?:\s*[.,]\s*(\d+))?(?!\d)")
_SUBPROJECT = re.compile(
    r"^(?:tieu\s*(?:du an|da)|tda)\s*(?:so\s*)?(\d+)"
    r"(?:\s*[,\-:(]*\s*(?:thuoc\s*)?(?:du an|da)\s*(\d+))?"
)
_CONTENT = re.compile(r"^(?:noi dung|nd)\s*(?:so\s*)?(\d+)\b")
_CAPITAL_SECTION = re.compile(
    r"\b(von dau tu|von dtpt|von su nghiep|von sn|nguon von|ngan sach|nstw|nsdp|dau tu phat trien)"
)
_LEADING_MARK = re.compile(
    r"^[\s(\[]*(?:(?:\d+(?:\.\d+)*|[ivxlcdm]+|[a-z])[.):\]]+|\d+\s|[-–—•+*])\s*"
)

RANK_TOTAL = 0
RANK_NONE = 99


@dataclass(frozen=True)
class SttStyle:
    """The style of an STT mark and the depth it usually stands for."""

    style: str  # upper | roman | integer | dotted | lower | dash | plus | star | none
    rank: int


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(mark: str) -> int:
    """The number a roman numeral stands for ('XLIX' → 49)."""
    values = [_ROMAN_VALUES[ch] for ch in mark.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def stt_style(stt: str, previous_roman: int = 0) -> SttStyle:
    """Classify an STT cell: 'A' upper, 'II' roman, '1' integer, '1.2' dotted, 'a' lower, '-'…

    A lone L, C, D or M is a letter, unless it follows the roman numeral just before it
    (L after XLIX): `previous_roman` is the value of the last roman numeral seen."""
    mark = _mark(stt)
    if mark in ("L", "C", "D", "M") and previous_roman == roman_value(mark) - 1:
        return SttStyle("roman", 2)
    return _style_of_mark(mark)


@lru_cache(maxsize=4096)
def _mark(stt: str) -> str:
    return stt.strip().strip("().:[] ")


@lru_cache(maxsize=4096)
def _style_of_mark(mark: str) -> SttStyle:
    """The style of a bare mark, whatever came before it (a sheet repeats a few marks)."""
    if not mark:
        return SttStyle("none", RANK_NONE)
    if mark[0] in "-–—•":
        return SttStyle("dash", 7)
    if mark[0] == "+":
        return SttStyle("plus", 8)
    if mark[0] == "*":
        return SttStyle("star", 9)
    if re.fullmatch(r"\d+", mark):
        return SttStyle("integer", 3)
    if re.fullmatch(r"\d+(\.\d+)+\.?", mark):
        return SttStyle("dotted", 3 + mark.rstrip(".").count("."))
    if _ROMAN.match(mark.lower()) and mark.isupper() and (len(mark) > 1 or mark in "IVX"):
        return SttStyle("roman", 2)
    if re.fullmatch(r"[A-Z]", mark):
        return SttStyle("upper", 1)
    if re.fullmatch(r"[a-zđ]", mark):
        return SttStyle("lower", 6)
    return SttStyle("none", RANK_NONE)


@lru_cache(maxsize=16384)
def _name_body(name: str) -> str:
    """The folded name without a leading number or bullet ('(3). Dự án 3' → 'du an 3')."""
    folded = fold(name)
    for _ in range(2):
        match = _LEADING_MARK.match(folded)
        if not match or not _starts_with_word(folded[match.end() :]):
            break
        folded = folded[match.end() :]
    return folded


def _starts_with_word(rest: str) -> bool:
    return bool(re.match(r"(du an|da|tieu|tda|noi dung|nd)\b", rest))


def is_total_name(name: str) -> bool:
    """Whether a line's name marks the grand total ('TỔNG CỘNG', 'Tổng số', 'Cộng')."""
    folded = fold(name).strip(" :.")
    return bool(_TOTAL_NAMES.match(folded))


def classify(line: Line, previous_roman: int = 0) -> int:
    """Set the line's kind from its words and STT, and return its rank in the tree."""
    return _classify_styled(line, stt_style(line.stt, previous_roman))


def _classify_styled(line: Line, style: SttStyle) -> int:
    """`classify` given the style of the line's STT (`build_tree` needs the style too)."""
    kind, rank = _kind_and_rank(line.name, style.style, style.rank)
    if kind is not None:
        line.kind = kind
    return rank


@lru_cache(maxsize=16384)
def _kind_and_rank(name: str, style: str, style_rank: int) -> tuple[str | None, int]:
    """The kind a line's words and STT style give it (None: left as it is), and its rank.

    The style comes as its two fields: a cache key of plain str and int hashes in C, where an
    `SttStyle` would call its dataclass `__hash__` on every line."""
    body = _name_body(name)
    if body.startswith("trong do"):
        return "breakdown", RANK_NONE
    if _SUBPROJECT.match(body):
        return "subproject", 4
    project = _PROJECT.match(body)
    if project:
        return ("subproject", 4) if project.group(2) else ("project", 3)
    if _CONTENT.match(body):
        return "content", 5
    if style in ("upper", "roman"):
        return ("section" if _CAPITAL_SECTION.search(body) else "unit"), style_rank
    return None, style_rank


def build_tree(
    lines: list[Line], catalog: Catalog | None = None, codes: dict[int, str] | None = None
) -> Line:
    """Link lines into a tree under the grand-total line (or a virtual root) and give codes.

    With `codes` (sheet row -> the text of a code column), codes and parents are read from it,
    nothing from STT marks or names."""
    catalog = catalog or load_catalog()
    if codes is not None:
        return _coded_tree(lines, catalog, codes)
    total = _find_total(lines)
    root = total or Line(row=0, stt="", name="", kind="root")
    root.kind = "total" if total else "root"
    stack: list[tuple[int, Line]] = [(RANK_TOTAL, root)]
    previous_roman = 0
    for line in lines:
        if line is total:
            continue
        style = stt_style(line.stt, previous_roman)
        rank = _classify_styled(line, style)
        if style.style == "roman":
            previous_roman = roman_value(_mark(line.stt))
        if rank == RANK_NONE:
            rank = stack[-1][0] + 1 if len(stack) > 1 else 3
        while len(stack) > 1 and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1]
        line.parent, line.level = parent, len(stack)
        parent.children.append(line)
        stack.append((rank, line))
    _mark_breakdowns(root)
    _assign(root, catalog, None)
    return root


def _coded_tree(lines: list[Line], catalog: Catalog, codes: dict[int, str]) -> Line:
    """Each line under the line of its catalog parent; the uncoded first (or last) line is the
    grand total; a line whose code is not in the catalog keeps it as `unknown_code`."""
    uncoded = [ln for ln in lines if not codes.get(ln.row)]
    total = next((ln for ln in lines[:1] + lines[-1:] if ln in uncoded), None)
    root = total or Line(row=0, stt="", name="", kind="root")
    root.kind = "total" if total else "root"
    by_code: dict[str, Line] = {}
    for line in lines:
        if line is total:
            continue
        code = codes.get(line.row, "").strip().upper()
        item = catalog.get(code) if code else None
        parent = root
        if item is not None:
            line.code = code
            line.kind = (
                "content" if ".ND" in code else "subproject" if ".TDA" in code else "project"
            )
            parent = by_code.get(item.parent_code or "", root)
            by_code[code] = line
        elif code:
            line.unknown_code = code
        line.parent, line.level = parent, parent.level + 1
        parent.children.append(line)
    return root


_TOTAL_MARKS = ("none", "upper", "roman", "integer")
"""STT styles a grand-total row may carry ("", "A", "I", "3"); a sub-level mark never does."""


def _find_total(lines: list[Line]) -> Line | None:
    candidates = [ln for ln in (lines[:1] + lines[-1:]) if is_total_name(ln.name)]
    candidates = [ln for ln in candidates if stt_style(ln.stt).style in _TOTAL_MARKS]
    return candidates[0] if candidates else None


def _mark_breakdowns(line: Line) -> None:
    for child in line.children:
        if line.kind == "breakdown" and not line.has_figures:
            child.kind = "breakdown"
        _mark_breakdowns(child)


CodeMemo = dict[tuple[str, str, str | None], str | None]


def _assign(line: Line, catalog: Catalog, unit: str | None, memo: CodeMemo | None = None) -> None:
    """Give codes to the line's children, depth first, carrying the section's unit name.

    `memo` keeps the code found for each (name, kind, context): a province sheet names the same
    projects in every commune's section."""
    memo = {} if memo is None else memo
    context = _nearest_code(line)
    for child in line.children:
        key = (child.name, child.kind, context)
        code = memo.get(key, _UNSEEN)
        if code is _UNSEEN:
            code = memo[key] = _code_for(*key, catalog)
        _settle(child, catalog, code)
        child_unit = child.name if child.kind == "unit" else unit
        child.section_unit = child_unit
        if child.children:  # a leaf has nothing to give codes to
            _assign(child, catalog, child_unit, memo)


_UNSEEN = "\0unseen"
"""A memo's answer for a key not looked up yet (no code is this text)."""


def _nearest_code(line: Line | None) -> str | None:
    while line is not None:
        if line.code:
            return line.code
        line = line.parent
    return None


def _code_for(name: str, kind: str, context: str | None, catalog: Catalog) -> str | None:
    """The catalog code a line's name stands for, given its kind and its nearest coded parent."""
    body = _name_body(name)
    code: str | None = None
    project, sub, content = _PROJECT.match(body), _SUBPROJECT.match(body), _CONTENT.match(body)
    if kind in ("project", "subproject") and project:
        code = f"DA{int(project.group(1))}"
        if project.group(2):
            code += f".TDA{int(project.group(2))}"
    elif kind == "subproject" and sub:
        parent = f"DA{int(sub.group(2))}" if sub.group(2) else _project_of(context)
        code = f"{parent}.TDA{int(sub.group(1))}" if parent else None
    elif kind == "content" and content:
        if context and any(".ND" in c.code for c in catalog.children(context)):
            code = f"{context}.ND{int(content.group(1))}"
    elif kind in ("item", "breakdown") and context:
        code = _guess_by_words(name, kind, catalog, context)
    elif kind == "unit" or (kind == "item" and context is None):
        code = _guess_project_by_name(name, catalog)
    return code


def _settle(line: Line, catalog: Catalog, code: str | None) -> None:
    if code is None:
        return
    if catalog.get(code):
        line.code = code
        if line.kind in ("item", "unit"):
            line.kind = (
                "content" if ".ND" in code else ("subproject" if ".TDA" in code else "project")
            )
    else:
        line.unknown_code = code


def _project_of(code: str | None) -> str | None:
    return code.split(".")[0] if code else None


def _guess_by_words(name: str, kind: str, catalog: Catalog, context: str) -> str | None:
    if kind == "breakdown" or ".ND" in context:
        return None
    return catalog.match_keywords(context, name)


def _guess_project_by_name(name: str, catalog: Catalog) -> str | None:
    """A project named without its number: most of its words found in one catalog name."""
    tokens = {w for w in words(name) if len(w) > 1}
    if len(tokens) < 4:
        return None
    best: tuple[float, str | None] = (0.0, None)
    for item in catalog.projects():
        score = len(tokens & set(words(item.name))) / len(tokens)
        if score > best[0]:
            best = (score, item.code)
    return best[1] if best[0] >= 0.8 else None


def derive_blanks(root: Line, fields: list[str]) -> None:
    """Fill each line's `derived` figures, children first: a blank cell is what its children add
    up to (None when none of them states anything); fields the form lacks are None."""
    absent = dict.fromkeys(f for f in AMOUNT_FIELDS if f not in fields)
    _derive(root, fields, absent, absent | dict.fromkeys(fields))


def _derive(line: Line, fields: list[str], absent: dict[str, None], leaf: dict[str, None]) -> None:
    """`derive_blanks` below `line` (its children first, a leaf's figures in one update)."""
    summed: list[tuple[dict[str, int | None], dict[str, int | None]]] = []
    for child in line.children:
        if child.children:
            _derive(child, fields, absent, leaf)
        else:
            child.derived.update(leaf)
        if child.kind != "breakdown":
            summed.append((child.amounts, child.derived))
    derived = line.derived
    if not summed:
        derived.update(leaf)
        return
    derived.update(absent)
    for name in fields:
        total: int | None = None
        for stated, worked_out in summed:
            value = stated.get(name)
            if value is None:
                value = worked_out.get(name)
            if value is not None:
                total = value if total is None else total + value
        derived[name] = total


def walk(line: Line) -> list[Line]:
    """The line's descendants in sheet order (pre-order)."""
    found: list[Line] = []
    for child in line.children:
        found.append(child)
        found.extend(walk(child))
    return found
