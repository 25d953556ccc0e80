"""The STT hierarchy: styles of STT marks, the tree of lines, and the codes lines get."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import trd, tree
from mtqg_cli.form.hierarchy import derive_blanks, walk
from mtqg_cli.form.stt_marks import is_total_name, stt_style
from mtqg_cli.model.sheet import Line
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS


# --------------------------------------------------------------------------- stt_style
@pytest.mark.parametrize(
    ("stt", "style", "rank"),
    [
        ("A", "upper", 1),
        ("B", "upper", 1),
        ("C", "upper", 1),  # third capital-type section, not roman 100
        ("I", "roman", 2),
        ("II", "roman", 2),
        ("IV", "roman", 2),
        ("XII", "roman", 2),
        ("1", "integer", 3),
        ("12", "integer", 3),
        ("1.", "integer", 3),
        ("(3)", "integer", 3),
        ("1.1", "dotted", 4),
        ("3.2", "dotted", 4),
        ("3.2.1", "dotted", 5),
        ("a", "lower", 6),
        ("a)", "lower", 6),
        ("b.", "lower", 6),
        ("đ", "lower", 6),
        ("-", "dash", 7),
        ("–", "dash", 7),
        ("•", "dash", 7),
        ("+", "plus", 8),
        ("*", "star", 9),
        ("", "none", 99),
        ("  ", "none", 99),
    ],
)
def test_stt_style(stt: str, style: str, rank: int) -> None:
    found = stt_style(stt)
    assert (found.style, found.rank) == (style, rank)


@pytest.mark.parametrize(
    ("name", "total"),
    [("TỔNG CỘNG", True), ("Tổng số", True), ("Cộng", True), ("Tổng cộng:", True),
     ("Toàn huyện", True), ("Dự án 1", False), ("Cộng đồng dân cư thôn bản", False)],
)  # fmt: skip
def test_is_total_name(name: str, total: bool) -> None:
    assert is_total_name(name) is total


# --------------------------------------------------------------------------- grand total
def test_total_first_is_root() -> None:
    root, by = tree([(5, "", "TỔNG CỘNG"), (6, "1", "Dự án 1"), (7, "2", "Dự án 4")])
    assert root is by[5]
    assert root.kind == "total"
    assert [c.row for c in root.children] == [6, 7]
    assert by[6].parent is root


def test_total_last_is_root() -> None:
    root, by = tree([(6, "1", "Dự án 1"), (7, "2", "Dự án 4"), (8, "", "Cộng")])
    assert root is by[8]
    assert root.kind == "total"
    assert [c.row for c in root.children] == [6, 7]
    assert by[8].parent is None


def test_without_total_the_root_is_virtual() -> None:
    root, _ = tree([(6, "1", "Dự án 1"), (7, "2", "Dự án 4")])
    assert root.kind == "root"
    assert root.row == 0
    assert [c.row for c in root.children] == [6, 7]


def test_walk_is_sheet_order() -> None:
    root, _ = tree([(5, "", "TỔNG CỘNG"), (6, "1", "Dự án 3"), (7, "3.1", "Tiểu dự án 1"),
                    (8, "2", "Dự án 4")])  # fmt: skip
    assert [line.row for line in walk(root)] == [6, 7, 8]


# --------------------------------------------------------------------------- codes
def test_subprojects_take_the_project_from_their_parent() -> None:
    _, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "3", "Dự án 3: Phát triển sản xuất nông, lâm nghiệp bền vững"),
        (7, "3.1", "Tiểu dự án 1: Phát triển kinh tế nông, lâm nghiệp"),
        (8, "3.2", "Tiêu dự án 2: Hỗ trợ phát triển sản xuất theo chuỗi giá trị"),  # seed spelling
    ])  # fmt: skip
    assert (by[6].kind, by[6].code) == ("project", "DA3")
    assert (by[7].kind, by[7].code, by[7].parent) == ("subproject", "DA3.TDA1", by[6])
    assert (by[8].kind, by[8].code, by[8].parent) == ("subproject", "DA3.TDA2", by[6])


def test_names_win_over_stt_numbers() -> None:
    _, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "5", "Dự án 5"),
        (7, "5.1", "Tiểu dự án 3"),
        (8, "7", "Dự án 8"),
    ])  # fmt: skip
    assert by[7].code == "DA5.TDA3"
    assert by[7].parent is by[6]
    assert by[8].code == "DA8"
    assert by[8].parent is by[5]


@pytest.mark.parametrize(
    ("name", "code"),
    [("Dự án 4", "DA4"), ("DỰ ÁN 10", "DA10"), ("DA6", "DA6"), ("Dự án số 9", "DA9"),
     ("(8). Dự án 8: Thực hiện bình đẳng giới", "DA8"), ("Du an 2", "DA2"),
     (unicodedata.normalize("NFD", "Dự án 7"), "DA7")],
)  # fmt: skip
def test_project_names(name: str, code: str) -> None:
    _, by = tree([(5, "", "TỔNG CỘNG"), (6, "1", name)])
    assert (by[6].kind, by[6].code, by[6].unknown_code) == ("project", code, None)


def test_project_dot_number_is_a_subproject() -> None:
    _, by = tree([(5, "", "TỔNG CỘNG"), (6, "", "Dự án 5.3")])
    assert by[6].code == "DA5.TDA3"


def test_project_dot_number_lines_sit_under_their_project() -> None:
    # "Dự án 5.1" is a sub-project of "Dự án 5": it must not be a sibling (the total would
    # then add DA5 and its sub-projects together).
    _, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "", "Dự án 5"),
        (7, "", "Dự án 5.1"),
        (8, "", "Dự án 5.3"),
        (9, "", "Dự án 6"),
    ])  # fmt: skip
    assert [(by[r].code, by[r].kind) for r in (7, 8)] == [
        ("DA5.TDA1", "subproject"), ("DA5.TDA3", "subproject")
    ]  # fmt: skip
    assert by[7].parent is by[6]
    assert by[8].parent is by[6]
    assert by[9].parent is by[5]


def test_subproject_naming_its_project() -> None:
    _, by = tree([(5, "", "TỔNG CỘNG"), (6, "1", "Tiểu dự án 2 thuộc Dự án 9")])
    assert by[6].code == "DA9.TDA2"


def test_content_number_under_project() -> None:
    _, by = tree([(5, "", "TỔNG CỘNG"), (6, "1", "Dự án 1"), (7, "a", "Nội dung số 2")])
    assert (by[7].kind, by[7].code, by[7].parent) == ("content", "DA1.ND2", by[6])


def test_content_by_keywords_under_project() -> None:
    _, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "1", "Dự án 1"),
        (7, "-", "Hỗ trợ nhà ở"),
        (8, "-", "Hỗ trợ nước sinh hoạt phân tán"),
        (9, "-", "Chi phí quản lý"),
    ])  # fmt: skip
    assert (by[7].kind, by[7].code) == ("content", "DA1.ND2")
    assert (by[8].kind, by[8].code) == ("content", "DA1.ND4")
    assert (by[9].kind, by[9].code) == ("item", None)
    assert all(by[r].parent is by[6] for r in (7, 8, 9))


def test_content_mark_inside_the_name() -> None:
    _, by = tree([(5, "", "TỔNG CỘNG"), (6, "1", "Dự án 1"), (7, "", "- Hỗ trợ nhà ở")])
    assert by[7].code == "DA1.ND2"


@pytest.mark.parametrize(
    ("rows", "row", "unknown"),
    [
        ([(6, "11", "Dự án 11: Hỗ trợ khác")], 6, "DA11"),
        ([(6, "3", "Dự án 3"), (7, "3.5", "Tiểu dự án 5")], 7, "DA3.TDA5"),
        ([(6, "2", "Dự án 2"), (7, "a", "Tiểu dự án 1")], 7, "DA2.TDA1"),
        ([(6, "6", "Dự án 6"), (7, "a", "Nội dung 1")], None, None),  # DA6 has no contents
    ],
)
def test_unknown_codes(
    rows: list[tuple[int, str, str]], row: int | None, unknown: str | None
) -> None:
    _, by = tree([(5, "", "TỔNG CỘNG"), *rows])
    flagged = {r: line.unknown_code for r, line in by.items() if line.unknown_code}
    assert flagged == ({row: unknown} if row else {})
    if row:
        assert by[row].code is None


# --------------------------------------------------------------------------- sections
def test_consolidated_sheet_has_one_unit_per_section() -> None:
    root, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "I", "Xã Vi Hương"),
        (7, "1", "Dự án 1"),
        (8, "-", "Hỗ trợ nhà ở"),
        (9, "2", "Dự án 4"),
        (10, "II", "Xã Quân Hà"),
        (11, "1", "Dự án 1"),
        (12, "2", "Dự án 8"),
    ])  # fmt: skip
    assert [c.row for c in root.children] == [6, 10]
    assert by[6].kind == by[10].kind == "unit"
    assert [c.row for c in by[6].children] == [7, 9]
    assert [c.row for c in by[10].children] == [11, 12]
    assert [by[r].code for r in (7, 8, 9, 11, 12)] == ["DA1", "DA1.ND2", "DA4", "DA1", "DA8"]
    assert {by[r].section_unit for r in (6, 7, 8, 9)} == {"Xã Vi Hương"}
    assert {by[r].section_unit for r in (10, 11, 12)} == {"Xã Quân Hà"}
    assert root.section_unit is None


def test_capital_type_sections() -> None:
    root, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "A", "Vốn đầu tư phát triển"),
        (7, "1", "Dự án 4"),
        (8, "B", "Vốn sự nghiệp"),
        (9, "1", "Dự án 1"),
        (10, "C", "Nguồn vốn lồng ghép"),
        (11, "1", "Dự án 6"),
    ])  # fmt: skip
    assert [c.row for c in root.children] == [6, 8, 10]
    assert by[6].kind == by[8].kind == by[10].kind == "section"
    assert by[7].parent is by[6]
    assert by[9].parent is by[8]
    assert by[11].parent is by[10]
    assert by[7].section_unit is None


# --------------------------------------------------------------------------- "Trong đó"
def test_of_which_rows_are_breakdowns_not_summed() -> None:
    _, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "1", "Dự án 4", {"plan.total": trd(100)}),
        (7, "", "Trong đó:"),
        (8, "-", "Vốn NSTW", {"plan.total": trd(90)}),
        (9, "-", "Vốn NSĐP", {"plan.total": trd(10)}),
        (10, "1.1", "Tiểu dự án 1", {"plan.total": trd(60)}),
        (11, "1.2", "Tiểu dự án 2", {"plan.total": trd(40)}),
        (12, "2", "Dự án 5"),
    ])  # fmt: skip
    assert by[7].kind == "breakdown"
    assert by[7].parent is by[6]
    assert by[8].kind == by[9].kind == "breakdown"
    assert by[8].parent is by[9].parent is by[7]
    assert [c.row for c in by[6].children] == [7, 10, 11]
    assert [c.row for c in by[6].summed_children] == [10, 11]
    assert by[12].parent is by[5]


def test_of_which_with_its_own_figures() -> None:
    _, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "1", "Dự án 1", {"plan.total": trd(100)}),
        (7, "", "Trong đó: vốn NSTW", {"plan.total": trd(80)}),
    ])  # fmt: skip
    assert by[7].kind == "breakdown"
    assert by[6].summed_children == []


# --------------------------------------------------------------------------- skipped levels
def test_a_level_may_be_skipped() -> None:
    root, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "1", "Xã Bằng Thành"),
        (7, "-", "Thôn Khuổi Khỉ"),
        (8, "-", "Thôn Nà Làng"),
        (9, "2", "Xã Bộc Bố"),
        (10, "+", "Nhóm hộ 1"),
    ])  # fmt: skip
    assert [c.row for c in root.children] == [6, 9]
    assert [c.row for c in by[6].children] == [7, 8]
    assert [c.row for c in by[9].children] == [10]
    assert by[7].level == by[6].level + 1


def test_a_mark_that_follows_an_open_line_s_is_beside_it() -> None:
    """The Treasury's "2 | Mã 0578 - …" after "1 | Tiểu dự án 1" under "IX | Dự án 9" is the
    project's line (no code: its name writes none); "b" after "a Nội dung số 1" is beside it; a
    mark that follows none keeps the depth of its style."""
    root, by = tree([
        (5, "", "TỔNG CỘNG"),
        (6, "IX", "Dự án 9: Đầu tư phát triển nhóm dân tộc thiểu số rất ít người"),
        (7, "1", "Tiêu dự án 1: Đầu tư phát triển kinh tế - xã hội"),
        (8, "2", "Mã 0578 - Giảm thiểu tình trạng tảo hôn và hôn nhân cận huyết thống"),
        (9, "X", "Dự án 1"),
        (10, "a", "Nội dung số 1"),
        (11, "b", "Hỗ trợ khác của huyện"),
        (12, "3", "Xã Bằng Thành"),
    ])  # fmt: skip
    assert [c.row for c in by[6].children] == [7, 8]
    assert by[8].code is None and by[8].kind == "item"
    assert [c.row for c in by[9].children] == [10, 11]
    assert [c.row for c in root.children] == [6, 9, 12]  # "3" follows no open mark


def test_levels_follow_depth() -> None:
    _, by = tree([(5, "", "TỔNG CỘNG"), (6, "1", "Dự án 3"), (7, "3.1", "Tiểu dự án 1"),
                  (8, "a", "Hỗ trợ mô hình")])  # fmt: skip
    assert [by[r].level for r in (5, 6, 7, 8)] == [0, 1, 2, 3]


def test_derived_figures_are_what_the_summed_children_add_up_to_on_every_line() -> None:
    """SUM_MISMATCH reads the children's sum from `derived`: it must hold on stated lines too."""
    root, by_row = tree([
        (5, "", "TỔNG CỘNG", {"plan.total": trd(999), "disbursed.total": None}),
        (6, "1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", {"plan.total": trd(100), "disbursed.total": None}),
        (7, "1.1", "Tiểu dự án 1", {"plan.total": trd(40), "disbursed.total": trd(10)}),
        (8, "1.2", "Tiểu dự án 2", {"plan.total": None, "disbursed.total": None}),
        (9, "-", "Trong đó: vốn vay", {"plan.total": trd(5), "disbursed.total": trd(1)}),
        (10, "4", "Dự án 4: Đầu tư cơ sở hạ tầng", {"plan.total": None, "disbursed.total": trd(7)}),
    ])  # fmt: skip
    derive_blanks(root, ["plan.total", "disbursed.total"])
    project = by_row[6]
    assert project.derived["plan.total"] == trd(40)  # stated 100: derived is still the children's
    assert project.derived["disbursed.total"] == trd(10)
    assert by_row[8].derived["plan.total"] is None  # only a "Trong đó" breakdown below it
    assert root.derived["plan.total"] == trd(100)  # 100 stated on DA1, nothing on DA4
    assert root.derived["disbursed.total"] == trd(17)  # DA1 blank: its children's 10, + DA4's 7
    assert root.derived["carried_over.total"] is None  # a field the form lacks
    for line in [root, *walk(root)]:
        for name in ("plan.total", "disbursed.total"):
            values = [
                c.amounts.get(name) if c.amounts.get(name) is not None else c.derived[name]
                for c in line.summed_children
            ]
            known = [v for v in values if v is not None]
            assert line.derived[name] == (sum(known) if known else None)


AMOUNT = st.none() | st.integers(min_value=-(10**15), max_value=10**15)
MARKS = st.sampled_from(["", "A", "I", "1", "1.1", "1.1.1", "a", "-", "+"])
NAMES = st.sampled_from(["Dự án 1", "Tiểu dự án 2", "Nội dung 1", "Trong đó: vốn vay", "Xã An"])


@settings(max_examples=150)
@given(st.lists(st.tuples(MARKS, NAMES, AMOUNT, AMOUNT), max_size=30))
def test_derived_figures_equal_a_plain_recursive_sum(rows: list[tuple[str, str, int, int]]) -> None:
    """Every line's `derived` (and its key order) is the plain children-first sum, on any tree."""
    fields = ["plan.total", "disbursed.sn"]
    root, _ = tree([
        (i + 5, stt, name, {"plan.total": plan, "disbursed.sn": disbursed})
        for i, (stt, name, plan, disbursed) in enumerate(rows)
    ])  # fmt: skip
    derive_blanks(root, fields)

    def expected(line: Line) -> dict[str, int | None]:
        figures = dict.fromkeys(f for f in AMOUNT_FIELDS if f not in fields)
        for name in fields:
            known = [
                c.amounts[name] if c.amounts[name] is not None else expected(c)[name]
                for c in line.children
                if c.kind != "breakdown"
            ]
            stated = [v for v in known if v is not None]
            figures[name] = sum(stated) if stated else None
        return figures

    for line in [root, *walk(root)]:
        assert list(line.derived.items()) == list(expected(line).items())
