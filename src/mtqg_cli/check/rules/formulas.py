"""Rules on a sheet's formulas: sum ranges that miss or repeat a child row, and cells computed."""

from __future__ import annotations

from itertools import groupby

from mtqg_cli.check.formula_audit import RangeIssue, range_issues
from mtqg_cli.check.rules.base import Rule, RuleContext, add_rule
from mtqg_cli.model.report import Finding
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import KINDS, Severity

add_rule(
    Rule(
        "FORMULA_RANGE",
        Severity.error,
        "Công thức ô {cell} của dòng «{name}» ({formula}) {problem}.",
        "The formula in cell {cell} of line «{name}» ({formula}) {problem}.",
        doc_vi="Công thức tổng (SUM) của dòng cha bỏ sót, tính hai lần một dòng con, hoặc cộng "
        "cả dòng không phải con của nó, kể cả khi số liệu hiện tại vẫn khớp.",
        doc_en="A parent's SUM formula leaves out or counts twice one of its child rows, or adds "
        "a line that is not its child, even when today's values agree.",
    )
)
add_rule(
    Rule(
        "FORMULA_NOT_CALCULATED",
        Severity.info,
        "Trang «{sheet}» có {count} ô công thức không lưu giá trị (tệp tạo bằng phần mềm, "
        "chưa mở bằng Excel); mtqg đã tự tính các ô: {cells}.",
        "Sheet «{sheet}» has {count} formula cells saved with no value (a file made by "
        "software, never opened in Excel); mtqg computed them: {cells}.",
        doc_vi="Ô công thức không lưu giá trị (tệp tạo bằng phần mềm, chưa mở bằng Excel) đã "
        "được mtqg tự tính; thông báo nói bao nhiêu ô và ở đâu.",
        doc_en="Formula cells saved with no value (a file made by software, never opened in "
        "Excel) were computed by mtqg; the message says how many and where.",
    )
)

add_rule(
    Rule(
        "FORMULA_ERROR",
        Severity.error,
        "Ô {cell} của dòng «{name}» (công thức ={formula}) cho kết quả lỗi {error}: số liệu ô "
        "này không đọc được, đã coi là ô trống.",
        "Cell {cell} of line «{name}» (formula ={formula}) gives the error {error}: its figure "
        "cannot be read and was taken as blank.",
        doc_vi="Một ô số liệu của dòng (số tiền hoặc tỷ lệ) chứa công thức cho kết quả lỗi "
        "(#VALUE!, #REF!, #DIV/0! …): không đọc được số nào, ô được coi là trống.",
        doc_en="A figure of a line (an amount or a rate) holds a formula that gives an error "
        "(#VALUE!, #REF!, #DIV/0! …): no figure can be read, the cell is taken as blank.",
    )
)

_WORDS = {
    "vi": {
        "left_out": "bỏ sót {rows}",
        "twice": "tính hai lần {rows}",
        "outside": "cộng cả {rows}, không phải dòng con của nó",
        "row": "dòng",
        "join": "; ",
        "also": " (cũng vậy ở cột {columns})",
    },
    "en": {
        "left_out": "leaves out {rows}",
        "twice": "counts {rows} twice",
        "outside": "adds {rows}, not one of its child lines",
        "row": "row",
        "join": "; ",
        "also": " (the same in column {columns})",
    },
}
RATE_FIELDS = tuple(f"rate.{kind}" for kind in KINDS)
MAX_PLACES = 12
"""Places named in a FORMULA_NOT_CALCULATED message; more are summed up as '…'."""


def formula_findings(
    ctx: RuleContext,
    formulas: dict[tuple[int, int], str],
    computed: list[tuple[int, int]],
    errors: dict[tuple[int, int], str] | None = None,
) -> list[Finding]:
    """FORMULA_NOT_CALCULATED for the sheet's computed cells, then FORMULA_ERROR per figure
    cell whose formula gives an Excel error, then FORMULA_RANGE per line."""
    found = [formula_not_calculated(ctx, computed)] if computed else []
    found += formula_error(ctx, formulas, errors or {})
    return found + formula_range(ctx, formulas)


def formula_error(
    ctx: RuleContext, formulas: dict[tuple[int, int], str], errors: dict[tuple[int, int], str]
) -> list[Finding]:
    """A figure of a line (an amount or a rate the table reads) whose formula gives #VALUE!,
    #REF!, #DIV/0! …: every reader gives it as blank, so the form would pass unread."""
    if not errors:
        return []
    columns = ctx.table.columns
    fields = [
        (name, columns[name]) for name in (*ctx.amount_fields, *RATE_FIELDS) if name in columns
    ]
    found = []
    for line in ctx.lines():
        for name, col in fields:
            error = errors.get((line.row - 1, col))
            if error is not None:
                found.append(
                    ctx.finding(
                        "FORMULA_ERROR", line, name,
                        cell=ctx.cell(line, name), formula=formulas.get((line.row - 1, col), ""),
                        error=error,
                    )
                )  # fmt: skip
    return found


def formula_range(ctx: RuleContext, formulas: dict[tuple[int, int], str]) -> list[Finding]:
    """A parent's sum formula that leaves out, or counts twice, one of its child rows (or adds
    a line that is not its child): one finding per line and problem, the columns named."""
    issues = range_issues(ctx.table, formulas, ctx.amount_fields)
    words = _WORDS["en" if ctx.lang == "en" else "vi"]
    found = []
    for _, same_line in groupby(issues, key=lambda issue: issue.line.row):
        by_problem: dict[object, list[RangeIssue]] = {}
        for issue in same_line:
            by_problem.setdefault(issue.signature, []).append(issue)
        for group in by_problem.values():
            first = group[0]
            problem = _problem(first, words)
            others = [column_letter(ctx.table.columns[i.field]) for i in group[1:]]
            if others:
                problem += words["also"].format(columns=", ".join(others))
            found.append(
                ctx.finding(
                    "FORMULA_RANGE",
                    first.line,
                    first.field,
                    cell=ctx.cell(first.line, first.field),
                    formula=first.formula,
                    problem=problem,
                )
            )
    return found


def _problem(issue: RangeIssue, words: dict[str, str]) -> str:
    parts = []
    for key in ("left_out", "twice", "outside"):
        rows = getattr(issue, key)
        if rows:
            named = f"{words['row']} {', '.join(str(r) for r in rows)}"
            parts.append(words[key].format(rows=named))
    return words["join"].join(parts)


def formula_not_calculated(ctx: RuleContext, computed: list[tuple[int, int]]) -> Finding:
    """How many formula cells of the sheet mtqg computed, and where."""
    return ctx.finding("FORMULA_NOT_CALCULATED", None, count=len(computed), cells=places(computed))


def places(cells: list[tuple[int, int]]) -> str:
    """Cells as ranges of consecutive rows per column (C9, C14:C16), at most MAX_PLACES."""
    by_column: dict[int, list[int]] = {}
    for row, col in sorted(cells, key=lambda cell: (cell[1], cell[0])):
        by_column.setdefault(col, []).append(row)
    spans: list[str] = []
    for col, rows in by_column.items():
        letter = column_letter(col)
        for first, last in _runs(rows):
            span = f"{letter}{first + 1}"
            spans.append(span if first == last else f"{span}:{letter}{last + 1}")
    if len(spans) > MAX_PLACES:
        return ", ".join(spans[:MAX_PLACES]) + ", …"
    return ", ".join(spans)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return [(first, last) for first, last in runs]
