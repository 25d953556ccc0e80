"""Rules on how a sheet's rows were read into a tree: a reading no arithmetic settles."""

from __future__ import annotations

from collections.abc import Iterator

from mtqg_cli.check.rules.base import RuleContext, register
from mtqg_cli.form.hierarchy import walk
from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import Table
from mtqg_cli.model.vocabulary import Severity

READING_NAMES: dict[str, dict[str, str]] = {
    "vi": {
        "split": "phần vốn ĐTPT / vốn SN của dòng ngay trên",
        "sections": "đầu mục của các dòng bên dưới",
        "nested": "dòng con của dòng ngay trên",
        "children": "dòng con của dòng có số thứ tự gần nhất phía trên",
        "siblings": "dòng cùng cấp với dòng có số thứ tự gần nhất phía trên",
        "subtotal": "dòng cộng của nhóm dòng phía trên (không cộng vào dòng cha)",
        "line": "một dòng của cây",
    },
    "en": {
        "split": "the ĐTPT / SN split of the line above",
        "sections": "heads of the lines below",
        "nested": "sub-lines of the row above",
        "children": "sub-lines of the nearest numbered line above",
        "siblings": "lines beside the nearest numbered line above",
        "subtotal": "the subtotal of the block above (not added into its parent)",
        "line": "a line of the tree",
    },
}
ROW_DOUBT = {
    "vi": "các dòng {rows} có thể hiểu là {chosen} hoặc {other}, và số liệu không cho biết cách "
    "nào đúng (cả hai cách đều có {disagree} số không khớp); đã đọc theo cách thứ nhất",
    "en": "rows {rows} may be read as {chosen} or as {other}, and the figures do not tell which "
    "({disagree} figures disagree either way); read the first way",
}
"""What LAYOUT_AMBIGUOUS says of rows in doubt (columns in doubt: rules/reading.py)."""
SHOWN_ROWS = 12
"""Rows named in the message; the rest are counted."""


def reading_name(reading: str, lang: str) -> str:
    """A reading's name for a person ("split" → "phần vốn ĐTPT / vốn SN của dòng ngay trên")."""
    return READING_NAMES["en" if lang == "en" else "vi"].get(reading, reading)


def row_list(rows: list[int], lang: str) -> str:
    """'6, 7, 9 …' with at most `SHOWN_ROWS` rows, and how many more."""
    shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS])
    rest = len(rows) - SHOWN_ROWS
    if rest <= 0:
        return shown
    return f"{shown} (and {rest} more)" if lang == "en" else f"{shown} (và {rest} dòng khác)"


@register(
    "LAYOUT_AMBIGUOUS",
    Severity.warning,
    "Trang «{sheet}»: {doubt}. Hãy kiểm tra, hoặc ghim bố cục trong mục [layout].",
    "Sheet «{sheet}»: {doubt}. Check it, or pin the layout in [layout].",
    doc_vi="Trang tính cho phép đọc một số dòng hoặc cột theo nhiều cách (ví dụ hai cột kế hoạch "
    "vốn của hai năm) mà số liệu không phân định được; các dòng, cột còn nghi vấn được "
    "nêu tên.",
    doc_en="The sheet allows readings of some rows or columns (say, the plans of two years) that "
    "no arithmetic settles; the rows or columns in doubt are named.",
)
def layout_ambiguous(ctx: RuleContext) -> Iterator[Finding]:
    """Rows the sheet allows to read in ways no arithmetic settles: one warning, rows named."""
    doubtful = [r for r in ctx.table.readings if r.ambiguous and r.rows]
    if not doubtful:
        return
    lang, reading = ctx.lang, doubtful[0]
    rows = sorted({row for r in doubtful for row in r.rows})
    other = next(r for r in reading.scores if r != reading.chosen)
    at = next((ln for ln in walk(ctx.table.root) if ln.row == rows[0]), None)
    doubt = ROW_DOUBT["en" if lang == "en" else "vi"].format(
        rows=row_list(rows, lang), chosen=reading_name(reading.chosen, lang),
        other=reading_name(other, lang), disagree=reading.scores[reading.chosen][1],
    )  # fmt: skip
    yield ctx.finding("LAYOUT_AMBIGUOUS", at, "name", doubt=doubt)


DOUBTFUL_SUMS = frozenset({"SUM_MISMATCH", "TOTAL_MISMATCH"})
"""What a reading in doubt decides: the sums and totals of the lines around the rows in doubt."""


def without_doubtful_sums(table: Table, findings: list[Finding]) -> list[Finding]:
    """The findings less the sums and totals that only a reading in doubt makes wrong (at the
    rows in doubt and their parents): the sheet's LAYOUT_AMBIGUOUS says it once instead."""
    doubtful = {row for r in table.readings if r.ambiguous for row in r.rows}
    if not doubtful:
        return findings
    rows = set(doubtful)
    for line in walk(table.root):
        if line.row in doubtful and line.parent is not None:
            rows.add(line.parent.row)
            rows.update(line.parent.stated_at.values())
    return [f for f in findings if f.rule not in DOUBTFUL_SUMS or f.row not in rows]
