"""Where a command's result goes: the report in the chosen format to stdout or a file, the
notes and the "written to" lines on stderr (stdout stays the report's)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer

from mtqg_cli.cli.options import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console

    from mtqg_cli.app.reconcile import Progress, Tick
    from mtqg_cli.compare.periods import Comparison
    from mtqg_cli.model.report import Report
    from mtqg_cli.store.history import History


def emit(
    report: Report,
    fmt: OutputFormat,
    output: Path | None,
    lang: str,
    width: int | None,
    *,
    fail_on: str = "error",
    rule_settings: Mapping[str, str] | None = None,
) -> None:
    """Print the report, or write it to `output`, in the format asked for."""
    from mtqg_cli import files

    inputs = [Path(f.path) for f in report.files]
    if fmt is OutputFormat.table and output is None:
        print_tables(report, lang, width)
    elif fmt is OutputFormat.table:
        import io

        assert output is not None
        buffer = io.StringIO()
        print_tables(report, lang, width or 120, buffer)
        files.write_atomically(output, buffer.getvalue(), inputs=inputs)
        say_written(output, lang)
    elif fmt is OutputFormat.xlsx:
        from mtqg_cli.report.xlsx import write_xlsx_report

        assert output is not None
        write_xlsx_report(report, output, lang=lang, inputs=inputs)
        say_written(output, lang)
    else:
        from mtqg_cli.render.stdio import write_report

        text: str | bytes
        if fmt is OutputFormat.html:
            from mtqg_cli.report.html.page import render_html

            text = render_html(report, lang)
        else:
            text = report_text(report, fmt, lang, fail_on, rule_settings)
        if output is None:
            write_report(text)
        else:
            files.write_atomically(output, text, inputs=inputs)
            say_written(output, lang)


def report_text(
    report: Report,
    fmt: OutputFormat,
    lang: str,
    fail_on: str,
    rule_settings: Mapping[str, str] | None,
) -> str | bytes:
    """The report as JSON, JUnit, GitHub annotations, SARIF, CSV or Markdown."""
    from mtqg_cli.report import encoding

    if fmt is OutputFormat.json:
        return encoding.json_bytes(report)
    if fmt is OutputFormat.junit or fmt is OutputFormat.github:
        from mtqg_cli.report.ci import to_github, to_junit

        render = to_junit if fmt is OutputFormat.junit else to_github
        return render(report, fail_on=fail_on, lang=lang)
    if fmt is OutputFormat.sarif:
        from mtqg_cli.report.sarif import to_sarif

        return to_sarif(report, lang=lang, rule_settings=rule_settings)
    from mtqg_cli.report.text_reports import to_csv, to_markdown

    return to_csv(report, lang) if fmt is OutputFormat.csv else to_markdown(report, lang)


def print_tables(report: Report, lang: str, width: int | None, file: IO[str] | None = None) -> None:
    """The terminal's tables: one file's report, or the batch's; the other source's beside."""
    from mtqg_cli.render.batch_view import render_batch
    from mtqg_cli.render.console import make_console, render_error
    from mtqg_cli.render.file_view import render_report

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


def print_notes(
    found: list[str], fmt: OutputFormat, output: Path | None, width: int | None
) -> None:
    """Waivers that expired or match nothing, and the baseline's counts, on stderr."""
    if not found or (fmt is OutputFormat.github and output is None):
        return
    from mtqg_cli.render.console import make_console

    console = make_console(width=width, file=sys.stderr)
    for note in found:
        console.print(note, markup=False, highlight=False, soft_wrap=True)


def emit_view(
    found: Comparison | History,
    draw: Callable[[Console], None],
    fmt: OutputFormat,
    output: Path | None,
    lang: str,
    width: int | None,
) -> None:
    """Print (or write) a comparison or history: JSON, or the terminal view `draw` prints."""
    import io
    import json
    from dataclasses import asdict, is_dataclass

    from mtqg_cli import files
    from mtqg_cli.render.console import make_console

    if fmt is OutputFormat.json:
        data = asdict(found) if is_dataclass(found) else found.model_dump(mode="json")
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO() if output is not None else None
        draw(make_console(width=width or (120 if buffer else None), file=buffer))
        if buffer is None:
            return
        text = buffer.getvalue()
    if output is None:
        sys.stdout.write(text)
    else:
        files.write_atomically(output, text, inputs=[])
        say_written(output, lang)


def say_written(path: Path, lang: str) -> None:
    """Tell the person where the report went (stderr: stdout stays the report's)."""
    from mtqg_cli.words.messages import done

    typer.echo(done("written", lang, path=path), err=True)


def say_copies(copies: list[Path], folder: Path, lang: str) -> None:
    """How many annotated copies were written, and where."""
    from mtqg_cli.words.messages import done

    key = "copies" if copies else "no_copies"
    typer.echo(done(key, lang, n=len(copies), folder=folder), err=True)
    for copy in copies:
        typer.echo(f"  {copy}", err=True)


def progress_bar(quiet: bool, lang: str) -> Progress:
    """The progress bar of a batch on a terminal; none for one file, --quiet or a pipe."""

    def shown(total: int) -> AbstractContextManager[Tick | None]:
        if quiet or total <= 1 or not sys.stderr.isatty():  # no bar: rich need not be imported
            return nullcontext()
        from mtqg_cli.render.progress import batch_progress

        return batch_progress(total, enabled=True, lang=lang)

    return shown
