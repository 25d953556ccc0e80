"""Words of the batch view (many files, consolidated figures) in Vietnamese and English."""

from __future__ import annotations

BATCH_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "batch": "Kết quả kiểm tra {n} tệp",
        "col.file": "Tệp",
        "col.unit": "Đơn vị",
        "col.status": "Trạng thái",
        "col.errors": "Lỗi",
        "col.warnings": "Cảnh báo",
        "findings_of": "Sai lệch của {unit} ({file})",
        "consolidated": "Tổng hợp toàn tỉnh theo dự án ({n} đơn vị)",
        "excluded": "Không tính: {files}",
        "per_unit": "Tỷ lệ giải ngân từng đơn vị so với toàn tỉnh",
        "col.province_rate": "Toàn tỉnh %",
        "col.gap": "Chênh lệch",
        "progress": "Đang kiểm tra",
        "verdict": "{ok} tệp đạt, {findings} tệp có sai lệch, {error} tệp không đọc được",
    },
    "en": {
        "batch": "Results of {n} files",
        "col.file": "File",
        "col.unit": "Unit",
        "col.status": "Status",
        "col.errors": "Errors",
        "col.warnings": "Warnings",
        "findings_of": "Findings of {unit} ({file})",
        "consolidated": "Consolidated figures per project ({n} units)",
        "excluded": "Left out: {files}",
        "per_unit": "Each unit's disbursement rate against the whole",
        "col.province_rate": "Whole %",
        "col.gap": "Gap",
        "progress": "Checking",
        "verdict": "{ok} files clean, {findings} with findings, {error} unreadable",
    },
}
