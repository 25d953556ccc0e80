"""From a shape and a seed to the tables of a form: lines, figures, formulas, reasons and rates."""

from __future__ import annotations

import random

from forms.dimensions import Shape
from forms.model import (
    Figures,
    LineModel,
    TableModel,
    catalog_name,
    fields_of,
    leaf_figures,
    pick_codes,
    rate_fields_of,
    rate_of,
)
from forms.units import build_units

REASONS = (
    "Chưa có hướng dẫn của tỉnh",
    "Đang lựa chọn đối tượng thụ hưởng",
    "Nguồn ngân sách địa phương tỉnh thu hồi giao lại",
    "Chờ phê duyệt dự toán chi tiết",
    "Chưa đủ điều kiện giải ngân",
)
TYPE_TITLES = {"dtpt": "VỐN ĐẦU TƯ PHÁT TRIỂN", "sn": "VỐN SỰ NGHIỆP"}


def build_tables(rng: random.Random, shape: Shape) -> list[TableModel]:
    """The tables of the form, figures stated, before any discrepancy is planted."""
    if shape["units"] != "one":
        # a unit's table: the capital types never split it (see units.coherent_units)
        return build_units(rng, shape, lambda r, sheet, codes: _one_unit(r, shape, sheet, codes)[0])
    return _one_unit(rng, shape, "Biểu 01")


def _one_unit(
    rng: random.Random, shape: Shape, sheet: str, codes: list[str] | None = None
) -> list[TableModel]:
    """The tables of one unit's form (its own projects, or `codes`), the first on `sheet`."""
    codes = codes if codes is not None else pick_codes(rng, shape["depth"])
    if shape["list_style"] == "flat_compound":
        codes = [c for c in codes if not any(o.startswith(c + ".") for o in codes)]
    figures = {code: leaf_figures(rng, shape) for code in codes}
    capital = shape["capital"]
    if capital in ("sheets", "stacked"):
        # one sheet per capital type, or both tables stacked on the one sheet of the form
        sheets = ("Vốn ĐTPT", "Vốn SN") if capital == "sheets" else ("Biểu 01", "Biểu 01")
        return [
            _table(shape, codes, figures, kind, sheet, rng)
            for kind, sheet in zip(("dtpt", "sn"), sheets, strict=True)
        ]
    table = _table(shape, codes, figures, None, sheet, rng)
    if capital == "sections":
        _split_in_sections(table, codes, figures, shape, rng)
    return [table]


def _table(
    shape: Shape,
    codes: list[str],
    figures: dict[str, Figures],
    kind: str | None,
    sheet: str,
    rng: random.Random,
) -> TableModel:
    root = LineModel("total", None, "TỔNG CỘNG")
    _grow(root, codes, shape["list_style"] == "flat_compound")
    table = TableModel(
        sheet=sheet,
        root=root,
        fields=fields_of(shape, kind is not None),
        rate_fields=rate_fields_of(shape),
        reason=shape["allocation"] == "yes",
        capital=kind,
        caption=f"{'A' if kind == 'dtpt' else 'B'}. {TYPE_TITLES[kind]}" if kind else "",
        has_total_line=shape["total_position"] != "none",
        rate_base=shape["rate_base"],
    )
    _fill(table, figures, kind, shape, rng)
    return table


def _grow(root: LineModel, codes: list[str], flat: bool) -> None:
    """Lines under the root: each code under the line of its nearest chosen ancestor."""
    by_code: dict[str, LineModel] = {}
    for code in codes:
        kind = "content" if ".ND" in code else "subproject" if ".TDA" in code else "project"
        line = LineModel(kind, code, catalog_name(code))
        parent = root
        if not flat:
            ancestor = code.rsplit(".", 1)[0] if "." in code else ""
            while ancestor and ancestor not in by_code:
                ancestor = ancestor.rsplit(".", 1)[0] if "." in ancestor else ""
            parent = by_code.get(ancestor, root)
        line.parent = parent
        parent.children.append(line)
        by_code[code] = line


def _fill(
    table: TableModel,
    figures: dict[str, Figures],
    kind: str | None,
    shape: Shape,
    rng: random.Random,
) -> None:
    """Leaves get their figures, parents the sums; formulas where the form uses them."""
    formulas = shape["formulas"] != "none"
    for line in reversed(table.root.walk()):
        for name in table.fields:
            group, column_kind = name.split(".")
            if line.children:
                line.values[name] = sum(c.values[name] or 0 for c in line.children)
                if shape["formulas"] != "none" and rng.random() < 0.9:
                    line.formulas[name] = "sum"
            else:
                assert line.code is not None
                line.values[name] = figures[line.code].get(group, kind or column_kind)
            typed_total = column_kind == "total" and f"{group}.dtpt" in table.fields
            if typed_total and formulas and not line.children and rng.random() < 0.5:
                line.formulas[name] = "types"
        if not line.children and line.code and _unallocated(line, table) > 0:
            line.reason = rng.choice(REASONS)
    for line in table.root.walk():
        line.rate_formula = shape["formulas"] != "none" and rng.random() < 0.7


def _unallocated(line: LineModel, table: TableModel) -> int:
    """The line's unallocated money (every table with allocation columns has a total one)."""
    return line.values.get("unallocated.total") or 0 if table.reason else 0


def _split_in_sections(
    table: TableModel,
    codes: list[str],
    figures: dict[str, Figures],
    shape: Shape,
    rng: random.Random,
) -> None:
    """One table, a section per capital type ("A. VỐN ĐẦU TƯ PHÁT TRIỂN" …), each a tree."""
    root = table.root
    root.children = []
    for kind in ("dtpt", "sn"):
        section = LineModel("section", None, TYPE_TITLES[kind], parent=root)
        root.children.append(section)
        _grow(section, codes, shape["list_style"] == "flat_compound")
    table.fields = fields_of(shape, True)
    holder = TableModel(table.sheet, root, table.fields, table.rate_fields, table.reason)
    for section, kind in zip(root.children, ("dtpt", "sn"), strict=True):
        sub = TableModel(table.sheet, section, table.fields, [], table.reason)
        _fill(sub, figures, kind, shape, rng)
    for name in holder.fields:
        root.values[name] = sum(s.values[name] or 0 for s in root.children)
        if shape["formulas"] != "none":
            root.formulas[name] = "sum"


def evaluate(table: TableModel) -> None:
    """Recompute every formula cell from the cells it refers to, children before parents."""
    for line in reversed(table.root.walk()):
        for name in table.fields:
            how = line.formulas.get(name)
            if how in ("sum", "sum_short"):
                kids = line.children[:-1] if how == "sum_short" else line.children
                line.values[name] = sum(c.values.get(name) or 0 for c in kids)
        for name in table.fields:
            if line.formulas.get(name) == "types":
                group = name.split(".")[0]
                parts = [line.values.get(f"{group}.{k}") for k in ("dtpt", "sn")]
                line.values[name] = sum(p or 0 for p in parts)


def state_rates(table: TableModel, planted_rates: dict[int, dict[str, float]]) -> None:
    """Rates as the form states them: recomputed from the stated figures, rounded to 2 decimals
    (or exact where a formula computes them), but for the rates planted wrong."""
    for line in table.lines():
        for name in table.rate_fields:
            kind = name.split(".")[1]
            computed = rate_of(line, kind, table.rate_base)
            planted = planted_rates.get(id(line), {}).get(name)
            if planted is not None:
                line.rates[name] = planted
            elif computed is None:
                line.rates[name] = None
            else:
                line.rates[name] = computed if line.rate_formula else round(computed, 2)
