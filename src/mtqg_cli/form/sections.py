"""Where a workbook says what its parts are: the summary sheet among detail sheets, and the
capital-type sections (A. Vốn ĐTPT / B. Vốn SN) a line sits in."""

from __future__ import annotations

import re

from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.text import fold

_SUMMARY_NAME = re.compile(r"\b(tong hop|tong|th|tonghop)\b")


def is_summary_sheet(name: str) -> bool:
    """A sheet whose name says it is the summary ("Tổng hợp", "TH huyện", "Biểu TH")."""
    return bool(_SUMMARY_NAME.search(fold(name)))


def split_summary(tables: list[Table]) -> tuple[list[Table], list[Table]] | None:
    """The summary sheet's tables and the detail tables, when the workbook has exactly one
    summary sheet and at least one table on another sheet."""
    names = {t.sheet for t in tables if is_summary_sheet(t.sheet)}
    if len(names) != 1:
        return None
    summaries = [t for t in tables if t.sheet in names]
    details = [t for t in tables if t.sheet not in names]
    return (summaries, details) if details else None


def capital_of(line: Line) -> str | None:
    """'dtpt' or 'sn' when the line sits in a capital-type section (A. Vốn ĐTPT / B. Vốn SN)."""
    node: Line | None = line
    while node is not None:
        if node.kind == "section":
            body = fold(node.name)
            if re.search(r"\b(su nghiep|sn|vsn)\b", body):
                return "sn"
            if re.search(r"\b(dau tu|dtpt|vdt)\b", body):
                return "dtpt"
        node = node.parent
    return None
