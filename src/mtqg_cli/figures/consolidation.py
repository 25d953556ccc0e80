"""Consolidation: every unit's project figures added up per project code, each unit's beside them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:  # numpy only when something is consolidated: `mtqg --help` does not pay for it
    from mtqg_cli.figures.unit_sums import Figure, Row, Sums

SUMMED = ("plan", "carried_over", "disbursed")


# An entry's figures, flat: each summed group's dtpt, sn and total, then the unallocated money.
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
    table = _Table(every, changed)
    kept = [index for index, part in enumerate(every) if part.file.path not in skipped]
    return Consolidation(
        units_included=len(kept),
        excluded=excluded,
        lines=table.lines(kept),
        left_out=resubmitted,
        corrections=corrections,
        files=_file_figures(files, table, skipped, corrections),
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


class _Table:
    """Every unit's entries, one row per entry and code it counts under (a top-level line also
    counts under TOTAL; a unit without one, its stated total, or else nothing), their figures
    as columns, added up per unit and code."""

    def __init__(self, parts: list[UnitPart], changed: Changed) -> None:
        import numpy as np

        from mtqg_cli.figures.unit_sums import Columns, rates

        self.parts = parts
        owners: list[int] = []
        codes: list[str] = []
        self.entries: list[SummaryEntry | None] = []
        for index, part in enumerate(parts):
            tops: list[SummaryEntry] = []
            stated: list[SummaryEntry] = []
            for entry in part.entries:
                code = entry.project
                if code == TOTAL:
                    stated.append(entry)
                    continue
                owners.append(index)
                codes.append(code)
                self.entries.append(entry)
                if "." not in code:
                    tops.append(entry)
            counted: list[SummaryEntry | None] = [*(tops or stated)] or [None]
            owners += [index] * len(counted)
            codes += [TOTAL] * len(counted)
            self.entries += counted
        self.raw = [_EMPTY if e is None else _ROW(e) for e in self.entries]
        self.columns = Columns(self.raw, _WIDTH)
        self.flags = np.array(
            [
                e is not None and (p.file.path, e.sheet, e.row, e.project) in changed
                for e, p in zip(self.entries, (parts[i] for i in owners), strict=True)
            ]
            if changed
            else np.zeros(len(owners), dtype=bool),
            dtype=bool,
        )
        found: dict[str, int] = {}
        ids = [found.setdefault(code, len(found)) for code in codes]
        self.codes: list[str] = list(found)
        self.owner = np.array(owners, dtype=np.int64)
        self.code = np.array(ids, dtype=np.int64)
        every = np.arange(len(owners))
        width = max(len(self.codes), 1)
        self.units = self.columns.sums(self.owner * width + self.code, every, self.flags)
        self.flagged: list[bool] = self.units.flagged.tolist()
        self.unit_part: list[int] = (self.units.keys // width).tolist()
        self.unit_first: list[int] = self.units.first.tolist()
        self.unit_size: list[int] = self.units.size.tolist()
        self.unit_fractional: list[bool] = self.units.fractional.tolist()
        self.unit_rate = rates(self.units, _DISBURSED + 2, _PLAN + 2, _CARRIED + 2)

    def lines(self, kept: list[int]) -> list[ConsolidatedLine]:
        """The consolidated lines of the units kept: catalog order, then unknown codes, then
        TOTAL; each with its units in order."""
        import numpy as np

        counted = np.zeros(len(self.parts), dtype=bool)
        counted[kept] = True
        rows = np.flatnonzero(counted[self.owner])
        sums = self.columns.sums(self.code[rows], rows, self.flags)
        width = max(len(self.codes), 1)
        members = np.flatnonzero(counted[self.units.keys // width])
        of_code = self.units.keys[members] % width
        ordered = np.argsort(of_code, kind="stable")  # each code's units, in unit order
        starts = np.flatnonzero(np.diff(of_code[ordered])) + 1
        groups = np.split(members[ordered], starts) if len(members) else []
        found = dict(
            zip((self.codes[k] for k in sums.keys.tolist()), range(len(groups)), strict=True)
        )
        order = {code: index for index, code in enumerate(load_catalog().items)}
        codes = sorted((c for c in found if c != TOTAL), key=lambda c: (order.get(c, 10**6), c))
        return [
            self._line(code, sums, found[code], groups[found[code]].tolist())
            for code in [*codes, TOTAL]
            if code in found
        ]

    def _line(self, code: str, sums: Sums, index: int, members: list[int]) -> ConsolidatedLine:
        item = load_catalog().get(code)
        first = self.entries[int(sums.first[index])]
        name = item.name if item else (TOTAL_NAME if code == TOTAL else first.name if first else "")
        row = sums.rows[index]
        plan, carried, disbursed = (_triple(row, start) for start in (_PLAN, _CARRIED, _DISBURSED))
        flagged = self.flagged
        return assemble(
            ConsolidatedLine,
            {
                "project": code,
                "name": name,
                "plan": plan,
                "carried_over": carried,
                "disbursed": disbursed,
                "rate": _rates(row),
                "unallocated": row[_UNALLOCATED],
                "units": [self._unit(group, flagged[group]) for group in members],
                "corrected": any(flagged[group] for group in members),
            },
        )

    def _unit(self, group: int, fixed: bool) -> UnitFigures:
        """One unit's share of a line: its figures added up, its rate from its line as read
        when it has only one (which differs from the sums' only where a figure has a fraction)."""
        row = self.units.rows[group]
        rate = self.unit_rate[group]
        if self.unit_size[group] == 1 and self.unit_fractional[group]:
            raw = self.raw[self.unit_first[group]]
            rate = disbursement_rate(raw[_DISBURSED + 2], raw[_PLAN + 2], raw[_CARRIED + 2])
        part = self.parts[self.unit_part[group]]
        return assemble(
            UnitFigures,
            {
                "unit": part.unit,
                "path": part.file.path,
                "status": part.file.status,
                "plan": row[_PLAN + 2],
                "disbursed": row[_DISBURSED + 2],
                "rate": rate,
                "corrected": fixed,
            },
        )

    def totals(self) -> dict[int, Row]:
        """Each file's TOTAL figures added up over its units (skipped or not), by the file's id."""
        import numpy as np

        if TOTAL not in self.codes:
            return {}
        rows = np.flatnonzero(self.code == self.codes.index(TOTAL))
        files: dict[int, int] = {}
        place = np.array([files.setdefault(id(p.file), len(files)) for p in self.parts])
        sums = self.columns.sums(place[self.owner[rows]], rows, self.flags)
        by_id = {v: k for k, v in files.items()}
        return {by_id[k]: row for k, row in zip(sums.keys.tolist(), sums.rows, strict=True)}


def _file_figures(
    files: list[FileReport], table: _Table, skipped: set[str], corrections: list[Correction]
) -> list[FileFigures]:
    """Each readable file's figure: what its units add to the province's TOTAL line; beside it
    the total the form states, where that differs."""
    totals = table.totals()
    fixed: dict[str, set[str | None]] = {}
    for correction in corrections:
        fixed.setdefault(correction.path, set()).add(correction.finding)
    figures = []
    for file in files:
        if file.status == "error":
            continue
        row = totals.get(id(file), _EMPTY)
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
                corrected=len(fixed.get(file.path, ())),
            )
        )
    return figures


def _int(value: Figure) -> int | None:
    return None if value is None else int(value)


def _triple(row: Row, start: int) -> Triple:
    return assemble(Triple, {"dtpt": row[start], "sn": row[start + 1], "total": row[start + 2]})


def _rates(sums: Row) -> Triple:
    """Each capital type's rate, from the line's plan, carried-over and disbursed sums."""
    rates = [
        disbursement_rate(sums[_DISBURSED + kind], sums[kind], sums[_CARRIED + kind])
        for kind in range(3)
    ]
    return assemble(Triple, {"dtpt": rates[0], "sn": rates[1], "total": rates[2]})
