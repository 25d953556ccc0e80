"""The tree of lines: levels from the STT column and the line's words, splits, catalog codes."""

from __future__ import annotations

from functools import lru_cache

from mtqg_cli.form.capital_rows import attach_splits, level_splits
from mtqg_cli.form.catalog import Catalog, load_catalog
from mtqg_cli.form.line_codes import assign_codes, coded_tree, name_body, nest_by_codes
from mtqg_cli.form.name_codes import WrittenCode, written_code
from mtqg_cli.form.stt_marks import (
    RANK_NONE,
    RANK_TOTAL,
    RANK_UNIT,
    SttStyle,
    kind_and_rank,
    roman_value,
    stt_mark,
    stt_style,
    style_of_mark,
    style_of_stt,
)
from mtqg_cli.form.tree_doubts import (
    SUBTOTAL_READINGS,
    UNIT_READINGS,
    UNMARKED_READINGS,
    Doubts,
    find_total,
    kinds_of_doubt,
    rows_in_doubt,
)
from mtqg_cli.form.tree_reading import choose, closes_block, reset
from mtqg_cli.model.sheet import Line, TreeChoice
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS


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
    doubts = rows_in_doubt(lines)
    capital, unmarked, subtotals = doubts.capital, doubts.unmarked, doubts.subtotals
    if not capital and not unmarked and not subtotals:
        return _build(lines, catalog, doubts), []
    choices: list[TreeChoice] = []
    root: Line | None = None
    kinds = kinds_of_doubt(lines, capital, unmarked)
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


def _build(lines: list[Line], catalog: Catalog, doubts: Doubts) -> Line:
    """The tree under one reading of each kind of row in doubt."""
    capital = doubts.capital
    hung = bool(capital) and doubts.capital_reading == "split"
    tree_lines = attach_splits(lines, capital) if hung else lines
    total = find_total(tree_lines)
    root = total or Line(row=0, stt="", name="", kind="root")
    root.kind = "total" if total else "root"
    _place(tree_lines, total, root, doubts)
    _mark_breakdowns(tree_lines)
    assign_codes(root, catalog)
    nest_by_codes(root, catalog)
    if hung:  # only split rows are hung without a level
        level_splits(root)
    return root


def _place(lines: list[Line], total: Line | None, root: Line, doubts: Doubts) -> None:
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
            kind, rank = kind_and_rank(line.name, style.style, style.rank)
        if kind is not None:
            line.kind = kind
        key = id(line)
        if key in capital:
            line.kind, rank = "section", 1
        if style.style == "roman":
            previous_roman = roman_value(stt_mark(line.stt))
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
    style = style_of_stt(stt)
    return (style, *kind_and_rank(name, style.style, style.rank))


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
    mark = stt_mark(stt)
    style = style_of_mark(mark).style
    for open_rank, open_line in reversed(stack[1:]):
        before = stt_mark(open_line.stt)
        if style_of_mark(before).style == style and _follows(before, mark):
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
