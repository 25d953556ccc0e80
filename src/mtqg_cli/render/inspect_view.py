"""The rich view of `mtqg inspect`: each sheet's table, columns, unit, tree and text numbers."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from mtqg_cli.check.rules.tree import reading_name, row_list
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.words.messages import NUMBER_ISSUES, field_label, unit_name

CAPITAL = {"dtpt": "ĐTPT", "sn": "SN"}

WORDS: dict[str, dict[str, Any]] = {
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
        "reporter": "Đơn vị báo cáo",
        "reporter_none": "không ghi trên biểu (dùng tên tệp)",
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
        "caption": "Tên bảng",
        "capital_label": "Loại vốn",
        "capital": {"dtpt": "cả bảng là vốn ĐTPT", "sn": "cả bảng là vốn SN"},
        "repeated": "Dòng tiêu đề lặp lại (in trang), không phải dòng số liệu: {rows}",
        "choice": "«{field}»: cột {chosen} được chọn — số lỗi khi đọc từng cột: {counts}",
        "choice_tie": " (không cột nào rõ hơn: LAYOUT_AMBIGUOUS)",
        "choice_hidden": " (cột ẩn, chỉ chọn khi số liệu khớp rõ hơn: {columns})",
        "english_numbers": "Số lưu dạng chữ viết kiểu tiếng Anh (3,379.979): «213.983» đọc là "
        "213,983",
        "no_code_why": "không ghi số dự án và tên không khớp chắc chắn mục nào của danh mục",
        "split": "vốn {capital} của dòng {row}",
        "reading": "Cách đọc",
        "reading_rows": "Các dòng {rows} đọc là {chosen}",
        "reading_why": "vì theo cách này {agree} số khớp, {disagree} số lệch; {others}",
        "reading_other": "nếu đọc là {name}: {agree} khớp, {disagree} lệch",
        "reading_doubt": "Không cách đọc nào rõ hơn (LAYOUT_AMBIGUOUS): hãy kiểm tra các dòng này",
        "rate_base": {
            True: "Tỷ lệ giải ngân chia cho kế hoạch năm (không cộng vốn năm trước chuyển sang)",
            False: "Tỷ lệ giải ngân chia cho kế hoạch năm cộng vốn năm trước chuyển sang",
        },
        "rate_base_why": "vì {chosen} tỷ lệ khớp theo cách này, {other} tỷ lệ khớp theo cách kia",
        "style": {"vi": "kiểu Việt (1.234,5)", "en": "kiểu tiếng Anh (1,234.5)"},
        "style_chosen": "Số lưu dạng chữ đọc theo {style}, vì số liệu chọn cách này",
        "style_score": "đọc theo {style}: {disagreements} số lệch, {decimals} số lẻ dưới 1 đồng",
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
        "reporter": "Reporting unit",
        "reporter_none": "not named on the form (the file's name is used)",
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
        "caption": "Caption",
        "capital_label": "Capital",
        "capital": {
            "dtpt": "the whole table is investment (ĐTPT)",
            "sn": "the whole table is recurrent (SN)",
        },
        "repeated": "Header rows repeated for printing, not lines: {rows}",
        "choice": "«{field}»: column {chosen} chosen — errors when read from each: {counts}",
        "choice_tie": " (no column clearly better: LAYOUT_AMBIGUOUS)",
        "choice_hidden": " (hidden, chosen only where the figures agree clearly better: {columns})",
        "english_numbers": "Numbers stored as text are written English style (3,379.979): "
        "«213.983» is read as 213.983",
        "no_code_why": "no project number written, and the name matches no catalog entry surely",
        "split": "{capital} of row {row}",
        "reading": "Reading",
        "reading_rows": "Rows {rows} read as {chosen}",
        "reading_why": "as under this reading {agree} figures agree and {disagree} disagree; {others}",
        "reading_other": "read as {name}: {agree} agree, {disagree} disagree",
        "reading_doubt": "No reading is clearly best (LAYOUT_AMBIGUOUS): check these rows",
        "rate_base": {
            True: "Rates divide disbursed by the year's plan (carried-over money left out)",
            False: "Rates divide disbursed by the year's plan plus the carried-over money",
        },
        "rate_base_why": "as {chosen} rates agree this way and {other} the other way",
        "style": {"vi": "Vietnamese style (1.234,5)", "en": "English style (1,234.5)"},
        "style_chosen": "Numbers stored as text read {style}, as the figures chose it",
        "style_score": "read {style}: {disagreements} disagree, {decimals} with fractions of one VND",
    },
}


KINDS = {
    "vi": {
        "total": "dòng tổng", "section": "mục", "unit": "đơn vị", "project": "dự án",
        "subproject": "tiểu dự án", "content": "nội dung", "item": "dòng", "breakdown": "chi tiết",
    },
    "en": {
        "total": "total", "section": "section", "unit": "unit", "project": "project",
        "subproject": "sub-project", "content": "content", "item": "line", "breakdown": "breakdown",
    },
}  # fmt: skip
TEXT_FIELD_WORDS = {
    "vi": {"stt": "số thứ tự", "name": "tên dự án / nội dung", "reason": "lý do chưa phân bổ"},
    "en": {"stt": "line number", "name": "project / content name", "reason": "unallocated reason"},
}


def field_words(field: str, lang: str) -> str:
    """A column's meaning in words: 'plan.sn' → 'Kế hoạch vốn (vốn SN)', 'stt' → 'số thứ tự'."""
    texts = TEXT_FIELD_WORDS["en" if lang == "en" else "vi"]
    return texts.get(field) or field_label(field, lang)


def unit_words(unit: str | None, lang: str) -> str:
    """'nghin_dong' → 'nghìn đồng'."""
    try:
        return unit_name(Unit(unit), lang) if unit else ""
    except ValueError:
        return unit or ""


def render_inspection(inspection: Any, console: Console, *, lang: str = "vi") -> None:
    """Print an `Inspection` (see inspection.py) for a person to check against the sheet."""
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
        _overview(sheet, console, w, lang)
        _columns(sheet, console, w, lang)
        _reading(sheet, console, w, lang)
        _tree(sheet, console, w, lang)
        _text_numbers(sheet, console, w, lang)


def _overview(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    info = sheet.info
    unit = unit_words(info.unit, lang)
    header = ", ".join(str(r) for r in info.header_rows)
    rows = w["rows"].format(first=info.first_row, last=info.last_row, header=header)
    console.print(f"  {w['table']:<8} {rows}")
    if info.unit_source:
        where = w["unit_cell"].format(cell=info.unit_source)
        console.print(f"  {w['unit']:<8} {unit} ({where})")
    else:
        console.print(f"  {w['unit']:<8} {unit} — {w['unit_none'].format(unit=unit)}")
    if info.title:
        console.print(f"  {w['title']:<8} {info.title}", overflow="ellipsis", no_wrap=True)
    reporter = info.reporting_unit or Text(w["reporter_none"], style="dim")
    console.print(f"  {w['reporter']}: ", reporter, sep="", overflow="ellipsis", no_wrap=True)
    _table_words(sheet, console, w)


def _table_words(sheet: Any, console: Console, w: dict[str, Any]) -> None:
    """The table's caption and capital type, repeated header rows, columns chosen by arithmetic."""
    if sheet.caption or sheet.capital:
        parts = [sheet.caption or "", w["capital"][sheet.capital] if sheet.capital else ""]
        label = w["caption"] if sheet.caption else w["capital_label"]
        console.print(f"  {label:<8} {' — '.join(p for p in parts if p)}")
    if sheet.skipped_rows:
        rows = ", ".join(str(r) for r in sheet.skipped_rows)
        console.print(Text(f"  {w['repeated'].format(rows=rows)}", style="dim"))
    if sheet.number_style == "en":
        console.print(f"  {w['english_numbers']}")
    for choice in sheet.column_choices:
        counts = ", ".join(f"{col}: {n}" for col, n in choice.candidates.items())
        said = w["choice"].format(field=choice.field, chosen=choice.chosen, counts=counts)
        tie = w["choice_tie"] if choice.ambiguous else ""
        hidden = (
            w["choice_hidden"].format(columns=", ".join(choice.hidden)) if choice.hidden else ""
        )
        console.print(Text(f"  {said}{hidden}{tie}", style="yellow" if choice.ambiguous else ""))


def _columns(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    table = RichTable(title=w["columns"], title_justify="left", show_edge=False)
    table.add_column(w["column"])
    table.add_column(w["header"], overflow="fold")
    table.add_column(w["field"])
    for column in sheet.columns:
        field = field_words(column.field, lang) if column.field else Text(w["ignored"], style="dim")
        table.add_row(column.column, column.header, field)
    console.print(table)


def _reading(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    """Which reading of the rows in doubt was kept, and the figures that chose it."""
    for reading in sheet.readings:
        _one_reading(reading, console, w, lang)
    if sheet.number_style_scores:
        chosen = w["style"].get(sheet.number_style, sheet.number_style)
        console.print(f"  {w['reading']:<8} {w['style_chosen'].format(style=chosen)}:")
        for score in sheet.number_style_scores:
            said = w["style_score"].format(
                style=w["style"].get(score.style, score.style),
                disagreements=score.disagreements,
                decimals=score.too_many_decimals,
            )
            console.print(f"           {said}")
    base = sheet.rate_base
    if base is not None:
        chosen, other = base.agree_with_carried, base.agree_plan_only
        if base.plan_only:
            chosen, other = other, chosen
        console.print(f"  {w['reading']:<8} {w['rate_base'][base.plan_only]},")
        console.print(f"           {w['rate_base_why'].format(chosen=chosen, other=other)}.")


def _one_reading(reading: Any, console: Console, w: dict[str, Any], lang: str) -> None:
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


def _tree(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    root = Tree(Text(w["tree"], style="bold"))
    nodes: dict[int, Tree] = {}
    for line in sheet.lines:
        parent = nodes.get(line.parent_row or -1, root)
        nodes[line.row] = parent.add(_label(line, w, lang))
    console.print(root)
    if sheet.unmatched:
        console.print(Text(f"  {w['unmatched'].format(n=len(sheet.unmatched))}", style="yellow"))


def _label(line: Any, w: dict[str, Any], lang: str) -> Text:
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
    kinds = KINDS["en" if lang == "en" else "vi"]
    text.append(f"  {kinds.get(line.kind, line.kind)}", style="dim")
    return text


def _text_numbers(sheet: Any, console: Console, w: dict[str, Any], lang: str) -> None:
    if not sheet.text_numbers:
        return
    table = RichTable(title=w["text_numbers"], title_justify="left", show_edge=False)
    for key in ("cell", "field", "text", "read", "issue"):
        table.add_column(w.get(key, key))
    for item in sheet.text_numbers:
        issues = NUMBER_ISSUES["en" if lang == "en" else "vi"]
        issue = issues.get(item.issue, item.issue) if item.issue else ""
        table.add_row(item.cell, field_words(item.field, lang), item.text, item.read or "", issue)
    console.print(table)
