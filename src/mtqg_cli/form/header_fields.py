"""What a table's header words mean: each column's label and the field it names (plan.dtpt …)."""

from __future__ import annotations

import re
from functools import lru_cache

from mtqg_cli.model.vocabulary import GROUPS

STT_LABELS = {"stt", "tt", "so tt", "so thu tu"}
"""What the header of the STT column says (folded)."""
_NAME_WORDS = ("noi dung", "ten du an", "ten chi tieu", "chi tieu", "danh muc", "du an", "ten")
# Group keywords, checked in this order (the first that matches decides).
_GROUP_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reason", ("ly do", "nguyen nhan", "ghi chu")),
    ("rate", ("ty le", "(%)", "% kh", "dat %")),
    ("unallocated", ("chua phan bo", "con lai chua", "chua giao")),
    ("allocated", ("da phan bo", "da giao", "phan bo chi tiet", "phan bo cho")),
    ("carried_over", ("chuyen sang", "keo dai", "nam truoc")),
    ("disbursed", ("giai ngan", "luy ke", "thanh toan", "kho bac")),
    ("plan", ("ke hoach", "kh von", "von giao", "du toan", "von duoc giao", "tong von", "kh ")),
)
_IGNORED_WORDS = ("nstw", "nsdp", "doi ung", "long ghep", "tin dung", "von vay")
_NAME_LABEL = re.compile(r"\b(noi dung|ten du an|ten don vi)\b")
_ESTIMATE = re.compile(r"\buoc\b")
_OF_WHICH_SOURCE = re.compile(r"\btrong do\b\W*(" + "|".join(_IGNORED_WORDS) + r")\b")
"""A source the figure is "of which" ("Kế hoạch vốn - Trong đó: NSTW", one header cell)."""
_TOTAL_WORDS = re.compile(r"\b(tong so|tong cong|tong|cong)\b")
_DTPT_WORDS = re.compile(r"\b(dtpt|dt|vdt|dau tu phat trien|von dau tu|dau tu)\b")
_SN_WORDS = re.compile(r"\b(sn|vsn|su nghiep|kinh phi su nghiep)\b")


AMOUNT_GROUPS = frozenset(GROUPS)
"""The field groups of amounts (a table needs a column of one of them besides its names)."""


def column_labels(grid: list[list[str]], header_rows: list[int]) -> dict[int, str]:
    """Each column's header words top to bottom, joined with ' | '."""
    depth = len(header_rows)
    block = [list(r) for r in grid[:depth]]
    for level in range(depth - 1):
        row = block[level]
        for col in range(1, len(row)):
            if row[col] or not row[col - 1]:
                continue  # only a blank cell right of words may take them
            below_here = any(block[lv][col] for lv in range(level + 1, depth))
            below_left = any(block[lv][col - 1] for lv in range(level + 1, depth))
            if below_here and below_left:
                row[col] = row[col - 1]
    labels: dict[int, str] = {}
    for col in range(len(block[0]) if block else 0):
        parts: list[str] = []
        for level in range(depth):
            text = block[level][col]
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        if parts:
            labels[col] = " | ".join(parts)
    return labels


def map_columns(
    labels: dict[int, str],
) -> tuple[dict[str, int], list[int], dict[str, list[int]]]:
    """Field -> column (the first column a field's words fit), the columns left out, and the
    other columns an amount or rate field's words fit too (kept from an earlier version)."""
    columns: dict[str, int] = {}
    ignored: list[int] = []
    alternatives: dict[str, list[int]] = {}
    for col, label in labels.items():
        name = field_of(label) or _bare_kind(label, columns)
        if name is None or name in columns:
            ignored.append(col)
            if name is not None and name.split(".")[0] in (*AMOUNT_GROUPS, "rate"):
                alternatives.setdefault(name, []).append(col)
        else:
            columns[name] = col
    return columns, ignored, alternatives


@lru_cache(maxsize=4096)
def field_of(label: str) -> str | None:
    """The field a header label means ('plan.dtpt', 'rate.total', 'name'…), or None."""
    parts = label.split(" | ")
    whole = label.replace(" | ", " ")
    if parts[0] in STT_LABELS or whole in STT_LABELS:
        return "stt"
    if len(parts) == 1 and (parts[0].startswith(_NAME_WORDS) or _NAME_LABEL.search(whole)):
        return "name"
    if any(w in part for part in parts[1:] for w in _IGNORED_WORDS) or _ESTIMATE.search(whole):
        return None  # the ignored words hold no space at their ends: " part " adds nothing
    if _OF_WHICH_SOURCE.search(whole):
        return None
    padded = f"{whole} "
    for group, words in _GROUP_WORDS:  # remembered per label: loops cost less than compiling
        if any(w in padded for w in words):
            return group if group == "reason" else f"{group}.{_kind_of(parts)}"
    return None


def _bare_kind(label: str, columns: dict[str, int]) -> str | None:
    """'Tổng số' / 'Vốn ĐTPT' with no group above it, before any plan column: the plan."""
    if any(f.startswith("plan.") for f in columns) or " | " in label:
        return None
    if _TOTAL_WORDS.fullmatch(label) or _DTPT_WORDS.search(label) or _SN_WORDS.search(label):
        return f"plan.{_kind_of([label])}"
    return None


def _kind_of(parts: list[str]) -> str:
    for part in reversed(parts):
        if _TOTAL_WORDS.search(part) and not _DTPT_WORDS.search(part):
            return "total"
        if _DTPT_WORDS.search(part):
            return "dtpt"
        if _SN_WORDS.search(part):
            return "sn"
    return "total"
