"""`mtqg reconcile`: check workbooks, print or write the report, record the run; exit 0/1/2."""

# No `from __future__ import annotations`: typer reads the command's annotations at definition.
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from mtqg_cli.cli.options import (
    CompareWhat,
    DebugOption,
    FailOn,
    FormatOption,
    Lang,
    LangOption,
    LayoutOption,
    NumberStyle,
    OutputFormat,
    ReaderChoice,
    ReaderOption,
    ReportOutputOption,
    SheetOption,
    UnitChoice,
    WidthOption,
)
from mtqg_cli.cli.output import emit, print_notes, progress_bar, say_copies


def reconcile(
    paths: Annotated[
        list[Path], typer.Argument(help="Workbooks, or folders of workbooks.", show_default=False)
    ],
    output_format: FormatOption = OutputFormat.table,
    output: ReportOutputOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Lowest severity that makes the exit code 1 [default: error]."
        ),
    ] = None,
    unit: Annotated[
        UnitChoice | None,
        typer.Option("--unit", help="Unit of the sheet's amounts, overriding its unit line."),
    ] = None,
    lang: LangOption = Lang.vi,
    sheet: SheetOption = None,
    tolerance: Annotated[
        str | None,
        typer.Option(
            "--tolerance",
            help="Amount tolerance in đồng, written as the tables do [default: 1.000].",
        ),
    ] = None,
    number_style: Annotated[
        NumberStyle,
        typer.Option("--number-style", help="How numbers stored as text are written."),
    ] = NumberStyle.vi,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Look into sub-folders too.")
    ] = False,
    exclude_errors: Annotated[
        bool,
        typer.Option("--exclude-errors", help="Leave files with errors out of the consolidation."),
    ] = False,
    keep_duplicates: Annotated[
        bool,
        typer.Option("--keep-duplicates", help="Count both files of a unit's resubmission."),
    ] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", "-j", min=1, help="Processes (default: all cores).")
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="Write copies of the files with faulty cells marked here."),
    ] = None,
    max_size: Annotated[
        int, typer.Option("--max-size", min=1, help="Largest uncompressed input, in MB.")
    ] = 256,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Most rows a sheet may span.")
    ] = 100_000,
    max_columns: Annotated[
        int, typer.Option("--max-columns", min=1, help="Most columns a sheet may span.")
    ] = 256,
    max_cells: Annotated[
        int, typer.Option("--max-cells", min=1, help="Most cells (rows x columns) of a sheet.")
    ] = 5_000_000,
    max_cell_length: Annotated[
        int, typer.Option("--max-cell-length", min=1, help="Most characters in one cell.")
    ] = 32_767,
    against: Annotated[
        Path | None,
        typer.Option("--against", help="Another source (the Treasury's) to match the lines with."),
    ] = None,
    compare: Annotated[
        CompareWhat, typer.Option("--compare", help="Which figures --against compares.")
    ] = CompareWhat.disbursed,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="TOML [against.mapping]: the source's codes → ours."),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option("--store", help="Record the run in this history (SQLite file or URL)."),
    ] = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Do not record the run in the history.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    width: WidthOption = None,
    debug: DebugOption = False,
    layout: LayoutOption = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="mtqg.toml or pyproject.toml to use (default: found)."),
    ] = None,
    waivers: Annotated[
        Path | None,
        typer.Option("--waivers", help="Waivers file (default: mtqg-waivers.toml, found)."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Earlier JSON report: fail only on new findings."),
    ] = None,
    write_baseline: Annotated[
        bool,
        typer.Option("--write-baseline", help="Write this run's findings as the baseline."),
    ] = False,
    rate_tolerance: Annotated[
        str | None,
        typer.Option("--rate-tolerance", help="Rate tolerance in percentage points, e.g. 0,5."),
    ] = None,
    reader: ReaderOption = ReaderChoice.calamine,
    today: Annotated[
        datetime | None,
        typer.Option("--today", hidden=True, formats=["%Y-%m-%d"], help="Date waivers expire by."),
    ] = None,
) -> None:
    """Check disbursement workbooks and report every discrepancy with its cell."""
    from mtqg_cli.read.limit_values import Limits
    from mtqg_cli.read.prefetch import start_prefetch

    limits = Limits(max_size * 1024 * 1024, max_rows, max_columns, max_cells, max_cell_length)
    prefetch = start_prefetch(paths, limits, reader.value, quiet=not debug)  # before the imports
    from mtqg_cli.app import reconcile as use_case
    from mtqg_cli.app.options import configured, pinned
    from mtqg_cli.app.run import collector_paused, exit_code
    from mtqg_cli.config.option_values import read_dong, read_percent
    from mtqg_cli.config.settings import load_config
    from mtqg_cli.form.options import UNIT_CHOICES, Options
    from mtqg_cli.model.errors import UsageError

    try:
        dong = read_dong(tolerance, "--tolerance") if tolerance is not None else None
        points = read_percent(rate_tolerance, "--rate-tolerance") if rate_tolerance else None
        options = Options(
            unit=UNIT_CHOICES[unit.value] if unit else None, lang=lang.value, sheet=sheet,
            tolerance=dong if dong is not None else 1_000, number_style=number_style.value,
            debug=debug, recursive=recursive, exclude_errors=exclude_errors, workers=workers,
            limits=limits, reader=reader.value, keep_duplicates=keep_duplicates,
        )  # fmt: skip
        options = pinned(options, layout)
        conf = load_config(config, waivers, lang=lang.value)
        options = configured(options, conf, unit and unit.value, dong, points)
        fail = fail_on.value if fail_on else conf.settings.fail_on or "error"
        if output_format is OutputFormat.xlsx and output is None:
            raise UsageError("needs_output", format="xlsx")
        other = use_case.Against(against, compare.value, mapping) if against is not None else None
        request = use_case.Request(
            paths, options, conf, against=other, baseline=baseline,
            write_baseline=write_baseline, today=today.date() if today else None,
        )  # fmt: skip
        done = use_case.reconcile(request, prefetch, progress_bar(quiet, lang.value))
        with collector_paused():  # a big sheet's history rows alone are 50,000 tuples
            emit(done.report, output_format, output, lang.value, width, fail_on=fail,
                 rule_settings=conf.settings.rules)  # fmt: skip
            print_notes(done.notes, output_format, output, width)
            if annotate is not None:
                from mtqg_cli.report.annotate import annotate_copies

                copies = annotate_copies(done.report, annotate, lang=lang.value)
                say_copies(copies, annotate, lang.value)
            skipped = use_case.store_run(done.report, store, no_store, lang.value)
            if skipped is not None:
                sys.stderr.write(skipped + "\n")
    finally:
        if prefetch is not None:
            prefetch.close()  # a run that stopped before its file was checked
    raise typer.Exit(exit_code(done.report, fail))
