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
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from mtqg_cli.form.capital_rows import SPLIT_STYLES, capital_type
from mtqg_cli.form.layout import Layout, find_layout, is_figure, is_header_row
from mtqg_cli.form.line_codes import name_body
from mtqg_cli.form.name_codes import written_code
from mtqg_cli.form.stt_marks import is_total_name, stt_style
from mtqg_cli.form.unit_title import unit_from_text
from mtqg_cli.model.text import clean, fold
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, Unit
from mtqg_cli.read.raw import RawSheet

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
            found.append(_without_caption(sheet, current))
            break
        caption_start = _caption_start(sheet, current, following.header_rows[0])
        caption = _caption(sheet, caption_start, following.header_rows[0])
        copied = _copied(sheet, current, following, caption_start)
        if _same_table(sheet, current, following, caption_start, copied):
            current = _joined(current, following, copied)
            continue
        found.append(replace(current, last_row=max(current.first_row, caption_start - 1)))
        current = _stacked(
            found[0], following, caption, _unit_line(sheet, caption_start, following.header_rows[0])
        )
    return [_with_capital(sheet, layout, index, found) for index, layout in enumerate(found)]


@lru_cache(maxsize=4096)
def capital_named(text: str) -> str | None:
    """'dtpt' or 'sn' when a caption or a sheet's name names exactly one capital type."""
    folded = fold(clean(text))
    dtpt, sn = bool(_DTPT.search(folded)), bool(_SN.search(folded))
    if dtpt == sn:
        return None
    return "dtpt" if dtpt else "sn"


def _without_caption(sheet: RawSheet, layout: Layout) -> Layout:
    """The last table of a sheet, ending above a header row whose columns read as no table: the
    caption rows right above that header ("B. VỐN SỰ NGHIỆP") are no lines of it either."""
    rows = range(layout.last_row + 1, len(sheet.rows))
    header = next((r for r in rows if any(map(clean, sheet.rows[r]))), None)
    if header is None or not is_header_row(sheet.rows[header]):
        return layout
    start = _caption_start(sheet, layout, header)
    return replace(layout, last_row=max(layout.first_row, start - 1))


def _caption_start(sheet: RawSheet, current: Layout, header: int) -> int:
    """The first of the caption rows right above the `header` that follows: the text rows next
    to it, up to a row with figures or a blank row above them (what lies above is the table
    above's, lines left without figures too), and none that reads as a line of that table."""
    start = header
    texts = 0
    while start - 1 > current.first_row:
        row = sheet.rows[start - 1]
        if _has_figure(row) or (
            _is_line_of(sheet, row, current) and (texts or _surely_a_line(sheet, row, current))
        ):
            break
        if not any(map(clean, row)):
            if texts:
                break
        elif not _is_unit_line(row):
            texts += 1
            if texts > CAPTION_ROWS:
                break
        start -= 1
    while start - 1 > current.first_row and not any(map(clean, sheet.rows[start - 1])):
        start -= 1  # the blank rows left under the table above
    return start


def _has_figure(row: list[object]) -> bool:
    """A figure in some cell: a number, a text number ("4 042,873") or a dash for zero."""
    return any(map(is_figure, row))


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
    return _names_a_line(row) or (_names_capital(row, layout) and _has_splits(sheet, layout))


def _names_capital(row: list[object], layout: Layout) -> bool:
    """A row whose name is a capital type ("- Vốn SN", "Vốn sự nghiệp"), whatever its mark."""
    name = layout.columns["name"]
    return name < len(row) and capital_type(clean(row[name])) is not None


def _has_splits(sheet: RawSheet, layout: Layout) -> bool:
    """Whether lines of the table are split in capital-type rows with figures (the last
    first: such a table has them all along)."""
    rows = (sheet.rows[r] for r in range(layout.last_row, layout.first_row - 1, -1))
    return any(_names_capital(row, layout) and _has_figure(row) for row in rows)


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
    rows = sheet.rows[max(start, header - CAPTION_ROWS) : header]
    return " ".join(text for row in rows for text in _caption_words(row)) or None


def _caption_words(row: list[object]) -> list[str]:
    """A row's texts, cleaned, but a unit line's."""
    return [
        text
        for v in row
        if isinstance(v, str) and (text := clean(v)) and not unit_from_text(v, need_prefix=True)
    ]


def _same_table(
    sheet: RawSheet, current: Layout, following: Layout, caption_start: int, copied: frozenset[int]
) -> bool:
    """A header repeated for printing (or copied into the table): the same columns; between the
    tables nothing but lines (a section "II | Xã Nguyên Phúc", a capital-type row "- Vốn SN"
    go on with the table), no caption ("B. VỐN SỰ NGHIỆP", "XÃ NGUYÊN PHÚC"); and no grand total
    closing the first part or opening the second. Rows `copied` from the table's top are none of
    these."""
    if following.columns != current.columns:
        return False
    header = following.header_rows[0]
    between = [
        sheet.rows[r]
        for r in range(caption_start, header)
        if r not in copied and any(map(clean, sheet.rows[r]))
    ]
    owners = [_is_split(row, current) for row in between[1:]] + [False]
    if not all(
        _is_line(row, current, owner) or _is_line_of(sheet, row, current)
        for row, owner in zip(between, owners, strict=False)
    ):
        return False
    before = _names(sheet, current, range(header - 1, current.first_row - 1, -1), 2)
    rest = [r for r in range(following.first_row, following.last_row + 1) if r not in copied]
    after = _names(sheet, following, rest, 1)
    closed = len(before) > 1 and is_total_name(before[0])  # a total first opens, not closes
    return not closed and not (after and is_total_name(after[0]))


_SECTION_STYLES = frozenset({"upper", "roman"})


def _is_line(row: list[object], layout: Layout, owns_split: bool = False) -> bool:
    """Whether a row reads as a line of the table: a name, and an STT mark, a figure in an amount
    column, a project / sub-project / content number in its words, capital-type rows under it
    (`owns_split`), the words of such a row ("- Vốn SN", the split of the line above) or of an
    "of which" row ("Trong đó: vốn NSTW", a part of the line above). A
    section mark without figures whose words name a capital type ("B | VỐN SỰ NGHIỆP") is the
    caption of a table stacked under it."""
    name = _text_at(row, layout.columns["name"])
    if not name:
        return False
    style = stt_style(_stt_at(row, layout)).style
    if owns_split or _is_split(row, layout):
        return True
    if any(is_figure(row[col]) for col in _amount_columns(layout) if col < len(row)):
        return True
    if style == "none":
        body = name_body(name)  # "Trong đó: vốn NSTW": a part of the line above
        return body.startswith("trong do") or written_code(body) is not None
    if style not in _SECTION_STYLES or _names_a_line(row):
        return True  # "III | Dự án 4: … đơn vị sự nghiệp công lập": a project, not a caption
    return capital_named(f"{_stt_at(row, layout)} {name}") is None


def _is_split(row: list[object], layout: Layout) -> bool:
    """A capital-type row ("- Vốn ĐTPT", "VSN"): the split of the line above it."""
    name = _text_at(row, layout.columns["name"])
    style = stt_style(_stt_at(row, layout)).style
    return bool(name) and style in SPLIT_STYLES and capital_type(name) is not None


def _stt_at(row: list[object], layout: Layout) -> str:
    stt = layout.columns.get("stt")
    return _text_at(row, stt) if stt is not None else ""


def _amount_columns(layout: Layout) -> list[int]:
    return [col for name, col in layout.columns.items() if name in AMOUNT_FIELDS]


def _text_at(row: list[object], col: int) -> str:
    return clean(row[col]) if col < len(row) else ""


def _names(sheet: RawSheet, layout: Layout, rows: Iterable[int], count: int) -> list[str]:
    """The first `count` names met going through `rows` (in the order given), capital-type rows
    ("- Vốn ĐTPT", the split of the line above them) passed over."""
    col = layout.columns["name"]
    found: list[str] = []
    for index in rows:
        text = _text_at(sheet.rows[index], col)
        if text and capital_type(text) is None:
            found.append(text)
            if len(found) == count:
                break
    return found


def _copied(sheet: RawSheet, current: Layout, following: Layout, start: int) -> frozenset[int]:
    """Rows around a repeated header that repeat the table's top: a title, caption or unit line
    copied above it (the same cells as a row above the table's header), and the grand total
    copied under it (the same words and figures as the table's first line, a total)."""
    top = {cells for row in sheet.rows[: current.header_rows[0]] if (cells := _cells(row))}
    copied = {r for r in range(start, following.header_rows[0]) if _cells(sheet.rows[r]) in top}
    total, again = _first_filled(sheet, current), _first_filled(sheet, following)
    if (
        total is not None
        and again is not None
        and _cells(sheet.rows[total]) == _cells(sheet.rows[again])
    ):
        texts = (
            _stt_at(sheet.rows[total], current),
            _text_at(sheet.rows[total], current.columns["name"]),
        )
        if any(is_total_name(text) for text in texts if text):
            copied.add(again)
    return frozenset(copied)


def _cells(row: list[object]) -> tuple[object, ...]:
    """A row's values, texts cleaned, blanks at its end dropped (a blank row: empty)."""
    values = [clean(v) if isinstance(v, str) or v is None else v for v in row]
    while values and values[-1] == "":
        values.pop()
    return tuple(values)


def _first_filled(sheet: RawSheet, layout: Layout) -> int | None:
    """The table's first row holding anything."""
    rows = range(layout.first_row, layout.last_row + 1)
    return next((r for r in rows if r not in layout.skipped_rows and _cells(sheet.rows[r])), None)


def _joined(current: Layout, repeated: Layout, copied: frozenset[int]) -> Layout:
    """The table going on under its repeated header, whose rows (and those `copied` from the
    table's top) are no lines."""
    skipped = frozenset(range(repeated.header_rows[0], repeated.first_row)) | copied
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
    else:
        start = _caption_start(sheet, found[index - 1], header)
    rows = range(max(start, header - CAPTION_ROWS), header)
    words = [_caption_words(sheet.rows[row]) for row in rows]  # each row's, read once
    named = (capital_named(" ".join(texts)) for texts in reversed(words))
    capital = next((c for c in named if c), None) or capital_named(sheet.name)
    if index == 0:  # the first table's caption: the text rows right above its header
        caption = " ".join(text for texts in words for text in texts) or None
        if capital:
            return replace(layout, caption=caption, capital=capital)
        return replace(layout, caption=caption)
    return replace(layout, capital=capital) if capital else layout


def _first_caption_row(sheet: RawSheet, start: int, layout: Layout) -> int:
    """The first text row right above the first header (rows with figures are no caption)."""
    row = layout.header_rows[0]
    while row - 1 >= start and not _has_figure(sheet.rows[row - 1]):
        row -= 1
    return row
