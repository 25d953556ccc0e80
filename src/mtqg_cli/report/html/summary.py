"""The figures of the HTML report: summary per project, each unit's rate, and the rate charts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from mtqg_cli.figures.notes import consolidation_notes
from mtqg_cli.model.report import ConsolidatedLine, Report, SummaryEntry, Triple
from mtqg_cli.report.html.chart import Bar, bar_chart
from mtqg_cli.report.html.parts import (
    Column,
    Page,
    esc,
    num_cell,
    rate_cell,
    status_badge,
    table,
    text_cell,
)

TOTAL = "TOTAL"
CHART_UNITS = 40
"""The unit chart shows at most this many units: those with the lowest rates."""
Line = SummaryEntry | ConsolidatedLine


def summary_section(report: Report, page: Page) -> str:
    """One file: its own lines (with the reasons); several: the consolidation, then each file's."""
    readable = [f for f in report.files if f.status != "error"]
    out = [f'<section id="tong-hop"><h2>{esc(page.words["summary"])}</h2>']
    if len(report.files) > 1 and report.consolidated is not None:
        cons = report.consolidated
        out.append(f"<h3>{esc(page.words['summary.batch'].format(n=cons.units_included))}</h3>")
        out.append(_lines_table(list(cons.lines), page, "bang-tong-hop"))
        if cons.excluded:
            files = ", ".join(cons.excluded)
            out.append(f'<p class="note">{esc(page.words["excluded"].format(files=files))}</p>')
        notes = consolidation_notes(cons, page.lang, page.amount)
        out += [f'<p class="note">{esc(note)}</p>' for note in notes]
        if readable:
            out.append(
                f'<details class="per-file"><summary>{esc(page.words["summary.of"])}</summary>'
            )
            for index, file in enumerate(readable):
                out.append(f"<h3>{esc(file.reporting_name)} <small>{esc(file.path)}</small></h3>")
                out.append(_lines_table(list(file.summary), page, f"bang-tep-{index}"))
            out.append("</details>")
    else:
        for index, file in enumerate(readable):
            if len(readable) > 1:
                out.append(f"<h3>{esc(file.reporting_name)}</h3>")
            out.append(_lines_table(list(file.summary), page, f"bang-tong-hop-{index}"))
    out.append(_units_table(report, page))
    out.append("</section>")
    return "".join(out)


def _lines_table(lines: list[Line], page: Page, table_id: str) -> str:
    heads = page.list("summary.cols")
    split = any(x.plan.dtpt is not None or x.plan.sn is not None for x in lines)
    carried = any(x.carried_over.total for x in lines)
    reasons = any(isinstance(x, SummaryEntry) and x.unallocated_reason for x in lines)
    columns: list[Column] = [(heads[0], "text"), (heads[1], "text")]
    if split:
        columns += [(heads[2], "num"), (heads[3], "num")]
    columns.append((heads[4], "num"))
    if carried:
        columns.append((page.words["carried"], "num"))
    columns += [(heads[5], "num"), (heads[6], "num"), (heads[7], "num")]
    if reasons:
        columns.append((heads[8], "text"))
    rows: list[str] = []
    section: str | None = None
    for line in lines:
        unit = line.unit if isinstance(line, SummaryEntry) else None
        if unit and unit != section:
            section = unit
            rows.append(f'<tr class="section"><th colspan="{len(columns)}">{esc(unit)}</th></tr>')
        rows.append(_line_row(line, page, split=split, carried=carried, reasons=reasons))
    unit = page.words["units"].format(unit=page.unit_name())
    return table(columns, rows, table_id=table_id, caption=unit, cls="summary")


def _line_row(line: Line, page: Page, *, split: bool, carried: bool, reasons: bool) -> str:
    total = line.project == TOTAL
    depth = 0 if total else line.project.count(".")
    name = page.words["total"] if total else line.name
    cells = [
        text_cell("" if total else line.project + _mark(line), "code"),
        text_cell(name, f"name d{min(depth, 3)}"),
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
        cells.append(text_cell(reason or "", "reason"))
    kind = "total" if total else f"d{min(depth, 3)}"
    return f'<tr class="{kind}">{"".join(cells)}</tr>'


def _mark(line: Line) -> str:
    """A consolidated line holding a figure corrected for a unit slip is marked."""
    return " *" if isinstance(line, ConsolidatedLine) and line.corrected else ""


def _amount(page: Page, value: int | float | None) -> str:
    return num_cell(page.amount(value), value)


def _units_table(report: Report, page: Page) -> str:
    """Each unit's plan, disbursed and rate beside the whole's, when there are several units."""
    total = _total_line(report)
    if total is None or len(total.units) < 2:
        return ""
    heads = page.list("by_unit.cols")
    columns: list[Column] = [(heads[0], "text"), (heads[1], "text"), (heads[2], "text")]
    columns += [(h, "num") for h in heads[3:]]
    rows = []
    for unit in total.units:
        gap = None
        if unit.rate is not None and total.rate.total is not None:
            gap = round(unit.rate - total.rate.total, 2)
        cells = [
            text_cell(unit.unit + (" *" if unit.corrected else "")),
            text_cell(Path(unit.path).name, "path", title=unit.path),
            text_cell(status_badge(page, unit.status), raw=True),
            _amount(page, unit.plan),
            _amount(page, unit.disbursed),
            rate_cell(page, unit.rate),
            num_cell("" if gap is None else f"{'+' if gap > 0 else ''}{page.rate(gap)}", gap),
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    title = f"<h3>{esc(page.words['by_unit'])}</h3>"
    return title + table(
        columns,
        rows,
        table_id="bang-don-vi",
        caption=page.words["units"].format(unit=page.unit_name()),
    )


def _total_line(report: Report) -> ConsolidatedLine | None:
    if report.consolidated is None:
        return None
    return next((x for x in report.consolidated.lines if x.project == TOTAL), None)


def _chart_lines(report: Report) -> list[Line]:
    if report.consolidated is not None:
        return list(report.consolidated.lines)
    return [e for f in report.files if f.status != "error" for e in f.summary if not e.unit]


def charts_section(report: Report, page: Page) -> str:
    """The rate of each project (and of the whole), and of each unit when there are several."""
    out = [f'<section id="bieu-do"><h2>{esc(page.words["charts"])}</h2>']
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
        out.append(f'<p class="note">{esc(page.words["chart.none"])}</p></section>')
        return "".join(out)
    out.append(_figure(page.words["chart.projects"], bars, page, "bieu-do-du-an"))
    consolidated = _total_line(report)
    if consolidated is not None and len(consolidated.units) > 1:
        out.append(_units_chart(consolidated, page))
    out.append("</section>")
    return "".join(out)


def _units_chart(total: ConsolidatedLine, page: Page) -> str:
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
    return _figure(
        title, sorted([*units, whole], key=lambda b: b.rate or 0.0), page, "bieu-do-don-vi"
    )


def _figure(title: str, bars: list[Bar], page: Page, chart_id: str) -> str:
    svg = bar_chart(title, bars, lang=page.lang, chart_id=chart_id)
    caption = f"<figcaption>{esc(title)}</figcaption>"
    return f'<figure class="chart-box">{caption}{svg}{_legend(page)}</figure>'


def _legend(page: Page) -> str:
    kinds = ("low", "mid", "high", "all")
    items = "".join(
        f'<li><span class="swatch bar-{kind}"></span>{esc(text)}</li>'
        for kind, text in zip(kinds, page.list("legend"), strict=True)
    )
    return f'<ul class="legend">{items}</ul>'


def _rate(rate: Triple) -> float | None:
    return None if rate.total is None else float(rate.total)


def _short(name: str, code: str) -> str:
    """'Dự án 4: Đầu tư …' → 'Dự án 4'; the code when the name has no such prefix."""
    head = name.split(":")[0].strip()
    return head if ":" in name and 0 < len(head) <= 20 else code
