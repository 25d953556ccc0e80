"""`--against` (a report beside the Treasury's statement) and `compare` (two periods).

Fixtures: tests/fixtures/periods, built by tests/build_period_workbooks.py from the Bạch Thông
2023 figures; each workbook is clean on its own, so every finding here is one planted between two.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.compare.against import load_mapping, reconcile_against
from mtqg_cli.compare.periods import compare_reports
from mtqg_cli.form.options import Options
from mtqg_cli.form.reporting_period import find_period
from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.report import Finding

FOLDER = Path(__file__).parents[1] / "fixtures" / "periods"
MAY = FOLDER / "bach-thong-2023-05-31.xlsx"
SEPT = FOLDER / "bach-thong-2023-09-30.xlsx"
KBNN = FOLDER / "kbnn-bach-thong-2023-05-31.xlsx"
MAPPING = FOLDER / "kbnn-mapping.toml"
M = 1_000_000
CROSS = {"SOURCE_MISMATCH", "ONLY_IN_REPORT", "ONLY_IN_SOURCE", "CUMULATIVE_DECREASE",
         "PLAN_CHANGED", "LINE_APPEARED", "LINE_DISAPPEARED"}  # fmt: skip


def _against(compare: str = "disbursed", mapping: bool = True, lang: str = "vi"):  # type: ignore[no-untyped-def]
    report = reconcile_paths([MAY], Options(lang=lang))
    table = load_mapping(MAPPING) if mapping else {}
    reconcile_against(report, KBNN, compare=compare, mapping=table, lang=lang)
    return report


def _located(findings) -> set[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {(f.rule, f.project, f.column) for f in findings}


# --------------------------------------------------------------------------- periods
def test_period_from_the_title_lines() -> None:
    found = find_period(["BIỂU … 6 THÁNG ĐẦU NĂM 2023", "(Số liệu đến ngày 31/5/2023)"])
    assert found is not None
    assert (found.as_of.isoformat(), found.label, found.quarter) == (
        "2023-05-31", "6 tháng đầu năm 2023", "2023-Q2")  # fmt: skip
    only_words = find_period(["BÁO CÁO 9 THANG NAM 2023"])
    assert only_words is not None and only_words.as_of.isoformat() == "2023-09-30"
    quarter = find_period(["Quý IV năm 2023"])
    assert quarter is not None and quarter.as_of.isoformat() == "2023-12-31"
    assert find_period(["Kế hoạch vốn năm 2023"]) is None


def test_reports_carry_their_as_of_date() -> None:
    report = reconcile_paths([MAY, SEPT, KBNN], Options())
    assert [f.as_of for f in report.files] == ["2023-05-31", "2023-09-30", "2023-05-31"]
    assert report.files[1].period == "9 tháng năm 2023"


# --------------------------------------------------------------------------- --against
def test_against_finds_exactly_the_planted_differences() -> None:
    report = _against()
    file = report.files[0]
    cross = [f for f in file.findings if f.rule in CROSS]
    assert _located(cross) == {
        ("SOURCE_MISMATCH", "DA8", "disbursed.total"),
        ("SOURCE_MISMATCH", "DA8", "disbursed.sn"),
        ("SOURCE_MISMATCH", "DA10", "disbursed.total"),  # DA10.TDA3 is not in the statement
        ("SOURCE_MISMATCH", "DA10", "disbursed.sn"),
        ("SOURCE_MISMATCH", "DA3", "disbursed.total"),  # the 50 trđ the report left out
        ("SOURCE_MISMATCH", "DA3", "disbursed.sn"),
        ("SOURCE_MISMATCH", "DA3.TDA2", "disbursed.total"),
        ("SOURCE_MISMATCH", "DA3.TDA2", "disbursed.sn"),
        ("SOURCE_MISMATCH", None, "disbursed.total"),  # TOTAL
        ("SOURCE_MISMATCH", None, "disbursed.sn"),
        ("ONLY_IN_REPORT", "DA10.TDA3", "disbursed.total"),
        ("ONLY_IN_SOURCE", "DA3.TDA2.ND3", "disbursed.total"),
    }
    da8 = next(f for f in cross if f.project == "DA8" and f.column == "disbursed.sn")
    assert (da8.expected, da8.actual, da8.difference) == (600 * M, 619_950_000, 19_950_000)
    assert da8.severity == "error" and da8.cell == "J37" and da8.row == 37
    assert "kbnn-bach-thong-2023-05-31.xlsx" in da8.message and "600,000" in da8.message
    assert file.status == "findings"


def test_against_lines_put_both_sides_together() -> None:
    result = _against().against
    assert result is not None and result.compare == "disbursed"
    by_key = {(line.project, line.kind): line for line in result.lines}
    da8 = by_key["DA8", "total"]
    assert (da8.report, da8.source, da8.difference, da8.status) == (
        619_950_000, 600 * M, 19_950_000, "mismatch")  # fmt: skip
    assert by_key["DA4.TDA1", "dtpt"].status == "match"
    # DA2 is missing from the statement but disbursed nothing: listed, not a finding
    assert by_key["DA2", "total"].status == "only_in_report"
    assert by_key["DA9.TDA2", "total"].source == 0  # named "Mã 0578 …", found by the mapping


def test_without_the_mapping_the_coded_line_is_unmatched() -> None:
    result = _against(mapping=False).against
    assert result is not None
    statuses = {(line.project, line.kind): line.status for line in result.lines}
    assert statuses["DA9.TDA2", "total"] == "only_in_report"


def test_against_plan_compares_the_plan() -> None:
    report = _against(compare="plan")
    cross = [f for f in report.files[0].findings if f.rule in CROSS]
    # plans agree except where lines are missing on one side
    assert {f.rule for f in cross} <= {"ONLY_IN_REPORT", "ONLY_IN_SOURCE", "SOURCE_MISMATCH"}
    assert ("ONLY_IN_REPORT", "DA10.TDA3", "plan.total") in _located(cross)
    assert not any(f.project == "DA8" for f in cross)


def test_against_in_english_keeps_the_codes() -> None:
    vi, en = _against(), _against(lang="en")
    assert _located(vi.files[0].findings) == _located(en.files[0].findings)
    message = next(f.message for f in en.files[0].findings if f.rule == "ONLY_IN_SOURCE")
    assert message.startswith("kbnn-bach-thong-2023-05-31.xlsx has")


def test_mapping_file_errors_are_usage_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[against]\nmapping = 3\n", encoding="utf-8")
    with pytest.raises(UsageError):
        load_mapping(bad)
    assert load_mapping(MAPPING) == {"0578": "DA9.TDA2"}


def test_cli_against_table_json_and_exit_codes() -> None:
    runner = CliRunner()
    args = ["reconcile", str(MAY), "--against", str(KBNN), "--mapping", str(MAPPING), "--no-store"]
    table = runner.invoke(app, [*args, "--width", "140"])
    assert table.exit_code == 1, table.output
    assert "Đối chiếu giải ngân với kbnn-bach-thong-2023-05-31.xlsx" in table.output
    assert "chỉ có ở nguồn" in table.output and "19,950" in table.output
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).output)
    assert data["against"]["compare"] == "disbursed"
    assert {f["rule"] for f in data["files"][0]["findings"]} == {
        "SOURCE_MISMATCH", "ONLY_IN_REPORT", "ONLY_IN_SOURCE"}  # fmt: skip
    clean = runner.invoke(app, ["reconcile", str(MAY), "--against", str(MAY), "--no-store"])
    assert clean.exit_code == 0, clean.output
    two = runner.invoke(
        app, ["reconcile", str(MAY), str(SEPT), "--against", str(KBNN), "--no-store"]
    )
    assert two.exit_code == 2
    missing = runner.invoke(app, ["reconcile", str(MAY), "--against", "nope.xlsx", "--no-store"])
    assert missing.exit_code == 2


# --------------------------------------------------------------------------- compare
def test_compare_finds_exactly_the_planted_changes() -> None:
    result = compare_reports(reconcile_paths([MAY], Options()), reconcile_paths([SEPT], Options()))
    assert len(result.pairs) == 1
    pair = result.pairs[0]
    assert _located(pair.findings) == {
        ("CUMULATIVE_DECREASE", "DA5.TDA4", "disbursed.total"),
        ("CUMULATIVE_DECREASE", "DA5.TDA4", "disbursed.sn"),
        ("PLAN_CHANGED", "DA10.TDA2", "plan.total"),
        ("PLAN_CHANGED", "DA10.TDA2", "plan.sn"),
        ("PLAN_CHANGED", "DA10", "plan.total"),
        ("PLAN_CHANGED", "DA10", "plan.sn"),
        ("PLAN_CHANGED", None, "plan.total"),
        ("PLAN_CHANGED", None, "plan.sn"),
        ("LINE_APPEARED", "DA3.TDA2.ND3", "name"),
        ("LINE_DISAPPEARED", "DA7.ND1", "name"),
    }
    fall = next(
        f for f in pair.findings if f.rule == "CUMULATIVE_DECREASE" and f.column == "disbursed.sn"
    )
    assert (fall.severity, fall.expected, fall.actual) == ("error", 78_800_000, 70_500_000)
    assert "31/5/2023" in fall.message and "30/9/2023" in fall.message
    plan = next(f for f in pair.findings if f.rule == "PLAN_CHANGED" and f.project == "DA10.TDA2")
    assert (plan.severity, plan.expected, plan.actual) == ("info", 1_098 * M, 1_200 * M)
    gone = next(f for f in pair.findings if f.rule == "LINE_DISAPPEARED")
    assert gone.severity == "warning"


def test_compare_progress_per_project() -> None:
    pair = compare_reports(
        reconcile_paths([MAY], Options()), reconcile_paths([SEPT], Options())
    ).pairs[0]
    da8 = next(p for p in pair.progress if p.project == "DA8")
    assert (da8.disbursed_then, da8.disbursed_now, da8.disbursed_between) == (
        619_950_000, 1_450_300_000, 830_350_000)  # fmt: skip
    assert (da8.rate_then, da8.rate_now) == (18.34, 42.91)
    total = next(p for p in pair.progress if p.project == "TOTAL")
    assert total.rate_now is not None and total.rate_then is not None
    assert total.rate_now > total.rate_then


def test_the_same_report_twice_changes_nothing() -> None:
    pair = compare_reports(
        reconcile_paths([MAY], Options()), reconcile_paths([MAY], Options())
    ).pairs[0]
    assert pair.findings == []


def test_cli_compare_files_and_folders(tmp_path: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["compare", str(MAY), str(SEPT), "--width", "140"])
    assert table.exit_code == 1, table.output
    assert "CUMULATIVE_DECREASE" in table.output and "Tiến độ giải ngân" in table.output
    english = runner.invoke(
        app, ["compare", str(MAY), str(SEPT), "--lang", "en", "--fail-on", "never"]
    )
    assert english.exit_code == 0 and "Disbursement progress" in english.output
    earlier, later = tmp_path / "q2", tmp_path / "q3"
    earlier.mkdir()
    later.mkdir()
    (earlier / "bao-cao.xlsx").write_bytes(MAY.read_bytes())
    (later / "bao-cao-quy-3.xlsx").write_bytes(SEPT.read_bytes())
    (later / "kbnn.xlsx").write_bytes(KBNN.read_bytes())
    data = json.loads(
        runner.invoke(app, ["compare", str(earlier), str(later), "-f", "json"]).output
    )
    assert [p["unit"] for p in data["pairs"]] == ["Huyện Bạch Thông"]
    assert data["only_later"] == [str(later / "kbnn.xlsx")]
    mixed = runner.invoke(app, ["compare", str(MAY), str(later)])
    assert mixed.exit_code == 2


# --------------------------------------------------------------------------- for test_registry
@functools.cache
def _cross_findings(lang: str) -> tuple[Finding, ...]:
    against = _against(lang=lang).files[0].findings
    options = Options(lang=lang)
    pair = compare_reports(
        reconcile_paths([MAY], options), reconcile_paths([SEPT], options), lang=lang
    ).pairs[0]
    return tuple(f for f in (*against, *pair.findings) if f.rule in CROSS)


def cross_file_findings(code: str, lang: str) -> list[Finding]:
    """What a cross-file rule reports on the fixtures, in `lang` (used by test_registry)."""
    return [f for f in _cross_findings(lang) if f.rule == code]


AGAINST_SHAPES = [
    {"capital": "stacked"},
    {"capital": "sections"},
    {"capital": "sheets"},
    {"units": "sheets", "capital": "columns"},
    {"units": "sheets_summary", "capital": "columns"},
    {"units": "sections", "capital": "columns"},
    {"file_type": "xlsx_vni", "capital": "stacked"},
    {"list_style": "flat_compound"},
]


@pytest.mark.parametrize("shape", AGAINST_SHAPES, ids=lambda s: "-".join(s.values()))
@pytest.mark.parametrize("seed", range(3))
def test_a_form_against_itself_agrees_on_every_line(
    tmp_path: Path, shape: dict[str, str], seed: int
) -> None:
    """The source is read as the report is: every table of every sheet, legacy text converted;
    so a form set against itself differs nowhere, whatever its shape."""
    from forms.generate import generate

    form = generate(seed, tmp_path, True, {"file_type": "xlsx", "units": "one", **shape})
    report = reconcile_paths([form.path], Options())
    reconcile_against(report, form.path)
    assert report.against is not None and report.against.lines
    assert [f.rule for f in report.files[0].findings if f.rule in CROSS] == []
