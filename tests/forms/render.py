"""Laying the tables of a form out on sheets: titles, unit line, header, lines, footer, habits."""

from __future__ import annotations

import random
from decimal import Decimal

from forms.dimensions import Shape
from forms.grid import SheetGrid
from forms.headers import Column, columns_for, write_header
from forms.model import LineModel, TableModel
from forms.words import (
    BREAKDOWN_WORDS,
    FOOTERS,
    ISSUERS,
    LAST_TOTAL_NAMES,
    NOTES,
    PERIOD,
    TITLE,
    TOTAL_NAMES,
    UNIT_WORDS,
    as_unit,
    line_name,
    number_text,
    rate_text,
    spelled,
)

PROSE = (
    "THUYẾT MINH TÌNH HÌNH THỰC HIỆN",
    "1. Kết quả phân bổ: đã phân bổ 85% kế hoạch vốn được giao.",
    "2. Khó khăn, vướng mắc: một số dự án chưa có hướng dẫn; tỷ lệ giải ngân đạt 35,2%.",
    "3. Kiến nghị: đề nghị tỉnh sớm giao bổ sung 1.250 triệu đồng vốn sự nghiệp.",
)


def render(tables: list[TableModel], shape: Shape, rng: random.Random) -> list[SheetGrid]:
    """The sheets of the form, in workbook order; each line learns the rows it is written on."""
    left = 1 if shape["table_offset"] == "shifted" else 0
    sheets: list[SheetGrid] = []
    if shape["capital"] == "sheets":
        for table in tables:
            grid = SheetGrid(table.sheet)
            row = _titles(grid, left, shape, rng, table)
            row = _table(grid, row, left, table, shape, rng)
            _footer(grid, row, left, shape)
            sheets.append(grid)
    else:
        grid = SheetGrid(tables[0].sheet)
        row = _titles(grid, left, shape, rng, None)
        for table in tables:
            row = _table(grid, row, left, table, shape, rng) + 2
        _footer(grid, row - 2, left, shape)
        sheets.append(grid)
    if shape["prose_sheet"] != "none":
        prose = SheetGrid("Thuyết minh")
        for i, text in enumerate(PROSE):
            prose.put(i, 0, spelled(text, shape))
        sheets.insert(0 if shape["prose_sheet"] == "before" else len(sheets), prose)
    return sheets


def _titles(
    grid: SheetGrid, left: int, shape: Shape, rng: random.Random, table: TableModel | None
) -> int:
    """Issuing unit, national motto, title, period and unit line: the first row left free."""
    row = 2 if shape["table_offset"] == "shifted" else 0
    put = lambda r, c, text: grid.put(r, c, spelled(text, shape))  # noqa: E731
    if shape["issuer"] != "none":
        for i, text in enumerate(ISSUERS[shape["issuer"]]):
            put(row + i, left, text)
        put(row, left + 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        put(row + 1, left + 5, "Độc lập - Tự do - Hạnh phúc")
        row += 3
    put(row, left, TITLE)
    if shape["merged_cells"] != "header_only":
        grid.merge(row, left, row, left + 8)
    put(row + 1, left, PERIOD)
    row += 2
    if table is not None and table.caption:
        put(row, left, table.caption)
        row += 1
    unit_text = rng.choice(UNIT_WORDS[shape["unit"]])
    where = shape["unit_line"]
    if where == "under_title":
        put(row, left, f"({unit_text})")
        row += 1
    elif where in ("above_right", "above_left"):
        col = left + (7 if where == "above_right" else 1)
        put(row, col, unit_text)
        if shape["merged_cells"] == "title_and_unit":
            grid.merge(row, col, row, col + 2)
        row += 1
    return row + rng.choice((0, 1))


def _table(
    grid: SheetGrid, top: int, left: int, table: TableModel, shape: Shape, rng: random.Random
) -> int:
    """One table from row `top`: caption (stacked), header, lines. Returns the row below it."""
    cols = columns_for(table, shape, rng)
    if shape["capital"] == "stacked":
        grid.put(top, left, spelled(table.caption, shape), bold=True)
        top += 1
    header_top = top
    row = write_header(grid, top, left, cols, shape, rng)
    if shape["repeated_header"] == "print_titles":
        grid.print_titles = (header_top, row - 1)
    order = _sheet_order(table, shape)
    _number(table, shape)
    if shape["hidden_rows"] == "some":
        leaves = [ln for ln in order if not ln.children and ln is not table.root]
        for line in rng.sample(leaves, min(2, len(leaves))):
            line.hidden = True
    of_which: list[tuple[int, LineModel]] = []
    copy_at = (
        len(order) // 2 if shape["repeated_header"] == "copied_rows" and len(order) > 4 else -1
    )
    for index, line in enumerate(order):
        if index == copy_at:
            for r in range(header_top, row):
                for c in range(left, left + len(cols)):
                    cell = grid.cells.get((r, c))
                    if cell is not None:
                        grid.put(row + r - header_top, c, cell.value, bold=True)
            row += row - header_top
        line.rows[""] = row + 1
        row += 1
        if shape["capital"] == "breakdown_rows":
            for kind in ("dtpt", "sn"):
                line.rows[kind] = row + 1
                row += 1
        if shape["of_which_rows"] == "some" and not line.children and rng.random() < 0.3:
            if line.planted:
                continue  # its figures are the mistake: a part of them would repeat it
            of_which.append((row, line))
            row += 1
    for line in order:
        _write_line(grid, left, cols, table, line, shape, rng)
    for at, line in of_which:
        _write_of_which(grid, at, left, cols, line, shape, rng)
    return row


OF_WHICH = ("Trong đó: vốn NSTW", "Trong đó: NSĐP đối ứng", "Trong đó: vốn lồng ghép")


def _write_of_which(
    grid: SheetGrid,
    row: int,
    left: int,
    cols: list[Column],
    line: LineModel,
    shape: Shape,
    rng: random.Random,
) -> None:
    """A "Trong đó" row under a line: part of its figures, never added into any total."""
    grid.put(row, left + 1, spelled(rng.choice(OF_WHICH), shape))

    def part(name: str) -> int:
        group, kind = name.split(".")
        typed = [k for k in ("dtpt", "sn") if any(c.group == group and c.kind == k for c in cols)]
        if kind == "total" and typed:
            return sum(part(f"{group}.{k}") for k in typed)
        value = max(line.values.get(name) or 0, 0) * 3 // 5 // 1000 * 1000
        if group == "disbursed":
            value = min(value, part(f"plan.{kind}") + part(f"carried_over.{kind}"))
        return value

    for i, column in enumerate(cols):
        if column.role != "amount" or column.group in ("allocated", "unallocated"):
            continue  # the part of the money is told, not its allocation
        value = part(f"{column.group}.{column.kind}")
        grid.put(row, left + i, _figure(value, shape, rng), number_format=_amount_format(shape))


def _sheet_order(table: TableModel, shape: Shape) -> list[LineModel]:
    lines = table.root.walk()[1:]
    if not table.has_total_line:
        return lines
    return [table.root, *lines] if shape["total_position"] == "first" else [*lines, table.root]


def _number(table: TableModel, shape: Shape) -> None:
    """STT marks in the form's style; the grand total gets the mark the form gives it."""
    style = shape["stt_style"]
    mark = shape["total_stt"]
    table.root.stt = "" if mark == "none" else mark
    flat = shape["list_style"] == "flat_compound"
    sections = [c for c in table.root.children if c.kind == "section"]
    for i, section in enumerate(sections):
        section.stt = ("AB" if mark != "A" else ["I", "II"])[i]
    if not flat:
        for parent in [table.root, *sections]:
            _number_children(parent, style, 0)
    else:  # each section numbers its own lines, as the tree does; the sections keep A / B
        for parent in [table.root, *sections]:
            lines = [c for c in parent.children if c.kind != "section"]
            for i, line in enumerate(lines, start=1):
                line.stt = str(i)


def _number_children(parent: LineModel, style: str, depth: int) -> None:
    for i, child in enumerate(parent.children, start=1):
        if child.kind == "section":
            continue
        child.stt = _mark(style, depth, i, parent.stt, child)
        _number_children(child, style, depth + 1)


LETTERS = "abcdefghiklmnopqrstuvxy"


def roman(number: int) -> str:
    out = ""
    for value, mark in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out += mark * count
    return out


def _mark(style: str, depth: int, index: int, parent: str, line: LineModel) -> str:
    if style == "none":
        return ""
    if style == "numeric":
        return str(index) if depth == 0 else f"{parent}.{index}"
    if style == "skip_level":
        if depth == 0:
            return str(index)
        return "-" if line.kind == "content" else f"{parent}.{index}"
    marks = {
        "roman": (roman(index), str(index), LETTERS[index - 1]),
        "letters": (str(index), LETTERS[index - 1], "-"),
        "dashes": (str(index), "-", "+"),
    }[style]
    return marks[min(depth, 2)]


def _write_line(
    grid: SheetGrid,
    left: int,
    cols: list[Column],
    table: TableModel,
    line: LineModel,
    shape: Shape,
    rng: random.Random,
) -> None:
    row = line.rows[""] - 1
    if line is table.root:
        name = rng.choice(TOTAL_NAMES if shape["total_position"] == "first" else LAST_TOTAL_NAMES)
    else:
        name = line_name(line, shape, rng)
    bold = bool(line.children) or line is table.root
    for i, column in enumerate(cols):
        col = left + i
        if column.role == "stt":
            grid.put(row, col, line.stt or None)
        elif column.role == "name":
            grid.put(row, col, spelled(name, shape), bold=bold)
            if shape["merged_cells"] == "name_across":
                grid.merge(row, col, row, col + 1)
        elif column.role == "reason":
            grid.put(row, col, spelled(line.reason, shape) or None)
        elif column.role == "note" and not line.children and rng.random() < 0.2:
            grid.put(row, col, spelled("Đang triển khai", shape))
        elif column.role == "old":
            grid.hidden_cols.add(col)
            value = line.values.get("plan.total")
            grid.put(row, col, _figure(value and value // 5 * 4, shape, rng))
        elif column.role == "source":
            value = line.values.get("plan.total")
            grid.put(row, col, _figure(value and value // 2, shape, rng))
        elif column.role in ("amount", "rate"):
            for kind, r in _figure_rows(line, column, shape):
                name = f"{column.group}.{kind}"
                _write_figure(grid, r, col, cols, left, table, line, name, shape, rng)
    if shape["capital"] == "breakdown_rows":
        for kind in ("dtpt", "sn"):
            words = spelled(rng.choice(BREAKDOWN_WORDS[kind]), shape)
            grid.put(line.rows[kind] - 1, left + 1, words)
    if line.hidden:
        grid.hidden_rows.update(r - 1 for r in line.rows.values())


def _figure_rows(line: LineModel, column: Column, shape: Shape) -> list[tuple[str, int]]:
    """(capital type, 0-based row) of each figure a column holds for the line."""
    if shape["capital"] != "breakdown_rows":
        return [(column.kind, line.rows[""] - 1)]
    return [(k, line.rows["" if k == "total" else k] - 1) for k in ("total", "dtpt", "sn")]


def _write_figure(grid, row, col, cols, left, table, line, name, shape, rng) -> None:  # type: ignore[no-untyped-def]
    """One amount or rate cell: a number, a text, a dash, or a formula with its value."""
    from forms.formulas import formula_for, rate_formula

    if name.startswith("rate."):
        percent = line.rates.get(name)
        if percent is None:
            return
        if line.rate_formula:
            text = rate_formula(table, line, name, cols, left, shape)
            if text is not None:
                excel = shape["rate_format"] == "excel_percent"
                value = percent / 100 if excel else percent
                grid.put(row, col, value, formula=text, number_format="0.00%" if excel else "0.00")
                return
        value, number_format = _rate_cell(percent, shape, rng)
        grid.put(row, col, value, number_format=number_format)
        return
    value = line.values.get(name)
    how = line.formulas.get(name)
    if how is not None:
        text = formula_for(table, line, name, how, cols, left, shape)
        amount = float(as_unit(value or 0, shape["unit"]))
        grid.put(row, col, amount, formula=text, number_format=_amount_format(shape))
        return
    grid.put(row, col, _figure(value, shape, rng), number_format=_amount_format(shape))


def _amount_format(shape: Shape) -> str:
    return "#,##0.000" if shape["unit"] in ("trieu", "ty") else "#,##0"


def _figure(value: int | None, shape: Shape, rng: random.Random) -> object:
    if value is None:
        return None
    if value == 0:
        return {"zero": 0, "dash": "-", "blank": None}[shape["zeros"]]
    amount: Decimal = as_unit(value, shape["unit"])
    style = shape["numbers"]
    if style == "mixed":
        style = rng.choice(("numbers", "vi_text"))
    if style == "numbers":
        return float(amount) if amount != amount.to_integral_value() else int(amount)
    return number_text(amount, style)


def _rate_cell(percent: float, shape: Shape, rng: random.Random) -> tuple[object, str | None]:
    style = shape["rate_format"]
    if style == "mixed":
        style = rng.choice(("percent", "excel_percent", "text"))
    if style == "percent":
        return percent, "0.00"
    if style == "excel_percent":
        return round(percent / 100, 6), "0.00%"
    return rate_text(percent, rng), None


def _footer(grid: SheetGrid, row: int, left: int, shape: Shape) -> None:
    if shape["footer"] == "none":
        return
    row += 1
    if shape["footer"] == "notes_and_signatures":
        for text in NOTES:
            grid.put(row, left + 1, spelled(text, shape))
            row += 1
    for i, text in enumerate(FOOTERS):
        grid.put(row, left + 1 + 3 * i, spelled(text, shape), bold=True)
