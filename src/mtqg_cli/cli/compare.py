"""`mtqg compare`: two periods of the same unit side by side; exit 0/1/2."""

# No `from __future__ import annotations`: typer reads the command's annotations at definition.
from pathlib import Path
from typing import Annotated

import typer

from mtqg_cli.cli.options import (
    DebugOption,
    FailOn,
    Lang,
    LangOption,
    OutputFormat,
    OutputOption,
    SheetOption,
    TableOrJsonOption,
    UnitOverrideOption,
    WidthOption,
)
from mtqg_cli.cli.output import emit_view


def compare(
    earlier: Annotated[Path, typer.Argument(help="The earlier report, or folder.")],
    later: Annotated[Path, typer.Argument(help="The later report, or folder.")],
    output_format: TableOrJsonOption = OutputFormat.table,
    output: OutputOption = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = FailOn.error,
    unit: UnitOverrideOption = None,
    lang: LangOption = Lang.vi,
    sheet: SheetOption = None,
    tolerance: Annotated[
        str, typer.Option("--tolerance", help="Amount tolerance in đồng, e.g. 1.000.")
    ] = "1.000",
    width: WidthOption = None,
    debug: DebugOption = False,
    force: Annotated[
        bool, typer.Option("--force", help="Compare even two files of different units.")
    ] = False,
) -> None:
    """Compare two periods of the same unit (two files, or two folders matched by unit)."""
    from mtqg_cli.app.compare import compare_periods
    from mtqg_cli.compare.periods import comparison_exit_code
    from mtqg_cli.config.option_values import read_dong
    from mtqg_cli.form.options import UNIT_CHOICES, Options
    from mtqg_cli.model.errors import UsageError

    dong = read_dong(tolerance, "--tolerance")
    options = Options(
        unit=UNIT_CHOICES[unit.value] if unit else None, lang=lang.value, sheet=sheet,
        tolerance=dong, debug=debug,
    )  # fmt: skip
    if output_format not in (OutputFormat.table, OutputFormat.json):
        raise UsageError("format_not_supported", command="compare", format=output_format.value)
    result = compare_periods(earlier, later, options, force=force)
    from mtqg_cli.render.compare_view import render_comparison

    emit_view(result, lambda console: render_comparison(result, console, lang=lang.value),
                  output_format, output, lang.value, width)  # fmt: skip
    raise typer.Exit(comparison_exit_code(result, fail_on.value))
