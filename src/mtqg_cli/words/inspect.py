"""The words of `mtqg inspect`: what each sheet's table, columns, unit, tree and text numbers are
called, in Vietnamese and English."""

from __future__ import annotations

from typing import Any

from mtqg_cli.words.messages import UNIT_NAMES, field_label

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
    """'nghin_dong' → 'nghìn đồng'; a unit the words do not know is shown as it is."""
    if not unit:
        return ""
    return UNIT_NAMES["en" if lang == "en" else "vi"].get(unit, unit)
