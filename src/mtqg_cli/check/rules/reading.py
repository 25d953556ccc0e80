"""Rules raised while reading a sheet (number text, unit line, sheets without a table)."""

from __future__ import annotations

from mtqg_cli.check.rules.base import REGISTRY, Rule, RuleContext, add_rule
from mtqg_cli.form.cell_numbers import NumberRead, to_dong
from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import Line
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import Severity
from mtqg_cli.words.messages import NUMBER_ISSUES
from mtqg_cli.words.numbers import group_digits

add_rule(
    Rule(
        "NUMBER_FORMAT",
        Severity.warning,
        "Ô {cell} ghi «{text}» ({issue}); đã đọc là {read}.",
        "Cell {cell} holds «{text}» ({issue}); read as {read}.",
        doc_vi="Số lưu dạng văn bản sai định dạng hoặc không rõ ràng; thông báo nói đã đọc thế "
        "nào.",
        doc_en="A number stored as text is malformed or ambiguous; the message says how it was "
        "read.",
    )
)
add_rule(
    Rule(
        "UNIT_ASSUMED",
        Severity.info,
        "Không thấy dòng đơn vị tính trên trang «{sheet}»; coi số liệu tính bằng triệu đồng.",
        "No unit line on sheet «{sheet}»; amounts taken to be in million VND.",
        doc_vi="Không thấy dòng đơn vị tính; coi số liệu tính bằng triệu đồng.",
        doc_en="No unit line was found; amounts are taken to be in million VND.",
    )
)
add_rule(
    Rule(
        "SHEET_SKIPPED",
        Severity.info,
        "Trang tính «{sheet}» không có bảng số liệu nhận dạng được; đã bỏ qua.",
        "Sheet «{sheet}» holds no recognisable table; skipped.",
        doc_vi="Trang tính không có bảng số liệu nhận dạng được.",
        doc_en="A sheet holds no recognisable table.",
    )
)
COLUMN_DOUBT = {
    "vi": "các cột {columns} đều có thể là «{field}», và số liệu không cho biết cột nào đúng "
    "(số chỗ không khớp: {counts}); đã dùng cột {chosen}",
    "en": "columns {columns} could each be «{field}», and the figures do not tell which is "
    "right (disagreements: {counts}); column {chosen} was used",
}
"""LAYOUT_AMBIGUOUS (registered with the rows' doubt, rules/tree.py) about columns."""


def layout_ambiguous(ctx: RuleContext, field: str, columns: dict[int, int], chosen: int) -> Finding:
    """Columns that could each hold `field` (column -> disagreements of the arithmetic under
    it), which the arithmetic does not tell apart; `chosen` is the one used."""
    letters = ", ".join(column_letter(c) for c in columns)
    counts = ", ".join(f"{column_letter(c)}: {n}" for c, n in columns.items())
    doubt = COLUMN_DOUBT["en" if ctx.lang == "en" else "vi"].format(
        columns=letters, field=ctx.label(field), counts=counts, chosen=column_letter(chosen)
    )
    return ctx.finding("LAYOUT_AMBIGUOUS", None, field, doubt=doubt)


def number_format(ctx: RuleContext, line: Line, field: str, read: NumberRead) -> Finding:
    """A number stored as text that is malformed or ambiguous, with how it was read."""
    lang = ctx.lang
    value = read.value
    if value is None:
        shown = "ô trống" if lang != "en" else "blank"
        amount = None
    else:
        shown = group_digits(value, max(-int(value.as_tuple().exponent), 0), lang)
        amount = to_dong(value, ctx.table.unit)
    issue = NUMBER_ISSUES["en" if lang == "en" else "vi"].get(read.issue or "", "")
    return ctx.finding(
        "NUMBER_FORMAT", line, field, None, amount,
        cell=ctx.cell(line, field), text=read.text, issue=issue, read=shown,
    )  # fmt: skip


def unit_assumed(ctx: RuleContext) -> Finding:
    """No unit line was found: triệu đồng is assumed."""
    return ctx.finding("UNIT_ASSUMED", None)


def sheet_skipped(sheet: str, lang: str) -> Finding:
    """A sheet with no recognisable table."""
    rule = REGISTRY["SHEET_SKIPPED"]
    return Finding(
        rule=rule.code,
        severity=rule.severity,
        sheet=sheet,
        message=rule.template(lang).format(sheet=sheet),
    )
