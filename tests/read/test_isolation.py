"""A native reader that aborts, crashes or panics costs its own file alone: the others are checked,
the run ends with its report and exit 2; SIGTERM stops the workers and leaves no temporary file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_bad_inputs import GOOD, _form, far_cell_elsewhere
from mtqg_cli.app.run import ReadAhead, reconcile_file, reconcile_files
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import InputError
from mtqg_cli.read.cell_formats import SheetPercentCells
from mtqg_cli.read.isolation import WorkerDied, WorkerPool, call_isolated
from mtqg_cli.read.limits import Limits

MTQG = Path(sys.executable).with_name("mtqg")
NO_LIMITS = Limits(max_rows=2_000_000, max_columns=20_000, max_cells=10**14)
"""Limits so high that a far cell reaches the reader, which then aborts the process."""
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"


def square(value: int) -> int:
    return value * value


def abort(_value: int) -> int:
    os.abort()


def kill_self(_value: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def fail(value: int) -> int:
    raise ValueError(f"bad {value}")


KINDS = {"ok": square, "abort": abort, "kill": kill_self, "raise": fail}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=7),
    size=st.integers(1, 3),
    ahead=st.integers(1, 3),
)
def test_each_task_gets_its_own_answer_whatever_its_neighbours_do(
    kinds: list[str], size: int, ahead: int
) -> None:
    tasks = [(KINDS[kind], (index,)) for index, kind in enumerate(kinds)]
    with WorkerPool(size) as pool:
        answers = dict(pool.run(tasks, ahead=ahead))
    assert sorted(answers) == list(range(len(kinds)))
    for index, kind in enumerate(kinds):
        answer = answers[index]
        if kind == "ok":
            assert answer == index * index
        elif kind == "raise":
            assert isinstance(answer, ValueError) and str(answer) == f"bad {index}"
        else:
            assert isinstance(answer, WorkerDied)
            assert answer.reason == ("SIGABRT" if kind == "abort" else "SIGKILL")


def test_a_call_whose_worker_dies_is_the_files_input_error() -> None:
    with pytest.raises(InputError) as caught:
        call_isolated(abort, 1, path="nguon-kb.xlsx")
    assert caught.value.key == "reader_crashed"
    assert caught.value.params == {"path": "nguon-kb.xlsx", "reason": "SIGABRT"}
    assert call_isolated(square, 7) == 49


@pytest.mark.parametrize(("workers", "copies"), [(1, 1), (1, 3), (2, 5)])
def test_a_reader_abort_costs_its_file_alone(tmp_path: Path, workers: int, copies: int) -> None:
    bad = far_cell_elsewhere(tmp_path)
    good = [_form(tmp_path / f"xa-{i}.xlsx", GOOD) for i in range(copies)]
    files = [good[0], bad, *good[1:]]
    report = reconcile_files(files, Options(workers=workers, limits=NO_LIMITS))
    statuses = [f.status for f in report.files]
    assert statuses == ["ok", "error", *["ok"] * (copies - 1)]
    assert report.files[1].error is not None
    assert "bị hỏng" in report.files[1].error and "SIGABRT" in report.files[1].error
    assert report.consolidated is not None


class Panic(BaseException):
    """What pyo3 raises for a Rust panic: a BaseException, not an Exception."""


def test_a_panic_while_reading_is_the_files_damage(tmp_path: Path) -> None:
    def panicking(path: Path, limits: Limits, reader: str) -> object:
        raise Panic("called `Option::unwrap()` on a `None` value")

    path = _form(tmp_path / "xa.xlsx", GOOD)
    report = reconcile_file(path, Options(), panicking)  # type: ignore[arg-type]
    assert report.status == "error"
    assert report.error is not None and "bị hỏng" in report.error and "panic" in report.error


def test_a_panic_in_calamine_is_caught_at_the_readers_edge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import python_calamine

    from mtqg_cli.read.readers import read_workbook

    def panicking(path: str) -> object:
        raise Panic("index out of bounds")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", panicking)
    with pytest.raises(InputError) as caught:
        read_workbook(_form(tmp_path / "xa.xlsx", GOOD))
    assert caught.value.key == "corrupt"
    assert "index out of bounds" in str(caught.value.params["reason"])


def test_against_a_source_beyond_the_limits_is_a_clear_error(tmp_path: Path) -> None:
    """The --against source is read in a worker, within the limits: a far cell that would make
    the reader abort is refused first, with one line naming the limit."""
    bad = far_cell_elsewhere(tmp_path)
    good = _form(tmp_path / "xa.xlsx", GOOD)
    result = subprocess.run(
        [str(MTQG), "reconcile", str(good), "--against", str(bad), "--no-store"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr and "stack backtrace" not in result.stderr
    assert len(lines) == 1 and "--max-rows" in lines[0], result.stderr


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(p) for p in found.stdout.split()]


@pytest.mark.skipif(shutil.which("pgrep") is None, reason="pgrep lists the workers")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_batch_stops_its_workers_and_leaves_no_temporary_file(
    tmp_path: Path, signum: signal.Signals
) -> None:
    folder = tmp_path / "nop"
    folder.mkdir()
    for index in range(300):
        shutil.copy(SAMPLE, folder / f"xa-{index:03d}.xlsx")
    out = tmp_path / "ket-qua"
    out.mkdir()
    run = subprocess.Popen(
        [str(MTQG), "reconcile", str(folder), "-j", "2", "--no-store", "-q",
         "--format", "json", "--output", str(out / "bao-cao.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(_children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(run.pid)
    assert workers, "the batch should run in worker processes"
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130
    assert stderr.strip().splitlines() == [
        "Đã dừng theo yêu cầu: chưa ghi tệp nào, không có tệp nào bị ghi dở"
    ]
    time.sleep(0.2)
    assert [p for p in workers if Path(f"/proc/{p}").exists()] == []
    assert list(out.iterdir()) == []


def test_submitted_tasks_answer_in_order_and_a_death_is_the_collected_files_error() -> None:
    with WorkerPool(1) as pool:
        pool.submit(square, 3)
        assert pool.collect() == 9
        pool.submit(abort, 1)
        with pytest.raises(InputError) as caught:
            pool.collect(path="xa-2.xlsx")
        assert caught.value.params == {"path": "xa-2.xlsx", "reason": "SIGABRT"}
        pool.submit(fail, 4)
        with pytest.raises(ValueError, match="bad 4"):
            pool.collect()
        assert pool.call(square, 5) == 25


def test_one_by_one_the_next_file_is_read_while_this_one_is_checked(tmp_path: Path) -> None:
    files = [_form(tmp_path / f"xa-{i}.xlsx", GOOD) for i in range(3)]
    with WorkerPool(1) as pool:
        ahead = ReadAhead(pool, files)
        first = ahead.read(0, files[0], NO_LIMITS, "calamine")
        assert first.path == files[0] and ahead.pending == 1 and len(pool.submitted) == 1
        formats = first.sheets[0].formats
        assert isinstance(formats, SheetPercentCells)
        assert formats.workbook._sheets is not None  # the rates' formats read in the worker too
        assert ahead.read(2, files[2], NO_LIMITS, "calamine").path == files[2]  # 1 never asked
        assert ahead.pending is None and not pool.submitted
