"""Seeded generator of realistic forms for the benchmark: consistent figures, real layout."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

from mtqg_cli.form.catalog import load_catalog

HEADER_TOP = [
    "STT",
    "Nội dung",
    "Kế hoạch vốn năm 2023",
    "",
    "",
    "Giải ngân đến 30/9/2023",
    "",
    "",
    "Tỷ lệ giải ngân (%)",
]
HEADER_SUB = ["", "", "Tổng số", "Vốn ĐTPT", "Vốn SN", "Tổng số", "Vốn ĐTPT", "Vốn SN", ""]
NUMBERS = ["(1)", "(2)", "(3)=(4)+(5)", "(4)", "(5)", "(6)=(7)+(8)", "(7)", "(8)", "(9)=(6)/(3)"]  # fmt: skip


@dataclass
class Node:
    """A line of the generated tree: its figures are the sum of its children's, or random."""

    stt: str
    name: str
    children: list[Node] = field(default_factory=list)
    figures: list[float] = field(default_factory=list)  # plan dtpt, plan sn, spent dtpt, spent sn

    def settle(self, rng: random.Random) -> list[float]:
        if self.children:
            parts = [child.settle(rng) for child in self.children]
            self.figures = [round(sum(p[i] for p in parts), 3) for i in range(4)]
        else:
            dtpt, sn = rng.randint(0, 4000) * 0.5, rng.randint(0, 6000) * 0.25
            self.figures = [dtpt, sn, round(dtpt * rng.random(), 3), round(sn * rng.random(), 3)]
        return self.figures

    def row(self) -> list[object]:
        pd, ps, dd, ds = self.figures
        plan, spent = round(pd + ps, 3), round(dd + ds, 3)
        rate = round(spent * 100 / plan, 2) if plan else 0
        return [self.stt, self.name, plan, pd, ps, spent, dd, ds, rate]

    def walk(self) -> list[Node]:
        return [self, *(n for c in self.children for n in c.walk())]


def project_tree(with_contents: bool) -> list[Node]:
    """The programme's projects and sub-projects numbered 1, 1.1 (with DA1's contents as -)."""
    catalog = load_catalog()
    nodes = []
    for number, project in enumerate(catalog.projects(), start=1):
        node = Node(str(number), project.name)
        subs = [c for c in catalog.children(project.code) if ".TDA" in c.code]
        for index, child in enumerate(subs, start=1):
            node.children.append(Node(f"{number}.{index}", child.name))
        if with_contents and not subs:
            node.children = [Node("-", c.name) for c in catalog.children(project.code)][:4]
        nodes.append(node)
    return nodes


def _roman(number: int) -> str:
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L")]
    table += [(40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in table:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _write(path: Path, title: str, total: Node) -> int:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    bold = book.add_format({"bold": True, "align": "center", "text_wrap": True, "border": 1})
    sheet.merge_range(0, 0, 0, 8, title, book.add_format({"bold": True, "align": "center"}))
    sheet.merge_range(2, 6, 2, 8, "Đơn vị tính: triệu đồng", book.add_format({"italic": True}))
    sheet.write_row(4, 0, HEADER_TOP, bold)
    sheet.merge_range(4, 2, 4, 4, HEADER_TOP[2], bold)
    sheet.merge_range(4, 5, 4, 7, HEADER_TOP[5], bold)
    sheet.write_row(5, 0, HEADER_SUB, bold)
    sheet.write_row(6, 0, NUMBERS)
    lines = total.walk()
    for offset, node in enumerate(lines):
        sheet.write_row(7 + offset, 0, node.row())
    sheet.write(9 + len(lines), 1, "NGƯỜI LẬP BIỂU")
    book.close()
    return len(lines)


def write_consolidated(path: Path, communes: int, rng: random.Random) -> int:
    """A province sheet: TỔNG CỘNG, then one roman-numbered section per commune."""
    sections = [Node(_roman(i + 1), f"Xã số {i + 1}", project_tree(False)) for i in range(communes)]
    total = Node("", "TỔNG CỘNG", sections)
    total.settle(rng)
    return _write(path, "TỔNG HỢP GIẢI NGÂN VỐN CTMTQG DTTS&MN CÁC XÃ", total)


def write_submission(path: Path, index: int, rng: random.Random) -> int:
    """One commune's form of about 30 lines (projects, sub-projects, some contents)."""
    total = Node("", "TỔNG CỘNG", project_tree(True))
    total.settle(rng)
    return _write(path, f"UBND XÃ SỐ {index + 1} - BÁO CÁO GIẢI NGÂN NĂM 2023", total)
