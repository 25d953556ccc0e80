"""`mtqg fix`: write a corrected copy of a workbook; a refusal says why, exit 2."""

# No `from __future__ import annotations`: typer reads the command's annotations at definition.
import sys
from pathlib import Path
from typing import Annotated

import typer

from mtqg_cli.cli.options import (
    DebugOption,
    Lang,
    LangOption,
    OnlySheetOption,
    UnitOverrideOption,
    WidthOption,
)


def fix(
    path: Annotated[
        Path, typer.Argument(help="The workbook to correct (.xlsx, .xlsm).", show_default=False)
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The corrected copy to write (never the input).",
            show_default=False,
        ),
    ],
    lang: LangOption = Lang.vi,
    unit: UnitOverrideOption = None,
    sheet: OnlySheetOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing copy.")] = False,
    width: WidthOption = None,
    debug: DebugOption = False,
) -> None:
    """Write a corrected copy: certain mistakes put right, sums and rates as formulas."""
    from mtqg_cli.app.fix import fix_file, refusal
    from mtqg_cli.form.options import UNIT_CHOICES, Options
    from mtqg_cli.model.errors import MtqgError
    from mtqg_cli.render.console import make_console, render_error
    from mtqg_cli.render.fix_view import render_fix

    options = Options(unit=UNIT_CHOICES[unit.value] if unit else None, lang=lang.value,
                      sheet=sheet, debug=debug)  # fmt: skip
    try:
        result = fix_file(path, output, options, force=force)
    except MtqgError as exc:  # a refusal, in fix's own words
        render_error(refusal(exc, lang.value), make_console(width=width, file=sys.stderr))
        raise typer.Exit(2) from None
    render_fix(result, make_console(width=width), lang=lang.value)
