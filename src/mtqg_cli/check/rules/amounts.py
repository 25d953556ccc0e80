"""Rules on amounts: sums of children, cross-footing, over-disbursement, allocation, sign, unit."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from mtqg_cli.check.rules.base import RuleContext, register
from mtqg_cli.form.line_figures import (
    ALLOCATED,
    CARRIED,
    DISBURSED,
    PLAN,
    UNALLOCATED,
)
from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import Line
from mtqg_cli.model.vocabulary import GROUPS, KINDS, UNIT_FACTORS, Severity, Unit
from mtqg_cli.words.messages import unit_name

if TYPE_CHECKING:
    from mtqg_cli.check.rules.columns import LineColumns

PLAUSIBLE_MAX_DONG = 50_000 * 10**9  # 50.000 tỷ đồng: more than any one line of the programme


def _over(values: np.ndarray, tolerance: int) -> np.ndarray:
    """Where figures (differences) are beyond the tolerance either way, as a boolean array."""
    return np.asarray(np.abs(values) > tolerance, dtype=bool)


@register(
    "SUM_MISMATCH",
    Severity.error,
    "{field} của dòng «{name}» ghi {stated}, nhưng cộng {count} dòng con được {computed}.",
    "{field} of «{name}» is {stated}, but its {count} sub-lines add up to {computed}.",
    doc_vi="Số liệu của dòng cha khác tổng các dòng con trực tiếp, ở một cột số tiền.",
    doc_en="A parent row differs from the sum of its direct children, in an amount column.",
)
def sum_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A parent row differs from the sum of its direct children (blank parent: not stated): the
    stated figures off their line's children's sum, asked of the table's columns."""
    fields, tolerance = ctx.amount_fields, ctx.tolerance
    if not fields:
        return
    columns = ctx.columns()
    rows = columns.rows(fields)
    stated, summed = columns.stated[rows], columns.summed[rows]
    broken = columns.given[rows] & columns.summed_known[rows] & _over(stated - summed, tolerance)
    for line, at, check in columns.broken(broken):
        value, expected = int(stated[check, at]), int(summed[check, at])
        yield ctx.finding(
            "SUM_MISMATCH", line, fields[check], expected, value, stated=ctx.money(value),
            computed=ctx.money(expected), count=len(line.summed_children),
        )  # fmt: skip


@register(
    "TOTAL_MISMATCH",
    Severity.error,
    "{field} ghi {stated}, khác vốn ĐTPT + vốn SN = {computed}.",
    "{field} is {stated}, not investment + recurrent = {computed}.",
    doc_vi="Trong một dòng, Tổng số khác vốn ĐTPT + vốn SN (kế hoạch hoặc giải ngân).",
    doc_en="Within a row, the total differs from investment (ĐTPT) + recurrent (SN), plan or "
    "disbursed.",
)
def total_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Within a row, the total of a group differs from ĐTPT + SN: the stated totals off their
    stated parts (a blank part counts 0, both blank: nothing to check), asked of the columns."""
    groups = [
        (f"{g}.total", f"{g}.dtpt", f"{g}.sn")
        for g in sorted(GROUPS)
        if all(ctx.table.has(f"{g}.{k}") for k in KINDS)
    ]
    if not groups:
        return
    columns = ctx.columns()
    stated, given = columns.stated, columns.given
    totals, dtpt, sn = (columns.rows(names) for names in zip(*groups, strict=True))
    expected = stated[dtpt] + stated[sn]
    broken = given[totals] & (given[dtpt] | given[sn])
    broken &= _over(stated[totals] - expected, ctx.tolerance)
    for line, at, check in columns.broken(broken):
        total, parts = int(stated[totals[check], at]), int(expected[check, at])
        yield ctx.finding(
            "TOTAL_MISMATCH", line, groups[check][0], parts, total,
            stated=ctx.money(total), computed=ctx.money(parts),
        )  # fmt: skip


@register(
    "OVER_DISBURSED",
    Severity.error,
    "{field} = {stated} vượt số vốn được giao{carried} {computed}.",
    "{field} = {stated} exceeds the money available{carried} {computed}.",
    doc_vi="Số giải ngân lớn hơn kế hoạch vốn (kể cả vốn năm trước chuyển sang).",
    doc_en="More was disbursed than the plan (plus money carried over).",
)
def over_disbursed(ctx: RuleContext) -> Iterator[Finding]:
    """Disbursed more than the plan (plus carried-over money): the stated disbursements beyond
    the effective plan plus carried over (unknown: 0), asked of the table's columns."""
    kinds = [k for k in KINDS if ctx.table.has(PLAN[k])]
    if not kinds:
        return
    columns = ctx.columns()
    disbursed = columns.rows([DISBURSED[k] for k in kinds])
    plan, carried = (
        columns.rows([PLAN[k] for k in kinds]),
        columns.rows([CARRIED[k] for k in kinds]),
    )
    base = _available(columns, plan, carried)
    spent = columns.stated[disbursed]
    broken = columns.given[disbursed] & columns.known[plan]
    broken &= np.asarray(spent - base > ctx.tolerance, dtype=bool)
    for line, at, check in columns.broken(broken):
        value, available = int(spent[check, at]), int(base[check, at])
        yield ctx.finding(
            "OVER_DISBURSED", line, DISBURSED[kinds[check]], available, value,
            stated=ctx.money(value), computed=ctx.money(available),
            carried=_carried_words(ctx, kinds[check]),
        )  # fmt: skip


def _available(columns: LineColumns, plan: list[int], carried: list[int]) -> np.ndarray:
    """The effective plan plus the effective carried-over money (0 where unknown), by kind."""
    figures, known = columns.effective, columns.known
    return np.asarray(figures[plan] + np.where(known[carried], figures[carried], 0))


def _carried_words(ctx: RuleContext, kind: str) -> str:
    if not ctx.table.has(f"carried_over.{kind}") and not ctx.table.has("carried_over.total"):
        return ""
    return " (kể cả vốn năm trước chuyển sang)" if ctx.lang != "en" else " (with carried-over)"


@register(
    "UNALLOCATED_MISMATCH",
    Severity.error,
    "Đã phân bổ {allocated} + chưa phân bổ {unallocated} = {stated}, "
    "khác số vốn được giao{carried} {computed}.",
    "Allocated {allocated} + unallocated {unallocated} = {stated}, "
    "not the money available{carried} {computed}.",
    doc_vi="Đã phân bổ + chưa phân bổ khác kế hoạch vốn (kể cả vốn chuyển sang), ở biểu có các "
    "cột đó.",
    doc_en="Allocated + unallocated differs from the plan (plus carried over), where those "
    "columns exist.",
)
def unallocated_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Allocated + unallocated differs from plan (+ carried over): the lines stating either, off
    the effective plan plus carried over, asked of the table's columns."""
    kinds = [k for k in KINDS if ctx.table.has(ALLOCATED[k]) and ctx.table.has(UNALLOCATED[k])]
    if not kinds:
        return
    columns = ctx.columns()
    allocated = columns.rows([ALLOCATED[k] for k in kinds])
    unallocated = columns.rows([UNALLOCATED[k] for k in kinds])
    plan, carried = (
        columns.rows([PLAN[k] for k in kinds]),
        columns.rows([CARRIED[k] for k in kinds]),
    )
    base = _available(columns, plan, carried)
    stated, given = columns.stated, columns.given
    actual = stated[allocated] + stated[unallocated]
    broken = (given[allocated] | given[unallocated]) & columns.known[plan]
    broken &= _over(actual - base, ctx.tolerance)
    for line, at, check in columns.broken(broken):
        kind, total, available = kinds[check], int(actual[check, at]), int(base[check, at])
        yield ctx.finding(
            "UNALLOCATED_MISMATCH", line, UNALLOCATED[kind], available, total,
            allocated=ctx.money(int(stated[allocated[check], at])),
            unallocated=ctx.money(int(stated[unallocated[check], at])),
            stated=ctx.money(total), computed=ctx.money(available),
            carried=_carried_words(ctx, kind),
        )  # fmt: skip


@register(
    "NEGATIVE_AMOUNT",
    Severity.error,
    "{field} là số âm: {stated}.",
    "{field} is negative: {stated}.",
    doc_vi="Một số tiền nhỏ hơn 0.",
    doc_en="An amount is below zero.",
)
def negative_amount(ctx: RuleContext) -> Iterator[Finding]:
    """An amount below zero: the stated figures below zero, asked of the table's columns."""
    fields = ctx.amount_fields
    if not fields:
        return
    columns = ctx.columns()
    rows = columns.rows(fields)
    stated = columns.stated[rows]
    for line, at, check in columns.broken(columns.given[rows] & np.less(stated, 0)):
        value = int(stated[check, at])
        yield ctx.finding(
            "NEGATIVE_AMOUNT", line, fields[check], None, value, stated=ctx.money(value)
        )


@register(
    "UNIT_SUSPECT",
    Severity.error,
    "{field} = {stated} lớn gấp khoảng {factor} lần mức hợp lý{context}; "
    "có lẽ đã nhập theo {typed_unit} (đúng ra là {suggested}).",
    "{field} = {stated} is about {factor} times what is plausible{context}; "
    "probably typed in {typed_unit} (should be {suggested}).",
    doc_vi="Một số liệu lớn gấp khoảng 1.000 hoặc 1.000.000 lần mức hợp lý, như thể nhập theo "
    "đơn vị khác.",
    doc_en="A figure is about 1,000 or 1,000,000 times what is plausible, as if typed in another "
    "unit.",
)
def unit_suspect(ctx: RuleContext) -> Iterator[Finding]:
    """A figure about 1.000× or 1.000.000× what its parent suggests, or beyond any size: the
    columns give the stated figures above 0 beyond any size or a hundredfold their parent's
    effective figure (what `_unit_factor` asks first), each then weighed in Python."""
    fields = ctx.amount_fields
    if not fields:
        return
    columns = ctx.columns()
    rows = columns.rows(fields)
    value, above, above_known = columns.stated[rows], columns.above[rows], columns.above_known[rows]
    positive = columns.given[rows] & np.asarray(value > 0, dtype=bool)
    large = np.asarray(value > PLAUSIBLE_MAX_DONG, dtype=bool)
    # value > parent * 100, without leaving int64: (value - 1) // 100 >= parent, for integers
    off = above_known & np.asarray(above > 0, dtype=bool)
    off &= np.asarray((value - 1) // 100 >= above, dtype=bool)
    for line, at, check in columns.broken(positive & (large | off)):
        figure = int(value[check, at])
        parent = int(above[check, at]) if above_known[check, at] else None
        factor = _unit_factor(figure, parent)
        if factor:
            yield _unit_finding(ctx, line, fields[check], figure, factor, parent)


def _unit_factor(value: int, parent: int | None) -> int | None:
    """The factor (1.000 or 1.000.000) that brings `value` back in line, if it is off by one."""
    if parent and parent > 0 and value > parent * 100:
        fits = [f for f in UNIT_FACTORS if parent / 10**4 <= value / f <= parent * 1.5]
        if fits:
            return min(fits, key=lambda f: abs(math.log(value / f / parent)))
    if value > PLAUSIBLE_MAX_DONG:
        return next((f for f in UNIT_FACTORS if value / f <= PLAUSIBLE_MAX_DONG), UNIT_FACTORS[0])
    return None


def _unit_finding(
    ctx: RuleContext, line: Line, name: str, value: int, factor: int, parent: int | None
) -> Finding:
    en = ctx.lang == "en"
    if parent and value > parent * 100:
        context = (
            f" (parent line: {ctx.money(parent)})" if en else f" (dòng cha: {ctx.money(parent)})"
        )
    else:
        context = ""
    typed_unit = _unit_of_size(ctx.table.unit.size // factor, ctx.lang)
    expected = round(value / factor)
    return ctx.finding(
        "UNIT_SUSPECT", line, name, expected, value,
        stated=ctx.money(value), factor=f"{factor:,}".replace(",", "." if not en else ","),
        context=context, typed_unit=typed_unit, suggested=ctx.money(expected),
    )  # fmt: skip


def _unit_of_size(size: int, lang: str) -> str:
    for unit in Unit:
        if unit.size == size:
            return unit_name(unit, lang)
    return "a smaller unit" if lang == "en" else "đơn vị nhỏ hơn"
