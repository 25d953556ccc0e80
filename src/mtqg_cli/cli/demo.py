"""`mtqg demo`: check a sample form shipped with mtqg, or copy the samples out."""

# No `from __future__ import annotations`: typer reads the command's annotations at definition.
from pathlib import Path
from typing import Annotated

import typer

from mtqg_cli.cli.options import (
    FormatOption,
    Lang,
    LangOption,
    OutputFormat,
    ReportOutputOption,
    WidthOption,
)
from mtqg_cli.cli.output import emit


def demo(
    output_format: FormatOption = OutputFormat.table,
    output: ReportOutputOption = None,
    lang: LangOption = Lang.vi,
    width: WidthOption = None,
    copy_to: Annotated[
        Path | None,
        typer.Option("--copy-to", help="Copy the sample forms into this folder instead."),
    ] = None,
) -> None:
    """Check a sample form shipped with mtqg, whose discrepancies are planted on purpose."""
    from mtqg_cli.app.demo import copy_samples, demo_hint, demo_report
    from mtqg_cli.model.errors import UsageError

    if copy_to is not None:
        typer.echo(copy_samples(copy_to, lang.value))
        return
    if output_format is OutputFormat.xlsx and output is None:
        raise UsageError("needs_output", format="xlsx")
    emit(demo_report(lang.value), output_format, output, lang.value, width)
    if output_format is OutputFormat.table and output is None:
        typer.echo(demo_hint(lang.value))
