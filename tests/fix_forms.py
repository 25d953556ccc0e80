"""Forms with mistakes whose causes are known, for `mtqg fix`: a tree of projects and their
sub-lines with plan and disbursed money per capital type (total, ĐTPT, SN) and a rate, every
figure exact (whole thousandths of a triệu đồng); `plant` makes one mistake as a clerk would and
tells the cell, the figure it should hold and the cause.

    form = generate(seed)
    planted = plant(form, "transposed_digits", random.Random(seed))
    form.save(path)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from mtqg_cli.form.catalog import load_catalog

MILLION = 1_000_000
SHEET = "Biểu 01"
FIELDS = ("plan.total", "plan.dtpt", "plan.sn", "disbursed.total", "disbursed.dtpt",
          "disbursed.sn", "rate.total")  # fmt: skip
COLUMN = {name: index for index, name in enumerate(FIELDS, start=3)}
"""1-based column of each field: A is the STT, B the name."""
FIRST_ROW = 7
PROJECTS = {
    "DA1": ("DA1.ND1", "DA1.ND2", "DA1.ND4"),
    "DA3": ("DA3.TDA1", "DA3.TDA2"),
    "DA4": ("DA4.TDA1", "DA4.TDA2"),
    "DA5": ("DA5.TDA1", "DA5.TDA3", "DA5.TDA4"),
    "DA9": ("DA9.TDA1", "DA9.TDA2"),
}
ROMAN = ("I", "II", "III", "IV", "V")
CAUSES = ("transposed_digits", "unit_slip", "sign_flip", "omitted_line", "double_counted")


@dataclass
class Line:
    """One line: its sheet row, STT, name and true figures in đồng (rates in percent)."""

    row: int
    stt: str
    name: str
    figures: dict[str, int] = field(default_factory=dict)
    children: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Planted:
    """A mistake made: the cell (A1), the figure it should hold (đồng) and the cause."""

    cause: str
    cell: str
    row: int
    true: int


@dataclass
class Form:
    """The lines in sheet order (the total first) and the cells as typed (row, column) → value."""

    lines: list[Line]
    cells: dict[tuple[int, int], object] = field(default_factory=dict)

    @property
    def total(self) -> Line:
        return self.lines[0]

    def line_at(self, row: int) -> Line:
        return next(line for line in self.lines if line.row == row)

    def save(self, path: Path) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = SHEET
        for (row, col), value in self.cells.items():
            sheet.cell(row=row, column=col, value=value)  # type: ignore[arg-type]
        for merged in ("C5:E5", "F5:H5", "I5:I6", "A5:A6", "B5:B6"):
            sheet.merge_cells(merged)
        sheet.column_dimensions["B"].width = 44
        book.save(path)
        return path


def _figures(rng: random.Random) -> dict[str, int]:
    plan = {k: rng.randint(50_000, 9_000_000) * 1000 for k in ("dtpt", "sn")}
    spent = {k: rng.randint(0, v // 1000) * 1000 for k, v in plan.items()}
    return {
        "plan.dtpt": plan["dtpt"], "plan.sn": plan["sn"], "plan.total": sum(plan.values()),
        "disbursed.dtpt": spent["dtpt"], "disbursed.sn": spent["sn"],
        "disbursed.total": sum(spent.values()),
    }  # fmt: skip


def generate(seed: int, projects: int = 3) -> Form:
    """A clean form of `projects` projects (at most five) with their sub-lines."""
    rng = random.Random(seed)
    codes = sorted(rng.sample(sorted(PROJECTS), projects), key=lambda c: int(c[2:]))
    catalog = load_catalog()
    total = Line(FIRST_ROW, "", "TỔNG CỘNG")
    lines = [total]
    row = FIRST_ROW + 1
    for number, code in enumerate(codes):
        item = catalog.get(code)
        assert item is not None
        project = Line(row, ROMAN[number], item.name)
        lines.append(project)
        total.children.append(project)
        row += 1
        for index, sub in enumerate(PROJECTS[code], start=1):
            found = catalog.get(sub)
            assert found is not None
            child = Line(row, str(index), found.name, _figures(rng))
            project.children.append(child)
            lines.append(child)
            row += 1
    for parent in (*total.children, total):
        parent.figures = {
            name: sum(c.figures[name] for c in parent.children) for name in FIELDS[:-1]
        }
    form = Form(lines)
    _write(form)
    return form


def _write(form: Form) -> None:
    cells = form.cells
    cells[(1, 1)] = "UBND HUYỆN BẠCH THÔNG"
    cells[(2, 1)] = "BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG DTTS&MN NĂM 2023"
    cells[(3, 8)] = "Đơn vị tính: Triệu đồng"
    heads = {1: "STT", 2: "Nội dung", 3: "Kế hoạch vốn năm 2023", 6: "Giải ngân",
             9: "Tỷ lệ giải ngân (%)"}  # fmt: skip
    for col, text in heads.items():
        cells[(5, col)] = text
    for col in (3, 6):
        for offset, text in enumerate(("Tổng số", "Vốn ĐTPT", "Vốn SN")):
            cells[(6, col + offset)] = text
    for line in form.lines:
        cells[(line.row, 1)] = line.stt
        cells[(line.row, 2)] = line.name
        for name in FIELDS[:-1]:
            cells[(line.row, COLUMN[name])] = line.figures[name] / MILLION
        plan, spent = line.figures["plan.total"], line.figures["disbursed.total"]
        line.figures["rate.total"] = round(spent * 100 / plan, 2)
        cells[(line.row, COLUMN["rate.total"])] = line.figures["rate.total"]


def ref(row: int, name: str) -> str:
    return f"{get_column_letter(COLUMN[name])}{row}"


def plant(form: Form, cause: str, rng: random.Random) -> Planted:
    """Make one mistake of `cause` on the form's cells."""
    leaves = [line for line in form.lines if not line.children]
    parents = [line for line in form.total.children if len(line.children) > 1]
    if cause == "transposed_digits":
        return _transpose(form, rng.choice(leaves), rng)
    if cause == "unit_slip":  # typed in đồng on a form in triệu đồng
        leaf = rng.choice(leaves)
        true = leaf.figures["plan.dtpt"]
        form.cells[(leaf.row, COLUMN["plan.dtpt"])] = float(true)
        return Planted(cause, ref(leaf.row, "plan.dtpt"), leaf.row, true)
    if cause == "sign_flip":
        leaf = rng.choice([line for line in leaves if line.figures["disbursed.sn"]])
        true = leaf.figures["disbursed.sn"]
        form.cells[(leaf.row, COLUMN["disbursed.sn"])] = -true / MILLION
        return Planted(cause, ref(leaf.row, "disbursed.sn"), leaf.row, true)
    parent = rng.choice(parents)
    true = parent.figures["plan.sn"]
    if cause == "omitted_line":  # the parent typed without its last sub-line
        typed = true - parent.children[-1].figures["plan.sn"]
    else:  # double_counted: one sub-line added twice
        typed = true + rng.choice(parent.children).figures["plan.sn"]
    form.cells[(parent.row, COLUMN["plan.sn"])] = typed / MILLION
    return Planted(cause, ref(parent.row, "plan.sn"), parent.row, true)


def _transpose(form: Form, leaf: Line, rng: random.Random) -> Planted:
    """Swap two adjacent, different digits of the leaf's SN plan (in thousandths of a triệu)."""
    true = leaf.figures["plan.sn"]
    digits = list(str(true // 1000))
    places = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]]
    if digits[0] == "0" or not places:  # pragma: no cover - figures have differing digits
        raise ValueError("no two different adjacent digits")
    at = rng.choice([i for i in places if i > 0 or digits[1] != "0"])
    digits[at], digits[at + 1] = digits[at + 1], digits[at]
    form.cells[(leaf.row, COLUMN["plan.sn"])] = int("".join(digits)) / 1000
    return Planted("transposed_digits", ref(leaf.row, "plan.sn"), leaf.row, true)
