"""The report as the contract's JSON bytes, and text made safe for spreadsheets."""

from __future__ import annotations

from mtqg_cli.model.neutral import neutralise
from mtqg_cli.model.report import Report

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def json_bytes(report: Report) -> bytes:
    """See `_json_bytes`; a report holding text no encoder takes (a name that is not UTF-8, met
    outside a run) is written with that text neutralised."""
    try:
        return _json_bytes(report)
    except ValueError:
        copy = report.model_copy(deep=True)
        neutralise(copy)
        return _json_bytes(copy)


def _json_bytes(report: Report) -> bytes:
    """The report as the contract's JSON, UTF-8 bytes straight from pydantic's serializer: a
    province's report is 20 MB, which as a `str` of Vietnamese text takes twice that in memory
    and is encoded again to be written (`model_dump_json` is this, decoded)."""
    return report.__pydantic_serializer__.to_json(report, indent=2) + b"\n"


def safe_text(value: object) -> str:
    """Text a spreadsheet will not run: a leading = + - @ tab or CR gets a quote in front."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
