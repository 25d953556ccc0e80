"""`mtqg template`: write the standard reporting form for units to fill in."""

# No `from __future__ import annotations`: typer reads the command's annotations at definition.
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from mtqg_cli.cli.options import Lang, LangOption, UnitChoice


def template(
    output: Annotated[Path, typer.Argument(help="The .xlsx form to write.", show_default=False)],
    unit: Annotated[UnitChoice, typer.Option("--unit", help="Unit of the amounts.")] = (
        UnitChoice.trieu
    ),
    year: Annotated[
        int | None,
        typer.Option("--year", min=2021, max=2100, help="Plan year [default: this year]."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOption = Lang.vi,
) -> None:
    """Write the standard reporting form (.xlsx) for units to fill in."""
    from mtqg_cli.form.options import UNIT_CHOICES
    from mtqg_cli.model.errors import UsageError
    from mtqg_cli.report.template import write_template
    from mtqg_cli.words.template import WRITTEN

    if output.suffix.lower() != ".xlsx":
        raise UsageError("template_suffix", path=str(output))
    if output.exists() and not force:
        raise UsageError("template_exists", path=str(output))
    this_year = min(max(datetime.now().year, 2021), 2100)
    write_template(output, unit=UNIT_CHOICES[unit.value], year=year or this_year)
    typer.echo(WRITTEN["en" if lang is Lang.en else "vi"].format(path=output))
