"""The quarterly-meeting workbook: overview, findings, consolidated figures with formulas, units."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from xlsxwriter.utility import (  # type: ignore[import-untyped,unused-ignore]
    quote_sheetname,
    xl_rowcol_to_cell,
)

from mtqg_cli.figures.notes import consolidation_notes
from mtqg_cli.figures.overview import SEVERITIES, file_lines, worst_first
from mtqg_cli.files import write_file_atomically
from mtqg_cli.form.blank import BLANK
from mtqg_cli.model.rates import computed_rate
from mtqg_cli.model.report import ConsolidatedLine, Consolidation, FileReport, Report
from mtqg_cli.model.vocabulary import STATUSES, TOTAL, Severity, Unit
from mtqg_cli.report import xlsx_explained
from mtqg_cli.report.xlsx_charts import charts, short_name
from mtqg_cli.report.xlsx_sheet import HEAD, Book, Number, Sheet

Getter = Callable[[ConsolidatedLine], Number]


def write_xlsx_report(
    report: Report,
    target: Path,
    *,
    lang: str = "vi",
    display_unit: Unit | None = None,
    inputs: list[Path],
) -> None:
    """Write the meeting workbook to `target` through a temporary file; never over an input,
    never through a link out of the output's folder."""
    sources = [*inputs, *(Path(f.path) for f in report.files)]

    def fill(tmp: Path) -> None:
        book = Book(tmp, lang, display_unit or Unit.trieu_dong)
        _fill(book, report)
        book.wb.close()

    write_file_atomically(target, fill, inputs=sources)


def _fill(book: Book, report: Report) -> None:
    files = worst_first(report.files)
    _overview(book, files, report.consolidated)
    _findings(book, files)
    note, excluded = "", []
    if report.consolidated is not None:
        lines = list(report.consolidated.lines)
        note = book.words["units"].format(n=report.consolidated.units_included)
        excluded = report.consolidated.excluded
    else:  # one file: its own lines, as the consolidation would give them
        fields = set(ConsolidatedLine.model_fields)
        lines = [
            ConsolidatedLine.model_validate(e.model_dump(include=fields))
            for f in report.files
            for e in f.summary
        ]
    notes = (
        consolidation_notes(report.consolidated, book.lang, book.amount)
        if report.consolidated is not None
        else []
    )
    rates = _consolidated(book, lines, note, excluded, notes)
    if any(line.units for line in lines):
        _by_unit(book, lines)
    if rates:
        charts(book, lines, rates)


def _overview(book: Book, files: list[FileReport], consolidated: Consolidation | None) -> None:
    tally = {s: sum(f.status == s for f in files) for s in STATUSES}
    note = book.words["counts"].format(n=len(files), **tally)
    sheet = Sheet(book, 0, book.list("overview"), {0: 45, 1: 30, 9: 60}, note)
    status = dict(zip(STATUSES, book.list("status"), strict=True))
    status[BLANK] = book.words["blank"]
    for row, line in enumerate(file_lines(files, consolidated, book.lang, book.amount), HEAD + 1):
        file, shown = line.file, line.status
        counts = [("count", n) for n in line.counts.values()]
        figures = [("amount", line.plan), ("amount", line.disbursed), ("rate", line.rate)]
        sheet.row(row, [
            ("text", file.path), ("text", file.reporting_name),
            (shown, status[shown]), *counts, *figures,
            ("wrap", file.error or "; ".join(line.notes)),
        ])  # fmt: skip
    sheet.rate_colours(HEAD + 1, HEAD + len(files), 8)
    sheet.finish(HEAD + len(files))


def _findings(book: Book, files: list[FileReport]) -> None:
    explained = xlsx_explained.any_explained(files)
    heads = book.list("findings") + (book.list("findings.causes") if explained else [])
    note = xlsx_explained.counts_note(files, book.words["cascade"])
    sheet = Sheet(book, 1, heads, {0: 32, 1: 24, 7: 70, 13: 50}, note)
    words = dict(zip(SEVERITIES, book.list("severity"), strict=True))
    colour = dict(zip(SEVERITIES, ("error", "findings", "ok"), strict=True))
    row = HEAD
    for file in files:
        for placed in xlsx_explained.in_order(file, explained):
            f, row = placed.finding, row + 1
            level = Severity(f.severity).value
            kind = "percent" if (f.column or "").startswith("rate.") else "amount"
            sheet.row(row, [
                ("text", file.path), ("text", f.unit or file.reporting_name),
                ("text", f.sheet), ("text", f.cell), xlsx_explained.rule_cell(placed),
                (colour[level], words[level]), ("text", f.project), ("wrap", f.message),
                (kind, f.expected), (kind, f.actual), (kind, f.difference),
                *(xlsx_explained.cause_cells(placed) if explained else []),
            ])  # fmt: skip
    sheet.finish(row)


def _consolidated(
    book: Book, lines: list[ConsolidatedLine], note: str, excluded: list[str], notes: list[str]
) -> dict[str, tuple[str, Number]]:
    """Figures per project, TOTAL first as formulas; returns each code's rate cell and value."""
    words = book.list("consolidated")
    columns: list[tuple[str, Getter]] = [
        (words[2], lambda x: x.plan.dtpt), (words[3], lambda x: x.plan.sn),
        (words[4], lambda x: x.plan.total), (words[5], lambda x: x.carried_over.total),
        (words[6], lambda x: x.disbursed.total), (words[8], lambda x: x.unallocated),
    ]  # fmt: skip
    if not any(x.carried_over.total for x in lines):
        del columns[3]
    rate_col = len(columns) + 1  # between disbursed and unallocated
    heads = [*words[:2], *(head for head, _ in columns[:-1]), words[7], words[8]]
    sheet = Sheet(book, 2, heads, {1: 60}, note)
    total = next((x for x in lines if x.project == TOTAL), None)
    body = [x for x in lines if x.project != TOTAL]
    tops = [x for x in body if "." not in x.project]
    source = tops or ([total] if total else [])  # no project rows: the form's total as it is
    sums = [_sum([get(x) for x in source]) for _, get in columns]
    stated = total is not None and any(
        v is not None and s is not None and s != v
        for s, v in zip(sums, _values(total, columns), strict=True)
    )  # the form's own total differs from its projects: show both
    first = HEAD + 1 + (total is not None) + stated
    rates: dict[str, tuple[str, Number]] = {}
    for row, line in enumerate(body, first):
        rates.setdefault(line.project, (_ref(sheet.name, row, rate_col), line.rate.total))
        cells = [("amount", v) for v in _values(line, columns)]
        cells.insert(rate_col - 2, ("rate", line.rate.total))
        name = ("name" + str(min(line.project.count("."), 3)), line.name)
        code = line.project + (" *" if line.corrected else "")
        sheet.row(row, [("text", code), name, *cells], bold="." not in line.project)
    if total is not None:
        top_rows = [r for r, x in enumerate(body, first) if "." not in x.project]
        rate = _total_row(sheet, top_rows, sums, rate_col)
        rates[TOTAL] = (_ref(sheet.name, HEAD + 1, rate_col), rate)
        if stated:
            cells = [("amount", v) for v in _values(total, columns)]
            cells.insert(rate_col - 2, ("rate", total.rate.total))
            sheet.row(HEAD + 2, [("text", ""), ("wrap", book.words["stated"]), *cells])
    last = first + len(body) - 1
    sheet.rate_colours(HEAD + 1, max(last, HEAD + 1), rate_col)
    if excluded:
        more = f", … (+{len(excluded) - 20})" if len(excluded) > 20 else ""
        text = book.words["excluded"].format(files=", ".join(excluded[:20]) + more)
        sheet.ws.write_string(last + 2, 0, text, book.fmt("note"))  # starts with our words
    for offset, text in enumerate(notes, last + 2 + bool(excluded)):
        sheet.ws.write_string(offset, 0, text, book.fmt("note"))  # starts with our words
    sheet.finish(last, filters=False)
    return rates


def _values(line: ConsolidatedLine, columns: list[tuple[str, Getter]]) -> list[Number]:
    return [get(line) for _, get in columns]


def _sum(values: list[Number]) -> int | None:
    known = [int(v) for v in values if v is not None]
    return sum(known) if known else None


def _ref(sheet: str, row: int, col: int) -> str:
    """A formula bringing a rate from another sheet, blank when it has none."""
    cell = f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, col, True, True)}"
    return f'=IF(ISNUMBER({cell}),{cell},"")'


def _total_row(sheet: Sheet, top_rows: list[int], sums: list[int | None], rate_col: int) -> Number:
    """TOTAL as SUM formulas over the top-level rows, cached with their values; returns the rate."""
    row, book = HEAD + 1, sheet.book
    sheet.row(row, [("text", ""), ("name0", book.words["total"])], bold=True)
    cols = [*range(2, rate_col), rate_col + 1]
    for col, value in zip(cols, sums, strict=True):
        if value is None or not top_rows:
            sheet.number(row, col, value, "amount", bold=True)
            continue
        refs = [xl_rowcol_to_cell(r, col) for r in top_rows]
        chunks = [f"SUM({','.join(refs[i : i + 200])})" for i in range(0, len(refs), 200)]
        formula = "=" + chunks[0] if len(chunks) == 1 else f"=SUM({','.join(chunks)})"
        sheet.ws.write_formula(row, col, formula, book.fmt("amount", True), value / book.unit.size)
    base_cols = cols[2:-2]  # plan total, and carried over when the forms have it
    base = ",".join(xl_rowcol_to_cell(row, c) for c in base_cols)
    spent = xl_rowcol_to_cell(row, rate_col - 1)
    rate = computed_rate(sums[rate_col - 3], sum(sums[c - 2] or 0 for c in base_cols))
    rate = None if rate is None else round(rate, 2)
    formula = f'=IF(SUM({base})=0,"",ROUND({spent}/SUM({base})*100,2))'
    sheet.ws.write_formula(
        row, rate_col, formula, book.fmt("rate", True), "" if rate is None else rate
    )
    return rate


def _by_unit(book: Book, lines: list[ConsolidatedLine]) -> None:
    """Every unit's plan, disbursed and rate for each project, beside the overall rate."""
    sheet = Sheet(book, 3, book.list("by_unit"), {1: 30, 2: 24, 3: 32})
    status = dict(zip(STATUSES, book.list("status"), strict=True))
    row = HEAD
    for line in sorted(lines, key=lambda x: x.project != TOTAL):
        overall, label = line.rate.total, short_name(line.name, line.name)
        for unit in (u for u in line.units if u.plan or u.disbursed):
            row += 1
            gap = None if unit.rate is None or overall is None else round(unit.rate - overall, 2)
            sheet.row(row, [
                ("text", "" if line.project == TOTAL else line.project),
                ("text", book.words["total"] if line.project == TOTAL else label),
                ("text", unit.unit + (" *" if unit.corrected else "")), ("text", unit.path),
                (unit.status, status[unit.status]),
                ("amount", unit.plan), ("amount", unit.disbursed), ("rate", unit.rate),
                ("rate", overall), ("rate", gap),
            ])  # fmt: skip
    sheet.rate_colours(HEAD + 1, row, 7)
    sheet.finish(row)
