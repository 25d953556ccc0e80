"""The rich view of `mtqg inspect`: each sheet's table, columns, unit, tree and text numbers."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from mtqg_cli.rules.tree import reading_name, row_list

CAPITAL = {"dtpt": "ĐTPT", "sn": "SN"}

WORDS = {
    "vi": {
        "file": "Tệp",
        "legacy": "Bảng mã cũ đã chuyển sang Unicode",
        "sheet": "Trang tính",
        "no_table": "không có bảng số liệu (bỏ qua)",
        "pinned": "bố cục ghim theo tệp cấu hình",
        "table": "Bảng",
        "rows": "dòng {first}–{last}; tiêu đề dòng {header}",
        "unit": "Đơn vị",
        "unit_cell": "ô {cell}",
        "unit_none": "không thấy dòng đơn vị (coi là {unit})",
        "title": "Tiêu đề",
        "columns": "Cột",
        "column": "Cột",
        "header": "Tiêu đề cột",
        "field": "Hiểu là",
        "ignored": "bỏ qua",
        "tree": "Cây các dòng",
        "no_code": "không khớp mã nào",
        "unknown": "mã không có trong Chương trình: {code}",
        "text_numbers": "Ô số lưu dạng chữ",
        "cell": "Ô",
        "text": "Ghi",
        "read": "Đọc là",
        "issue": "Ghi chú",
        "unmatched": "{n} dòng không khớp mã dự án nào",
        "no_code_why": "không ghi số dự án và tên không khớp chắc chắn mục nào của danh mục",
        "split": "vốn {capital} của dòng {row}",
        "reading": "Cách đọc",
        "reading_rows": "Các dòng {rows} đọc là {chosen}",
        "reading_why": "vì theo cách này {agree} số khớp, {disagree} số lệch; {others}",
        "reading_other": "nếu đọc là {name}: {agree} khớp, {disagree} lệch",
        "reading_doubt": "Không cách đọc nào rõ hơn (LAYOUT_AMBIGUOUS): hãy kiểm tra các dòng này",
    },
    "en": {
        "file": "File",
        "legacy": "Legacy encoding converted to Unicode",
        "sheet": "Sheet",
        "no_table": "no table (skipped)",
        "pinned": "layout pinned by the configuration",
        "table": "Table",
        "rows": "rows {first}–{last}; header rows {header}",
        "unit": "Unit",
        "unit_cell": "cell {cell}",
        "unit_none": "no unit line (taken as {unit})",
        "title": "Title",
        "columns": "Columns",
        "column": "Column",
        "header": "Header",
        "field": "Read as",
        "ignored": "ignored",
        "tree": "Tree of lines",
        "no_code": "matches no code",
        "unknown": "code the programme lacks: {code}",
        "text_numbers": "Numbers stored as text",
        "cell": "Cell",
        "text": "Text",
        "read": "Read as",
        "issue": "Note",
        "unmatched": "{n} lines match no project code",
        "no_code_why": "no project number written, and the name matches no catalog entry surely",
        "split": "{capital} of row {row}",
        "reading": "Reading",
        "reading_rows": "Rows {rows} read as {chosen}",
        "reading_why": "as under this reading {agree} figures agree and {disagree} disagree; {others}",
        "reading_other": "read as {name}: {agree} agree, {disagree} disagree",
        "reading_doubt": "No reading is clearly best (LAYOUT_AMBIGUOUS): check these rows",
    },
}


def render_inspection(inspection: Any, console: Console, *, lang: str = "vi") -> None:
    """Print an `Inspection` (see inspect.py) for a person to check against the sheet."""
    w = WORDS["en" if lang == "en" else "vi"]
    console.print(Text(f"{w['file']}: {inspection.path}", style="bold"))
    if inspection.legacy_encoding:
        console.print(f"  {w['legacy']}: {inspection.legacy_encoding.upper()}")
    for sheet in inspection.sheets:
        console.print()
        head = Text(f"{w['sheet']} «{sheet.name}»", style="bold cyan")
        if not sheet.table:
            console.print(head, Text(f"— {w['no_table']}", style="dim"))
            continue
        console.print(head, Text(f"({w['pinned']})", style="yellow") if sheet.pinned else "")
        _overview(sheet, console, w)
        _columns(sheet, console, w)
        _reading(sheet, console, w, lang)
        _tree(sheet, console, w)
        _text_numbers(sheet, console, w)


def _overview(sheet: Any, console: Console, w: dict[str, str]) -> None:
    info = sheet.info
    header = ", ".join(str(r) for r in info.header_rows)
    rows = w["rows"].format(first=info.first_row, last=info.last_row, header=header)
    console.print(f"  {w['table']:<8} {rows}")
    if info.unit_source:
        where = w["unit_cell"].format(cell=info.unit_source)
        console.print(f"  {w['unit']:<8} {info.unit} ({where})")
    else:
        console.print(f"  {w['unit']:<8} {info.unit} — {w['unit_none'].format(unit=info.unit)}")
    if info.title:
        console.print(f"  {w['title']:<8} {info.title}", overflow="ellipsis", no_wrap=True)


def _columns(sheet: Any, console: Console, w: dict[str, str]) -> None:
    table = RichTable(title=w["columns"], title_justify="left", show_edge=False)
    table.add_column(w["column"])
    table.add_column(w["header"], overflow="fold")
    table.add_column(w["field"])
    for column in sheet.columns:
        field = column.field or Text(w["ignored"], style="dim")
        table.add_row(column.column, column.header, field)
    console.print(table)


def _reading(sheet: Any, console: Console, w: dict[str, str], lang: str) -> None:
    """Which reading of the rows in doubt was kept, and the figures that chose it."""
    for reading in sheet.readings:
        _one_reading(reading, console, w, lang)


def _one_reading(reading: Any, console: Console, w: dict[str, str], lang: str) -> None:
    scores = {s.reading: s for s in reading.scores}
    best = scores[reading.chosen]
    others = "; ".join(
        w["reading_other"].format(name=reading_name(s.reading, lang), agree=s.agree,
                                  disagree=s.disagree)
        for s in reading.scores if s.reading != reading.chosen
    )  # fmt: skip
    rows = row_list(reading.rows, lang)
    chosen = reading_name(reading.chosen, lang)
    console.print(f"  {w['reading']:<8} {w['reading_rows'].format(rows=rows, chosen=chosen)},")
    why = w["reading_why"].format(agree=best.agree, disagree=best.disagree, others=others)
    console.print(f"           {why}.")
    if reading.ambiguous:
        console.print(Text(f"           {w['reading_doubt']}.", style="yellow"))


def _tree(sheet: Any, console: Console, w: dict[str, str]) -> None:
    root = Tree(Text(w["tree"], style="bold"))
    nodes: dict[int, Tree] = {}
    for line in sheet.lines:
        parent = nodes.get(line.parent_row or -1, root)
        nodes[line.row] = parent.add(_label(line, w))
    console.print(root)
    if sheet.unmatched:
        console.print(Text(f"  {w['unmatched'].format(n=len(sheet.unmatched))}", style="yellow"))


def _label(line: Any, w: dict[str, str]) -> Text:
    text = Text(f"{line.row:>4}  ")
    if line.stt:
        text.append(f"{line.stt} ", style="bold")
    text.append(line.name[:70] + ("…" if len(line.name) > 70 else ""))
    if line.code:
        text.append(f"  [{line.code}]", style="green")
    elif line.unknown_code:
        text.append(f"  ({w['unknown'].format(code=line.unknown_code)})", style="red")
    elif line.capital:
        text.append(f"  ({w['split'].format(capital=CAPITAL[line.capital], row=line.parent_row)})",
                    style="cyan")  # fmt: skip
    elif line.kind not in ("total", "section", "unit", "breakdown"):
        text.append(f"  ({w['no_code']}: {w['no_code_why']})", style="yellow")
    text.append(f"  {line.kind}", style="dim")
    return text


def _text_numbers(sheet: Any, console: Console, w: dict[str, str]) -> None:
    if not sheet.text_numbers:
        return
    table = RichTable(title=w["text_numbers"], title_justify="left", show_edge=False)
    for key in ("cell", "field", "text", "read", "issue"):
        table.add_column(w.get(key, key))
    for item in sheet.text_numbers:
        table.add_row(item.cell, item.field, item.text, item.read or "", item.issue or "")
    console.print(table)
