"""A generator of forms for the causes of mismatches, and the mistakes a clerk makes on them.

A form is a tree of catalog lines (TỔNG CỘNG, projects, sub-projects, contents) with plan and
disbursed per capital type (total, ĐTPT, SN) in triệu đồng, every figure typed (no formula), the
rate from the true figures. `plant_*` changes the written cells as a clerk would (two digits
swapped, a parent typed without its last line or with one line twice, a figure typed in đồng, a
minus sign) and returns what the hint of the mismatch it causes must say.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import xlsxwriter
from tests.tree_forms import TREES

from mtqg_cli.check.cause_digits import transpositions
from mtqg_cli.form.catalog import load_catalog
from mtqg_cli.model.vocabulary import Unit

MILLION = 1_000_000
SN = "plan.sn"
FIELDS = ("plan.total", "plan.dtpt", "plan.sn", "disbursed.total", "disbursed.dtpt", "disbursed.sn")
COLUMN = {name: index for index, name in enumerate(FIELDS, start=3)}
LETTER = {name: "CDEFGHI"[index - 3] for name, index in COLUMN.items()}
RATE_COLUMN = 9
FIRST_ROW = 7
CREATED = datetime(2023, 10, 5, 8, 0, 0)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class Node:
    """One line: its catalog code, its true figures (đồng) and where it is written."""

    code: str
    figures: dict[str, int]
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    row: int = 0
    stt: str = ""


@dataclass
class Expected:
    """What a planted mistake's mismatch must say: where it is, and its hint."""

    rule: str
    row: int
    column: str
    kind: str
    rows: list[int]
    cells: list[str]
    suggested: int


@dataclass
class CauseForm:
    """A generated form: the tree, and every figure as written (row, field) → đồng."""

    total: Node
    written: dict[tuple[int, str], int] = field(default_factory=dict)
    rates: dict[int, float] = field(default_factory=dict)
    """Rates typed otherwise than from the true figures, by row."""

    def nodes(self) -> list[Node]:
        found: list[Node] = []

        def visit(node: Node) -> None:
            found.append(node)
            for child in node.children:
                visit(child)

        visit(self.total)
        return found

    def save(self, path: Path) -> Path:
        """The form as an .xlsx; the same form gives the same bytes (a fixed creation date)."""
        book = xlsxwriter.Workbook(str(path))
        book.set_properties({"created": CREATED})
        sheet = book.add_worksheet("Biểu 01")
        for row, col, text in _heading():
            sheet.write(row - 1, col - 1, text)
        for node in self.nodes():
            sheet.write(node.row - 1, 0, node.stt)
            sheet.write(node.row - 1, 1, _name(node.code))
            for name in FIELDS:
                sheet.write_number(node.row - 1, COLUMN[name] - 1,
                                   self.written[node.row, name] / MILLION)  # fmt: skip
            stated = self.rate(node)
            if stated is not None:
                sheet.write_number(node.row - 1, RATE_COLUMN - 1, stated)
        book.close()
        return path

    def rate(self, node: Node) -> float | None:
        """The rate the form states: from the true figures, unless typed otherwise."""
        if node.row in self.rates:
            return self.rates[node.row]
        plan, spent = node.figures["plan.total"], node.figures["disbursed.total"]
        return round(spent * 100 / plan, 2) if plan else None


def _heading() -> list[tuple[int, int, str]]:
    cells = [
        (1, 1, "UBND XÃ PHONG QUANG"),
        (2, 1, "BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG DTTS&MN NĂM 2023"),
        (3, 7, "Đơn vị tính: Triệu đồng"),
        (5, 1, "STT"), (5, 2, "Nội dung"), (5, 3, "Kế hoạch vốn năm 2023"),
        (5, 6, "Giải ngân"), (5, 9, "Tỷ lệ giải ngân (%)"),
    ]  # fmt: skip
    for start in (3, 6):
        cells += [(6, start, "Tổng số"), (6, start + 1, "Vốn ĐTPT"), (6, start + 2, "Vốn SN")]
    return cells


def _name(code: str) -> str:
    if code == "TOTAL":
        return "TỔNG CỘNG"
    item = load_catalog().get(code)
    assert item is not None
    return item.name


# --------------------------------------------------------------------------- generating
def generate(rng: random.Random, codes: list[str] | None = None) -> CauseForm:
    """A clean form: three to six projects with their sub-lines, figures that add up; given
    `codes`, those projects with every sub-line of the catalog tree."""
    if codes is None:
        projects = [c for c in TREES if "." not in c]
        codes = sorted(rng.sample(projects, rng.randint(3, 6)), key=lambda c: int(c[2:]))
        total = Node("TOTAL", {}, [_node(c, rng) for c in codes])
    else:
        total = Node("TOTAL", {}, [_node(c, rng, keep=1.0) for c in codes])
    _sum(total)
    form = CauseForm(total)
    _place(form)
    return form


def _node(code: str, rng: random.Random, keep: float = 0.85) -> Node:
    kids = [_node(c, rng, keep) for c in TREES.get(code, ()) if rng.random() < keep]
    if kids:
        return Node(code, {}, kids)
    dtpt = 0 if rng.random() < 0.3 else rng.randint(100_000, 40_000_000) * 1000
    sn = rng.randint(1_000, 5_000_000) * 1000
    spent_dtpt, spent_sn = rng.randint(0, dtpt // 1000) * 1000, rng.randint(0, sn // 1000) * 1000
    figures = {"plan.dtpt": dtpt, "plan.sn": sn, "plan.total": dtpt + sn,
               "disbursed.dtpt": spent_dtpt, "disbursed.sn": spent_sn,
               "disbursed.total": spent_dtpt + spent_sn}  # fmt: skip
    return Node(code, figures)


def _sum(node: Node) -> None:
    for child in node.children:
        child.parent = node
        _sum(child)
    if node.children:
        node.figures = {f: sum(c.figures[f] for c in node.children) for f in FIELDS}


def _place(form: CauseForm) -> None:
    row = FIRST_ROW

    def visit(node: Node, depth: int, index: int) -> None:
        nonlocal row
        node.row, row = row, row + 1
        node.stt = ("", ROMAN[index - 1], str(index), f"{index}")[min(depth, 3)]
        if depth == 3 and node.parent is not None:
            node.stt = f"{node.parent.stt}.{index}"
        for name in FIELDS:
            form.written[node.row, name] = node.figures[name]
        for i, child in enumerate(node.children, start=1):
            visit(child, depth + 1, i)

    visit(form.total, 0, 0)


# --------------------------------------------------------------------------- planting
def leaves(form: CauseForm) -> list[Node]:
    return [n for n in form.nodes() if not n.children and n.parent is not None]


def cell(node: Node, name: str) -> str:
    return f"{LETTER[name]}{node.row}"


def plant_transposition(form: CauseForm, rng: random.Random) -> Expected | None:
    """Two adjacent digits of a leaf's ĐTPT or SN swapped; its total typed right."""
    choices = [(n, f) for n in leaves(form) for f in ("plan.dtpt", "plan.sn", "disbursed.sn")
               if transpositions(n.figures[f], Unit.trieu_dong)]  # fmt: skip
    if not choices:
        return None
    node, name = rng.choice(choices)
    true = node.figures[name]
    form.written[node.row, name] = rng.choice(transpositions(true, Unit.trieu_dong))
    assert node.parent is not None
    return Expected("SUM_MISMATCH", node.parent.row, name, "transposed_digits", [node.row],
                    [cell(node, name)], true)  # fmt: skip


def parents(form: CauseForm) -> list[Node]:
    return [n for n in form.nodes() if len(n.children) >= 2]


def plant_parent_sum(form: CauseForm, rng: random.Random, kind: str) -> list[Expected]:
    """A parent typed without its last line (`omitted_line`) or with one line twice
    (`double_counted`), in every column; the lines above it typed right."""
    parent = rng.choice(parents(form))
    child = parent.children[-1] if kind == "omitted_line" else rng.choice(parent.children)
    sign = -1 if kind == "omitted_line" else 1
    expected = []
    for name in FIELDS:
        figure = child.figures[name]
        form.written[parent.row, name] = parent.figures[name] + sign * figure
        if figure > 1_000 and not _other_child_has(parent, child, name):
            expected.append(Expected("SUM_MISMATCH", parent.row, name, kind, [child.row],
                                     [cell(parent, name)], parent.figures[name]))  # fmt: skip
    return expected


def _other_child_has(parent: Node, child: Node, name: str) -> bool:
    """Another line of the same figure: leaving out or doubling either would tie."""
    return any(c is not child and c.figures[name] == child.figures[name] for c in parent.children)


def plant_unit_slip(form: CauseForm, rng: random.Random, *, formulas: bool = False) -> Node:
    """A leaf's plan SN typed in đồng (a million times too large). With `formulas`, the lines
    between it and TỔNG CỘNG add it up as formulas would (their SN and totals too)."""
    deep = [n for n in leaves(form) if n.parent is not None and n.parent.parent is not None]
    node = max(deep if formulas else leaves(form), key=lambda n: n.figures["plan.sn"])
    extra = node.figures["plan.sn"] * (MILLION - 1)
    form.written[node.row, "plan.sn"] += extra
    if formulas:
        form.written[node.row, "plan.total"] += extra
        line = node.parent
        while line is not None and line.parent is not None:
            form.written[line.row, "plan.sn"] += extra
            form.written[line.row, "plan.total"] += extra
            line = line.parent
    return node


def plant_sign(form: CauseForm, rng: random.Random) -> Expected:
    """A leaf's plan SN typed with a minus sign."""
    node = rng.choice(leaves(form))
    true = node.figures["plan.sn"]
    form.written[node.row, "plan.sn"] = -true
    assert node.parent is not None
    return Expected("SUM_MISMATCH", node.parent.row, "plan.sn", "sign_flip", [node.row],
                    [cell(node, "plan.sn")], true)  # fmt: skip


def plant_total_transposition(form: CauseForm, rng: random.Random) -> Expected | None:
    """Two adjacent digits of a leaf's plan total swapped; its ĐTPT and SN typed right."""
    choices = [n for n in leaves(form) if transpositions(n.figures["plan.total"], Unit.trieu_dong)]
    if not choices:
        return None
    node = rng.choice(choices)
    true = node.figures["plan.total"]
    form.written[node.row, "plan.total"] = rng.choice(transpositions(true, Unit.trieu_dong))
    return Expected("TOTAL_MISMATCH", node.row, "plan.total", "transposed_digits", [node.row],
                    [cell(node, "plan.total")], true)  # fmt: skip


def plant_neighbour_total(form: CauseForm, rng: random.Random) -> Expected | None:
    """A leaf's plan total copied from the row above (its ĐTPT + SN), its own ĐTPT, SN right."""
    nodes = form.nodes()
    pairs = [(nodes[i - 1], n) for i, n in enumerate(nodes) if i > 1 and not n.children]
    pairs = [(a, b) for a, b in pairs if a.figures["plan.total"] != b.figures["plan.total"]]
    if not pairs:
        return None
    above, node = rng.choice(pairs)
    form.written[node.row, "plan.total"] = above.figures["plan.total"]
    return Expected("TOTAL_MISMATCH", node.row, "plan.total", "neighbour_row", [above.row],
                    [cell(node, "plan.total")], node.figures["plan.total"])  # fmt: skip


def plant_unexplained(form: CauseForm, rng: random.Random) -> tuple[Node, str]:
    """A parent's figure off by 7.000.001 đồng: no digit swap, line or unit slip makes that."""
    parent = rng.choice([n for n in form.nodes() if n.children])
    name = rng.choice(FIELDS)
    form.written[parent.row, name] += 7_000_001
    return parent, name


def plant_tie(form: CauseForm, rng: random.Random) -> Node | None:
    """Two leaves of one parent given the same plan SN, the parent typed without one of them:
    which one was left out, nothing tells."""
    candidates = [n for n in form.nodes() if sum(1 for c in n.children if not c.children) >= 2]
    if not candidates:
        return None
    parent = rng.choice(candidates)
    first, second = [c for c in parent.children if not c.children][:2]
    w = form.written
    w[second.row, SN] = w[first.row, SN]
    w[second.row, "plan.total"] = w[second.row, "plan.dtpt"] + w[second.row, SN]
    w[parent.row, SN] = sum(w[c.row, SN] for c in parent.children) - w[first.row, SN]
    w[parent.row, "plan.total"] = w[parent.row, "plan.dtpt"] + w[parent.row, SN]
    return parent
