"""What stands above a table: the unit its amounts are in, its title and its reporting unit."""

from __future__ import annotations

import re
from functools import lru_cache

from mtqg_cli.form.reporting_unit import find_reporting_unit, is_motto
from mtqg_cli.model.text import clean, clean_fold
from mtqg_cli.model.vocabulary import Unit

_UNIT_LINE = re.compile(r"(don vi tinh|dvt|don vi)\s*[:.]?\s*(.*)")
_UNIT_WORDS: tuple[tuple[str, Unit], ...] = (
    ("ty dong", Unit.ty_dong),
    ("trieu dong", Unit.trieu_dong),
    ("tr.dong", Unit.trieu_dong),
    ("tr.d", Unit.trieu_dong),
    ("trd", Unit.trieu_dong),
    ("tr d", Unit.trieu_dong),
    ("nghin dong", Unit.nghin_dong),
    ("ngan dong", Unit.nghin_dong),
    ("1.000 dong", Unit.nghin_dong),
    ("1000 dong", Unit.nghin_dong),
    ("dong", Unit.dong),
    ("vnd", Unit.dong),
    ("d", Unit.dong),
)
_CURRENCY = r"\s*(?:dong|d|vnd|vn dong)?(?:$|[\s).,;])"
_UNIT_AFTER_LABEL: tuple[tuple[re.Pattern[str], Unit], ...] = (
    (re.compile(r"(?:ty|1[.,]?000[.,]?000[.,]?000)" + _CURRENCY), Unit.ty_dong),
    (re.compile(r"(?:trieu|1[.,]?000[.,]?000)" + _CURRENCY), Unit.trieu_dong),
    (re.compile(r"tr\s*\.?\s*(?:dong|d|vnd)?(?:$|[\s).,;])(?![\s.]*[a-z])"), Unit.trieu_dong),
    (re.compile(r"(?:nghin|ngan|1[.,]?000)" + _CURRENCY), Unit.nghin_dong),
    (re.compile(r"(?:dong|d|vnd|vn dong)(?:$|[\s).,;])"), Unit.dong),
)
"""What may follow "Đơn vị tính:" (folded): "Triệu đồng", "Tr.đ", "1.000.000 đ", "triệu VNĐ",
"Nghìn đồng", "1.000đ", "ngàn", "Tỷ đồng", "Đồng", "VNĐ" …"""


def find_unit(
    rows: list[list[object]], header_start: int, labels: dict[int, str], start: int = 0
) -> tuple[Unit | None, tuple[int, int] | None]:
    """The unit line between `start` and the header, else a unit in the header's words."""
    for r in range(start, header_start):
        for c, value in enumerate(rows[r]):
            if isinstance(value, str) and value:  # a blank cell declares no unit
                unit = unit_from_text(value, need_prefix=True)
                if unit:
                    return unit, (r, c)
    for col, label in labels.items():
        unit = unit_from_text(label, need_prefix=False)
        if unit:
            return unit, (header_start, col)
    return None, None


def unit_from_text(text: str, *, need_prefix: bool) -> Unit | None:
    """The unit a text declares ('Đơn vị tính: Triệu đồng' → trieu_dong)."""
    return _unit_line(text) if need_prefix else _unit_in_label(text)


@lru_cache(maxsize=16384)
def _unit_line(text: str) -> Unit | None:
    """The unit a line declares after its label ("Đơn vị tính: Triệu đồng")."""
    match = _UNIT_LINE.search(clean_fold(text))
    if not match:
        return None
    stated = match.group(2)
    return next((unit for words, unit in _UNIT_AFTER_LABEL if words.match(stated)), None)


@lru_cache(maxsize=4096)
def _unit_in_label(text: str) -> Unit | None:
    """The unit a header label holds in brackets ("Kế hoạch (triệu đồng)")."""
    folded = clean_fold(text)
    if "(" not in folded:
        return None
    for words, unit in _UNIT_WORDS:  # each pattern compiled on its first need, as re caches it
        if re.search(rf"(^|[\s(:]){re.escape(words)}($|[\s).,;])", folded):
            return unit
    return None


def find_title(rows: list[list[object]], header_start: int) -> tuple[str | None, str | None]:
    """The title and the reporting unit read from the first `header_start` of `rows` (the rows
    above a table's header): the title is the longest text there that is neither a unit line
    nor the national motto; the reporting unit is what `reporting_unit.find_reporting_unit`
    finds there beside that title. Either is None when the rows hold none."""
    texts = [clean(v) for row in rows[:header_start] for v in row if isinstance(v, str) and v]
    title = max(
        (t for t in texts if not unit_from_text(t, need_prefix=True) and not is_motto(t)),
        key=len,
        default=None,
    )
    return title, find_reporting_unit(rows[:header_start], title)
