"""`mtqg inspect`: how each sheet of a workbook was understood, as tables or JSON."""

# No `from __future__ import annotations`: typer reads the command's annotations at definition.
import sys
from pathlib import Path
from typing import Annotated

import typer

from mtqg_cli.cli.options import (
    DebugOption,
    Lang,
    LayoutOption,
    OnlySheetOption,
    OutputFormat,
    ReaderChoice,
    ReaderOption,
    ShortLangOption,
    TableOrJsonOption,
    UnitOverrideOption,
    WidthOption,
)


def inspect(
    path: Annotated[Path, typer.Argument(help="A workbook.", show_default=False)],
    output_format: TableOrJsonOption = OutputFormat.table,
    sheet: OnlySheetOption = None,
    unit: UnitOverrideOption = None,
    layout: LayoutOption = None,
    lang: ShortLangOption = Lang.vi,
    width: WidthOption = None,
    debug: DebugOption = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Configuration file (default: mtqg.toml found upwards)."),
    ] = None,
    reader: ReaderOption = ReaderChoice.calamine,
) -> None:
    """Show how each sheet was understood: table, header, columns, unit, tree of lines."""
    from mtqg_cli.app.inspection import inspect_file
    from mtqg_cli.app.options import configured, pinned
    from mtqg_cli.form.options import UNIT_CHOICES, Options
    from mtqg_cli.model.errors import UsageError

    if output_format not in (OutputFormat.table, OutputFormat.json):
        raise UsageError("inspect_format", format=output_format.value)
    options = Options(
        unit=UNIT_CHOICES[unit.value] if unit else None, lang=lang.value, sheet=sheet,
        debug=debug, reader=reader.value,
    )  # fmt: skip
    options = pinned(options, layout)
    from mtqg_cli.config.settings import load_config

    conf = load_config(config, None, lang=lang.value)
    found = inspect_file(path, configured(options, conf, unit and unit.value, None, None))
    if output_format is OutputFormat.json:
        sys.stdout.write(found.model_dump_json(indent=2) + "\n")
        return
    from mtqg_cli.render.console import make_console
    from mtqg_cli.render.inspect_view import render_inspection

    render_inspection(found, make_console(width=width), lang=lang.value)
