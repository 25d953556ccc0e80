"""What a corrected copy changes in one table: certain causes corrected, parents as SUM formulas
of their sub-lines, totals as ĐTPT + SN, rates as formulas, each with the value it saves."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from mtqg_cli.form.hierarchy import walk
from mtqg_cli.model.sheet import Line, StatedRate, Table
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, KINDS, Unit

Term = tuple[int, int]
"""One cell a formula adds: (1-based row, its figure in đồng)."""
Expr = tuple[str, int]
"""A part of a formula as text, and its value in đồng."""


@dataclass(frozen=True)
class Correction:
    """A figure a certain cause (a hint) puts right: the amount in đồng, and why."""

    suggested: int
    why: str


@dataclass
class Edit:
    """One cell of the copy: its new formula (without '=') or value, and what it held."""

    sheet: str
    row: int
    column: int
    """0-based."""
    formula: str | None
    value: float
    """What the cell shows after: an amount in the sheet's unit, a rate as the cell writes it."""
    before: int | float | None
    after: int | float
    """Amounts in đồng, rates in percent."""
    rate: bool = False
    why: list[str] = field(default_factory=list)
    corrected: bool = False
    number_format: str | None = None
    decimals: int = 2
    """Decimals a rate is shown with."""
    unit: Unit | None = None
    """The unit an amount is written in."""

    @property
    def ref(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    @property
    def changed(self) -> bool:
        """Whether what the cell shows changes (a rate: at the decimals it is shown with)."""
        if self.before is None:
            return True
        if self.rate:
            return abs(float(self.before) - float(self.after)) > 1e-6
        return self.before != self.after


def plan_table(
    table: Table,
    grid: list[list[object]],
    corrections: dict[str, Correction],
    why: dict[str, str],
    plan_only: bool,
    errors: Collection[tuple[int, int]] = (),
) -> list[Edit]:
    """The edits of one table, in sheet order. `grid`: the sheet's values as read (row 0 is
    worksheet row 1); `corrections`: by cell (A1) of this sheet; `why`: the words of "sum",
    "total" and "rate"; `plan_only`: the table's rates divide by the plan alone; `errors`: the
    0-based cells whose formula gives an Excel error (no sum is written over one)."""
    planner = _Planner(table, grid, corrections, why)
    planner.errors = set(errors)
    checked = {id(line) for line in table.lines}
    for line in reversed([table.root, *walk(table.root)]):  # sub-lines before their parents
        if id(line) in checked:
            planner.amounts(line)
    for line in table.lines:
        planner.rates(line, plan_only)
    return sorted(planner.edits, key=lambda e: (e.row, e.column))


class _Planner:
    """Works out the new figures children first, keeping each line's value as it will be saved."""

    def __init__(
        self,
        table: Table,
        grid: list[list[object]],
        corrections: dict[str, Correction],
        why: dict[str, str],
    ) -> None:
        self.table, self.grid, self.corrections, self.why = table, grid, corrections, why
        fields = [f for f in AMOUNT_FIELDS if f in table.columns]
        self.fields = [f for f in fields if not f.endswith(".total")] + [
            f for f in fields if f.endswith(".total")
        ]
        self.values: dict[tuple[int, str], int | None] = {}
        self.errors: set[tuple[int, int]] = set()
        self.edits: list[Edit] = []

    def cell(self, line: Line, name: str) -> tuple[int, int] | None:
        """(row, column) of the cell holding the line's figure, or None where it has none (a
        capital type worked out as the rest of the line's total is written nowhere)."""
        column = self.table.columns.get(name)
        if column is None:
            return None
        row = line.stated_at.get(name, line.row)
        group, _, kind = name.partition(".")
        split = kind != "total" and self.table.columns.get(f"{group}.total") == column
        return None if split and row == line.row else (row, column)

    def value(self, line: Line, name: str) -> int | None:
        key = (id(line), name)
        return self.values[key] if key in self.values else line.amounts.get(name)

    def amounts(self, line: Line) -> None:
        for name in self.fields:
            at, stated = self.cell(line, name), line.amounts.get(name)
            if at is None or stated is None:
                continue
            ref = f"{column_letter(at[1])}{at[0]}"
            correction = self.corrections.get(ref)
            value = correction.suggested if correction else stated
            formula, reason = self._formula(line, name)
            if formula is not None:
                value = formula[1]
            self.values[id(line), name] = value
            if formula is None and correction is None:
                continue
            why = [correction.why] if correction else []
            why += [self.why[reason]] if formula is not None and reason else []
            edit = Edit(self.table.sheet, at[0], at[1], formula[0] if formula else None,
                        _in_unit(value, self.table.unit.size), stated, value, why=why,
                        corrected=correction is not None, unit=self.table.unit)  # fmt: skip
            self.edits.append(edit)

    def _formula(self, line: Line, name: str) -> tuple[Expr | None, str]:
        """SUM of the sub-lines' cells for a parent, else ĐTPT + SN for a total."""
        if line.summed_children and line.derived.get(name, 0) is not None:
            terms = self.terms(line, name)
            if terms:
                return (_sum_formula(terms, self.table.columns[name]),
                        sum(v for _, v in terms)), "sum"  # fmt: skip
        group, _, kind = name.partition(".")
        if kind == "total":
            parts = self.parts(line, group)
            value = sum(v for _, _, v in parts) if parts else None
            if parts and (value == self.value(line, name) or _settled(line, name, value)):
                text = ",".join(f"{column_letter(c)}{r}" for r, c, _ in parts)
                return (f"SUM({text})", sum(v for _, _, v in parts)), "total"
        return None, ""

    def terms(self, line: Line, name: str) -> list[Term] | None:
        """The cells adding up to the line's figure: each sub-line's own, or where it is blank,
        its sub-lines' (as the reader works a blank figure out); None where one has no cell."""
        found: list[Term] = []
        for child in line.summed_children:
            stated = child.amounts.get(name)
            at = self.cell(child, name)
            if at is not None and (at[0] - 1, at[1]) in self.errors:
                return None  # Excel's SUM over an error cell is an error
            if stated is not None:
                value = self.value(child, name)
                if at is None or value is None:
                    return None
                found.append((at[0], value))
            elif child.summed_children:
                below = self.terms(child, name)
                if below is None:
                    return None
                found.extend(below)
        return found

    def parts(self, line: Line, group: str) -> list[tuple[int, int, int]] | None:
        """(row, column, value) of the line's ĐTPT and SN cells of `group`, or None when one of
        them holds a figure with no cell, or neither holds one."""
        parts = []
        for kind in ("dtpt", "sn"):
            name = f"{group}.{kind}"
            if name not in self.table.columns or line.amounts.get(name) is None:
                continue
            at, value = self.cell(line, name), self.value(line, name)
            if at is None or value is None:
                return None
            parts.append((at[0], at[1], value))
        return parts or None

    def expr(self, line: Line, name: str) -> Expr | None:
        """A figure as formula text: its cell, or a blank parent's sub-lines added up."""
        if line.amounts.get(name) is not None:
            at, value = self.cell(line, name), self.value(line, name)
            if at is None or value is None:
                return None
            return self.operand(at), value
        if not line.summed_children or line.derived.get(name, 0) is None:
            return None
        terms = self.terms(line, name)
        if not terms:
            return None
        column = column_letter(self.table.columns[name])
        return "SUM(" + ",".join(f"{column}{r}" for r, _ in terms) + ")", sum(v for _, v in terms)

    def operand(self, at: tuple[int, int]) -> str:
        """A cell as a formula reads it: N(E15) where it holds text ("-" for nothing), which
        Excel would not divide."""
        ref = f"{column_letter(at[1])}{at[0]}"
        row = self.grid[at[0] - 1] if at[0] - 1 < len(self.grid) else []
        return f"N({ref})" if at[1] < len(row) and isinstance(row[at[1]], str) else ref

    def rates(self, line: Line, plan_only: bool) -> None:
        for kind in KINDS:
            name = f"rate.{kind}"
            stated = line.rates.get(name)
            if stated is None or name not in self.table.columns:
                continue
            spent = self.expr(line, f"disbursed.{kind}")
            base = self.expr(line, f"plan.{kind}")
            carried = f"carried_over.{kind}"
            if base is not None and not plan_only and carried in self.table.columns:
                more = self.expr(line, carried)
                if more is not None:
                    base = f"({base[0]}+{more[0]})", base[1] + more[1]
            if spent is None or base is None or not base[1]:
                continue
            row = line.stated_at.get(name, line.row)
            self.edits.append(self._rate(row, self.table.columns[name], stated, spent, base))

    def _rate(self, row: int, column: int, stated: StatedRate, spent: Expr, base: Expr) -> Edit:
        row_cells = self.grid[row - 1] if row - 1 < len(self.grid) else []
        raw = row_cells[column] if column < len(row_cells) else None
        decimals = max(stated.decimals, 2)
        fraction = isinstance(raw, int | float) and _is_fraction(float(raw), stated.percent)
        places = decimals + 2 if fraction else decimals
        percent = Decimal(spent[1]) * 100 / Decimal(base[1])
        shown = percent / 100 if fraction else percent
        value = float(shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
        scale = "" if fraction else "*100"
        formula = f"ROUND({spent[0]}/{base[0]}{scale},{places})"
        after = value * 100 if fraction else value
        number_format = None if isinstance(raw, int | float) else "0." + "0" * decimals
        return Edit(self.table.sheet, row, column, formula, value, stated.percent, after,
                    rate=True, why=[self.why["rate"]], number_format=number_format,
                    decimals=decimals)  # fmt: skip


def _settled(line: Line, name: str, parts: int | None) -> bool:
    """Whether a total that is not its ĐTPT + SN may become it: where every line above adds up
    its capital types from its sub-lines, or where the parent's own total agrees with the sum
    of its sub-lines only so. Else which of the total and its parts is wrong is not known, and
    putting the total right would move the disagreement up: it is left, not guessed."""
    group = name.partition(".")[0]
    if _balanced(line, group):
        return True
    parent, typed = line.parent, line.amounts.get(name)
    if parent is None or parts is None or typed is None:
        return False
    stated, summed = parent.amounts.get(name), parent.derived.get(name)
    return stated is not None and summed is not None and stated - summed == parts - typed


def _balanced(line: Line, group: str) -> bool:
    """Whether every line above adds up its ĐTPT and SN from its sub-lines (a form that gives
    the capital types of some lines only cannot)."""
    above = line.parent
    while above is not None:
        for kind in ("dtpt", "sn"):
            name = f"{group}.{kind}"
            unknown = name in above.derived and above.derived[name] is None
            if unknown and above.amounts.get(name) is not None:
                return False
        above = above.parent
    return True


def _is_fraction(raw: float, percent: float) -> bool:
    """Whether the cell holds the rate as a fraction (an Excel percentage: 0,1675 for 16,75)."""
    return abs(raw * 100 - percent) < 1e-6 * max(1.0, abs(percent)) and abs(raw - percent) > 1e-9


def _sum_formula(terms: list[Term], column: int) -> str:
    """SUM over the rows, consecutive rows as one range: SUM(E7:E9,E12)."""
    letter = column_letter(column)
    rows = sorted(r for r, _ in terms)
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    parts = [
        f"{letter}{run[0]}:{letter}{run[-1]}" if len(run) > 1 else f"{letter}{run[0]}"
        for run in runs
    ]
    return "SUM(" + ",".join(parts) + ")"


def _in_unit(dong: int, size: int) -> float:
    """An amount in đồng as the sheet writes it (12.704,962 triệu đồng → 12704.962)."""
    return float(Decimal(dong) / Decimal(size))
