"""Forms whose parents, totals and rates are formulas, written the ways software writes them.

`FormulaForm` is a tree of project lines with leaf figures (in thousandths of a triệu, so exact
in đồng); every parent amount is a SUM formula over its child rows, every line's total is
=ĐTPT+SN and every rate =ROUND(disbursed/plan*100,2). `write` saves it as:
- "openpyxl": formulas with no saved value (a form never opened in Excel);
- "xlsxwriter_zero": xlsxwriter's default, 0 saved for every formula, recalculation asked;
- "xlsxwriter_values": the right values saved, recalculation asked (xlsxwriter's flag);
- "excel_saved": the right values saved and no recalculation asked, as Excel leaves a file.
One parent's formula in one column may be planted wrong: "short" (leaves out its last child),
"long" (adds the line after its subtree), "double" (adds a child a second time).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from build_workbooks import NAMES, header10

MODES = ("openpyxl", "xlsxwriter_zero", "xlsxwriter_values", "excel_saved")
PLANTS = ("short", "long", "double")
COLUMNS = {"plan.total": "C", "plan.dtpt": "D", "plan.sn": "E",
           "disbursed.total": "F", "disbursed.dtpt": "G", "disbursed.sn": "H"}  # fmt: skip
LEAF_FIELDS = ("plan.dtpt", "plan.sn", "disbursed.dtpt", "disbursed.sn")
FIRST_ROW = 8  # the header takes rows 5-6, the column numbers row 7
PROJECTS = {  # project code -> its children's codes, in the catalog's order
    "DA1": ["DA1.ND1", "DA1.ND2", "DA1.ND3", "DA1.ND4"],
    "DA3": ["DA3.TDA1", "DA3.TDA2"],
    "DA4": ["DA4.TDA1", "DA4.TDA2"],
    "DA5": ["DA5.TDA1", "DA5.TDA2", "DA5.TDA3", "DA5.TDA4"],
}
ROMAN = ("I", "II", "III", "IV", "V")


@dataclass
class Node:
    """One line of the form: its code, its children, its leaf figures (thousandths of a triệu)."""

    code: str
    stt: str
    name: str
    children: list[Node] = field(default_factory=list)
    leaf: dict[str, int] = field(default_factory=dict)
    row: int = 0

    def figure(self, name: str) -> int:
        """The line's true figure in thousandths of a triệu (a total is ĐTPT + SN)."""
        if name.endswith(".total"):
            group = name.split(".")[0]
            return self.figure(f"{group}.dtpt") + self.figure(f"{group}.sn")
        if self.children:
            return sum(child.figure(name) for child in self.children)
        return self.leaf[name]

    def walk(self) -> list[Node]:
        return [self, *(n for child in self.children for n in child.walk())]


@dataclass
class Plant:
    """A wrong sum formula: which parent (its row), which column, how."""

    row: int
    field: str
    kind: str


@dataclass
class FormulaForm:
    """A form to write: the total line and its tree, and where the total goes."""

    total: Node
    total_last: bool = False
    plant: Plant | None = None

    def lines(self) -> list[Node]:
        nodes = [n for child in self.total.children for n in child.walk()]
        return [*nodes, self.total] if self.total_last else [self.total, *nodes]


def make_form(
    projects: list[tuple[str, int]], figures: list[int], *, total_last: bool = False
) -> FormulaForm:
    """A form of the projects given as (code, how many children, at least 0), leaf figures
    taken in turn from `figures` (each at least 1); 10 to 100 % of each plan is disbursed."""
    total = Node("TOTAL", "", "TỔNG CỘNG")
    supply = iter(figures * 50)
    for index, (code, count) in enumerate(projects):
        project = Node(code, ROMAN[index % len(ROMAN)], NAMES[code])
        for number, child_code in enumerate(PROJECTS[code][:count], start=1):
            project.children.append(Node(child_code, str(number), NAMES[child_code]))
        for leaf in project.walk() if not project.children else project.children:
            plan_dtpt, plan_sn = next(supply), next(supply)
            leaf.leaf = {
                "plan.dtpt": plan_dtpt, "plan.sn": plan_sn,
                "disbursed.dtpt": plan_dtpt * (10 + next(supply) % 91) // 100,
                "disbursed.sn": plan_sn * (10 + next(supply) % 91) // 100,
            }  # fmt: skip
        total.children.append(project)
    form = FormulaForm(total, total_last)
    for row, node in enumerate(form.lines(), start=FIRST_ROW):
        node.row = row
    return form


def plantable(form: FormulaForm, kind: str) -> list[Node]:
    """The parents a mistake of `kind` can be planted on."""
    rows = {n.row for n in form.lines()}
    parents = [n for n in form.lines() if len(n.children) >= 2]
    if kind == "long":
        rows.discard(form.total.row)  # adding the total to its own child: a circular reference
        return [p for p in parents if p is not form.total and _after(p) in rows]
    return parents


def _after(parent: Node) -> int:
    return max(n.row for n in parent.walk()) + 1


def sum_formula(form: FormulaForm, node: Node, name: str) -> str:
    """The formula of a parent's amount: a SUM over its child rows (planted wrong if asked)."""
    col = COLUMNS[name]
    rows = [child.row for child in node.children]
    plant = form.plant
    if plant is not None and plant.row == node.row and plant.field == name:
        if plant.kind == "short":
            rows = rows[:-1]
        elif plant.kind == "long":
            rows = [*rows, _after(node)]
        else:
            rows = [*rows, rows[0]]
    if rows == list(range(rows[0], rows[0] + len(rows))) and len(rows) > 1:
        return f"=SUM({col}{rows[0]}:{col}{rows[-1]})"
    return "=" + "+".join(f"{col}{r}" for r in rows)


def cells(form: FormulaForm) -> dict[str, tuple[object, float | None]]:
    """Every data cell: (value or formula, the value a correct file saves with a formula)."""
    out: dict[str, tuple[object, float | None]] = {}
    for node in form.lines():
        r = node.row
        out[f"A{r}"] = (node.stt, None)
        out[f"B{r}"] = (node.name, None)
        for name, col in COLUMNS.items():
            true = node.figure(name) / 1000
            if name.endswith(".total"):
                part = col_of(name.replace("total", "dtpt")), col_of(name.replace("total", "sn"))
                out[f"{col}{r}"] = (f"={part[0]}{r}+{part[1]}{r}", true)
            elif node.children:
                out[f"{col}{r}"] = (sum_formula(form, node, name), true)
            else:
                out[f"{col}{r}"] = (true, None)
        out[f"I{r}"] = (f"=ROUND(F{r}/C{r}*100,2)", rate(node))
    return out


def col_of(name: str) -> str:
    return COLUMNS[name]


def rate(node: Node) -> float:
    plan, disbursed = node.figure("plan.total"), node.figure("disbursed.total")
    return round(disbursed / plan * 100 + 1e-9, 2) if plan else 0.0


def header_cells() -> list[tuple[str, str]]:
    title = "BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG DTTS&MN NĂM 2024"
    return [("A1:J1", title), ("A2:J2", "UBND HUYỆN MẪU SƠN"), ("H3:J3", "Đơn vị tính: triệu đồng"),
            *header10(5, "Nội dung", "Giải ngân")]  # fmt: skip


def write(form: FormulaForm, path: Path, mode: str) -> None:
    """Save the form as software of `mode` would (see the module's docstring)."""
    if mode == "openpyxl":
        _write_openpyxl(form, path)
    else:
        _write_xlsxwriter(form, path, with_values=mode != "xlsxwriter_zero")
        if mode == "excel_saved":
            _drop_recalculation(path)


def _write_openpyxl(form: FormulaForm, path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Biểu 01"
    for where, text in header_cells():
        first = where.split(":")[0]
        sheet[first] = text
        if ":" in where:
            sheet.merge_cells(where)
    for col in range(10):
        sheet.cell(FIRST_ROW - 1, col + 1, f"({col + 1})")
    for where, (value, _saved) in cells(form).items():
        sheet[where] = value
    book.save(path)


def _write_xlsxwriter(form: FormulaForm, path: Path, *, with_values: bool) -> None:
    write_cells(path, cells(form), with_values=with_values)


def write_cells(
    path: Path, data: dict[str, tuple[object, float | str | None]], *, with_values: bool = True
) -> None:
    """Header and data cells with xlsxwriter: a formula with the value given saved (a text
    "#DIV/0!" is saved as that error), or with xlsxwriter's 0 when not `with_values`."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    for where, text in header_cells():
        if ":" in where:
            sheet.merge_range(where, text)
        else:
            sheet.write_string(where, text)
    for col in range(10):
        sheet.write_string(FIRST_ROW - 2, col, f"({col + 1})")
    for where, (value, saved) in data.items():
        if isinstance(value, str) and value.startswith("="):
            if with_values:
                sheet.write_formula(where, value, None, saved)
            else:
                sheet.write_formula(where, value)
        elif isinstance(value, str):
            sheet.write_string(where, value)
        else:
            sheet.write_number(where, float(value))  # type: ignore[arg-type]
    book.close()


def _drop_recalculation(path: Path) -> None:
    """Remove the workbook's ask to recalculate on opening, as Excel does when it saves."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/workbook.xml"] = re.sub(rb'\s*fullCalcOnLoad="1"', b"", parts["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def formula_count(form: FormulaForm) -> int:
    """How many formula cells the form holds."""
    return sum(
        1 for value, _ in cells(form).values() if isinstance(value, str) and value[:1] == "="
    )


def nonzero_formulas(form: FormulaForm) -> int:
    """Formula cells whose right value is not 0 (xlsxwriter saves 0 for every formula)."""
    return sum(
        1
        for value, saved in cells(form).values()
        if isinstance(value, str) and value[:1] == "=" and saved
    )
