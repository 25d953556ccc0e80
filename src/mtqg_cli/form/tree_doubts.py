"""Rows whose place in the tree is in doubt, and the ways each kind of them may be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from mtqg_cli.form.capital_rows import SPLIT_STYLES, capital_type
from mtqg_cli.form.line_codes import name_body
from mtqg_cli.form.stt_marks import RANK_NONE, is_total_name, kind_and_rank, stt_style, style_of_stt
from mtqg_cli.model.sheet import Line

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
UNIT_NAME = re.compile(r"^(ubnd\s+)?(xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh)\s+\w")


MAX_GROUPS = 12
"""Groups of unmarked rows read one by one; beyond this many, all of them are read one way."""


def kinds_of_doubt(
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
    named = {id(ln) for ln in lines if UNIT_NAME.match(name_body(ln.name))}
    units = [run for run in runs if all(i in named for i in run)]
    runs = [run for run in runs if not all(i in named for i in run)]
    for group, readings in ((units, UNIT_READINGS), (runs, UNMARKED_READINGS)):
        if len(group) > MAX_GROUPS:
            group = [[i for run in group for i in run]]
        kinds.extend(("unmarked", readings, frozenset(run)) for run in group)
    return kinds


@dataclass
class Doubts:
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


def rows_in_doubt(lines: list[Line]) -> Doubts:
    """The rows in doubt, found in one pass over the lines: capital-type rows (a whole name of
    a capital type, with no STT mark of a section); rows named as a total ("Cộng", "Tổng số")
    inside the table, under no mark of a line (the subtotal of the block they close, or a
    line?); rows with a name but no STT mark, no project words, not named as a total and no
    "Trong đó" above them, but for a unit's name (under the line above, or beside it?)."""
    total = find_total(lines)
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
    return Doubts(frozenset(capital), frozenset(unmarked), frozenset(subtotals))


@lru_cache(maxsize=16384)
def _traits(name: str, stt: str) -> tuple[bool, bool, bool, bool, bool]:
    """What a row's name and STT mark say of it, whatever the rows around it: (a capital-type
    row, an unmarked row with no project words, a total under no mark of a line, opens a
    "Trong đó", names a unit); kept per name and mark, as a sheet repeats them."""
    style = style_of_stt(stt)
    total = is_total_name(name)
    body = name_body(name)
    return (
        capital_type(name) is not None and style.style in SPLIT_STYLES,
        bool(name) and not total and kind_and_rank(name, style.style, style.rank) == _PLAIN,
        total and style.style not in ("upper", "roman", "integer"),
        body.startswith("trong do"),
        UNIT_NAME.match(body) is not None,
    )


_PLAIN = (None, RANK_NONE)
"""What `kind_and_rank` says of a row with no mark and no words of a kind."""


TOTAL_STYLES = frozenset({"none", "upper", "roman", "integer"})
"""STT marks the grand total may carry ("", "A", "I", "3"); under a lower mark ("-", "a", "1.2")
a "Cộng" row is the subtotal of the block it closes."""


def find_total(lines: list[Line]) -> Line | None:
    """The first or last line, named as a total and not under the mark of a low level."""
    candidates = [ln for ln in (lines[:1] + lines[-1:]) if is_total_name(ln.name)]
    candidates = [ln for ln in candidates if stt_style(ln.stt).style in TOTAL_STYLES]
    return candidates[0] if candidates else None
