"""`mtqg history`: each unit's disbursement rate per project, quarter by quarter."""

# No `from __future__ import annotations`: typer reads the command's annotations at definition.
from typing import Annotated

import typer

from mtqg_cli.cli.options import (
    DebugOption,
    Kind,
    Lang,
    OutputFormat,
    OutputOption,
    ShortLangOption,
    WidthOption,
)
from mtqg_cli.cli.output import emit_view, say_written


def history(
    store: Annotated[
        str | None, typer.Option("--store", help="The history (SQLite file or database URL).")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only units whose name has this.")
    ] = None,
    project: Annotated[
        str | None, typer.Option("--project", help="Only this project code.")
    ] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="Capital type of the rate.")] = Kind.total,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, json or xlsx.")
    ] = OutputFormat.table,
    output: OutputOption = None,
    lang: ShortLangOption = Lang.vi,
    width: WidthOption = None,
    debug: DebugOption = False,
    last: Annotated[
        int, typer.Option("--last", min=1, help="Only the figures of the last N runs.")
    ] = 20,
    every_run: Annotated[
        bool, typer.Option("--all", help="Every run recorded, not only the last ones.")
    ] = False,
) -> None:
    """Show each unit's disbursement rate per project, quarter by quarter, from the history."""
    from mtqg_cli.app.history import read_history
    from mtqg_cli.model.errors import UsageError

    if output_format not in (OutputFormat.table, OutputFormat.json, OutputFormat.xlsx):
        raise UsageError("format_not_supported", command="history", format=output_format.value)
    if output_format is OutputFormat.xlsx and output is None:
        raise UsageError("needs_output", format="xlsx")
    found = read_history(store, unit=unit, project=project, kind=kind.value,
                         last=None if every_run else last)  # fmt: skip
    if output_format is OutputFormat.xlsx:
        from mtqg_cli.report.history_xlsx import write_history_xlsx

        assert output is not None
        write_history_xlsx(found, output, lang=lang.value)
        say_written(output, lang.value)
        return
    from mtqg_cli.render.compare_view import render_history

    emit_view(found, lambda console: render_history(found, console, lang=lang.value),
                  output_format, output, lang.value, width)  # fmt: skip
