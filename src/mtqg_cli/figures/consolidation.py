"""Consolidation: every unit's project figures added up per project code, each unit's beside them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from mtqg_cli.figures.slips import corrected_summary
from mtqg_cli.form.catalog import load_catalog
from mtqg_cli.model.rates import disbursement_rate
from mtqg_cli.model.report import (
    ConsolidatedLine,
    Consolidation,
    Correction,
    FileFigures,
    FileReport,
    LeftOut,
    SummaryEntry,
    Triple,
    UnitFigures,
)
from mtqg_cli.model.vocabulary import TOTAL, TOTAL_NAME, assemble

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
            name = file.reporting_name
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


Member = tuple[UnitPart, Row, bool]
"""One unit's share of a project line: the unit, its figures, whether a slip was corrected."""
Changed = set[tuple[str, str | None, int | None, str]]
"""The entries a correction changed: path, sheet, row and project code."""


def consolidate(
    files: list[FileReport], *, exclude_errors: bool = False, left_out: Iterable[LeftOut] = ()
) -> Consolidation:
    """Add up per project code over every unit kept, each figure flagged UNIT_SUSPECT divided
    by its factor; list what was left out and why, and each file's figure as counted."""
    excluded = [f.path for f in files if f.status == "error"]
    if exclude_errors:
        excluded += [f.path for f in files if f.status == "findings"]
    resubmitted = list(left_out)
    skipped = {*excluded, *(item.path for item in resubmitted)}
    files, corrections = _corrected(files)
    changed = {(c.path, c.sheet, c.row, c.project) for c in corrections}
    every = unit_parts(files)
    parts = [p for p in every if p.file.path not in skipped]
    grouped, names = _group(parts, changed)
    order = {code: index for index, code in enumerate(load_catalog().items)}
    codes = sorted((c for c in grouped if c != TOTAL), key=lambda c: (order.get(c, 10**6), c))
    lines = [_line(code, names[code], grouped[code]) for code in [*codes, TOTAL] if code in grouped]
    return Consolidation(
        units_included=len(parts),
        excluded=excluded,
        lines=lines,
        left_out=resubmitted,
        corrections=corrections,
        files=_file_figures(files, every, skipped, corrections),
    )


def _corrected(files: list[FileReport]) -> tuple[list[FileReport], list[Correction]]:
    """The files as they enter the consolidation: a file with unit slips as a copy whose
    entries are corrected (the report itself stays as read); and the corrections."""
    entered: list[FileReport] = []
    corrections: list[Correction] = []
    for file in files:
        summary, made = corrected_summary(file) if file.status != "error" else ([], [])
        entered.append(file.model_copy(update={"summary": summary}) if made else file)
        corrections += made
    return entered, corrections


def _group(
    parts: list[UnitPart], changed: Changed
) -> tuple[dict[str, list[Member]], dict[str, str]]:
    """Every unit's figures per project code, in unit order; and each code's name as the first
    unit writes it."""
    grouped: dict[str, list[Member]] = {}
    names: dict[str, str] = {}
    for part in parts:
        path = part.file.path
        for code, entries in part.figures().items():
            members = grouped.get(code)
            if members is None:
                members = grouped[code] = []
                names[code] = entries[0].name if entries else ""
            fixed = any((path, e.sheet, e.row, e.project) in changed for e in entries)
            members.append((part, _part_row(entries), fixed))
    return grouped, names


def _file_figures(
    files: list[FileReport],
    parts: list[UnitPart],
    skipped: set[str],
    corrections: list[Correction],
) -> list[FileFigures]:
    """Each readable file's figure: what its units add to the province's TOTAL line; beside it
    the total the form states, where that differs."""
    figures = []
    for file in files:
        if file.status == "error":
            continue
        rows = [_part_row(p.figures()[TOTAL]) for p in parts if p.file is file]
        row = _sum_rows(rows) if rows else _EMPTY
        plan, disbursed = row[_PLAN + 2], row[_DISBURSED + 2]
        stated = next((e for e in file.summary if e.project == TOTAL), None)
        stated_plan = None if stated is None else _int(stated.plan.total)
        stated_disbursed = None if stated is None else _int(stated.disbursed.total)
        figures.append(
            FileFigures(
                path=file.path,
                unit=file.reporting_name,
                plan=_int(plan),
                disbursed=_int(disbursed),
                rate=disbursement_rate(disbursed, plan, row[_CARRIED + 2]),
                counted=file.path not in skipped,
                stated_plan=stated_plan if stated_plan != _int(plan) else None,
                stated_disbursed=stated_disbursed if stated_disbursed != _int(disbursed) else None,
                corrected=len({c.finding for c in corrections if c.path == file.path}),
            )
        )
    return figures


def _int(value: Figure) -> int | None:
    return None if value is None else int(value)


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
    name = item.name if item else (TOTAL_NAME if code == TOTAL else first_name)
    sums = _sum_rows(row for _, row, _ in members)
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
            "units": [_unit_figures(part, row, fixed) for part, row, fixed in members],
            "corrected": any(fixed for _, _, fixed in members),
        },
    )


def _triple(row: Row, start: int) -> Triple:
    return assemble(Triple, {"dtpt": row[start], "sn": row[start + 1], "total": row[start + 2]})


def _rates(sums: Row) -> Triple:
    """Each capital type's rate, from the line's plan, carried-over and disbursed sums."""
    rates = [
        disbursement_rate(sums[_DISBURSED + kind], sums[kind], sums[_CARRIED + kind])
        for kind in range(3)
    ]
    return assemble(Triple, {"dtpt": rates[0], "sn": rates[1], "total": rates[2]})


def _unit_figures(part: UnitPart, row: Row, fixed: bool) -> UnitFigures:
    plan, disbursed = row[_PLAN + 2], row[_DISBURSED + 2]
    return assemble(
        UnitFigures,
        {
            "unit": part.unit,
            "path": part.file.path,
            "status": part.file.status,
            "plan": None if plan is None else int(plan),
            "disbursed": None if disbursed is None else int(disbursed),
            "rate": disbursement_rate(disbursed, plan, row[_CARRIED + 2]),
            "corrected": fixed,
        },
    )
