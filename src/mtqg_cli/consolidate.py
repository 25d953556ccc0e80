"""Consolidation: every unit's project figures added up per project code, each unit's beside them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
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

Figure = int | float | None
Row = tuple[Figure, ...]
"""An entry's figures, flat: each summed group's dtpt, sn and total, then the unallocated money."""

_ROW: attrgetter[Row] = attrgetter(
    *(f"{group}.{kind}" for group in SUMMED for kind in ("dtpt", "sn", "total")), "unallocated"
)
_WIDTH = 3 * len(SUMMED) + 1
_EMPTY: Row = (None,) * _WIDTH
_PLAN, _CARRIED, _DISBURSED, _UNALLOCATED = 0, 3, 6, 9  # where each group starts in a Row


@dataclass
class UnitPart:
    """The entries of one unit: a whole file, or one roman-numbered section of a sheet."""

    unit: str
    file: FileReport
    entries: list[SummaryEntry] = field(default_factory=list)

    def figures(self) -> dict[str, list[SummaryEntry]]:
        """The unit's entries per project code; TOTAL holds its top-level lines, or else the
        total it states (an empty list when it has neither)."""
        by_code: dict[str, list[SummaryEntry]] = {}
        tops: list[SummaryEntry] = []
        for entry in self.entries:
            code = entry.project
            same = by_code.get(code)
            if same is None:
                by_code[code] = [entry]
            else:
                same.append(entry)
            if "." not in code and code != TOTAL:
                tops.append(entry)
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
            unit = entry.unit or ""
            part = by_unit.get(unit)
            if part is None:
                part = by_unit[unit] = UnitPart(unit, file)
            part.entries.append(entry)
        parts.extend(by_unit.values())
    return parts


Member = tuple[UnitPart, Row]
"""One unit's share of a project line: the unit and its figures."""


def consolidate(files: list[FileReport], *, exclude_errors: bool = False) -> Consolidation:
    """Add up per project code over every unit kept; list what was left out and why."""
    excluded = [f.path for f in files if f.status == "error"]
    if exclude_errors:
        excluded += [f.path for f in files if f.status == "findings"]
    left_out = set(excluded)
    parts = [p for p in unit_parts(files) if p.file.path not in left_out]
    grouped, names = _group(parts)
    order = {code: index for index, code in enumerate(load_catalog().items)}
    codes = sorted((c for c in grouped if c != TOTAL), key=lambda c: (order.get(c, 10**6), c))
    lines = [_line(code, names[code], grouped[code]) for code in [*codes, TOTAL] if code in grouped]
    return Consolidation(units_included=len(parts), excluded=excluded, lines=lines)


def _group(parts: list[UnitPart]) -> tuple[dict[str, list[Member]], dict[str, str]]:
    """Every unit's figures per project code, in unit order; and each code's name as the first
    unit writes it."""
    grouped: dict[str, list[Member]] = {}
    names: dict[str, str] = {}
    for part in parts:
        for code, entries in part.figures().items():
            members = grouped.get(code)
            if members is None:
                members = grouped[code] = []
                names[code] = entries[0].name if entries else ""
            members.append((part, _part_row(entries)))
    return grouped, names


def _part_row(entries: list[SummaryEntry]) -> Row:
    """One unit's figures for a code: its line as read when it has one (the usual case), else
    its lines added up in integer đồng."""
    if len(entries) == 1:
        return _ROW(entries[0])
    return _sum_rows(map(_ROW, entries))


def _sum_rows(rows: Iterable[Row]) -> Row:
    """Column sums in integer đồng; a column with no figure at all stays None."""
    return tuple(map(_sum, zip(*rows, strict=True))) or _EMPTY


def _sum(values: Iterable[Figure]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(map(int, known)) if known else None


def _line(code: str, first_name: str, members: list[Member]) -> ConsolidatedLine:
    item = load_catalog().get(code)
    name = item.name if item else ("Tổng cộng" if code == TOTAL else first_name)
    sums = _sum_rows(row for _, row in members)
    plan, carried, disbursed = (_triple(sums, start) for start in (_PLAN, _CARRIED, _DISBURSED))
    return assemble(
        ConsolidatedLine,
        {
            "project": code,
            "name": name,
            "plan": plan,
            "carried_over": carried,
            "disbursed": disbursed,
            "rate": _rates(sums),
            "unallocated": sums[_UNALLOCATED],
            "units": [_unit_figures(part, row) for part, row in members],
        },
    )


def _triple(row: Row, start: int) -> Triple:
    return assemble(Triple, {"dtpt": row[start], "sn": row[start + 1], "total": row[start + 2]})


def _rates(sums: Row) -> Triple:
    """Each capital type's rate, from the line's plan, carried-over and disbursed sums."""
    rates = [_rate(sums[kind], sums[_CARRIED + kind], sums[_DISBURSED + kind]) for kind in range(3)]
    return assemble(Triple, {"dtpt": rates[0], "sn": rates[1], "total": rates[2]})


def _unit_figures(part: UnitPart, row: Row) -> UnitFigures:
    plan, disbursed = row[_PLAN + 2], row[_DISBURSED + 2]
    return assemble(
        UnitFigures,
        {
            "unit": part.unit,
            "path": part.file.path,
            "status": part.file.status,
            "plan": None if plan is None else int(plan),
            "disbursed": None if disbursed is None else int(disbursed),
            "rate": _rate(plan, row[_CARRIED + 2], disbursed),
        },
    )


def _rate(plan: Figure, carried: Figure, spent: Figure) -> float | None:
    """Disbursed over plan plus carried-over money, in percent; None on a zero or missing base."""
    if plan is None or spent is None:
        return None
    base = plan + (carried or 0)
    return round(spent * 100 / base, 2) if base else None
