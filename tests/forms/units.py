"""Consolidated forms of several units: a section per unit under the total, or a sheet per unit.

A district consolidating its communes (a province its districts) lists each unit as a section
under the grand total ("I  Xã Vi Hương", its own projects under it, then "II  Xã Quân Hà" …):
each unit's line holds the sum of its projects, the total the sum of the units. Or the clerk
pastes each commune's own form into the workbook as a sheet named after the commune: real
offices do both with and without a summary sheet ("Tổng hợp", "TH") before them. Without one,
the file's total covers every sheet; with one, the summary's total is the file's (its unit
sheets are part of it), see unit_summary.py. Unit rows carry the marks I, II … (A, B … above
roman projects; none on a form that numbers no line).
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

from forms.dimensions import Shape
from forms.model import LineModel, TableModel

UNIT_NAMES = (
    "Xã Vi Hương",
    "Xã Quân Hà",
    "Xã Cẩm Giàng",
    "Xã Đôn Phong",
    "Xã Lục Bình",
    "Xã Dương Phong",
    "Xã Mỹ Thanh",
    "Xã Nguyên Phúc",
    "Thị trấn Phủ Thông",
)
"""Communes of a district (Bạch Thông, Bắc Kạn): the units a consolidated form lists."""

UnitTable = Callable[[random.Random, str, list[str] | None], TableModel]
"""One unit's own table on the sheet named: its projects (these codes when given), figures."""
SHEETS = ("sheets", "sheets_summary")
"""The values of `units` that give each unit its own sheet."""


def unit_names(rng: random.Random) -> list[str]:
    """The units a consolidated form lists, in the order the district keeps them."""
    chosen = set(rng.sample(UNIT_NAMES, rng.randint(2, 4)))
    return [name for name in UNIT_NAMES if name in chosen]


def build_units(rng: random.Random, shape: Shape, unit_table: UnitTable) -> list[TableModel]:
    """The tables of a consolidated form: one table with a section per unit, or one per unit."""
    names = unit_names(rng)
    if shape["units"] == "sheets":
        return [unit_table(rng, name, None) for name in names]
    if shape["units"] == "sheets_summary":
        from forms.unit_summary import with_summary_sheet

        return with_summary_sheet(rng, shape, names, unit_table)
    tables = [unit_table(rng, "Biểu 01", None) for _ in names]
    return [_in_sections(tables, names, shape)]


def _in_sections(tables: list[TableModel], names: list[str], shape: Shape) -> TableModel:
    """The units' tables as sections of one: each unit's root becomes its unit line."""
    first = tables[0]
    root = LineModel("total", None, "TỔNG CỘNG")
    for table, name in zip(tables, names, strict=True):
        unit = table.root
        unit.kind, unit.name, unit.parent = "unit", name, root
        root.children.append(unit)
    for name in first.fields:
        root.values[name] = sum(u.values.get(name) or 0 for u in root.children)
        if shape["formulas"] != "none":
            root.formulas[name] = "sum"
    root.rate_formula = first.root.rate_formula
    return TableModel(
        sheet=first.sheet,
        root=root,
        fields=first.fields,
        rate_fields=first.rate_fields,
        reason=first.reason,
        has_total_line=first.has_total_line,
    )


def unit_of(table: TableModel, line: LineModel, shape: Shape) -> str | None:
    """The unit a line's figures belong to (None on a form of one unit, and for the total)."""
    if one_sheet_each(shape):
        return table.sheet
    up: LineModel | None = line
    while up is not None and up.kind != "unit":
        up = up.parent
    return up.name if up is not None else None


def one_sheet_each(shape: Shape) -> bool:
    """Whether each unit has its own sheet (shapes kept before `units` existed have one)."""
    return shape.as_dict().get("units", "one") in SHEETS


def summary_key(unit: str | None, code: str) -> str:
    """The key of a code's figures in a form's summary: per unit on a consolidated form (the
    unit's name without diacritics or case: a form may write it either way)."""
    if unit is None or code == "TOTAL":
        return code
    bare = unicodedata.normalize("NFD", unit.replace("đ", "d").replace("Đ", "D"))
    folded = " ".join("".join(ch for ch in bare if not unicodedata.combining(ch)).split())
    return f"{folded.lower()} | {code}"


def unit_mark(stt_style: str, index: int) -> str:
    """The STT mark of the `index`-th unit (from 1): I, II … or A, B … above roman projects;
    none on a form that numbers no line."""
    from forms.render import roman  # render numbers the lines: units.py is imported by it

    if stt_style == "none":
        return ""
    return "ABCDEFGHIK"[index - 1] if stt_style == "roman" else roman(index)


def coherent_units(fixed: dict[str, str]) -> None:
    """Combinations of units with other dimensions no real form has (in place)."""
    if fixed.get("units", "one") == "one":
        return
    if fixed["capital"] in ("sections", "sheets", "stacked"):
        fixed["units"] = "one"  # the capital types already split the sheet or the workbook
        return
    if fixed["issuer"] == "xa":
        fixed["issuer"] = "huyen"  # a commune reports for itself: the district consolidates
    if fixed["units"] in SHEETS and fixed["file_type"].startswith("csv"):
        fixed["units"] = "sections"  # one sheet per CSV
    first_mark = unit_mark(fixed["stt_style"], 1)
    if fixed["units"] == "sections" and fixed["total_stt"] == first_mark:
        fixed["total_stt"] = "none"  # the units are I, II … (A, B … above roman projects)
