"""The quarterly-meeting workbook: overview, findings, consolidated figures with formulas, charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped,unused-ignore]
from xlsxwriter.utility import (  # type: ignore[import-untyped,unused-ignore]
    quote_sheetname,
    xl_rowcol_to_cell,
)

from mtqg_cli.figures.notes import consolidation_notes, figures_of, file_notes
from mtqg_cli.files import write_file_atomically
from mtqg_cli.form.blank import BLANK, shown_status
from mtqg_cli.form.numbers import UNIT_DECIMALS, computed_rate, format_amount
from mtqg_cli.model.report import ConsolidatedLine, Consolidation, FileReport, Report
from mtqg_cli.model.vocabulary import Severity, Unit
from mtqg_cli.report import xlsx_explained
from mtqg_cli.report.encoding import safe_text
from mtqg_cli.words.messages import unit_name

TOTAL = "TOTAL"
HEAD = 3  # 0-based header row of every sheet: a title, a line of context and a blank row first
CHART_UNITS = 40  # the unit chart shows at most this many units, the lowest rates
Number = int | float | None
Cell = tuple[str, object]  # (style, value): amount/rate/percent/count are numbers, others text
Getter = Callable[[ConsolidatedLine], Number]
Bar = tuple[str, str, Number, bool]  # label, formula to the rate (or none), rate, overall
NUMERIC = ("amount", "rate", "percent", "count")
NARROW = dict.fromkeys(" il.,:;'|!", 0.45) | dict.fromkeys("tfrj()[]-/", 0.65)

WORDS: dict[str, dict[str, str]] = {  # lists are "|"-separated
    "vi": {
        "sheets": "Tổng quan|Sai lệch|Tổng hợp|Theo đơn vị|Biểu đồ",
        "titles": "KẾT QUẢ ĐỐI SOÁT BIỂU GIẢI NGÂN CTMTQG DTTS&MN|CÁC SAI LỆCH PHÁT HIỆN"
        "|TỔNG HỢP GIẢI NGÂN THEO DỰ ÁN|TỶ LỆ GIẢI NGÂN CỦA TỪNG ĐƠN VỊ|TỶ LỆ GIẢI NGÂN (%)",
        "made": "Ngày lập: {date} · Số tiền: {unit} · Tỷ lệ: %",
        "counts": "{n} tệp: {ok} đạt, {findings} có sai lệch, {error} lỗi đọc tệp",
        "status": "Đạt|Có sai lệch|Lỗi đọc tệp",
        "blank": "Chưa có số liệu",
        "severity": "lỗi|cảnh báo|thông tin",
        "overview": "Tệp|Đơn vị báo cáo|Tình trạng|Lỗi|Cảnh báo|Thông tin|KH vốn (tổng số)"
        "|Giải ngân (tổng số)|Tỷ lệ GN %|Ghi chú (lý do không đọc được)",
        "findings": "Tệp|Đơn vị báo cáo|Trang tính|Ô|Quy tắc|Mức độ|Dự án|Giải thích|Dự kiến"
        "|Ghi trên biểu|Chênh lệch",
        "findings.causes": "Mã sai lệch|Do lỗi|Gợi ý",
        "cascade": "{roots} lỗi gốc, {consequences} lỗi kéo theo",
        "consolidated": "Mã|Dự án|KH vốn ĐTPT|KH vốn SN|KH vốn tổng số|Năm trước chuyển sang"
        "|Giải ngân tổng số|Tỷ lệ GN %|Chưa phân bổ",
        "by_unit": "Mã|Dự án|Đơn vị|Tệp|Tình trạng|KH vốn (tổng số)|Giải ngân (tổng số)"
        "|Tỷ lệ GN %|Tỷ lệ chung %|Chênh lệch (điểm %)",
        "total": "TỔNG CỘNG",
        "stated": "Tổng cộng ghi trên biểu",
        "units": "Tổng hợp {n} đơn vị",
        "excluded": "Không tính vào tổng hợp: {files}",
        "charts": "Tỷ lệ giải ngân theo dự án (%)|Tỷ lệ giải ngân theo đơn vị (%)"
        "|{n} đơn vị có tỷ lệ thấp nhất (%)|Dự án|Đơn vị|Tỷ lệ GN %",
    },
    "en": {
        "sheets": "Overview|Findings|Consolidated|By unit|Charts",
        "titles": "CTMTQG DTTS&MN DISBURSEMENT REPORTS: RECONCILIATION|FINDINGS"
        "|DISBURSEMENT BY PROJECT|DISBURSEMENT RATE OF EACH UNIT|DISBURSEMENT RATES (%)",
        "made": "Made on {date} · Amounts in {unit} · Rates in %",
        "counts": "{n} files: {ok} clean, {findings} with discrepancies, {error} unreadable",
        "status": "Clean|Discrepancies|Unreadable",
        "blank": "No figures yet",
        "severity": "error|warning|info",
        "overview": "File|Reporting unit|Status|Errors|Warnings|Info|Plan (total)"
        "|Disbursed (total)|Rate %|Notes (why it could not be read)",
        "findings": "File|Reporting unit|Sheet|Cell|Rule|Severity|Project|Explanation|Expected"
        "|Stated|Difference",
        "findings.causes": "Finding id|Caused by|Hint",
        "cascade": "{roots} root errors, {consequences} consequences",
        "consolidated": "Code|Project|Plan ĐTPT|Plan SN|Plan total|Carried over"
        "|Disbursed total|Rate %|Unallocated",
        "by_unit": "Code|Project|Unit|File|Status|Plan (total)|Disbursed (total)|Rate %"
        "|Overall rate %|Gap (points)",
        "total": "TOTAL",
        "stated": "Total as stated in the form",
        "units": "{n} units consolidated",
        "excluded": "Left out of the consolidation: {files}",
        "charts": "Disbursement rate by project (%)|Disbursement rate by unit (%)"
        "|The {n} units with the lowest rates (%)|Project|Unit|Rate %",
    },
}
STATUSES = ("ok", "findings", "error")
SEVERITIES = ("error", "warning", "info")
STATUS_COLOURS = {
    "ok": ("#C6EFCE", "#006100"),
    "findings": ("#FFEB9C", "#9C5700"),
    "error": ("#FFC7CE", "#9C0006"),
    "blank": ("#EDEDED", "#595959"),
}
BANDS = ((30.0, "#F4CCCC", "#E06666"), (60.0, "#FFF2CC", "#F1C232"), (1e9, "#D9EAD3", "#6AA84F"))
"""Rate below the limit: cell fill, bar colour."""


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
        book = _Book(tmp, lang, display_unit or Unit.trieu_dong)
        _fill(book, report)
        book.wb.close()

    write_file_atomically(target, fill, inputs=sources)


class _Book:
    """The workbook, its words and its cell formats (made once each)."""

    def __init__(self, path: Path, lang: str, unit: Unit) -> None:
        self.wb: Any = xlsxwriter.Workbook(
            str(path),
            {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        self.words, self.unit, self.lang = WORDS.get(lang, WORDS["vi"]), unit, lang
        self.wb.set_properties({"title": self.list("titles")[0], "author": "mtqg"})
        today = date.today().strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")
        self.made = self.words["made"].format(date=today, unit=unit_name(unit, lang))
        decimals = UNIT_DECIMALS[unit]
        cell = {"border": 1, "border_color": "#A6A6A6", "valign": "top"}
        self.styles: dict[str, dict[str, Any]] = {
            "title": {"bold": True, "font_size": 14},
            "note": {"italic": True, "font_color": "#595959"},
            "head": {**cell, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                     "align": "center", "valign": "vcenter"},
            "text": cell, "wrap": {**cell, "text_wrap": True},
            **{f"name{i}": {**cell, "text_wrap": True, "indent": i} for i in range(4)},
            "amount": {**cell, "num_format": "#,##0" + ("." + "0" * decimals if decimals else "")},
            "rate": {**cell, "num_format": "0.00"}, "percent": {**cell, "num_format": '0.00"%"'},
            "count": {**cell, "num_format": "0"},
            **{k: {**cell, "bg_color": bg, "font_color": fg} for k, (bg, fg) in STATUS_COLOURS.items()},
        }  # fmt: skip
        self.cache: dict[tuple[str, bool, bool], Any] = {}
        self.bands = [self.wb.add_format({"bg_color": fill}) for _, fill, _ in BANDS]

    def list(self, key: str) -> list[str]:
        return self.words[key].split("|")

    def amount(self, value: int | None) -> str:
        """An amount in đồng as the workbook shows it, in words (a note's figures)."""
        return format_amount(value, self.unit, self.lang)

    def fmt(self, style: str, bold: bool = False, quote: bool = False) -> Any:
        if (style, bold, quote) not in self.cache:
            extra = {"bold": True} if bold else {}
            extra.update({"quote_prefix": True} if quote else {})
            self.cache[style, bold, quote] = self.wb.add_format({**self.styles[style], **extra})
        return self.cache[style, bold, quote]


class _Sheet:
    """A worksheet: title, context line and header row; typed cells; widths and heights that fit."""

    def __init__(
        self, book: _Book, index: int, heads: list[str], caps: dict[int, int], note: str = ""
    ) -> None:
        self.book, self.heads, self.caps = book, heads, caps
        self.name = book.list("sheets")[index]
        self.ws: Any = book.wb.add_worksheet(self.name)
        self.widths: dict[int, int] = {}
        self.wrapped: dict[int, list[tuple[int, str]]] = {}
        self.ws.write_string(0, 0, book.list("titles")[index], book.fmt("title"))
        self.ws.write_string(1, 0, f"{book.made} · {note}" if note else book.made, book.fmt("note"))
        self.ws.set_row(HEAD, 32)
        for col, head in enumerate(heads):
            self.ws.write_string(HEAD, col, head, book.fmt("head"))
            self._fit(col, max(min(len(head), 11), *(len(word) for word in head.split())))

    def _fit(self, col: int, size: int) -> None:
        self.widths[col] = max(self.widths.get(col, 0), min(size, self.caps.get(col, 40)))

    def row(self, row: int, cells: Sequence[Cell], bold: bool = False) -> None:
        for col, (style, value) in enumerate(cells):
            if style in NUMERIC:
                self.number(
                    row, col, value if isinstance(value, int | float) else None, style, bold
                )
            else:
                self.text(row, col, value, style, bold)

    def text(
        self, row: int, col: int, value: object, style: str = "text", bold: bool = False
    ) -> None:
        """Text, maybe from a submission: always a string cell, quote-prefixed when it looks like
        a formula (= + - @), wrapped when longer than its column may grow."""
        text = "" if value is None else str(value)
        size = max((round(_visual(part)) for part in text.splitlines()), default=0)
        style = "wrap" if style == "text" and size > self.caps.get(col, 40) else style
        if "wrap" in style or "name" in style:
            self.wrapped.setdefault(row, []).append((col, text))
        fmt = self.book.fmt(style, bold, quote=safe_text(text) != text)
        self.ws.write_string(row, col, text, fmt)
        self._fit(col, size + (int(style[-1]) if style.startswith("name") else 0))

    def number(self, row: int, col: int, value: Number, style: str, bold: bool = False) -> None:
        fmt = self.book.fmt(style, bold)
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        if style == "amount":
            value = value / self.book.unit.size
        self.ws.write_number(row, col, value, fmt)
        decimals = UNIT_DECIMALS[self.book.unit] if style == "amount" else 2
        self._fit(col, len(f"{value:,.{decimals}f}") + (style == "percent"))

    def rate_colours(self, first: int, last: int, col: int) -> None:
        """Rates below 30 % red, below 60 % yellow, the rest green; blank cells stay white."""
        ref = xl_rowcol_to_cell(first, col, col_abs=True)
        for (limit, _, _), band in zip(BANDS, self.book.bands, strict=True):
            criteria = f"=AND(ISNUMBER({ref}),{ref}<{limit:g})"
            self.ws.conditional_format(
                first,
                col,
                last,
                col,
                {"type": "formula", "criteria": criteria, "format": band, "stop_if_true": True},
            )

    def finish(self, last: int, *, filters: bool = True) -> None:
        for col, width in self.widths.items():
            self.ws.set_column(col, col, width + 2)
        for row, cells in self.wrapped.items():  # neither Excel nor LibreOffice fits them on open
            lines = max(_line_count(text, self.widths.get(col, 8) + 1) for col, text in cells)
            if lines > 1:
                self.ws.set_row(row, 15 * lines)
        self.ws.freeze_panes(HEAD + 1, 0)
        if filters and last > HEAD:
            self.ws.autofilter(HEAD, 0, last, len(self.heads) - 1)
        _page(self.ws)
        self.ws.repeat_rows(HEAD)


def _page(ws: Any) -> None:
    """A4 landscape, every column on the page, page numbers at the foot."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&C&P / &N")


def _visual(text: str) -> float:
    """Roughly how wide `text` is in Excel's column units (the width of a digit, Calibri 11)."""
    return sum(NARROW.get(c, 1.2 if c.isupper() else 1.0) for c in text)


def _line_count(text: str, width: float) -> int:
    """How many lines `text` takes, wrapped at spaces, in a column `width` units wide."""
    count = 0
    for paragraph in text.splitlines() or [""]:
        lines, used = 1, 0.0
        for word in paragraph.split():
            need = _visual(word) + (NARROW[" "] if used else 0.0)
            if used and used + need > width:
                lines, used, need = lines + 1, 0.0, _visual(word)
            while need > width:  # a word longer than the column breaks anywhere
                lines, need = lines + 1, need - width
            used += need
        count += lines
    return count


def _fill(book: _Book, report: Report) -> None:
    files = sorted(report.files, key=_badness)
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
        _charts(book, lines, rates)


def _counts(file: FileReport) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in file.findings:
        counts[Severity(finding.severity).value] += 1
    return counts


def _badness(file: FileReport) -> tuple[bool, int, int, str]:
    """Unreadable files first, then the most errors, then the most warnings."""
    counts = _counts(file)
    return (file.status != "error", -counts["error"], -counts["warning"], file.path)


def _file_figures(
    book: _Book, file: FileReport, consolidated: Consolidation | None
) -> tuple[list[Cell], str]:
    """The file's plan, disbursed and rate cells (its one figure of the batch, else its stated
    total) and what the notes column says about them."""
    counted = figures_of(consolidated, file)
    if counted is None or consolidated is None:
        total = next((e for e in file.summary if e.project == TOTAL), None)
        cells: list[Cell] = [
            ("amount", total and total.plan.total),
            ("amount", total and total.disbursed.total),
            ("rate", total and total.rate.total),
        ]
        return cells, ""
    notes = file_notes(consolidated, counted, book.lang, book.amount)
    cells = [("amount", counted.plan), ("amount", counted.disbursed), ("rate", counted.rate)]
    return cells, "; ".join(notes)


def _overview(book: _Book, files: list[FileReport], consolidated: Consolidation | None) -> None:
    tally = {s: sum(f.status == s for f in files) for s in STATUSES}
    note = book.words["counts"].format(n=len(files), **tally)
    sheet = _Sheet(book, 0, book.list("overview"), {0: 45, 1: 30, 9: 60}, note)
    status = dict(zip(STATUSES, book.list("status"), strict=True))
    status[BLANK] = book.words["blank"]
    for row, file in enumerate(files, HEAD + 1):
        figures, notes = _file_figures(book, file, consolidated)
        counts = [("count", n) for n in _counts(file).values()]
        shown = shown_status(file)
        sheet.row(row, [
            ("text", file.path), ("text", file.reporting_name),
            (shown, status[shown]), *counts, *figures, ("wrap", file.error or notes),
        ])  # fmt: skip
    sheet.rate_colours(HEAD + 1, HEAD + len(files), 8)
    sheet.finish(HEAD + len(files))


def _findings(book: _Book, files: list[FileReport]) -> None:
    explained = xlsx_explained.any_explained(files)
    heads = book.list("findings") + (book.list("findings.causes") if explained else [])
    note = xlsx_explained.counts_note(files, book.words["cascade"])
    sheet = _Sheet(book, 1, heads, {0: 32, 1: 24, 7: 70, 13: 50}, note)
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
    book: _Book, lines: list[ConsolidatedLine], note: str, excluded: list[str], notes: list[str]
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
    sheet = _Sheet(book, 2, heads, {1: 60}, note)
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


def _total_row(sheet: _Sheet, top_rows: list[int], sums: list[int | None], rate_col: int) -> Number:
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


def _by_unit(book: _Book, lines: list[ConsolidatedLine]) -> None:
    """Every unit's plan, disbursed and rate for each project, beside the overall rate."""
    sheet = _Sheet(book, 3, book.list("by_unit"), {1: 30, 2: 24, 3: 32})
    status = dict(zip(STATUSES, book.list("status"), strict=True))
    row = HEAD
    for line in sorted(lines, key=lambda x: x.project != TOTAL):
        overall, label = line.rate.total, _short(line.name, line.name)
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


def _short(name: str, fallback: str) -> str:
    """'Dự án 4: Đầu tư …' → 'Dự án 4'; `fallback` when the name has no such prefix."""
    head = name.split(":")[0].strip()
    return head if ":" in name and len(head) <= 20 else fallback


def _charts(
    book: _Book, lines: list[ConsolidatedLine], rates: dict[str, tuple[str, Number]]
) -> None:
    """Bar charts of the rate per project and, with several units, per unit, lowest first."""
    words, total_word = book.list("charts"), book.words["total"]
    ws = book.wb.add_worksheet(book.list("sheets")[4])
    ws.write_string(0, 0, book.list("titles")[4], book.fmt("title"))
    ws.write_string(1, 0, book.made, book.fmt("note"))
    names = {x.project: x.name for x in lines}
    bars: list[Bar] = [
        (_short(names[code], code), formula, rate, False)
        for code, (formula, rate) in rates.items()
        if "." not in code and code != TOTAL
    ]
    if TOTAL in rates:
        bars.append((total_word, *rates[TOTAL], True))
    end = _chart(book, ws, HEAD, words[0], words[3], bars)
    total = next((x for x in lines if x.project == TOTAL), None)
    if total is not None and len(total.units) > 1:
        seen = Counter(u.unit for u in total.units)
        units: list[Bar] = [
            (u.unit if seen[u.unit] == 1 else f"{u.unit} ({Path(u.path).stem})", "", u.rate, False)
            for u in total.units
            if u.rate is not None
        ]
        title = words[1] if len(units) <= CHART_UNITS else words[2].format(n=CHART_UNITS)
        units = sorted(units, key=lambda u: u[2] or 0.0)[:CHART_UNITS]  # who is behind
        units = sorted(
            [*units, (total_word, "", total.rate.total, True)], key=lambda u: u[2] or 0.0
        )
        ws.set_h_pagebreaks([end + 1])
        _chart(book, ws, end + 2, title, words[4], units)
    ws.set_column(2, 2, 2)
    _page(ws)


def _chart(
    book: _Book,
    ws: Any,
    top: int,
    title: str,
    label: str,
    bars: list[Bar],
) -> int:
    """A small table at column A (a formula to the Tổng hợp sheet, or a value) and its bar chart
    beside it, the overall bar in blue; returns the row under both."""
    if not bars:
        return top
    ws.write_string(top, 0, label, book.fmt("head"))
    ws.write_string(top, 1, book.list("charts")[5], book.fmt("head"))
    points = []
    for row, (name, formula, rate, overall) in enumerate(bars, top + 1):
        ws.write_string(row, 0, name, book.fmt("text", quote=safe_text(name) != name))
        if formula:
            ws.write_formula(row, 1, formula, book.fmt("rate"), "" if rate is None else rate)
        elif rate is None:
            ws.write_blank(row, 1, None, book.fmt("rate"))
        else:
            ws.write_number(row, 1, rate, book.fmt("rate"))
        colour = next(bar for limit, _, bar in BANDS if (rate or 0.0) < limit)
        points.append({"fill": {"color": "#3C78D8" if overall else colour}})
    ws.set_column(0, 0, min(max(len(label), *(len(b[0]) for b in bars)) + 2, 52))
    ws.set_column(1, 1, 12)
    last, height = top + len(bars), 90 + 24 * len(bars)
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series({
        "categories": [ws.name, top + 1, 0, last, 0], "values": [ws.name, top + 1, 1, last, 1],
        "points": points, "gap": 40, "data_labels": {"value": True, "num_format": "0.00"},
    })  # fmt: skip
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # in a bar chart y is the category axis: first on top
    chart.set_x_axis({"min": 0, "max": 100, "major_unit": 10, "major_gridlines": {"visible": True}})
    chart.set_size({"width": 760, "height": height})
    ws.insert_chart(top, 3, chart)
    return max(last, top + height // 20 + 1)
