"""Words of waivers, baselines and the CI formats, in Vietnamese and English."""

from __future__ import annotations

from datetime import date

from mtqg_cli.words.language import for_language
from mtqg_cli.words.severity import severity_keys

CI_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "waived_note": " [Đã chấp nhận: {reason} — {by}{until}]",
        "until": ", đến hết ngày {date}",
        "expired_note": " [Miễn trừ đã hết hạn ngày {date}: {reason}]",
        "baseline_note": " [Sai lệch đã biết: có trong baseline]",
        "waiver_expired": "Miễn trừ {source} ({what}) đã hết hạn ngày {date}; "
        "{n} sai lệch nó từng chấp nhận nay lại tính là lỗi",
        "waiver_unused": "Miễn trừ {source} ({what}) không còn khớp sai lệch nào; "
        "hãy xóa nó khỏi tệp miễn trừ",
        "baseline_summary": "So với baseline {path}: {new} sai lệch mới, {known} đã biết, "
        "{fixed} đã được sửa",
        "baseline_written": "Đã ghi baseline vào {path} ({n} sai lệch)",
        **severity_keys("vi"),
        "waived": "đã chấp nhận",
        "known": "đã biết",
        "unreadable": "không đọc được",
        "summary": "mtqg: {files} tệp; {errors} lỗi, {warnings} cảnh báo chưa xử lý; "
        "{accepted} sai lệch đã chấp nhận hoặc đã biết; {unreadable} tệp không đọc được",
        "suite": "Đối soát biểu giải ngân CTMTQG DTTS&MN",
        "waiver_title": "mtqg: miễn trừ",
        "hint": "Gợi ý: {message}",
        "caused_by": "Kéo theo từ sai lệch {id}: {rule} ở {place}",
        "root": "Sai lệch gốc {id}: {rule}",
    },
    "en": {
        "waived_note": " [Waived: {reason} — {by}{until}]",
        "until": ", until {date}",
        "expired_note": " [Waiver expired on {date}: {reason}]",
        "baseline_note": " [Known discrepancy: in the baseline]",
        "waiver_expired": "Waiver {source} ({what}) expired on {date}; "
        "the {n} findings it accepted count again",
        "waiver_unused": "Waiver {source} ({what}) no longer matches any finding; "
        "remove it from the waivers file",
        "baseline_summary": "Against the baseline {path}: {new} new findings, {known} known, "
        "{fixed} fixed",
        "baseline_written": "Baseline written to {path} ({n} findings)",
        **severity_keys("en"),
        "waived": "waived",
        "known": "known",
        "unreadable": "unreadable",
        "summary": "mtqg: {files} files; {errors} errors, {warnings} warnings open; "
        "{accepted} findings waived or known; {unreadable} files unreadable",
        "suite": "Reconciliation of CTMTQG DTTS&MN disbursement reports",
        "waiver_title": "mtqg: waiver",
        "hint": "Hint: {message}",
        "caused_by": "Follows from finding {id}: {rule} at {place}",
        "root": "Root finding {id}: {rule}",
    },
}


def words(lang: str) -> dict[str, str]:
    return for_language(CI_WORDS, lang)


def show_date(day: date, lang: str) -> str:
    """A date the way the reader writes it: 31/12/2025, or 2025-12-31 in English."""
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")
