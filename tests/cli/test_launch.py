"""The entry point's own answers: `mtqg --version` before typer loads, a closed pipe quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mtqg_cli import __version__

SCRIPT = (
    "import sys; from mtqg_cli import launch; sys.argv = ['mtqg', *sys.argv[1:]]; launch.main()"
)


def _launch(*args: str, stdout: int = subprocess.PIPE) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, *args], stdout=stdout, stderr=subprocess.PIPE, env=env
    )


def test_version_is_answered_without_loading_typer() -> None:
    probe = SCRIPT + "; print(*(m in sys.modules for m in ('typer', 'pandas', 'numpy')))"
    run = subprocess.run(
        [sys.executable, "-c", probe, "--version"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["mtqg", __version__, "False", "False", "False"]


def test_version_with_other_words_goes_to_the_command_line_parser() -> None:
    run = _launch("--version", "--lang", "en")
    out, err = run.communicate()
    assert run.returncode == 2  # typer: --version takes no further options at the top level
    assert out == b"" and err


def test_version_to_a_reader_that_went_away_ends_quietly() -> None:
    run = _launch("--version")
    assert run.stdout is not None
    run.stdout.close()  # `mtqg --version | head -c0`: nobody reads
    _, err = run.communicate()
    assert run.returncode in (0, 141)  # 0 when the line fitted in the pipe before it closed
    assert err == b""


def test_help_loads_the_command_line_and_nothing_that_checks_or_draws() -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith("
        "('pydantic', 'pandas', 'numpy', 'jinja2', 'openpyxl', 'mtqg_cli.render.', 'mtqg_cli.check', "
        "'mtqg_cli.form', 'mtqg_cli.figures', 'mtqg_cli.read'))), file=sys.stderr))\n" + SCRIPT
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, "--help"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    # the console's encoding set-up is all of render/ that help needs
    assert run.stderr.strip().splitlines()[-1] == "['mtqg_cli.render.stdio']"


def test_schema_is_written_without_pandas_or_numpy() -> None:
    """Only the stages that compute figures load pandas (and numpy): not the report's schema."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print([m for m in ('pandas', 'numpy') if m in sys.modules],"
        " file=sys.stderr))\n" + SCRIPT
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, "schema"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert '"FileReport"' in run.stdout
    assert run.stderr.strip().splitlines()[-1] == "[]"
