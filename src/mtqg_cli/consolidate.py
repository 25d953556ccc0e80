"""Consolidation: every unit's project figures added up per project code, each unit's beside them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mtqg_cli.catalog import load_catalog
from mtqg_cli.models import (
    ConsolidatedLine,
    Consolidation,
    FileReport,
    SummaryEntry,
    Triple,
    UnitFigures,
    assemble,
)

TOTAL = "TOTAL"
SUMMED = ("plan", "carried_over", "disbursed")


@dataclass
class UnitPart:
    """The entries of one unit: a whole file, or one roman-numbered section of a sheet."""

    unit: str
    file: FileReport
    entries: list[SummaryEntry] = field(default_factory=list)

    def figures(self) -> dict[str, list[SummaryEntry]]:
        by_code: dict[str, list[SummaryEntry]] = defaultdict(list)
        for entry in self.entries:
            by_code[entry.project].append(entry)
        tops = [e for e in self.entries if "." not in e.project and e.project != TOTAL]
        by_code[TOTAL] = tops or by_code.get(TOTAL, [])  # the unit's lines, not its stated total
        return by_code


def unit_parts(files: list[FileReport]) -> list[UnitPart]:
    """Each readable file is a unit, or each of its sections when it has one per unit."""
    parts: list[UnitPart] = []
    for file in files:
        if file.status == "error":
            continue
        sections = [e for e in file.summary if e.unit]
        if not sections:
            name = file.reporting_unit or Path(file.path).stem
            parts.append(UnitPart(name, file, list(file.summary)))
            continue
        by_unit: dict[str, UnitPart] = {}
        for entry in sections:
            by_unit.setdefault(entry.unit or "", UnitPart(entry.unit or "", file)).entries.append(
                entry
            )
        parts.extend(by_unit.values())
    return parts


def consolidate(files: list[FileReport], *, exclude_errors: bool = False) -> Consolidation:
    """Add up per project code over every unit kept; list what was left out and why."""
    excluded = [f.path for f in files if f.status == "error"]
    if exclude_errors:
        excluded += [f.path for f in files if f.status == "findings"]
    parts = [p for p in unit_parts(files) if p.file.path not in excluded]
    grouped: dict[str, list[tuple[UnitPart, list[SummaryEntry]]]] = defaultdict(list)
    for part in parts:
        for code, entries in part.figures().items():
            grouped[code].append((part, entries))
    order = {code: index for index, code in enumerate(load_catalog().items)}
    codes = sorted((c for c in grouped if c != TOTAL), key=lambda c: (order.get(c, 10**6), c))
    lines = [_line(code, grouped[code]) for code in [*codes, TOTAL] if code in grouped]
    return Consolidation(units_included=len(parts), excluded=excluded, lines=lines)


def _line(code: str, members: list[tuple[UnitPart, list[SummaryEntry]]]) -> ConsolidatedLine:
    item = load_catalog().get(code)
    name = item.name if item else ("Tổng cộng" if code == TOTAL else members[0][1][0].name)
    sums = {group: _sum_triple([e for _, es in members for e in es], group) for group in SUMMED}
    unallocated = _sum([e.unallocated for _, es in members for e in es])
    return ConsolidatedLine(
        project=code,
        name=name,
        plan=sums["plan"],
        carried_over=sums["carried_over"],
        disbursed=sums["disbursed"],
        rate=_rates(sums["plan"], sums["carried_over"], sums["disbursed"]),
        unallocated=unallocated,
        units=[_unit_figures(part, entries) for part, entries in members],
    )


def _unit_figures(part: UnitPart, entries: list[SummaryEntry]) -> UnitFigures:
    if len(entries) == 1:  # the usual case: one line per project per unit
        plan, carried, disbursed = entries[0].plan, entries[0].carried_over, entries[0].disbursed
    else:
        plan = _sum_triple(entries, "plan")
        carried = _sum_triple(entries, "carried_over")
        disbursed = _sum_triple(entries, "disbursed")
    return assemble(
        UnitFigures,
        {
            "unit": part.unit,
            "path": part.file.path,
            "status": part.file.status,
            "plan": _int(plan.total),
            "disbursed": _int(disbursed.total),
            "rate": _rate(plan.total, carried.total, disbursed.total),
        },
    )


def _sum(values: list[int | float | None]) -> int | None:
    known = [int(v) for v in values if v is not None]
    return sum(known) if known else None


def _int(value: int | float | None) -> int | None:
    return None if value is None else int(value)


def _sum_triple(entries: list[SummaryEntry], group: str) -> Triple:
    triples = [getattr(e, group) for e in entries]
    return assemble(
        Triple,
        {
            "dtpt": _sum([t.dtpt for t in triples]),
            "sn": _sum([t.sn for t in triples]),
            "total": _sum([t.total for t in triples]),
        },
    )


def _rates(plan: Triple, carried: Triple, disbursed: Triple) -> Triple:
    return assemble(
        Triple,
        {
            "dtpt": _rate(plan.dtpt, carried.dtpt, disbursed.dtpt),
            "sn": _rate(plan.sn, carried.sn, disbursed.sn),
            "total": _rate(plan.total, carried.total, disbursed.total),
        },
    )


def _rate(
    plan: int | float | None, carried: int | float | None, spent: int | float | None
) -> float | None:
    """Disbursed over plan plus carried-over money, in percent; None on a zero or missing base."""
    if plan is None or spent is None:
        return None
    base = plan + (carried or 0)
    return round(spent * 100 / base, 2) if base else None
