"""The run itself: the garbage collector paused while a file is checked, and on again after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mtqg_cli.app import run as pipeline
from mtqg_cli.app.run import collector_paused, reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import SummaryEntry
from mtqg_cli.model.sheet import Table

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_after_an_error() -> None:
    with pytest.raises(ValueError, match="hỏng"), collector_paused():
        raise ValueError("hỏng")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()  # the tests after this one run with the collector on


def test_each_file_is_checked_with_the_collector_off_and_its_cycles_freed_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    summarise = pipeline.summarise

    def spying(table: Table, frame: object = None) -> list[SummaryEntry]:
        seen.append(gc.isenabled())
        return summarise(table, frame)

    monkeypatch.setattr(pipeline, "summarise", spying)
    files = sorted(SAMPLES.glob("*.xlsx"))
    gc.collect()
    tables_before = _live_tables()
    report = reconcile_paths(files, Options(workers=1))
    assert [f.status for f in report.files] == ["findings", "ok", "ok"]
    assert seen == [False] * len(files)  # off during every file of a serial batch
    assert gc.isenabled()
    gc.collect()
    assert _live_tables() == tables_before  # the files' trees (parent links) were freed


def _live_tables() -> int:
    return sum(isinstance(o, Table) for o in gc.get_objects())


def _text_form(path: Path, figures: list[tuple[str, str, str]]) -> Path:
    """A triệu-đồng form whose figures are text: (name, plan, disbursed) per line, total first."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["UBND HUYỆN MẪU"])
    sheet.append(["Đơn vị tính: triệu đồng"])
    sheet.append(["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân"])
    for stt, (name, plan, disbursed) in zip(["", "1", "2"], figures, strict=True):
        sheet.append([stt, name, plan, disbursed])
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("figures", "plan_dong"),
    [
        # one figure only English can write; the others either way: the sums decide English
        ([("Tổng cộng", "1,000.5", "500.250"), ("Dự án 1", "600.300", "300.150"),
          ("Dự án 3", "400.200", "200.100")],
         {"DA1": 600_300_000, "DA3": 400_200_000, "TOTAL": 1_000_500_000}),
        # the same English figure on a Vietnamese form whose sums agree: it stays Vietnamese
        ([("Tổng cộng", "1,000.5", "500,25"), ("Dự án 1", "600,3", "300,15"),
          ("Dự án 3", "400,200", "200,1")],
         {"DA1": 600_300_000, "DA3": 400_200_000, "TOTAL": 1_000_500_000}),
    ],
)  # fmt: skip
def test_a_form_with_too_few_english_only_figures_is_read_as_its_sums_agree(
    tmp_path: Path, figures: list[tuple[str, str, str]], plan_dong: dict[str, int]
) -> None:
    report = pipeline.reconcile_file(_text_form(tmp_path / "f.xlsx", figures), Options())
    assert {e.project: e.plan.total for e in report.summary} == plan_dong
    assert [f.rule for f in report.findings if f.severity == "error"] == []


@pytest.mark.parametrize("seed", range(6))
def test_a_sheet_of_stacked_tables_without_a_unit_line_says_so_once(
    tmp_path: Path, seed: int
) -> None:
    from forms.generate import generate

    shape = {"capital": "stacked", "unit_line": "none", "file_type": "xlsx", "units": "one"}
    form = generate(seed, tmp_path, True, shape)
    report = reconcile_paths([form.path], Options()).files[0]
    assumed = [f.sheet for f in report.findings if f.rule == "UNIT_ASSUMED"]
    assert len(report.sheet_info) == 2, "two stacked tables on the sheet"
    assert assumed == [report.sheets[0]]
