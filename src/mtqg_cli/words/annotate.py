"""The words of an annotated copy's «Sai lệch» sheet, in Vietnamese and English."""

from __future__ import annotations

SHEET_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "sheet": "Sai lệch",
        "heads": "Trang tính|Ô|Mức độ|Quy tắc|Dự án|Dự kiến|Ghi trên biểu|Chênh lệch|Giải thích",
        "note": "Sai lệch mtqg tìm thấy trong tệp này. Số tiền tính bằng {unit}; tỷ lệ bằng %.",
        "caused_by": "Kéo theo từ sai lệch {rule} ở ô {cell}.",
        "hint": "Gợi ý: {message}",
    },
    "en": {
        "sheet": "Sai lệch",
        "heads": "Sheet|Cell|Severity|Rule|Project|Expected|On the form|Difference|Explanation",
        "note": "Findings mtqg made in this file. Amounts in {unit}; rates in %.",
        "caused_by": "Follows from the {rule} finding at cell {cell}.",
        "hint": "Hint: {message}",
    },
}
