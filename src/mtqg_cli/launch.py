"""The `mtqg` command's entry point: a check of one file starts reading it before typer loads."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Start the early read of the one file the command line names, if any, then run the CLI
    (a check with the garbage collector held off while it loads: collector.py); `--version`
    is answered here, without loading typer."""
    if sys.argv[1:] == ["--version"]:
        _print_version()
        return
    if _may_check_a_file(sys.argv[1:]):
        from mtqg_cli.collector import pause_for_start_up

        pause_for_start_up()
        from mtqg_cli.read.prefetch import begin_early_read

        begin_early_read(sys.argv[1:])
    from mtqg_cli.cli import main as run_cli

    run_cli()


def _may_check_a_file(args: list[str]) -> bool:
    """Whether the command line may be a check of files (`reconcile …`, `FILE …`): other
    commands, help and --version start as fast as before, with no worker."""
    return bool(args) and (args[0] == "reconcile" or os.path.isfile(args[0]))


def _print_version() -> None:
    """Print `mtqg VERSION`; a reader that went away (`| head -c0`) ends it quietly, exit 141."""
    from mtqg_cli import __version__

    try:
        sys.stdout.write(f"mtqg {__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(141) from None  # as guard.quiet_pipe ends a closed pipe
