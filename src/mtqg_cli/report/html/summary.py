"""The figures of the HTML report's view: summary per project, each unit's rate, rate charts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from mtqg_cli.figures.notes import consolidation_notes
from mtqg_cli.model.report import ConsolidatedLine, Report, SummaryEntry, Triple
from mtqg_cli.model.vocabulary import TOTAL
from mtqg_cli.report.html.chart import Bar, bar_chart
from mtqg_cli.report.html.parts import Page, num_cell, rate_cell, status_badge
from mtqg_cli.report.html.view import Cell, Chart, Charts, Column, FileTable, Row, Summary, Table

CHART_UNITS = 40
"""The unit chart shows at most this many units: those with the lowest rates."""
Line = SummaryEntry | ConsolidatedLine


def summary_section(report: Report, page: Page) -> Summary:
    """One file: its own lines (with the reasons); several: the consolidation, then each file's."""
    readable = [f for f in report.files if f.status != "error"]
    words = page.words
    batch, consolidated, notes = None, None, []
    if len(report.files) > 1 and report.consolidated is not None:
        cons = report.consolidated
        batch = words["summary.batch"].format(n=cons.units_included)
        consolidated = _lines_table(list(cons.lines), page, "bang-tong-hop")
        if cons.excluded:
            notes.append(words["excluded"].format(files=", ".join(cons.excluded)))
        notes += consolidation_notes(cons, page.lang, page.amount)
        files = [
            FileTable(
                f.reporting_name, f.path, _lines_table(list(f.summary), page, f"bang-tep-{i}"), True
            )
            for i, f in enumerate(readable)
        ]
    else:
        files = [
            FileTable(
                f.reporting_name,
                f.path,
                _lines_table(list(f.summary), page, f"bang-tong-hop-{i}"),
                named=len(readable) > 1,
            )
            for i, f in enumerate(readable)
        ]
    return Summary(
        words["summary"], batch, consolidated, notes, words["summary.of"], files,
        words["by_unit"], _units_table(report, page),
    )  # fmt: skip


def _lines_table(lines: list[Line], page: Page, table_id: str) -> Table:
    heads = page.list("summary.cols")
    split = any(x.plan.dtpt is not None or x.plan.sn is not None for x in lines)
    carried = any(x.carried_over.total for x in lines)
    reasons = any(isinstance(x, SummaryEntry) and x.unallocated_reason for x in lines)
    columns: list[Column] = [Column(heads[0], "text"), Column(heads[1], "text")]
    if split:
        columns += [Column(heads[2], "num"), Column(heads[3], "num")]
    columns.append(Column(heads[4], "num"))
    if carried:
        columns.append(Column(page.words["carried"], "num"))
    columns += [Column(heads[5], "num"), Column(heads[6], "num"), Column(heads[7], "num")]
    if reasons:
        columns.append(Column(heads[8], "text"))
    rows: list[Row] = []
    section: str | None = None
    for line in lines:
        unit = line.unit if isinstance(line, SummaryEntry) else None
        if unit and unit != section:
            section = unit
            rows.append(Row(section=unit))
        rows.append(_line_row(line, page, split=split, carried=carried, reasons=reasons))
    unit = page.words["units"].format(unit=page.unit_name())
    return Table(table_id, columns, rows, caption=unit, cls="summary")


def _line_row(line: Line, page: Page, *, split: bool, carried: bool, reasons: bool) -> Row:
    total = line.project == TOTAL
    depth = 0 if total else line.project.count(".")
    name = page.words["total"] if total else line.name
    cells = [
        Cell("" if total else line.project + _mark(line), "code"),
        Cell(name, f"name d{min(depth, 3)}"),
    ]
    if split:
        cells += [_amount(page, line.plan.dtpt), _amount(page, line.plan.sn)]
    cells.append(_amount(page, line.plan.total))
    if carried:
        cells.append(_amount(page, line.carried_over.total))
    cells += [_amount(page, line.disbursed.total), rate_cell(page, line.rate.total)]
    cells.append(_amount(page, line.unallocated))
    if reasons:
        reason = line.unallocated_reason if isinstance(line, SummaryEntry) else ""
        cells.append(Cell(reason or "", "reason"))
    return Row(cells, "total" if total else f"d{min(depth, 3)}")


def _mark(line: Line) -> str:
    """A consolidated line holding a figure corrected for a unit slip is marked."""
    return " *" if isinstance(line, ConsolidatedLine) and line.corrected else ""


def _amount(page: Page, value: int | float | None) -> Cell:
    return num_cell(page.amount(value), value)


def _units_table(report: Report, page: Page) -> Table | None:
    """Each unit's plan, disbursed and rate beside the whole's, when there are several units."""
    total = _total_line(report)
    if total is None or len(total.units) < 2:
        return None
    heads = page.list("by_unit.cols")
    columns: list[Column] = [
        Column(heads[0], "text"),
        Column(heads[1], "text"),
        Column(heads[2], "text"),
    ]
    columns += [Column(h, "num") for h in heads[3:]]
    rows = []
    for unit in total.units:
        gap = None
        if unit.rate is not None and total.rate.total is not None:
            gap = round(unit.rate - total.rate.total, 2)
        cells = [
            Cell(unit.unit + (" *" if unit.corrected else "")),
            Cell(Path(unit.path).name, "path", title=unit.path),
            Cell(content=status_badge(page, unit.status)),
            _amount(page, unit.plan),
            _amount(page, unit.disbursed),
            rate_cell(page, unit.rate),
            num_cell("" if gap is None else f"{'+' if gap > 0 else ''}{page.rate(gap)}", gap),
        ]
        rows.append(Row(cells))
    caption = page.words["units"].format(unit=page.unit_name())
    return Table("bang-don-vi", columns, rows, caption=caption)


def _total_line(report: Report) -> ConsolidatedLine | None:
    if report.consolidated is None:
        return None
    return next((x for x in report.consolidated.lines if x.project == TOTAL), None)


def _chart_lines(report: Report) -> list[Line]:
    if report.consolidated is not None:
        return list(report.consolidated.lines)
    return [e for f in report.files if f.status != "error" for e in f.summary if not e.unit]


def charts_section(report: Report, page: Page) -> Charts:
    """The rate of each project (and of the whole), and of each unit when there are several."""
    heading = page.words["charts"]
    lines = _chart_lines(report)
    bars = [
        Bar(_short(x.name, x.project), f"{x.project} — {x.name}", _rate(x.rate), False)
        for x in lines
        if "." not in x.project and x.project != TOTAL
    ]
    total = next((x for x in lines if x.project == TOTAL), None)
    if total is not None:
        bars.append(Bar(page.words["total"], page.words["total"], _rate(total.rate), True))
    if not any(b.rate is not None for b in bars):
        return Charts(heading, page.words["chart.none"], [])
    charts = [_chart(page.words["chart.projects"], bars, page, "bieu-do-du-an")]
    consolidated = _total_line(report)
    if consolidated is not None and len(consolidated.units) > 1:
        charts.append(_units_chart(consolidated, page))
    return Charts(heading, None, charts)


def _units_chart(total: ConsolidatedLine, page: Page) -> Chart:
    seen = Counter(u.unit for u in total.units)
    units = [
        Bar(
            u.unit if seen[u.unit] == 1 else f"{u.unit} ({Path(u.path).stem})",
            f"{u.unit} — {u.path}",
            u.rate,
        )
        for u in total.units
        if u.rate is not None
    ]
    title = page.words["chart.units"]
    if len(units) > CHART_UNITS:
        title = page.words["chart.lowest"].format(n=CHART_UNITS)
    units = sorted(units, key=lambda b: b.rate or 0.0)[:CHART_UNITS]  # who is behind
    whole = Bar(page.words["total"], page.words["total"], total.rate.total, True)
    return _chart(
        title, sorted([*units, whole], key=lambda b: b.rate or 0.0), page, "bieu-do-don-vi"
    )


def _chart(title: str, bars: list[Bar], page: Page, chart_id: str) -> Chart:
    legend = list(zip(("low", "mid", "high", "all"), page.list("legend"), strict=True))
    return bar_chart(title, bars, lang=page.lang, chart_id=chart_id, legend=legend)


def _rate(rate: Triple) -> float | None:
    return None if rate.total is None else float(rate.total)


def _short(name: str, code: str) -> str:
    """'Dự án 4: Đầu tư …' → 'Dự án 4'; the code when the name has no such prefix."""
    head = name.split(":")[0].strip()
    return head if ":" in name and 0 < len(head) <= 20 else code
