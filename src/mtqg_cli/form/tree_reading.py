"""Choosing between readings of a sheet's rows by its own arithmetic.

A row may be a line of the tree, the ĐTPT / SN split of the line above, or the head of the lines
below it. Each reading gives a tree; under the right one the parents add up to their children and
the totals to their ĐTPT + SN, while a few planted mistakes disagree whatever the reading. The
reading under which the most figures agree (then the fewest disagree) is kept; when two readings
score the same and figures disagree under both, the rows they differ on are in doubt. A figure of
nothing that its parts put at nothing agrees under any reading that brings empty lines together,
so it tells no reading from another and is not counted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mtqg_cli.model.sheet import Line, TreeChoice
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import GROUPS

TOLERANCE = 1_000
"""Đồng two figures may differ by and still agree (the contract's default tolerance)."""


def score(root: Line) -> tuple[int, int]:
    """(figures that agree, figures that disagree) in a tree: each stated parent figure against
    its children's sum, each stated total against its ĐTPT + SN."""
    agree = disagree = 0
    memo: dict[tuple[int, str], int | None] = {}
    for line in _every(root):
        for name, stated in line.amounts.items():
            if stated is None or not line.summed_children:
                continue
            summed = _children_sum(line, name, memo)
            if summed is not None:
                agree, disagree = _count(stated, summed, agree, disagree)
        if line.kind == "breakdown" and line.parent is not None and _is_subtotal(line):
            block = _block_before(line)
            agree, disagree = _tally(line, block, memo, agree, disagree)
        for group in GROUPS:
            total = line.amounts.get(f"{group}.total")
            dtpt, sn = line.amounts.get(f"{group}.dtpt"), line.amounts.get(f"{group}.sn")
            if total is None or (dtpt is None and sn is None):
                continue
            agree, disagree = _count(total, (dtpt or 0) + (sn or 0), agree, disagree)
    return agree, disagree


def _count(stated: int, summed: int, agree: int, disagree: int) -> tuple[int, int]:
    """One stated figure against what its parts add up to: an agreement, a disagreement, or
    neither when both are nothing: 0 = 0 holds however empty lines are read, so it is no
    evidence for a reading (the empty SN rows of two items read one under the other would
    outweigh the items adding up to their parent once a mistyped total made the parent's other
    figure disagree)."""
    if abs(stated) <= TOLERANCE and abs(summed) <= TOLERANCE:
        return agree, disagree
    if abs(summed - stated) <= TOLERANCE:
        return agree + 1, disagree
    return agree, disagree + 1


def _is_subtotal(line: Line) -> bool:
    """A "Cộng" / "Tổng số" row read as the subtotal of the block above it."""
    return fold(line.name).startswith(("cong", "tong"))


def _block_before(line: Line) -> list[Line]:
    """The summed lines beside a subtotal row, back to the previous subtotal."""
    block: list[Line] = []
    assert line.parent is not None
    for sibling in line.parent.children:
        if sibling is line:
            return block
        if sibling.kind == "breakdown":
            block = []
        else:
            block.append(sibling)
    return block


def closes_block(line: Line, parent: Line) -> bool:
    """Whether a subtotal row's figures are what the lines under `parent` since the last subtotal
    add up to (a row with no figures closes the nearest block)."""
    block = [c for c in _block_of(parent.children) if c is not line]
    agree, disagree = _tally(line, block, {}, 0, 0)
    return agree > 0 and disagree == 0


def _block_of(children: list[Line]) -> list[Line]:
    block: list[Line] = []
    for child in children:
        if child.kind != "breakdown":
            block.append(child)
        elif _is_subtotal(child):
            block = []
    return block


def _tally(
    line: Line,
    block: list[Line],
    memo: dict[tuple[int, str], int | None],
    agree: int,
    disagree: int,
) -> tuple[int, int]:
    """A subtotal's figures against the sum of its block."""
    if not block:
        return agree, disagree
    for name, stated in line.amounts.items():
        values = [v for b in block if (v := _value(b, name, memo)) is not None]
        if stated is None or not values:
            continue
        agree, disagree = _count(stated, sum(values), agree, disagree)
    return agree, disagree


def _value(line: Line, name: str, memo: dict[tuple[int, str], int | None]) -> int | None:
    value = line.amounts.get(name)
    return value if value is not None else _children_sum(line, name, memo)


def _every(root: Line) -> list[Line]:
    found = [root]
    for child in root.children:
        found.extend(_every(child))
    return found


def _children_sum(line: Line, name: str, memo: dict[tuple[int, str], int | None]) -> int | None:
    key = (id(line), name)
    if key in memo:
        return memo[key]
    values = []
    for child in line.summed_children:
        value = child.amounts.get(name)
        if value is None and child.summed_children:
            value = _children_sum(child, name, memo)
        if value is not None:
            values.append(value)
    memo[key] = total = sum(values) if values else None
    return total


def choose(
    readings: Sequence[str], build: Callable[[str], Line], rows: list[int], named: bool = False
) -> tuple[Line, TreeChoice]:
    """Build the tree under each reading (the first is preferred on a tie without any
    disagreement, and on any tie when the rows' names say what they are: `named`), keep the
    best, and build it again last so the lines hold its tree."""
    scores: dict[str, tuple[int, int]] = {}
    shapes: dict[str, tuple[tuple[int, int, bool], ...]] = {}
    for reading in readings:
        root = build(reading)
        scores[reading], shapes[reading] = score(root), _shape(root)
    ranked = sorted(readings, key=lambda r: (-scores[r][0], scores[r][1]))
    best = ranked[0]
    preferred = readings[0]
    tied = scores[preferred][0] == scores[best][0]
    if tied and (named or scores[preferred][1] <= scores[best][1]):
        best = preferred
    rivals = [r for r in readings if shapes[r] != shapes[best] and scores[r] == scores[best]]
    ambiguous = bool(rivals) and scores[best][1] > 0 and not named
    if best != readings[-1]:  # the lines hold the tree of the reading built last
        root = build(best)
    return root, TreeChoice(best, scores, rows, ambiguous)


def _shape(root: Line) -> tuple[tuple[int, int, bool], ...]:
    """Each line's row, its parent's row and whether it is summed: two readings that give the
    same tree are one reading."""
    return tuple(
        (ln.row, ln.parent.row if ln.parent is not None else -1, ln.kind == "breakdown")
        for ln in _every(root)
    )


def reset(lines: list[Line]) -> None:
    """Lines as read, before any tree: links, kinds, codes and split figures undone."""
    for line in lines:
        for name in line.stated_at:
            line.amounts.pop(name, None)
            line.rates.pop(name, None)
        line.stated_at.clear()
        line.parent, line.children, line.level = None, [], 0
        line.kind, line.code, line.unknown_code, line.section_unit = "item", None, None, None
        line.derived.clear()
