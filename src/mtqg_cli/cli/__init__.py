"""The command line: one module per command, each parsing its options, calling one use case
(`mtqg_cli.app`), rendering the result and choosing the exit code, all run in one guard."""

# No `from __future__ import annotations` here: typer would then compile every option's
# annotation string on each run (~8 ms of `mtqg --help`); evaluated once at definition instead.
import sys
from pathlib import Path
from typing import Annotated

import typer

from mtqg_cli import __version__
from mtqg_cli.cli.compare import compare
from mtqg_cli.cli.demo import demo
from mtqg_cli.cli.fix import fix
from mtqg_cli.cli.guard import guarded
from mtqg_cli.cli.history import history
from mtqg_cli.cli.inspect import inspect
from mtqg_cli.cli.reconcile import reconcile
from mtqg_cli.cli.schema import schema
from mtqg_cli.cli.template import template

__all__ = ["SPREADSHEETS", "app", "main"]

app = typer.Typer(
    name="mtqg",
    help="Đối soát biểu giải ngân CTMTQG DTTS&MN (QĐ 1719/QĐ-TTg). "
    "Reconcile disbursement spreadsheets of the national target programme.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with rich costs more than the rest of start-up
)

for command in (reconcile, inspect, compare, history, template, schema, demo, fix):
    app.command()(guarded(command))  # in this order in `mtqg --help`


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtqg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """mtqg: đối soát biểu giải ngân vốn CTMTQG DTTS&MN."""


SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def _names_files(args: list[str]) -> bool:
    """Whether the command line starts with a workbook or folder instead of a command."""
    if not args or args[0].startswith("-"):
        return False
    if args[0] in {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}:
        return False
    first = Path(args[0])
    return first.suffix.lower() in SPREADSHEETS or first.exists()


def main() -> None:
    """Console-script entry point."""
    from mtqg_cli.render.stdio import protect_stdio

    protect_stdio()
    from mtqg_cli.app import interrupt
    from mtqg_cli.words.cli import wanted_lang

    if wanted_lang(sys.argv[1:]) == "vi":  # help and usage errors in Vietnamese
        from mtqg_cli.cli.vietnamese import install_vietnamese

        install_vietnamese()
    if _names_files(sys.argv[1:]):  # `mtqg FILE…`: check the files
        sys.argv.insert(1, "reconcile")
    interrupt.install()
    try:
        app(prog_name="mtqg")
    except SystemExit:  # typer ends a run stopped by Ctrl-C or SIGTERM with exit code 130
        interrupt.report_stop()
        raise
