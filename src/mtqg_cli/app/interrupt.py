"""Ctrl-C and SIGTERM: the run stops, its workers and temporary files go, one line says what was written."""

from __future__ import annotations

import signal
import sys
from types import FrameType

from mtqg_cli.files import WRITTEN

_STOPPED: list[int] = []


def _stop(signum: int, _frame: FrameType | None) -> None:
    _STOPPED.append(signum)
    raise KeyboardInterrupt


def install() -> None:
    """SIGTERM handled as SIGINT is: a KeyboardInterrupt in the main thread, which stops the
    workers (isolation.py) and removes a temporary file being written (files.py)."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)


def was_stopped() -> bool:
    """Whether a signal stopped the run."""
    return bool(_STOPPED)


def stopped_line(lang: str) -> str:
    """The one line printed when the run was stopped: which files were written in full."""
    from mtqg_cli.words.messages import file_error

    if not WRITTEN:
        return file_error("stopped_none", lang)
    return file_error("stopped_some", lang, paths=", ".join(str(p) for p in WRITTEN))


def argv_lang(argv: list[str]) -> str:
    """The --lang of a command line, read without parsing it (the run may stop before that)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "vi"


def report_stop() -> None:
    """After the command: print the stop line when a signal ended it (exit code 130)."""
    if was_stopped():
        sys.stderr.write(stopped_line(argv_lang(sys.argv)) + "\n")
        sys.stderr.flush()
