"""Capital-type rows ("- Vốn ĐTPT", "+ Vốn SN", "Trong đó: vốn đầu tư", "VSN"): the ĐTPT / SN
split of the line above, on forms with one set of amount columns.

Such a row is not a line of the tree: its figures become the line's ĐTPT or SN figures (the same
`Line.amounts` fields a form with capital-type columns fills), each stated at the row it is written
on (`Line.stated_at`), so the rules check sums, totals and rates per capital type and a finding
points at the cell that holds the figure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mtqg_cli.model.sheet import Line
from mtqg_cli.model.text import fold

CAPITALS = ("dtpt", "sn")
SPLIT_STYLES = frozenset({"none", "dash", "plus", "star", "lower"})
"""STT styles a split row may carry; an A / I / 1 mark heads a section instead."""

_LEAD = re.compile(
    r"^[\s\-–—•+*.:)(]*(?:[a-dđ]\s*[.)]\s+)?(?:trong do\s*[:,.\-]?\s*)?[\-–—•+*]*\s*"
)
_TAIL = re.compile(r"(?:\s*\([^)]*\))?[\s:;.,]*$")
_DTPT = re.compile(r"^(?:von\s*)?(?:dau tu phat trien|dau tu|dtpt)$|^von\s*dt$|^vdt(?:pt)?$")
_SN = re.compile(r"^(?:von|kinh phi|kp)\s*(?:su nghiep|sn)$|^su nghiep$|^v\s*sn$|^kpsn$")


@lru_cache(maxsize=16384)
def capital_type(name: str) -> str | None:
    """ "dtpt" or "sn" when the whole name is a capital type ("- Vốn đầu tư phát triển",
    "Trong đó: vốn ĐTPT", "VSN", "Kinh phí sự nghiệp"); None for any other name."""
    body = _TAIL.sub("", _LEAD.sub("", fold(name), count=1))
    if _DTPT.match(body):
        return "dtpt"
    if _SN.match(body):
        return "sn"
    return None


def split_owner_fields(owner: Line, row: Line, capital: str) -> list[tuple[str, str]]:
    """(row's field, owner's field) pairs a split row fills: each group's total of the row becomes
    the owner's figure of that capital type, where the form has no column for it."""
    pairs: list[tuple[str, str]] = []
    for name in row.amounts:
        group, _, kind = name.partition(".")
        target = f"{group}.{capital}"
        if kind == "total" and (target not in owner.amounts or target in owner.stated_at):
            pairs.append((name, target))
    return pairs


def attach_split(owner: Line, row: Line, capital: str) -> bool:
    """Make `row` the `capital` split of `owner`: its figures become the owner's, stated at its
    row. False (nothing changed) when the form has columns for that capital type."""
    pairs = split_owner_fields(owner, row, capital)
    if not pairs:
        return False
    for source, target in pairs:
        value = row.amounts.get(source)
        owner.amounts[target] = value
        owner.stated_at[target] = row.row
    rate = row.rates.get("rate.total")
    if "rate.total" in row.rates and f"rate.{capital}" not in owner.rates:
        owner.rates[f"rate.{capital}"] = rate
        owner.stated_at[f"rate.{capital}"] = row.row
    return True


def complete_split(owner: Line) -> None:
    """Where a line gives one capital type only ("Trong đó: vốn ĐTPT"), the other is the rest of
    its total, when that rest is not negative; stated at the line's own row."""
    for name in list(owner.stated_at):
        group, _, kind = name.partition(".")
        if kind not in CAPITALS or group == "rate":
            continue
        other = f"{group}.{'sn' if kind == 'dtpt' else 'dtpt'}"
        if other in owner.amounts:
            continue
        total, part = owner.amounts.get(f"{group}.total"), owner.amounts.get(name)
        if total is not None and part is not None and 0 <= part <= total:
            owner.amounts[other] = total - part
        else:
            owner.amounts[other] = None
        owner.stated_at[other] = owner.row


def split_fields(lines: list[Line]) -> set[str]:
    """The amount and rate fields split rows gave the lines of a table."""
    return {name for line in lines for name in line.stated_at}


def settle_unknown_splits(root: Line, fields: set[str]) -> None:
    """A parent's ĐTPT / SN worked out from children some of which have money but no split is
    not known: its derived figure is cleared, so no sum is checked on part of the children."""
    for child in root.children:
        if child.children:
            settle_unknown_splits(child, fields)
    if not root.children:
        return
    for name in fields:
        group, _, kind = name.partition(".")
        if kind not in CAPITALS or group == "rate":
            continue
        total = f"{group}.total"
        for child in root.summed_children:
            money = _figure(child, total)
            if (
                money
                and _figure(child, f"{group}.dtpt") is None
                and _figure(child, f"{group}.sn") is None
            ):
                root.derived[name] = None
                break


def _figure(line: Line, name: str) -> int | None:
    value = line.amounts.get(name)
    return value if value is not None else line.derived.get(name)


def with_split_columns(
    columns: dict[str, int], lines: list[Line]
) -> tuple[dict[str, int], list[Line]]:
    """The table's columns with each split field in the column of its group's total (where a
    finding on it points), and the lines the rules check: split rows whose figures went to their
    line are left out, or each figure would be checked twice."""
    fields = split_fields(lines)
    if not fields:
        return columns, lines
    extended = dict(columns)
    for name in sorted(fields):
        group = name.partition(".")[0]
        total = columns.get(f"{group}.total")
        if total is not None and name not in extended:
            extended[name] = total
    given = {row for line in lines for row in line.stated_at.values() if row != line.row}
    return extended, [line for line in lines if line.row not in given]


def attach_splits(lines: list[Line], capital: frozenset[int]) -> list[Line]:
    """The lines of the tree, each capital-type row made the split of the line above it (a bare
    "Trong đó:" row just before them goes with them); the split rows are left out."""
    if not capital:
        return list(lines)  # no capital-type row: nothing to attach
    kept: list[Line] = []
    owners: list[Line] = []
    for index, line in enumerate(lines):
        owner = kept[-1] if kept else None
        if owner is not None and _introduces_split(lines, index, capital):
            _hang(owner, line)
        elif owner is None or id(line) not in capital:
            kept.append(line)
        else:
            if attach_split(owner, line, capital_type(line.name) or "dtpt"):
                owners.append(owner)
            _hang(owner, line)
    for owner in owners:
        complete_split(owner)
    return kept


def _introduces_split(lines: list[Line], index: int, capital: frozenset[int]) -> bool:
    """A bare "Trong đó:" row followed by a capital-type row."""
    if index + 1 >= len(lines) or id(lines[index + 1]) not in capital:
        return False
    line = lines[index]
    return not (
        id(line) in capital or line.has_figures or fold(line.name).strip(" :.") != "trong do"
    )


def _hang(owner: Line, line: Line) -> None:
    line.kind, line.parent = "breakdown", owner
    owner.children.append(line)


def level_splits(line: Line) -> None:
    """Split rows one level below their line (they are hung before the tree has levels)."""
    for child in line.children:
        if child.kind == "breakdown" and not child.level:
            child.level = line.level + 1
        level_splits(child)
