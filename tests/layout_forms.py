"""Forms of many layouts, written with xlsxwriter, with the findings and figures they must give.

A `Shape` says how the tables of a form are laid out: capital type as columns, as tables stacked
on one sheet, as one sheet per type, or one sheet per unit; header depth and merges, column
order, the row of column numbers, the grand total first, last or absent, a header repeated for
printing, a plan column kept from an earlier year, hidden rows, footers, a prose sheet. `build`
writes the form and returns what a right reading gives: the planted discrepancies, each with
its rule, sheet and row, and the file's TOTAL figures in đồng.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import xlsxwriter

PROJECTS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("DA1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt", []),
    ("DA2", "Dự án 2: Quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết", []),
    ("DA3", "Dự án 3: Phát triển sản xuất nông, lâm nghiệp bền vững", [
        ("DA3.TDA1", "Tiểu dự án 1: Phát triển kinh tế nông, lâm nghiệp bền vững gắn với bảo "
                     "vệ rừng và nâng cao thu nhập cho người dân"),
        ("DA3.TDA2", "Tiểu dự án 2: Hỗ trợ phát triển sản xuất theo chuỗi giá trị"),
    ]),
    ("DA4", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống", []),
    ("DA5", "Dự án 5: Phát triển giáo dục đào tạo nâng cao chất lượng nguồn nhân lực", [
        ("DA5.TDA1", "Tiểu dự án 1: Đổi mới hoạt động, củng cố phát triển các trường phổ thông "
                     "dân tộc nội trú, bán trú"),
        ("DA5.TDA3", "Tiểu dự án 3: Phát triển giáo dục nghề nghiệp và giải quyết việc làm"),
    ]),
    ("DA6", "Dự án 6: Bảo tồn, phát huy giá trị văn hóa truyền thống tốt đẹp", []),
    ("DA8", "Dự án 8: Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết", []),
    ("DA10", "Dự án 10: Truyền thông, tuyên truyền, vận động", []),
]  # fmt: skip
KINDS = ("dtpt", "sn")
CAPITAL_MODES = (
    "columns", "stacked", "sheets", "units", "stacked_units", "summary_units", "total_only",
)  # fmt: skip


@dataclass(frozen=True)
class Shape:
    """How a form is laid out (see the module's docstring)."""

    capital: str = "columns"
    two_header_rows: bool = True
    merged_header: bool = True
    number_row: bool = True
    total: str = "first"  # first | last | none
    order: tuple[str, ...] = ("plan", "disbursed", "rate")
    repeated_header: bool = False
    old_plan: str = "none"  # none | before | after: a "KH vốn năm 2022" column
    hidden_row: bool = False
    footer: bool = True
    prose_sheet: bool = False
    merged_name: bool = False
    """A line's name cell merged down over an empty row under it."""
    caption_in_columns: bool = False
    """A stacked table's caption as "B" in the STT column and its words in the name column."""
    of_which: bool = False
    """Three header rows: a group, 'Tổng số' | 'Trong đó', then 'Vốn ĐTPT' | 'Vốn SN'."""
    total_mark: str = ""
    """The grand total's STT: none, "A", "I"."""
    text: str = "nfc"
    """Header words composed (nfc), decomposed (nfd) or without diacritics (ascii); names follow
    nfc / nfd."""


@dataclass
class Line:
    """One line of a generated table: its figures in đồng per capital type."""

    code: str
    stt: str
    name: str
    plan: dict[str, int]
    disbursed: dict[str, int]
    old: int = 0
    children: list[Line] = field(default_factory=list)
    rate_shift: float = 0.0

    def total(self, group: str) -> int:
        return sum(getattr(self, group).values())


@dataclass
class Expected:
    """What a right reading of a generated form gives."""

    errors: set[tuple[str, str, int]] = field(default_factory=set)
    """(rule, sheet, row) of each planted discrepancy."""
    total: dict[str, dict[str, int | None]] = field(default_factory=dict)
    """The file's TOTAL: group -> kind -> đồng."""
    codes: list[str] = field(default_factory=list)
    """The codes of the summary, in sheet order (TOTAL left out)."""


def money(rng: random.Random, low: int, high: int) -> int:
    """An amount in đồng that a triệu-đồng cell with three decimals shows exactly."""
    return rng.randint(low, high) * 1_000


def make_lines(rng: random.Random, kinds: tuple[str, ...]) -> list[Line]:
    """Projects (some with sub-projects) with figures in each capital type of `kinds`."""
    chosen = sorted(rng.sample(range(len(PROJECTS)), rng.randint(2, 5)))
    lines: list[Line] = []
    sub_style = rng.choice(("dotted", "lower"))
    for number, index in enumerate(chosen, start=1):
        code, name, subs = PROJECTS[index]
        line = _leaf(rng, code, str(number), name, kinds)
        for sub_number, (sub_code, sub_name) in enumerate(subs, start=1):
            stt = f"{number}.{sub_number}" if sub_style == "dotted" else "abcd"[sub_number - 1]
            line.children.append(_leaf(rng, sub_code, stt, sub_name, kinds))
        if line.children:
            for group in ("plan", "disbursed"):
                for kind in kinds:
                    getattr(line, group)[kind] = sum(getattr(c, group)[kind] for c in line.children)
            line.old = sum(c.old for c in line.children)
        lines.append(line)
    return lines


def _leaf(rng: random.Random, code: str, stt: str, name: str, kinds: tuple[str, ...]) -> Line:
    plan = {k: money(rng, 50_000, 9_000_000) for k in kinds}
    disbursed = {k: plan[k] * rng.randint(0, 95) // 100 // 1_000 * 1_000 for k in kinds}
    old = sum(plan.values()) * rng.randint(40, 90) // 100 // 1_000 * 1_000
    return Line(code, stt, name, plan, disbursed, old)


def total_line(lines: list[Line], kinds: tuple[str, ...], stt: str = "") -> Line:
    top = Line("TOTAL", stt, "TỔNG CỘNG", {}, {})
    for group in ("plan", "disbursed"):
        for kind in kinds:
            getattr(top, group)[kind] = sum(getattr(ln, group)[kind] for ln in lines)
    top.old = sum(ln.old for ln in lines)
    top.children = lines
    return top


def flat(lines: list[Line]) -> list[Line]:
    return [item for line in lines for item in (line, *flat(line.children))]


@dataclass
class TableSpec:
    """One table to write: its caption, its lines (the total first, if any) and its columns."""

    caption: str | None
    lines: list[Line]
    kinds: tuple[str, ...]
    """The capital types of its figures."""
    total: Line | None
    split: bool
    """ĐTPT and SN columns beside the total; else the total alone."""
    order: tuple[str, ...]
    """Its groups of columns, in sheet order."""
    second: bool = False
    """A second table: other column order, the other header depth and merging."""


def columns_of(shape: Shape, spec: TableSpec) -> list[tuple[str, str, str]]:
    """(group words, sub-column words, field) of each amount column, in sheet order."""
    split = spec.split
    old = shape.old_plan if "rate" in spec.order else "none"  # no rate: nothing would decide
    out: list[tuple[str, str, str]] = []
    for group in spec.order:
        if group == "rate":
            out.append(("Tỷ lệ giải ngân (%)", "", "rate"))
            continue
        words = "Kế hoạch vốn năm 2023" if group == "plan" else "Kết quả giải ngân"
        if group == "plan" and old == "before":
            out.append(("Kế hoạch vốn năm 2022", "", "old"))
        if split:
            out += [(words, "Tổng số", f"{group}.total"), (words, "Vốn ĐTPT", f"{group}.dtpt"),
                    (words, "Vốn SN", f"{group}.sn")]  # fmt: skip
        else:
            out.append((words, "", f"{group}.total"))
        if group == "plan" and old == "after":
            out.append(("Kế hoạch vốn năm 2022", "", "old"))
    return out


def shown(text: str, style: str) -> str:
    """Text as a form types it: composed, decomposed, or without diacritics."""
    if style == "nfd":
        return unicodedata.normalize("NFD", text)
    if style == "ascii":
        bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(ch for ch in bare if not unicodedata.combining(ch))
    return text


def write_header(ws: Any, row: int, shape: Shape, cols: list[tuple[str, str, str]]) -> int:
    """The header rows (and the row of column numbers) at `row`; the next free row."""
    cols = [(shown(w, shape.text), shown(sub, shape.text), f) for w, sub, f in cols]
    split = any(sub for _, sub, _ in cols)
    depth = 3 if split and shape.of_which else 2 if shape.two_header_rows or split else 1
    for col, words in enumerate(["STT", "Nội dung"] + [w for w, sub, _ in cols if not sub]):
        where = col if col < 2 else 2 + [c[0] for c in cols].index(words)
        _cell(ws, shape, (row, where, row + depth - 1, where), words)
    start = 0
    while start < len(cols):
        end = start
        while cols[start][1] and end + 1 < len(cols) and cols[end + 1][0] == cols[start][0]:
            end += 1
        if cols[start][1]:
            _cell(ws, shape, (row, 2 + start, row, 2 + end), cols[start][0])
            _sub_columns(
                ws, shape, row + 1, depth, 2 + start, [c[1] for c in cols[start : end + 1]]
            )
        start = end + 1
    row += depth
    if shape.number_row:
        numbers = [f"({i})" for i in range(1, len(cols) + 3)]
        ws.write_row(row, 0, numbers)
        row += 1
    return row


def _cell(ws: Any, shape: Shape, area: tuple[int, int, int, int], words: str) -> None:
    """Words over an area of the header: merged when the form merges, else in its first cell."""
    if shape.merged_header and area[:2] != area[2:]:
        ws.merge_range(*area, words)
    else:
        ws.write(area[0], area[1], words)


def _sub_columns(ws: Any, shape: Shape, row: int, depth: int, first: int, subs: list[str]) -> None:
    """'Tổng số', 'Vốn ĐTPT', 'Vốn SN' under their group; with three header rows, the last two
    under 'Trong đó'."""
    if depth == 2:
        ws.write_row(row, first, subs)
        return
    _cell(ws, shape, (row, first, row + 1, first), subs[0])
    _cell(ws, shape, (row, first + 1, row, first + len(subs) - 1), shown("Trong đó", shape.text))
    ws.write_row(row + 1, first + 1, subs[1:])


def cell_value(line: Line, name: str) -> float:
    if name == "old":
        return line.old / 1_000_000
    if name == "rate":
        plan = line.total("plan")
        return round(line.total("disbursed") * 100 / plan, 2) + line.rate_shift if plan else 0.0
    group, kind = name.split(".")
    figures = getattr(line, group)
    return (sum(figures.values()) if kind == "total" else figures[kind]) / 1_000_000


def write_table(ws: Any, row: int, shape: Shape, spec: TableSpec, rng: random.Random) -> int:
    """One table at `row`; the next free row. Lines get their sheet rows in `line_rows`."""
    if spec.second:
        shape = replace(
            shape, two_header_rows=not shape.two_header_rows, merged_header=not shape.merged_header
        )
    if spec.caption:
        mark, words = spec.caption.split(". ", 1)
        ws.write_row(row, 0, [mark, words] if shape.caption_in_columns else [spec.caption])
        row += 1
    cols = columns_of(shape, spec)
    row = write_header(ws, row, shape, cols)
    body = flat(spec.lines)
    ordered = ([spec.total] if spec.total and shape.total == "first" else []) + body
    ordered += [spec.total] if spec.total and shape.total == "last" else []
    repeat_at = len(ordered) // 2 if shape.repeated_header and len(ordered) > 2 else -1
    for index, line in enumerate(ordered):
        if index == repeat_at:
            row = write_header(ws, row, shape, cols)
        name = shown(line.name, "nfd" if shape.text == "nfd" else "nfc")
        ws.write_row(row, 0, [line.stt, name] + [cell_value(line, c[2]) for c in cols])
        line_rows[id(line)] = row + 1
        if shape.hidden_row and index == 1:
            ws.set_row(row, None, None, {"hidden": True})
            for offset, col in enumerate(cols):
                if col[2] == "old":  # the earlier year's column hidden too
                    ws.set_column(2 + offset, 2 + offset, None, None, {"hidden": True})
        if shape.merged_name and index == len(ordered) - 1 and line is not spec.total:
            ws.merge_range(row, 0, row + 1, 0, line.stt)
            ws.merge_range(row, 1, row + 1, 1, name)
            row += 1
        row += 1
    return row


line_rows: dict[int, int] = {}
"""Sheet row (1-based) of each generated line, by the line's id, filled as tables are written."""


def plant(
    rng: random.Random, spec: TableSpec, sheet: str, expected: Expected, rates_only: bool = False
) -> None:
    """One discrepancy in a table: a stated rate off on a leaf, or a total's disbursement."""
    if (rates_only or rng.random() < 0.5) and "rate" in spec.order:
        leaf = rng.choice([ln for ln in flat(spec.lines) if not ln.children])
        if leaf.total("plan") == 0:
            return
        leaf.rate_shift = rng.choice((-1, 1)) * rng.randint(2, 9)
        expected.errors.add(("RATE_MISMATCH", sheet, -id(leaf)))
        return
    if rates_only:
        return
    top = spec.total or next((ln for ln in spec.lines if ln.children), None)
    if top is None:
        return
    top.disbursed[spec.kinds[0]] += money(rng, 1_000, 4_000)
    expected.errors.add(("SUM_MISMATCH", sheet, -id(top)))


def specs_of(shape: Shape, rng: random.Random) -> list[tuple[str, list[TableSpec]]]:
    """The sheets of the form, each with its tables."""
    mode = shape.capital

    def spec(kinds: tuple[str, ...], caption: str | None = None, second: bool = False) -> TableSpec:
        lines = make_lines(rng, kinds)
        total = total_line(lines, kinds, shape.total_mark) if shape.total != "none" else None
        split = mode in ("columns", "units", "stacked_units", "summary_units")
        order = tuple(reversed(shape.order)) if second else shape.order
        return TableSpec(caption, lines, kinds, total, split, order, second)

    if mode == "columns":
        return [("Biểu 01", [spec(KINDS)])]
    if mode == "total_only":
        return [("Biểu 01", [spec(KINDS)])]
    if mode == "stacked":
        return [("Biểu 01", [spec(("dtpt",), "A. VỐN ĐẦU TƯ PHÁT TRIỂN"),
                             spec(("sn",), "B. VỐN SỰ NGHIỆP", second=True)])]  # fmt: skip
    if mode == "stacked_units":
        return [("Biểu 01", [spec(KINDS, "I. XÃ QUÂN HÀ"),
                             spec(KINDS, "II. XÃ NGUYÊN PHÚC", second=True)])]  # fmt: skip
    if mode == "summary_units":
        units = [spec(KINDS), spec(KINDS, second=True)]
        lines = summed([t.lines for t in units])
        top = total_line(lines, KINDS, shape.total_mark) if shape.total != "none" else None
        summary = TableSpec(None, lines, KINDS, top, True, shape.order)
        return [("Tổng hợp", [summary]), ("Xã Quân Hà", units[:1]), ("Xã Nguyên Phúc", units[1:])]
    if mode == "sheets":
        return [("Vốn ĐTPT", [spec(("dtpt",))]), ("Vốn SN", [spec(("sn",), second=True)])]
    return [("Xã Quân Hà", [spec(KINDS)]), ("Xã Nguyên Phúc", [spec(KINDS, second=True)])]


def summed(parts: list[list[Line]]) -> list[Line]:
    """A summary sheet's lines: each project (and sub-project) added up over the units'."""
    found = [line for lines in parts for line in lines]
    out: list[Line] = []
    for code, name, _subs in PROJECTS:
        same = [line for line in found if line.code == code]
        if not same:
            continue
        line = _added(same, str(len(out) + 1), name)
        for index, child in enumerate(same[0].children):
            group = [s.children[index] for s in same]
            line.children.append(_added(group, "abcd"[index], child.name))
        out.append(line)
    return out


def _added(lines: list[Line], stt: str, name: str) -> Line:
    plan = {k: sum(ln.plan[k] for ln in lines) for k in KINDS}
    disbursed = {k: sum(ln.disbursed[k] for ln in lines) for k in KINDS}
    return Line(lines[0].code, stt, name, plan, disbursed, sum(ln.old for ln in lines))


def build(path: Path, shape: Shape, seed: int, planted: int = 1) -> Expected:
    """Write a form of `shape` to `path`; what a right reading of it gives."""
    rng = random.Random(seed)
    sheets = specs_of(shape, rng)
    expected = Expected()
    for _ in range(planted):
        name, tables = rng.choice(sheets)
        rates_only = shape.capital == "summary_units"  # a sum planted would cross sheets too
        plant(rng, rng.choice(tables), name, expected, rates_only)
    book = xlsxwriter.Workbook(str(path))
    line_rows.clear()
    for name, tables in sheets:
        _write_sheet(book.add_worksheet(name), shape, tables, rng)
    if shape.prose_sheet:
        prose = book.add_worksheet("Thuyết minh")
        prose.write(0, 0, "THUYẾT MINH TÌNH HÌNH GIẢI NGÂN")
        prose.write(2, 0, "Năm 2023 huyện đã giải ngân các dự án theo kế hoạch vốn được giao.")
    book.close()
    expected.errors = {(r, s, line_rows[-row]) for r, s, row in expected.errors}
    expected.codes = [ln.code for _, tables in sheets for t in tables for ln in flat(t.lines)]
    expected.total = _file_total(shape, sheets)
    return expected


def _write_sheet(ws: Any, shape: Shape, tables: list[TableSpec], rng: random.Random) -> None:
    ws.write(0, 0, "UBND HUYỆN BẠCH THÔNG")
    ws.write(1, 0, "BÁO CÁO TÌNH HÌNH GIẢI NGÂN CHƯƠNG TRÌNH MTQG DTTS&MN NĂM 2023")
    ws.write(2, 4, "Đơn vị tính: Triệu đồng")
    row = 4
    for spec in tables:
        row = write_table(ws, row, shape, spec, rng) + 1
    if shape.footer:
        ws.write(row + 1, 1, "Bạch Thông, ngày 30 tháng 6 năm 2023")
        ws.write_row(row + 2, 1, ["NGƯỜI LẬP BIỂU", "", "", "THỦ TRƯỞNG ĐƠN VỊ"])


def _file_total(
    shape: Shape, sheets: list[tuple[str, list[TableSpec]]]
) -> dict[str, dict[str, int | None]]:
    """The file's TOTAL as the stated figures give it: ĐTPT and SN known where the form says."""
    tables = [t for _, ts in sheets for t in ts]
    if shape.capital == "summary_units":
        tables = tables[:1]  # the summary's total covers its detail sheets
    out: dict[str, dict[str, int | None]] = {}
    for group in ("plan", "disbursed"):
        per_kind = {k: 0 for k in KINDS}
        for table in tables:
            tops = [table.total] if table.total else table.lines
            for kind in table.kinds:
                per_kind[kind] += sum(getattr(t, group)[kind] for t in tops)
        shown_by_type = shape.capital != "total_only"
        out[group] = {
            "total": sum(per_kind.values()),
            "dtpt": per_kind["dtpt"] if shown_by_type and _has(tables, "dtpt") else None,
            "sn": per_kind["sn"] if shown_by_type and _has(tables, "sn") else None,
        }
    return out


def _has(tables: list[TableSpec], kind: str) -> bool:
    return any(kind in t.kinds for t in tables)
