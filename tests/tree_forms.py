"""A generator of forms that vary the TREE of lines: capital-type split rows, flat lists with
compound names, STT styles, total first or last under any mark, NFC / NFD / no diacritics,
abbreviated names; and an independent oracle of the findings a form's written cells call for.

A form is a tree of catalog lines with exact figures (integer đồng, whole triệu-đồng thousandths)
written to an .xlsx with one set of amount columns (plan, disbursed, rate). `plant` changes one
cell as a clerk would; `expected` recomputes, from the written cells alone, every sum, total and
rate the form states, so a test asserts the tool finds exactly those, at their rows.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from mtqg_cli.form.catalog import load_catalog
from mtqg_cli.model.text import fold

MILLION = 1_000_000
TOLERANCE = 1_000
GROUPS = ("plan", "disbursed")
COLUMNS = {"stt": 1, "name": 2, "plan": 3, "disbursed": 4, "rate": 5}
HEADER_ROW = 5
SPLIT_LABELS = {
    "dtpt": ("- Vốn đầu tư phát triển", "- Vốn ĐTPT", "+ Vốn ĐT", "VĐT", "Trong đó: vốn ĐTPT",
             "Trong đó: vốn đầu tư"),
    "sn": ("- Vốn sự nghiệp", "- Vốn SN", "+ Vốn SN", "VSN", "Kinh phí sự nghiệp", "- Vốn SN:"),
}  # fmt: skip
TREES = {
    "DA1": ("DA1.ND1", "DA1.ND2", "DA1.ND4"),
    "DA3": ("DA3.TDA1", "DA3.TDA2"),
    "DA3.TDA2": ("DA3.TDA2.ND1", "DA3.TDA2.ND2"),
    "DA4": ("DA4.TDA1", "DA4.TDA2"),
    "DA5": ("DA5.TDA1", "DA5.TDA3", "DA5.TDA4"),
    "DA6": (),
    "DA9": ("DA9.TDA1", "DA9.TDA2"),
    "DA10": ("DA10.TDA1", "DA10.TDA3"),
    "DA10.TDA1": ("DA10.TDA1.ND1", "DA10.TDA1.ND2"),
}


@dataclass(frozen=True)
class Shape:
    """The dimensions of a form's tree this generator varies."""

    split: str = "all"  # none | all | some: capital-type rows under every line, some, none
    flat: bool = False  # all lines at one level, named by their whole path
    shuffled: bool = False  # a flat list in no particular order (parents after their sub-lines)
    compound: bool = False  # a tree whose lines are named by their whole path too
    items: bool = False  # works under some leaves, with no STT mark ("Đường liên thôn …")
    subtotals: bool = False  # a "Cộng" row closing each project's block of sub-lines
    stt: str = "roman"  # roman: I / 1 / 1.1 | plain: 1 / 1.1 / a | dash: 1 / - / +
    text: str = "nfc"  # nfc | nfd | ascii
    abbreviated: bool = False  # "DA5", "TDA3", "ND2" for "Dự án 5"…
    total_last: bool = False
    total_mark: str = ""  # "", "A", "I", "3"
    label_seed: int = 0  # which words the split rows use


@dataclass
class Node:
    """One line of the form: its code, figures per capital type, and where it is written."""

    code: str
    plan: dict[str, int]
    disbursed: dict[str, int]
    children: list[Node] = field(default_factory=list)
    split: bool = False
    row: int = 0
    split_rows: dict[str, int] = field(default_factory=dict)
    name: str = ""
    label: str = ""  # a work's name (no code): written with no STT mark


@dataclass
class Form:
    """A generated form: its tree, its shape, and every cell written (row, column) → value."""

    shape: Shape
    total: Node
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    planted: list[str] = field(default_factory=list)

    def nodes(self) -> list[Node]:
        found: list[Node] = []

        def visit(node: Node) -> None:
            found.append(node)
            for child in node.children:
                visit(child)

        visit(self.total)
        return found

    def save(self, path: Path) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Biểu 01"
        for (row, col), value in self.cells.items():
            sheet.cell(row=row, column=col, value=value)  # type: ignore[arg-type]
        book.save(path)
        return path


def _amounts(rng: random.Random, sn_only: bool) -> tuple[dict[str, int], dict[str, int]]:
    dtpt = 0 if sn_only or rng.random() < 0.2 else rng.randint(100_000, 40_000_000) * 1000
    sn = rng.randint(1_000, 5_000_000) * 1000 if rng.random() < 0.85 or not dtpt else 0
    spent = {k: rng.randint(0, v // 1000) * 1000 for k, v in (("dtpt", dtpt), ("sn", sn))}
    plan = {"dtpt": dtpt, "sn": sn, "total": dtpt + sn}
    return plan, {**spent, "total": spent["dtpt"] + spent["sn"]}


WORKS = ("Đường liên thôn Nà Pài", "Trường mầm non Bản Cáu", "Nhà văn hóa thôn Khuổi Tục",
         "Cầu treo Nà Hin", "Hỗ trợ giống cây trồng", "Tập huấn cho cán bộ thôn")  # fmt: skip


def _node(code: str, rng: random.Random, items: bool = False) -> Node:
    kids = [_node(c, rng, items) for c in TREES.get(code, ()) if rng.random() < 0.85]
    if not kids and items and rng.random() < 0.5:
        kids = [Node("", *_amounts(rng, False), label=w) for w in rng.sample(WORKS, 2)]
    if not kids:
        plan, spent = _amounts(rng, sn_only=".ND" in code and rng.random() < 0.5)
        return Node(code, plan, spent)
    node = Node(code, {}, {}, kids)
    for group in GROUPS:
        figures = {k: sum(getattr(c, group)[k] for c in kids) for k in ("total", "dtpt", "sn")}
        setattr(node, group, figures)
    return node


def generate(seed: int, shape: Shape) -> Form:
    """A clean form of `shape` with random projects and figures."""
    rng = random.Random(seed)
    codes = sorted(rng.sample([c for c in TREES if "." not in c], rng.randint(3, 6)),
                   key=lambda c: int(c[2:]))  # fmt: skip
    projects = [_node(c, rng, shape.items and not shape.flat) for c in codes]
    total = Node("TOTAL", {}, {}, projects)
    for group in GROUPS:
        figures = {k: sum(getattr(p, group)[k] for p in projects) for k in ("total", "dtpt", "sn")}
        setattr(total, group, figures)
    form = Form(shape, total)
    _decide_splits(form, rng)
    _write(form, rng)
    return form


def _decide_splits(form: Form, rng: random.Random) -> None:
    if form.shape.split == "none":
        return
    for node in form.nodes():
        node.split = form.shape.split == "all" or rng.random() < 0.5
    if form.shape.split == "some":
        for node in form.nodes():  # a parent's split is checked on children that all have one
            if node.split and node.children and not all(c.split for c in node.children):
                node.split = rng.random() < 0.5


# --------------------------------------------------------------------------- writing
def _text(form: Form, text: str) -> str:
    if form.shape.text == "nfd":
        return unicodedata.normalize("NFD", text)
    if form.shape.text == "ascii":
        return fold(text).upper() if text.isupper() else _ascii(text)
    return text


def _ascii(text: str) -> str:
    """The text without diacritics, keeping capitals (as typed on a keyboard without them)."""
    out = unicodedata.normalize("NFD", text)
    out = "".join(ch for ch in out if unicodedata.category(ch) != "Mn")
    return out.replace("đ", "d").replace("Đ", "D")


def _words(code: str, shape: Shape) -> str:
    """How a form writes a code's numbers: "Dự án 3", "Tiểu dự án 1", "DA3 - TDA1" …"""
    parts = code.split(".")
    spelled = []
    for part in parts:
        number = int(part.lstrip("DATN"))
        if part.startswith("DA"):
            spelled.append(f"DA{number}" if shape.abbreviated else f"Dự án {number}")
        elif part.startswith("TDA"):
            spelled.append(f"TDA{number}" if shape.abbreviated else f"Tiêu dự án {number}")
        else:
            spelled.append(f"ND{number}" if shape.abbreviated else f"Nội dung số {number}")
    if shape.flat or shape.compound:
        return (", " if len(parts) == 3 else " - ").join(spelled)
    return spelled[-1]


def _name(node: Node, shape: Shape) -> str:
    if node.label:
        return node.label
    if node.code == "TOTAL":
        return "TỔNG CỘNG" if not shape.total_last else "Cộng"
    item = load_catalog().get(node.code)
    assert item is not None
    rest = item.name.split(":", 1)[1].strip() if ":" in item.name else ""
    head = _words(node.code, shape)
    return f"{head}: {rest}" if rest and not shape.abbreviated else head


def _stt(node: Node, depth: int, index: int, shape: Shape) -> str:
    if node.label:
        return ""
    if node.code == "TOTAL":
        return shape.total_mark
    if shape.flat:
        return str(index)
    styles = {"roman": ("", "I", "1", "1.1"), "plain": ("", "1", "1.1", "a"),
              "dash": ("", "1", "-", "+")}[shape.stt]  # fmt: skip
    style = styles[min(depth, 3)]
    if style == "I":
        return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][index - 1]
    if style == "1.1":
        return f"{index // 100}.{index % 100}" if index >= 100 else f"1.{index}"
    if style == "a":
        return "abcdefgh"[index - 1]
    return style if style in ("-", "+") else str(index)


def _write(form: Form, rng: random.Random) -> None:
    shape, cells = form.shape, form.cells
    cells[(1, 1)] = _text(form, "UBND HUYỆN BẠCH THÔNG")
    cells[(2, 1)] = _text(form, "BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG DTTS&MN")
    cells[(3, 4)] = _text(form, "Đơn vị tính: Triệu đồng")
    heads = ("STT", "Nội dung", "Kế hoạch vốn năm 2023", "Giải ngân", "Tỷ lệ giải ngân (%)")
    for col, text in enumerate(heads, start=1):
        cells[(HEADER_ROW, col)] = _text(form, text)
    row = HEADER_ROW + 1
    order: list[tuple[Node, int, int]] = []

    def visit(node: Node, depth: int, index: int) -> None:
        order.append((node, depth, index))
        for i, child in enumerate(node.children, start=1):
            visit(child, depth + 1, i)

    visit(form.total, 0, 0)
    if shape.flat and shape.shuffled:
        order = [order[0], *rng.sample(order[1:], len(order) - 1)]
    if shape.total_last:
        order = order[1:] + order[:1]
    counter = 0
    closes = _blocks(form) if shape.subtotals and not shape.flat else {}
    for node, depth, index in order:
        counter += node.code != "TOTAL"
        node.name = _text(form, _name(node, shape))
        row = _write_line(form, node, row, _stt(node, depth, counter if shape.flat else index,
                                                      shape), rng)  # fmt: skip
        if id(node) in closes:
            form.cells[(row, COLUMNS["name"])] = _text(form, "Cộng")
            _figures(form.cells, row, closes[id(node)], "total")
            row += 1


def _blocks(form: Form) -> dict[int, Node]:
    """The last line of each project's block of sub-lines, and the project it closes."""
    closes: dict[int, Node] = {}
    for project in form.total.children:
        last = project
        while last.children:
            last = last.children[-1]
        if last is not project:
            closes[id(last)] = project
    return closes


def _write_line(form: Form, node: Node, row: int, stt: str, rng: random.Random) -> int:
    cells = form.cells
    node.row = row
    cells[(row, COLUMNS["stt"])] = stt
    cells[(row, COLUMNS["name"])] = node.name
    _figures(cells, row, node, "total")
    row += 1
    if not node.split:
        return row
    labels = random.Random(form.shape.label_seed * 7 + node.row)
    for kind in ("dtpt", "sn"):
        node.split_rows[kind] = row
        words = labels.choice(SPLIT_LABELS[kind])
        cells[(row, COLUMNS["name"])] = _text(form, words)
        _figures(cells, row, node, kind)
        row += 1
    return row


def _figures(cells: dict[tuple[int, int], object], row: int, node: Node, kind: str) -> None:
    plan, spent = node.plan[kind], node.disbursed[kind]
    cells[(row, COLUMNS["plan"])] = plan / MILLION
    cells[(row, COLUMNS["disbursed"])] = spent / MILLION
    if plan:
        cells[(row, COLUMNS["rate"])] = round(spent * 100 / plan, 2)


# --------------------------------------------------------------------------- plants and oracle
def plant(form: Form, rng: random.Random) -> str:
    """Change one cell as a clerk would: a rate, a split row's figure, a line's total."""
    nodes = [n for n in form.nodes() if n.plan["total"]]
    node = rng.choice(nodes)
    choices = ["rate", "total"] + (["split"] if node.split else [])
    what = rng.choice(choices)
    if what == "rate":
        kind = rng.choice(["dtpt", "sn"]) if node.split else "total"
        row = node.split_rows.get(kind, node.row) if kind != "total" else node.row
        if (row, COLUMNS["rate"]) not in form.cells:
            row, kind = node.row, "total"
        form.cells[(row, COLUMNS["rate"])] = float(form.cells[(row, COLUMNS["rate"])]) + 1.5  # type: ignore[arg-type]
    else:
        row = node.split_rows[rng.choice(["dtpt", "sn"])] if what == "split" else node.row
        col = COLUMNS[rng.choice(GROUPS)]
        value = float(form.cells.get((row, col)) or 0)  # type: ignore[arg-type]
        form.cells[(row, col)] = round(value + rng.choice([-1, 1]) * rng.randint(5, 90) / 10, 3)
    form.planted.append(f"{what}@{row}")
    return what


def _cell(form: Form, row: int, column: str) -> int | None:
    value = form.cells.get((row, COLUMNS[column]))
    return None if value is None else round(float(value) * MILLION)  # type: ignore[arg-type]


def written(form: Form, node: Node, group: str, kind: str) -> tuple[int | None, int]:
    """A node's figure as its cells state it, and the row it is written on."""
    row = node.row if kind == "total" else node.split_rows.get(kind, 0)
    return (_cell(form, row, group) if row else None), row


def expected(form: Form) -> set[tuple[str, int]]:
    """(rule, row) of every finding the written cells call for: sums, totals, over-spending,
    rates (each rate recomputed from the figures on its own row)."""
    found: set[tuple[str, int]] = set()
    for node in form.nodes():
        for group in GROUPS:
            _sums(form, node, group, found)
            total, _ = written(form, node, group, "total")
            if node.split and total is not None:
                dtpt, sn = (written(form, node, group, k)[0] or 0 for k in ("dtpt", "sn"))
                if abs(dtpt + sn - total) > TOLERANCE:
                    found.add(("TOTAL_MISMATCH", node.row))
        rows = [node.row, *node.split_rows.values()]
        for row in rows:
            plan, spent = _cell(form, row, "plan"), _cell(form, row, "disbursed")
            if (plan or 0) < 0 or (spent or 0) < 0:
                found.add(("NEGATIVE_AMOUNT", row))
            if plan is not None and spent is not None and spent - plan > TOLERANCE:
                found.add(("OVER_DISBURSED", row))
            stated = form.cells.get((row, COLUMNS["rate"]))
            if isinstance(stated, float) and plan and spent is not None:
                found |= _rate(stated, spent * 100 / plan, row)
    return found


def _rate(stated: float, computed: float, row: int) -> set[tuple[str, int]]:
    """RATE_MISMATCH at `row` when the stated rate is off beyond the rounding it is shown with."""
    wrong = abs(stated - computed) > 0.5 * 10 ** -_decimals(stated) + 1e-9
    return {("RATE_MISMATCH", row)} if wrong else set()


def _decimals(value: float) -> int:
    """The decimals a rate typed as a number is shown with (18.3 → 1, 45.0 → 0)."""
    text = repr(value)
    return len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0


def _sums(form: Form, node: Node, group: str, found: set[tuple[str, int]]) -> None:
    if not node.children:
        return
    for kind in ("total", "dtpt", "sn"):
        stated, row = written(form, node, group, kind)
        if stated is None:
            continue
        parts = [_value(form, child, group, kind) for child in node.children]
        if (
            all(p is not None for p in parts)
            and abs(sum(p or 0 for p in parts) - stated) > TOLERANCE
        ):
            found.add(("SUM_MISMATCH", row))


def _value(form: Form, node: Node, group: str, kind: str) -> int | None:
    """A child's figure as the tool sees it: written, else its children's sum; None when not
    known (money but no split anywhere below)."""
    value, _ = written(form, node, group, kind)
    if value is not None:
        return value
    if node.children:
        parts = [_value(form, child, group, kind) for child in node.children]
        return None if any(p is None for p in parts) else sum(p or 0 for p in parts)
    return 0 if not written(form, node, group, "total")[0] else None
