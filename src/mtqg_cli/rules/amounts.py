"""Rules on amounts: sums of children, cross-footing, over-disbursement, allocation, sign, unit."""

from __future__ import annotations

import math
from collections.abc import Iterator

from mtqg_cli.messages import unit_name
from mtqg_cli.models import KINDS, Finding, Line, Severity, Unit
from mtqg_cli.rules.base import RuleContext, effective, register

PLAUSIBLE_MAX_DONG = 50_000 * 10**9  # 50.000 tỷ đồng: more than any one line of the programme
UNIT_FACTORS = (1_000_000, 1_000)


@register(
    "SUM_MISMATCH",
    Severity.error,
    "{field} của dòng «{name}» ghi {stated}, nhưng cộng {count} dòng con được {computed}.",
    "{field} of «{name}» is {stated}, but its {count} sub-lines add up to {computed}.",
)
def sum_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A parent row differs from the sum of its direct children (blank parent: not stated)."""
    for line in ctx.lines():
        children = line.summed_children
        if not children:
            continue
        for name in ctx.amount_fields:
            stated = line.amounts.get(name)
            values = [effective(child, name) for child in children]
            if stated is None or all(v is None for v in values):
                continue
            expected = sum(v or 0 for v in values)
            if abs(stated - expected) > ctx.tolerance:
                yield ctx.finding(
                    "SUM_MISMATCH", line, name, expected, stated,
                    stated=ctx.money(stated), computed=ctx.money(expected), count=len(children),
                )  # fmt: skip


@register(
    "TOTAL_MISMATCH",
    Severity.error,
    "{field} ghi {stated}, khác vốn ĐTPT + vốn SN = {computed}.",
    "{field} is {stated}, not investment + recurrent = {computed}.",
)
def total_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Within a row, the total of a group differs from ĐTPT + SN."""
    groups = {f.split(".")[0] for f in ctx.amount_fields}
    for line in ctx.lines():
        for group in sorted(groups):
            if not all(ctx.table.has(f"{group}.{k}") for k in KINDS):
                continue
            total = line.amounts.get(f"{group}.total")
            parts = [line.amounts.get(f"{group}.dtpt"), line.amounts.get(f"{group}.sn")]
            if total is None or all(p is None for p in parts):
                continue
            expected = sum(p or 0 for p in parts)
            if abs(total - expected) > ctx.tolerance:
                yield ctx.finding(
                    "TOTAL_MISMATCH", line, f"{group}.total", expected, total,
                    stated=ctx.money(total), computed=ctx.money(expected),
                )  # fmt: skip


def plan_base(line: Line, kind: str) -> int | None:
    """Plan plus carried-over money of one capital type: what can be allocated and spent."""
    plan = effective(line, f"plan.{kind}")
    if plan is None:
        return None
    return plan + (effective(line, f"carried_over.{kind}") or 0)


@register(
    "OVER_DISBURSED",
    Severity.error,
    "{field} = {stated} vượt số vốn được giao{carried} {computed}.",
    "{field} = {stated} exceeds the money available{carried} {computed}.",
)
def over_disbursed(ctx: RuleContext) -> Iterator[Finding]:
    """Disbursed more than the plan (plus carried-over money)."""
    for line in ctx.lines():
        for kind in KINDS:
            name = f"disbursed.{kind}"
            disbursed, base = line.amounts.get(name), plan_base(line, kind)
            if disbursed is None or base is None or not ctx.table.has(f"plan.{kind}"):
                continue
            if disbursed - base > ctx.tolerance:
                yield ctx.finding(
                    "OVER_DISBURSED", line, name, base, disbursed,
                    stated=ctx.money(disbursed), computed=ctx.money(base),
                    carried=_carried_words(ctx, kind),
                )  # fmt: skip


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
)
def unallocated_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Allocated + unallocated differs from plan (+ carried over)."""
    for line in ctx.lines():
        for kind in KINDS:
            names = (f"allocated.{kind}", f"unallocated.{kind}")
            if not all(ctx.table.has(n) for n in names):
                continue
            allocated, unallocated = (line.amounts.get(n) for n in names)
            base = plan_base(line, kind)
            if base is None or (allocated is None and unallocated is None):
                continue
            actual = (allocated or 0) + (unallocated or 0)
            if abs(actual - base) > ctx.tolerance:
                yield ctx.finding(
                    "UNALLOCATED_MISMATCH", line, names[1], base, actual,
                    allocated=ctx.money(allocated or 0), unallocated=ctx.money(unallocated or 0),
                    stated=ctx.money(actual), computed=ctx.money(base),
                    carried=_carried_words(ctx, kind),
                )  # fmt: skip


@register(
    "NEGATIVE_AMOUNT",
    Severity.error,
    "{field} là số âm: {stated}.",
    "{field} is negative: {stated}.",
)
def negative_amount(ctx: RuleContext) -> Iterator[Finding]:
    """An amount below zero."""
    for line in ctx.lines():
        for name in ctx.amount_fields:
            value = line.amounts.get(name)
            if value is not None and value < 0:
                yield ctx.finding(
                    "NEGATIVE_AMOUNT", line, name, None, value, stated=ctx.money(value)
                )


@register(
    "UNIT_SUSPECT",
    Severity.error,
    "{field} = {stated} lớn gấp khoảng {factor} lần mức hợp lý{context}; "
    "có lẽ đã nhập theo {typed_unit} (đúng ra là {suggested}).",
    "{field} = {stated} is about {factor} times what is plausible{context}; "
    "probably typed in {typed_unit} (should be {suggested}).",
)
def unit_suspect(ctx: RuleContext) -> Iterator[Finding]:
    """A figure about 1.000× or 1.000.000× what its parent suggests, or beyond any size."""
    for line in ctx.lines():
        for name in ctx.amount_fields:
            value = line.amounts.get(name)
            if not value or value <= 0:
                continue
            parent = effective(line.parent, name) if line.parent else None
            factor = _unit_factor(value, parent)
            if factor:
                yield _unit_finding(ctx, line, name, value, factor, parent)


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
