"""Words of `mtqg fix` in Vietnamese and English: the «Sửa đổi» sheet, comments, summary, errors."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "sheet": "Sửa đổi",
        "heads": "Trang tính|Ô|Trước|Sau|Lý do",
        "note": "Các ô mtqg đã sửa trong bản này (tô màu, có ghi chú). Số tiền tính bằng "
        "{unit}; tỷ lệ bằng %. Hãy kiểm tra từng dòng trước khi gửi lại.",
        "formulas_note": "Ngoài ra {n} ô nay là công thức (tổng các dòng con, tổng số = vốn ĐTPT "
        "+ vốn SN, tỷ lệ giải ngân) với giá trị không đổi.",
        "none": "Không có ô nào đổi giá trị.",
        "transposed_digits": "Hai chữ số bị đảo",
        "unit_slip": "Số nhập nhầm đơn vị",
        "sign_flip": "Số bị ghi sai dấu",
        "sum": "Bằng tổng các dòng con (công thức SUM)",
        "total": "Tổng số = vốn ĐTPT + vốn SN (công thức)",
        "rate": "Tỷ lệ giải ngân tính lại từ giải ngân và kế hoạch (công thức)",
        "comment": "mtqg đã sửa: {why}\nTrước: {before}\nSau: {after}",
        "blank": "(trống)",
        "summary": "Đã ghi bản sửa {path}: {corrected} ô sửa theo nguyên nhân chắc chắn, "
        "{formulas} công thức, {changed} ô đổi giá trị (xem trang «{sheet}»).",
        "nothing": "Không có sai lệch số học nào cần sửa; bản sao vẫn được ghi với các công thức.",
        "more": "… và {n} thay đổi khác (xem trang «{sheet}»)",
        "title": "Các ô đã đổi",
        "fix_same_file": "Không ghi bản sửa lên chính tệp đầu vào {path}; hãy chọn tên khác "
        "cho --output",
        "fix_exists": "Tệp {path} đã có; dùng --force để ghi đè",
        "fix_input_type": "mtqg fix chỉ sửa tệp .xlsx hoặc .xlsm; hãy mở {path} bằng Excel hoặc "
        "LibreOffice, lưu thành .xlsx rồi chạy lại",
        "fix_output_type": "Bản sửa phải có đuôi {suffix} như tệp đầu vào (không phải {path})",
    },
    "en": {
        "sheet": "Changes",
        "heads": "Sheet|Cell|Before|After|Why",
        "note": "The cells mtqg changed in this copy (filled, with a comment). Amounts in {unit}; "
        "rates in %. Check each line before sending the file back.",
        "formulas_note": "Besides, {n} cells are now formulas (sums of their sub-lines, total = "
        "investment + recurrent, disbursement rates) with their value unchanged.",
        "none": "No cell changed its value.",
        "transposed_digits": "Two digits transposed",
        "unit_slip": "Figure typed in the wrong unit",
        "sign_flip": "Figure typed with the wrong sign",
        "sum": "The sum of its sub-lines (SUM formula)",
        "total": "Total = investment + recurrent (formula)",
        "rate": "Disbursement rate recomputed from disbursed and plan (formula)",
        "comment": "Changed by mtqg: {why}\nBefore: {before}\nAfter: {after}",
        "blank": "(blank)",
        "summary": "Wrote the corrected copy {path}. Cells corrected from certain causes: "
        "{corrected}; formulas written: {formulas}; cells with a new value: {changed} (see "
        "sheet «{sheet}»).",
        "nothing": "No arithmetic discrepancy to correct; the copy is written with its formulas.",
        "more": "… and {n} more changes (see sheet «{sheet}»)",
        "title": "Cells changed",
        "fix_same_file": "Not writing the corrected copy over its input {path}; choose another "
        "--output",
        "fix_exists": "{path} already exists; use --force to overwrite it",
        "fix_input_type": "mtqg fix corrects .xlsx or .xlsm files only; open {path} in Excel or "
        "LibreOffice, save it as .xlsx and run again",
        "fix_output_type": "The corrected copy must end in {suffix} like its input (not {path})",
    },
}


def fix_word(key: str, lang: str, **params: object) -> str:
    """One text of `mtqg fix` in the language (Vietnamese unless English is asked for)."""
    template = WORDS["en" if lang == "en" else "vi"][key]
    return template.format(**params) if params else template


def fix_heads(lang: str) -> list[str]:
    """The column heads of the «Sửa đổi» sheet."""
    return fix_word("heads", lang).split("|")
