"""Every table of a sheet: tables stacked one under another, and headers repeated for printing.

A sheet may hold several tables ("A. VỐN ĐẦU TƯ PHÁT TRIỂN" then "B. VỐN SỰ NGHIỆP", each with
its caption, its header and its row of column numbers), and a long table may repeat its header
at each printed page. `layout.find_layout` stops a table at the next header row; here a header
that follows is either the same table's header repeated (same columns, no caption naming a
capital type above it: its rows are skipped and the table goes on) or the start of a new table
(other columns, or a caption such as "B. VỐN SỰ NGHIỆP": the caption is no line of the first).
"""

from __future__ import annotations

import re
from dataclasses import replace

from mtqg_cli.capital_rows import capital_type
from mtqg_cli.hierarchy import is_total_name, stt_style
from mtqg_cli.layout import Layout, find_layout, is_figure, unit_from_text
from mtqg_cli.models import Unit
from mtqg_cli.readers import RawSheet
from mtqg_cli.text import clean, fold

CAPTION_ROWS = 3
"""How many text rows above a table's header may name it."""

_DTPT = re.compile(r"\b(dau tu phat trien|dtpt|vdt|von dau tu(?! cong))\b")
_SN = re.compile(r"\b(su nghiep|vsn|von sn|kinh phi sn)\b")


def find_layouts(sheet: RawSheet) -> list[Layout]:
    """Every table of the sheet, top to bottom (empty when it has none)."""
    found: list[Layout] = []
    current = find_layout(sheet)
    while current is not None:
        following = find_layout(sheet, current.last_row + 1)
        if following is None:
            found.append(current)
            break
        caption_start = _caption_start(sheet, current, following)
        caption = _caption(sheet, caption_start, following.header_rows[0])
        if _same_table(sheet, current, following, caption_start):
            current = _joined(current, following)
            continue
        found.append(replace(current, last_row=max(current.first_row, caption_start - 1)))
        current = _stacked(
            found[0], following, caption, _unit_line(sheet, caption_start, following.header_rows[0])
        )
    return [_with_capital(sheet, layout, index, found) for index, layout in enumerate(found)]


def capital_named(text: str) -> str | None:
    """'dtpt' or 'sn' when a caption or a sheet's name names exactly one capital type."""
    folded = fold(clean(text))
    dtpt, sn = bool(_DTPT.search(folded)), bool(_SN.search(folded))
    if dtpt == sn:
        return None
    return "dtpt" if dtpt else "sn"


def _caption_start(sheet: RawSheet, current: Layout, following: Layout) -> int:
    """The first of the caption rows right above the following header: the text rows next to
    it, up to a row with figures or a blank row above them (what lies above is the table
    above's, lines left without figures too), and none that reads as a line of that table."""
    start = following.header_rows[0]
    texts = 0
    while start - 1 > current.first_row:
        row = sheet.rows[start - 1]
        if _has_figure(row) or (
            _is_line_of(sheet, row, current) and (texts or _surely_a_line(sheet, row, current))
        ):
            break
        if not any(clean(v) for v in row):
            if texts:
                break
        elif not _is_unit_line(row):
            texts += 1
            if texts > CAPTION_ROWS:
                break
        start -= 1
    while start - 1 > current.first_row and not any(clean(v) for v in sheet.rows[start - 1]):
        start -= 1  # the blank rows left under the table above
    return start


def _has_figure(row: list[object]) -> bool:
    """A figure in some cell: a number, a text number ("4 042,873") or a dash for zero."""
    return any(is_figure(v) for v in row)


def _is_unit_line(row: list[object]) -> bool:
    return any(isinstance(v, str) and unit_from_text(v, need_prefix=True) for v in row)


def _is_line_of(sheet: RawSheet, row: list[object], layout: Layout) -> bool:
    """A row of words that reads as a line of the table (an STT mark and a name, or a name
    with nothing left of it: a caption starts at the left) and names no capital type as a
    caption does ("B | VỐN SỰ NGHIỆP"), unless it surely is a line."""
    texts = [(col, clean(value)) for col, value in enumerate(row) if clean(value)]
    if not texts:
        return False
    if capital_named(" ".join(t for _, t in texts)) and not _surely_a_line(sheet, row, layout):
        return False
    name = layout.columns["name"]
    return _is_line(row, layout) or texts[0][0] == name


def _surely_a_line(sheet: RawSheet, row: list[object], layout: Layout) -> bool:
    """A line even right above a header: a catalog line by its designation, or a capital-type
    row ("- Vốn SN") of a table whose lines are split in such rows."""
    return _names_a_line(row) or (_is_split(row, layout) and _has_splits(sheet, layout))


def _is_split(row: list[object], layout: Layout) -> bool:
    name = layout.columns["name"]
    return name < len(row) and capital_type(clean(row[name])) is not None


def _has_splits(sheet: RawSheet, layout: Layout) -> bool:
    """Whether lines of the table are split in capital-type rows with figures (the last
    first: such a table has them all along)."""
    rows = (sheet.rows[r] for r in range(layout.last_row, layout.first_row - 1, -1))
    return any(_is_split(row, layout) and _has_figure(row) for row in rows)


_LINE_NAME = re.compile(
    r"^(?:[\divxlc]+(?:\.\d+)*[.)]?\s+|[a-z][.)]\s+)?"
    r"(?:du an|tieu du an|noi dung|da|tda|nd)\s*(?:so\s*)?\d+\b"
)
"""A line of the programme's catalog by its designation: "4 | Dự án 9: Đầu tư phát triển …"
names a project (whatever capital words it holds), never a table's capital type."""


def _names_a_line(row: list[object]) -> bool:
    return bool(_LINE_NAME.match(fold(" ".join(clean(v) for v in row if clean(v)))))


def _caption(sheet: RawSheet, start: int, header: int) -> str | None:
    """The words of the rows between a table's end and the next header, without unit lines."""
    texts = [
        clean(v)
        for row in sheet.rows[max(start, header - CAPTION_ROWS) : header]
        for v in row
        if isinstance(v, str) and clean(v) and not unit_from_text(v, need_prefix=True)
    ]
    return " ".join(texts) or None


def _same_table(sheet: RawSheet, current: Layout, following: Layout, caption_start: int) -> bool:
    """A header repeated for printing: the same columns; between the tables nothing but lines
    (a section "II | Xã Nguyên Phúc" goes on with the table), no caption naming a capital type;
    and no grand total closing the first part or opening the second."""
    if following.columns != current.columns:
        return False
    header = following.header_rows[0]
    caption = _caption(sheet, caption_start, header)
    if caption is not None and capital_named(caption) is not None:
        return False
    between = [sheet.rows[r] for r in range(caption_start, header)]
    if not all(_is_line_of(sheet, r, current) for r in between if any(clean(v) for v in r)):
        return False
    before = _names(sheet, current, range(caption_start - 1, current.first_row - 1, -1), 2)
    after = _names(sheet, following, range(following.first_row, following.last_row + 1), 1)
    closed = len(before) > 1 and is_total_name(before[0])  # a total first opens, not closes
    return not closed and not (after and is_total_name(after[0]))


def _is_line(row: list[object], layout: Layout) -> bool:
    """Whether a row reads as a line of the table: an STT mark and a name in their columns."""
    stt, name = layout.columns.get("stt"), layout.columns["name"]
    mark = clean(row[stt]) if stt is not None and stt < len(row) else ""
    named = name < len(row) and bool(clean(row[name]))
    return named and stt_style(mark).style != "none"


def _names(sheet: RawSheet, layout: Layout, rows: range, count: int) -> list[str]:
    """The first `count` names met going through `rows` (in the order given)."""
    col = layout.columns["name"]
    found: list[str] = []
    for index in rows:
        row = sheet.rows[index]
        text = clean(row[col]) if col < len(row) else ""
        if text:
            found.append(text)
            if len(found) == count:
                break
    return found


def _joined(current: Layout, repeated: Layout) -> Layout:
    """The table going on under its repeated header, whose rows are no lines."""
    skipped = frozenset(range(repeated.header_rows[0], repeated.first_row))
    return replace(current, last_row=repeated.last_row, skipped_rows=current.skipped_rows | skipped)


UnitLine = tuple[Unit | None, tuple[int, int] | None]


def _unit_line(sheet: RawSheet, start: int, header: int) -> UnitLine | None:
    """The unit line among the rows above a stacked table's header, if it has its own."""
    for index in range(start, header):
        for col, value in enumerate(sheet.rows[index]):
            unit = unit_from_text(value, need_prefix=True) if isinstance(value, str) else None
            if unit is not None:
                return unit, (index, col)
    return None


def _stacked(first: Layout, following: Layout, caption: str | None, own: UnitLine | None) -> Layout:
    """A table stacked under another: the sheet's title and unit are the first table's, unless
    its own caption rows declare a unit (what find_layout read above it is the table before)."""
    unit, cell = own or ((first.unit, first.unit_cell) if first.unit else (None, None))
    if unit is None:
        unit, cell = following.unit, following.unit_cell
    return replace(
        following,
        title=first.title,
        reporting_unit=first.reporting_unit,
        caption=caption,
        unit=unit,
        unit_cell=cell,
    )


def _with_capital(sheet: RawSheet, layout: Layout, index: int, found: list[Layout]) -> Layout:
    """The table's capital type from the nearest caption row that names one, or else from the
    sheet's name ("Vốn SN")."""
    header = layout.header_rows[0]
    if index == 0:
        start = _first_caption_row(sheet, max(0, header - CAPTION_ROWS), layout)
        layout = replace(layout, caption=_caption(sheet, start, header))
    else:
        start = _caption_start(sheet, found[index - 1], layout)
    rows = range(max(start, header - CAPTION_ROWS), header)
    named = (capital_named(_caption(sheet, row, row + 1) or "") for row in reversed(rows))
    capital = next((c for c in named if c), None) or capital_named(sheet.name)
    return replace(layout, capital=capital) if capital else layout


def _first_caption_row(sheet: RawSheet, start: int, layout: Layout) -> int:
    """The first text row right above the first header (rows with figures are no caption)."""
    row = layout.header_rows[0]
    while row - 1 >= start and not _has_figure(sheet.rows[row - 1]):
        row -= 1
    return row
