"""Properties that hold for every input (hypothesis): number text, units, the tree, the sum rules."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import check, make_table
from mtqg_cli.form.cell_numbers import parse_number, to_dong
from mtqg_cli.form.hierarchy import build_tree
from mtqg_cli.model.sheet import Line
from mtqg_cli.model.vocabulary import UNIT_DECIMALS, Unit
from mtqg_cli.words.numbers import format_amount

AMOUNTS = st.integers(min_value=0, max_value=10**15)
UNITS = st.sampled_from(list(Unit))


@given(AMOUNTS, UNITS, st.sampled_from(["vi", "en"]))
def test_parsing_what_we_format_gives_back_the_amount(dong: int, unit: Unit, lang: str) -> None:
    """format_amount shows UNIT_DECIMALS digits: read back, the figure is the đồng rounded to them."""
    text = format_amount(dong, unit, lang)
    read = parse_number(text, lang)
    assert read.value is not None and read.issue is None
    step = unit.size // 10 ** UNIT_DECIMALS[unit]
    assert abs(to_dong(read.value, unit) - dong) <= step // 2
    if dong % step == 0:
        assert to_dong(read.value, unit) == dong


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False), UNITS)
def test_unit_conversion_is_exact_and_monotone(value: Decimal, unit: Unit) -> None:
    dong = to_dong(value, unit)
    assert dong == int((value * unit.size).to_integral_value(rounding="ROUND_HALF_UP"))
    assert to_dong(value + Decimal("0.001"), unit) >= dong


STT = st.sampled_from(["1", "2", "1.1", "1.2", "a", "b", "-", "+", "", "II", "A"])


@given(st.lists(st.tuples(STT, st.text(min_size=0, max_size=12)), max_size=25))
def test_every_line_is_in_the_tree_once_and_parents_come_first(rows: list[tuple[str, str]]) -> None:
    lines = [Line(row=i + 10, stt=stt, name=name) for i, (stt, name) in enumerate(rows)]
    root = build_tree(lines)
    seen: list[Line] = []

    def visit(line: Line) -> None:
        for child in line.children:
            assert child.parent is line
            assert child.row > (line.row or 0) or line.kind == "total"
            seen.append(child)
            visit(child)

    visit(root)
    expected = [ln for ln in lines if ln is not root]
    assert sorted(id(x) for x in seen) == sorted(id(x) for x in expected)


@st.composite
def consistent_tree(draw: st.DrawFn) -> list[tuple[int, str, str, dict[str, int]]]:
    """A TỔNG CỘNG row, projects with sub-projects, every parent the exact sum of its children."""
    rows: list[tuple[int, str, str, dict[str, int]]] = []
    projects = draw(st.lists(st.lists(AMOUNTS, min_size=0, max_size=3), min_size=1, max_size=5))
    row, grand = 6, 0
    for number, children in enumerate(projects, start=1):
        leaves = children or [draw(AMOUNTS)]
        parent_row = row
        rows.append((parent_row, str(number), f"Dự án {number}", {"plan.total": sum(leaves)}))
        row += 1
        for index, amount in enumerate(children, start=1):
            rows.append((row, f"{number}.{index}", f"Tiểu dự án {index}", {"plan.total": amount}))
            row += 1
        grand += sum(leaves)
    return [(5, "", "TỔNG CỘNG", {"plan.total": grand}), *rows]


@settings(max_examples=150)
@given(consistent_tree())
def test_a_consistent_tree_never_yields_sum_mismatch(rows: list) -> None:  # type: ignore[type-arg]
    assert check(make_table(rows), "SUM_MISMATCH") == []


@settings(max_examples=150)
@given(consistent_tree(), st.data(), st.integers(min_value=1_001, max_value=10**12))
def test_changing_one_leaf_beyond_tolerance_flags_its_parent(
    rows: list,
    data: st.DataObject,
    delta: int,  # type: ignore[type-arg]
) -> None:
    leaves = [i for i, r in enumerate(rows) if "." in r[1]]
    if not leaves:
        return
    index = data.draw(st.sampled_from(leaves))
    row, stt, name, amounts = rows[index]
    changed = list(rows)
    changed[index] = (row, stt, name, {"plan.total": amounts["plan.total"] + delta})
    parent_row = max(r[0] for r in rows if r[0] < row and "." not in r[1] and r[1])
    found = check(make_table(changed), "SUM_MISMATCH")
    assert (parent_row, "plan.total") in {(f.row, f.column) for f in found}
