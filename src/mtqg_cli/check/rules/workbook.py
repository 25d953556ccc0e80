"""Rules on a whole workbook: legacy encodings, and a summary sheet against its detail sheets.

A workbook may hold a summary sheet ("Tổng hợp", "TH", "Biểu tổng hợp") and one detail sheet per
unit or per project. Each sheet is checked on its own by the other rules; CROSS_SHEET_MISMATCH
then checks that every figure of the summary equals the sum of the same figure (same project
code, same capital-type section) over the detail sheets, and names the cells on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqg_cli.check.rules.base import REGISTRY, Rule, RuleContext, add_rule
from mtqg_cli.form.hierarchy import walk
from mtqg_cli.form.line_figures import effective
from mtqg_cli.form.sections import capital_of, split_summary
from mtqg_cli.model.report import Finding, RelatedCell
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, Severity
from mtqg_cli.read.legacy import LegacyText
from mtqg_cli.words.numbers import format_amount

add_rule(
    Rule(
        "LEGACY_ENCODING",
        Severity.info,
        "Tệp gõ bằng bảng mã cũ {encoding} (phông .VnTime/VNI); đã chuyển {cells} ô sang "
        "Unicode trước khi đối soát (ô đầu tiên: {cell} trang «{sheet}»).",
        "The file is typed in the legacy {encoding} encoding (.VnTime/VNI fonts); {cells} cells "
        "were converted to Unicode before checking (first: {cell} on sheet «{sheet}»).",
        doc_vi="Tệp gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI), đã được chuyển sang Unicode trước khi "
        "đối soát.",
        doc_en="The file is typed in a legacy encoding (TCVN3/ABC or VNI) and was converted to "
        "Unicode before checking.",
    )
)
add_rule(
    Rule(
        "CROSS_SHEET_MISMATCH",
        Severity.error,
        "{field} của «{name}» trên trang tổng hợp «{sheet}» ghi {stated}, nhưng cộng các trang "
        "chi tiết được {summed}: {parts}.",
        "{field} of «{name}» on the summary sheet «{sheet}» is {stated}, but the detail sheets "
        "add up to {summed}: {parts}.",
        doc_vi="Một số liệu của trang tổng hợp khác tổng các trang chi tiết, cùng mã dự án và cùng "
        "loại vốn.",
        doc_en="A figure of the summary sheet differs from the sum of the detail sheets, for the "
        "same project code and capital type.",
    )
)

ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


def legacy_encoding(encoding: str, cells: int, sheet: str, cell: str, lang: str) -> Finding:
    """The info finding that a file was typed in a legacy encoding and converted."""
    rule = REGISTRY["LEGACY_ENCODING"]
    name = ENCODING_NAMES.get(encoding, encoding)
    return Finding(
        rule=rule.code,
        severity=rule.severity,
        sheet=sheet,
        cell=cell,
        row=int(re.sub(r"[A-Z]+", "", cell)),
        message=rule.template(lang).format(encoding=name, cells=cells, sheet=sheet, cell=cell),
    )


Key = tuple[str | None, str]


def keyed_lines(table: Table) -> dict[Key, Line]:
    """The table's coded lines (and its total) by (capital section, code); first one wins."""
    found: dict[Key, Line] = {}
    if table.root.row:
        found[(table.capital, "TOTAL")] = table.root
    for line in walk(table.root):
        if line.code:
            found.setdefault((capital_of(line) or table.capital, line.code), line)
    return found


def cross_sheet(tables: list[Table], tolerance: int, lang: str) -> Iterator[Finding]:
    """CROSS_SHEET_MISMATCH findings of a workbook with a summary sheet and detail sheets."""
    split = split_summary(tables)
    if split is None:
        return
    summaries, details = split
    for summary in summaries:
        yield from _against_details(summary, details, tolerance, lang)


def _against_details(
    summary: Table, details: list[Table], tolerance: int, lang: str
) -> Iterator[Finding]:
    """CROSS_SHEET_MISMATCH findings of one table of the summary sheet."""
    ctx = RuleContext(summary, tolerance, lang)
    fields = [f for f in AMOUNT_FIELDS if summary.has(f) and all(d.has(f) for d in details)]
    detail_lines = [keyed_lines(d) for d in details]
    for key, line in keyed_lines(summary).items():
        parts = [
            (d, lines[key]) for d, lines in zip(details, detail_lines, strict=True) if key in lines
        ]
        if not parts:
            continue
        for field in fields:
            actual = line.amounts.get(field)
            values = [(d, ln, effective(ln, field)) for d, ln in parts]
            if actual is None or all(v is None for _, _, v in values):
                continue
            expected = sum(v or 0 for _, _, v in values)
            if abs(expected - actual) <= tolerance:
                continue
            finding = ctx.finding(
                "CROSS_SHEET_MISMATCH", line, field, expected, actual,
                stated=ctx.money(actual), summed=ctx.money(expected),
                parts=_parts(values, field, lang),
            )  # fmt: skip
            finding.related = [
                RelatedCell(sheet=t.sheet, cell=_cell(t, ln, field), value=v) for t, ln, v in values
            ]
            yield finding


def _parts(values: list[tuple[Table, Line, int | None]], field: str, lang: str) -> str:
    shown = []
    for table, line, value in values:
        cell = _cell(table, line, field) or "?"
        amount = format_amount(value, table.unit, lang) if value is not None else "—"
        shown.append(f"«{table.sheet}»!{cell} = {amount}")
    return "; ".join(shown)


def _cell(table: Table, line: Line, field: str) -> str | None:
    col = table.columns.get(field)
    return f"{column_letter(col)}{line.row}" if col is not None and line.row else None


def workbook_findings(
    tables: list[Table], legacy: LegacyText | None, tolerance: int, lang: str
) -> tuple[list[Finding], list[Finding]]:
    """(findings to put first, findings to put last) for the whole workbook."""
    first: list[Finding] = []
    if legacy is not None:
        cell = f"{column_letter(legacy.column)}{legacy.row + 1}"
        first.append(legacy_encoding(legacy.encoding, legacy.cells, legacy.sheet, cell, lang))
    return first, list(cross_sheet(tables, tolerance, lang))
