"""The garbage collector is held off while a check loads and on, start-up frozen, for the run."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from mtqg_cli.collector import pause_for_start_up, resume_after_start_up

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"  # fmt: skip


def test_start_up_pauses_the_collector_and_resuming_freezes_what_it_made() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    pause_for_start_up()
    try:
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]  # start-up's objects, tracked by the collector
        resume_after_start_up()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(made)
    finally:
        gc.enable()
        gc.unfreeze()


def test_resuming_without_a_pause_changes_nothing() -> None:
    before = gc.get_freeze_count()
    resume_after_start_up()
    assert gc.isenabled() and gc.get_freeze_count() == before
    gc.disable()
    try:
        resume_after_start_up()  # someone else turned it off: not ours to turn on
        assert not gc.isenabled()
    finally:
        gc.enable()


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


def test_a_check_runs_with_the_collector_on_and_start_up_frozen(tmp_path: Path) -> None:
    code = (
        "import gc, sys\n"
        "from mtqg_cli import launch\n"
        "seen = []\n"
        "def spy(*args, **kwargs):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count()))\n"
        "    return run(*args, **kwargs)\n"
        f"sys.argv = ['mtqg', 'reconcile', {str(SAMPLE)!r}, '-f', 'json', '--no-store']\n"
        "import mtqg_cli.app.run as pipeline\n"
        "run, pipeline.reconcile_files = pipeline.reconcile_files, spy\n"
        "try:\n    launch.main()\n"
        "finally:\n    print('SEEN', *seen[0], file=sys.stderr)\n"
    )
    run = _run(code, tmp_path)
    assert run.returncode == 1, run.stderr
    enabled, frozen = run.stderr.split("SEEN ")[1].split()[:2]
    assert enabled == "True" and int(frozen) > 20_000  # typer, pydantic, the checks
    assert json.loads(run.stdout)["files"][0]["status"] == "findings"


def test_other_commands_leave_the_collector_alone(tmp_path: Path) -> None:
    code = (
        "import gc, sys\n"
        "from mtqg_cli import launch\n"
        "sys.argv = ['mtqg', '--version']\n"
        "launch.main()\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    run = _run(code, tmp_path)
    assert run.returncode == 0 and run.stdout.split()[-2:] == ["True", "0"], run.stdout
