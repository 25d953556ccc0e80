"""The words of `mtqg demo`: the samples copied, what to try next, in Vietnamese and English."""

from __future__ import annotations

DEMO_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "copied": "Đã chép {n} biểu mẫu vào {folder}:",
        "hint": "Đây là biểu mẫu kèm theo mtqg, có sai lệch cố ý để minh họa.\n"
        "Kiểm tra tệp của bạn: mtqg reconcile TÊN-TỆP.xlsx",
    },
    "en": {
        "copied": "Copied {n} sample forms into {folder}:",
        "hint": "This is a sample form shipped with mtqg, its discrepancies planted on purpose.\n"
        "Check your own file: mtqg reconcile FILE.xlsx",
    },
}
