"""The style a table's ambiguous text figures ("915,482", "822.751") are read in: the arithmetic's
choice, then the precision of the unit, then the decimal mark of a CSV's own number cells."""

from __future__ import annotations

from pathlib import Path

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.rules import arithmetic
from mtqg_cli.form.options import Options
from mtqg_cli.form.workbook import read_tables
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.csv_cells import typed_rows
from mtqg_cli.read.raw import RawSheet

HEADER: list[object] = ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ (%)"]


def grid(rows: list[list[object]]) -> RawSheet:
    width = max(len(r) for r in rows)
    return RawSheet("Biểu 01", [r + [""] * (width - len(r)) for r in rows], [])


def _plans(sheet: RawSheet, unit: Unit) -> tuple[str, list[int | None]]:
    [reading] = read_tables(sheet, Options(unit=unit), arithmetic)
    lines = reading.table.lines
    return reading.table.number_style, [line.amounts["plan.total"] for line in lines]


def test_ambiguous_thousands_in_nghin_dong_are_english() -> None:
    """Every figure "915,482": the sums agree either way, but 915,482 nghìn đồng read as a
    decimal would be figures in đồng typed in a table of thousands; the rate keeps its comma."""
    sheet = grid([
        HEADER,
        ["I", "Tổng cộng", "915,482", "660,932", "72,20"],
        ["1", "Dự án 3", "324,274", "28,929", "8,92"],
        ["2", "Dự án 6", "591,208", "632,003", "106,9"],
    ])  # fmt: skip
    assert _plans(sheet, Unit.nghin_dong) == ("en", [915_482_000, 324_274_000, 591_208_000])


def test_ambiguous_figures_in_trieu_dong_stay_vietnamese_when_nothing_tells() -> None:
    """ "213,983" triệu is 213.983 triệu as well as 213983: with no evidence and the arithmetic
    agreeing either way, the default style reads it."""
    sheet = grid([
        HEADER,
        ["I", "Tổng cộng", "313,983", "156,991", "50"],
        ["1", "Dự án 3", "213,983", "106,991", "50"],
        ["2", "Dự án 6", "100", "50", "50"],
    ])  # fmt: skip
    assert _plans(sheet, Unit.trieu_dong) == ("vi", [313_983_000, 213_983_000, 100_000_000])


def test_the_rate_tells_a_lone_ambiguous_figure_among_numbers() -> None:
    """ "275,000" tỷ among number cells: its rate 117021276,60 % agrees with 275000 / 0,235
    only, so it is 275000 tỷ (a figure typed in triệu), not 275 tỷ."""
    sheet = grid([
        HEADER,
        ["1", "Dự án 3", 2.529, 1.379, "54,53"],
        ["2", "Dự án 6", 0.235, "275,000", "117021276,60"],
    ])  # fmt: skip
    [reading] = read_tables(sheet, Options(unit=Unit.ty_dong), arithmetic)
    assert reading.table.number_style == "en"
    assert reading.table.lines[1].amounts["disbursed.total"] == 275_000 * 10**9


def test_a_vietnamese_locale_csv_keeps_a_comma_and_three_digits_as_text() -> None:
    """ "594,828" is Excel's 594.828 or a text typed 594,828: left text for the sheet's reading;
    "36,7" is only a decimal."""
    rows = [["I", "594,828", "36,7", "1,092,596", "82,751"]]
    assert typed_rows(rows, ";")[0] == ["I", "594,828", 36.7, "1,092,596", "82,751"]


def test_a_csv_whose_numbers_write_a_point_reads_its_text_figures_in_english(
    tmp_path: Path,
) -> None:
    """Number cells "2.104", "0.8815" (a decimal point): the text "2,321" beside them is 2321
    tỷ, a figure typed in triệu (UNIT_SUSPECT), not 2,321 tỷ that would agree."""
    path = tmp_path / "bieu.csv"
    path.write_text(
        "STT;Nội dung;Kế hoạch vốn;Giải ngân\n;(Đơn vị tính: tỷ đồng);;\n"
        "I;Tổng cộng;4.425;1.9565\n1;Dự án 2;2.104;0.8815\n2;Dự án 4;2,321;1.075\n",
        "utf-8",
    )
    report = reconcile_file(path, Options(unit=Unit.ty_dong))
    assert ("UNIT_SUSPECT", 5) in {(f.rule, f.row) for f in report.findings}


def test_a_vietnamese_locale_csv_reads_a_comma_and_three_digits_as_its_decimals(
    tmp_path: Path,
) -> None:
    """Excel's own numbers "9212,875" in the amount columns: "109,818" is 109.818 triệu, and
    disbursed 141,448 triệu over it is OVER_DISBURSED, not an English 109818 it fits under; the
    rates' comma tells nothing of the amounts' (a rate is typed "36,7" on any sheet)."""
    path = tmp_path / "bieu.csv"
    path.write_text(
        "STT;Nội dung;Kế hoạch vốn;Giải ngân;Tỷ lệ (%)\n;(Đơn vị tính: triệu đồng);;;\n"
        "1;Dự án 1;9212,875;3122,59;33,89\n2;Dự án 10;109,818;141,448;128,8\n",
        "utf-8",
    )
    report = reconcile_file(path, Options(unit=Unit.trieu_dong))
    assert ("OVER_DISBURSED", 4) in {(f.rule, f.row) for f in report.findings}
    [entry] = [e for e in report.summary if e.project == "DA10"]
    assert entry.plan.total == 109_818_000


def test_a_lone_zero_before_the_mark_is_a_decimal_not_a_group_of_thousands() -> None:
    """ "0,784" can only be Vietnamese (English never groups thousands after a lone 0), and
    "0.784" only English: a CSV column of them tells the style of the file's figures."""
    from mtqg_cli.read.csv_cells import column_marks

    assert column_marks([["0,784", "15,788"], ["-0,108", "0.676"]]) == {0: (2, 0), 1: (0, 1)}


def test_a_table_whose_one_text_reads_either_way_takes_the_workbooks_vietnamese_style() -> None:
    """Another table of the workbook writes "3.415,707": the one text "34.464" of this table is
    34.464 triệu read Vietnamese (a figure typed a thousand times too large: UNIT_SUSPECT
    material), not 34,464 read English because the sums then happen to agree."""
    from mtqg_cli.form.workbook import read_book

    first = grid([
        HEADER,
        ["I", "Tổng cộng", "3.415,707", "1.257,684"],
        ["1", "Dự án 3", "3.415,707", "1.257,684"],
    ])  # fmt: skip
    second = grid([
        ["STT", "Nội dung", "Kế hoạch vốn", "Đã phân bổ", "Chưa phân bổ"],
        ["I", "Tổng cộng", 71.986, "34.464", 37.522],
        ["1", "Dự án 3", 71.986, "34.464", 37.522],
    ])  # fmt: skip
    second.name = "Biểu 02"
    books = read_book([first, second], Options(unit=Unit.trieu_dong), arithmetic)
    table = books[1][1][0].table
    assert table.number_style == "vi"
    assert [line.amounts["allocated.total"] for line in table.lines] == [34_464_000_000] * 2
