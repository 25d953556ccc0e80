"""Test builders: a `Table` from a compact description of its rows, and a few shortcuts.

A row is a tuple ``(row, stt, name, amounts, rates, reason)``; the last three may be left off.
``amounts`` maps fields ("plan.total", "disbursed.sn"…) to integer đồng (use `trd` to write
triệu đồng); ``rates`` maps rate fields to a `StatedRate` or a ``(percent, decimals)`` pair.

    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(300)}),
        (6, "1", "Dự án 1", {"plan.total": trd(100)}),
        (7, "2", "Dự án 2", {"plan.total": trd(200)}),
    ])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from mtqg_cli.check.rules import REGISTRY, RuleContext, run_rules
from mtqg_cli.form.hierarchy import build_tree
from mtqg_cli.model.report import Finding, SheetInfo
from mtqg_cli.model.sheet import Line, StatedRate, Table
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, RATE_FIELDS, Unit

MILLION = 1_000_000
SHEET = "Biểu 01"

RateSpec = StatedRate | tuple[float, int] | None


def trd(value: str | int | float) -> int:
    """An amount in triệu đồng, written the Python way ("3379.979" or 3379.979), in đồng."""
    return int(Decimal(str(value)) * MILLION)


def rate(percent: float, decimals: int = 2) -> StatedRate:
    return StatedRate(percent, decimals)


def make_line(
    row: int,
    stt: str,
    name: str,
    amounts: Mapping[str, int | None] | None = None,
    rates: Mapping[str, RateSpec] | None = None,
    reason: str = "",
) -> Line:
    """One Line, not yet in a tree."""
    stated = {
        key: value if isinstance(value, StatedRate) or value is None else StatedRate(*value)
        for key, value in (rates or {}).items()
    }
    return Line(row=row, stt=stt, name=name, amounts=dict(amounts or {}), rates=stated,
                reason=reason)  # fmt: skip


def make_lines(rows: Iterable[Sequence[Any]]) -> list[Line]:
    return [make_line(*row) for row in rows]


def default_fields(lines: Iterable[Line]) -> list[str]:
    """The amount and rate fields used by any line, in the order of the models."""
    used = {key for line in lines for key in (*line.amounts, *line.rates)}
    return [f for f in (*AMOUNT_FIELDS, *RATE_FIELDS) if f in used]


def make_table(
    rows: Iterable[Sequence[Any]],
    *,
    fields: Sequence[str] | None = None,
    reason_column: bool = True,
    unit: Unit = Unit.trieu_dong,
    sheet: str = SHEET,
    unit_assumed: bool = False,
) -> Table:
    """A Table as `extract_table` builds it: lines in sheet order, linked by `build_tree`.

    Columns are A = STT, B = name, then `fields` (default: every field the rows use, in model
    order), then the reason column. Every line gets None for the columns it leaves blank.
    """
    lines = make_lines(rows)
    fields = list(fields) if fields is not None else default_fields(lines)
    names = ["stt", "name", *fields] + (["reason"] if reason_column else [])
    columns = {name: index for index, name in enumerate(names)}
    for line in lines:
        for name in fields:
            if name in RATE_FIELDS:
                line.rates.setdefault(name, None)
            else:
                line.amounts.setdefault(name, None)
    root = build_tree(lines)
    info = SheetInfo(
        name=sheet,
        unit=unit.value,
        lines=len(lines),
        columns={name: column_letter(index) for name, index in columns.items()},
    )
    return Table(sheet, unit, unit_assumed, columns, root, lines, info)


def tree(rows: Iterable[Sequence[Any]]) -> tuple[Line, dict[int, Line]]:
    """The root of the tree built from `rows`, and the lines by worksheet row."""
    lines = make_lines(rows)
    root = build_tree(lines)
    return root, {line.row: line for line in lines}


def line_at(table: Table, row: int) -> Line:
    return next(line for line in table.lines if line.row == row)


def letter(table: Table, field: str) -> str:
    """The column letter of `field` in `table`."""
    return column_letter(table.columns[field])


def check(table: Table, code: str, *, lang: str = "vi", tolerance: int = 1_000) -> list[Finding]:
    """The findings of one registered rule on `table`."""
    rule = REGISTRY[code]
    assert rule.check is not None, f"{code} is raised while reading, not by a check"
    return list(rule.check(RuleContext(table, tolerance, lang)))


def run_all(table: Table, *, lang: str = "vi", tolerance: int = 1_000) -> list[Finding]:
    return run_rules(table, tolerance=tolerance, lang=lang)


def located(findings: Iterable[Finding]) -> set[tuple[str, int | None, str | None]]:
    """(rule, row, column) of each finding: what most assertions compare."""
    return {(f.rule, f.row, f.column) for f in findings}
