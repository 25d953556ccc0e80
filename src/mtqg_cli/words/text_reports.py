"""The words of the CSV and Markdown reports, in Vietnamese and English."""

from __future__ import annotations

from mtqg_cli.words.severity import severity_keys

TEXT_REPORT_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "csv": "Tệp|Tình trạng|Trang tính|Ô|Dòng|Quy tắc|Mức độ|Dự án|Cột|Dự kiến ({unit})"
        "|Ghi trên biểu ({unit})|Chênh lệch ({unit})|Giải thích",
        "csv.causes": "Mã sai lệch|Do sai lệch|Loại nguyên nhân|Gợi ý",
        "hint": "Gợi ý: {message}",
        "caused_by": "do sai lệch ở {place}",
        "status.ok": "đạt",
        "status.findings": "có sai lệch",
        "status.error": "lỗi đọc tệp",
        "status.blank": "chưa có số liệu",
        **severity_keys("vi"),
        "findings": "Sai lệch",
        "summary": "Tổng hợp theo dự án",
        "no_findings": "Không có sai lệch.",
        "findings_head": "| Mức độ | Quy tắc | Ô | Dự án | Dự kiến | Ghi trên biểu | Chênh lệch "
        "| Giải thích |",
        "summary_head": "| Dự án | Kế hoạch | Giải ngân | Tỷ lệ % | Chưa phân bổ |",
        "unit": "Đơn vị: {unit}; tỷ lệ: %",
        "total": "TỔNG CỘNG",
    },
    "en": {
        "csv": "file|status|sheet|cell|row|rule|severity|project|column|expected ({unit})"
        "|actual ({unit})|difference ({unit})|message",
        "csv.causes": "id|caused_by|hint_kind|hint_message",
        "hint": "Hint: {message}",
        "caused_by": "follows from the finding at {place}",
        "status.ok": "ok",
        "status.findings": "findings",
        "status.error": "error",
        "status.blank": "no figures",
        **severity_keys("en"),
        "findings": "Findings",
        "summary": "Summary by project",
        "no_findings": "No findings.",
        "findings_head": "| Severity | Rule | Cell | Project | Expected | Actual | Difference "
        "| Message |",
        "summary_head": "| Project | Plan | Disbursed | Rate % | Unallocated |",
        "unit": "Amounts in {unit}; rates in %",
        "total": "TOTAL",
    },
}
