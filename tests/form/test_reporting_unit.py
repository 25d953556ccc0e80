"""The reporting unit is read from the issuing-unit lines, a "Đơn vị:" line or a place the title
names, in any spelling and place above the table; never from the title's other words nor the
national motto; else the report falls back to the file's name (hypothesis)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.form.reporting_unit import find_reporting_unit, unit_name

UNITS = [  # as written in capitals, as written in running text, the name the report gives
    ("UBND HUYỆN BẠCH THÔNG", "UBND huyện Bạch Thông", "Huyện Bạch Thông"),
    ("UBND XÃ CẨM GIÀNG", "Ủy ban nhân dân xã Cẩm Giàng", "Xã Cẩm Giàng"),
    ("ỦY BAN NHÂN DÂN XÃ NÀ KHOANG", "UBND xã Nà Khoang", "Xã Nà Khoang"),
    ("UBND THÀNH PHỐ BẮC KẠN", "UBND thành phố Bắc Kạn", "Thành phố Bắc Kạn"),
    ("UBND HUYỆN CHỢ ĐỒN", "UBND huyện Chợ Đồn", "Huyện Chợ Đồn"),
    ("SỞ NGOẠI VỤ", "Sở Ngoại vụ", "Sở Ngoại vụ"),
    ("BAN DÂN TỘC TỈNH BẮC KẠN", "Ban Dân tộc tỉnh Bắc Kạn", "Ban Dân tộc tỉnh Bắc Kạn"),
    ("KHO BẠC NHÀ NƯỚC BẠCH THÔNG", "Kho bạc Nhà nước Bạch Thông", "Kho bạc Nhà nước Bạch Thông"),
    (
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Lao động - Thương binh và Xã hội",
    ),
]
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
TITLE = (
    "BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG PHÁT TRIỂN KINH TẾ - XÃ HỘI VÙNG ĐỒNG "
    "BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI, CÁC XÃ ĐẶC BIỆT KHÓ KHĂN NĂM 2023"
)
SPELLINGS = ("capitals", "running", "nfd", "bare", "bare_capitals")
PLACEMENTS = ("issuer_left", "issuer_right", "under_committee", "explicit", "in_one_cell")


def bare(text: str) -> str:
    """Without diacritics, as some offices type (đ → d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def spelled(unit: tuple[str, str, str], spelling: str) -> tuple[str, str]:
    """(the issuer line as written, the name expected) in one spelling."""
    capitals, running, name = unit
    if spelling == "capitals":
        return capitals, name
    if spelling == "running":
        return running, name
    if spelling == "nfd":
        return unicodedata.normalize("NFD", capitals), name
    if spelling == "bare":
        return bare(running), bare(name)
    return bare(capitals), bare(name)


@dataclass
class Top:
    """The rows above a table: the unit's lines, the motto, a number line, the title, the unit
    of the amounts; `expected` is the name the report must give (None: the file's name)."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]]
    expected: str | None


@st.composite
def tops(draw: st.DrawFn) -> Top:
    unit = draw(st.sampled_from(UNITS))
    line, expected = spelled(unit, draw(st.sampled_from(SPELLINGS)))
    placement = draw(st.sampled_from(PLACEMENTS))
    width = 9
    rows = [[""] * width for _ in range(6)]
    merges: list[tuple[int, int, int, int]] = []
    unit_col, motto_col = (6, 0) if placement == "issuer_right" else (0, 5)
    if placement == "in_one_cell":
        rows[0][0] = f"UBND TỈNH BẮC KẠN\n{line}" if unit[0].startswith("S") else line
    elif placement == "explicit":
        rows[2][0] = f"Đơn vị báo cáo: {line}"
        merges.append((2, 0, 2, 4))
    elif placement == "under_committee" and not unit[0].startswith(("UBND", "ỦY")):
        rows[0][unit_col] = "UBND TỈNH BẮC KẠN"
        rows[1][unit_col] = line
        merges += [(0, unit_col, 0, unit_col + 2), (1, unit_col, 1, unit_col + 2)]
    else:
        rows[0][unit_col] = line
        merges.append((0, unit_col, 0, unit_col + 2))
    if draw(st.booleans()):
        rows[0][motto_col], rows[1][motto_col] = MOTTO
        merges += [(0, motto_col, 0, motto_col + 3), (1, motto_col, 1, motto_col + 3)]
    if draw(st.booleans()):
        rows[3][0] = "Số: 125/BC-UBND"
    rows[4][0] = draw(st.sampled_from([TITLE, bare(TITLE), TITLE.title()]))
    rows[5][6] = "Đơn vị tính: Triệu đồng"
    return Top(rows, merges, expected)


@settings(max_examples=300)
@given(tops())
def test_the_unit_is_read_from_its_lines_in_any_spelling_and_place(top: Top) -> None:
    assert find_reporting_unit(top.rows, top.rows[4][0]) == top.expected


@pytest.mark.parametrize("title", [TITLE, bare(TITLE), "KINH TẾ - XÃ HỘI VÙNG ĐỒNG BÀO"])
def test_no_unit_line_and_no_place_in_the_title_names_no_unit(title: str) -> None:
    rows = [[MOTTO[0], "", ""], [MOTTO[1]], ["Số: 12/BC"], [title], ["Đơn vị: triệu đồng"]]
    assert find_reporting_unit(rows, title) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("BÁO CÁO KẾT QUẢ GIẢI NGÂN CỦA HUYỆN NA RÌ NĂM 2023", "Huyện Na Rì"),
        ("Kết quả giải ngân vốn CTMTQG xã Đôn Phong 6 tháng đầu năm 2023", "Xã Đôn Phong"),
        ("TÌNH HÌNH GIẢI NGÂN, KINH TẾ - XÃ HỘI TỈNH BẮC KẠN", "Tỉnh Bắc Kạn"),
        ("bao cao tinh hinh giai ngan huyen bach thong nam 2023", "Huyen Bach Thong"),
        ("GIẢI NGÂN VỐN TẠI THÀNH PHỐ BẮC KẠN (ĐẾN 31/5/2023)", "Thành phố Bắc Kạn"),
    ],
)
def test_a_title_only_form_gives_the_place_it_names(title: str, expected: str) -> None:
    assert find_reporting_unit([[MOTTO[0]], [title]], title) == expected


@pytest.mark.parametrize(
    ("upper", "lower", "expected"),
    [
        ("UBND HUYỆN BẠCH THÔNG", "PHÒNG TÀI CHÍNH - KẾ HOẠCH", "Huyện Bạch Thông"),
        ("UBND HUYỆN BẠCH THÔNG", "UBND XÃ CẨM GIÀNG", "Xã Cẩm Giàng"),
        ("UBND TỈNH BẮC KẠN", "BAN DÂN TỘC", "Ban Dân tộc"),
        ("UBND TỈNH BẮC KẠN", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư"),
        ("UBND TỈNH BẮC KẠN", "Số: 88/BC-UBND", "Tỉnh Bắc Kạn"),
    ],
)
@pytest.mark.parametrize("column", [0, 5])
def test_the_lower_line_of_an_issuer_block_names_the_unit_unless_a_division(
    upper: str, lower: str, expected: str, column: int
) -> None:
    """The agency under its committee reports; a PHÒNG reports for its committee's place."""
    motto_column = 5 - column
    rows: list[list[str]] = [[""] * 9 for _ in range(3)]
    rows[0][column], rows[1][column] = upper, lower
    rows[0][motto_column], rows[1][motto_column] = MOTTO
    rows[2][0] = TITLE
    assert find_reporting_unit(rows, TITLE) == expected


def test_a_unit_line_after_the_unit_of_the_amounts_is_still_read() -> None:
    rows = [["UBND TỈNH BẮC KẠN"], ["Đơn vị: triệu đồng"], ["Đơn vị báo cáo: UBND XÃ CẨM GIÀNG"]]
    assert find_reporting_unit(rows, TITLE) == "Xã Cẩm Giàng"
    other = "Trường PTDTNT Bạch Thông"  # no level nor agency word: kept as written
    assert find_reporting_unit([[f"Đơn vị: {other}"]], None) == other


@pytest.mark.parametrize(
    "text", ["ỦY BAN NHÂN DÂN ……………", "UBND", "Số: 12/BC-UBND", "Bản sao", *MOTTO]
)
def test_a_placeholder_or_a_number_line_is_no_unit(text: str) -> None:
    assert unit_name(text) is None
    assert find_reporting_unit([[text]], None) is None


def write_form(top: Top, path: Path) -> Path:
    """A small clean form under `top`: header, column numbers, a total and two projects."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    for r, row in enumerate(top.rows):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(r, c, value)
    for r1, c1, r2, c2 in top.merges:
        sheet.merge_range(r1, c1, r2, c2, top.rows[r1][c1])
    sheet.write_row(6, 0, ["STT", "Nội dung", "Kế hoạch vốn năm 2023", "Giải ngân", "Tỷ lệ (%)"])
    sheet.write_row(7, 0, ["1", "2", "3", "4", "5=4/3"])
    sheet.write_row(8, 0, ["", "TỔNG CỘNG", 300, 120, 40])
    sheet.write_row(9, 0, ["1", "Dự án 1", 100, 20, 20])
    sheet.write_row(10, 0, ["2", "Dự án 2", 200, 100, 50])
    book.close()
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(top=tops())
def test_the_report_names_the_unit_of_a_written_form(
    top: Top, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write_form(top, tmp_path_factory.mktemp("unit") / "bao-cao.xlsx")
    report = reconcile_file(path, Options())
    assert report.status == "ok"
    assert report.reporting_unit == top.expected


def test_title_only_forms_are_named_by_their_file_in_a_batch(tmp_path: Path) -> None:
    """The tool's own template and a Treasury-like statement whose title says "KINH TẾ - XÃ HỘI
    VÙNG ĐỒNG BÀO": the batch names each by its file, never "Xã Hội Vùng Đồng Bào"."""
    folder = tmp_path / "nop"
    folder.mkdir()
    placeholder = [["ỦY BAN NHÂN DÂN ……………"], [], [], [], [TITLE], ["Đơn vị tính: Triệu đồng"]]
    write_form(Top(placeholder, [], None), folder / "xa-lang-ngam.xlsx")
    write_form(Top([[MOTTO[0]], [MOTTO[1]], [], [], [TITLE], []], [], None), folder / "kb.xlsx")
    treasury = [["KHO BẠC NHÀ NƯỚC BẠCH THÔNG"], [], [], [], [TITLE], []]
    write_form(Top(treasury, [], None), folder / "kbnn.xlsx")
    result = CliRunner().invoke(app, ["reconcile", str(folder), "--format", "json"])
    units = [f.get("reporting_unit") for f in __import__("json").loads(result.stdout)["files"]]
    assert units == [None, "Kho bạc Nhà nước Bạch Thông", None]
    table = CliRunner().invoke(app, ["reconcile", str(folder)], env={"COLUMNS": "200"})
    assert "xa-lang-ngam" in table.stdout and "Kho bạc Nhà nước Bạch Thông" in table.stdout
    assert "Xã Hội" not in table.stdout and "Vùng Đồng Bào" not in table.stdout


def test_inspect_says_which_unit_was_read_or_that_none_was(tmp_path: Path) -> None:
    named = write_form(
        Top([["UBND XÃ CẨM GIÀNG"], [], [], [], [TITLE], []], [], None), tmp_path / "a.xlsx"
    )
    bare_title = write_form(
        Top([[MOTTO[0]], [], [], [], [TITLE], []], [], None), tmp_path / "b.xlsx"
    )
    shown = CliRunner().invoke(app, ["inspect", str(named)], env={"COLUMNS": "200"}).stdout
    assert "Đơn vị báo cáo: Xã Cẩm Giàng" in shown
    shown = CliRunner().invoke(app, ["inspect", str(bare_title), "--lang", "en"]).stdout
    assert "Reporting unit: not named on the form (the file's name is used)" in shown


@pytest.mark.parametrize(
    "amounts", ["Tr.đồng", "tr.đ", "Tr. đồng", "Ng.đồng", "ngh.đ", "Triệu đồng", "VNĐ"]
)
def test_the_unit_of_the_amounts_in_short_is_no_reporting_unit(amounts: str) -> None:
    """'Đơn vị: Tr.đồng' names the amounts' unit: the issuing lines still name the unit."""
    rows = [["UBND HUYỆN BẠCH THÔNG", "", MOTTO[0]], ["PHÒNG TÀI CHÍNH - KẾ HOẠCH"], [TITLE]]
    rows.append([f"Đơn vị: {amounts}"])
    assert find_reporting_unit(rows, TITLE) == "Huyện Bạch Thông"
