"""The command line: parse options, call the pipeline, render the report, choose the exit code."""

# No `from __future__ import annotations` here: typer would then compile every option's
# annotation string on each run (~8 ms of `mtqg --help`); evaluated once at definition instead.
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from mtqg_cli import __version__
from mtqg_cli.guard import guarded

app = typer.Typer(
    name="mtqg",
    help="Đối soát biểu giải ngân CTMTQG DTTS&MN (QĐ 1719/QĐ-TTg). "
    "Reconcile disbursement spreadsheets of the national target programme.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with rich costs more than the rest of start-up
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class UnitChoice(str, Enum):
    trieu = "trieu"
    nghin = "nghin"
    dong = "dong"
    ty = "ty"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class NumberStyle(str, Enum):
    vi = "vi"
    en = "en"


class CompareWhat(str, Enum):
    disbursed = "disbursed"
    plan = "plan"


class Kind(str, Enum):
    total = "total"
    dtpt = "dtpt"
    sn = "sn"


class ReaderChoice(str, Enum):
    calamine = "calamine"
    openpyxl = "openpyxl"


WidthOption = Annotated[
    int | None, typer.Option("--width", min=60, help="Table width in characters.")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures.")]
ReaderOption = Annotated[
    ReaderChoice,
    typer.Option(
        "--reader",
        help="How .xlsx/.xlsm are read. openpyxl: the slow reference reader, "
        "for a file the fast reader gets wrong.",
    ),
]
"""Options every command declares the same way, written once."""


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


@app.command()
@guarded
def reconcile(
    paths: Annotated[
        list[Path], typer.Argument(help="Workbooks, or folders of workbooks.", show_default=False)
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
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
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages.")] = Lang.vi,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Read only this sheet.")] = None,
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
    layout: Annotated[
        Path | None,
        typer.Option("--layout", help="TOML file whose [layout] pins header rows, columns, unit."),
    ] = None,
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
    from mtqg_cli.limit_values import Limits
    from mtqg_cli.prefetch import start_prefetch

    limits = Limits(max_size * 1024 * 1024, max_rows, max_columns, max_cells, max_cell_length)
    prefetch = start_prefetch(paths, limits, reader.value, quiet=not debug)  # before the imports
    from mtqg_cli.collector import resume_after_start_up
    from mtqg_cli.errors import MtqgError, UsageError
    from mtqg_cli.option_values import read_dong, read_percent
    from mtqg_cli.pipeline import UNIT_CHOICES, Options, collect_inputs, collector_paused, exit_code

    try:
        dong = read_dong(tolerance, "--tolerance") if tolerance is not None else None
        points = read_percent(rate_tolerance, "--rate-tolerance") if rate_tolerance else None
        options = Options(
            unit=UNIT_CHOICES[unit.value] if unit else None,
            lang=lang.value,
            sheet=sheet,
            tolerance=dong if dong is not None else 1_000,
            number_style=number_style.value,
            debug=debug,
            recursive=recursive,
            exclude_errors=exclude_errors,
            workers=workers,
            limits=limits,
            reader=reader.value,
            keep_duplicates=keep_duplicates,
        )
        if layout is not None:
            from dataclasses import replace

            from mtqg_cli.pinning import load_pin

            options = replace(options, layout=load_pin(layout))
        from mtqg_cli.config import load_config
        from mtqg_cli.review import review

        conf = load_config(config, waivers, lang=lang.value)
        options = _configured(options, conf, unit, dong, points)
        fail = fail_on.value if fail_on else conf.settings.fail_on or "error"
        if output_format is OutputFormat.xlsx and output is None:
            raise UsageError("needs_output", format="xlsx")
        files = collect_inputs(paths, options)
        resume_after_start_up()  # what checks is loaded: the collector on for the run itself
        report = _run(files, options, prefetch, show_progress=not quiet and len(files) > 1)
        if against is not None:
            _against(report, against, compare.value, mapping, options)
        day = today.date() if today else None
        with collector_paused():  # a big sheet's history rows alone are 50,000 tuples
            notes = review(report, conf, baseline=baseline, write_baseline=write_baseline,
                           today=day, lang=lang.value)  # fmt: skip
            _emit(report, output_format, output, lang.value, width, fail_on=fail,
                  rule_settings=conf.settings.rules)  # fmt: skip
            _notes(notes, output_format, output, width)
            if annotate is not None:
                from mtqg_cli.annotate import annotate_copies

                copies = annotate_copies(report, annotate, lang=lang.value)
                say_copies(copies, annotate, lang.value)
            _store(report, store, no_store, lang.value)
    except MtqgError as exc:
        _fail(exc, lang.value, width)
    except Exception as exc:
        if debug:
            raise
        _fail_unexpected(exc, lang.value, width)
    finally:
        if prefetch is not None:
            prefetch.close()  # a run that stopped before its file was checked
    raise typer.Exit(exit_code(report, fail))


def _run(files: list[Path], options: Any, prefetch: Any, *, show_progress: bool) -> Any:
    from mtqg_cli.pipeline import reconcile_files

    if not (show_progress and sys.stderr.isatty()):  # no bar: rich need not even be imported
        return reconcile_files(files, options, None, prefetch)
    from mtqg_cli.render import batch_progress

    with batch_progress(len(files), enabled=True, lang=options.lang) as tick:
        return reconcile_files(files, options, tick, prefetch)


def _emit(
    report: Any,
    fmt: OutputFormat,
    output: Path | None,
    lang: str,
    width: int | None,
    *,
    fail_on: str = "error",
    rule_settings: Mapping[str, str] | None = None,
) -> None:
    from mtqg_cli import writers

    inputs = [Path(f.path) for f in report.files]
    if fmt is OutputFormat.table and output is None:
        _print_tables(report, lang, width)
    elif fmt is OutputFormat.table:
        import io

        assert output is not None
        buffer = io.StringIO()
        _print_tables(report, lang, width or 120, buffer)
        writers.write_atomically(output, buffer.getvalue(), inputs=inputs)
        say_written(output, lang)
    elif fmt is OutputFormat.xlsx:
        from mtqg_cli.xlsx_report import write_xlsx_report

        assert output is not None
        write_xlsx_report(report, output, lang=lang, inputs=inputs)
        say_written(output, lang)
    else:
        from mtqg_cli.stdio import write_report

        text: str | bytes
        if fmt is OutputFormat.html:
            from mtqg_cli.html_report import render_html

            text = render_html(report, lang)
        else:
            text = _text(report, fmt, lang, fail_on, rule_settings)
        if output is None:
            write_report(text)
        else:
            writers.write_atomically(output, text, inputs=inputs)
            say_written(output, lang)


def _configured(
    options: Any, conf: Any, unit: Any, tolerance: int | None, rate_tolerance: float | None
) -> Any:
    """The options with the configuration's settings where the command line left them unset."""
    from dataclasses import replace

    from mtqg_cli.pipeline import UNIT_CHOICES

    settings = conf.settings
    changes: dict[str, Any] = {
        "default_unit": UNIT_CHOICES[settings.default_unit] if settings.default_unit else None,
        "sheets": tuple(settings.sheets or ()),
        "rule_settings": tuple(settings.rules.items()),
        "rate_tolerance": rate_tolerance if rate_tolerance is not None else 0.0,
    }
    if unit is None and settings.unit:
        changes["unit"] = UNIT_CHOICES[settings.unit]
    if tolerance is None and settings.tolerance is not None:
        changes["tolerance"] = settings.tolerance
    if rate_tolerance is None and settings.rate_tolerance is not None:
        changes["rate_tolerance"] = settings.rate_tolerance
    if settings.layout is not None and getattr(options, "layout", None) is None:
        from mtqg_cli.pinning import pin_from_table

        changes["layout"] = pin_from_table(settings.layout, str(conf.path))
    return replace(options, **changes)


def _text(
    report: Any, fmt: OutputFormat, lang: str, fail_on: str, rule_settings: Mapping[str, str] | None
) -> str | bytes:
    from mtqg_cli import writers

    if fmt is OutputFormat.json:
        return writers.json_bytes(report)

    if fmt is OutputFormat.junit or fmt is OutputFormat.github:
        from mtqg_cli.ci_formats import to_github, to_junit

        render = to_junit if fmt is OutputFormat.junit else to_github
        return render(report, fail_on=fail_on, lang=lang)
    if fmt is OutputFormat.sarif:
        from mtqg_cli.sarif import to_sarif

        return to_sarif(report, lang=lang, rule_settings=rule_settings)
    from mtqg_cli.text_reports import to_csv, to_markdown

    return to_csv(report, lang) if fmt is OutputFormat.csv else to_markdown(report, lang)


def _notes(notes: list[str], fmt: OutputFormat, output: Path | None, width: int | None) -> None:
    """Waivers that expired or match nothing, and the baseline's counts, on stderr."""
    if not notes or (fmt is OutputFormat.github and output is None):
        return
    from mtqg_cli.render import make_console

    console = make_console(width=width, file=sys.stderr)
    for note in notes:
        console.print(note, markup=False, highlight=False, soft_wrap=True)


def _print_tables(report: Any, lang: str, width: int | None, file: Any = None) -> None:
    from mtqg_cli.render import make_console, render_batch, render_error, render_report

    console = make_console(width=width, file=file, color=False if file else None)
    if len(report.files) == 1 and report.files[0].error:
        render_error(report.files[0].error, make_console(width=width, file=file or sys.stderr))
    elif len(report.files) == 1:
        render_report(report, console, lang=lang)
    else:
        render_batch(report, console, lang=lang)
    if report.against is not None:
        from mtqg_cli.render.compare_view import render_against

        render_against(report, console, lang=lang)


def _fail(exc: Exception, lang: str, width: int | None) -> NoReturn:
    from mtqg_cli.errors import MtqgError
    from mtqg_cli.messages import file_error
    from mtqg_cli.render import make_console, render_error

    assert isinstance(exc, MtqgError)
    render_error(
        file_error(exc.key, lang, **exc.params), make_console(width=width, file=sys.stderr)
    )
    raise typer.Exit(2)


def _fail_unexpected(exc: Exception, lang: str, width: int | None) -> NoReturn:
    if isinstance(exc, OSError):  # a file that cannot be read or written: the guard says which
        raise exc
    from mtqg_cli.messages import file_error
    from mtqg_cli.render import make_console, render_error

    message = file_error("unexpected", lang, path="", reason=f"{type(exc).__name__}: {exc}")
    render_error(message, make_console(width=width, file=sys.stderr))
    raise typer.Exit(2)


@app.command()
@guarded
def inspect(
    path: Annotated[Path, typer.Argument(help="A workbook.", show_default=False)],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table or json.")
    ] = OutputFormat.table,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Only this sheet.")] = None,
    unit: Annotated[
        UnitChoice | None, typer.Option("--unit", help="Unit of the amounts, overriding the sheet.")
    ] = None,
    layout: Annotated[
        Path | None,
        typer.Option("--layout", help="TOML file whose [layout] pins header rows, columns, unit."),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language.")] = Lang.vi,
    width: WidthOption = None,
    debug: DebugOption = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Configuration file (default: mtqg.toml found upwards)."),
    ] = None,
    reader: ReaderOption = ReaderChoice.calamine,
) -> None:
    """Show how each sheet was understood: table, header, columns, unit, tree of lines."""
    from mtqg_cli.errors import MtqgError, UsageError
    from mtqg_cli.inspect import inspect_file
    from mtqg_cli.pipeline import UNIT_CHOICES, Options

    try:
        if output_format not in (OutputFormat.table, OutputFormat.json):
            raise UsageError("inspect_format", format=output_format.value)
        pin = None
        if layout is not None:
            from mtqg_cli.pinning import load_pin

            pin = load_pin(layout)
        options = Options(
            unit=UNIT_CHOICES[unit.value] if unit else None,
            lang=lang.value,
            sheet=sheet,
            debug=debug,
            layout=pin,
            reader=reader.value,
        )
        from mtqg_cli.config import load_config

        options = _configured(options, load_config(config, None, lang=lang.value), unit, None, None)
        found = inspect_file(path, options)
    except MtqgError as exc:
        _fail(exc, lang.value, width)
    except Exception as exc:
        if debug:
            raise
        _fail_unexpected(exc, lang.value, width)
    if output_format is OutputFormat.json:
        sys.stdout.write(found.model_dump_json(indent=2) + "\n")
        return
    from mtqg_cli.render import make_console
    from mtqg_cli.render.inspect_view import render_inspection

    render_inspection(found, make_console(width=width), lang=lang.value)


def _against(report: Any, source: Path, compare: str, mapping: Path | None, options: Any) -> None:
    from mtqg_cli.against import load_mapping, reconcile_against

    table = load_mapping(mapping) if mapping is not None else {}
    reconcile_against(
        report, source, compare=compare, mapping=table, tolerance=options.tolerance,
        lang=options.lang, options=options,
    )  # fmt: skip


def _store(report: Any, store: str | None, no_store: bool, lang: str = "vi") -> None:
    """Record the run in the history: --store, else $MTQG_STORE, else the user's data folder."""
    from mtqg_cli import store_place

    target = None if no_store else store or store_place.default_store()
    if target is None:
        return
    from mtqg_cli.errors import MtqgError
    from mtqg_cli.history import open_store, record_report  # only when recording

    try:
        opened = open_store(target)
        try:
            record_report(opened, report)
        finally:
            opened.close()
    except MtqgError as exc:
        if store is not None or os.environ.get(store_place.ENV_STORE) is not None:
            raise  # a history the user named: a failed run
        from mtqg_cli.messages import file_error  # the default folder: the run stands

        reason = exc.params.get("reason", exc.key)
        sys.stderr.write(
            file_error("store_default_skipped", lang, store=target, reason=reason) + "\n"
        )


@app.command()
@guarded
def compare(
    earlier: Annotated[Path, typer.Argument(help="The earlier report, or folder.")],
    later: Annotated[Path, typer.Argument(help="The later report, or folder.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table or json.")
    ] = OutputFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = FailOn.error,
    unit: Annotated[
        UnitChoice | None, typer.Option("--unit", help="Unit of the amounts, overriding the sheet.")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages.")] = Lang.vi,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Read only this sheet.")] = None,
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
    from mtqg_cli.compare import compare_reports, comparison_exit_code, refuse_other_units
    from mtqg_cli.errors import MtqgError, UsageError
    from mtqg_cli.pipeline import UNIT_CHOICES, Options, reconcile_paths

    try:
        from mtqg_cli.option_values import read_dong

        dong = read_dong(tolerance, "--tolerance")
        options = Options(
            unit=UNIT_CHOICES[unit.value] if unit else None, lang=lang.value, sheet=sheet,
            tolerance=dong, debug=debug,
        )  # fmt: skip
        if output_format not in (OutputFormat.table, OutputFormat.json):
            raise UsageError("format_not_supported", command="compare", format=output_format.value)
        if earlier.is_dir() != later.is_dir():
            raise UsageError("compare_mixed")
        before, after = reconcile_paths([earlier], options), reconcile_paths([later], options)
        if not force:
            refuse_other_units(before, after)
        result = compare_reports(before, after, tolerance=dong, lang=lang.value)
    except MtqgError as exc:
        _fail(exc, lang.value, width)
    except Exception as exc:
        if debug:
            raise
        _fail_unexpected(exc, lang.value, width)
    _emit_model(result, output_format, output, lang.value, width, "render_comparison")
    raise typer.Exit(comparison_exit_code(result, fail_on.value))


@app.command()
@guarded
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
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language.")] = Lang.vi,
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
    from mtqg_cli.errors import MtqgError, UsageError
    from mtqg_cli.history import History, default_store, load_history, open_store

    try:
        if output_format not in (OutputFormat.table, OutputFormat.json, OutputFormat.xlsx):
            raise UsageError("format_not_supported", command="history", format=output_format.value)
        if output_format is OutputFormat.xlsx and output is None:
            raise UsageError("needs_output", format="xlsx")
        target = store or default_store()
        found = History([], [], kind.value)
        if target is not None and not _store_missing(target, asked=store is not None):
            opened = open_store(target)
            try:
                found = load_history(opened, unit=unit, project=project, kind=kind.value,
                                     last=None if every_run else last)  # fmt: skip
            finally:
                opened.close()
        if output_format is OutputFormat.xlsx:
            from mtqg_cli.history_xlsx import write_history_xlsx

            assert output is not None
            write_history_xlsx(found, output, lang=lang.value)
            say_written(output, lang.value)
            return
    except MtqgError as exc:
        _fail(exc, lang.value, width)
    except Exception as exc:
        if debug:
            raise
        _fail_unexpected(exc, lang.value, width)
    _emit_model(found, output_format, output, lang.value, width, "render_history")


def _store_missing(target: str, *, asked: bool) -> bool:
    """Whether the history file to read does not exist: reading never creates one. Named on
    the command line, that is an error; the default store is simply empty until the first run."""
    from mtqg_cli.errors import UsageError
    from mtqg_cli.history_sqlite import sqlite_path

    path = sqlite_path(target)
    if path is None or path.exists():
        return False
    if asked:
        raise UsageError("store_missing", store=target)
    return True


def _emit_model(
    found: Any, fmt: OutputFormat, output: Path | None, lang: str, width: int | None, view: str
) -> None:
    """Print (or write) a comparison or history: JSON, or the rich view named `view`."""
    import io
    import json
    from dataclasses import asdict, is_dataclass

    from mtqg_cli import writers
    from mtqg_cli.render import compare_view, make_console

    if fmt is OutputFormat.json:
        plain = is_dataclass(found) and not isinstance(found, type)
        data = asdict(found) if plain else found.model_dump(mode="json")
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO() if output is not None else None
        console = make_console(width=width or (120 if buffer else None), file=buffer)
        getattr(compare_view, view)(found, console, lang=lang)
        if buffer is None:
            return
        text = buffer.getvalue()
    if output is None:
        sys.stdout.write(text)
    else:
        writers.write_atomically(output, text, inputs=[])
        say_written(output, lang)


@app.command()
@guarded
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
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages.")] = Lang.vi,
) -> None:
    """Write the standard reporting form (.xlsx) for units to fill in."""
    from mtqg_cli.errors import MtqgError, UsageError
    from mtqg_cli.pipeline import UNIT_CHOICES
    from mtqg_cli.template import WRITTEN, write_template

    try:
        if output.suffix.lower() != ".xlsx":
            raise UsageError("template_suffix", path=str(output))
        if output.exists() and not force:
            raise UsageError("template_exists", path=str(output))
        this_year = min(max(datetime.now().year, 2021), 2100)
        write_template(output, unit=UNIT_CHOICES[unit.value], year=year or this_year)
    except MtqgError as exc:
        _fail(exc, lang.value, None)
    typer.echo(WRITTEN["en" if lang is Lang.en else "vi"].format(path=output))


@app.command()
@guarded
def schema() -> None:
    """Print the JSON schema of the report (`--format json`)."""
    import json

    from mtqg_cli.models import Report

    typer.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@app.command()
@guarded
def demo(
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages.")] = Lang.vi,
    width: WidthOption = None,
    copy_to: Annotated[
        Path | None,
        typer.Option("--copy-to", help="Copy the sample forms into this folder instead."),
    ] = None,
) -> None:
    """Check a sample form shipped with mtqg, whose discrepancies are planted on purpose."""
    from mtqg_cli.demo import copy_samples, demo_hint, demo_report
    from mtqg_cli.errors import MtqgError, UsageError

    try:
        if copy_to is not None:
            typer.echo(copy_samples(copy_to, lang.value))
            return
        if output_format is OutputFormat.xlsx and output is None:
            raise UsageError("needs_output", format="xlsx")
        _emit(demo_report(lang.value), output_format, output, lang.value, width)
    except MtqgError as exc:
        _fail(exc, lang.value, width)
    if output_format is OutputFormat.table and output is None:
        typer.echo(demo_hint(lang.value))


@app.command()
@guarded
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
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages.")] = Lang.vi,
    unit: Annotated[
        UnitChoice | None, typer.Option("--unit", help="Unit of the amounts, overriding the sheet.")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Only this sheet.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing copy.")] = False,
    width: WidthOption = None,
    debug: DebugOption = False,
) -> None:
    """Write a corrected copy: certain mistakes put right, sums and rates as formulas."""
    from mtqg_cli.errors import MtqgError
    from mtqg_cli.fix import fix_file, refusal
    from mtqg_cli.pipeline import UNIT_CHOICES, Options
    from mtqg_cli.render import make_console, render_error
    from mtqg_cli.render.fix_view import render_fix

    options = Options(unit=UNIT_CHOICES[unit.value] if unit else None, lang=lang.value,
                      sheet=sheet, debug=debug)  # fmt: skip
    try:
        result = fix_file(path, output, options, force=force)
    except MtqgError as exc:
        render_error(refusal(exc, lang.value), make_console(width=width, file=sys.stderr))
        raise typer.Exit(2) from None
    except Exception as exc:
        if debug:
            raise
        _fail_unexpected(exc, lang.value, width)
    render_fix(result, make_console(width=width), lang=lang.value)


def say_written(path: Path, lang: str) -> None:
    """Tell the person where the report went (stderr: stdout stays the report's)."""
    from mtqg_cli.messages import done

    typer.echo(done("written", lang, path=path), err=True)


def say_copies(copies: list[Path], folder: Path, lang: str) -> None:
    """How many annotated copies were written, and where."""
    from mtqg_cli.messages import done

    key = "copies" if copies else "no_copies"
    typer.echo(done(key, lang, n=len(copies), folder=folder), err=True)
    for copy in copies:
        typer.echo(f"  {copy}", err=True)


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
    from mtqg_cli.stdio import protect_stdio

    protect_stdio()
    from mtqg_cli import interrupt
    from mtqg_cli.cli_words import wanted_lang

    if wanted_lang(sys.argv[1:]) == "vi":  # help and usage errors in Vietnamese
        from mtqg_cli.cli_help import install_vietnamese

        install_vietnamese()
    if _names_files(sys.argv[1:]):  # `mtqg FILE…`: check the files
        sys.argv.insert(1, "reconcile")
    interrupt.install()
    try:
        app(prog_name="mtqg")
    except SystemExit:  # typer ends a run stopped by Ctrl-C or SIGTERM with exit code 130
        interrupt.report_stop()
        raise
