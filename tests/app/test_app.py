"""The use cases behind the commands (mtqg_cli.app): they return models and print nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqg_cli.app.history import read_history
from mtqg_cli.app.options import configured
from mtqg_cli.app.reconcile import Request, reconcile, store_run
from mtqg_cli.config.settings import Config, LoadedConfig
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.vocabulary import Unit

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"


def _conf(**settings: object) -> LoadedConfig:
    return LoadedConfig(None, Config.model_validate(settings), Path.cwd())


def test_the_configuration_fills_what_the_command_line_left_unset() -> None:
    conf = _conf(unit="nghin", tolerance=5_000, rate_tolerance=0.5, sheets=["Biểu*"])
    options = configured(Options(), conf, None, None, None)
    assert (options.unit, options.tolerance, options.rate_tolerance) == (
        Unit.nghin_dong,
        5_000,
        0.5,
    )
    assert options.sheets == ("Biểu*",)


def test_the_command_line_wins_over_the_configuration() -> None:
    conf = _conf(unit="nghin", tolerance=5_000, rate_tolerance=0.5)
    chosen = Options(unit=Unit.ty_dong, tolerance=2_000)
    options = configured(chosen, conf, "ty", 2_000, 0.25)
    assert (options.unit, options.tolerance, options.rate_tolerance) == (Unit.ty_dong, 2_000, 0.25)


def test_a_run_returns_its_report_and_notes_and_prints_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = reconcile(Request([SAMPLE], Options(), _conf()))
    assert [f.path for f in done.report.files] == [str(SAMPLE)]
    assert done.notes == []
    assert capsys.readouterr() == ("", "")


def test_a_default_store_that_cannot_be_written_is_a_note_not_a_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    report = reconcile(Request([SAMPLE], Options(), _conf())).report
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.delenv("MTQG_STORE", raising=False)
    monkeypatch.setattr("platformdirs.user_data_path", lambda *a, **k: blocker / "mtqg")
    note = store_run(report, None, False, "en")
    assert note is not None and "mtqg" in note
    assert store_run(report, None, True) is None  # --no-store


def test_reading_a_history_never_creates_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    absent = tmp_path / "none.sqlite"
    with pytest.raises(UsageError):
        read_history(str(absent))  # named: an error
    monkeypatch.setenv("MTQG_STORE", str(absent))
    assert read_history(None).rows == []  # the default: empty until the first run
    assert not absent.exists()
