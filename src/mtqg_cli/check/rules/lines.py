"""Rules on lines: stated rates, reasons for unallocated money, catalog, duplicates, blanks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from mtqg_cli.check.rules.base import RuleContext, register
from mtqg_cli.form.line_figures import (
    DISBURSED,
    as_stated,
    unallocated_of,
)
from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import Line, StatedRate
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import KINDS, Severity

RATES = tuple((f"rate.{k}", DISBURSED[k], k) for k in KINDS)
"""Each stated rate's field, the disbursed field it divides and its capital type."""


@register(
    "RATE_MISMATCH",
    Severity.error,
    "{field} ghi {stated}, tính lại = {disbursed} / {base} = {computed}.",
    "{field} is {stated}; recomputed {disbursed} / {base} = {computed}.",
    doc_vi="Tỷ lệ giải ngân ghi trên biểu khác tỷ lệ tính lại (giải ngân / (kế hoạch + vốn "
    "chuyển sang)) quá mức làm tròn của nó.",
    doc_en="The stated disbursement rate differs from disbursed / (plan + carried over) beyond "
    "the rounding it is shown with.",
)
def rate_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The stated rate differs from disbursed / (plan + carried over) beyond its shown rounding;
    on a table whose rates leave the carried-over money out (more of them agree with disbursed
    / plan alone), from disbursed / plan."""
    checked = _check_rates(ctx)
    for line, name, stated, disbursed, base, computed in checked.wrong[checked.base.plan_only]:
        yield ctx.finding(
            "RATE_MISMATCH", line, name, round(computed, 2), stated.percent,
            stated=ctx.rate(stated.percent), computed=ctx.rate(computed),
            disbursed=ctx.money(disbursed), base=ctx.money(base),
        )  # fmt: skip


@dataclass(frozen=True)
class RateBase:
    """What a table's stated rates divide by, and the rates that told: of the rates whose two
    bases differ, how many agree with disbursed / (plan + carried over) and with disbursed / plan."""

    plan_only: bool
    agree_with_carried: int
    agree_plan_only: int


def rate_base(ctx: RuleContext) -> RateBase:
    """The base the table's rates divide by, as RATE_MISMATCH checks them (shown by inspect)."""
    return _check_rates(ctx).base


WrongRate = tuple[Line, str, StatedRate, int, int, float]
"""A stated rate off its computed one: line, field, the rate, disbursed, base, computed rate."""


@dataclass(frozen=True)
class _RateChecks:
    """The table's rate base, and the rates wrong by each base: [plan + carried over, plan]."""

    base: RateBase
    wrong: tuple[list[WrongRate], list[WrongRate]]


def _check_rates(ctx: RuleContext) -> _RateChecks:
    """Every stated rate against disbursed / (plan + carried over) and disbursed / plan, on the
    table's columns: the rates whose two bases differ tell which base the table's rates divide
    by (a wrong rate that lands on disbursed / plan to the shown decimals is far less likely),
    and the rates wrong by each base are kept, to report those of the base that won."""
    columns = ctx.columns()
    gap = _rounding_gaps(ctx.rate_tolerance)
    found: list[tuple[int, int, StatedRate]] = []  # (line, capital type, rate) in sheet order
    for at, line in enumerate(columns.lines):
        rates = line.rates
        if rates:
            for kind, (name, _, _) in enumerate(RATES):
                stated = rates.get(name)
                if stated is not None:
                    found.append((at, kind, stated))
    if not found:
        return _RateChecks(RateBase(False, 0, 0), ([], []))
    where = np.array([f[0] for f in found], dtype=np.intp)
    kinds = np.array([f[1] for f in found], dtype=np.intp)
    percent = np.array([f[2].percent for f in found], dtype=np.float64)
    allowed = np.array([gap(f[2].decimals) for f in found], dtype=np.float64)
    figures, known = columns.effective, columns.known
    disbursed_row, plan_row, carried_row = (
        np.array(columns.rows([f"{group}.{k}" for k in KINDS]), dtype=np.intp)[kinds]
        for group in ("disbursed", "plan", "carried_over")
    )
    spent = known[disbursed_row, where]
    plan = figures[plan_row, where]
    carried = np.where(known[carried_row, where], figures[carried_row, where], 0)
    planned = known[plan_row, where] & spent
    bases = (plan + carried, plan)
    disbursed = figures[disbursed_row, where]
    wrong: tuple[list[WrongRate], list[WrongRate]] = ([], [])
    agree = []
    for base, kept in zip(bases, wrong, strict=True):
        divided = planned & np.asarray(base != 0, dtype=bool)
        rate = _rates(disbursed, base, divided)
        agrees = divided & (np.abs(percent - rate) <= allowed)
        agree.append(agrees)
        for i in np.flatnonzero(divided & ~agrees):
            index, stated = int(i), found[i][2]
            kept.append((
                columns.lines[found[index][0]], RATES[found[index][1]][0], stated,
                int(disbursed[index]), int(base[index]), float(rate[index]),
            ))  # fmt: skip
    differ = planned & np.asarray(carried != 0, dtype=bool)
    agree_with, agree_plan = (int(np.count_nonzero(a & differ)) for a in agree)
    return _RateChecks(RateBase(agree_plan > agree_with, agree_with, agree_plan), wrong)


_EXACT = 2**53
"""Below this, an integer is a float64 exactly: disbursed * 100 / base is then computed in
numpy as Python's int / int gives it (both operands exact, one correctly rounded division)."""


def _rates(disbursed: np.ndarray, base: np.ndarray, divided: np.ndarray) -> np.ndarray:
    """`computed_rate` of each figure (NaN where not `divided`): in float64 where every
    operand is exact, else each one by Python's own division of integers."""
    spent = np.where(divided, disbursed, 0)
    over = np.where(divided, base, 1)
    if (
        spent.dtype != object
        and bool(np.all(np.abs(spent) < _EXACT // 100))
        and bool(np.all(np.abs(over) < _EXACT))
    ):
        rate = (spent * 100).astype(np.float64) / over.astype(np.float64)
    else:
        rate = np.array([s * 100 / b for s, b in zip(spent.tolist(), over.tolist(), strict=True)])
    return np.where(divided, rate, np.nan)


def _rounding_gaps(rate_tolerance: float) -> Callable[[int], float]:
    """How far a rate shown with so many decimals may be off a computed one: its shown rounding
    (or the tolerance, if wider), worked out once per number of decimals."""
    allowed: dict[int, float] = {}

    def gap(decimals: int) -> float:
        found = allowed.get(decimals)
        if found is None:
            found = allowed[decimals] = max(0.5 * 10**-decimals, rate_tolerance) + 1e-9
        return found

    return gap


@register(
    "UNALLOCATED_NO_REASON",
    Severity.error,
    "Dòng «{name}» còn {stated} chưa phân bổ nhưng không ghi lý do.",
    "«{name}» leaves {stated} unallocated and gives no reason.",
    doc_vi="Còn vốn chưa phân bổ nhưng không ghi lý do (trừ khi các dòng con đã ghi lý do).",
    doc_en="Money is left unallocated with no reason, unless the line's children give the reasons.",
)
def unallocated_no_reason(ctx: RuleContext) -> Iterator[Finding]:
    """Money left unallocated with no reason, unless the line's children answer for it."""
    tolerance = ctx.tolerance
    column = "reason" if ctx.table.has("reason") else None
    for line in ctx.lines():
        amount = unallocated_of(line, as_stated)
        if amount is None or amount <= tolerance or line.reason:
            continue
        if any((unallocated_of(c) or 0) > tolerance for c in line.summed_children):
            continue
        yield ctx.finding(
            "UNALLOCATED_NO_REASON", line, column,
            None, amount, stated=ctx.money(amount),
        )  # fmt: skip


@register(
    "UNKNOWN_PROJECT",
    Severity.error,
    "Dòng «{name}» nêu {unknown}, không có trong danh mục của Chương trình (QĐ 1719/QĐ-TTg).",
    "«{name}» names {unknown}, which the programme (QĐ 1719/QĐ-TTg) does not have.",
    doc_vi="Dòng nêu dự án, tiểu dự án hoặc nội dung không có trong Chương trình (QĐ 1719/QĐ-TTg).",
    doc_en="A row names a project, sub-project or content the programme (QĐ 1719/QĐ-TTg) does "
    "not have.",
)
def unknown_project(ctx: RuleContext) -> Iterator[Finding]:
    """A row names a project, sub-project or content the programme does not have."""
    for line in ctx.lines():
        if line.unknown_code:
            yield ctx.finding("UNKNOWN_PROJECT", line, "name", unknown=line.unknown_code)


@register(
    "DUPLICATE_LINE",
    Severity.warning,
    "Dòng «{name}» lặp lại dòng {other} trong cùng một mục.",
    "«{name}» repeats row {other} under the same parent.",
    doc_vi="Cùng một dòng dự án xuất hiện hai lần dưới cùng một mục.",
    doc_en="The same project line appears twice under the same parent.",
)
def duplicate_line(ctx: RuleContext) -> Iterator[Finding]:
    """The same project line twice under the same parent."""
    parents = [ctx.table.root, *(ln for ln in ctx.lines() if ln is not ctx.table.root)]
    for parent in parents:
        seen: dict[str, Line] = {}
        for child in parent.children:
            key = child.code or _name_key(child)
            if not key:
                continue
            if key in seen:
                yield ctx.finding("DUPLICATE_LINE", child, "name", other=seen[key].row)
            else:
                seen[key] = child


def _name_key(line: Line) -> str:
    """A line without a code is the same line when its (folded) name is, if it has one."""
    name = fold(line.name)
    return "" if line.kind == "breakdown" or len(name) < 4 else f"name:{name}"


@register(
    "MISSING_VALUE",
    Severity.warning,
    "Dòng «{name}» không có số liệu trong khi các dòng cùng cấp đều có.",
    "«{name}» has no figures while its sibling lines do.",
    doc_vi="Dòng có tên nhưng không có số liệu trong khi các dòng cùng cấp đều có.",
    doc_en="A line has a name but no figures where its siblings have them.",
)
def missing_value(ctx: RuleContext) -> Iterator[Finding]:
    """A named leaf line with no figures where its siblings have them."""
    for line in ctx.lines():
        if line.children or not line.name or line.kind == "breakdown" or line.has_figures:
            continue
        siblings = [s for s in (line.parent.children if line.parent else []) if s is not line]
        if siblings and any(s.children or s.has_figures for s in siblings):
            yield ctx.finding("MISSING_VALUE", line, "name")
