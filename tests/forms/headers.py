"""The columns of a table in the order the form puts them, and its header of 1 to 3 rows."""

from __future__ import annotations

import random
from dataclasses import dataclass

from forms.dimensions import Shape
from forms.grid import SheetGrid
from forms.model import TableModel
from forms.words import GROUP_WORDS, KIND_WORDS, REASON_HEADERS, UNIT_WORDS, spelled

AMOUNT_GROUPS = ("plan", "carried_over", "allocated", "unallocated", "disbursed")


@dataclass(frozen=True)
class Column:
    """What one column of the table holds: role (stt, name, amount, rate …), group and kind."""

    role: str
    group: str = ""
    kind: str = ""


ESTIMATE_HEADERS = ("Ước giải ngân đến 31/12/2023", "Ước thực hiện cả năm 2023", "Ước GN năm 2023")


def columns_for(table: TableModel, shape: Shape, rng: random.Random) -> list[Column]:
    """The table's columns, left to right."""
    cols = [Column("stt"), Column("name")]
    if shape["merged_cells"] == "name_across":
        cols.append(Column("name_pad"))
    if shape["extra_columns"] == "spacer":
        cols.append(Column("spacer"))
    if shape["extra_columns"] == "old_hidden":
        cols.append(Column("old"))  # last year's plan, kept from an earlier version, hidden
    one_column = shape["capital"] == "breakdown_rows"
    groups = [g for g in AMOUNT_GROUPS if any(f.startswith(g + ".") for f in table.fields)]
    if shape["column_order"] == "disbursed_before_allocated" and "allocated" in groups:
        groups.remove("disbursed")
        groups.insert(groups.index("allocated"), "disbursed")
    amounts: list[Column] = []
    for group in groups:
        kinds = [f.split(".")[1] for f in table.fields if f.startswith(group + ".")]
        if one_column:
            kinds = ["total"]
        if shape["column_order"] == "types_first" and len(kinds) == 3:
            kinds = ["dtpt", "sn", "total"]
        amounts += [Column("amount", group, k) for k in kinds]
        if group == "disbursed" and shape["extra_columns"] == "estimate":
            amounts.append(Column("estimate"))  # the year's expected disbursement: not checked
        if group == "plan" and shape["extra_columns"] == "sources":
            amounts.append(Column("source", "plan", "nstw"))
    rates = [Column("rate", "rate", f.split(".")[1]) for f in table.rate_fields]
    if one_column:
        rates = rates[:1]
    reason = [Column("reason")] if table.reason else []
    if shape["column_order"] == "reason_before_rates":
        cols += amounts + reason + rates
    else:
        cols += amounts + rates + reason
    if shape["extra_columns"] == "note":
        cols.append(Column("note"))
    return cols


def _kind_label(column: Column, rng: random.Random) -> str:
    return rng.choice(KIND_WORDS[column.kind])


def _group_label(group: str, shape: Shape, rng: random.Random) -> str:
    label = rng.choice(GROUP_WORDS[group])
    if shape["unit_line"] == "in_header" and group in AMOUNT_GROUPS:
        label += f" ({UNIT_WORDS[shape['unit']][0].split(': ')[1]})"
    return label


def write_header(
    grid: SheetGrid, top: int, left: int, cols: list[Column], shape: Shape, rng: random.Random
) -> int:
    """The header rows from `top` (and the column-number row): returns the first row below."""
    depth = int(shape["header_depth"])
    bottom = top + depth - 1
    index = 0
    while index < len(cols):
        column = cols[index]
        span = (
            [
                c
                for c in cols[index:]
                if c.group == column.group and c.role in ("amount", "rate", "source")
            ]
            if column.group
            else [column]
        )
        span = span or [column]
        width = len(span)
        col = left + index
        _block(grid, top, bottom, col, span, shape, rng)
        index += width
    row = bottom + 1
    if shape["column_numbers"] in ("ints", "letters"):
        _plain_numbers(grid, row, left, cols, shape["column_numbers"])
        return row + 1
    if shape["column_numbers"] != "none":
        for i, column in enumerate(cols):
            text = f"({i + 1})"
            if (
                shape["column_numbers"] == "with_formula"
                and column.kind == "total"
                and column.role == "amount"
            ):
                dtpt = next(
                    (j for j, c in enumerate(cols) if c.group == column.group and c.kind == "dtpt"),
                    None,
                )
                sn = next(
                    (j for j, c in enumerate(cols) if c.group == column.group and c.kind == "sn"),
                    None,
                )
                if dtpt is not None and sn is not None:
                    text = f"({i + 1})=({dtpt + 1})+({sn + 1})"
            grid.put(row, left + i, text)
        row += 1
    return row


def _plain_numbers(grid: SheetGrid, row: int, left: int, cols: list, style: str) -> None:
    """A column-number row as many offices type it: numbers as numbers (1, 2, 3 …), or "A",
    "B" over the STT and name columns then 1, 2, 3 … over the figures."""
    number = 0
    for i, column in enumerate(cols):
        if style == "letters" and column.role in ("stt", "name"):
            grid.put(row, left + i, "A" if column.role == "stt" else "B")
            continue
        number += 1
        grid.put(row, left + i, number)


def _block(
    grid: SheetGrid, top: int, bottom: int, col: int, span: list, shape: Shape, rng: random.Random
) -> None:
    """The header cells of one group of columns (or of one lone column)."""
    first = span[0]
    put = lambda r, c, text: grid.put(r, c, spelled(text, shape), bold=True)  # noqa: E731
    if first.role in ("stt", "name", "reason", "note", "spacer", "name_pad", "old", "estimate"):
        text = {
            "stt": "STT",
            "name": rng.choice(("Nội dung", "Tên dự án, tiểu dự án, nội dung", "Danh mục")),
            "reason": rng.choice(REASON_HEADERS),
            "note": "Ghi chú",
            "old": "Kế hoạch vốn năm 2022",
            "estimate": rng.choice(ESTIMATE_HEADERS),
            "spacer": "",
            "name_pad": "",
        }[first.role]
        if text:
            put(top, col, text)
        if first.role == "name_pad":
            return
        last_col = col + (
            1 if first.role == "name" and shape["merged_cells"] == "name_across" else 0
        )
        grid.merge(top, col, bottom, last_col)
        return
    group = _group_label(first.group, shape, rng)
    if bottom == top:
        for i, column in enumerate(span):
            label = group if len(span) == 1 else f"{group} - {_leaf_label(column, rng)}"
            put(top, col + i, label)
        return
    if len(span) == 1 and first.kind == "total":
        put(top, col, group)
        if bottom == top + 1 and first.role == "amount":
            put(bottom, col, rng.choice(("Tổng số", "Số tiền")))
        else:
            grid.merge(top, col, bottom, col)
        return
    put(top, col, group)
    grid.merge(top, col, top, col + len(span) - 1)
    parts = [(i, c) for i, c in enumerate(span) if c.kind in ("dtpt", "sn", "nstw")]
    contiguous = bool(parts) and parts[-1][0] - parts[0][0] == len(parts) - 1
    if bottom == top + 1 or len(span) < 3 or not contiguous:
        for i, column in enumerate(span):
            put(top + 1, col + i, _leaf_label(column, rng))
            grid.merge(top + 1, col + i, bottom, col + i)
        return
    for i, column in enumerate(span):
        if column.kind == "total":
            put(top + 1, col + i, _leaf_label(column, rng))
            grid.merge(top + 1, col + i, bottom, col + i)
    first_part = parts[0][0]
    put(top + 1, col + first_part, "Trong đó")
    grid.merge(top + 1, col + first_part, top + 1, col + parts[-1][0])
    for i, column in parts:
        put(bottom, col + i, _leaf_label(column, rng))


def _leaf_label(column: Column, rng: random.Random) -> str:
    if column.kind == "nstw":
        return "Trong đó: NSTW"
    return _kind_label(column, rng)
