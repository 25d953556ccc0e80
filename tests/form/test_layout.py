"""Finding the table in a sheet, on grids built in memory (RawSheet), row numbers as in Excel."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtqg_cli.form.layout import find_layout
from mtqg_cli.form.stt_marks import stt_style
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.raw import RawSheet

HEADER = ["STT", "Nội dung", "Kế hoạch vốn năm 2023", "", "", "Giải ngân", "Tỷ lệ (%)"]
SUBHEADER = ["", "", "Tổng số", "Vốn ĐTPT", "Vốn SN", "", ""]


def sheet(
    rows: list[list[object]], merged: list[tuple[int, int, int, int]] | None = None
) -> RawSheet:
    width = max(len(r) for r in rows)
    return RawSheet("Biểu 01", [r + [""] * (width - len(r)) for r in rows], merged or [])


def test_unmerged_group_header_spreads_over_its_sub_columns() -> None:
    layout = find_layout(
        sheet(
            [
                ["UBND TỈNH MẪU"],
                ["", "", "", "", "Đơn vị tính: triệu đồng"],
                HEADER,
                SUBHEADER,
                ["I", "Xã số 1"],
                ["1", "Dự án 1", 10.0, 4.0, 6.0, 2.0, 20.0],
            ]
        )
    )
    assert layout is not None
    assert layout.header_rows == [2, 3]
    assert layout.first_row == 4  # the "I | Xã số 1" row is a line, not a third header row
    assert layout.columns["plan.dtpt"] == 3 and layout.columns["disbursed.total"] == 5
    assert layout.unit is Unit.trieu_dong and layout.unit_cell == (1, 4)


def test_a_first_line_with_no_stt_no_figures_and_a_note_is_no_header_row() -> None:
    """Under a one-row header, "Dự án 1 … | Đang triển khai" (money to come, a note beside
    it) is the first line: a header row names the figures' columns, a note is no such name."""
    for note in ("Đang triển khai", ""):
        layout = find_layout(
            sheet([
                ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ (%)", "Ghi chú"],
                ["", "Dự án 1: Giải quyết tình trạng thiếu đất ở", "", "", "", note],
                ["", "Dự án 3", 10.0, 4.0, 40.0, ""],
            ])
        )  # fmt: skip
        assert layout is not None
        assert layout.header_rows == [0] and layout.first_row == 1
        assert layout.columns["name"] == 1 and layout.columns["reason"] == 5


def test_merged_header_and_column_numbers_row() -> None:
    rows: list[list[object]] = [
        ["BÁO CÁO GIẢI NGÂN"],
        ["STT", "Nội dung", "Kế hoạch vốn", "", "", "Giải ngân"],
        ["", "", "Tổng số", "Trong đó", "", ""],
        ["", "", "", "Vốn ĐTPT", "Vốn SN", ""],
        ["A", "B", "1", "2", "3", "4"],
        ["", "TỔNG CỘNG", 10.0, 4.0, 6.0, 2.0],
        ["", "NGƯỜI LẬP BIỂU"],
    ]
    merged = [(1, 2, 1, 4), (2, 3, 2, 4), (1, 0, 3, 0), (1, 1, 3, 1), (1, 5, 3, 5), (2, 2, 3, 2)]
    layout = find_layout(sheet(rows, merged))
    assert layout is not None
    assert layout.header_rows == [1, 2, 3]
    assert (layout.first_row, layout.last_row) == (5, 5)
    assert layout.columns["plan.total"] == 2
    assert layout.columns["plan.sn"] == 4
    assert layout.unit is None


def test_sheet_without_table() -> None:
    assert find_layout(sheet([["Thuyết minh"], ["Năm 2023 huyện đã giải ngân …"]])) is None


def test_roman_numerals_of_many_units() -> None:
    assert stt_style("CD").style == "roman"
    assert stt_style("DCCXLIX").style == "roman"
    assert stt_style("MM").style == "roman"
    assert stt_style("C").style == "upper"


def test_lone_l_c_d_m_are_roman_after_their_predecessor() -> None:
    from mtqg_cli.form.stt_marks import roman_value

    assert roman_value("XLIX") == 49 and roman_value("CD") == 400 and roman_value("MCMXC") == 1990
    assert stt_style("L", previous_roman=49).style == "roman"
    assert stt_style("C", previous_roman=99).style == "roman"
    assert stt_style("L").style == "upper"
    assert stt_style("C", previous_roman=2).style == "upper"


@given(
    figures=st.lists(st.integers(min_value=1_000, max_value=10**12), min_size=3, max_size=3),
    style=st.sampled_from(["vi", "spaced", "numbers"]),
    numbers_row=st.booleans(),
)
def test_a_total_of_text_figures_first_under_the_header_is_a_line(
    figures: list[int], style: str, numbers_row: bool
) -> None:
    """With or without a row of column numbers, the total right under the header is data, its
    figures as numbers or as text ("8 483 614 432", "8.483.614.432"): not a header row."""

    def written(value: int) -> object:
        if style == "numbers":
            return value
        return f"{value:,}".replace(",", "." if style == "vi" else " ")

    total = ["", "TỔNG CỘNG", *(written(v) for v in figures)]
    rows: list[list[object]] = [
        ["STT", "Nội dung", "Kế hoạch vốn", "Vốn kéo dài", "Giải ngân"],
        ["", "", "Tổng số", "Tổng số", "Tổng số"],
        *([["(1)", "(2)", "(3)", "(4)", "(5)"]] if numbers_row else []),
        total,
        ["1", "Dự án 1", *(written(v) for v in figures)],
    ]
    layout = find_layout(sheet(rows))
    assert layout is not None
    assert layout.header_rows == [0, 1]
    assert (layout.first_row, layout.last_row) == (2 + numbers_row, 3 + numbers_row)
    assert layout.columns["plan.total"] == 2 and layout.columns["disbursed.total"] == 4


@given(zeros=st.integers(min_value=3, max_value=6), name=st.sampled_from(["DA1", "Dự án 1"]))
def test_a_first_line_of_zeros_is_a_line_not_the_column_numbers(zeros: int, name: str) -> None:
    """Column numbers rise; a line whose figures are all 0 (an unallocated project) does not."""
    header = [
        "STT",
        "Nội dung",
        "Kế hoạch vốn",
        "Giải ngân",
        "Vốn kéo dài",
        "Đã phân bổ",
        "Ghi chú",
    ]
    rows: list[list[object]] = [
        header[: 2 + zeros],
        ["", name, *([0] * zeros)],
        ["", "DA3", *([5.0] * zeros)],
    ]
    layout = find_layout(sheet(rows))
    assert layout is not None
    assert (layout.first_row, layout.last_row) == (1, 2)


@given(stt=st.sampled_from(["", "1", "I"]), lines=st.integers(min_value=1, max_value=3))
def test_lines_with_no_figures_yet_under_the_header_are_lines(stt: str, lines: int) -> None:
    """A project whose figures sit on its breakdown rows below: its row holds a name only."""
    rows: list[list[object]] = [
        ["STT", "Tên dự án, tiểu dự án, nội dung", "KH vốn năm 2023", "Lũy kế giải ngân"],
        *([stt, f"Dự án {n + 1}: …"] for n in range(lines)),
        ["", "- Vốn sự nghiệp", 10.5, 4.25],
    ]
    layout = find_layout(sheet(rows))
    assert layout is not None
    assert layout.header_rows == [0]
    assert (layout.first_row, layout.last_row) == (1, lines + 1)


def test_a_first_line_of_dashes_under_a_one_row_header_is_a_line() -> None:
    rows: list[list[object]] = [
        ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ (%)"],
        ["", "Dự án 1: …", "-", "-", "-"],
        ["", "Dự án 3: …", "12,5", "2,5", "20"],
    ]
    layout = find_layout(sheet(rows))
    assert layout is not None
    assert layout.header_rows == [0] and (layout.first_row, layout.last_row) == (1, 2)
