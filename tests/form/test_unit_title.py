"""What stands above a table: its title and reporting unit (`find_title`), its unit line."""

from __future__ import annotations

from mtqg_cli.form.unit_title import find_title, find_unit, unit_from_text
from mtqg_cli.model.vocabulary import Unit

TITLE = "BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN CTMTQG DTTS&MN 6 THÁNG NĂM 2023"
UNIT_LINE = "Đơn vị tính: Triệu đồng (số liệu lũy kế từ đầu năm đến hết ngày 30/6/2023)"
ROWS: list[list[object]] = [
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None],
    ["UBND XÃ VI HƯƠNG", "Độc lập - Tự do - Hạnh phúc"],
    [TITLE, None],
    [None, UNIT_LINE],
    ["STT", "Nội dung"],
]


def test_the_title_is_the_longest_text_above_the_header_but_the_motto_and_the_unit_line() -> None:
    # the unit line is the longest text of all, the motto longer than the issuing unit
    assert len(UNIT_LINE) > len(TITLE)
    assert find_title(ROWS, 4) == (TITLE, "Xã Vi Hương")


def test_only_the_rows_above_the_header_are_read() -> None:
    assert find_title(ROWS, 2) == ("UBND XÃ VI HƯƠNG", "Xã Vi Hương")


def test_no_title_when_the_rows_above_hold_only_the_motto_and_the_unit_line() -> None:
    assert find_title([ROWS[0], ROWS[3]], 2) == (None, None)
    assert find_title([], 0) == (None, None)


def test_the_unit_line_above_the_header_comes_before_a_unit_in_the_header_words() -> None:
    labels = {1: "ke hoach (nghin dong)"}
    assert find_unit(ROWS, 4, labels) == (Unit.trieu_dong, (3, 1))
    assert find_unit(ROWS, 4, labels, start=4) == (Unit.nghin_dong, (4, 1))
    assert unit_from_text("Triệu đồng", need_prefix=True) is None  # no "Đơn vị tính:" before it
    assert unit_from_text("Kế hoạch (tỷ đồng)", need_prefix=False) == Unit.ty_dong
