"""The tree of lines: levels from the STT column and the line's words, splits, catalog codes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from mtqg_cli.form.capital_rows import SPLIT_STYLES, attach_splits, capital_type, level_splits
from mtqg_cli.form.catalog import Catalog, load_catalog
from mtqg_cli.form.line_codes import assign_codes, coded_tree, name_body, nest_by_codes
from mtqg_cli.form.name_codes import WrittenCode, written_code
from mtqg_cli.form.tree_reading import choose, closes_block, reset
from mtqg_cli.model.sheet import Line, TreeChoice
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS

_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_TOTAL_NAMES = re.compile(
    r"^(tong cong|tong so|tong|cong|toan (tinh|huyen|xa))"
    r"(\s+(chung|toan \w+( \w+)?|cac (du an|xa|huyen|don vi)))?\s*(\(.*\))?$"
)
_CAPITAL_SECTION = re.compile(
    r"\b(von dau tu|von dtpt|von su nghiep|von sn|nguon von|ngan sach|nstw|nsdp|dau tu phat trien)"
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
    if previous_roman:  # a lone L, C, D or M can only follow a roman numeral (and 0 is none)
        mark = _mark(stt)
        if mark in ("L", "C", "D", "M") and previous_roman == roman_value(mark) - 1:
            return SttStyle("roman", 2)
    return _style_of_stt(stt)


@lru_cache(maxsize=4096)
def _style_of_stt(stt: str) -> SttStyle:
    """`_style_of_mark` of the STT's mark, in one cached call per line."""
    return _style_of_mark(_mark(stt))


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
def is_total_name(name: str) -> bool:
    """Whether a line's name marks the grand total ('TỔNG CỘNG', 'Tổng số', 'Cộng'): asked of
    every line, kept per name (a province's sheet names the same lines in every commune)."""
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


_RANK_OF_KIND = {"project": 3, "subproject": 4, "content": 5}
CAPITAL_READINGS = ("split", "sections")
"""Readings of capital-type rows ("- Vốn ĐTPT"): the split of the line above, or section heads."""
SUBTOTAL_READINGS = ("subtotal", "line")
"""Readings of a "Cộng" row inside the table: the subtotal of the block it closes, or a line."""
UNMARKED_READINGS = ("children", "siblings", "nested")
"""Readings of rows with no STT mark: all under the last marked line, beside it, or each under
the row above."""
UNIT_READINGS = ("unit", *UNMARKED_READINGS)
"""Readings of rows with no STT mark named as a unit ("Xã Vi Hương"): the head of a unit's
section above the projects (as under a mark "I"), or as any other unmarked row."""
_UNIT_NAME = re.compile(r"^(ubnd\s+)?(xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh)\s+\w")
RANK_UNIT = 2


@lru_cache(maxsize=16384)
def _kind_and_rank(name: str, style: str, style_rank: int) -> tuple[str | None, int]:
    """The kind a line's words and STT style give it (None: left as it is), and its rank.

    The style comes as its two fields: a cache key of plain str and int hashes in C, where an
    `SttStyle` would call its dataclass `__hash__` on every line."""
    body = name_body(name)
    if body.startswith("trong do"):
        return "breakdown", RANK_NONE
    written = written_code(body)
    if written is not None:
        return written.kind, _RANK_OF_KIND[written.kind]
    if style in ("upper", "roman"):
        return ("section" if _CAPITAL_SECTION.search(body) else "unit"), style_rank
    return None, style_rank


def build_tree(
    lines: list[Line], catalog: Catalog | None = None, codes: dict[int, str] | None = None
) -> Line:
    """Link lines into a tree under the grand-total line (or a virtual root) and give codes."""
    return read_tree(lines, catalog, codes)[0]


def read_tree(
    lines: list[Line], catalog: Catalog | None = None, codes: dict[int, str] | None = None
) -> tuple[Line, list[TreeChoice]]:
    """The tree of `lines`, and the readings it was built from where the sheet allows several.

    With `codes` (sheet row -> the text of a code column), codes and parents are read from it,
    nothing from STT marks or names. Rows in doubt are read every way the sheet allows, one kind
    of doubt after the other, and the way its arithmetic bears out is kept: capital-type rows
    ("- Vốn SN") as the split of the line above or as heads of the lines below; rows with no STT
    mark and no project words under the line above, or beside it."""
    catalog = catalog or load_catalog()
    if codes is not None:
        return coded_tree(lines, catalog, codes), []
    doubts = _rows_in_doubt(lines)
    capital, unmarked, subtotals = doubts.capital, doubts.unmarked, doubts.subtotals
    if not capital and not unmarked and not subtotals:
        return _build(lines, catalog, doubts), []
    choices: list[TreeChoice] = []
    root: Line | None = None
    kinds = _kinds_of_doubt(lines, capital, unmarked)
    for kind, readings, ids in kinds:
        if readings == UNIT_READINGS:  # each unit read while the others stand as units
            doubts.read(kind, ids, readings[0])
    if subtotals:
        kinds.append(("subtotal", SUBTOTAL_READINGS, subtotals))
    for kind, readings, ids in kinds:
        rows = [ln.row for ln in lines if id(ln) in ids]

        def build(reading: str, kind: str = kind, ids: frozenset[int] = ids) -> Line:
            reset(lines)
            doubts.read(kind, ids, reading)
            return _build(lines, catalog, doubts)

        root, choice = choose(readings, build, rows, named=kind == "subtotal")
        doubts.read(kind, ids, choice.chosen)
        choices.append(choice)
    assert root is not None
    return root, choices


MAX_GROUPS = 12
"""Groups of unmarked rows read one by one; beyond this many, all of them are read one way."""


def _kinds_of_doubt(
    lines: list[Line], capital: frozenset[int], unmarked: frozenset[int]
) -> list[tuple[str, tuple[str, ...], frozenset[int]]]:
    """Each set of rows in doubt with its readings: the capital-type rows, then each run of
    unmarked rows (all of them at once on a sheet with very many runs)."""
    kinds: list[tuple[str, tuple[str, ...], frozenset[int]]] = []
    if capital:
        kinds.append(("capital", CAPITAL_READINGS, capital))
    runs: list[list[int]] = []
    previous = False
    for line in lines:
        if id(line) in capital:
            continue  # a split row under an unmarked row does not end the run
        inside = id(line) in unmarked
        if inside and not previous:
            runs.append([])
        if inside:
            runs[-1].append(id(line))
        previous = inside
    named = {id(ln) for ln in lines if _UNIT_NAME.match(name_body(ln.name))}
    units = [run for run in runs if all(i in named for i in run)]
    runs = [run for run in runs if not all(i in named for i in run)]
    for group, readings in ((units, UNIT_READINGS), (runs, UNMARKED_READINGS)):
        if len(group) > MAX_GROUPS:
            group = [[i for run in group for i in run]]
        kinds.extend(("unmarked", readings, frozenset(run)) for run in group)
    return kinds


@dataclass
class _Doubts:
    """The rows in doubt (ids of lines) and the reading of each kind of doubt being built."""

    capital: frozenset[int]
    unmarked: frozenset[int]
    subtotals: frozenset[int] = frozenset()
    capital_reading: str = "split"
    unmarked_reading: dict[int, str] = field(default_factory=dict)
    subtotal_reading: str = "subtotal"

    def read(self, kind: str, ids: frozenset[int], reading: str) -> None:
        """Read the rows `ids` (of one kind of doubt) the way `reading` says."""
        if kind == "capital":
            self.capital_reading = reading
        elif kind == "subtotal":
            self.subtotal_reading = reading
        else:
            self.unmarked_reading.update(dict.fromkeys(ids, reading))


def _rows_in_doubt(lines: list[Line]) -> _Doubts:
    """The rows in doubt, found in one pass over the lines: capital-type rows (a whole name of
    a capital type, with no STT mark of a section); rows named as a total ("Cộng", "Tổng số")
    inside the table, under no mark of a line (the subtotal of the block they close, or a
    line?); rows with a name but no STT mark, no project words, not named as a total and no
    "Trong đó" above them, but for a unit's name (under the line above, or beside it?)."""
    total = _find_total(lines)
    capital: list[int] = []
    unmarked: list[int] = []
    subtotals: list[int] = []
    after_breakdown = False  # the row above opens a "Trong đó"
    for line in lines:
        split, plain, subtotal, opens, unit = _traits(line.name, line.stt)
        if split:
            capital.append(id(line))
        elif plain and (not after_breakdown or unit):
            unmarked.append(id(line))
        if subtotal and line is not total:
            subtotals.append(id(line))
        after_breakdown = opens
    return _Doubts(frozenset(capital), frozenset(unmarked), frozenset(subtotals))


@lru_cache(maxsize=16384)
def _traits(name: str, stt: str) -> tuple[bool, bool, bool, bool, bool]:
    """What a row's name and STT mark say of it, whatever the rows around it: (a capital-type
    row, an unmarked row with no project words, a total under no mark of a line, opens a
    "Trong đó", names a unit); kept per name and mark, as a sheet repeats them."""
    style = _style_of_stt(stt)
    total = is_total_name(name)
    body = name_body(name)
    return (
        capital_type(name) is not None and style.style in SPLIT_STYLES,
        bool(name) and not total and _kind_and_rank(name, style.style, style.rank) == _PLAIN,
        total and style.style not in ("upper", "roman", "integer"),
        body.startswith("trong do"),
        _UNIT_NAME.match(body) is not None,
    )


_PLAIN = (None, RANK_NONE)
"""What `_kind_and_rank` says of a row with no mark and no words of a kind."""


def _build(lines: list[Line], catalog: Catalog, doubts: _Doubts) -> Line:
    """The tree under one reading of each kind of row in doubt."""
    capital = doubts.capital
    hung = bool(capital) and doubts.capital_reading == "split"
    tree_lines = attach_splits(lines, capital) if hung else lines
    total = _find_total(tree_lines)
    root = total or Line(row=0, stt="", name="", kind="root")
    root.kind = "total" if total else "root"
    _place(tree_lines, total, root, doubts)
    _mark_breakdowns(tree_lines)
    assign_codes(root, catalog)
    nest_by_codes(root, catalog)
    if hung:  # only split rows are hung without a level
        level_splits(root)
    return root


def _place(lines: list[Line], total: Line | None, root: Line, doubts: _Doubts) -> None:
    """Link each line under its parent, by the rank its STT mark, its words and the readings
    of the rows in doubt give it (one pass over a sheet's rows: the id of a line and the
    dictionaries it is looked up in are taken once per line)."""
    capital, unmarked = doubts.capital, doubts.unmarked
    readings = doubts.unmarked_reading
    subtotals = doubts.subtotals if doubts.subtotal_reading == "subtotal" else frozenset()
    stack: list[tuple[int, Line]] = [(RANK_TOTAL, root)]
    previous_roman = 0
    marked_rank = RANK_TOTAL  # the rank of the last line not in doubt
    for line in lines:
        if line is total:
            continue
        style, kind, rank = _placing(line.name, line.stt)
        if previous_roman and style.style == "upper":  # a lone L, C, D or M may be roman here
            style = stt_style(line.stt, previous_roman)
            kind, rank = _kind_and_rank(line.name, style.style, style.rank)
        if kind is not None:
            line.kind = kind
        key = id(line)
        if key in capital:
            line.kind, rank = "section", 1
        if style.style == "roman":
            previous_roman = roman_value(_mark(line.stt))
        placed = readings.get(key, UNMARKED_READINGS[0]) if key in unmarked else None
        if placed == "unit":
            line.kind, rank = "unit", RANK_UNIT
        elif placed is not None and placed != "nested":
            rank = marked_rank + 1 if placed == "children" else marked_rank
        elif rank == RANK_NONE:
            rank = stack[-1][0] + 1 if len(stack) > 1 else 3
        elif line.kind == "item" and style.style in _SEQUENCE_STYLES:
            rank = _next_in_sequence(stack, line.stt, rank)
        if key in subtotals:
            _close_block(stack, marked_rank, line)
            continue
        if placed is None or placed == "unit":
            marked_rank = rank
        top_rank, parent = stack[-1]
        if top_rank >= rank or parent.kind == "breakdown":  # else the line is under the top
            _pop_to(stack, rank, line)
            parent = stack[-1][1]
        line.parent, line.level = parent, len(stack)
        parent.children.append(line)
        stack.append((rank, line))


@lru_cache(maxsize=16384)
def _placing(name: str, stt: str) -> tuple[SttStyle, str | None, int]:
    """The style of a line's STT mark (after no roman numeral), and the kind and rank its words
    and that style give it: one cached call per line of a sheet that repeats its names."""
    style = _style_of_stt(stt)
    return (style, *_kind_and_rank(name, style.style, style.rank))


def _pop_to(stack: list[tuple[int, Line]], rank: int, line: Line) -> None:
    """Close the open lines the line is not under: those of its rank or deeper, and a "Trong
    đó" row that cannot hold it (the code its name writes is read only then)."""
    coded: WrittenCode | None = None
    read = False
    while len(stack) > 1:
        top_rank, top = stack[-1]
        if top_rank < rank:
            if top.kind != "breakdown":
                return
            if not read:
                read = True
                coded = written_code(name_body(line.name)) if line.kind != "breakdown" else None
            if not _holds_no(coded, top):
                return
        stack.pop()


_SEQUENCE_STYLES = frozenset({"integer", "lower"})
"""STT styles a list numbers its lines in at any depth ("1, 2" of projects or of sub-projects)."""


def _next_in_sequence(stack: list[tuple[int, Line]], stt: str, rank: int) -> int:
    """The rank of an uncoded line whose mark follows an open line's ("2" after "1 Tiểu dự án 1"
    under "IX Dự án 9"): beside that line, at its depth; else the rank its style gives."""
    mark = _mark(stt)
    style = _style_of_mark(mark).style
    for open_rank, open_line in reversed(stack[1:]):
        before = _mark(open_line.stt)
        if _style_of_mark(before).style == style and _follows(before, mark):
            return open_rank
    return rank


def _follows(before: str, mark: str) -> bool:
    """Whether `mark` is the next of `before` ("1" → "2", "a" → "b")."""
    if mark.isdigit() and before.isdigit():
        return int(mark) == int(before) + 1
    return len(mark) == len(before) == 1 and ord(mark) == ord(before) + 1


def _holds_no(coded: WrittenCode | None, above: Line) -> bool:
    """Whether a "Trong đó" row cannot hold a line whose name writes a code: one with figures of
    its own is a part of the line above, not a head; no such row holds a name that writes its
    whole path ("Dự án 7 - Nội dung số 2" in a flat list names its own parent)."""
    if coded is None or above.kind != "breakdown":
        return False
    return coded.full or above.has_figures


def _close_block(stack: list[tuple[int, Line]], marked_rank: int, line: Line) -> None:
    """A subtotal row ("Cộng") beside the last numbered line, or beside the ancestor whose block
    its figures add up: not summed, not a parent."""
    while len(stack) > 1 and stack[-1][0] >= marked_rank:
        stack.pop()
    nearest = stack[-1][1]
    parent: Line | None = nearest
    while parent is not None and not closes_block(line, parent):
        parent = parent.parent
    parent = parent or nearest
    line.kind, line.parent, line.level = "breakdown", parent, parent.level + 1
    parent.children.append(line)


TOTAL_STYLES = frozenset({"none", "upper", "roman", "integer"})
"""STT marks the grand total may carry ("", "A", "I", "3"); under a lower mark ("-", "a", "1.2")
a "Cộng" row is the subtotal of the block it closes."""


def _find_total(lines: list[Line]) -> Line | None:
    """The first or last line, named as a total and not under the mark of a low level."""
    candidates = [ln for ln in (lines[:1] + lines[-1:]) if is_total_name(ln.name)]
    candidates = [ln for ln in candidates if stt_style(ln.stt).style in TOTAL_STYLES]
    return candidates[0] if candidates else None


def _mark_breakdowns(lines: list[Line]) -> None:
    """The lines under a "Trong đó" row without figures are parts too, not summed: in sheet
    order, where each line's parent comes before it and has its kind already."""
    for line in lines:
        parent = line.parent
        if parent is not None and parent.kind == "breakdown" and not parent.has_figures:
            line.kind = "breakdown"


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
    stack = line.children[::-1]  # a stack, not a call and a list per line
    pop, push, extend = stack.pop, found.append, stack.extend
    while stack:
        child = pop()
        push(child)
        if child.children:
            extend(reversed(child.children))
    return found
