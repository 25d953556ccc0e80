"""The line frame: one row per line in sheet order, and effective figures summed on its columns
that are, for every line and field, what `line_figures.effective` works out on the tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_table, trd
from mtqg_cli.check.rules import arithmetic
from mtqg_cli.form.capital_rows import settle_unknown_splits
from mtqg_cli.form.hierarchy import derive_blanks, walk
from mtqg_cli.form.line_figures import children_sum, effective
from mtqg_cli.form.line_frame import (
    EFFECTIVE,
    KNOWN,
    STATED,
    SUMMED,
    SUMMED_KNOWN,
    line_frame,
)
from mtqg_cli.form.options import Options
from mtqg_cli.form.workbook import open_book, read_book
from mtqg_cli.model.report import SheetInfo
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, Unit

KINDS_OF_LINES = ["item", "project", "section", "breakdown", "content"]
FIGURE = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**12),
    st.sampled_from([0, 1, -1, 10**15, 10**18, -(10**18)]),  # 10**18: summed as Python integers
)


@st.composite
def trees(draw: st.DrawFn) -> Table:
    """A random tree of lines (kinds, breakdowns, blank and stated figures, figures too large for
    int64 sums), on a table with a random set of columns, ĐTPT / SN columns either of their own
    or split rows' (in the group total's column); derived beforehand as a sheet's table is, or
    (without split rows, which only reading a sheet makes) not, as a table built by hand."""
    fields = draw(st.lists(st.sampled_from(AMOUNT_FIELDS), min_size=1, max_size=8, unique=True))
    split = draw(st.booleans())
    columns = {"stt": 0, "name": 1}
    for name in fields:
        group, _, kind = name.partition(".")
        total = f"{group}.total"
        if split and kind != "total":
            columns.setdefault(total, len(columns))
            columns[name] = columns[total]
        else:
            columns.setdefault(name, len(columns))
    stated = [f for f in AMOUNT_FIELDS if f in columns]
    budget = [draw(st.integers(1, 40))]

    def node(depth: int) -> Line:
        amounts = {name: draw(FIGURE) for name in stated}
        kind = "total" if depth == 0 else draw(st.sampled_from(KINDS_OF_LINES))
        line = Line(row=0, stt="", name=f"Dòng {depth}", amounts=amounts, kind=kind)
        width = draw(st.integers(0, 4)) if depth < 5 else 0
        for _ in range(width):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            child = node(depth + 1)
            child.parent = line
            line.children.append(child)
        return line

    root = node(0)
    lines = walk(root)
    for row, line in enumerate([root, *lines], start=5):
        line.row = row
    if split or draw(st.booleans()):  # split columns are made in extraction, which derives
        derive_blanks(root, stated)
        settle_unknown_splits(root, {n for n in stated if columns[n] != _own(columns, n)})
    info = SheetInfo(name="Biểu 01", unit="dong", lines=len(lines))
    return Table("Biểu 01", Unit.dong, False, columns, root, lines, info)


def _own(columns: dict[str, int], name: str) -> int:
    """The column a field would have of its own (its group total's for a split ĐTPT / SN)."""
    group, _, kind = name.partition(".")
    return (
        -1 if kind != "total" and columns[name] == columns.get(f"{group}.total") else columns[name]
    )


def assert_frame_is_the_tree(table: Table) -> None:
    frame = line_frame(table)
    lines = [table.root, *walk(table.root)]
    assert frame["line"].tolist() == lines
    assert frame["row"].tolist() == [line.row for line in lines]
    assert frame["root"].tolist() == [i == 0 for i in range(len(lines))]
    assert frame["code"].tolist() == [line.code for line in lines]
    position = {id(line): i for i, line in enumerate(lines)}
    parents = [position[id(line.parent)] if line.parent else -1 for line in lines]
    assert frame["parent"].tolist() == parents
    depths = [0]
    for parent in parents[1:]:
        depths.append(depths[parent] + 1)
    assert frame["depth"].tolist() == depths
    for name in AMOUNT_FIELDS:
        stated = [v if k else None for v, k in zip(frame[name], frame[name + STATED], strict=True)]
        assert stated == [line.amounts.get(name) for line in lines], name
        known = frame[name + KNOWN].tolist()
        figures = [v if k else None for v, k in zip(frame[name + EFFECTIVE], known, strict=True)]
        assert figures == [effective(line, name) for line in lines], name
        known = frame[name + SUMMED_KNOWN].tolist()
        sums = [v if k else None for v, k in zip(frame[name + SUMMED], known, strict=True)]
        assert sums == [_summed(line, name) for line in lines], name


def _summed(line: Line, name: str) -> int | None:
    """What SUM_MISMATCH compares a line's stated figure with: its summed children's sum as
    `derive_blanks` and `settle_unknown_splits` leave it (worked out where they have not)."""
    if not line.summed_children:
        return None
    return line.derived[name] if name in line.derived else children_sum(line, name)


@settings(max_examples=300, deadline=None)
@given(trees())
def test_effective_figures_of_the_frame_are_the_tree_s(table: Table) -> None:
    assert_frame_is_the_tree(table)


def test_a_blank_parent_adds_up_its_summed_children_not_its_breakdowns() -> None:
    table = make_table([
        (5, "", "TỔNG CỘNG", {"plan.total": None}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": trd(100)}),
        (7, "", "Trong đó: vốn năm trước", {"plan.total": trd(40)}),
        (8, "4", "Dự án 4: Đầu tư cơ sở hạ tầng", {"plan.total": None}),
    ])  # fmt: skip
    frame = line_frame(table)
    assert frame["kind"].tolist() == ["total", "project", "breakdown", "project"]
    assert frame["plan.total:effective"].tolist() == [trd(100), trd(100), trd(40), 0]
    assert frame["plan.total:known"].tolist() == [True, True, True, False]
    assert frame["disbursed.total:known"].tolist() == [False] * 4


def test_a_parent_with_money_in_a_child_of_no_known_split_has_no_split_figure() -> None:
    """`settle_unknown_splits`: the project's ĐTPT is unknown (its SN is stated), the TOTAL still
    counts the ĐTPT the project's children add up to."""
    columns = {"stt": 0, "name": 1, "plan.total": 2, "plan.dtpt": 2, "plan.sn": 2}
    top = Line(5, "", "TỔNG CỘNG", {"plan.total": None, "plan.dtpt": None, "plan.sn": None})
    project = Line(6, "1", "Dự án 1", {"plan.total": None, "plan.dtpt": None, "plan.sn": 20})
    split = Line(7, "a", "Nội dung a", {"plan.total": 50, "plan.dtpt": 30, "plan.sn": 20})
    bare = Line(8, "b", "Nội dung b", {"plan.total": 70, "plan.dtpt": None, "plan.sn": None})
    top.children, project.parent = [project], top
    project.children = [split, bare]
    split.parent = bare.parent = project
    derive_blanks(top, ["plan.total", "plan.dtpt", "plan.sn"])
    settle_unknown_splits(top, {"plan.dtpt", "plan.sn"})
    info = SheetInfo(name="Biểu 01", unit="dong", lines=3)
    table = Table("Biểu 01", Unit.dong, False, columns, top, [project, split, bare], info)
    frame = line_frame(table)
    dtpt = [
        v if k else None
        for v, k in zip(frame["plan.dtpt:effective"], frame["plan.dtpt:known"], strict=True)
    ]
    assert dtpt == [30, None, 30, None]  # the TOTAL counted the project's 30 before it was cleared
    assert frame["plan.sn:summed"].tolist()[:2] == [20, 20]
    assert frame["plan.sn:summed_known"].tolist() == [True, False, False, False]  # stated, cleared
    assert_frame_is_the_tree(table)


def test_figures_beyond_int64_are_summed_exactly() -> None:
    rows = [(5, "", "TỔNG CỘNG", {"plan.total": None})]
    rows += [(6 + i, str(i + 1), f"Dự án {i + 1}", {"plan.total": 10**18}) for i in range(10)]
    frame = line_frame(make_table(rows))
    assert frame["plan.total:effective"].tolist()[0] == 10**19  # beyond 2**63 - 1


ROOT = Path(__file__).parents[2]
FORMS = [
    *sorted((ROOT / "src" / "mtqg_cli" / "data" / "samples").glob("*.xlsx")),
    *(ROOT / "tests" / "fixtures" / f"{name}.xlsx" for name in (
        "capital-sections", "consolidated-communes", "huyen-mau-shape", "multi-sheet-with-prose",
        "nstw-source-columns", "rates-per-type",
    )),
]  # fmt: skip


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_frames_of_real_forms_are_their_trees(path: Path) -> None:
    opened = open_book(path, Options())
    for _, readings in read_book(opened.sheets, opened.options, arithmetic):
        for reading in readings:
            assert_frame_is_the_tree(reading.table)
