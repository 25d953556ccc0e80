"""Every table of every sheet, read right whatever its layout: stacked tables, a sheet per capital
type or per unit, repeated headers, a column kept from an earlier year, the grand total's place."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from layout_forms import CAPITAL_MODES, Expected, Shape, build
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.rules import arithmetic
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.form.tables import capital_named, find_layouts
from mtqg_cli.form.workbook import read_book, read_tables
from mtqg_cli.model.report import FileReport
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.raw import RawSheet

ORDERS = [
    ("plan", "disbursed", "rate"),
    ("plan", "rate", "disbursed"),
    ("disbursed", "plan", "rate"),
    ("plan", "disbursed"),
]
SHAPES = st.builds(
    Shape,
    capital=st.sampled_from(CAPITAL_MODES),
    two_header_rows=st.booleans(),
    merged_header=st.booleans(),
    number_row=st.booleans(),
    total=st.sampled_from(("first", "last", "none")),
    order=st.sampled_from(ORDERS),
    repeated_header=st.booleans(),
    old_plan=st.sampled_from(("none", "before", "after")),
    hidden_row=st.booleans(),
    footer=st.booleans(),
    prose_sheet=st.booleans(),
    merged_name=st.booleans(),
    caption_in_columns=st.booleans(),
    of_which=st.booleans(),
    total_mark=st.sampled_from(("", "A", "I")),
    text=st.sampled_from(("nfc", "nfd", "ascii")),
)


def errors(report: FileReport) -> set[tuple[str, str | None, int | None]]:
    return {(f.rule, f.sheet, f.row) for f in report.findings if f.severity == "error"}


def file_total(report: FileReport) -> dict[str, dict[str, int | float | None]]:
    entries = [e for e in report.summary if e.project == "TOTAL"]
    assert len(entries) == 1, "one TOTAL for the file"
    total = entries[0]
    return {
        group: {kind: getattr(getattr(total, group), kind) for kind in ("total", "dtpt", "sn")}
        for group in ("plan", "disbursed")
    }


def assert_read_right(report: FileReport, expected: Expected) -> None:
    assert errors(report) == expected.errors, [f.message for f in report.findings]
    assert file_total(report) == expected.total
    assert [e.project for e in report.summary if e.project != "TOTAL"] == expected.codes
    assert not [f for f in report.findings if f.rule == "LAYOUT_AMBIGUOUS"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHAPES, st.integers(0, 10**6), st.integers(0, 2))
def test_every_layout_is_read_right(shape: Shape, seed: int, planted: int) -> None:
    """Each planted discrepancy at its row with its rule, no other error, the file's total to
    the đồng, the codes in sheet order, and a clean form clean."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.xlsx"
        expected = build(path, shape, seed, planted)
        report = reconcile_file(path, Options())
    assert_read_right(report, expected)
    assert (report.status == "ok") == (not expected.errors)


def test_stacked_tables_each_with_its_header_and_capital_type(tmp_path: Path) -> None:
    """Table "A. VỐN ĐẦU TƯ PHÁT TRIỂN" over "B. VỐN SỰ NGHIỆP", the second with other columns."""
    shape = Shape(capital="stacked", order=("plan", "disbursed", "rate"))
    expected = build(tmp_path / "stacked.xlsx", shape, seed=7, planted=0)
    report = reconcile_file(tmp_path / "stacked.xlsx", Options())
    assert report.status == "ok" and not errors(report)
    assert_read_right(report, expected)
    assert report.sheets == ["Biểu 01"] and len(report.sheet_info) == 2
    plan = file_total(report)["plan"]
    assert plan["dtpt"] is not None and plan["sn"] is not None
    assert plan["total"] == plan["dtpt"] + plan["sn"]
    second = report.sheet_info[1]
    assert second.columns["rate.total"] == "C" and second.columns["plan.total"] == "E"
    captions = [info.caption for info in report.sheet_info]
    assert captions == ["A. VỐN ĐẦU TƯ PHÁT TRIỂN", "B. VỐN SỰ NGHIỆP"]
    shown = CliRunner().invoke(app, ["reconcile", str(tmp_path / "stacked.xlsx")]).output
    assert "«Biểu 01» — B. VỐN SỰ NGHIỆP" in shown


def test_a_planted_error_in_the_second_table_is_found_at_its_row(tmp_path: Path) -> None:
    shape = Shape(capital="stacked", total="last", number_row=False)
    for seed in range(40):
        expected = build(tmp_path / f"f{seed}.xlsx", shape, seed=seed, planted=1)
        rows = [row for *_, row in expected.errors]
        if rows and rows[0] > 20:  # the second table
            break
    report = reconcile_file(tmp_path / f"f{seed}.xlsx", Options())
    assert_read_right(report, expected)


def test_sheet_per_capital_type_and_per_unit(tmp_path: Path) -> None:
    for mode in ("sheets", "units"):
        expected = build(tmp_path / f"{mode}.xlsx", Shape(capital=mode), seed=3, planted=0)
        report = reconcile_file(tmp_path / f"{mode}.xlsx", Options())
        assert_read_right(report, expected)
        assert len(report.sheets) == 2
    assert file_total(report)["plan"]["dtpt"] == expected.total["plan"]["dtpt"]
    sheets = inspect_json(tmp_path / "sheets.xlsx")["sheets"]
    assert [s["capital"] for s in sheets] == ["dtpt", "sn"]  # type: ignore[index, union-attr]
    assert [s["caption"] for s in sheets] == [None, None]  # type: ignore[index, union-attr]


def test_a_summary_sheet_is_the_files_total_not_added_to_its_details(tmp_path: Path) -> None:
    from tests.check.test_cross_sheet import SUMMED, workbook

    report = reconcile_file(workbook(tmp_path / "th.xlsx", SUMMED), Options())
    assert report.status == "ok"
    assert file_total(report)["plan"]["total"] == 550_500_000


def inspect_json(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["inspect", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_a_header_repeated_for_printing_is_skipped_and_shown(tmp_path: Path) -> None:
    shape = Shape(capital="columns", repeated_header=True, total="last")
    expected = build(tmp_path / "rep.xlsx", shape, seed=11, planted=0)
    report = reconcile_file(tmp_path / "rep.xlsx", Options())
    assert_read_right(report, expected)
    sheets = inspect_json(tmp_path / "rep.xlsx")["sheets"]
    assert isinstance(sheets, list) and len(sheets) == 1
    skipped = sheets[0]["skipped_rows"]
    assert len(skipped) == 3  # two header rows and the row of column numbers
    header = sheets[0]["info"]["header_rows"]
    assert skipped[0] > header[-1] + 1


def test_the_plan_of_an_earlier_year_loses_to_the_one_the_rates_agree_with(tmp_path: Path) -> None:
    shape = Shape(capital="total_only", old_plan="before")
    expected = build(tmp_path / "old.xlsx", shape, seed=5, planted=0)
    report = reconcile_file(tmp_path / "old.xlsx", Options())
    assert_read_right(report, expected)
    assert report.sheet_info[0].columns["plan.total"] == "D"  # C holds 2022's plan
    sheet = inspect_json(tmp_path / "old.xlsx")["sheets"][0]  # type: ignore[index]
    [choice] = sheet["column_choices"]
    assert choice["field"] == "plan.total" and choice["chosen"] == "D"
    assert choice["candidates"]["D"] == 0 and choice["candidates"]["C"] > 2
    assert choice["ambiguous"] is False
    result = CliRunner().invoke(app, ["inspect", str(tmp_path / "old.xlsx")])
    assert "«plan.total»: cột D được chọn" in result.output


def two_plans(path: Path, rate: bool) -> Path:
    """Two plan columns that both add up; with a rate column, only 2023's agrees with it."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Biểu 01")
    ws.write(0, 0, "Đơn vị tính: triệu đồng")
    head = ["STT", "Nội dung", "KH vốn năm 2022", "KH vốn năm 2023", "Giải ngân"]
    ws.write_row(2, 0, head + (["Tỷ lệ giải ngân (%)"] if rate else []))
    rows = [("", "TỔNG CỘNG", 500, 300, 120), ("1", "Dự án 1", 200, 100, 20),
            ("2", "Dự án 4", 300, 200, 100)]  # fmt: skip
    for index, (stt, name, old, plan, spent) in enumerate(rows):
        extra = [round(spent * 100 / plan, 2)] if rate else []
        ws.write_row(3 + index, 0, [stt, name, old, plan, spent, *extra])
    book.close()
    return path


def test_columns_no_arithmetic_tells_apart_are_layout_ambiguous_once(tmp_path: Path) -> None:
    report = reconcile_file(two_plans(tmp_path / "two.xlsx", rate=False), Options())
    [finding] = [f for f in report.findings if f.rule == "LAYOUT_AMBIGUOUS"]
    assert finding.severity == "warning" and finding.column == "plan.total"
    assert "C, D" in finding.message and "đã dùng cột D" in finding.message
    total = next(e for e in report.summary if e.project == "TOTAL")
    assert total.plan.total == 300_000_000  # the latest year's, when nothing else decides
    english = reconcile_file(tmp_path / "two.xlsx", Options(lang="en"))
    assert any("column D was used" in f.message for f in english.findings)


def test_a_rate_column_settles_which_plan_is_meant(tmp_path: Path) -> None:
    report = reconcile_file(two_plans(tmp_path / "two.xlsx", rate=True), Options())
    assert report.status == "ok" and not report.findings
    assert report.sheet_info[0].columns["plan.total"] == "D"


def grid(rows: list[list[object]], name: str = "Biểu 01") -> RawSheet:
    width = max(len(r) for r in rows)
    return RawSheet(name, [r + [""] * (width - len(r)) for r in rows], [])


HEADER: list[object] = ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ (%)"]


def test_a_stacked_table_with_its_own_unit_line() -> None:
    layouts = find_layouts(
        grid([
            ["Đơn vị tính: triệu đồng"],
            ["A. VỐN ĐẦU TƯ PHÁT TRIỂN"],
            HEADER,
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            [],
            ["B. VỐN SỰ NGHIỆP"],
            ["", "", "", "Đơn vị tính: nghìn đồng"],
            HEADER,
            ["1", "Dự án 5", 10.0, 5.0, 50.0],
            ["", "NGƯỜI LẬP BIỂU"],
        ])
    )  # fmt: skip
    assert [(t.first_row, t.last_row) for t in layouts] == [(3, 3), (8, 8)]
    assert [t.capital for t in layouts] == ["dtpt", "sn"]
    assert [t.unit for t in layouts] == [Unit.trieu_dong, Unit.nghin_dong]
    assert layouts[1].caption == "B. VỐN SỰ NGHIỆP"


def test_the_table_above_a_caption_keeps_its_text_figures_and_its_lines_without_figures() -> None:
    """Figures typed as text ("4 042,873") and lines left blank are the first table's lines,
    whether a blank row parts it from the next caption or not; the caption is the next's."""
    for gap in ([[]], []):
        layouts = find_layouts(
            grid([
                ["A. VỐN ĐẦU TƯ PHÁT TRIỂN"],
                HEADER,
                ["1", "Dự án 1", "4 042,873", "5,5", "0,14"],
                ["2", "Dự án 3"],
                ["", "Dự án 4"],
                ["I", "Tổng cộng", "4 042,873", "5,5", "0,14"],
                ["3", "Dự án 5"],
                *gap,
                ["B", "VỐN SỰ NGHIỆP"],
                HEADER,
                ["1", "Dự án 5", 10.0, 5.0, 50.0],
            ])
        )  # fmt: skip
        second = 7 + len(gap)
        assert [(t.first_row, t.last_row) for t in layouts] == [(2, 6), (second + 2, second + 2)]
        assert [t.capital for t in layouts] == ["dtpt", "sn"]
        assert layouts[1].caption == "B VỐN SỰ NGHIỆP"


def test_stacked_tables_read_their_text_numbers_in_the_sheets_style() -> None:
    """ "209,861" alone is 209,861 (Vietnamese) or 209861 (English): under a table written
    "6,405,489", by the same hand on the same sheet, it is English."""
    sheet = grid([
        ["A. VỐN ĐẦU TƯ PHÁT TRIỂN"],
        HEADER,
        ["1", "Dự án 1", "6,405,489", "2,716,540", "42,41"],
        ["2", "Dự án 3", "1,330,562", "5,074,927", "381,41"],
        [],
        ["B. VỐN SỰ NGHIỆP"],
        HEADER,
        ["1", "Dự án 5", "209,861", "172,016", "81,97"],
    ])  # fmt: skip
    first, second = read_tables(sheet, Options(unit=Unit.nghin_dong), arithmetic)
    assert first.table.number_style == second.table.number_style == "en"
    assert second.table.lines[0].amounts["plan.total"] == 209_861_000


def test_a_sheet_per_capital_type_reads_its_text_numbers_in_the_workbooks_style() -> None:
    """ "713.386" on the «Vốn SN» sheet is 713,386 triệu when the «Vốn ĐTPT» sheet of the same
    workbook is written "1,080.433"; a sheet whose own texts are Vietnamese stays so."""
    english = grid([HEADER, ["1", "Dự án 1", "1,080.433", "2,716.54", "251,43"],
                    ["2", "Dự án 3", "1,330.562", "5,074.927", "381,41"]], "Vốn ĐTPT")  # fmt: skip
    ambiguous = grid([HEADER, ["1", "Dự án 5", "713.386", "382.115", "53,56"]], "Vốn SN")
    vietnamese = grid([HEADER, ["1", "Dự án 6", "1.713,386", "382,115", "22,3"]], "Xã B")
    found = read_book([english, ambiguous, vietnamese], Options(unit=Unit.trieu_dong), arithmetic)
    tables = [reading.table for _, readings in found for reading in readings]
    assert [t.number_style for t in tables] == ["en", "en", "vi"]
    assert tables[1].lines[0].amounts["plan.total"] == 713_386_000
    assert tables[2].lines[0].amounts["plan.total"] == 1_713_386_000


def test_a_repeated_header_under_a_section_line_goes_on_with_the_table() -> None:
    [layout] = find_layouts(
        grid([
            HEADER,
            ["I", "Xã Quân Hà", 10.0, 5.0, 50.0],
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            ["II", "Xã Nguyên Phúc"],
            HEADER,
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert (layout.first_row, layout.last_row) == (1, 6)
    assert layout.skipped_rows == frozenset({4, 5})


def test_a_repeated_header_under_unnumbered_lines_without_figures_goes_on_with_the_table() -> None:
    """Lines with no STT and no figures ("Nội dung 2", a note beside it; "Trong đó: …") right
    above a header repeated for printing are lines, not the caption of another table."""
    [layout] = find_layouts(
        grid([
            [*HEADER, "Ghi chú"],
            ["", "Dự án 7", 10.0, 5.0, 50.0],
            ["", "Nội dung 1 của Dự án 7"],
            ["", "Trong đó: vốn lồng ghép"],
            ["", "Nội dung 2 của Dự án 7", "", "", "", "Đang triển khai"],
            [*HEADER, "Ghi chú"],
            ["", "Nội dung 3 của Dự án 7", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert (layout.first_row, layout.last_row) == (1, 6)
    assert layout.skipped_rows == frozenset({5})


def test_a_project_named_with_capital_words_above_a_repeated_header_is_a_line() -> None:
    """ "4 | Dự án 9: Đầu tư phát triển nhóm dân tộc …" (no figures yet) right above a header
    repeated for printing names a project, not the capital type of another table."""
    [layout] = find_layouts(
        grid([
            ["B. VỐN SỰ NGHIỆP"],
            HEADER,
            ["1", "Dự án 7", 10.0, 5.0, 50.0],
            ["2", "Dự án 9: Đầu tư phát triển nhóm dân tộc thiểu số rất ít người"],
            HEADER,
            ["3", "Dự án 10", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert (layout.first_row, layout.last_row) == (2, 5)
    assert layout.skipped_rows == frozenset({4}) and layout.capital == "sn"


def test_a_capital_type_row_of_a_split_table_above_a_repeated_header_is_a_line() -> None:
    """ "- Vốn SN" (no figures) closing a line split in capital-type rows, right above a header
    repeated for printing, is that line's split, not the caption of an SN table."""
    [layout] = find_layouts(
        grid([
            HEADER,
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            ["", "- Vốn ĐTPT", 10.0, 5.0],
            ["", "- Vốn SN"],
            HEADER,
            ["2", "Dự án 3", 10.0, 5.0, 50.0],
            ["", "- Vốn ĐTPT", 10.0, 5.0],
        ])
    )  # fmt: skip
    assert (layout.first_row, layout.last_row) == (1, 6)
    assert layout.skipped_rows == frozenset({4}) and layout.capital is None


def test_capital_type_named_by_a_caption_or_a_sheet() -> None:
    assert capital_named("A. VỐN ĐẦU TƯ PHÁT TRIỂN") == "dtpt"
    assert capital_named("Vốn ĐTPT") == "dtpt" and capital_named("VSN") == "sn"
    assert capital_named("B. Kinh phí sự nghiệp") == "sn"
    assert capital_named("Vốn đầu tư phát triển và vốn sự nghiệp") is None
    assert capital_named("Biểu 01") is None and capital_named("Vốn đầu tư công") is None


def grand_total(tmp_path: Path, mark: str, first: bool) -> Path:
    path = tmp_path / f"total-{mark or 'none'}-{first}.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Biểu 01")
    ws.write(0, 0, "Đơn vị tính: triệu đồng")
    ws.write_row(2, 0, ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân"])
    total = [mark, "TỔNG CỘNG", 300.0, 100.0]
    body = [["1", "Dự án 1: Giải quyết tình trạng thiếu đất ở", 100.0, 40.0],
            ["2", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu", 210.0, 60.0]]  # fmt: skip
    for index, row in enumerate([total, *body] if first else [*body, total]):
        ws.write_row(3 + index, 0, row)
    ws.write(7, 1, "THỦ TRƯỞNG ĐƠN VỊ")
    book.close()
    return path


def test_the_grand_total_under_any_stt_mark_first_or_last(tmp_path: Path) -> None:
    """Its plan (300) differs from its lines' (310): found at its row, and the file's total is
    the one it states, never the lines added to it."""
    for mark in ("", "A", "I", "3"):
        for first in (True, False):
            report = reconcile_file(grand_total(tmp_path, mark, first), Options())
            row = 4 if first else 6
            assert errors(report) == {("SUM_MISMATCH", "Biểu 01", row)}, (mark, first)
            assert file_total(report)["plan"]["total"] == 300_000_000


def test_tables_with_the_same_columns_are_told_apart_by_caption_and_total() -> None:
    """A caption that is no line, or a grand total between them, starts a new table; a section
    line before a repeated header does not."""
    unit_caption = find_layouts(
        grid([
            HEADER,
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            ["XÃ NGUYÊN PHÚC"],
            HEADER,
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert [(t.first_row, t.last_row) for t in unit_caption] == [(1, 1), (4, 4)]
    assert unit_caption[1].caption == "XÃ NGUYÊN PHÚC" and unit_caption[1].capital is None
    total_last = find_layouts(
        grid([
            HEADER,
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            ["", "Cộng", 10.0, 5.0, 50.0],
            HEADER,
            ["", "TỔNG CỘNG", 10.0, 5.0, 50.0],
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert [(t.first_row, t.last_row) for t in total_last] == [(1, 2), (4, 5)]
    total_first = find_layouts(
        grid([
            HEADER,
            ["", "TỔNG CỘNG", 20.0, 10.0, 50.0],
            HEADER,
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            ["2", "Dự án 4", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert [(t.first_row, t.last_row) for t in total_first] == [(1, 4)]
    assert total_first[0].skipped_rows == frozenset({2})


def test_a_long_table_with_its_header_on_every_page_is_one_table() -> None:
    rows: list[list[object]] = [["Đơn vị tính: triệu đồng"], list(HEADER)]
    for page in range(50):
        rows += [[str(page * 20 + i + 1), "Dự án 4", 10.0, 5.0, 50.0] for i in range(20)]
        rows.append(list(HEADER))
    rows.append(["1001", "Dự án 4", 10.0, 5.0, 50.0])
    [layout] = find_layouts(grid(rows))
    assert (layout.first_row, layout.last_row) == (2, len(rows) - 1)
    assert sorted(layout.skipped_rows) == [2 + 21 * page + 20 for page in range(50)]


def test_a_pinned_column_is_never_overruled_by_the_arithmetic(tmp_path: Path) -> None:
    pin = tmp_path / "pin.toml"
    pin.write_text('[layout]\n[layout.columns]\nC = "plan.total"\n', "utf-8")
    path = two_plans(tmp_path / "two.xlsx", rate=True)
    result = CliRunner().invoke(app, ["reconcile", str(path), "--layout", str(pin), "-f", "json"])
    report = json.loads(result.output)["files"][0]
    assert report["sheet_info"][0]["columns"]["plan.total"] == "C"  # 2022's, as pinned
    assert {f["rule"] for f in report["findings"]} == {"RATE_MISMATCH"}
    assert not [f for f in report["findings"] if f["rule"] == "LAYOUT_AMBIGUOUS"]


def test_a_line_without_figures_whose_words_look_like_a_header_is_a_line() -> None:
    [layout] = find_layouts(
        grid([
            [*HEADER, "Ghi chú"],
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            ["", "Nội dung số 2: Hỗ trợ vốn làm nhà ở", "", "", "", "Chưa giải ngân do chờ vốn"],
            ["-", "Hộ gia đình", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert (layout.first_row, layout.last_row) == (1, 3) and not layout.skipped_rows


NUMBERS: list[object] = ["(1)", "(2)", "(3)", "(4)", "(5)"]


def test_a_header_copied_under_lines_without_stt_marks_goes_on_with_the_table() -> None:
    """Copied for printing under a capital-type row with no figure, an "of which" row, a line
    whose figures are text, a line with nothing but its project's name: one table, the copy's
    rows (and its number row) skipped."""
    above: list[list[object]] = [
        ["", "- Vốn SN", "", "", ""],
        ["", "Trong đó: vốn NSTW"],
        ["", "Dự án 6", "10,5", "5", "47,62"],
        ["", "Dự án 5: Phát triển giáo dục đào tạo"],
    ]
    for last in above:
        rows = [
            HEADER,
            NUMBERS,
            ["1", "Dự án 4", 10.0, 5.0, 50.0],
            ["", "- Vốn ĐTPT", 10.0, 5.0, ""],
        ]
        rows += [last, HEADER, NUMBERS, ["3", "Dự án 7", 10.0, 5.0, 50.0]]
        [layout] = find_layouts(grid(rows))
        assert (layout.first_row, layout.last_row) == (2, 7), last
        assert layout.skipped_rows == frozenset({5, 6}), last


def test_a_caption_naming_a_capital_type_after_a_split_row_starts_a_table() -> None:
    """ "B | VỐN SỰ NGHIỆP" (a section mark, no figure) is a caption; "- Vốn SN" is no caption."""
    layouts = find_layouts(
        grid([
            HEADER,
            ["1", "Dự án 4", 10.0, 5.0, 50.0],
            ["", "- Vốn SN", 10.0, 5.0, ""],
            ["B", "VỐN SỰ NGHIỆP"],
            HEADER,
            ["1", "Dự án 5", 10.0, 5.0, 50.0],
        ])
    )  # fmt: skip
    assert [(t.first_row, t.last_row) for t in layouts] == [(1, 2), (5, 5)]
    assert layouts[1].capital == "sn"


def test_a_title_and_a_grand_total_copied_with_the_header_are_skipped() -> None:
    """The title above the header and the total line first under it, copied in the middle of
    the table with the header and its number row: their rows are no lines either."""
    title: list[object] = ["BÁO CÁO GIẢI NGÂN NĂM 2023"]
    total: list[object] = ["", "TỔNG CỘNG", 30.0, 15.0, 50.0]
    rows = [title, HEADER, NUMBERS, total, ["1", "Dự án 1", 10.0, 5.0, 50.0]]
    rows += [["2", "Dự án 4", 10.0, 5.0, 50.0], title, HEADER, NUMBERS, total]
    rows += [["3", "Dự án 5", 10.0, 5.0, 50.0]]
    [layout] = find_layouts(grid(rows))
    assert (layout.first_row, layout.last_row) == (3, 10)
    assert layout.skipped_rows == frozenset({6, 7, 8, 9})


def test_a_line_with_one_figure_under_a_second_header_is_no_header_row() -> None:
    """ "Tổng cộng" or "Dự án 2" with one figure and no STT mark, right under the one-row header
    of a table stacked under another (worded otherwise), is its first line, not a header row."""
    second: list[object] = ["STT", "Tên dự án, tiểu dự án, nội dung", "Dự toán giao", "Giải ngân"]
    for first in (["", "Tổng cộng", "", "179.563"], ["", "Dự án 2", 164179730]):
        layouts = find_layouts(
            grid([
                ["A. VỐN ĐẦU TƯ PHÁT TRIỂN"],
                HEADER,
                ["1", "Dự án 1", 10.0, 5.0, 50.0],
                [],
                ["B. VỐN SỰ NGHIỆP"],
                second,
                first,
                ["1", "Dự án 2", "", "179.563"],
            ])
        )  # fmt: skip
        assert [(t.header_rows, t.first_row, t.last_row) for t in layouts] == [
            ([1], 2, 2),
            ([5], 6, 7),
        ]
        assert [t.capital for t in layouts] == ["dtpt", "sn"]
        assert layouts[1].columns["name"] == 1


def test_a_section_marked_project_with_capital_words_above_a_copied_header_is_a_line() -> None:
    """ "III | Dự án 4: … các đơn vị sự nghiệp công lập" or "V | Dự án 9: Đầu tư phát triển …"
    (no figures) right above a header copied into the table is a project under a roman mark,
    not the caption of an SN or ĐTPT table."""
    for name in (
        "Dự án 4: Đầu tư cơ sở vật chất các đơn vị sự nghiệp công lập",
        "Dự án 9: Đầu tư phát triển nhóm dân tộc thiểu số rất ít người",
    ):
        [layout] = find_layouts(
            grid([
                HEADER,
                ["I", "Dự án 1", 10.0, 5.0, 50.0],
                ["II", name],
                ["", "Trong đó: vốn NSTW"],
                HEADER,
                NUMBERS,
                ["III", "Dự án 10", 10.0, 5.0, 50.0],
            ])
        )  # fmt: skip
        assert (layout.first_row, layout.last_row) == (1, 6)
        assert layout.skipped_rows == frozenset({4, 5})


def test_the_only_plan_column_with_figures_is_read_in_a_stacked_table() -> None:
    """Under a second table whose "Kế hoạch vốn năm 2022" column is left blank, the plan is read
    from "Dự toán giao", the one plan column holding figures, so its arithmetic is checked."""
    header: list[object] = ["STT", "Nội dung", "Kế hoạch vốn năm 2022", "Dự toán giao"]
    header += ["Đã phân bổ", "Chưa phân bổ", "Giải ngân"]
    sheet = grid([
        ["A. VỐN ĐẦU TƯ PHÁT TRIỂN"],
        header,
        ["1", "Dự án 1", 8.0, 10.0, 10.0, "", 5.0],
        [],
        ["B. VỐN SỰ NGHIỆP"],
        header,
        ["1", "Dự án 3", "", 0.0, 0.0, 2.0, 0.0],
    ])  # fmt: skip
    first, second = read_tables(sheet, Options(unit=Unit.trieu_dong), arithmetic)
    assert first.layout.columns["plan.total"] == 3 == second.layout.columns["plan.total"]
    assert second.table.lines[0].amounts["plan.total"] == 0


def test_a_caption_above_a_header_read_as_no_table_is_no_line_of_the_table_above() -> None:
    """A second header whose columns name no figure mtqg knows ends the table above; the caption
    "B. VỐN SỰ NGHIỆP" right above it is not read as a line (an SN split of the last project)."""
    [layout] = find_layouts(
        grid([
            ["A. VỐN ĐẦU TƯ PHÁT TRIỂN"],
            HEADER,
            ["1", "Dự án 1", 10.0, 5.0, 50.0],
            ["2", "Dự án 9"],
            [],
            ["B. VỐN SỰ NGHIỆP"],
            ["STT", "Nội dung", "Vốn khác", "Số khác"],
            ["1", "Dự án 5", 3.0, 1.0],
        ])
    )  # fmt: skip
    assert (layout.first_row, layout.last_row) == (2, 3)
