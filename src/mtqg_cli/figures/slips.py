"""Unit slips out of a batch's figures: a figure flagged UNIT_SUSPECT, divided by its factor."""

from __future__ import annotations

from collections.abc import Iterator

from mtqg_cli.model.report import Correction, FileReport, Finding, SummaryEntry, Triple
from mtqg_cli.model.vocabulary import MONEY_GROUPS, TOTAL, slip_factor


def corrected_summary(file: FileReport) -> tuple[list[SummaryEntry], list[Correction]]:
    """The file's summary entries with every unit slip corrected (copies; the report is left
    as read), and the corrections made: each flagged figure, and each line of the same sheet
    and unit above it (the TOTAL too) whose figure added the slip in."""
    flagged = [f for f in file.findings if f.rule == "UNIT_SUSPECT" and not f.waived]
    slips = _roots(flagged)
    if not slips:
        return list(file.summary), []
    entries = [entry.model_copy(deep=True) for entry in file.summary]
    corrections: list[Correction] = []
    for finding in sorted(slips, key=lambda f: not (f.column or "").endswith(".total")):
        corrections.extend(_correct(file, entries, finding))
    return entries, corrections


def _roots(flagged: list[Finding]) -> list[Finding]:
    """The slips typed as such: a sum flagged only because it adds a slip below it (its
    finding caused by that slip's) is corrected by taking the slip's excess out, not divided."""
    ids = {f.id for f in flagged if f.id is not None}
    return [f for f in flagged if f.caused_by is None or f.caused_by not in ids]


def _correct(
    file: FileReport, entries: list[SummaryEntry], finding: Finding
) -> Iterator[Correction]:
    """Correct one slip in `entries`, yielding what was changed. A group's total is corrected
    before its capital types, so a total flagged with them is not counted twice."""
    entry = _flagged_entry(entries, finding)
    factor, typed, column = _factor(finding), finding.actual, finding.column
    if factor is None or column is None or not isinstance(typed, int):
        return
    if entry is not None and _get(entry, column) != typed:
        return  # the entry shows another figure than the one flagged: leave it as read
    entered = typed // factor if typed % factor == 0 else round(typed / factor)
    delta = typed - entered
    if entry is None:  # a line with no project code: only the lines that added it in
        above = [e for e in entries if e.sheet == finding.sheet]
        above = [e for e in above if e.unit == finding.unit or e.project == TOTAL]
        targets = [(up, name, "sum") for up in above for name in _fields(finding)]
    else:
        targets = [(entry, column, "slip")]
        targets += [(entry, name, "sum") for name in _totals_of(column)]
        targets += [(up, name, "sum") for up in _above(entries, entry) for name in _fields(finding)]
    for target, name, kind in targets:
        value = _get(target, name)
        if value is None or value < typed:
            continue  # a figure that does not hold the slip (stated apart from it)
        _set(target, name, value - delta)
        yield Correction(
            path=file.path,
            unit=target.unit or file.reporting_unit or "",
            sheet=target.sheet,
            row=target.row,
            project=target.project,
            field=name,
            typed=value,
            entered=value - delta,
            factor=factor,
            kind=kind,
            finding=finding.id,
        )


def _flagged_entry(entries: list[SummaryEntry], finding: Finding) -> SummaryEntry | None:
    """The entry of the flagged line: same sheet, section and row (or project code)."""
    same = [e for e in entries if e.sheet == finding.sheet and e.unit == finding.unit]
    by_row = [e for e in same if e.row is not None and e.row == finding.row]
    if by_row:
        return by_row[0]
    by_code = [e for e in same if finding.project and e.project == finding.project]
    return by_code[0] if len(by_code) == 1 else None


def _factor(finding: Finding) -> int | None:
    """The factor the finding names: typed over suggested, 1.000 or 1.000.000."""
    typed, suggested = finding.actual, finding.expected
    if not isinstance(typed, int) or not suggested or suggested <= 0:
        return None
    return slip_factor(typed, suggested)


def _above(entries: list[SummaryEntry], entry: SummaryEntry) -> list[SummaryEntry]:
    """The entries of the lines above `entry` on its sheet and section: the codes it extends,
    and the sheet's TOTAL (which has no section)."""
    code = entry.project
    prefixes = {code[:i] for i, char in enumerate(code) if char == "."}
    return [
        e
        for e in entries
        if e.sheet == entry.sheet
        and e is not entry
        and ((e.project in prefixes and e.unit == entry.unit) or e.project == TOTAL)
    ]


def _fields(finding: Finding) -> list[str]:
    column = finding.column or ""
    return [column, *_totals_of(column)]


def _totals_of(name: str) -> list[str]:
    """The group's total, for a capital type's figure (which the total, left blank, adds in)."""
    group, _, kind = name.partition(".")
    return [f"{group}.total"] if kind in ("dtpt", "sn") else []


def _get(entry: SummaryEntry, name: str) -> int | None:
    group, _, kind = name.partition(".")
    if group == "unallocated":
        return entry.unallocated if kind == "total" else None
    triple = getattr(entry, group, None)
    value = getattr(triple, kind, None) if isinstance(triple, Triple) else None
    return int(value) if isinstance(value, int | float) else None


def _set(entry: SummaryEntry, name: str, value: int) -> None:
    group, _, kind = name.partition(".")
    if group == "unallocated":
        entry.unallocated = value
    elif group in MONEY_GROUPS:
        setattr(getattr(entry, group), kind, value)
