"""DUPLICATE_UNIT: a unit's resubmission beside its original in one batch is counted once."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from batch_forms import PERIODS, UnitForm, unit_forms
from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.check.duplicates import mark_duplicates
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Finding

runner = CliRunner()
HALF = "6 tháng đầu năm 2023"


def _form(unit: str = "Xã Lục Bình", period: str = HALF, **kwargs: object) -> UnitForm:
    return UnitForm(unit, period, {3: [(10, 2), (20, 3)], 9: [(5, 1), (7, 0)]}, **kwargs)  # type: ignore[arg-type]


def _duplicates(report_files: list[FileReport]) -> dict[str, list[Finding]]:
    return {
        Path(f.path).name: [x for x in f.findings if x.rule == "DUPLICATE_UNIT"]
        for f in report_files
    }


def test_a_resubmission_is_counted_once_the_newer_kept(tmp_path: Path) -> None:
    _form().write(tmp_path / "luc-binh-moi.xlsx", mtime=2_000_000)
    _form(total_off=5).write(tmp_path / "luc-binh.xlsx", mtime=1_000_000)
    _form("Xã Cẩm Giàng").write(tmp_path / "cam-giang.xlsx", mtime=1_500_000)
    report = reconcile_paths([tmp_path], Options(workers=1))
    found = _duplicates(report.files)
    assert found["luc-binh-moi.xlsx"] == found["cam-giang.xlsx"] == []
    [finding] = found["luc-binh.xlsx"]
    assert (finding.severity, finding.id) == ("warning", "F2")  # after its total's SUM_MISMATCH
    assert "luc-binh-moi.xlsx" in finding.message and "Xã Lục Bình" in finding.message
    assert HALF in finding.message
    consolidated = report.consolidated
    assert consolidated is not None
    assert consolidated.units_included == 2
    [left] = consolidated.left_out
    assert (Path(left.path).name, Path(left.kept).name) == ("luc-binh.xlsx", "luc-binh-moi.xlsx")
    assert (left.unit, left.reason, left.finding) == ("Xã Lục Bình", "duplicate_unit", "F2")
    total = next(line for line in consolidated.lines if line.project == "TOTAL")
    assert [Path(u.path).name for u in total.units] == ["cam-giang.xlsx", "luc-binh-moi.xlsx"]
    assert total.plan.total == 2 * 42_000_000


def test_the_later_date_wins_over_the_later_file_time(tmp_path: Path) -> None:
    _form(dated="20/6/2023").write(tmp_path / "a.xlsx", mtime=1_000_000)
    _form(dated="15/6/2023").write(tmp_path / "b.xlsx", mtime=2_000_000)
    report = reconcile_paths([tmp_path], Options(workers=1))
    found = _duplicates(report.files)
    assert (len(found["a.xlsx"]), len(found["b.xlsx"])) == (0, 1)
    assert report.consolidated is not None
    assert [Path(x.path).name for x in report.consolidated.left_out] == ["b.xlsx"]


def test_same_time_the_later_name_wins(tmp_path: Path) -> None:
    for name in ("ban-1.xlsx", "ban-2.xlsx", "ban-0.xlsx"):
        _form().write(tmp_path / name, mtime=1_000_000)
    report = reconcile_paths([tmp_path], Options(workers=1))
    assert report.consolidated is not None
    left = sorted(Path(x.path).name for x in report.consolidated.left_out)
    assert left == ["ban-0.xlsx", "ban-1.xlsx"]
    assert {Path(x.kept).name for x in report.consolidated.left_out} == {"ban-2.xlsx"}
    assert report.consolidated.units_included == 1


def test_different_periods_or_units_are_not_duplicates(tmp_path: Path) -> None:
    _form().write(tmp_path / "a.xlsx")
    _form(period="9 tháng năm 2023").write(tmp_path / "b.xlsx")
    _form("Xã Vi Hương").write(tmp_path / "c.xlsx")
    report = reconcile_paths([tmp_path], Options(workers=1))
    assert all(not x for x in _duplicates(report.files).values())
    assert report.consolidated is not None
    assert (report.consolidated.units_included, report.consolidated.left_out) == (3, [])


def test_keep_duplicates_counts_both_and_still_reports(tmp_path: Path) -> None:
    _form().write(tmp_path / "a.xlsx", mtime=1_000_000)
    _form().write(tmp_path / "b.xlsx", mtime=2_000_000)
    result = runner.invoke(app, ["reconcile", str(tmp_path), "-f", "json", "--keep-duplicates"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["consolidated"]["units_included"] == 2
    assert report["consolidated"]["left_out"] == []
    [older] = [f for f in report["files"] if f["path"].endswith("a.xlsx")]
    [finding] = [f for f in older["findings"] if f["rule"] == "DUPLICATE_UNIT"]
    assert "cả hai tệp đều được cộng" in finding["message"] and "b.xlsx" in finding["message"]
    plain = runner.invoke(app, ["reconcile", str(tmp_path), "-f", "json", "--lang", "en"])
    report = json.loads(plain.stdout)
    assert report["consolidated"]["units_included"] == 1
    [older] = [f for f in report["files"] if f["path"].endswith("a.xlsx")]
    [finding] = [f for f in older["findings"] if f["rule"] == "DUPLICATE_UNIT"]
    assert finding["message"].startswith("This file reports the same unit «Xã Lục Bình»")
    assert "only b.xlsx enters the consolidated figures" in finding["message"]


def test_the_terminal_lists_the_file_left_out(tmp_path: Path) -> None:
    _form().write(tmp_path / "a.xlsx", mtime=1_000_000)
    _form().write(tmp_path / "b.xlsx", mtime=2_000_000)
    result = runner.invoke(app, ["reconcile", str(tmp_path), "--width", "160"])
    assert result.exit_code == 0, result.output
    assert "DUPLICATE_UNIT" in result.output
    assert "Không cộng a.xlsx (Xã Lục Bình): đã có bản nộp lại b.xlsx" in result.output


def test_the_configuration_may_turn_the_rule_off_or_make_it_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    folder.mkdir()
    _form().write(folder / "a.xlsx", mtime=1_000_000)
    _form().write(folder / "b.xlsx", mtime=2_000_000)
    off = Options(workers=1, rule_settings=(("DUPLICATE_UNIT", "off"),))
    report = reconcile_paths([folder], off)
    assert all(not x for x in _duplicates(report.files).values())
    assert report.consolidated is not None and report.consolidated.units_included == 1
    [left] = report.consolidated.left_out  # still counted once, no finding to point at
    assert (Path(left.path).name, left.finding) == ("a.xlsx", None)
    loud = reconcile_paths(
        [folder], Options(workers=1, rule_settings=(("DUPLICATE_UNIT", "error"),))
    )
    statuses = {Path(f.path).name: f.status for f in loud.files}
    assert statuses == {"a.xlsx": "findings", "b.xlsx": "ok"}
    assert _duplicates(loud.files)["a.xlsx"][0].severity == "error"


def duplicate_findings(lang: str) -> list[Finding]:
    """DUPLICATE_UNIT on two reports of one unit and period, in `lang` (used by test_registry)."""
    files = [
        FileReport(path=name, status="ok", reporting_unit="Xã A", period=HALF, as_of="2023-06-30")
        for name in ("a.xlsx", "b.xlsx")
    ]
    mark_duplicates(files, lang=lang, keep=False)
    return [f for file in files for f in file.findings]


KEYS = st.tuples(st.sampled_from(["Xã A", "xa a", "Xã B"]), st.sampled_from(list(PERIODS)))


@st.composite
def batches(draw: st.DrawFn) -> list[FileReport]:
    """Reports of a batch: units spelled with or without marks, periods, dates, a few unread."""
    files = []
    for index in range(draw(st.integers(1, 7))):
        unit, period = draw(KEYS)
        files.append(
            FileReport(
                path=f"f{index}.xlsx",
                status=draw(st.sampled_from(["ok", "findings", "ok", "error"])),
                reporting_unit=unit,
                period=period,
                as_of=draw(st.sampled_from([PERIODS[period], "2023-01-15"])),
            )
        )
    return files


@settings(max_examples=200, deadline=None)
@given(batches(), st.booleans())
def test_every_unit_and_period_is_counted_once(files: list[FileReport], keep: bool) -> None:
    """Of each (unit, period) one file stays in (the latest date, then the last name: these
    paths do not exist, so no file time); each other one is flagged naming it."""
    left_out = mark_duplicates(files, lang="vi", keep=keep)
    readable = [f for f in files if f.status != "error"]
    groups: dict[tuple[str, str], list[FileReport]] = {}
    for file in readable:
        key = ("xa a" if file.reporting_unit != "Xã B" else "xa b", file.period or "")
        groups.setdefault(key, []).append(file)
    newest = {key: max(group, key=lambda f: (f.as_of, f.path)) for key, group in groups.items()}
    flagged = {f.path for f in files if any(x.rule == "DUPLICATE_UNIT" for x in f.findings)}
    winners = {f.path for f in newest.values()}
    assert flagged == {f.path for f in readable} - winners
    assert {x.path for x in left_out} == (set() if keep else flagged)
    for item in left_out:
        key = next(k for k, g in groups.items() if any(f.path == item.path for f in g))
        assert item.kept == newest[key].path
    assert all(len([x for x in f.findings if x.id]) == len(f.findings) for f in files)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(unit_forms(), min_size=2, max_size=4))
def test_generated_folders_count_each_unit_and_period_once(
    tmp_path_factory: object, forms: list[UnitForm]
) -> None:
    """Whole workbooks: units_included is the number of distinct (unit, period)."""
    folder = tmp_path_factory.mktemp("batch")  # type: ignore[attr-defined]
    for index, form in enumerate(forms):
        form.write(folder / f"bao-cao-{index}.xlsx", mtime=1_000_000 + index)
    report = reconcile_paths([folder], Options(workers=1))
    assert report.consolidated is not None
    keys = {(form.unit, form.period) for form in forms}
    assert report.consolidated.units_included == len(keys)
    assert len(report.consolidated.left_out) == len(forms) - len(keys)
    total = next(line for line in report.consolidated.lines if line.project == "TOTAL")
    last = {(form.unit, form.period): form for form in forms}  # the latest written of each
    assert total.plan.total == sum(form.plan for form in last.values())
