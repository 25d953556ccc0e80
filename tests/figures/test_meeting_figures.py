"""Meeting figures that hold: unit slips enter the consolidation corrected, each file has one
figure in every table (or a reason beside it), and compare refuses two different units."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from batch_forms import MILLION, UnitForm, unit_forms
from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.figures.consolidation import consolidate
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import Consolidation, FileReport, Finding, Report, SummaryEntry, Triple
from mtqg_cli.render.batch_view import render_batch
from mtqg_cli.render.console import make_console

runner = CliRunner()
HALF = "6 tháng đầu năm 2023"


def entry(project: str, plan: int | None, *, row: int, sn: int | None = None) -> SummaryEntry:
    return SummaryEntry(
        project=project, name=project, sheet="Biểu 01", row=row,
        plan=Triple(sn=sn, total=plan), disbursed=Triple(total=0),
    )  # fmt: skip


def slip(row: int, project: str, column: str, typed: int, factor: int, fid: str) -> Finding:
    return Finding(
        rule="UNIT_SUSPECT", severity="error", sheet="Biểu 01", row=row, project=project,
        column=column, expected=typed // factor, actual=typed, id=fid,
    )  # fmt: skip


def _line(consolidated: Consolidation, code: str) -> tuple[int | None, bool]:
    line = next(x for x in consolidated.lines if x.project == code)
    return line.plan.total, line.corrected


def test_a_slip_enters_divided_and_so_does_the_blank_parent_that_added_it() -> None:
    typed = 345_244 * 1_000_000_000  # 345,244 triệu đồng typed in đồng: a million times over
    file = FileReport(
        path="a.xlsx", status="findings", reporting_unit="Xã A",
        summary=[
            entry("TOTAL", 600_000_000 + typed, row=5),  # blank on the form: its lines added up
            entry("DA9", None, row=6),
            entry("DA9.TDA1", 500_000_000, row=7, sn=500_000_000),
            entry("DA9.TDA2", typed, row=8, sn=typed),
            entry("DA8", 100_000_000, row=9),
        ],
        findings=[
            slip(8, "DA9.TDA2", "plan.sn", typed, MILLION, "F2"),
            slip(8, "DA9.TDA2", "plan.total", typed, MILLION, "F1"),
        ],
    )  # fmt: skip
    file.summary[1].plan.total = 500_000_000 + typed  # DA9 blank: what its children add up to
    consolidated = consolidate([file])
    assert _line(consolidated, "DA9.TDA2") == (345_244_000, True)
    assert _line(consolidated, "DA9") == (845_244_000, True)
    assert _line(consolidated, "DA8") == (100_000_000, False)
    assert _line(consolidated, "TOTAL") == (945_244_000, True)
    made = {(c.project, c.field, c.kind, c.finding) for c in consolidated.corrections}
    assert made == {
        ("DA9.TDA2", "plan.total", "slip", "F1"),  # the total first: not divided twice
        ("DA9.TDA2", "plan.sn", "slip", "F2"),
        ("DA9", "plan.total", "sum", "F1"),
        ("TOTAL", "plan.total", "sum", "F1"),
    }
    assert all(c.typed - c.entered == typed - 345_244_000 for c in consolidated.corrections)
    assert file.summary[3].plan.total == typed  # the report itself stays as read
    [figures] = consolidated.files
    assert (figures.plan, figures.corrected, figures.stated_plan) == (945_244_000, 2, None)


def test_a_sum_flagged_only_for_the_slip_it_adds_loses_the_excess_not_divided() -> None:
    """A parent whose own figure adds the slip in is flagged too, caused by the slip below: it
    enters as its lines' right sum (typed minus the slip's excess), not typed / 1.000.000."""
    typed = 1_424_856 * 10**9  # 1.424,856 triệu đồng typed in đồng
    parent_typed = typed + 2_108_538_000  # the slip plus its sibling, added by a formula
    file = FileReport(
        path="a.xlsx", status="findings", reporting_unit="Xã A",
        summary=[
            entry("DA10.TDA1", parent_typed, row=22),
            entry("DA10.TDA1.ND1", typed, row=23),
            entry("DA10.TDA1.ND2", 2_108_538_000, row=24),
        ],
        findings=[
            slip(22, "DA10.TDA1", "plan.total", parent_typed, MILLION, "F1"),
            slip(23, "DA10.TDA1.ND1", "plan.total", typed, MILLION, "F2"),
        ],
    )  # fmt: skip
    file.findings[0].caused_by = "F2"
    consolidated = consolidate([file])
    assert _line(consolidated, "DA10.TDA1.ND1") == (1_424_856_000, True)
    assert _line(consolidated, "DA10.TDA1") == (1_424_856_000 + 2_108_538_000, True)
    made = {(c.project, c.kind, c.finding) for c in consolidated.corrections}
    assert made == {("DA10.TDA1.ND1", "slip", "F2"), ("DA10.TDA1", "sum", "F2")}


def test_a_stated_parent_that_left_the_slip_out_is_not_touched() -> None:
    file = FileReport(
        path="a.xlsx", status="findings",
        summary=[entry("DA9", 690_488_000, row=6), entry("DA9.TDA2", 345_244 * 10**9, row=8)],
        findings=[slip(8, "DA9.TDA2", "plan.total", 345_244 * 10**9, MILLION, "F1")],
    )  # fmt: skip
    consolidated = consolidate([file])
    assert _line(consolidated, "DA9") == (690_488_000, False)
    assert _line(consolidated, "DA9.TDA2") == (345_244_000, True)
    assert [(c.project, c.kind) for c in consolidated.corrections] == [("DA9.TDA2", "slip")]


def test_a_slip_on_a_line_without_a_code_is_taken_out_of_the_lines_that_added_it() -> None:
    typed = 7 * 10**12  # 7 triệu đồng typed in đồng, on an item line the summary has no entry for
    file = FileReport(
        path="a.xlsx", status="findings", reporting_unit="Xã A",
        summary=[
            entry("TOTAL", 545_244_000 + typed, row=5),
            entry("DA8", 200_000_000 + typed, row=6),  # blank: its items added up
            entry("DA9", 345_244_000, row=20),
        ],
        findings=[slip(12, "", "plan.total", typed, MILLION, "F4")],
    )  # fmt: skip
    file.findings[0].project = None
    consolidated = consolidate([file])
    assert _line(consolidated, "DA8") == (207_000_000, True)
    assert _line(consolidated, "DA9") == (345_244_000, False)
    assert _line(consolidated, "TOTAL") == (552_244_000, True)
    assert {(c.project, c.kind) for c in consolidated.corrections} == {
        ("DA8", "sum"), ("TOTAL", "sum"),
    }  # fmt: skip
    [figures] = consolidated.files
    assert (figures.plan, figures.corrected, figures.stated_plan) == (552_244_000, 1, None)
    report = Report(version="test", files=[file], consolidated=consolidated)
    console = make_console(width=200, color=False)
    with console.capture() as captured:
        render_batch(report, console)
    assert "Đã sửa trước khi cộng: Kế hoạch vốn (tổng số) của DA8 (Xã A, a.xlsx)" in captured.get()


def test_a_slip_in_a_workbook_never_inflates_the_province(tmp_path: Path) -> None:
    """The issue's case: a sub-project typed in đồng under a parent that states the right sum."""
    slipped = UnitForm("Xã Lục Bình", HALF, {3: [(10, 2), (20, 3)], 9: [(5, 1), (7, 0)]}, (9, 2))
    slipped.write(tmp_path / "luc-binh.xlsx")
    other = UnitForm("Xã Cẩm Giàng", HALF, {9: [(1, 0), (2, 1)]})
    other.write(tmp_path / "cam-giang.xlsx")
    report = reconcile_paths([tmp_path], Options(workers=1))
    assert report.consolidated is not None
    assert _line(report.consolidated, "DA9.TDA2") == (9 * MILLION, True)  # 7 + 2 triệu đồng
    assert _line(report.consolidated, "DA9") == (15 * MILLION, False)
    assert _line(report.consolidated, "TOTAL")[0] == slipped.plan + other.plan
    [fix] = report.consolidated.corrections
    assert (fix.project, fix.field, fix.row, fix.factor) == ("DA9.TDA2", "plan.total", 13, MILLION)
    assert (fix.typed, fix.entered) == (7 * MILLION * MILLION, 7 * MILLION)
    suspect = next(f for f in report.files[1].findings if f.rule == "UNIT_SUSPECT")
    assert fix.finding == suspect.id
    result = runner.invoke(app, ["reconcile", str(tmp_path), "--width", "200"])
    assert (
        "Đã sửa trước khi cộng: Kế hoạch vốn (tổng số) của DA9.TDA2 (Xã Lục Bình" in result.output
    )
    assert "ghi 7.000.000,000, cộng 7,000 (chia 1.000.000)" in result.output
    assert "DA9.TDA2 *" in result.output


def _one_figure_holds(report: Report) -> None:
    """Overview figure == per-unit figure == contribution to the province total, or a reason."""
    consolidated = report.consolidated
    assert consolidated is not None
    total = next((x for x in consolidated.lines if x.project == "TOTAL"), None)
    every = [] if total is None else total.units
    for figures in consolidated.files:
        units = [u for u in every if u.path == figures.path]
        if figures.counted:
            assert units, figures.path
            assert sum(u.plan or 0 for u in units) == (figures.plan or 0)
            assert sum(u.disbursed or 0 for u in units) == (figures.disbursed or 0)
        else:
            assert units == []
            left = [x.path for x in consolidated.left_out] + consolidated.excluded
            assert figures.path in left  # said why, under the table and in its note
        file = next(f for f in report.files if f.path == figures.path)
        stated = next(e for e in file.summary if e.project == "TOTAL")
        if stated.plan.total != figures.plan:
            assert figures.stated_plan == stated.plan.total  # the reason, beside the figure
    counted = [f.plan for f in consolidated.files if f.counted and f.plan is not None]
    if total is None:
        assert not [f for f in consolidated.files if f.counted]
    else:
        assert total.plan.total == (sum(counted) if counted else None)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(unit_forms(slips=True, offs=True), min_size=2, max_size=4))
def test_generated_batches_show_one_figure_per_file(
    tmp_path_factory: object, forms: list[UnitForm]
) -> None:
    folder = tmp_path_factory.mktemp("batch")  # type: ignore[attr-defined]
    for index, form in enumerate(forms):
        form.write(folder / f"bao-cao-{index}.xlsx", mtime=1_000_000 + index)
    report = reconcile_paths([folder], Options(workers=1))
    _one_figure_holds(report)
    assert report.consolidated is not None
    by_name = {Path(f.path).name: f for f in report.consolidated.files}
    for index, form in enumerate(forms):
        figures = by_name[f"bao-cao-{index}.xlsx"]
        assert figures.plan == form.plan  # slips corrected, whatever the TOTAL line says
        assert figures.stated_plan == (
            form.plan + form.total_off * MILLION if form.total_off else None
        )
        assert figures.corrected == (1 if form.slip else 0)
    console = make_console(width=200, color=False)
    with console.capture() as captured:
        render_batch(report, console)
    shown = captured.get()
    for figures in report.consolidated.files:
        if figures.stated_plan is not None:
            assert f"* {Path(figures.path).name}: dòng TỔNG CỘNG của biểu ghi kế hoạch" in shown


@st.composite
def reports(draw: st.DrawFn) -> list[FileReport]:
    """Files of distinct paths: plain units, or sections of a consolidated sheet, a stated
    TOTAL that may differ from the lines, some unread."""
    files = []
    for index in range(draw(st.integers(1, 5))):
        sections = draw(st.sampled_from([[None], ["Xã A", "Xã B"]]))
        entries = [
            entry(code, draw(st.integers(0, 10**12)), row=row).model_copy(update={"unit": unit})
            for row, (unit, code) in enumerate(
                ((u, c) for u in sections for c in draw(st.lists(
                    st.sampled_from(["DA1", "DA1.ND1", "DA4", "DA9"]), max_size=4, unique=True))),
                start=10,
            )
        ]  # fmt: skip
        entries.append(entry("TOTAL", draw(st.one_of(st.none(), st.integers(0, 10**13))), row=5))
        files.append(
            FileReport(
                path=f"f{index}.xlsx",
                status=draw(st.sampled_from(["ok", "findings", "error"])),
                summary=entries,
            )
        )
    return files


@settings(max_examples=300, deadline=None)
@given(reports(), st.booleans())
def test_one_figure_per_file_over_generated_reports(files: list[FileReport], strict: bool) -> None:
    report = Report(version="test", files=files)
    report.consolidated = consolidate(files, exclude_errors=strict)
    _one_figure_holds(report)


def _two_units(tmp_path: Path) -> tuple[Path, Path]:
    first = UnitForm("Huyện Na Rì", HALF, {3: [(10, 2), (20, 3)]}).write(tmp_path / "na-ri.xlsx")
    second = UnitForm("Xã Lục Bình", "năm 2023", {3: [(10, 5), (20, 9)]})
    return first, second.write(tmp_path / "luc-binh.xlsx")


def test_compare_refuses_two_different_units(tmp_path: Path) -> None:
    first, second = _two_units(tmp_path)
    result = runner.invoke(app, ["compare", str(first), str(second)])
    assert result.exit_code == 2
    assert "Hai tệp của hai đơn vị khác nhau: Huyện Na Rì" in result.output
    assert "Xã Lục Bình" in result.output and "--force" in result.output
    assert "Traceback" not in result.output
    english = runner.invoke(app, ["compare", str(first), str(second), "--lang", "en"])
    assert english.exit_code == 2
    assert "The two files are of different units: Huyện Na Rì" in english.output


def test_compare_force_goes_on_and_one_unit_needs_no_force(tmp_path: Path) -> None:
    first, second = _two_units(tmp_path)
    forced = runner.invoke(app, ["compare", str(first), str(second), "--force", "-f", "json"])
    assert forced.exit_code in (0, 1), forced.output
    [pair] = json.loads(forced.stdout)["pairs"]
    assert (Path(pair["earlier"]).name, Path(pair["later"]).name) == ("na-ri.xlsx", "luc-binh.xlsx")
    later = UnitForm("huyen na ri", "năm 2023", {3: [(10, 5), (20, 9)]})  # spelt another way
    same = runner.invoke(app, ["compare", str(first), str(later.write(tmp_path / "b.xlsx"))])
    assert same.exit_code in (0, 1), same.output
    assert "khác nhau" not in same.output


def test_the_schema_describes_the_new_fields() -> None:
    result = runner.invoke(app, ["schema"])
    defs = json.loads(result.stdout)["$defs"]
    assert {"left_out", "corrections", "files"} <= set(defs["Consolidation"]["properties"])
    assert {"path", "unit", "reason", "kept", "finding"} == set(defs["LeftOut"]["properties"])
    fields = {"typed", "entered", "factor", "field", "project", "kind", "finding"}
    assert fields <= set(defs["Correction"]["properties"])
    assert {"counted", "stated_plan", "corrected"} <= set(defs["FileFigures"]["properties"])
    assert "corrected" in defs["UnitFigures"]["properties"]


def test_the_html_report_says_the_same_in_the_same_places(tmp_path: Path) -> None:
    from mtqg_cli.report.html.page import render_html

    projects = {3: [(10, 2), (20, 3)], 9: [(5, 1), (7, 0)]}
    UnitForm("Xã Lục Bình", HALF, projects, total_off=4).write(tmp_path / "a.xlsx", mtime=1e6)
    UnitForm("Xã Lục Bình", HALF, projects, (9, 2)).write(tmp_path / "b.xlsx", mtime=2e6)
    html = render_html(reconcile_paths([tmp_path], Options(workers=1)))
    overview = html[html.index('id="tong-quan"') : html.index('id="sai-lech"')]
    summary = html[html.index('id="tong-hop"') : html.index('id="bieu-do"')]
    assert "* dòng TỔNG CỘNG của biểu ghi kế hoạch 46,000" in overview  # 42 + 4 triệu đồng
    assert "không cộng vào toàn tỉnh: đã có bản nộp lại b.xlsx" in overview
    assert "42,000 *" in overview  # a.xlsx: its projects added up, marked
    assert "Không cộng a.xlsx (Xã Lục Bình): đã có bản nộp lại b.xlsx (DUPLICATE_UNIT)" in summary
    assert "Đã sửa trước khi cộng: Kế hoạch vốn (tổng số) của DA9.TDA2" in summary
    assert ">DA9.TDA2 *<" in summary
