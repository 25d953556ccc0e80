"""The three severities as a person reads them, in Vietnamese and English: one table for every
report that names them (terminal, CI formats, CSV/Markdown, annotated copies)."""

from __future__ import annotations

SEVERITY_WORDS: dict[str, dict[str, str]] = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def severity_keys(lang: str) -> dict[str, str]:
    """The severities as `sev.error`, `sev.warning`, `sev.info` keys of a table of words."""
    return {f"sev.{name}": word for name, word in SEVERITY_WORDS[lang].items()}
