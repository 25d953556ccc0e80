"""Tests of the terminal rendering of reports."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest

from mtqg_cli.model.report import FileReport, Finding, Report, SheetInfo, SummaryEntry, Triple
from mtqg_cli.model.vocabulary import Severity, Unit
from mtqg_cli.render.console import make_console, render_error
from mtqg_cli.render.file_view import render_report

MILLION = 1_000_000


def trd(value: float) -> int:
    """Triệu đồng to integer đồng."""
    return round(value * MILLION)


def sum_mismatch() -> Finding:
    return Finding(
        rule="SUM_MISMATCH",
        severity=Severity.error,
        sheet="Biểu 01",
        cell="E17",
        row=17,
        column="plan.sn",
        project="DA5",
        expected=10644617000,
        actual=10544617000,
        difference=-100000000,
        message="Dự án 5: vốn SN ghi 10.544,617 nhưng các dòng con cộng lại là 10.644,617.",
    )


def rate_mismatch() -> Finding:
    return Finding(
        rule="RATE_MISMATCH",
        severity=Severity.error,
        sheet="Biểu 01",
        cell="K22",
        row=22,
        column="rate.total",
        project="DA8",
        expected=18.34,
        actual=18.14,
        difference=-0.2,
        message="Tỷ lệ giải ngân ghi 18,14% nhưng tính ra 18,34%.",
    )


def other_findings() -> list[Finding]:
    return [
        Finding(rule="UNIT_ASSUMED", severity=Severity.info, sheet="Biểu 01", message="Giả định."),
        Finding(
            rule="NUMBER_FORMAT",
            severity=Severity.warning,
            sheet="Biểu 01",
            cell="E9",
            row=9,
            column="plan.sn",
            actual=46929385459,
            message='Ô ghi "46.929,385,459"; đã đọc là 46.929,385.',
        ),
    ]


def summary() -> list[SummaryEntry]:
    return [
        SummaryEntry(
            project="DA5",
            name="Dự án 5: Phát triển giáo dục đào tạo nâng cao chất lượng nguồn nhân lực",
            plan=Triple(dtpt=trd(26744), sn=trd(10544.617), total=trd(37288.617)),
            disbursed=Triple(total=trd(5013.06)),
            rate=Triple(total=13.44),
        ),
        SummaryEntry(
            project="DA5.TDA3",
            name="Tiểu dự án 3: Phát triển giáo dục nghề nghiệp và giải quyết việc làm",
            plan=Triple(sn=trd(2100)),
            unallocated=trd(345.244),
            unallocated_reason="Chưa có danh sách học viên được phê duyệt",
        ),
        SummaryEntry(
            project="DA3.TDA2.ND1",
            name="Nội dung 1: Chuỗi giá trị",
            plan=Triple(sn=trd(1200)),
        ),
        SummaryEntry(
            project="TOTAL",
            name="Tổng cộng",
            plan=Triple(dtpt=trd(26744), sn=trd(16567.406), total=trd(43311.406)),
            disbursed=Triple(total=trd(7090.064)),
            rate=Triple(total=16.37),
            unallocated=trd(345.244),
        ),
    ]


def sheet_info(unit_source: str | None = "K3") -> SheetInfo:
    return SheetInfo(
        name="Biểu 01",
        title="UBND xã Pa Ủ",
        unit="trieu_dong",
        unit_source=unit_source,
        header_rows=[5, 6, 7],
        first_row=9,
        last_row=40,
        lines=30,
        project_lines=22,
        columns={"stt": "A", "name": "B", "plan.sn": "E", "plan.total": "C", "rate.total": "AA"},
    )


def file_report(**changes: object) -> FileReport:
    data: dict[str, object] = {
        "path": "submissions/xa_01.xlsx",
        "status": "findings",
        "unit": "trieu_dong",
        "sheets": ["Biểu 01"],
        "findings": [*other_findings(), rate_mismatch(), sum_mismatch()],
        "summary": summary(),
        "sheet_info": [sheet_info()],
    }
    data.update(changes)
    return FileReport.model_validate(data)


def render(
    *files: FileReport, width: int = 100, lang: str = "vi", display_unit: Unit | None = None
) -> str:
    out = io.StringIO()
    console = make_console(width=width, file=out, color=False)
    report = Report(version="1.0.0", files=list(files))
    render_report(report, console, lang=lang, display_unit=display_unit)
    return out.getvalue()


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


# --------------------------------------------------------------------------- layout
def test_findings_table_comes_before_summary() -> None:
    text = render(file_report())
    assert "Sai lệch phát hiện" in text
    assert text.index("Sai lệch phát hiện") < text.index("Tổng hợp theo dự án")
    assert text.index("Tổng hợp theo dự án") < text.index("Kết luận")


def test_header_shows_path_and_status() -> None:
    text = render(file_report(), file_report(path="b.xlsx", status="ok", findings=[]))
    assert "submissions/xa_01.xlsx — có sai lệch" in text
    assert "b.xlsx — ok" in text


def bare_finding_file() -> FileReport:
    finding = Finding(rule="SUM_MISMATCH", severity=Severity.error, project="DA4", unit="Xã số 2")
    return file_report(findings=[finding], summary=[])


@pytest.mark.parametrize("width", [100, 120, 160])
@pytest.mark.parametrize("make", [file_report, bare_finding_file])
def test_tables_fit_the_width(width: int, make: Callable[[], FileReport]) -> None:
    text = render(make(), width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    rules = [line for line in text.splitlines() if "━" in line]
    assert rules and all(line.endswith("━ ") for line in rules)  # the table edge is not cut
    assert "Đơn vị: triệu đồng; tỷ lệ: %" in text


def test_narrow_console_puts_the_explanation_under_the_rule() -> None:
    narrow, wide = render(file_report(), width=100), render(file_report(), width=160)
    assert "Quy tắc / Giải thích" in narrow
    assert "Giải thích" in line_with(wide, "Mức độ") and "Quy tắc /" not in wide
    assert "18,14% nhưng" in narrow and "18,14% nhưng" in wide


# --------------------------------------------------------------------------- findings
def test_amount_finding_in_trieu_dong() -> None:
    line = line_with(render(file_report()), "SUM_MISMATCH")
    assert "10.644,617" in line and "10.544,617" in line and "-100,000" in line
    assert "DA5" in line and "E17" in line


def test_rate_finding_shows_percent() -> None:
    line = line_with(render(file_report()), "RATE_MISMATCH")
    assert "18,34" in line and "18,14" in line and "-0,20" in line


def test_findings_sorted_by_severity_then_row() -> None:
    text = render(file_report(), width=160)
    order = [text.index(rule) for rule in ("SUM_MISMATCH", "RATE_MISMATCH", "NUMBER_FORMAT")]
    assert order == sorted(order)
    assert text.index("NUMBER_FORMAT") < text.index("UNIT_ASSUMED")
    assert "cảnh báo" in line_with(text, "NUMBER_FORMAT")


def test_display_unit_overrides_the_file_unit() -> None:
    text = render(file_report(), display_unit=Unit.dong)
    assert "10.644.617.000" in text
    assert "Đơn vị: đồng" in text


def test_file_without_unit_falls_back_to_trieu_dong() -> None:
    text = render(file_report(unit=None))
    assert "10.644,617" in text and "Đơn vị: triệu đồng" in text


def test_cell_names_its_sheet_when_the_file_has_several() -> None:
    finding = sum_mismatch().model_copy(update={"sheet": "Biểu 02"})
    text = render(file_report(sheets=["Biểu 01", "Biểu 02"], findings=[finding]), width=160)
    assert "Biểu 02" in text.split("E17", 1)[1].splitlines()[1]


def test_amount_headers_do_not_name_the_unit() -> None:
    text = render(file_report(), width=160)
    for header in ("Dự kiến", "KH tổng"):
        assert "triệu" not in line_with(text, header)


# --------------------------------------------------------------------------- summary
def test_summary_total_row_is_last_and_labelled() -> None:
    text = render(file_report(), width=160)
    summary_part = text[text.index("Tổng hợp theo dự án") :]
    total = line_with(summary_part, "TỔNG CỘNG")
    assert "43.311,406" in total and "16,37" in total and "345,244" in total
    assert summary_part.index("DA3.TDA2.ND1") < summary_part.index("TỔNG CỘNG")
    assert "Đơn vị: triệu đồng" in summary_part


def test_summary_indents_codes_by_depth() -> None:
    text = render(file_report(), width=160)

    def indent(code: str) -> int:
        line = line_with(text, code)
        return len(line) - len(line.lstrip())

    assert indent("DA5.TDA3") == indent("Dự án 5:") + 2
    assert indent("DA3.TDA2.ND1") == indent("Dự án 5:") + 4


def test_summary_wide_shows_capital_split_and_reason_column() -> None:
    text = render(file_report(), width=160)
    header = line_with(text, "KH ĐTPT")
    assert "KH tổng" in header and "KH SN" in header and "Lý do" in header
    assert "26.744,000" in text and "Chưa có danh sách" in text


def test_summary_narrow_keeps_reason_under_the_name() -> None:
    text = render(file_report(), width=100)
    assert "Lý do: Chưa có" in text
    assert "37.288,617" in text and "KH tổng" in text


def test_english_rendering() -> None:
    text = render(file_report(), width=160, lang="en")
    assert "10,644.617" in text and "10,544.617" in text and "-100.000" in text
    assert "18.34" in text
    for label in ("Findings", "Summary by project", "Severity", "Explanation", "TOTAL"):
        assert label in text
    assert "Unit: million VND" in text
    assert "Verdict: 2 errors, 1 warning, 1 info" in text
    single = render(file_report(findings=[sum_mismatch()]), lang="en")
    assert "Verdict: 1 error, 0 warnings, 0 info" in single
    assert "Mức độ" not in text and "TỔNG CỘNG" not in text


def test_consolidated_summary_groups_entries_by_unit() -> None:
    entries = [
        SummaryEntry(project="DA4", name="Dự án 4", unit="Xã số 1", plan=Triple(total=trd(10))),
        SummaryEntry(project="DA5", name="Dự án 5", unit="Xã số 1", plan=Triple(total=trd(20))),
        SummaryEntry(project="DA4", name="Dự án 4", unit="Xã số 2", plan=Triple(total=trd(30))),
        SummaryEntry(project="TOTAL", name="Tổng", plan=Triple(total=trd(60))),
    ]
    text = render(file_report(summary=entries, findings=[]))
    first, second = text.index("Xã số 1"), text.index("Xã số 2")
    assert first < text.index("10,000") < text.index("20,000") < second < text.index("30,000")
    assert text.count("Xã số 1") == 1
    assert second < text.index("TỔNG CỘNG")


# --------------------------------------------------------------------------- sheet info, verdict
def test_sheet_info_is_described() -> None:
    text = render(file_report())
    assert "«Biểu 01» — UBND xã Pa Ủ" in text
    assert "triệu đồng (ô K3)" in text
    assert "dòng 9–40" in text and "tiêu đề dòng 5–7" in text
    assert "30 dòng, 22 dòng dự án" in text
    assert "A: STT, B: tên, C: KH tổng, E: KH SN, AA: tỷ lệ tổng" in text


def test_assumed_unit_is_said() -> None:
    assert "giả định triệu đồng" in render(file_report(sheet_info=[sheet_info(None)]))


def test_verdict_counts() -> None:
    assert "Kết luận: 2 lỗi, 1 cảnh báo, 1 thông tin" in render(file_report())
    ok = render(file_report(status="ok", findings=[]), lang="en")
    assert "Verdict: 0 errors, 0 warnings, 0 info" in ok
    assert "Findings" not in ok


def test_error_file_shows_its_error_and_nothing_else() -> None:
    broken = FileReport(path="hong.xlsx", status="error", error="Không đọc được tệp: hỏng")
    text = render(broken)
    assert "hong.xlsx — lỗi đọc tệp" in text
    assert "Không đọc được tệp: hỏng" in text
    for absent in ("Sai lệch phát hiện", "Tổng hợp", "Kết luận", "Trang tính"):
        assert absent not in text


def test_user_text_is_not_read_as_markup() -> None:
    text = render(file_report(path="[bold]x[/bold].xlsx", findings=[], status="ok"))
    assert "[bold]x[/bold].xlsx" in text


# --------------------------------------------------------------------------- robustness
def test_none_fields_do_not_crash() -> None:
    bare = FileReport(
        path="x.xlsx",
        status="findings",
        sheets=[],
        findings=[
            Finding(rule="SUM_MISMATCH", severity=Severity.error),
            Finding(rule="RATE_MISMATCH", severity=Severity.warning, expected=1.5),
        ],
        summary=[SummaryEntry(project="DA1", name=""), SummaryEntry(project="TOTAL", name="")],
        sheet_info=[SheetInfo(name="S", unit="weird_unit")],
    )
    for width in (40, 100, 160):
        text = render(bare, FileReport(path="e.xlsx", status="error"), width=width)
        assert "e.xlsx" in text and "lỗi đọc tệp" in text
    assert "SUM_MISMATCH" in render(bare, width=100)


def test_cp1252_stream_does_not_raise() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    console = make_console(width=100, file=stream, color=False)
    render_report(Report(version="1.0.0", files=[file_report()]), console)
    render_error("Lỗi: không đọc được", console)
    stream.flush()
    text = raw.getvalue().decode("cp1252")
    assert "10.644,617" in text and "SUM_MISMATCH" in text
    assert "Loi: không doc duoc" in text  # marks cp1252 lacks are dropped, not turned into "?"


def test_cp1252_stdout_does_not_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp1252"))
    console = make_console(width=100, color=False)
    render_report(Report(version="1.0.0", files=[file_report()]), console)
    sys.stdout.flush()
    assert "10.644,617" in raw.getvalue().decode("cp1252")


# --------------------------------------------------------------------------- console, errors
def test_colour_only_when_asked() -> None:
    plain, coloured = io.StringIO(), io.StringIO()
    report = Report(version="1.0.0", files=[file_report()])
    render_report(report, make_console(width=100, file=plain, color=False))
    render_report(report, make_console(width=100, file=coloured, color=True))
    assert "\x1b[" not in plain.getvalue()
    assert "\x1b[" in coloured.getvalue()


def test_render_error_prints_one_line() -> None:
    out = io.StringIO()
    render_error("Lỗi: không tìm thấy tệp [x].xlsx " + "rất dài " * 20, make_console(file=out))
    assert out.getvalue().count("\n") == 1
    assert "[x].xlsx" in out.getvalue()


def test_accepted_findings_are_marked_and_not_counted() -> None:
    from mtqg_cli.model.report import FileReport, Finding, Report

    waived = Finding(rule="RATE_MISMATCH", severity="error", sheet="S", cell="K17", row=17,
                     column="rate.total", project="DA1.ND4", expected=18.34, actual=18.14,
                     message="Tỷ lệ sai", waived=True)  # fmt: skip
    open_one = Finding(rule="SUM_MISMATCH", severity="error", sheet="S", cell="C9", row=9,
                       column="plan.total", message="Tổng sai")  # fmt: skip
    report = Report(version="1", files=[FileReport(path="a.xlsx", status="findings",
                    unit="trieu_dong", sheets=["S"], findings=[waived, open_one])])  # fmt: skip
    buffer = io.StringIO()
    render_report(report, make_console(width=160, file=buffer, color=False))
    out = buffer.getvalue()
    assert "lỗi (đã miễn trừ)" in out
    assert "1 lỗi, 0 cảnh báo, 0 thông tin, 1 đã chấp nhận" in out
