"""Finding the table in a sheet, on grids built in memory (RawSheet), row numbers as in Excel."""

from __future__ import annotations

from mtqg_cli.hierarchy import stt_style
from mtqg_cli.layout import find_layout
from mtqg_cli.models import Unit
from mtqg_cli.readers import RawSheet

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
    from mtqg_cli.hierarchy import roman_value

    assert roman_value("XLIX") == 49 and roman_value("CD") == 400 and roman_value("MCMXC") == 1990
    assert stt_style("L", previous_roman=49).style == "roman"
    assert stt_style("C", previous_roman=99).style == "roman"
    assert stt_style("L").style == "upper"
    assert stt_style("C", previous_roman=2).style == "upper"
