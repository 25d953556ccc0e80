"""The formulas a form's cells hold: SUM over the children, ĐTPT + SN, and rates."""

from __future__ import annotations

from forms.dimensions import Shape
from forms.grid import a1
from forms.headers import Column
from forms.model import LineModel, TableModel


def _column(cols: list[Column], left: int, group: str, kind: str, shape: Shape) -> int | None:
    if shape["capital"] == "breakdown_rows":
        kind = "total"
    for i, column in enumerate(cols):
        if column.role in ("amount", "rate") and column.group == group and column.kind == kind:
            return left + i
    return None


def ref(line: LineModel, name: str, cols: list[Column], left: int, shape: Shape) -> str | None:
    """The A1 reference of a line's figure."""
    group, kind = name.split(".")
    col = _column(cols, left, group, kind, shape)
    if col is None:
        return None
    row = line.rows["" if kind == "total" or shape["capital"] != "breakdown_rows" else kind]
    return a1(row - 1, col)


def formula_for(
    table: TableModel,
    line: LineModel,
    name: str,
    how: str,
    cols: list[Column],
    left: int,
    shape: Shape,
) -> str:
    """=SUM(…) of the children (all of them, or one short), or =ĐTPT+SN of the row."""
    if how == "types":
        group = name.split(".")[0]
        parts = [ref(line, f"{group}.{k}", cols, left, shape) for k in ("dtpt", "sn")]
        return "=" + "+".join(p for p in parts if p)
    children = line.children[:-1] if how == "sum_short" else line.children
    refs = [r for c in children if (r := ref(c, name, cols, left, shape))]
    rows = [c.row_of(name) for c in children]
    contiguous = rows == list(range(rows[0], rows[0] + len(rows))) if rows else False
    if contiguous and len(refs) > 1 and shape["capital"] != "breakdown_rows":
        return f"=SUM({refs[0]}:{refs[-1]})"
    return f"=SUM({','.join(refs)})" if refs else "=0"


def rate_formula(
    table: TableModel, line: LineModel, name: str, cols: list[Column], left: int, shape: Shape
) -> str | None:
    """=disbursed/(plan+carried over)*100 (or without *100 for an Excel percentage)."""
    kind = name.split(".")[1]
    disbursed = ref(line, f"disbursed.{kind}", cols, left, shape)
    plan = ref(line, f"plan.{kind}", cols, left, shape)
    if disbursed is None or plan is None:
        return None
    carried = None
    if table.rate_base != "plan_only":
        carried = ref(line, f"carried_over.{kind}", cols, left, shape)
    base = f"({plan}+{carried})" if carried else plan
    scale = "" if shape["rate_format"] == "excel_percent" else "*100"
    return f"={disbursed}/{base}{scale}"


def read_by_arithmetic(table: TableModel, line: LineModel, name: str) -> bool:
    """Whether a formula of the line adds or divides by the figure (=ĐTPT+SN, a rate): a text
    dash there would make it #VALUE! in Excel, where SUM would skip it."""
    group, kind = name.split(".")
    if kind != "total" and line.formulas.get(f"{group}.total") == "types":
        return True
    rate = f"rate.{kind}"
    return (
        line.rate_formula
        and group in ("disbursed", "plan", "carried_over")
        and rate in table.rate_fields
        and line.rates.get(rate) is not None
    )
