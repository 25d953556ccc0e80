"""The period a report covers, from the words above its table: an as-of date and a label.

"(Số liệu đến ngày 31/5/2023)" gives the date itself; "6 tháng đầu năm 2023", "9 tháng năm 2023",
"Quý III năm 2023" or "cả năm 2023" give the last day of the period they name. An explicit date
wins over a period's words; the label is the period's words when there are some, else the date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from mtqg_cli.model.text import fold

_AS_OF = re.compile(
    r"\b(?:den|tinh den|toi)\s+(?:het\s+)?(?:ngay\s+)?"
    r"(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+nam\s+)\s*(\d{4})\b"
)
_MONTHS = re.compile(r"\b(3|6|9|12)\s+thang(?:\s+dau)?\s+nam\s+(\d{4})\b")
_QUARTER = re.compile(r"\bquy\s+(i{1,3}|iv|[1-4])\b(?:\s*(?:nam|/)\s*(\d{4}))?")
_WHOLE_YEAR = re.compile(r"\bca nam\s+(\d{4})\b")
_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Period:
    """What a report covers: the day its figures run to, and how the form names it."""

    as_of: date
    label: str

    @property
    def quarter(self) -> str:
        """'2023-Q2' for any day of April to June 2023."""
        return quarter_of(self.as_of)


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def find_period(texts: list[str]) -> Period | None:
    """The period named by the texts above a table (title lines), or None when none is."""
    folded = [fold(text) for text in texts]
    as_of = next((d for d in map(_explicit_date, folded) if d is not None), None)
    named = next((n for n in map(_named_period, folded) if n is not None), None)
    if named is not None:
        return Period(as_of or named[0], named[1])
    return None if as_of is None else Period(as_of, _date_label(as_of))


def _explicit_date(folded: str) -> date | None:
    match = _AS_OF.search(folded)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_label(day: date) -> str:
    return f"đến {day.day}/{day.month}/{day.year}"


def _named_period(folded: str) -> tuple[date, str] | None:
    match = _MONTHS.search(folded)
    if match:
        months, year = int(match.group(1)), int(match.group(2))
        first = " đầu" if " dau " in match.group(0) else ""
        return _month_end(year, months), f"{months} tháng{first} năm {year}"
    match = _QUARTER.search(folded)
    if match and match.group(2):
        quarter, year = _QUARTER_NUMBERS[match.group(1)], int(match.group(2))
        return _month_end(year, quarter * 3), f"quý {quarter} năm {year}"
    match = _WHOLE_YEAR.search(folded)
    if match:
        year = int(match.group(1))
        return date(year, 12, 31), f"năm {year}"
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def sheet_period(rows: list[list[object]], header_rows: list[int]) -> Period | None:
    """The period named above a sheet's table (rows before its first header row, 1-based)."""
    top = (min(header_rows) - 1) if header_rows else min(len(rows), 12)
    texts = [v for row in rows[:top] for v in row if isinstance(v, str) and v.strip()]
    return find_period(texts)
