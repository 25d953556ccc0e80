"""A check of one file starts reading it before the command line is parsed (launch.py): the
right file is guessed from the arguments, a read the run asks for is taken, any other dropped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from build_bad_inputs import GOOD, _form
from mtqg_cli.cli import app
from mtqg_cli.read import prefetch
from mtqg_cli.read.limits import DEFAULT_LIMITS, Limits
from mtqg_cli.read.prefetch import begin_early_read, named_file, start_prefetch, take_early_read

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"  # fmt: skip


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    form = _form(tmp_path / "xa.xlsx", GOOD)
    other = _form(tmp_path / "xa2.xlsx", GOOD)
    earlier = tmp_path / "report.json"
    earlier.write_text("{}", "utf-8")
    link = tmp_path / "link.xlsx"
    link.symlink_to(form)
    return {"form": form, "other": other, "earlier": earlier, "link": link, "folder": tmp_path}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["reconcile", "{form}"], "form"),
        (["{form}", "-f", "json"], "form"),
        (["reconcile", "-f", "json", "{form}", "-o", "{earlier}"], "form"),
        (["reconcile", "{form}", "--against", "{other}"], "form"),
        (["reconcile", "{form}", "{other}"], None),
        (["reconcile", "{form}", "{earlier}"], None),
        (["reconcile", "{folder}"], None),
        (["reconcile", "{link}"], None),
        (["reconcile", "{form}", "--help"], None),
        (["inspect", "{form}"], None),
        (["-f", "json", "{form}"], None),
        (["reconcile", "{folder}/none.xlsx"], None),
        ([], None),
    ],
)
def test_the_one_file_a_check_names_is_found_in_the_arguments(
    files: dict[str, Path], args: list[str], expected: str | None
) -> None:
    named = named_file([a.format(**files) for a in args])
    assert named == (files[expected] if expected else None)


class CountingPool(prefetch.WorkerPool):
    started: ClassVar[list[CountingPool]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        CountingPool.started.append(self)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> list[CountingPool]:
    CountingPool.started = []
    monkeypatch.setattr(prefetch, "WorkerPool", CountingPool)
    return CountingPool.started


def test_the_command_takes_the_early_read_of_its_file(
    files: dict[str, Path], counting: list[CountingPool]
) -> None:
    begin_early_read(["reconcile", str(files["form"])])
    taken = start_prefetch([files["form"]], DEFAULT_LIMITS, "calamine", quiet=True)
    assert taken is not None and taken.path == files["form"]
    assert len(counting) == 1  # no second worker: the early one serves
    taken.close()
    assert take_early_read() is None  # handed over once


@pytest.mark.parametrize(
    ("limits", "reader", "quiet"),
    [(Limits(max_rows=3), "calamine", True), (DEFAULT_LIMITS, "openpyxl", True),
     (DEFAULT_LIMITS, "calamine", False)],
)  # fmt: skip
def test_an_early_read_the_options_do_not_ask_for_is_dropped(
    files: dict[str, Path], counting: list[CountingPool], limits: Limits, reader: str, quiet: bool
) -> None:
    begin_early_read(["reconcile", str(files["form"])])
    taken = start_prefetch([files["form"]], limits, reader, quiet=quiet)
    assert taken is not None and (taken.limits, taken.reader, taken.quiet) == (
        limits,
        reader,
        quiet,
    )
    assert len(counting) == 2 and not counting[0].workers  # the early worker was stopped
    taken.close()


def test_an_early_read_of_another_file_is_dropped_for_a_folder(
    files: dict[str, Path], counting: list[CountingPool]
) -> None:
    begin_early_read(["reconcile", str(files["form"])])
    assert start_prefetch([files["folder"]], DEFAULT_LIMITS, "calamine", quiet=True) is None
    assert len(counting) == 1 and not counting[0].workers


def test_the_cli_run_with_an_early_read_reports_as_without_it(files: dict[str, Path]) -> None:
    args = ["reconcile", str(SAMPLE), "--format", "json", "--no-store"]
    ordinary = CliRunner().invoke(app, args)
    begin_early_read(args)
    early = CliRunner().invoke(app, args)
    assert take_early_read() is None
    assert early.exit_code == ordinary.exit_code == 1
    first, second = json.loads(ordinary.stdout), json.loads(early.stdout)
    for data in (first, second):
        data.pop("generated_at", None)
        for file in data["files"]:
            file.pop("duration_ms", None)
    assert first == second
    assert {f["rule"] for f in second["files"][0]["findings"]} >= {"SUM_MISMATCH"}


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MTQG_STORE=str(cwd / "history.sqlite"))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=cwd, env=env
    )


def test_the_mtqg_command_checks_one_file_through_the_early_read(files: dict[str, Path]) -> None:
    code = (
        "import sys; from mtqg_cli import launch; from mtqg_cli.read import prefetch\n"
        "taken = []\n"
        "take = prefetch.take_early_read\n"
        "prefetch.take_early_read = lambda: taken.append(take()) or taken[-1]\n"
        f"sys.argv = ['mtqg', 'reconcile', {str(SAMPLE)!r}, '-f', 'json', '--no-store']\n"
        "try:\n    launch.main()\n"
        "finally:\n    print('TAKEN', taken[0] is not None and taken[0].path.name, file=sys.stderr)\n"
    )
    run = _python(code, files["folder"])
    assert run.returncode == 1, run.stderr
    assert f"TAKEN {SAMPLE.name}" in run.stderr
    assert json.loads(run.stdout)["files"][0]["status"] == "findings"


def test_a_read_begun_and_never_taken_ends_with_the_process(files: dict[str, Path]) -> None:
    code = (
        "from mtqg_cli.read.prefetch import begin_early_read\n"
        f"begin_early_read(['reconcile', {str(files['form'])!r}])\n"
        "import multiprocessing; print(*[c.pid for c in multiprocessing.active_children()])\n"
    )
    run = _python(code, files["folder"])
    assert run.returncode == 0, run.stderr
    (worker,) = map(int, run.stdout.split())
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)


def test_help_and_version_start_no_worker(files: dict[str, Path]) -> None:
    code = (
        "import sys; from mtqg_cli import launch\n"
        "sys.argv = ['mtqg', '--version']\n"
        "launch.main()\n"
        "print('multiprocessing' in sys.modules)\n"
    )
    run = _python(code, files["folder"])
    assert run.returncode == 0 and run.stdout.split() == ["mtqg", "1.0.0", "False"], run.stdout
