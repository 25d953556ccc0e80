"""Rules on lines: stated rates, reasons for unallocated money, catalog, duplicates, blanks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mtqg_cli.check.rules.base import RuleContext, register
from mtqg_cli.form.line_figures import (
    DISBURSED,
    as_stated,
    effective,
    plan_bases,
    unallocated_of,
)
from mtqg_cli.model.rates import computed_rate
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
    """Every stated rate against disbursed / (plan + carried over) and disbursed / plan, in one
    pass: the rates whose two bases differ tell which base the table's rates divide by (a wrong
    rate that lands on disbursed / plan to the shown decimals is far less likely), and the rates
    wrong by each base are kept, to report those of the base that won."""
    gap = _rounding_gaps(ctx.rate_tolerance)
    agree_with = agree_plan = 0
    wrong_with: list[WrongRate] = []
    wrong_plan: list[WrongRate] = []
    for line in ctx.lines():
        rates = line.rates
        if not rates:
            continue
        amounts = line.amounts
        for name, disbursed_name, kind in RATES:
            stated = rates.get(name)
            if stated is None:
                continue
            disbursed = amounts.get(disbursed_name)
            if disbursed is None:
                disbursed = effective(line, disbursed_name)
                if disbursed is None:
                    continue
            with_carried, plan = plan_bases(line, kind)
            allowed = gap(stated.decimals)
            found = (line, name, stated, disbursed)
            agrees_with = _judged(found, with_carried, allowed, wrong_with)
            agrees_plan = _judged(found, plan, allowed, wrong_plan)
            if with_carried != plan:  # only rates whose two bases differ tell which is meant
                agree_with += agrees_with
                agree_plan += agrees_plan
    base = RateBase(agree_plan > agree_with, agree_with, agree_plan)
    return _RateChecks(base, (wrong_with, wrong_plan))


def _judged(
    found: tuple[Line, str, StatedRate, int],
    divisor: int | None,
    allowed: float,
    wrong: list[WrongRate],
) -> bool:
    """Whether the stated rate of `found` (line, field, rate, disbursed) agrees with disbursed /
    `divisor` within `allowed`; one it does not agree with is kept in `wrong` (none is computed
    on a zero or missing divisor: such a rate agrees with nothing and is not wrong either)."""
    line, name, stated, disbursed = found
    rate = computed_rate(disbursed, divisor)
    if rate is None or divisor is None:
        return False
    if abs(stated.percent - rate) <= allowed:
        return True
    wrong.append((line, name, stated, disbursed, divisor, rate))
    return False


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
