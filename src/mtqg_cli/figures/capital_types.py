"""The summary's figures per capital type and for the whole file: ĐTPT / SN carried by sections
(A. Vốn ĐTPT / B. Vốn SN), and one TOTAL for a file of several tables."""

from __future__ import annotations

from mtqg_cli.form.hierarchy import walk
from mtqg_cli.form.line_figures import effective
from mtqg_cli.form.sections import capital_of, split_summary
from mtqg_cli.model.rates import disbursement_rate
from mtqg_cli.model.report import SummaryEntry
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import MONEY_GROUPS, TOTAL


def with_capital_types(table: Table, entries: list[SummaryEntry]) -> list[SummaryEntry]:
    """Summary entries of a table of one capital type, or split by capital-type sections, with
    the type filled in: a line under "A. Vốn ĐTPT" (or of a table captioned so, or on a sheet
    so named) has its totals as ĐTPT, under "B. Vốn SN" as SN, and the table's TOTAL adds up
    each section. Tables with ĐTPT/SN columns are left as they are."""
    if any(table.has(f"{g}.{k}") for g in MONEY_GROUPS for k in ("dtpt", "sn")):
        return entries
    by_row = {line.row: line for line in walk(table.root) if line.row}
    sections = {kind: _section_total(table, kind) for kind in ("dtpt", "sn")}
    if all(v is None for s in sections.values() for v in (s or {}).values()):
        if table.capital is None:
            return entries
        sections = {kind: None for kind in ("dtpt", "sn")}
    for entry in entries:
        if entry.project == TOTAL and table.capital is None:
            for group in MONEY_GROUPS:
                triple = getattr(entry, group)
                for kind in ("dtpt", "sn"):
                    figures = sections[kind]
                    setattr(triple, kind, figures.get(group) if figures else None)
            _rates(entry)
            continue
        line = by_row.get(entry.row or -1) if entry.project != TOTAL else None
        capital = (capital_of(line) if line is not None else None) or table.capital
        if capital is None:
            continue
        for group in MONEY_GROUPS:
            triple = getattr(entry, group)
            setattr(triple, capital, triple.total)
        setattr(entry.rate, capital, entry.rate.total)
    return entries


def with_file_total(tables: list[Table], entries: list[SummaryEntry]) -> list[SummaryEntry]:
    """The entries with one TOTAL for the file: of its one table, of its summary sheet (whose
    detail sheets it sums up), or else every table's added up (tables stacked on a sheet, one
    sheet per capital type or per unit)."""
    totals = [e for e in entries if e.project == TOTAL]
    if len(totals) < 2:
        return entries
    split = split_summary(tables)
    if split is not None:
        names = {t.sheet for t in split[0]}
        totals = [e for e in totals if e.sheet in names]
    kept = [e for e in entries if e.project != TOTAL]
    return [*kept, totals[0] if len(totals) == 1 else _added_up(totals)]


def _added_up(totals: list[SummaryEntry]) -> SummaryEntry:
    """One TOTAL adding up several tables' TOTALs, per group and capital type."""
    entry = SummaryEntry(project=TOTAL, name=totals[0].name, sheet=totals[0].sheet)
    for group in MONEY_GROUPS:
        for kind in ("dtpt", "sn", "total"):
            values = [getattr(getattr(t, group), kind) for t in totals]
            known = [v for v in values if v is not None]
            setattr(getattr(entry, group), kind, sum(known) if known else None)
    unallocated = [t.unallocated for t in totals if t.unallocated is not None]
    entry.unallocated = sum(unallocated) if unallocated else None
    reasons = [t.unallocated_reason for t in totals if t.unallocated_reason]
    entry.unallocated_reason = "; ".join(reasons) if entry.unallocated and reasons else None
    _rates(entry)
    return entry


def _section_total(table: Table, kind: str) -> dict[str, int | None] | None:
    """Each group's total over the sections of one capital type (None: no such section)."""
    sections = [
        line
        for line in walk(table.root)
        if line.kind == "section" and capital_of(line) == kind and not _in_section(line)
    ]
    if not sections:
        return None
    figures: dict[str, int | None] = {}
    for group in MONEY_GROUPS:
        values = [effective(s, f"{group}.total") for s in sections]
        known = [v for v in values if v is not None]
        figures[group] = sum(known) if known else None
    return figures


def _in_section(line: Line) -> bool:
    parent = line.parent
    while parent is not None:
        if parent.kind == "section":
            return True
        parent = parent.parent
    return False


def _rates(entry: SummaryEntry) -> None:
    """The ĐTPT and SN rates of an entry (and the total's where it has none) from its figures."""
    for kind in ("dtpt", "sn", "total"):
        if kind == "total" and entry.rate.total is not None:
            continue
        plan = getattr(entry.plan, kind) or 0  # with no plan, the carried-over money is the base
        rate = disbursement_rate(
            getattr(entry.disbursed, kind), plan, getattr(entry.carried_over, kind)
        )
        setattr(entry.rate, kind, rate)
