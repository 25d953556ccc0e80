"""Planting discrepancies: each one a mistake a clerk makes, at a line and field chosen at random.

A local mistake changes one cell (a parent typed by hand, a figure typed in đồng, a sign); a
carried-through one is a line whose figures are wrong but summed up faithfully (a line that
disbursed more than it had). Either way the oracle works out every finding it must cause.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from forms.dimensions import Shape
from forms.model import STEP, LineModel, TableModel, rate_of
from forms.oracle import TOLERANCE, effective, unit_factor


@dataclass(frozen=True)
class Plant:
    """One planted discrepancy: the rule it must be found by, at the line and field given."""

    rule: str
    table: int
    line: LineModel
    field: str


class Skip(Exception):
    """This table offers no place for this mistake."""


def plant_some(
    rng: random.Random, shape: Shape, tables: list[TableModel]
) -> tuple[list[Plant], dict[int, dict[str, float]]]:
    """0 to 3 discrepancies (a third of forms stay clean), and the rates planted wrong."""
    count = rng.choice((0, 0, 1, 1, 2, 3))
    plants: list[Plant] = []
    wrong_rates: dict[int, dict[str, float]] = {}
    used: set[int] = set()
    for _ in range(count * 4):
        if len(plants) >= count:
            break
        rule = rng.choice(shape.plants)
        index = rng.randrange(len(tables))
        try:
            plant = PLANTERS[rule](rng, shape, tables[index], index, used, wrong_rates)
        except Skip:
            continue
        used.add(id(plant.line))
        plant.line.planted = True
        plants.append(plant)
    return plants, wrong_rates


Planter = Callable[
    [random.Random, Shape, TableModel, int, set[int], dict[int, dict[str, float]]], Plant
]


def _choose(rng: random.Random, lines: list[LineModel], used: set[int]) -> LineModel:
    free = [ln for ln in lines if id(ln) not in used and not _near(ln, used)]
    if not free:
        raise Skip
    return rng.choice(free)


def _near(line: LineModel, used: set[int]) -> bool:
    """Two mistakes on one branch would hide each other's consequences: keep them apart."""
    up: LineModel | None = line
    while up is not None:
        if id(up) in used:
            return True
        up = up.parent
    return any(id(d) in used for d in line.walk())


def _delta(rng: random.Random, value: int, shape: Shape) -> int:
    step = STEP[shape["unit"]]
    size = max(abs(value) * rng.uniform(0.05, 0.4), 20 * TOLERANCE, 50 * step)
    return max(int(size / step), 1) * step * rng.choice((1, -1))


def _leaves(table: TableModel) -> list[LineModel]:
    return [ln for ln in table.lines() if not ln.children and ln.kind != "total"]


def _parents(table: TableModel) -> list[LineModel]:
    return [ln for ln in table.lines() if ln.children]


def _carry(table: TableModel, line: LineModel, name: str, delta: int) -> None:
    """Add `delta` to a figure, its row's total and every line above (summed faithfully)."""
    group, kind = name.split(".")
    names = [name] + (
        [f"{group}.total"] if kind != "total" and f"{group}.total" in table.fields else []
    )
    up: LineModel | None = line
    while up is not None:
        for each in names:
            up.values[each] = (up.values.get(each) or 0) + delta
        up = up.parent


def _set_local(line: LineModel, name: str, value: int) -> None:
    line.values[name] = value
    line.formulas.pop(name, None)


def sum_mismatch(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    line = _choose(rng, _parents(table), used)
    name = rng.choice(table.fields)
    value = line.values[name] or 0
    _set_local(line, name, abs(value + _delta(rng, value, shape)))
    return Plant("SUM_MISMATCH", index, line, name)


def total_mismatch(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    totals = [
        f
        for f in table.fields
        if f.endswith(".total") and f.replace("total", "dtpt") in table.fields
    ]
    if not totals:
        raise Skip
    line = _choose(rng, _leaves(table), used)
    name = rng.choice(totals)
    value = line.values[name] or 0
    _set_local(line, name, abs(value + _delta(rng, value, shape)))
    return Plant("TOTAL_MISMATCH", index, line, name)


def rate_mismatch(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    if not table.rate_fields:
        raise Skip
    name = rng.choice(table.rate_fields)
    kind = name.split(".")[1]
    lines = [ln for ln in table.lines() if rate_of(ln, kind, table.rate_base) is not None]
    line = _choose(rng, lines, used)
    computed = rate_of(line, kind, table.rate_base) or 0.0
    wrong = round(computed + rng.choice((1, -1)) * rng.uniform(1, 20), 2)
    if wrong < 0:
        wrong = round(computed + rng.uniform(1, 20), 2)
    rates.setdefault(id(line), {})[name] = wrong
    line.rate_formula = False  # a rate typed over its formula
    return Plant("RATE_MISMATCH", index, line, name)


def over_disbursed(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    kinds = [f.split(".")[1] for f in table.fields if f.startswith("disbursed.")]
    kind = rng.choice([k for k in kinds if k != "total"] or kinds)
    lines = [ln for ln in _leaves(table) if (ln.values.get(f"plan.{kind}") or 0) > 0]
    line = _choose(rng, lines, used)
    base = (line.values.get(f"plan.{kind}") or 0) + (line.values.get(f"carried_over.{kind}") or 0)
    name = f"disbursed.{kind}"
    over = base + abs(_delta(rng, base, shape))
    _carry(table, line, name, over - (line.values.get(name) or 0))
    return Plant("OVER_DISBURSED", index, line, name)


def unallocated_mismatch(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    if not table.reason:
        raise Skip
    kinds = [f.split(".")[1] for f in table.fields if f.startswith("unallocated.")]
    kind = rng.choice([k for k in kinds if k != "total"] or kinds)
    line = _choose(rng, _leaves(table), used)
    name = f"unallocated.{kind}"
    value = line.values.get(name) or 0
    _carry(table, line, name, abs(_delta(rng, value + 10**9, shape)))
    line.reason = line.reason or "Chưa có hướng dẫn của tỉnh"
    return Plant("UNALLOCATED_MISMATCH", index, line, name)


def unallocated_no_reason(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    if not table.reason:
        raise Skip
    line = _choose(rng, _leaves(table), used)
    if (line.values.get("unallocated.total") or 0) <= TOLERANCE:
        kinds = [f.split(".")[1] for f in table.fields if f.startswith("allocated.")]
        kind = rng.choice([k for k in kinds if k != "total"] or kinds)
        allocated = line.values.get(f"allocated.{kind}") or 0
        moved = (allocated // 2 // STEP[shape["unit"]]) * STEP[shape["unit"]]
        if moved <= 10 * TOLERANCE:
            raise Skip
        _carry(table, line, f"allocated.{kind}", -moved)
        _carry(table, line, f"unallocated.{kind}", moved)
    line.reason = ""
    return Plant("UNALLOCATED_NO_REASON", index, line, "reason")


def unit_suspect(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    line = _choose(rng, _leaves(table), used)
    name = rng.choice(table.fields)
    value = line.values.get(name) or 0
    parent = effective(table, line.parent, name) if line.parent else None
    factor = rng.choice((1_000, 1_000_000))
    if line.parent is not None and name in line.parent.formulas:
        raise Skip  # a SUM above carries the slip up: the parent no longer tells it
    if value <= 0 or value * factor >= 5 * 10**15 or not unit_factor(value * factor, parent):
        raise Skip
    _set_local(line, name, value * factor)
    return Plant("UNIT_SUSPECT", index, line, name)


def negative_amount(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    line = _choose(rng, _leaves(table), used)
    names = [f for f in table.fields if (line.values.get(f) or 0) > 0]
    if not names:
        raise Skip
    name = rng.choice(names)
    _set_local(line, name, -(line.values[name] or 0))
    return Plant("NEGATIVE_AMOUNT", index, line, name)


UNKNOWN_NAMES = (
    "Dự án 11: Hỗ trợ phát triển hạ tầng du lịch cộng đồng",
    "Dự án 12: Nâng cao năng lực hợp tác xã vùng đồng bào",
    "Dự án 15: Hỗ trợ chuyển đổi số cho thôn bản",
)


def unknown_project(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    if table.capital is not None or any(c.kind == "section" for c in table.root.children):
        raise Skip
    donor = _choose(rng, _leaves(table), used)
    name = rng.choice(UNKNOWN_NAMES)
    units = [up for up in _ancestors(donor) if up.kind == "unit"]
    parent = units[0] if units else table.root  # a unit's own project, on a consolidated form
    line = LineModel("unknown", "DA" + name.split()[2].rstrip(":"), name, parent=parent)
    for field_name in table.fields:
        line.values[field_name] = donor.values.get(field_name)
        if field_name in donor.formulas:
            line.formulas[field_name] = donor.formulas[field_name]
    line.reason = donor.reason
    line.rate_formula = donor.rate_formula
    parent.children.append(line)
    for above in _ancestors(line):
        for field_name in table.fields:
            above.values[field_name] = (above.values.get(field_name) or 0) + (
                line.values[field_name] or 0
            )
    return Plant("UNKNOWN_PROJECT", index, line, "name")


def _ancestors(line: LineModel) -> list[LineModel]:
    """The lines above `line`, nearest first."""
    out: list[LineModel] = []
    up = line.parent
    while up is not None:
        out.append(up)
        up = up.parent
    return out


def formula_range(rng, shape, table, index, used, rates) -> Plant:  # type: ignore[no-untyped-def]
    lines = [
        ln for ln in _parents(table)
        if len(ln.children) >= 2 and any(_short_shows(ln, f, how, shape) for f, how in ln.formulas.items())
    ]  # fmt: skip
    line = _choose(rng, lines, used)
    name = rng.choice([f for f, how in line.formulas.items() if _short_shows(line, f, how, shape)])
    line.formulas = {name: "sum_short", **{k: v for k, v in line.formulas.items() if k != name}}
    return Plant("FORMULA_RANGE", index, line, name)


def _short_shows(line: LineModel, name: str, how: str, shape: Shape) -> bool:
    """Whether a SUM leaving out the line's last child leaves out a figure the form shows: a
    blank cell left out changes nothing (docs/formulas.md) and is not the mistake."""
    last = line.children[-1]
    value = last.values.get(name)
    if how != "sum" or value is None:
        return False
    return value != 0 or shape["zeros"] != "blank" or name in last.formulas


PLANTERS: dict[str, Planter] = {
    "SUM_MISMATCH": sum_mismatch,
    "TOTAL_MISMATCH": total_mismatch,
    "RATE_MISMATCH": rate_mismatch,
    "OVER_DISBURSED": over_disbursed,
    "UNALLOCATED_MISMATCH": unallocated_mismatch,
    "UNALLOCATED_NO_REASON": unallocated_no_reason,
    "UNIT_SUSPECT": unit_suspect,
    "NEGATIVE_AMOUNT": negative_amount,
    "UNKNOWN_PROJECT": unknown_project,
    "FORMULA_RANGE": formula_range,
}
